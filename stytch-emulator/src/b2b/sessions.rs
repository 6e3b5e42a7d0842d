//! Member sessions: the `MemberSession` object, their JWTs, and the B2B session endpoints.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::organizations::{member_json, organization, organization_json, role_ids};
use crate::app::{timestamp, App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::ids;
use crate::sessions::{
    self, factors_json, find_live, jwt_claims, live_by_id, ok_body, SessionArgs,
};
use crate::state::{Data, Member, Organization, Session, Subject};

/// A member session with what its JSON and JWT need, gathered under the lock.
pub struct MemberSessionView {
    pub session: Session,
    pub member: Member,
    pub organization: Organization,
}

impl MemberSessionView {
    pub fn load(data: &Data, session: Session) -> Result<Self, ApiError> {
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
        let member = data
            .members
            .get(member_id)
            .cloned()
            .ok_or_else(ApiError::session_not_found)?;
        let organization = organization(data, organization_id)?;
        Ok(MemberSessionView {
            session,
            member,
            organization,
        })
    }

    pub fn json(&self) -> Value {
        let s = &self.session;
        json!({
            "member_session_id": s.session_id,
            "member_id": self.member.member_id,
            "started_at": timestamp(s.started_at),
            "last_accessed_at": timestamp(s.last_accessed_at),
            "expires_at": timestamp(s.expires_at),
            "authentication_factors": factors_json(&s.factors),
            "organization_id": self.organization.organization_id,
            "roles": role_ids(&self.member),
            "organization_slug": self.organization.slug,
            "custom_claims": s.custom_claims,
        })
    }

    pub fn jwt(&self, app: &App) -> String {
        let roles = role_ids(&self.member);
        app.keys.sign(&jwt_claims(
            app,
            &self.session,
            Some((&self.organization.slug, &roles)),
        ))
    }
}

/// The fields every B2B sign-in response shares; `view` is `None` only if no session could
/// be made.
pub fn signed_in_body(
    app: &App,
    member: &Member,
    org: &Organization,
    view: Option<&MemberSessionView>,
) -> Value {
    let (token, jwt) = match view {
        Some(v) => (v.session.token.clone(), v.jwt(app)),
        None => (String::new(), String::new()),
    };
    json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "member_id": member.member_id,
        "organization_id": org.organization_id,
        "member": member_json(member),
        "organization": organization_json(org),
        "session_token": token,
        "session_jwt": jwt,
        "member_session": view.map(MemberSessionView::json),
        "intermediate_session_token": "",
        "member_authenticated": true,
        "mfa_required": null,
        "primary_required": null,
    })
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/sessions/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    let args = req.session;
    let view = {
        let mut data = app.store.lock();
        let mut session = find_live(
            &app,
            &mut data,
            args.session_token.as_deref(),
            args.session_jwt.as_deref(),
        )?;
        let now = app.now();
        session.last_accessed_at = now;
        if let Some(d) = args.duration()? {
            session.expires_at = now + d;
        }
        session.custom_claims.extend(args.custom_claims()?);
        let view = MemberSessionView::load(&data, session)?;
        data.insert_session(view.session.clone());
        view
    };
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "member_session": view.json(),
        "session_token": view.session.token,
        "session_jwt": view.jwt(&app),
        "member": member_json(&view.member),
        "organization": organization_json(&view.organization),
    })))
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
        let member = data
            .members
            .get(member_id)
            .cloned()
            .ok_or_else(super::organizations::member_not_found)?;
        let subject = Subject::Member {
            member_id: member.member_id,
            organization_id: member.organization_id,
        };
        data.revoke_sessions_of(&subject, None);
        return Ok(ok_body());
    }
    let session = match &req.member_session_id {
        Some(id) => live_by_id(&app, &mut data, id),
        None if req.session_token.is_none() && req.session_jwt.is_none() => Err(ApiError::bad(
            "no_session_revoke_arguments",
            "Send a member_session_id, session_token, session_jwt or member_id.",
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

/// Starts or extends a member session after a successful sign-in (B2B always makes one).
pub fn start_for_member(
    app: &App,
    data: &mut Data,
    member: &Member,
    args: &SessionArgs,
    factors: Vec<crate::state::Factor>,
) -> Result<Option<MemberSessionView>, ApiError> {
    let subject = Subject::Member {
        member_id: member.member_id.clone(),
        organization_id: member.organization_id.clone(),
    };
    let session = sessions::start_or_extend(app, data, &subject, args, factors, true)?;
    session
        .map(|s| MemberSessionView::load(data, s))
        .transpose()
}
