//! `/v1/b2b/organizations/{organization_id}/members`: the members of an organization.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::organizations::organization;
use super::VERTICAL;
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::{check_email, check_phone};
use crate::flows::passwords::member_not_found;
use crate::flows::search::{Filters, Kind, Operand};
use crate::http::{ok, Body, PathArgs, QueryMap};
use crate::ids;
use crate::render;
use crate::state::{Data, Member, PasswordRecord};

/// Optional member fields the endpoints that create members accept.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct MemberFields {
    pub name: Option<String>,
    pub roles: Option<Vec<String>>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub is_breakglass: Option<bool>,
    pub mfa_phone_number: Option<String>,
    pub mfa_enrolled: Option<bool>,
}

/// A live (not deleted) member by id.
pub fn member(data: &Data, member_id: &str) -> Result<Member, ApiError> {
    data.members
        .get(member_id)
        .filter(|m| m.status != "deleted")
        .cloned()
        .ok_or_else(member_not_found)
}

/// A live member of `organization_id` by id.
pub fn member_of(data: &Data, organization_id: &str, member_id: &str) -> Result<Member, ApiError> {
    organization(data, organization_id)?;
    member(data, member_id)
        .ok()
        .filter(|m| m.organization_id == organization_id)
        .ok_or_else(member_not_found)
}

/// A live member of `organization_id` by email address.
pub fn member_by_email(
    data: &Data,
    organization_id: &str,
    email: &str,
) -> Result<Member, ApiError> {
    organization(data, organization_id)?;
    data.member_by_email(organization_id, email)
        .filter(|m| m.status != "deleted")
        .cloned()
        .ok_or_else(member_not_found)
}

/// Checks roles against the project's and the organization's.
pub fn check_roles(data: &Data, organization_id: &str, roles: &[String]) -> Result<(), ApiError> {
    let org = organization(data, organization_id)?;
    VERTICAL.check_assignable(roles, &org.custom_roles)
}

/// Inserts a member into an existing organization with the given status.
pub fn insert_member(
    app: &App,
    data: &mut Data,
    organization_id: &str,
    email: &str,
    fields: MemberFields,
    status: &str,
    password: Option<PasswordRecord>,
) -> Result<Member, ApiError> {
    check_email(email)?;
    organization(data, organization_id)?;
    let roles = fields.roles.unwrap_or_default();
    check_roles(data, organization_id, &roles)?;
    if data.member_by_email(organization_id, email).is_some() {
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
        status: status.to_string(),
        name: fields.name.unwrap_or_default(),
        password,
        roles,
        is_breakglass: fields.is_breakglass.unwrap_or(false),
        mfa_phone_number: fields.mfa_phone_number.unwrap_or_default(),
        mfa_phone_verified: false,
        mfa_enrolled: fields.mfa_enrolled.unwrap_or(false),
        default_mfa_method: String::new(),
        trusted_metadata: fields.trusted_metadata,
        untrusted_metadata: fields.untrusted_metadata,
        external_id: fields.external_id,
        created_at: now,
        updated_at: now,
    };
    data.members
        .insert(member.member_id.clone(), member.clone());
    Ok(member)
}

/// `member_id`, `member` and `organization`, as most member responses carry them.
pub fn member_body(data: &Data, member: &Member) -> Result<Value, ApiError> {
    let org = organization(data, &member.organization_id)?;
    Ok(json!({
        "member_id": member.member_id,
        "member": render::member(member),
        "organization": render::organization(&org),
    }))
}

#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    pub email_address: String,
    #[serde(default)]
    pub create_member_as_pending: bool,
    #[serde(flatten)]
    pub fields: MemberFields,
}

/// `POST /v1/b2b/organizations/{organization_id}/members`
pub async fn create(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
    Body(req): Body<CreateRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let status = if req.create_member_as_pending {
        "pending"
    } else {
        "active"
    };
    let member = insert_member(
        &app,
        &mut data,
        &organization_id,
        &req.email_address,
        req.fields,
        status,
        None,
    )?;
    ok(member_body(&data, &member)?)
}

/// `GET /v1/b2b/organizations/{organization_id}/member?member_id=...|email_address=...`
pub async fn get(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
    query: QueryMap,
) -> ApiResult {
    let data = app.store.lock();
    let member = match (query.get("member_id"), query.get("email_address")) {
        (Some(id), _) => member_of(&data, &organization_id, id)?,
        (None, Some(email)) => member_by_email(&data, &organization_id, email)?,
        (None, None) => {
            return Err(ApiError::bad(
                "invalid_member_get_fields",
                "Send a member_id or an email_address.",
            ))
        }
    };
    ok(member_body(&data, &member)?)
}

/// `GET /v1/b2b/organizations/members/dangerously_get/{member_id}[?include_deleted=true]`:
/// a member of any organization.
pub async fn dangerously_get(
    State(app): State<Shared>,
    PathArgs(member_id): PathArgs<String>,
    query: QueryMap,
) -> ApiResult {
    let data = app.store.lock();
    let include_deleted = query.get("include_deleted") == Some("true");
    let member = data
        .members
        .get(&member_id)
        .filter(|m| include_deleted || m.status != "deleted")
        .cloned()
        .ok_or_else(member_not_found)?;
    ok(member_body(&data, &member)?)
}

#[derive(Debug, Deserialize)]
pub struct UpdateRequest {
    pub email_address: Option<String>,
    pub default_mfa_method: Option<String>,
    #[serde(flatten)]
    pub fields: MemberFields,
}

/// `PUT /v1/b2b/organizations/{organization_id}/members/{member_id}`: absent fields are left
/// as they are. A new email address starts unverified.
pub async fn update(
    State(app): State<Shared>,
    PathArgs((organization_id, member_id)): PathArgs<(String, String)>,
    Body(req): Body<UpdateRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let mut member = member_of(&data, &organization_id, &member_id)?;
    let fields = req.fields;
    if let Some(roles) = fields.roles {
        check_roles(&data, &organization_id, &roles)?;
        member.roles = roles;
    }
    if let Some(email) = req.email_address {
        check_email(&email)?;
        if let Some(other) = data.member_by_email(&organization_id, &email) {
            if other.member_id != member_id {
                return Err(ApiError::bad(
                    "duplicate_member_email",
                    "A member of this organization already has this email address.",
                ));
            }
        }
        if !member.email.eq_ignore_ascii_case(&email) {
            member.email = email;
            member.email_id = ids::prefixed("member-email");
            member.email_verified = false;
        }
    }
    if let Some(phone) = fields.mfa_phone_number {
        if !phone.is_empty() {
            check_phone(&phone)?;
        }
        member.mfa_phone_number = phone;
        member.mfa_phone_verified = false;
    }
    if let Some(v) = fields.name {
        member.name = v;
    }
    if let Some(v) = fields.trusted_metadata {
        member.trusted_metadata = Some(v);
    }
    if let Some(v) = fields.untrusted_metadata {
        member.untrusted_metadata = Some(v);
    }
    if let Some(v) = fields.external_id {
        member.external_id = Some(v);
    }
    if let Some(v) = fields.is_breakglass {
        member.is_breakglass = v;
    }
    if let Some(v) = fields.mfa_enrolled {
        member.mfa_enrolled = v;
    }
    if let Some(v) = req.default_mfa_method {
        member.default_mfa_method = v;
    }
    member.updated_at = app.now();
    data.members.insert(member_id, member.clone());
    ok(member_body(&data, &member)?)
}

/// `DELETE /v1/b2b/organizations/{organization_id}/members/{member_id}`: the member is
/// marked `deleted` (reactivate brings them back) and their sessions end.
pub async fn delete(
    State(app): State<Shared>,
    PathArgs((organization_id, member_id)): PathArgs<(String, String)>,
) -> ApiResult {
    let mut data = app.store.lock();
    let member = member_of(&data, &organization_id, &member_id)?;
    data.revoke_sessions_of(&member.subject(), None);
    let now = app.now();
    if let Some(stored) = data.members.get_mut(&member_id) {
        stored.status = "deleted".into();
        stored.updated_at = now;
    }
    ok(json!({ "member_id": member_id }))
}

/// `PUT /v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate`
pub async fn reactivate(
    State(app): State<Shared>,
    PathArgs((organization_id, member_id)): PathArgs<(String, String)>,
) -> ApiResult {
    let mut data = app.store.lock();
    organization(&data, &organization_id)?;
    let now = app.now();
    let stored = data
        .members
        .get_mut(&member_id)
        .filter(|m| m.organization_id == organization_id)
        .ok_or_else(member_not_found)?;
    if stored.status != "deleted" {
        return Err(ApiError::bad(
            "no_deleted_member_found_for_reactivation",
            "The member is not deleted.",
        ));
    }
    stored.status = "active".into();
    stored.updated_at = now;
    let member = stored.clone();
    ok(member_body(&data, &member)?)
}

/// `DELETE /v1/b2b/organizations/{organization_id}/members/passwords/{member_password_id}`
pub async fn delete_password(
    State(app): State<Shared>,
    PathArgs((organization_id, password_id)): PathArgs<(String, String)>,
) -> ApiResult {
    let mut data = app.store.lock();
    organization(&data, &organization_id)?;
    let stored = data
        .members
        .values_mut()
        .find(|m| {
            m.organization_id == organization_id
                && m.password
                    .as_ref()
                    .is_some_and(|p| p.password_id == password_id)
        })
        .ok_or_else(|| {
            ApiError::not_found(
                "member_password_not_found",
                "No member of this organization has a password with this id.",
            )
        })?;
    stored.password = None;
    let member = stored.clone();
    ok(member_body(&data, &member)?)
}

const SEARCH: Filters = Filters {
    filters: &[
        ("member_ids", Kind::Strings),
        ("member_emails", Kind::Strings),
        ("member_email_fuzzy", Kind::Text),
        ("member_is_breakglass", Kind::Bool),
        ("statuses", Kind::Strings),
        ("member_mfa_phone_numbers", Kind::Strings),
        ("member_mfa_phone_number_fuzzy", Kind::Text),
        ("member_password_exists", Kind::Bool),
        ("member_roles", Kind::Strings),
    ],
    unknown_filter: "member_search_filter_name_not_recognized",
    invalid_cursor: "bad_request",
    invalid_limit: "bad_request",
};

fn member_matches(op: &Operand, member: &Member) -> bool {
    match op.name {
        "member_ids" => op.any_equals(&member.member_id),
        "member_emails" => op.any_equals(&member.email),
        "member_email_fuzzy" => op.contained_in(&member.email),
        "member_is_breakglass" => member.is_breakglass == op.bool(),
        "statuses" => op.any_equals(&member.status),
        "member_mfa_phone_numbers" => op.any_equals(&member.mfa_phone_number),
        "member_mfa_phone_number_fuzzy" => {
            !member.mfa_phone_number.is_empty() && op.contained_in(&member.mfa_phone_number)
        }
        "member_password_exists" => member.password.is_some() == op.bool(),
        "member_roles" => member.role_ids().iter().any(|r| op.any_equals(r)),
        _ => false,
    }
}

#[derive(Deserialize)]
pub struct SearchRequest {
    #[serde(default)]
    pub organization_ids: Vec<String>,
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub query: Option<Value>,
}

/// `POST /v1/b2b/organizations/members/search`: members of the given organizations, oldest
/// first, a page at a time. Deleted members match only a `statuses` filter naming them.
pub async fn search(State(app): State<Shared>, Body(req): Body<SearchRequest>) -> ApiResult {
    if req.organization_ids.is_empty() {
        return Err(ApiError::bad(
            "member_search_organization_ids_empty",
            "organization_ids must name at least one organization.",
        ));
    }
    let query = SEARCH.parse(req.query.as_ref())?;
    let wants_deleted = query
        .operand("statuses")
        .is_some_and(|op| op.any_equals("deleted"));
    let data = app.store.lock();
    let mut organizations = serde_json::Map::new();
    for id in &req.organization_ids {
        organizations.insert(id.clone(), render::organization(&organization(&data, id)?));
    }
    let mut found: Vec<Member> = data
        .members
        .values()
        .filter(|m| req.organization_ids.contains(&m.organization_id))
        .filter(|m| wants_deleted || m.status != "deleted")
        .filter(|m| query.matches(|op| member_matches(op, m)))
        .cloned()
        .collect();
    drop(data);
    found.sort_by(|a, b| (a.created_at, &a.member_id).cmp(&(b.created_at, &b.member_id)));
    let (page, metadata) = SEARCH.page(found, req.cursor.as_deref(), req.limit)?;
    ok(json!({
        "members": page.iter().map(render::member).collect::<Vec<_>>(),
        "results_metadata": metadata,
        "organizations": organizations,
    }))
}
