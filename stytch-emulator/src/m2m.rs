//! Machine-to-machine clients and the OAuth 2.0 client-credentials token endpoint.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::http::{same_secret, Body};
use crate::ids;
use crate::state::M2mClient;

/// Access tokens live an hour.
pub const TOKEN_LIFETIME_SECONDS: i64 = 3600;

/// Client secrets are compared by digest: a token request is a hot path, and a SHA-256 of
/// a long random secret is as safe to keep as a slow hash of it.
fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_scopes(scopes: &[String]) -> Result<(), ApiError> {
    match scopes
        .iter()
        .find(|s| s.is_empty() || s.chars().any(char::is_whitespace))
    {
        Some(bad) => Err(ApiError::bad(
            "invalid_m2m_client_scope",
            format!("Scope {bad:?} is empty or contains whitespace."),
        )),
        None => Ok(()),
    }
}

#[derive(Deserialize)]
pub struct CreateClientRequest {
    pub scopes: Vec<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    pub trusted_metadata: Option<Value>,
}

/// `POST /v1/m2m/clients`: the secret is in this response and nowhere else.
pub async fn create_client(
    State(app): State<Shared>,
    Body(req): Body<CreateClientRequest>,
) -> ApiResult {
    check_scopes(&req.scopes)?;
    let client_id = req.client_id.unwrap_or_else(|| ids::prefixed("m2m-client"));
    let secret = req.client_secret.unwrap_or_else(|| ids::secret_token(36));
    if secret.len() < 16 {
        return Err(ApiError::bad(
            "insecure_m2m_client_secret",
            "client_secret must be at least 16 characters.",
        ));
    }
    let last_four: String = secret
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let client = M2mClient {
        client_id: client_id.clone(),
        secret_hash: digest(&secret),
        secret_last_four: last_four,
        name: req.client_name.unwrap_or_default(),
        description: req.client_description.unwrap_or_default(),
        scopes: req.scopes,
        trusted_metadata: req.trusted_metadata,
    };
    {
        let mut data = app.store.lock();
        if data.m2m_clients.contains_key(&client_id) {
            return Err(ApiError::bad(
                "duplicate_m2m_client_id",
                "An M2M client with this id already exists.",
            ));
        }
        data.m2m_clients.insert(client_id, client.clone());
    }
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "m2m_client": {
            "client_id": client.client_id,
            "client_secret": secret,
            "client_name": client.name,
            "client_description": client.description,
            "status": "active",
            "scopes": client.scopes,
            "client_secret_last_four": client.secret_last_four,
            "trusted_metadata": client.trusted_metadata.unwrap_or_else(|| json!({})),
            "next_client_secret_last_four": null,
        },
    })))
}

/// A token request, from a JSON or a form body.
#[derive(Default, Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    /// Space-separated, as OAuth 2.0 sends it.
    scope: Option<String>,
    /// A JSON list, as some SDKs send it.
    scopes: Option<Vec<String>>,
}

fn parse_token_request(headers: &HeaderMap, body: &[u8]) -> Result<TokenRequest, ApiError> {
    let is_form = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return serde_json::from_slice(body).map_err(|e| {
            ApiError::bad_request(format!(
                "The token request is neither a form nor valid JSON: {e}."
            ))
        });
    }
    let mut req = TokenRequest::default();
    for (key, value) in form_urlencoded::parse(body) {
        let value = Some(value.into_owned());
        match key.as_ref() {
            "grant_type" => req.grant_type = value,
            "client_id" => req.client_id = value,
            "client_secret" => req.client_secret = value,
            "scope" => req.scope = value,
            _ => {}
        }
    }
    Ok(req)
}

/// `POST /v1/public/{project_id}/oauth2/token`: client credentials for an RS256 access token.
pub async fn token(
    State(app): State<Shared>,
    Path(project_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    if project_id != app.project_id {
        return Err(ApiError::not_found(
            "project_not_found",
            "No project with this id runs on this emulator.",
        ));
    }
    let req = parse_token_request(&headers, &body)?;
    if req.grant_type.as_deref() != Some("client_credentials") {
        return Err(ApiError::bad_request(
            "grant_type must be client_credentials.",
        ));
    }
    let (Some(client_id), Some(secret)) = (req.client_id, req.client_secret) else {
        return Err(ApiError::bad_request("Send client_id and client_secret."));
    };
    let client = app.store.lock().m2m_clients.get(&client_id).cloned();
    let Some(client) = client.filter(|c| same_secret(&digest(&secret), &c.secret_hash)) else {
        return Err(ApiError::unauthorized(
            "The client id and secret do not match an M2M client.",
        ));
    };
    let requested: Vec<String> = match (req.scope, req.scopes) {
        (Some(scope), _) => scope.split_whitespace().map(str::to_string).collect(),
        (None, Some(scopes)) => scopes,
        (None, None) => Vec::new(),
    };
    let granted = if requested.is_empty() {
        client.scopes.clone()
    } else {
        requested
    };
    if let Some(extra) = granted.iter().find(|s| !client.scopes.contains(s)) {
        return Err(ApiError::bad(
            "invalid_m2m_client_scope",
            format!("The client was not granted the scope {extra:?}."),
        ));
    }
    let now = app.now().timestamp();
    let claims = json!({
        "iss": app.issuer(),
        "aud": [app.project_id],
        "sub": client.client_id,
        "iat": now,
        "nbf": now,
        "exp": now + TOKEN_LIFETIME_SECONDS,
        "scope": granted.join(" "),
    });
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "access_token": app.keys.sign(&claims),
        "token_type": "bearer",
        "expires_in": TOKEN_LIFETIME_SECONDS,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn token_requests_parse_from_forms_and_json() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        let req = parse_token_request(
            &headers,
            b"grant_type=client_credentials&client_id=c&client_secret=s&scope=read%3Ausers+write",
        )
        .unwrap();
        assert_eq!(req.scope.as_deref(), Some("read:users write"));
        assert_eq!(req.client_id.as_deref(), Some("c"));

        let json = parse_token_request(
            &HeaderMap::new(),
            br#"{"grant_type":"client_credentials","scopes":["a"]}"#,
        )
        .unwrap();
        assert_eq!(json.scopes, Some(vec!["a".to_string()]));
        assert!(parse_token_request(&HeaderMap::new(), b"not json").is_err());
    }

    #[test]
    fn scopes_must_be_single_words() {
        assert!(check_scopes(&["read:users".into()]).is_ok());
        assert!(check_scopes(&["read users".into()]).is_err());
        assert!(check_scopes(&[String::new()]).is_err());
    }
}
