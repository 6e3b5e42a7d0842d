//! Member passwords: authenticate, strength check, migrate, and the three resets.
//! The same lock discipline as the consumer side (see `crate::passwords`).

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::organizations::{
    self, insert_member, member_json, member_not_found, organization, organization_json,
    MemberFields,
};
use super::sessions::{signed_in_body, start_for_member, MemberSessionView};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::hashing::{check_migrated_hash, hash_blocking, verify_blocking};
use crate::http::Body;
use crate::reset::{self, ResetStart};
use crate::sessions::{self, factor, SessionArgs};
use crate::state::{Data, Factor, Member, Organization, PasswordRecord, Subject};
use crate::{ids, strength};

fn member_by_email(data: &Data, organization_id: &str, email: &str) -> Result<Member, ApiError> {
    organization(data, organization_id)?;
    data.member_by_email(organization_id, email)
        .cloned()
        .ok_or_else(member_not_found)
}

fn subject_of(member: &Member) -> Subject {
    Subject::Member {
        member_id: member.member_id.clone(),
        organization_id: member.organization_id.clone(),
    }
}

fn set_password(data: &mut Data, member_id: &str, hash: String) -> Result<Member, ApiError> {
    let member = data
        .members
        .get_mut(member_id)
        .ok_or_else(member_not_found)?;
    let password_id = member
        .password
        .as_ref()
        .map(|p| p.password_id.clone())
        .unwrap_or_else(|| ids::prefixed("member-password"));
    member.password = Some(PasswordRecord { password_id, hash });
    Ok(member.clone())
}

fn password_factor(member: &Member, app: &App) -> Factor {
    factor(
        "password",
        "knowledge",
        &member.email_id,
        &member.email,
        app.now(),
    )
}

fn no_password() -> ApiError {
    ApiError::not_found(
        "member_password_not_found",
        "This member has no password; start a reset to set one.",
    )
}

/// Sets the new password and revokes the member's sessions other than `view`'s (the one
/// the reset kept or made). Returns what the sign-in response needs.
fn complete_reset(
    data: &mut Data,
    member: &Member,
    hash: String,
    view: Option<MemberSessionView>,
) -> Result<(Member, Organization, Option<MemberSessionView>), ApiError> {
    let member = set_password(data, &member.member_id, hash)?;
    data.revoke_sessions_of(
        &subject_of(&member),
        view.as_ref().map(|v| v.session.session_id.as_str()),
    );
    let org = organization(data, &member.organization_id)?;
    let view = view.map(|v| MemberSessionView {
        member: member.clone(),
        ..v
    });
    Ok((member, org, view))
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
    req.session.duration()?;
    let member = {
        let data = app.store.lock();
        organization(&data, &req.organization_id)?;
        data.member_by_email(&req.organization_id, &req.email_address)
            .cloned()
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "The email address and password do not match a member of this organization.",
                )
            })?
    };
    let record = member.password.clone().ok_or_else(no_password)?;
    if !verify_blocking(req.password, record.hash).await? {
        return Err(ApiError::unauthorized(
            "The email address and password do not match a member of this organization.",
        ));
    }
    let mut data = app.store.lock();
    let view = start_for_member(
        &app,
        &mut data,
        &member,
        &req.session,
        vec![password_factor(&member, &app)],
    )?;
    let org = organization(&data, &member.organization_id)?;
    drop(data);
    Ok(Json(signed_in_body(&app, &member, &org, view.as_ref())))
}

#[derive(Deserialize)]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email_address: Option<String>,
}

/// `POST /v1/b2b/passwords/strength_check`
pub async fn strength_check(Body(req): Body<StrengthCheckRequest>) -> ApiResult {
    Ok(Json(
        strength::check(&req.password, req.email_address.as_deref()).b2b_response(),
    ))
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

/// `POST /v1/b2b/passwords/migrate`: stores an argon2 hash, creating the member if needed.
pub async fn migrate(State(app): State<Shared>, Body(req): Body<MigrateRequest>) -> ApiResult {
    check_migrated_hash(&req.hash_type, &req.hash)?;
    let mut data = app.store.lock();
    let org = organization(&data, &req.organization_id)?;
    let existing = data
        .member_by_email(&req.organization_id, &req.email_address)
        .cloned();
    let (member, created) = match existing {
        Some(member) => (set_password(&mut data, &member.member_id, req.hash)?, false),
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
                Some(record),
            )?;
            (member, true)
        }
    };
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "member_id": member.member_id,
        "member_created": created,
        "member": member_json(&member),
        "organization": organization_json(&org),
    })))
}

#[derive(Debug, Deserialize)]
pub struct ResetStartRequest {
    pub organization_id: String,
    pub email_address: String,
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i64>,
}

/// `POST /v1/b2b/passwords/email/reset/start`: puts a reset token in the outbox.
pub async fn email_reset_start(
    State(app): State<Shared>,
    Body(req): Body<ResetStartRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let member = member_by_email(&data, &req.organization_id, &req.email_address)?;
    reset::issue(
        &app,
        &mut data,
        ResetStart {
            subject: subject_of(&member),
            email: &req.email_address,
            organization_id: Some(&req.organization_id),
            redirect_url: req.reset_password_redirect_url.as_deref(),
            expiration_minutes: req.reset_password_expiration_minutes,
        },
    )?;
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "member_id": member.member_id,
        "member_email_id": member.email_id,
        "member": member_json(&member),
    })))
}

#[derive(Deserialize)]
pub struct EmailResetRequest {
    pub password_reset_token: String,
    pub password: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/passwords/email/reset`
pub async fn email_reset(
    State(app): State<Shared>,
    Body(req): Body<EmailResetRequest>,
) -> ApiResult {
    req.session.duration()?;
    let member = {
        let data = app.store.lock();
        let Subject::Member { member_id, .. } =
            reset::check(&app, &data, &req.password_reset_token)?
        else {
            return Err(ApiError::bad(
                "invalid_b2b_endpoint",
                "This token belongs to a consumer user.",
            ));
        };
        data.members
            .get(&member_id)
            .cloned()
            .ok_or_else(member_not_found)?
    };
    strength::require_strong(&req.password, Some(&member.email))?;
    let hash = hash_blocking(req.password).await?;
    let (member, org, view) = {
        let mut data = app.store.lock();
        reset::check(&app, &data, &req.password_reset_token)?;
        let factors = vec![
            factor(
                "magic_link",
                "email",
                &member.email_id,
                &member.email,
                app.now(),
            ),
            password_factor(&member, &app),
        ];
        // The session is settled first, so a bad session argument leaves the token unused.
        let view = start_for_member(&app, &mut data, &member, &req.session, factors)?;
        reset::consume(&app, &mut data, &req.password_reset_token)?;
        if let Some(stored) = data.members.get_mut(&member.member_id) {
            stored.email_verified = true;
        }
        let member = data
            .members
            .get(&member.member_id)
            .cloned()
            .ok_or_else(member_not_found)?;
        complete_reset(&mut data, &member, hash, view)?
    };
    let mut body = signed_in_body(&app, &member, &org, view.as_ref());
    body["member_email_id"] = json!(member.email_id);
    Ok(Json(body))
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
    req.session.duration()?;
    let member = member_by_email(&app.store.lock(), &req.organization_id, &req.email_address)?;
    let record = member.password.clone().ok_or_else(no_password)?;
    if !verify_blocking(req.existing_password, record.hash).await? {
        return Err(ApiError::unauthorized(
            "The existing password is not this member's password.",
        ));
    }
    strength::require_strong(&req.new_password, Some(&member.email))?;
    let hash = hash_blocking(req.new_password).await?;
    let (member, org, view) = {
        let mut data = app.store.lock();
        let factors = vec![password_factor(&member, &app)];
        let view = start_for_member(&app, &mut data, &member, &req.session, factors)?;
        complete_reset(&mut data, &member, hash, view)?
    };
    Ok(Json(signed_in_body(&app, &member, &org, view.as_ref())))
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
    req.session.duration()?;
    let member = {
        let mut data = app.store.lock();
        organization(&data, &req.organization_id)?;
        let session = sessions::find_live(
            &app,
            &mut data,
            req.session.session_token.as_deref(),
            req.session.session_jwt.as_deref(),
        )?;
        let Subject::Member {
            member_id,
            organization_id,
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
        data.members
            .get(member_id)
            .cloned()
            .ok_or_else(organizations::member_not_found)?
    };
    strength::require_strong(&req.password, Some(&member.email))?;
    let hash = hash_blocking(req.password).await?;
    let (member, org, view) = {
        let mut data = app.store.lock();
        let view = start_for_member(&app, &mut data, &member, &req.session, Vec::new())?;
        complete_reset(&mut data, &member, hash, view)?
    };
    Ok(Json(signed_in_body(&app, &member, &org, view.as_ref())))
}
