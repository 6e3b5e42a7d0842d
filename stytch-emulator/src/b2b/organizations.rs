//! `/v1/b2b/organizations`: organizations and their settings.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::{check_slug, slug_from};
use crate::flows::search::{self, Filters, Operand};
use crate::http::{ok, Body, PathArgs};
use crate::ids;
use crate::render;
use crate::state::{Data, Member, Organization, Subject, TokenOwner};

pub fn organization_not_found() -> ApiError {
    ApiError::not_found("organization_not_found", "No organization has this id.")
}

pub fn organization(data: &Data, organization_id: &str) -> Result<Organization, ApiError> {
    data.organizations
        .get(organization_id)
        .cloned()
        .ok_or_else(organization_not_found)
}

/// How a plain setting is written on the wire.
enum Setting {
    /// One of a few upper-case words: the default, the allowed values, and the error type
    /// for anything else.
    Choice(&'static str, &'static [&'static str], &'static str),
    Strings,
    Objects,
    Object,
}

const ALL_RESTRICTED_NONE: &[&str] = &["ALL_ALLOWED", "RESTRICTED", "NOT_ALLOWED"];
const ALL_RESTRICTED: &[&str] = &["ALL_ALLOWED", "RESTRICTED"];
const RESTRICTED_NONE: &[&str] = &["RESTRICTED", "NOT_ALLOWED"];

/// The organization settings kept as they are sent, with their defaults.
const SETTINGS: &[(&str, Setting)] = &[
    (
        "sso_jit_provisioning",
        Setting::Choice("ALL_ALLOWED", ALL_RESTRICTED_NONE, "bad_request"),
    ),
    ("sso_jit_provisioning_allowed_connections", Setting::Strings),
    ("email_allowed_domains", Setting::Strings),
    (
        "email_jit_provisioning",
        Setting::Choice("NOT_ALLOWED", RESTRICTED_NONE, "bad_request"),
    ),
    (
        "email_invites",
        Setting::Choice("ALL_ALLOWED", ALL_RESTRICTED_NONE, "bad_request"),
    ),
    (
        "auth_methods",
        Setting::Choice(
            "ALL_ALLOWED",
            ALL_RESTRICTED,
            "invalid_organization_auth_method_settings",
        ),
    ),
    ("allowed_auth_methods", Setting::Strings),
    (
        "mfa_policy",
        Setting::Choice(
            "OPTIONAL",
            &["OPTIONAL", "REQUIRED_FOR_ALL"],
            "invalid_organization_mfa_policy",
        ),
    ),
    ("rbac_email_implicit_role_assignments", Setting::Objects),
    (
        "mfa_methods",
        Setting::Choice(
            "ALL_ALLOWED",
            ALL_RESTRICTED,
            "invalid_organization_mfa_factor_setting",
        ),
    ),
    ("allowed_mfa_methods", Setting::Strings),
    (
        "oauth_tenant_jit_provisioning",
        Setting::Choice("NOT_ALLOWED", RESTRICTED_NONE, "bad_request"),
    ),
    ("allowed_oauth_tenants", Setting::Object),
    ("claimed_email_domains", Setting::Strings),
    (
        "first_party_connected_apps_allowed_type",
        Setting::Choice("ALL_ALLOWED", ALL_RESTRICTED_NONE, "bad_request"),
    ),
    ("allowed_first_party_connected_apps", Setting::Strings),
    (
        "third_party_connected_apps_allowed_type",
        Setting::Choice("ALL_ALLOWED", ALL_RESTRICTED_NONE, "bad_request"),
    ),
    ("allowed_third_party_connected_apps", Setting::Strings),
];

fn default_settings() -> Map<String, Value> {
    SETTINGS
        .iter()
        .map(|(name, kind)| {
            let value = match kind {
                Setting::Choice(default, _, _) => json!(default),
                Setting::Strings | Setting::Objects => json!([]),
                Setting::Object => json!({}),
            };
            (name.to_string(), value)
        })
        .collect()
}

/// Copies the settings present in `request` into `settings`, checking each. A `null` leaves
/// a setting as it is.
fn apply_settings(
    settings: &mut Map<String, Value>,
    request: &Map<String, Value>,
) -> Result<(), ApiError> {
    for (name, kind) in SETTINGS {
        let Some(value) = request.get(*name).filter(|v| !v.is_null()) else {
            continue;
        };
        let fits = match kind {
            Setting::Choice(_, allowed, _) => value.as_str().is_some_and(|v| allowed.contains(&v)),
            Setting::Strings => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_string)),
            Setting::Objects => value
                .as_array()
                .is_some_and(|items| items.iter().all(Value::is_object)),
            Setting::Object => value.is_object(),
        };
        if !fits {
            let (error_type, expected) = match kind {
                Setting::Choice(_, allowed, error_type) => (*error_type, allowed.join(", ")),
                Setting::Strings => ("bad_request", "a list of strings".to_string()),
                Setting::Objects => ("bad_request", "a list of objects".to_string()),
                Setting::Object => ("bad_request", "an object".to_string()),
            };
            return Err(ApiError::bad(
                error_type,
                format!("{name} must be {expected}."),
            ));
        }
        let value = if matches!(kind, Setting::Strings) && name.contains("domain") {
            json!(value
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_lowercase)
                .collect::<Vec<_>>())
        } else {
            value.clone()
        };
        settings.insert(name.to_string(), value);
    }
    Ok(())
}

/// The fields that create an organization, and the settings beside them.
#[derive(Debug, Default, Deserialize)]
pub struct OrganizationFields {
    pub organization_name: Option<String>,
    pub organization_slug: Option<String>,
    pub organization_logo_url: Option<String>,
    pub trusted_metadata: Option<Value>,
    pub organization_external_id: Option<String>,
    #[serde(flatten)]
    pub settings: Map<String, Value>,
}

fn slug_taken(data: &Data, slug: &str, except: &str) -> Result<(), ApiError> {
    if data
        .organizations
        .values()
        .any(|o| o.slug == slug && o.organization_id != except)
    {
        return Err(ApiError::bad(
            "organization_slug_already_used",
            "Another organization has this slug.",
        ));
    }
    Ok(())
}

/// Creates an organization.
pub fn insert_organization(
    app: &App,
    data: &mut Data,
    fields: OrganizationFields,
) -> Result<Organization, ApiError> {
    let name = fields.organization_name.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(ApiError::bad(
            "organization_name_missing",
            "organization_name must not be empty.",
        ));
    }
    let slug = fields.organization_slug.unwrap_or_else(|| slug_from(&name));
    check_slug(&slug)?;
    slug_taken(data, &slug, "")?;
    let mut settings = default_settings();
    apply_settings(&mut settings, &fields.settings)?;
    let now = app.now();
    let org = Organization {
        organization_id: ids::prefixed("organization"),
        name,
        slug,
        logo_url: fields.organization_logo_url.unwrap_or_default(),
        trusted_metadata: fields.trusted_metadata,
        external_id: fields.organization_external_id,
        settings,
        custom_roles: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    data.organizations
        .insert(org.organization_id.clone(), org.clone());
    Ok(org)
}

fn organization_body(org: &Organization) -> ApiResult {
    ok(json!({ "organization": render::organization(org) }))
}

/// `POST /v1/b2b/organizations`
pub async fn create(State(app): State<Shared>, Body(req): Body<OrganizationFields>) -> ApiResult {
    let org = insert_organization(&app, &mut app.store.lock(), req)?;
    organization_body(&org)
}

/// `GET /v1/b2b/organizations/{organization_id}`
pub async fn get(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
) -> ApiResult {
    let org = organization(&app.store.lock(), &organization_id)?;
    organization_body(&org)
}

/// `PUT /v1/b2b/organizations/{organization_id}`: absent fields are left as they are.
pub async fn update(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
    Body(req): Body<OrganizationFields>,
) -> ApiResult {
    let mut data = app.store.lock();
    let mut org = organization(&data, &organization_id)?;
    if let Some(name) = req.organization_name {
        if name.trim().is_empty() {
            return Err(ApiError::bad(
                "organization_name_missing",
                "organization_name must not be empty.",
            ));
        }
        org.name = name;
    }
    if let Some(slug) = req.organization_slug {
        check_slug(&slug)?;
        slug_taken(&data, &slug, &organization_id)?;
        org.slug = slug;
    }
    if let Some(v) = req.organization_logo_url {
        org.logo_url = v;
    }
    if let Some(v) = req.trusted_metadata {
        org.trusted_metadata = Some(v);
    }
    if let Some(v) = req.organization_external_id {
        org.external_id = Some(v);
    }
    apply_settings(&mut org.settings, &req.settings)?;
    org.updated_at = app.now();
    data.organizations.insert(organization_id, org.clone());
    organization_body(&org)
}

/// `DELETE /v1/b2b/organizations/{organization_id}`: the organization, its members, their
/// sessions and outstanding tokens.
pub async fn delete(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
) -> ApiResult {
    let mut data = app.store.lock();
    organization(&data, &organization_id)?;
    data.organizations.remove(&organization_id);
    data.members
        .retain(|_, m| m.organization_id != organization_id);
    let gone = |subject: &Subject| matches!(subject, Subject::Member { organization_id: o, .. } if *o == organization_id);
    let doomed: Vec<String> = data
        .sessions
        .values()
        .filter(|s| gone(&s.subject))
        .map(|s| s.session_id.clone())
        .collect();
    for id in doomed {
        data.remove_session(&id);
    }
    data.tokens
        .retain(|_, t| !matches!(&t.owner, TokenOwner::Subject(s) if gone(s)));
    data.intermediate_sessions
        .retain(|_, i| !i.member.as_ref().is_some_and(gone));
    ok(json!({ "organization_id": organization_id }))
}

/// `GET /v1/b2b/organizations/{organization_id}/metrics`
pub async fn metrics(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
) -> ApiResult {
    let data = app.store.lock();
    organization(&data, &organization_id)?;
    let count = data
        .members
        .values()
        .filter(|m| m.organization_id == organization_id && m.status != "deleted")
        .count();
    ok(json!({ "member_count": count }))
}

const SEARCH: Filters = Filters {
    filters: &[
        ("organization_ids", search::Kind::Strings),
        ("organization_slugs", search::Kind::Strings),
        ("organization_name_fuzzy", search::Kind::Text),
        ("organization_slug_fuzzy", search::Kind::Text),
        ("member_emails", search::Kind::Strings),
        ("member_email_fuzzy", search::Kind::Text),
        ("allowed_domains", search::Kind::Strings),
        ("allowed_domain_fuzzy", search::Kind::Text),
        ("claimed_email_domains", search::Kind::Strings),
    ],
    unknown_filter: "organization_search_filter_name_not_recognized",
    invalid_cursor: "bad_request",
    invalid_limit: "bad_request",
};

fn organization_matches(op: &Operand, org: &Organization, members: &[&Member]) -> bool {
    let emails = || members.iter().map(|m| m.email.as_str());
    match op.name {
        "organization_ids" => op.any_equals(&org.organization_id),
        "organization_slugs" => op.any_equals(&org.slug),
        "organization_name_fuzzy" => op.contained_in(&org.name),
        "organization_slug_fuzzy" => op.contained_in(&org.slug),
        "member_emails" => emails().any(|e| op.any_equals(e)),
        "member_email_fuzzy" => emails().any(|e| op.contained_in(e)),
        "allowed_domains" => org
            .setting_list("email_allowed_domains")
            .iter()
            .any(|d| op.any_equals(d)),
        "allowed_domain_fuzzy" => org
            .setting_list("email_allowed_domains")
            .iter()
            .any(|d| op.contained_in(d)),
        "claimed_email_domains" => org
            .setting_list("claimed_email_domains")
            .iter()
            .any(|d| op.any_equals(d)),
        _ => false,
    }
}

#[derive(Deserialize)]
pub struct SearchRequest {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub query: Option<Value>,
}

/// `POST /v1/b2b/organizations/search`: oldest first, a page at a time.
pub async fn search(State(app): State<Shared>, Body(req): Body<SearchRequest>) -> ApiResult {
    let query = SEARCH.parse(req.query.as_ref())?;
    let data = app.store.lock();
    let mut found: Vec<Organization> = data
        .organizations
        .values()
        .filter(|org| {
            let members: Vec<&Member> = data
                .members
                .values()
                .filter(|m| m.organization_id == org.organization_id && m.status != "deleted")
                .collect();
            query.matches(|op| organization_matches(op, org, &members))
        })
        .cloned()
        .collect();
    drop(data);
    found.sort_by(|a, b| {
        (a.created_at, &a.organization_id).cmp(&(b.created_at, &b.organization_id))
    });
    let (page, metadata) = SEARCH.page(found, req.cursor.as_deref(), req.limit)?;
    ok(json!({
        "organizations": page.iter().map(render::organization).collect::<Vec<_>>(),
        "results_metadata": metadata,
    }))
}
