//! Request plumbing: the JSON body extractor and the Basic-auth gate, both answering in
//! Stytch's error shape.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::de::DeserializeOwned;

use crate::app::Shared;
use crate::errors::ApiError;

/// A JSON request body; anything unreadable becomes a 400 `bad_request`. An empty body reads
/// as `{}`, so endpoints whose fields are all optional accept it.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), "bad_request", e.body_text()))?;
        let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(bytes).map(Body).map_err(|e| {
            ApiError::bad_request(format!("The request body does not fit this endpoint: {e}."))
        })
    }
}

/// Requires HTTP Basic auth with the project id and secret, except on `/v1/public/*`
/// (the M2M token endpoint authenticates its client in the body, as Stytch's does).
pub async fn require_project_auth(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/v1/public/") {
        return next.run(req).await;
    }
    match basic_credentials(req.headers()) {
        Some((id, secret)) if id == app.project_id && same_secret(&secret, &app.secret) => {
            next.run(req).await
        }
        Some(_) => ApiError::unauthorized("The project id and secret do not match this project.")
            .into_response(),
        None => {
            ApiError::unauthorized("Send the project id and secret with HTTP Basic authentication.")
                .into_response()
        }
    }
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

/// Compares secrets without stopping at the first differing byte.
pub fn same_secret(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, byte) in b.iter().enumerate() {
        diff |= usize::from(a.get(i).copied().unwrap_or(0) ^ byte);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn parses_basic_credentials() {
        let mut headers = HeaderMap::new();
        let encoded = STANDARD.encode("project-test-1:secret:with:colons");
        headers.insert(
            AUTHORIZATION,
            HeaderValue::from_str(&format!("Basic {encoded}")).unwrap(),
        );
        assert_eq!(
            basic_credentials(&headers),
            Some(("project-test-1".into(), "secret:with:colons".into()))
        );
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Bearer abc"));
        assert_eq!(basic_credentials(&headers), None);
        headers.insert(AUTHORIZATION, HeaderValue::from_static("Basic !!!"));
        assert_eq!(basic_credentials(&headers), None);
    }

    #[test]
    fn secret_comparison_needs_an_exact_match() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abd", "abc"));
        assert!(!same_secret("ab", "abc"));
        assert!(!same_secret("abcd", "abc"));
        assert!(!same_secret("", "abc"));
    }
}
