//! `/v1/b2b/sessions/*`: authenticate, revoke, and the JWKS.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::members::member;
use super::organizations::organization;
use super::signin::tokens;
use super::VERTICAL;
use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::flows::sessions::{self, SessionArgs};
use crate::http::{ok, ok_empty, Body, PathArgs, QueryMap};
use crate::render;
use crate::state::{Data, Member, Organization, Session, Subject};

/// The member and organization behind a member session.
fn owner(data: &Data, session: &Session) -> Result<(Member, Organization), ApiError> {
    let Subject::Member {
        member_id,
        organization_id,
    } = &session.subject
    else {
        return Err(ApiError::bad(
            "invalid_b2b_endpoint",
            "This is a consumer session; use /v1/sessions/authenticate.",
        ));
    };
    let member = member(data, member_id).map_err(|_| ApiError::session_not_found())?;
    Ok((member, organization(data, organization_id)?))
}

/// `authorization_check` of a member session authenticate.
#[derive(Deserialize)]
pub struct AuthorizationCheck {
    pub organization_id: String,
    pub resource_id: String,
    pub action: String,
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    #[serde(flatten)]
    pub session: SessionArgs,
    pub authorization_check: Option<AuthorizationCheck>,
}

/// Whether the member may do what `check` asks: the organization must be theirs, then one of
/// their roles (the project's or the organization's own) must grant the action.
fn authorize(
    member: &Member,
    org: &Organization,
    check: &AuthorizationCheck,
) -> Result<Value, ApiError> {
    if check.organization_id != member.organization_id {
        return Err(ApiError::forbidden(
            "session_authorization_tenancy_error",
            format!(
                "The member belongs to {}, not to {}.",
                member.organization_id, check.organization_id
            ),
        ));
    }
    let granting = VERTICAL.granting_roles(
        &member.role_ids(),
        &org.custom_roles,
        &check.resource_id,
        &check.action,
    );
    if granting.is_empty() {
        return Err(ApiError::forbidden(
            "session_authorization_error",
            format!(
                "The member's roles do not grant {} on {}.",
                check.action, check.resource_id
            ),
        ));
    }
    Ok(json!({ "authorized": true, "granting_roles": granting }))
}

/// `POST /v1/b2b/sessions/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    let (session, member, org) = {
        let mut data = app.store.lock();
        let found = sessions::find_by_args(&app, &mut data, &req.session)?;
        let (member, org) = owner(&data, &found)?;
        (sessions::touch(&app, &mut data, &req.session)?, member, org)
    };
    let verdict = match &req.authorization_check {
        Some(check) => authorize(&member, &org, check)?,
        None => Value::Null,
    };
    let (token, jwt) = tokens(&app, &session, &member, &org);
    ok(json!({
        "verdict": verdict,
        "member_session": render::member_session(&session, &member, &org),
        "session_token": token,
        "session_jwt": jwt,
        "member": render::member(&member),
        "organization": render::organization(&org),
    }))
}

#[derive(Default, Deserialize)]
pub struct RevokeRequest {
    pub member_session_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub member_id: Option<String>,
}

/// `POST /v1/b2b/sessions/revoke`: one session, or every session of `member_id`.
pub async fn revoke(State(app): State<Shared>, Body(req): Body<RevokeRequest>) -> ApiResult {
    let mut data = app.store.lock();
    if let Some(member_id) = &req.member_id {
        let member = member(&data, member_id)?;
        data.revoke_sessions_of(&member.subject(), None);
        return ok_empty();
    }
    sessions::revoke(
        &app,
        &mut data,
        req.member_session_id.as_deref(),
        req.session_token.as_deref(),
        req.session_jwt.as_deref(),
    )?;
    ok_empty()
}

/// `GET /v1/b2b/sessions/jwks/{project_id}`: the same keys as the consumer JWKS.
pub async fn jwks(state: State<Shared>, project_id: PathArgs<String>) -> ApiResult {
    crate::consumer::sessions::jwks(state, project_id).await
}

/// `GET /v1/b2b/sessions?organization_id=...&member_id=...`: the member's live sessions.
pub async fn get(State(app): State<Shared>, query: QueryMap) -> ApiResult {
    let organization_id = query.require("organization_id")?;
    let member_id = query.require("member_id")?;
    let data = app.store.lock();
    let member = super::members::member_of(&data, organization_id, member_id)?;
    let org = organization(&data, organization_id)?;
    let live = sessions::live_sessions_of(&app, &data, &member.subject());
    ok(json!({
        "member_sessions": live
            .iter()
            .map(|s| render::member_session(s, &member, &org))
            .collect::<Vec<_>>(),
    }))
}

#[derive(Deserialize)]
pub struct ExchangeRequest {
    pub organization_id: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/sessions/exchange`: the same person's session in another organization, with
/// the factors of the session exchanged.
pub async fn exchange(State(app): State<Shared>, Body(req): Body<ExchangeRequest>) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let current = sessions::find_by_args(&app, &mut data, &req.session)?;
    let (from, _) = owner(&data, &current)?;
    let org = organization(&data, &req.organization_id)?;
    let member = super::discovery::member_for(&app, &mut data, &org, &from.email)?;
    let email_factor = current.factors.iter().any(|f| f.delivery_method == "email");
    let outcome = super::signin::finish(
        &app,
        &mut data,
        &member,
        &req.session.without_session(),
        current.factors,
        email_factor,
    )?;
    ok(super::signin::body(
        &app,
        &data,
        &member.member_id,
        &outcome,
    )?)
}
