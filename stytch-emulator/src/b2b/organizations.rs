//! Organizations and members: create and get, and the JSON objects B2B responses carry.

use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use super::rbac::ROLE_IDS;
use crate::app::{timestamp, App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::ids;
use crate::state::{Data, Member, Organization, PasswordRecord};
use crate::users::check_email;

pub fn organization_not_found() -> ApiError {
    ApiError::not_found("organization_not_found", "No organization has this id.")
}

pub fn member_not_found() -> ApiError {
    ApiError::not_found(
        "member_not_found",
        "No member of this organization has this email address or id.",
    )
}

pub fn organization(data: &Data, organization_id: &str) -> Result<Organization, ApiError> {
    data.organizations
        .get(organization_id)
        .cloned()
        .ok_or_else(organization_not_found)
}

/// A slug from a name: lower-case letters and digits, other runs become one `-`.
fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn check_slug(slug: &str) -> Result<(), ApiError> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c);
    if (2..=128).contains(&slug.len()) && slug.chars().all(allowed) {
        return Ok(());
    }
    Err(ApiError::bad(
        "invalid_organization_slug",
        "organization_slug must be 2 to 128 characters of a-z, 0-9, '-', '.', '_' or '~'.",
    ))
}

/// The B2B `Organization` object.
pub fn organization_json(org: &Organization) -> Value {
    json!({
        "organization_id": org.organization_id,
        "organization_name": org.name,
        "organization_logo_url": org.logo_url,
        "organization_slug": org.slug,
        "sso_jit_provisioning": "ALL_ALLOWED",
        "sso_jit_provisioning_allowed_connections": [],
        "sso_active_connections": [],
        "email_allowed_domains": org.email_allowed_domains,
        "email_jit_provisioning": "RESTRICTED",
        "email_invites": "ALL_ALLOWED",
        "auth_methods": "ALL_ALLOWED",
        "allowed_auth_methods": [],
        "mfa_policy": "OPTIONAL",
        "rbac_email_implicit_role_assignments": [],
        "mfa_methods": "ALL_ALLOWED",
        "allowed_mfa_methods": [],
        "oauth_tenant_jit_provisioning": "NOT_ALLOWED",
        "claimed_email_domains": [],
        "first_party_connected_apps_allowed_type": "ALL_ALLOWED",
        "allowed_first_party_connected_apps": [],
        "third_party_connected_apps_allowed_type": "ALL_ALLOWED",
        "allowed_third_party_connected_apps": [],
        "custom_roles": [],
        "trusted_metadata": org.trusted_metadata.clone().unwrap_or_else(|| json!({})),
        "created_at": timestamp(org.created_at),
        "updated_at": timestamp(org.updated_at),
        "organization_external_id": org.external_id,
        "sso_default_connection_id": null,
        "scim_active_connection": null,
        "allowed_oauth_tenants": {},
    })
}

/// Every role a member holds: `stytch_member` plus any assigned ones.
pub fn role_ids(member: &Member) -> Vec<String> {
    let mut roles = vec!["stytch_member".to_string()];
    roles.extend(
        member
            .roles
            .iter()
            .filter(|r| *r != "stytch_member")
            .cloned(),
    );
    roles
}

/// The B2B `Member` object.
pub fn member_json(member: &Member) -> Value {
    let roles: Vec<Value> = role_ids(member)
        .into_iter()
        .map(|role_id| {
            let source = json!({ "type": "direct_assignment", "details": {} });
            json!({ "role_id": role_id, "sources": [source] })
        })
        .collect();
    json!({
        "organization_id": member.organization_id,
        "member_id": member.member_id,
        "email_address": member.email,
        "status": "active",
        "name": member.name,
        "sso_registrations": [],
        "is_breakglass": false,
        "member_password_id": member.password.as_ref().map(|p| p.password_id.as_str()).unwrap_or(""),
        "oauth_registrations": [],
        "email_address_verified": member.email_verified,
        "mfa_phone_number_verified": false,
        "is_admin": member.roles.iter().any(|r| r == "stytch_admin"),
        "totp_registration_id": "",
        "retired_email_addresses": [],
        "is_locked": false,
        "mfa_enrolled": false,
        "mfa_phone_number": "",
        "default_mfa_method": "",
        "roles": roles,
        "trusted_metadata": member.trusted_metadata.clone().unwrap_or_else(|| json!({})),
        "untrusted_metadata": member.untrusted_metadata.clone().unwrap_or_else(|| json!({})),
        "created_at": timestamp(member.created_at),
        "updated_at": timestamp(member.updated_at),
        "scim_registration": null,
        "external_id": member.external_id,
        "lock_created_at": null,
        "lock_expires_at": null,
    })
}

/// Optional member fields shared by the endpoints that create members.
#[derive(Debug, Default, Deserialize)]
pub struct MemberFields {
    pub name: Option<String>,
    pub roles: Option<Vec<String>>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
}

/// Inserts a member into an existing organization.
pub fn insert_member(
    app: &App,
    data: &mut Data,
    organization_id: &str,
    email: &str,
    fields: MemberFields,
    password: Option<PasswordRecord>,
) -> Result<Member, ApiError> {
    check_email(email)?;
    organization(data, organization_id)?;
    let roles = fields.roles.unwrap_or_default();
    if let Some(unknown) = roles.iter().find(|r| !ROLE_IDS.contains(&r.as_str())) {
        return Err(ApiError::bad(
            "invalid_rbac_role_id",
            format!(
                "No role {unknown:?} in the policy; roles are {}.",
                ROLE_IDS.join(", ")
            ),
        ));
    }
    let key = (organization_id.to_string(), email.to_lowercase());
    if data.member_by_email.contains_key(&key) {
        return Err(ApiError::bad(
            "duplicate_member_email",
            "A member of this organization already has this email address.",
        ));
    }
    let now = app.now();
    let member = Member {
        member_id: ids::prefixed("member"),
        organization_id: organization_id.to_string(),
        email: email.to_string(),
        email_id: ids::prefixed("member-email"),
        email_verified: false,
        name: fields.name.unwrap_or_default(),
        password,
        roles,
        trusted_metadata: fields.trusted_metadata,
        untrusted_metadata: fields.untrusted_metadata,
        external_id: fields.external_id,
        created_at: now,
        updated_at: now,
    };
    data.member_by_email.insert(key, member.member_id.clone());
    data.members
        .insert(member.member_id.clone(), member.clone());
    Ok(member)
}

fn organization_body(org: &Organization) -> Value {
    json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "organization": organization_json(org),
    })
}

#[derive(Debug, Deserialize)]
pub struct CreateOrganizationRequest {
    pub organization_name: String,
    pub organization_slug: Option<String>,
    pub organization_logo_url: Option<String>,
    pub trusted_metadata: Option<Value>,
    pub organization_external_id: Option<String>,
    pub email_allowed_domains: Option<Vec<String>>,
}

/// `POST /v1/b2b/organizations`
pub async fn create(
    State(app): State<Shared>,
    Body(req): Body<CreateOrganizationRequest>,
) -> ApiResult {
    if req.organization_name.trim().is_empty() {
        return Err(ApiError::bad(
            "organization_name_missing",
            "organization_name must not be empty.",
        ));
    }
    let slug = req
        .organization_slug
        .unwrap_or_else(|| slug_from(&req.organization_name));
    check_slug(&slug)?;
    let mut data = app.store.lock();
    if data.organization_by_slug.contains_key(&slug) {
        return Err(ApiError::bad(
            "organization_slug_already_used",
            "Another organization has this slug.",
        ));
    }
    let now = app.now();
    let org = Organization {
        organization_id: ids::prefixed("organization"),
        name: req.organization_name,
        slug: slug.clone(),
        logo_url: req.organization_logo_url.unwrap_or_default(),
        email_allowed_domains: req.email_allowed_domains.unwrap_or_default(),
        trusted_metadata: req.trusted_metadata,
        external_id: req.organization_external_id,
        created_at: now,
        updated_at: now,
    };
    data.organization_by_slug
        .insert(slug, org.organization_id.clone());
    data.organizations
        .insert(org.organization_id.clone(), org.clone());
    Ok(Json(organization_body(&org)))
}

/// `GET /v1/b2b/organizations/{organization_id}`
pub async fn get(State(app): State<Shared>, Path(organization_id): Path<String>) -> ApiResult {
    let org = organization(&app.store.lock(), &organization_id)?;
    Ok(Json(organization_body(&org)))
}

#[derive(Debug, Deserialize)]
pub struct CreateMemberRequest {
    pub email_address: String,
    #[serde(flatten)]
    pub fields: MemberFields,
}

/// `POST /v1/b2b/organizations/{organization_id}/members`
pub async fn create_member(
    State(app): State<Shared>,
    Path(organization_id): Path<String>,
    Body(req): Body<CreateMemberRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let member = insert_member(
        &app,
        &mut data,
        &organization_id,
        &req.email_address,
        req.fields,
        None,
    )?;
    let org = organization(&data, &organization_id)?;
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "member_id": member.member_id,
        "member": member_json(&member),
        "organization": organization_json(&org),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_names() {
        assert_eq!(slug_from("Acme, Inc."), "acme-inc");
        assert_eq!(slug_from("  Ünïcode Org 2 "), "n-code-org-2");
        assert!(check_slug("acme-inc").is_ok());
        assert!(check_slug("a").is_err());
        assert!(check_slug("Acme").is_err());
    }
}
