//! `/v1/b2b/rbac/*`: the project's policy, and each organization's own roles.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::organizations::organization;
use super::VERTICAL;
use crate::app::Shared;
use crate::errors::ApiResult;
use crate::http::{ok, Body, PathArgs};
use crate::render;
use crate::state::{Organization, Role};

/// `GET /v1/b2b/rbac/policy`
pub async fn policy() -> ApiResult {
    ok(json!({ "policy": VERTICAL.policy_json() }))
}

fn org_policy_body(org: &Organization) -> ApiResult {
    ok(json!({
        "org_policy": { "roles": org.custom_roles.iter().map(render::role).collect::<Vec<_>>() },
    }))
}

/// `GET /v1/b2b/rbac/organizations/{organization_id}`: the organization's own roles.
pub async fn get_org_policy(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
) -> ApiResult {
    org_policy_body(&organization(&app.store.lock(), &organization_id)?)
}

#[derive(Deserialize)]
pub struct OrgPolicy {
    pub roles: Vec<Role>,
}

#[derive(Deserialize)]
pub struct SetOrgPolicyRequest {
    pub org_policy: OrgPolicy,
}

/// `PUT /v1/b2b/rbac/organizations/{organization_id}`: replaces the organization's roles.
/// They are granted like the project's, to this organization's members only.
pub async fn set_org_policy(
    State(app): State<Shared>,
    PathArgs(organization_id): PathArgs<String>,
    Body(req): Body<SetOrgPolicyRequest>,
) -> ApiResult {
    VERTICAL.check_custom_roles(&req.org_policy.roles)?;
    let mut data = app.store.lock();
    organization(&data, &organization_id)?;
    let now = app.now();
    let org = data
        .organizations
        .get_mut(&organization_id)
        .ok_or_else(super::organizations::organization_not_found)?;
    org.custom_roles = req.org_policy.roles;
    org.updated_at = now;
    let org = org.clone();
    org_policy_body(&org)
}
