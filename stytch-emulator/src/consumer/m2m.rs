//! `/v1/m2m/*` and the OAuth 2.0 client-credentials token endpoint. Stytch files M2M under
//! the consumer API; B2B projects use the same paths.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::flows::search::{Filters, Kind, Operand};
use crate::http::{basic_credentials, ok, parse_json, same_secret, Body, PathArgs};
use crate::ids;
use crate::render;
use crate::state::{Data, M2mClient};

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

fn last_four(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
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
    let client = M2mClient {
        client_id: client_id.clone(),
        secret_hash: digest(&secret),
        secret_last_four: last_four(&secret),
        next_secret: None,
        name: req.client_name.unwrap_or_default(),
        description: req.client_description.unwrap_or_default(),
        status: "active".into(),
        scopes: req.scopes,
        trusted_metadata: req.trusted_metadata,
        created_at: app.now(),
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
    let mut m2m_client = render::m2m_client(&client);
    m2m_client["client_secret"] = json!(secret);
    ok(json!({ "m2m_client": m2m_client }))
}

fn client_not_found() -> ApiError {
    ApiError::not_found("m2m_client_not_found", "No M2M client has this id.")
}

fn client<'a>(data: &'a mut Data, client_id: &str) -> Result<&'a mut M2mClient, ApiError> {
    data.m2m_clients
        .get_mut(client_id)
        .ok_or_else(client_not_found)
}

fn client_body(client: &M2mClient) -> ApiResult {
    ok(json!({ "m2m_client": render::m2m_client(client) }))
}

/// `GET /v1/m2m/clients/{client_id}`
pub async fn get_client(
    State(app): State<Shared>,
    PathArgs(client_id): PathArgs<String>,
) -> ApiResult {
    client_body(client(&mut app.store.lock(), &client_id)?)
}

#[derive(Deserialize)]
pub struct UpdateClientRequest {
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    pub status: Option<String>,
    pub scopes: Option<Vec<String>>,
    pub trusted_metadata: Option<Value>,
}

/// `PUT /v1/m2m/clients/{client_id}`: absent fields are left as they are; an `inactive`
/// client gets no tokens.
pub async fn update_client(
    State(app): State<Shared>,
    PathArgs(client_id): PathArgs<String>,
    Body(req): Body<UpdateClientRequest>,
) -> ApiResult {
    if let Some(scopes) = &req.scopes {
        check_scopes(scopes)?;
    }
    if let Some(status) = req.status.as_deref() {
        if !matches!(status, "active" | "inactive") {
            return Err(ApiError::bad(
                "invalid_m2m_client_status",
                "status must be active or inactive.",
            ));
        }
    }
    let mut data = app.store.lock();
    let stored = client(&mut data, &client_id)?;
    if let Some(v) = req.client_name {
        stored.name = v;
    }
    if let Some(v) = req.client_description {
        stored.description = v;
    }
    if let Some(v) = req.status {
        stored.status = v;
    }
    if let Some(v) = req.scopes {
        stored.scopes = v;
    }
    if let Some(v) = req.trusted_metadata {
        stored.trusted_metadata = Some(v);
    }
    client_body(stored)
}

/// `DELETE /v1/m2m/clients/{client_id}`: tokens already issued stay valid until they expire,
/// as JWTs do.
pub async fn delete_client(
    State(app): State<Shared>,
    PathArgs(client_id): PathArgs<String>,
) -> ApiResult {
    app.store
        .lock()
        .m2m_clients
        .remove(&client_id)
        .ok_or_else(client_not_found)?;
    ok(json!({ "client_id": client_id }))
}

const SEARCH: Filters = Filters {
    filters: &[
        ("client_id", Kind::Strings),
        ("client_name", Kind::Strings),
        ("scopes", Kind::Strings),
    ],
    unknown_filter: "m2m_search_filter_name_not_recognized",
    invalid_cursor: "bad_request",
    invalid_limit: "bad_request",
};

fn client_matches(op: &Operand, client: &M2mClient) -> bool {
    match op.name {
        "client_id" => op.any_equals(&client.client_id),
        "client_name" => op.strings().contains(&client.name.as_str()),
        "scopes" => client
            .scopes
            .iter()
            .any(|s| op.strings().contains(&s.as_str())),
        _ => false,
    }
}

#[derive(Deserialize)]
pub struct SearchRequest {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub query: Option<Value>,
}

/// `POST /v1/m2m/clients/search`: oldest first, a page at a time.
pub async fn search_clients(
    State(app): State<Shared>,
    Body(req): Body<SearchRequest>,
) -> ApiResult {
    let query = SEARCH.parse(req.query.as_ref())?;
    let mut found: Vec<M2mClient> = app
        .store
        .lock()
        .m2m_clients
        .values()
        .filter(|c| query.matches(|op| client_matches(op, c)))
        .cloned()
        .collect();
    found.sort_by(|a, b| (a.created_at, &a.client_id).cmp(&(b.created_at, &b.client_id)));
    let (page, metadata) = SEARCH.page(found, req.cursor.as_deref(), req.limit)?;
    ok(json!({
        "m2m_clients": page.iter().map(render::m2m_client).collect::<Vec<_>>(),
        "results_metadata": metadata,
    }))
}

fn not_rotating() -> ApiError {
    ApiError::bad(
        "m2m_client_not_rotating_secret",
        "The client has no secret rotation in progress; start one first.",
    )
}

/// `POST /v1/m2m/clients/{client_id}/secrets/rotate/start`: a next secret, shown once; both
/// secrets get tokens until the rotation completes or is cancelled.
pub async fn rotate_start(
    State(app): State<Shared>,
    PathArgs(client_id): PathArgs<String>,
) -> ApiResult {
    let mut data = app.store.lock();
    let stored = client(&mut data, &client_id)?;
    if stored.next_secret.is_some() {
        return Err(ApiError::bad(
            "m2m_client_already_rotating_secret",
            "A secret rotation is already in progress.",
        ));
    }
    let secret = ids::secret_token(36);
    stored.next_secret = Some((digest(&secret), last_four(&secret)));
    let mut m2m_client = render::m2m_client(stored);
    m2m_client["next_client_secret"] = json!(secret);
    ok(json!({ "m2m_client": m2m_client }))
}

/// `POST /v1/m2m/clients/{client_id}/secrets/rotate`: the next secret becomes the only one.
pub async fn rotate(State(app): State<Shared>, PathArgs(client_id): PathArgs<String>) -> ApiResult {
    let mut data = app.store.lock();
    let stored = client(&mut data, &client_id)?;
    let (hash, last_four) = stored.next_secret.take().ok_or_else(not_rotating)?;
    stored.secret_hash = hash;
    stored.secret_last_four = last_four;
    client_body(stored)
}

/// `POST /v1/m2m/clients/{client_id}/secrets/rotate/cancel`: the next secret is dropped.
pub async fn rotate_cancel(
    State(app): State<Shared>,
    PathArgs(client_id): PathArgs<String>,
) -> ApiResult {
    let mut data = app.store.lock();
    let stored = client(&mut data, &client_id)?;
    stored.next_secret.take().ok_or_else(not_rotating)?;
    client_body(stored)
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
    /// Whether the client authenticated with HTTP Basic rather than in the body.
    #[serde(skip)]
    basic: bool,
}

fn parse_token_request(headers: &HeaderMap, body: &[u8]) -> Result<TokenRequest, ApiError> {
    let is_form = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let mut req = if is_form {
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
        req
    } else {
        parse_json::<TokenRequest>(body).map_err(|e| e.oauth("invalid_request"))?
    };
    // RFC 6749 section 2.3.1: the client may authenticate with HTTP Basic instead.
    if req.client_id.is_none() && req.client_secret.is_none() {
        if let Some((id, secret)) = basic_credentials(headers) {
            req.client_id = Some(id);
            req.client_secret = Some(secret);
            req.basic = true;
        }
    }
    Ok(req)
}

/// RFC 6749 section 5.2: 401 when the client authenticated with HTTP Basic, else 400.
fn invalid_client(basic: bool) -> ApiError {
    let status = if basic {
        axum::http::StatusCode::UNAUTHORIZED
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    ApiError::new(
        status,
        "unauthorized_credentials",
        "The client id and secret do not match an active M2M client.",
    )
    .oauth("invalid_client")
}

/// `POST /v1/public/{project_id}/oauth2/token`: client credentials for an RS256 access token.
pub async fn token(
    State(app): State<Shared>,
    PathArgs(project_id): PathArgs<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult {
    if project_id != app.project_id {
        return Err(ApiError::not_found(
            "project_not_found",
            "No project with this id runs on this emulator.",
        )
        .oauth("invalid_request"));
    }
    let req = parse_token_request(&headers, &body)?;
    if req.grant_type.as_deref() != Some("client_credentials") {
        return Err(
            ApiError::bad_request("grant_type must be client_credentials.")
                .oauth("unsupported_grant_type"),
        );
    }
    let (Some(client_id), Some(secret)) = (req.client_id, req.client_secret) else {
        return Err(
            ApiError::bad_request("Send client_id and client_secret.").oauth("invalid_request")
        );
    };
    let client = app.store.lock().m2m_clients.get(&client_id).cloned();
    let given = digest(&secret);
    let Some(client) = client.filter(|c| {
        c.status == "active"
            && (same_secret(&given, &c.secret_hash)
                || c.next_secret
                    .as_ref()
                    .is_some_and(|(next, _)| same_secret(&given, next)))
    }) else {
        return Err(invalid_client(req.basic));
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
        )
        .oauth("invalid_scope"));
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
    ok(json!({
        "access_token": app.keys.sign(&claims),
        "token_type": "bearer",
        "expires_in": TOKEN_LIFETIME_SECONDS,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn token_requests_parse_from_forms_json_and_basic_auth() {
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

        let mut basic = HeaderMap::new();
        basic.insert(
            axum::http::header::AUTHORIZATION,
            HeaderValue::from_static("Basic Yzpz"), // c:s
        );
        let req = parse_token_request(&basic, br#"{"grant_type":"client_credentials"}"#).unwrap();
        assert_eq!(
            (req.client_id.as_deref(), req.client_secret.as_deref()),
            (Some("c"), Some("s"))
        );
        assert!(req.basic);
    }

    #[test]
    fn scopes_must_be_single_words() {
        assert!(check_scopes(&["read:users".into()]).is_ok());
        assert!(check_scopes(&["read users".into()]).is_err());
        assert!(check_scopes(&[String::new()]).is_err());
        assert_eq!(last_four("abcdef"), "cdef");
        assert_eq!(last_four("ab"), "ab");
    }
}
