//! Consumer passwords: create, authenticate, strength check, migrate, and the three resets
//! (by email token, by existing password, by recent session).
//!
//! Each handler reads what it needs under the lock, hashes or verifies outside it, then
//! writes under the lock again, re-checking anything another request could have changed.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::hashing::{check_migrated_hash, hash_blocking, verify_blocking};
use crate::http::Body;
use crate::reset::{self, ResetStart};
use crate::sessions::{self, factor, SessionArgs};
use crate::state::{Data, PasswordRecord, Session, Subject, User};
use crate::users::{self, check_email, UserFields};
use crate::{ids, strength};

/// `user_id`, `user`, `session_token`, `session_jwt` and `session` of a signed-in user.
fn signed_in_body(app: &App, user: &User, session: Option<&Session>) -> Value {
    let (token, jwt) = sessions::consumer_tokens(app, session);
    json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "user_id": user.user_id,
        "user": users::user_json(user),
        "session_token": token,
        "session_jwt": jwt,
        "session": session.map(|s| sessions::consumer_json(s, &user.user_id)),
    })
}

fn user_by_email(data: &Data, email: &str) -> Result<User, ApiError> {
    data.user_by_email(email).cloned().ok_or_else(|| {
        ApiError::not_found(
            "email_not_found",
            "No user in this project has this email address.",
        )
    })
}

/// Stores a new hash for `user_id`, keeping the password id if there was one.
fn set_password(data: &mut Data, user_id: &str, hash: String) -> Result<User, ApiError> {
    let user = data
        .users
        .get_mut(user_id)
        .ok_or_else(|| ApiError::not_found("user_not_found", "The user no longer exists."))?;
    let password_id = user
        .password
        .as_ref()
        .map(|p| p.password_id.clone())
        .unwrap_or_else(|| ids::prefixed("password"));
    user.password = Some(PasswordRecord { password_id, hash });
    Ok(user.clone())
}

fn password_factor(user: &User, app: &App) -> crate::state::Factor {
    factor(
        "password",
        "knowledge",
        &user.email_id,
        &user.email,
        app.now(),
    )
}

#[derive(Deserialize)]
pub struct CreateRequest {
    pub email: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
    #[serde(flatten)]
    pub fields: UserFields,
}

/// `POST /v1/passwords`: a new user with a password.
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    check_email(&req.email)?;
    strength::require_strong(&req.password, Some(&req.email))?;
    req.session.duration()?;
    if app.store.lock().user_by_email(&req.email).is_some() {
        return Err(ApiError::bad(
            "duplicate_email",
            "A user with this email address already exists.",
        ));
    }
    let hash = hash_blocking(req.password).await?;
    let (user, session) = {
        let mut data = app.store.lock();
        let record = PasswordRecord {
            password_id: ids::prefixed("password"),
            hash,
        };
        let user = users::insert_user(&app, &mut data, &req.email, req.fields, Some(record))?;
        let subject = Subject::User(user.user_id.clone());
        let factors = vec![password_factor(&user, &app)];
        let session = sessions::start_or_extend(
            &app,
            &mut data,
            &subject,
            &SessionArgs {
                session_token: None,
                session_jwt: None,
                ..req.session
            },
            factors,
            false,
        )?;
        (user, session)
    };
    let mut body = signed_in_body(&app, &user, session.as_ref());
    body["email_id"] = json!(user.email_id);
    Ok(Json(body))
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub email: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/passwords/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.duration()?;
    let user = user_by_email(&app.store.lock(), &req.email)?;
    let Some(record) = user.password.clone() else {
        return Err(ApiError::bad(
            "no_user_password",
            "This user has no password; start a reset to set one.",
        ));
    };
    if !verify_blocking(req.password, record.hash).await? {
        return Err(ApiError::unauthorized(
            "The email address and password do not match.",
        ));
    }
    let session = {
        let mut data = app.store.lock();
        let subject = Subject::User(user.user_id.clone());
        sessions::start_or_extend(
            &app,
            &mut data,
            &subject,
            &req.session,
            vec![password_factor(&user, &app)],
            false,
        )?
    };
    Ok(Json(signed_in_body(&app, &user, session.as_ref())))
}

#[derive(Deserialize)]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email: Option<String>,
}

/// `POST /v1/passwords/strength_check`
pub async fn strength_check(Body(req): Body<StrengthCheckRequest>) -> ApiResult {
    Ok(Json(
        strength::check(&req.password, req.email.as_deref()).consumer_response(),
    ))
}

#[derive(Deserialize)]
pub struct MigrateRequest {
    pub email: String,
    pub hash: String,
    pub hash_type: String,
    #[serde(flatten)]
    pub fields: UserFields,
}

/// `POST /v1/passwords/migrate`: stores an argon2 hash made elsewhere, creating the user if
/// needed.
pub async fn migrate(State(app): State<Shared>, Body(req): Body<MigrateRequest>) -> ApiResult {
    check_email(&req.email)?;
    check_migrated_hash(&req.hash_type, &req.hash)?;
    let mut data = app.store.lock();
    let (user, created) = match data.user_by_email(&req.email).cloned() {
        Some(user) => (set_password(&mut data, &user.user_id, req.hash)?, false),
        None => {
            let record = PasswordRecord {
                password_id: ids::prefixed("password"),
                hash: req.hash,
            };
            (
                users::insert_user(&app, &mut data, &req.email, req.fields, Some(record))?,
                true,
            )
        }
    };
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "user_id": user.user_id,
        "email_id": user.email_id,
        "user_created": created,
        "user": users::user_json(&user),
    })))
}

#[derive(Debug, Deserialize)]
pub struct ResetStartRequest {
    pub email: String,
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i64>,
}

/// `POST /v1/passwords/email/reset/start`: puts a reset token in the outbox.
pub async fn email_reset_start(
    State(app): State<Shared>,
    Body(req): Body<ResetStartRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let user = user_by_email(&data, &req.email)?;
    reset::issue(
        &app,
        &mut data,
        ResetStart {
            subject: Subject::User(user.user_id.clone()),
            email: &req.email,
            organization_id: None,
            redirect_url: req.reset_password_redirect_url.as_deref(),
            expiration_minutes: req.reset_password_expiration_minutes,
        },
    )?;
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "user_id": user.user_id,
        "email_id": user.email_id,
    })))
}

#[derive(Deserialize)]
pub struct EmailResetRequest {
    pub token: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/passwords/email/reset`: uses up the token, sets the password, verifies the
/// email and revokes the user's other sessions.
pub async fn email_reset(
    State(app): State<Shared>,
    Body(req): Body<EmailResetRequest>,
) -> ApiResult {
    req.session.duration()?;
    let user = {
        let data = app.store.lock();
        let Subject::User(user_id) = reset::check(&app, &data, &req.token)? else {
            return Err(ApiError::bad(
                "invalid_consumer_endpoint",
                "This token belongs to a B2B member.",
            ));
        };
        data.users
            .get(&user_id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("user_not_found", "The user no longer exists."))?
    };
    strength::require_strong(&req.password, Some(&user.email))?;
    let hash = hash_blocking(req.password).await?;
    let (user, session) = {
        let mut data = app.store.lock();
        reset::check(&app, &data, &req.token)?;
        let subject = Subject::User(user.user_id.clone());
        let factors = vec![
            factor(
                "magic_link",
                "email",
                &user.email_id,
                &user.email,
                app.now(),
            ),
            password_factor(&user, &app),
        ];
        let session =
            sessions::start_or_extend(&app, &mut data, &subject, &req.session, factors, false)?;
        reset::consume(&app, &mut data, &req.token)?;
        let mut user = set_password(&mut data, &user.user_id, hash)?;
        if let Some(stored) = data.users.get_mut(&user.user_id) {
            stored.email_verified = true;
            user = stored.clone();
        }
        data.revoke_sessions_of(&subject, session.as_ref().map(|s| s.session_id.as_str()));
        (user, session)
    };
    Ok(Json(signed_in_body(&app, &user, session.as_ref())))
}

#[derive(Deserialize)]
pub struct ExistingPasswordResetRequest {
    pub email: String,
    pub existing_password: String,
    pub new_password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/passwords/existing_password/reset`
pub async fn existing_password_reset(
    State(app): State<Shared>,
    Body(req): Body<ExistingPasswordResetRequest>,
) -> ApiResult {
    req.session.duration()?;
    let user = user_by_email(&app.store.lock(), &req.email)?;
    let Some(record) = user.password.clone() else {
        return Err(ApiError::bad(
            "no_user_password",
            "This user has no password to replace.",
        ));
    };
    if !verify_blocking(req.existing_password, record.hash).await? {
        return Err(ApiError::unauthorized(
            "The existing password is not this user's password.",
        ));
    }
    strength::require_strong(&req.new_password, Some(&user.email))?;
    let hash = hash_blocking(req.new_password).await?;
    let (user, session) = {
        let mut data = app.store.lock();
        let subject = Subject::User(user.user_id.clone());
        let session = sessions::start_or_extend(
            &app,
            &mut data,
            &subject,
            &req.session,
            vec![password_factor(&user, &app)],
            false,
        )?;
        let user = set_password(&mut data, &user.user_id, hash)?;
        data.revoke_sessions_of(&subject, session.as_ref().map(|s| s.session_id.as_str()));
        (user, session)
    };
    Ok(Json(signed_in_body(&app, &user, session.as_ref())))
}

#[derive(Deserialize)]
pub struct SessionResetRequest {
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/passwords/session/reset`: needs a session with a password or email factor from
/// the last five minutes; keeps that session and revokes the others.
pub async fn session_reset(
    State(app): State<Shared>,
    Body(req): Body<SessionResetRequest>,
) -> ApiResult {
    req.session.duration()?;
    let user = {
        let mut data = app.store.lock();
        let session = sessions::find_live(
            &app,
            &mut data,
            req.session.session_token.as_deref(),
            req.session.session_jwt.as_deref(),
        )?;
        let Subject::User(user_id) = &session.subject else {
            return Err(ApiError::bad(
                "invalid_consumer_endpoint",
                "This is a B2B member session.",
            ));
        };
        if !sessions::recent_enough_to_reset(&session, app.now()) {
            return Err(sessions::too_old_to_reset());
        }
        data.users
            .get(user_id)
            .cloned()
            .ok_or_else(ApiError::session_not_found)?
    };
    strength::require_strong(&req.password, Some(&user.email))?;
    let hash = hash_blocking(req.password).await?;
    let (user, session) = {
        let mut data = app.store.lock();
        let subject = Subject::User(user.user_id.clone());
        let session =
            sessions::start_or_extend(&app, &mut data, &subject, &req.session, Vec::new(), false)?;
        let user = set_password(&mut data, &user.user_id, hash)?;
        data.revoke_sessions_of(&subject, session.as_ref().map(|s| s.session_id.as_str()));
        (user, session)
    };
    Ok(Json(signed_in_body(&app, &user, session.as_ref())))
}
