//! `/v1/b2b/discovery/*`: the organizations an email address can sign in to, and turning an
//! intermediate session into a member session (in an existing organization or a new one).

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::members::{insert_member, MemberFields};
use super::organizations::{insert_organization, organization, OrganizationFields};
use super::signin::{self, SignIn};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::{email_domain, slug_from};
use crate::flows::sessions::{self, SessionArgs};
use crate::http::{ok, Body};
use crate::ids;
use crate::render;
use crate::state::{Data, IntermediateSession, Member, Organization, Subject};

pub fn intermediate_session_not_found() -> ApiError {
    ApiError::not_found(
        "intermediate_session_not_found",
        "The intermediate session token is unknown, used or expired.",
    )
}

/// The live intermediate session behind `token`.
pub fn intermediate(app: &App, data: &Data, token: &str) -> Result<IntermediateSession, ApiError> {
    data.intermediate_sessions
        .get(token)
        .filter(|i| i.expires_at > app.now())
        .cloned()
        .ok_or_else(intermediate_session_not_found)
}

/// Whether `org` lets `email` join by its domain (email JIT provisioning).
pub fn eligible_by_domain(org: &Organization, email: &str) -> bool {
    org.setting_str("email_jit_provisioning") == "RESTRICTED"
        && org
            .setting_list("email_allowed_domains")
            .contains(&email_domain(email))
}

/// The live member of `org` with `email`, or, when the organization lets the address join by
/// its domain, a new active one.
pub fn member_for(
    app: &App,
    data: &mut Data,
    org: &Organization,
    email: &str,
) -> Result<Member, ApiError> {
    if let Some(member) = data
        .member_by_email(&org.organization_id, email)
        .filter(|m| m.status != "deleted")
    {
        return Ok(member.clone());
    }
    if !eligible_by_domain(org, email) {
        return Err(ApiError::forbidden(
            "email_jit_provisioning_not_allowed",
            "This email address is not a member of the organization, and the organization \
             does not let its domain join.",
        ));
    }
    insert_member(
        app,
        data,
        &org.organization_id,
        email,
        MemberFields::default(),
        "active",
        None,
    )
}

/// The `discovered_organizations` of `email`, oldest organization first.
pub fn discovered(data: &Data, email: &str) -> Vec<Value> {
    let mut orgs: Vec<&Organization> = data.organizations.values().collect();
    orgs.sort_by(|a, b| {
        (a.created_at, &a.organization_id).cmp(&(b.created_at, &b.organization_id))
    });
    orgs.into_iter()
        .filter_map(|org| {
            let member = data
                .member_by_email(&org.organization_id, email)
                .filter(|m| m.status != "deleted");
            let mfa = org.setting_str("mfa_policy") == "REQUIRED_FOR_ALL";
            let mfa_required = if mfa {
                json!({ "member_options": null, "secondary_auth_initiated": null })
            } else {
                Value::Null
            };
            let membership = match member {
                Some(m) => json!({
                    "type": match m.status.as_str() {
                        "invited" => "invited_member",
                        "pending" => "pending_member",
                        _ => "active_member",
                    },
                    "details": null,
                    "member": render::member(m),
                }),
                None if eligible_by_domain(org, email) => json!({
                    "type": "eligible_to_join_by_email_domain",
                    "details": { "domain": email_domain(email) },
                    "member": null,
                }),
                None => return None,
            };
            Some(json!({
                "organization": render::organization(org),
                "membership": membership,
                "member_authenticated": member.is_some() && !mfa,
                "primary_required": null,
                "mfa_required": mfa_required,
            }))
        })
        .collect()
}

/// The response of a discovery authenticate: a new intermediate session for `email`.
pub fn discovery_body(
    app: &App,
    data: &mut Data,
    email: &str,
    factor: crate::state::Factor,
) -> Value {
    let (token, expires_at) = signin::start_intermediate(app, data, email, vec![factor], None);
    json!({
        "intermediate_session_token": token,
        "intermediate_session_token_expires_at": render::timestamp(expires_at),
        "email_address": email,
        "discovered_organizations": discovered(data, email),
    })
}

#[derive(Deserialize)]
pub struct ListRequest {
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// `POST /v1/b2b/discovery/organizations`: for an intermediate session or a member session.
pub async fn list(State(app): State<Shared>, Body(req): Body<ListRequest>) -> ApiResult {
    let mut data = app.store.lock();
    let email = match &req.intermediate_session_token {
        Some(token) => intermediate(&app, &data, token)?.email,
        None => {
            let session = sessions::find_live(
                &app,
                &mut data,
                req.session_token.as_deref(),
                req.session_jwt.as_deref(),
            )?;
            let Subject::Member { member_id, .. } = &session.subject else {
                return Err(ApiError::bad(
                    "invalid_b2b_endpoint",
                    "This is a consumer session.",
                ));
            };
            super::members::member(&data, member_id)?.email
        }
    };
    ok(json!({
        "email_address": email,
        "discovered_organizations": discovered(&data, &email),
        "organization_id_hint": null,
    }))
}

/// Ends a discovery: signs `member` in with the intermediate session's factors, and uses the
/// intermediate session up.
fn exchange_into(
    app: &App,
    data: &mut Data,
    token: &str,
    ist: IntermediateSession,
    member: &Member,
    args: &SessionArgs,
) -> Result<Value, ApiError> {
    let outcome = signin::finish(
        app,
        data,
        member,
        &args.without_session(),
        ist.factors,
        true,
    )?;
    data.intermediate_sessions.remove(token);
    let mut body = signin::body(app, data, &member.member_id, &outcome)?;
    if let SignIn::Intermediate { .. } = outcome {
        body["member_authenticated"] = json!(false);
    }
    Ok(body)
}

#[derive(Deserialize)]
pub struct CreateRequest {
    pub intermediate_session_token: String,
    #[serde(flatten)]
    pub session: SessionArgs,
    #[serde(flatten)]
    pub organization: OrganizationFields,
}

/// `POST /v1/b2b/discovery/organizations/create`: a new organization with the intermediate
/// session's email address as its first member (an admin), signed in.
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let ist = intermediate(&app, &data, &req.intermediate_session_token)?;
    let mut fields = req.organization;
    if fields
        .organization_name
        .as_deref()
        .unwrap_or("")
        .trim()
        .is_empty()
    {
        fields.organization_name = Some(email_domain(&ist.email));
    }
    if fields.organization_slug.is_none() {
        let base = slug_from(fields.organization_name.as_deref().unwrap_or(""));
        let taken = data.organizations.values().any(|o| o.slug == base);
        fields.organization_slug = Some(if taken || base.len() < 2 {
            format!("{base}-{}", &ids::uuid()[..8])
        } else {
            base
        });
    }
    let org = insert_organization(&app, &mut data, fields)?;
    let member = insert_member(
        &app,
        &mut data,
        &org.organization_id,
        &ist.email,
        MemberFields {
            roles: Some(vec!["stytch_admin".to_string()]),
            ..MemberFields::default()
        },
        "active",
        None,
    )?;
    let body = exchange_into(
        &app,
        &mut data,
        &req.intermediate_session_token,
        ist,
        &member,
        &req.session,
    )?;
    ok(body)
}

#[derive(Deserialize)]
pub struct ExchangeRequest {
    pub intermediate_session_token: String,
    pub organization_id: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/discovery/intermediate_sessions/exchange`: a member session in one of the
/// discovered organizations.
pub async fn exchange(State(app): State<Shared>, Body(req): Body<ExchangeRequest>) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let ist = intermediate(&app, &data, &req.intermediate_session_token)?;
    let org = organization(&data, &req.organization_id)?;
    if let Some(Subject::Member {
        organization_id, ..
    }) = &ist.member
    {
        if organization_id != &req.organization_id {
            return Err(ApiError::bad(
                "invalid_intermediate_session_token_for_organization",
                "This intermediate session is for another organization.",
            ));
        }
    }
    let member = member_for(&app, &mut data, &org, &ist.email)?;
    let body = exchange_into(
        &app,
        &mut data,
        &req.intermediate_session_token,
        ist,
        &member,
        &req.session,
    )?;
    ok(body)
}
