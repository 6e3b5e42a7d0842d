//! Request plumbing: the body, query and path extractors and the Basic-auth gate, all
//! answering in Stytch's error shape, and [`ok`], which every success goes through.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, MatchedPath, Request, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::ids;

/// A success: `body` (an object) with `status_code` 200 and a fresh `request_id` added, as
/// every Stytch response carries them.
pub fn ok(mut body: Value) -> ApiResult {
    if let Value::Object(map) = &mut body {
        map.insert("status_code".into(), json!(200));
        map.insert("request_id".into(), json!(ids::request_id()));
    }
    Ok(Json(body))
}

/// `{ "status_code": 200, "request_id": ... }`
pub fn ok_empty() -> ApiResult {
    ok(json!({}))
}

/// A JSON request body; anything unreadable becomes a 400 `bad_request`. An empty body reads
/// as `{}`, so endpoints whose fields are all optional accept it.
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::new(e.status(), "bad_request", e.body_text()))?;
        parse_json(&bytes).map(Body)
    }
}

pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        bytes
    };
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::bad_request(format!("The request body does not fit this endpoint: {e}."))
    })
}

/// The query string as name → value (the last value wins when a name repeats).
pub struct QueryMap(pub HashMap<String, String>);

impl QueryMap {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A required parameter, or 400 naming it.
    pub fn require(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad_request(format!("The query needs {name}.")))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for QueryMap {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or("");
        Ok(QueryMap(
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        ))
    }
}

/// Path parameters; a malformed one is a 400 in Stytch's shape.
pub struct PathArgs<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathArgs<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| PathArgs(p.0))
            .map_err(|e| ApiError::bad_request(e.body_text()))
    }
}

/// Paths anyone may call: the JWKS (public keys) and `/v1/public/*` (the M2M token
/// endpoint, which authenticates its client itself).
fn is_public(path: &str) -> bool {
    path.starts_with("/v1/public/")
        || path.starts_with("/v1/sessions/jwks/")
        || path.starts_with("/v1/b2b/sessions/jwks/")
}

/// Requires HTTP Basic auth with the project id and secret on every served route except the
/// public ones.
pub async fn require_project_auth(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if is_public(req.uri().path()) {
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

/// Counts the request against its route, whether or not it is then let through.
pub async fn count_request(State(app): State<Shared>, req: Request, next: Next) -> Response {
    if let Some(route) = req.extensions().get::<MatchedPath>() {
        app.requests.add(req.method().as_str(), route.as_str());
    }
    next.run(req).await
}

pub fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
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

    #[test]
    fn only_keys_and_the_token_endpoint_are_public() {
        assert!(is_public("/v1/sessions/jwks/project-test-1"));
        assert!(is_public("/v1/b2b/sessions/jwks/project-test-1"));
        assert!(is_public("/v1/public/project-test-1/oauth2/token"));
        assert!(!is_public("/v1/sessions/authenticate"));
        assert!(!is_public("/v1/sessions/jwksx"));
    }
}
