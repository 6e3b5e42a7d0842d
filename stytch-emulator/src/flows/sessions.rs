//! Sessions for users and members alike: creation, lookup by token or JWT, expiry,
//! extension, and their JWTs.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::app::App;
use crate::errors::ApiError;
use crate::ids;
use crate::render;
use crate::state::{Data, Factor, FactorDetail, Session, Subject};

/// Stytch's bounds for `session_duration_minutes`: five minutes to 366 days.
const MIN_DURATION_MINUTES: i64 = 5;
const MAX_DURATION_MINUTES: i64 = 527_040;
/// B2B sign-ins always make a session; this long unless asked otherwise.
pub const DEFAULT_B2B_MINUTES: i64 = 60;
/// Session JWTs live five minutes, whatever the session's own lifetime.
pub const JWT_LIFETIME_SECONDS: i64 = 300;
/// A session may reset its password only if a password or email factor is this fresh.
pub const RESET_RECENCY_MINUTES: i64 = 5;
/// Claims a caller may not set through `session_custom_claims`.
const RESERVED_CLAIMS: &[&str] = &["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The session fields most authenticate-like requests carry.
#[derive(Default, Clone, Deserialize)]
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
                if let Some(key) = map.keys().find(|k| RESERVED_CLAIMS.contains(&k.as_str())) {
                    return Err(ApiError::bad(
                        "reserved_claims_in_custom_claims",
                        format!("The claim {key} is reserved and cannot be set."),
                    ));
                }
                Ok(map.clone())
            }
            Some(_) => Err(ApiError::bad_request(
                "session_custom_claims must be a JSON object.",
            )),
        }
    }

    /// Checks what can be checked before anything is changed.
    pub fn validate(&self) -> Result<(), ApiError> {
        self.duration()?;
        self.custom_claims()?;
        Ok(())
    }

    pub fn has_session(&self) -> bool {
        self.session_token.is_some() || self.session_jwt.is_some()
    }

    /// The same arguments without the caller's session (for calls that must start afresh).
    pub fn without_session(&self) -> SessionArgs {
        SessionArgs {
            session_token: None,
            session_jwt: None,
            ..self.clone()
        }
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

/// The live session the arguments name.
pub fn find_by_args(app: &App, data: &mut Data, args: &SessionArgs) -> Result<Session, ApiError> {
    find_live(
        app,
        data,
        args.session_token.as_deref(),
        args.session_jwt.as_deref(),
    )
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

/// Revokes the session named by id, token or JWT (the first given, in that order).
pub fn revoke(
    app: &App,
    data: &mut Data,
    session_id: Option<&str>,
    token: Option<&str>,
    jwt: Option<&str>,
) -> Result<(), ApiError> {
    let session = match session_id {
        Some(id) => live_by_id(app, data, id),
        None if token.is_none() && jwt.is_none() => Err(ApiError::bad(
            "no_session_revoke_arguments",
            "Send a session id, a session_token or a session_jwt.",
        )),
        None => find_live(app, data, token, jwt),
    }?;
    data.remove_session(&session.session_id);
    Ok(())
}

/// Every live session of `subject`, oldest first.
pub fn live_sessions_of(app: &App, data: &Data, subject: &Subject) -> Vec<Session> {
    let now = app.now();
    let mut sessions: Vec<Session> = data
        .sessions
        .values()
        .filter(|s| &s.subject == subject && s.expires_at > now)
        .cloned()
        .collect();
    sessions.sort_by(|a, b| (a.started_at, &a.session_id).cmp(&(b.started_at, &b.session_id)));
    sessions
}

/// The session id inside a JWT this emulator signed. An expired JWT is still accepted (the
/// session it names decides), as Stytch does.
fn session_id_from_jwt(app: &App, jwt: &str) -> Result<Option<String>, ApiError> {
    let claims = app.keys.verify(jwt).ok_or_else(|| {
        ApiError::unauthorized_as(
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

/// Marks the caller's session used now, extends it when a duration is given, merges custom
/// claims, and stores it.
pub fn touch(app: &App, data: &mut Data, args: &SessionArgs) -> Result<Session, ApiError> {
    let duration = args.duration()?;
    let claims = args.custom_claims()?;
    let mut session = find_by_args(app, data, args)?;
    let now = app.now();
    session.last_accessed_at = now;
    if let Some(d) = duration {
        session.expires_at = now + d;
    }
    session.custom_claims.extend(claims);
    data.insert_session(session.clone());
    Ok(session)
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
        let mut session = find_by_args(app, data, args)?;
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
        (None, true) => Duration::minutes(DEFAULT_B2B_MINUTES),
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
pub fn merge_factors(existing: &mut Vec<Factor>, new: Vec<Factor>) {
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
        matches!(
            (f.kind.as_str(), f.delivery_method.as_str()),
            ("password", _) | ("magic_link", _) | ("email_otp", _) | ("otp", "email")
        ) && now - f.last_authenticated_at <= window
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

/// A factor proven now.
pub fn factor(kind: &str, delivery_method: &str, detail: FactorDetail, app: &App) -> Factor {
    let now = app.now();
    Factor {
        kind: kind.to_string(),
        delivery_method: delivery_method.to_string(),
        detail,
        created_at: now,
        last_authenticated_at: now,
    }
}

pub fn email_detail(email_id: &str, email: &str) -> FactorDetail {
    FactorDetail::Email {
        email_id: email_id.to_string(),
        email_address: email.to_string(),
    }
}

/// The organization a member session's JWT names.
pub struct OrgClaim<'a> {
    pub organization_id: &'a str,
    pub slug: &'a str,
}

/// Signs the session JWT Stytch would issue: standard claims, the caller's custom claims,
/// `https://stytch.com/session` (with `roles`), and for members
/// `https://stytch.com/organization`.
pub fn sign_jwt(
    app: &App,
    session: &Session,
    roles: &[String],
    org: Option<OrgClaim<'_>>,
) -> String {
    let now = app.now().timestamp();
    let sub = match &session.subject {
        Subject::User(id) => id.clone(),
        Subject::Member { member_id, .. } => member_id.clone(),
    };
    let mut claims = Map::new();
    claims.extend(session.custom_claims.clone());
    claims.insert("iss".into(), json!(app.issuer()));
    claims.insert("aud".into(), json!([app.project_id]));
    claims.insert("sub".into(), json!(sub));
    claims.insert("iat".into(), json!(now));
    claims.insert("nbf".into(), json!(now));
    claims.insert("exp".into(), json!(now + JWT_LIFETIME_SECONDS));
    claims.insert(
        "https://stytch.com/session".into(),
        render::session_claim(session, roles),
    );
    if let Some(org) = org {
        claims.insert(
            "https://stytch.com/organization".into(),
            json!({ "organization_id": org.organization_id, "slug": org.slug }),
        );
    }
    app.keys.sign(&Value::Object(claims))
}
