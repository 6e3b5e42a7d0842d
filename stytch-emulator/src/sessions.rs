//! Sessions for users and members: creation, lookup by token or JWT, expiry, revocation,
//! their JSON and JWT forms, and the consumer session endpoints.

use axum::extract::{Path, State};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::app::{timestamp, App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::state::{Data, Factor, Session, Subject};
use crate::{ids, users};

/// Stytch's bounds for `session_duration_minutes`: five minutes to 366 days.
const MIN_DURATION_MINUTES: i64 = 5;
const MAX_DURATION_MINUTES: i64 = 527_040;
/// Session JWTs live five minutes, whatever the session's own lifetime.
pub const JWT_LIFETIME_SECONDS: i64 = 300;
/// A session may reset its password only if a password or email factor is this fresh.
pub const RESET_RECENCY_MINUTES: i64 = 5;
/// Claims a caller may not set through `session_custom_claims`.
const RESERVED_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The session fields most authenticate-like requests carry.
#[derive(Default, Deserialize)]
pub struct SessionArgs {
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub session_duration_minutes: Option<i64>,
    pub session_custom_claims: Option<Value>,
}

impl SessionArgs {
    /// The requested lifetime, checked against Stytch's bounds.
    pub fn duration(&self) -> Result<Option<Duration>, ApiError> {
        let Some(minutes) = self.session_duration_minutes else {
            return Ok(None);
        };
        if !(MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(&minutes) {
            return Err(ApiError::bad(
                "invalid_session_duration_minutes",
                format!(
                    "session_duration_minutes must be from {MIN_DURATION_MINUTES} \
                     to {MAX_DURATION_MINUTES}."
                ),
            ));
        }
        Ok(Some(Duration::minutes(minutes)))
    }

    pub fn custom_claims(&self) -> Result<Map<String, Value>, ApiError> {
        match &self.session_custom_claims {
            None | Some(Value::Null) => Ok(Map::new()),
            Some(Value::Object(map)) => {
                if let Some(key) = map.keys().find(|k| k.starts_with("https://stytch.com/")) {
                    return Err(ApiError::bad(
                        "stytch_claims_in_custom_claims",
                        format!("Custom claims may not use Stytch's namespace ({key})."),
                    ));
                }
                Ok(map
                    .iter()
                    .filter(|(k, _)| !RESERVED_CLAIMS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect())
            }
            Some(_) => Err(ApiError::bad_request(
                "session_custom_claims must be a JSON object.",
            )),
        }
    }

    pub fn has_session(&self) -> bool {
        self.session_token.is_some() || self.session_jwt.is_some()
    }
}

/// The live session named by a token or JWT (token first), dropping it if it has expired.
pub fn find_live(
    app: &App,
    data: &mut Data,
    token: Option<&str>,
    jwt: Option<&str>,
) -> Result<Session, ApiError> {
    let session_id = match (token, jwt) {
        (Some(token), _) => data.session_by_token.get(token).cloned(),
        (None, Some(jwt)) => session_id_from_jwt(app, jwt)?,
        (None, None) => {
            return Err(ApiError::bad(
                "no_session_arguments",
                "Send a session_token or a session_jwt.",
            ))
        }
    };
    let Some(session_id) = session_id else {
        return Err(ApiError::session_not_found());
    };
    live_by_id(app, data, &session_id)
}

/// The live session with this id, dropping it if it has expired.
pub fn live_by_id(app: &App, data: &mut Data, session_id: &str) -> Result<Session, ApiError> {
    let session = data
        .sessions
        .get(session_id)
        .cloned()
        .ok_or_else(ApiError::session_not_found)?;
    if session.expires_at <= app.now() {
        data.remove_session(session_id);
        return Err(ApiError::session_not_found());
    }
    Ok(session)
}

/// The session id inside a JWT this emulator signed. An expired JWT is still accepted (the
/// session it names decides), as Stytch does.
fn session_id_from_jwt(app: &App, jwt: &str) -> Result<Option<String>, ApiError> {
    let claims = app.keys.verify(jwt).ok_or_else(|| {
        ApiError::new(
            axum::http::StatusCode::UNAUTHORIZED,
            "unable_to_parse_session_jwt",
            "The session JWT is malformed or was not signed by this project.",
        )
    })?;
    let id = claims
        .get("https://stytch.com/session")
        .and_then(|s| s.get("id"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(id)
}

/// Adds `factors` to the caller's session (if one was sent) or starts a new one (if a
/// duration was asked for, or `always` is set as B2B does); extends the lifetime when a
/// duration is given. Returns the resulting session, if any.
pub fn start_or_extend(
    app: &App,
    data: &mut Data,
    subject: &Subject,
    args: &SessionArgs,
    factors: Vec<Factor>,
    always: bool,
) -> Result<Option<Session>, ApiError> {
    let duration = args.duration()?;
    let claims = args.custom_claims()?;
    let now = app.now();
    if args.has_session() {
        let mut session = find_live(
            app,
            data,
            args.session_token.as_deref(),
            args.session_jwt.as_deref(),
        )?;
        if &session.subject != subject {
            return Err(ApiError::bad(
                "session_on_code_does_not_match_session_passed_in",
                "The session passed in belongs to someone else.",
            ));
        }
        merge_factors(&mut session.factors, factors);
        session.last_accessed_at = now;
        if let Some(d) = duration {
            session.expires_at = now + d;
        }
        session.custom_claims.extend(claims);
        data.insert_session(session.clone());
        return Ok(Some(session));
    }
    let duration = match (duration, always) {
        (Some(d), _) => d,
        (None, true) => Duration::minutes(60),
        (None, false) => return Ok(None),
    };
    let session = Session {
        session_id: ids::prefixed("session"),
        token: ids::secret_token(32),
        subject: subject.clone(),
        factors,
        started_at: now,
        last_accessed_at: now,
        expires_at: now + duration,
        custom_claims: claims,
    };
    data.insert_session(session.clone());
    Ok(Some(session))
}

/// Replaces factors of the same kind and delivery method, keeps the others.
fn merge_factors(existing: &mut Vec<Factor>, new: Vec<Factor>) {
    for factor in new {
        existing
            .retain(|f| !(f.kind == factor.kind && f.delivery_method == factor.delivery_method));
        existing.push(factor);
    }
}

/// Whether a password or email factor was authenticated within the reset window.
pub fn recent_enough_to_reset(session: &Session, now: DateTime<Utc>) -> bool {
    let window = Duration::minutes(RESET_RECENCY_MINUTES);
    session.factors.iter().any(|f| {
        matches!(f.kind, "password" | "magic_link" | "email_otp")
            && now - f.last_authenticated_at <= window
    })
}

pub fn too_old_to_reset() -> ApiError {
    ApiError::bad(
        "session_too_old_to_reset_password",
        format!(
            "The session has no password or email factor from the last \
             {RESET_RECENCY_MINUTES} minutes; authenticate again, then reset."
        ),
    )
}

/// A factor for an email address and the way it was proven.
pub fn factor(
    kind: &'static str,
    delivery_method: &'static str,
    email_id: &str,
    email: &str,
    now: DateTime<Utc>,
) -> Factor {
    Factor {
        kind,
        delivery_method,
        email_id: email_id.to_string(),
        email_address: email.to_string(),
        created_at: now,
        last_authenticated_at: now,
    }
}

pub fn factors_json(factors: &[Factor]) -> Vec<Value> {
    factors
        .iter()
        .map(|f| {
            json!({
                "type": f.kind,
                "delivery_method": f.delivery_method,
                "last_authenticated_at": timestamp(f.last_authenticated_at),
                "created_at": timestamp(f.created_at),
                "updated_at": timestamp(f.last_authenticated_at),
                "email_factor": { "email_id": f.email_id, "email_address": f.email_address },
            })
        })
        .collect()
}

/// The consumer `Session` object.
pub fn consumer_json(session: &Session, user_id: &str) -> Value {
    json!({
        "session_id": session.session_id,
        "user_id": user_id,
        "authentication_factors": factors_json(&session.factors),
        "roles": ["stytch_user"],
        "started_at": timestamp(session.started_at),
        "last_accessed_at": timestamp(session.last_accessed_at),
        "expires_at": timestamp(session.expires_at),
        "attributes": { "ip_address": "", "user_agent": "" },
        "custom_claims": session.custom_claims,
    })
}

/// The JWT claims Stytch puts in a session JWT; B2B sessions add roles and the organization.
pub fn jwt_claims(app: &App, session: &Session, b2b: Option<(&str, &[String])>) -> Value {
    let now = app.now().timestamp();
    let (sub, organization_id) = match &session.subject {
        Subject::User(id) => (id.clone(), None),
        Subject::Member {
            member_id,
            organization_id,
        } => (member_id.clone(), Some(organization_id.clone())),
    };
    let mut session_claim = json!({
        "id": session.session_id,
        "started_at": timestamp(session.started_at),
        "last_accessed_at": timestamp(session.last_accessed_at),
        "expires_at": timestamp(session.expires_at),
        "attributes": { "ip_address": "", "user_agent": "" },
        "authentication_factors": factors_json(&session.factors),
    });
    let mut claims = Map::new();
    claims.extend(session.custom_claims.clone());
    claims.insert("iss".into(), json!(app.issuer()));
    claims.insert("aud".into(), json!([app.project_id]));
    claims.insert("sub".into(), json!(sub));
    claims.insert("iat".into(), json!(now));
    claims.insert("nbf".into(), json!(now));
    claims.insert("exp".into(), json!(now + JWT_LIFETIME_SECONDS));
    if let (Some((slug, roles)), Some(organization_id)) = (b2b, organization_id) {
        session_claim["roles"] = json!(roles);
        claims.insert(
            "https://stytch.com/organization".into(),
            json!({ "organization_id": organization_id, "slug": slug }),
        );
    }
    claims.insert("https://stytch.com/session".into(), session_claim);
    Value::Object(claims)
}

/// `(session_token, session_jwt)` of a consumer session, or empty strings without one.
pub fn consumer_tokens(app: &App, session: Option<&Session>) -> (String, String) {
    match session {
        Some(s) => (s.token.clone(), app.keys.sign(&jwt_claims(app, s, None))),
        None => (String::new(), String::new()),
    }
}

// ---- consumer endpoints ----

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/sessions/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    let args = req.session;
    let (session, user) = {
        let mut data = app.store.lock();
        let mut session = find_live(
            &app,
            &mut data,
            args.session_token.as_deref(),
            args.session_jwt.as_deref(),
        )?;
        let Subject::User(user_id) = &session.subject else {
            return Err(ApiError::bad(
                "invalid_consumer_endpoint",
                "This is a B2B member session; use /v1/b2b/sessions/authenticate.",
            ));
        };
        let user = data
            .users
            .get(user_id)
            .cloned()
            .ok_or_else(ApiError::session_not_found)?;
        let now = app.now();
        session.last_accessed_at = now;
        if let Some(d) = args.duration()? {
            session.expires_at = now + d;
        }
        session.custom_claims.extend(args.custom_claims()?);
        data.insert_session(session.clone());
        (session, user)
    };
    let (token, jwt) = consumer_tokens(&app, Some(&session));
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "session": consumer_json(&session, &user.user_id),
        "session_token": token,
        "session_jwt": jwt,
        "user": users::user_json(&user),
    })))
}

#[derive(Default, Deserialize)]
pub struct RevokeRequest {
    pub session_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// `POST /v1/sessions/revoke`
pub async fn revoke(State(app): State<Shared>, Body(req): Body<RevokeRequest>) -> ApiResult {
    let mut data = app.store.lock();
    let session = match &req.session_id {
        Some(id) => live_by_id(&app, &mut data, id),
        None if req.session_token.is_none() && req.session_jwt.is_none() => Err(ApiError::bad(
            "no_session_revoke_arguments",
            "Send a session_id, session_token or session_jwt.",
        )),
        None => find_live(
            &app,
            &mut data,
            req.session_token.as_deref(),
            req.session_jwt.as_deref(),
        ),
    }?;
    data.remove_session(&session.session_id);
    Ok(ok_body())
}

/// `GET /v1/sessions/jwks/{project_id}` and its B2B twin.
pub async fn jwks(State(app): State<Shared>, Path(project_id): Path<String>) -> ApiResult {
    if project_id != app.project_id {
        return Err(ApiError::not_found(
            "project_not_found",
            "No project with this id runs on this emulator.",
        ));
    }
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "keys": [app.keys.jwk()],
    })))
}

/// `{ "status_code": 200, "request_id": ... }`
pub fn ok_body() -> Json<Value> {
    Json(json!({ "status_code": 200, "request_id": ids::request_id() }))
}
