//! `/v1/passwords/*`: create, authenticate, strength check, migrate, and the three resets.
//! The behaviour is shared with B2B in `flows::passwords`; this module reads the consumer
//! requests and writes the consumer responses.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::signed_in_body;
use super::users::{self, duplicate_email, insert_user, NewUser, UserFields};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::check_email;
use crate::flows::passwords::{self as shared, Account, Finish, ResetStart};
use crate::flows::sessions::{self, SessionArgs};
use crate::hashing::{check_migrated_hash, hash_blocking};
use crate::http::{ok, Body};
use crate::ids;
use crate::state::{PasswordRecord, Session, Subject};
use crate::strength;

/// A consumer sign-in finishes by starting or extending a session only when asked to.
fn finish<'a>(app: &'a App, args: &'a SessionArgs) -> impl Finish<Option<Session>> + 'a {
    move |data, account, factors| {
        let session = sessions::start_or_extend(app, data, &account.subject, args, factors, false)?;
        let keep = session.as_ref().map(|s| s.session_id.clone());
        Ok((session, keep))
    }
}

/// The signed-in response for an account the flows returned.
fn respond(app: &App, account: &Account, session: Option<&Session>) -> ApiResult {
    let Subject::User(user_id) = &account.subject else {
        return Err(ApiError::internal("a consumer flow returned a member"));
    };
    let user = users::user(&app.store.lock(), user_id)?;
    ok(signed_in_body(app, &user, session))
}

fn account_by_email(app: &App, email: &str) -> Result<Account, ApiError> {
    let data = app.store.lock();
    let user = users::user_by_email(&data, email)?;
    shared::account(&data, &Subject::User(user.user_id))
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
    req.session.validate()?;
    if app.store.lock().user_by_email(&req.email).is_some() {
        return Err(duplicate_email());
    }
    let hash = hash_blocking(req.password).await?;
    let (user, session) = {
        let mut data = app.store.lock();
        let record = PasswordRecord {
            password_id: ids::prefixed("password"),
            hash,
        };
        let new = NewUser {
            email: Some(req.email),
            fields: req.fields,
            pending: false,
            password: Some(record),
            ..NewUser::default()
        };
        let user = insert_user(&app, &mut data, new)?;
        let account = shared::account(&data, &Subject::User(user.user_id.clone()))?;
        let args = req.session.without_session();
        let factors = vec![account.password_factor(&app)];
        let (session, _) = finish(&app, &args)(&mut data, &account, factors)?;
        (user, session)
    };
    let mut body = signed_in_body(&app, &user, session.as_ref());
    body["email_id"] = json!(user.emails[0].email_id);
    ok(body)
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
    req.session.validate()?;
    let account = account_by_email(&app, &req.email)?;
    shared::verify(&account, req.password).await?;
    let session = {
        let mut data = app.store.lock();
        let factors = vec![account.password_factor(&app)];
        finish(&app, &req.session)(&mut data, &account, factors)?.0
    };
    respond(&app, &account, session.as_ref())
}

#[derive(Deserialize)]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email: Option<String>,
}

/// `POST /v1/passwords/strength_check`
pub async fn strength_check(Body(req): Body<StrengthCheckRequest>) -> ApiResult {
    ok(strength::check(&req.password, req.email.as_deref()).consumer_response())
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
        Some(user) => {
            let subject = Subject::User(user.user_id.clone());
            shared::set_password(&mut data, &subject, req.hash)?;
            (users::user(&data, &user.user_id)?, false)
        }
        None => {
            let record = PasswordRecord {
                password_id: ids::prefixed("password"),
                hash: req.hash,
            };
            let new = NewUser {
                email: Some(req.email.clone()),
                fields: req.fields,
                pending: false,
                password: Some(record),
                ..NewUser::default()
            };
            (insert_user(&app, &mut data, new)?, true)
        }
    };
    let email_id = user.email(&req.email).map(|e| e.email_id.clone());
    ok(json!({
        "user_id": user.user_id,
        "email_id": email_id,
        "user_created": created,
        "user": crate::render::user(&user),
    }))
}

#[derive(Debug, Deserialize)]
pub struct ResetStartRequest {
    pub email: String,
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i64>,
    pub code_challenge: Option<String>,
}

/// `POST /v1/passwords/email/reset/start`: puts a reset link in the outbox.
pub async fn email_reset_start(
    State(app): State<Shared>,
    Body(req): Body<ResetStartRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let user = users::user_by_email(&data, &req.email)?;
    let email_id = user.email(&req.email).map(|e| e.email_id.clone());
    shared::start_reset(
        &app,
        &mut data,
        ResetStart {
            subject: Subject::User(user.user_id.clone()),
            email: &req.email,
            organization_id: None,
            redirect_url: req.reset_password_redirect_url.as_deref(),
            minutes: req.reset_password_expiration_minutes,
            code_challenge: req.code_challenge,
        },
    )?;
    ok(json!({ "user_id": user.user_id, "email_id": email_id }))
}

#[derive(Deserialize)]
pub struct EmailResetRequest {
    pub token: String,
    pub password: String,
    pub code_verifier: Option<String>,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/passwords/email/reset`: uses up the token, sets the password, verifies the
/// email and revokes the user's other sessions.
pub async fn email_reset(
    State(app): State<Shared>,
    Body(req): Body<EmailResetRequest>,
) -> ApiResult {
    req.session.validate()?;
    let (account, session) = shared::reset_with_token(
        &app,
        &req.token,
        req.code_verifier.as_deref(),
        req.password,
        false,
        finish(&app, &req.session),
    )
    .await?;
    respond(&app, &account, session.as_ref())
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
    req.session.validate()?;
    let account = account_by_email(&app, &req.email)?;
    let (account, session) = shared::reset_existing(
        &app,
        account,
        req.existing_password,
        req.new_password,
        finish(&app, &req.session),
    )
    .await?;
    respond(&app, &account, session.as_ref())
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
    req.session.validate()?;
    let account = {
        let mut data = app.store.lock();
        let session = sessions::find_by_args(&app, &mut data, &req.session)?;
        if !matches!(session.subject, Subject::User(_)) {
            return Err(ApiError::bad(
                "invalid_consumer_endpoint",
                "This is a B2B member session.",
            ));
        }
        if !sessions::recent_enough_to_reset(&session, app.now()) {
            return Err(sessions::too_old_to_reset());
        }
        shared::account(&data, &session.subject)?
    };
    let (account, session) =
        shared::reset_by_session(&app, account, req.password, finish(&app, &req.session)).await?;
    respond(&app, &account, session.as_ref())
}
