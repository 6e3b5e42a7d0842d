//! `/v1/b2b/passwords/*`: authenticate, strength check, migrate, and the three resets. The
//! behaviour is shared with the consumer side in `flows::passwords`; this module reads B2B
//! requests and writes B2B responses.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::members::{insert_member, member_body, member_by_email, MemberFields};
use super::organizations::organization;
use super::signin::{self, SignIn};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::check_email;
use crate::flows::passwords::{self as shared, Account, Finish, ResetStart};
use crate::flows::sessions::{self, SessionArgs};
use crate::hashing::check_migrated_hash;
use crate::http::{ok, Body};
use crate::ids;
use crate::render;
use crate::state::{PasswordRecord, Subject};
use crate::strength;

/// A B2B sign-in always ends in a member session or an intermediate one.
fn finish<'a>(app: &'a App, args: &'a SessionArgs, email_factor: bool) -> impl Finish<SignIn> + 'a {
    move |data, account, factors| {
        let Subject::Member { member_id, .. } = &account.subject else {
            return Err(ApiError::internal("a B2B flow was given a user"));
        };
        let member = super::members::member(data, member_id)?;
        let outcome = signin::finish(app, data, &member, args, factors, email_factor)?;
        let keep = outcome.session_id();
        Ok((outcome, keep))
    }
}

fn respond(app: &App, account: &Account, outcome: &SignIn) -> ApiResult {
    let Subject::Member { member_id, .. } = &account.subject else {
        return Err(ApiError::internal("a B2B flow returned a user"));
    };
    let data = app.store.lock();
    let mut body = signin::body(app, &data, member_id, outcome)?;
    body["member_email_id"] = json!(account.email_id);
    ok(body)
}

fn account_of(app: &App, organization_id: &str, email: &str) -> Result<Account, ApiError> {
    let data = app.store.lock();
    let member = member_by_email(&data, organization_id, email)?;
    shared::account(&data, &member.subject())
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/passwords/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.validate()?;
    let account = account_of(&app, &req.organization_id, &req.email_address).map_err(|e| {
        if e.error_type == "member_not_found" {
            ApiError::unauthorized(
                "The email address and password do not match a member of this organization.",
            )
        } else {
            e
        }
    })?;
    shared::verify(&account, req.password).await?;
    let outcome = {
        let mut data = app.store.lock();
        let factors = vec![account.password_factor(&app)];
        finish(&app, &req.session, false)(&mut data, &account, factors)?.0
    };
    respond(&app, &account, &outcome)
}

#[derive(Deserialize)]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email_address: Option<String>,
}

/// `POST /v1/b2b/passwords/strength_check`
pub async fn strength_check(Body(req): Body<StrengthCheckRequest>) -> ApiResult {
    ok(strength::check(&req.password, req.email_address.as_deref()).b2b_response())
}

#[derive(Deserialize)]
pub struct MigrateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub hash: String,
    pub hash_type: String,
    #[serde(flatten)]
    pub fields: MemberFields,
}

/// `POST /v1/b2b/passwords/migrate`: stores an argon2 hash made elsewhere, creating the
/// member if needed.
pub async fn migrate(State(app): State<Shared>, Body(req): Body<MigrateRequest>) -> ApiResult {
    check_email(&req.email_address)?;
    check_migrated_hash(&req.hash_type, &req.hash)?;
    let mut data = app.store.lock();
    organization(&data, &req.organization_id)?;
    let existing = member_by_email(&data, &req.organization_id, &req.email_address).ok();
    let (member, created) = match existing {
        Some(member) => {
            shared::set_password(&mut data, &member.subject(), req.hash)?;
            (super::members::member(&data, &member.member_id)?, false)
        }
        None => {
            let record = PasswordRecord {
                password_id: ids::prefixed("member-password"),
                hash: req.hash,
            };
            let member = insert_member(
                &app,
                &mut data,
                &req.organization_id,
                &req.email_address,
                req.fields,
                "active",
                Some(record),
            )?;
            (member, true)
        }
    };
    let mut body = member_body(&data, &member)?;
    body["member_created"] = json!(created);
    ok(body)
}

#[derive(Debug, Deserialize)]
pub struct ResetStartRequest {
    pub organization_id: String,
    pub email_address: String,
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i64>,
    pub code_challenge: Option<String>,
}

/// `POST /v1/b2b/passwords/email/reset/start`
pub async fn email_reset_start(
    State(app): State<Shared>,
    Body(req): Body<ResetStartRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let member = member_by_email(&data, &req.organization_id, &req.email_address)?;
    shared::start_reset(
        &app,
        &mut data,
        ResetStart {
            subject: member.subject(),
            email: &req.email_address,
            organization_id: Some(&req.organization_id),
            redirect_url: req.reset_password_redirect_url.as_deref(),
            minutes: req.reset_password_expiration_minutes,
            code_challenge: req.code_challenge,
        },
    )?;
    ok(json!({
        "member_id": member.member_id,
        "member_email_id": member.email_id,
        "member": render::member(&member),
    }))
}

#[derive(Deserialize)]
pub struct EmailResetRequest {
    pub password_reset_token: String,
    pub password: String,
    pub code_verifier: Option<String>,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/passwords/email/reset`
pub async fn email_reset(
    State(app): State<Shared>,
    Body(req): Body<EmailResetRequest>,
) -> ApiResult {
    req.session.validate()?;
    let (account, outcome) = shared::reset_with_token(
        &app,
        &req.password_reset_token,
        req.code_verifier.as_deref(),
        req.password,
        true,
        finish(&app, &req.session, true),
    )
    .await?;
    respond(&app, &account, &outcome)
}

#[derive(Deserialize)]
pub struct ExistingPasswordResetRequest {
    pub organization_id: String,
    pub email_address: String,
    pub existing_password: String,
    pub new_password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/passwords/existing_password/reset`
pub async fn existing_password_reset(
    State(app): State<Shared>,
    Body(req): Body<ExistingPasswordResetRequest>,
) -> ApiResult {
    req.session.validate()?;
    let account = account_of(&app, &req.organization_id, &req.email_address)?;
    let (account, outcome) = shared::reset_existing(
        &app,
        account,
        req.existing_password,
        req.new_password,
        finish(&app, &req.session, false),
    )
    .await?;
    respond(&app, &account, &outcome)
}

#[derive(Deserialize)]
pub struct SessionResetRequest {
    pub organization_id: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/passwords/session/reset`: needs a member session of this organization
/// with a password or email factor from the last five minutes.
pub async fn session_reset(
    State(app): State<Shared>,
    Body(req): Body<SessionResetRequest>,
) -> ApiResult {
    req.session.validate()?;
    let account = {
        let mut data = app.store.lock();
        organization(&data, &req.organization_id)?;
        let session = sessions::find_by_args(&app, &mut data, &req.session)?;
        let Subject::Member {
            organization_id, ..
        } = &session.subject
        else {
            return Err(ApiError::bad(
                "invalid_b2b_endpoint",
                "This is a consumer session.",
            ));
        };
        if organization_id != &req.organization_id {
            return Err(ApiError::bad(
                "invalid_organization_id",
                "The session belongs to a member of another organization.",
            ));
        }
        if !sessions::recent_enough_to_reset(&session, app.now()) {
            return Err(sessions::too_old_to_reset());
        }
        shared::account(&data, &session.subject)?
    };
    let (account, outcome) = shared::reset_by_session(
        &app,
        account,
        req.password,
        finish(&app, &req.session, false),
    )
    .await?;
    respond(&app, &account, &outcome)
}
