//! `/v1/b2b/rbac/*`: the role-based access control policy.

use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod organizations;

service! {
    /// Role-based access control.
    Rbac { organizations: organizations::Organizations }
}

/// Fetches the project's RBAC policy: its roles, resources and scopes.
#[endpoint(GET, "/v1/b2b/rbac/policy")]
pub struct PolicyRequest {}

/// The project's RBAC policy.
#[model]
pub struct PolicyResponse {
    pub request_id: String,
    pub status_code: u16,
    pub policy: Option<Policy>,
}

/// A project's RBAC policy.
#[model]
pub struct Policy {
    pub roles: Vec<PolicyRole>,
    pub resources: Vec<PolicyResource>,
    pub scopes: Vec<PolicyScope>,
}

/// A role: what its holders may do.
#[model]
pub struct PolicyRole {
    pub role_id: String,
    pub description: String,
    pub permissions: Vec<PolicyRolePermission>,
}

/// The actions a role allows on one resource.
#[model]
pub struct PolicyRolePermission {
    pub resource_id: String,
    pub actions: Vec<String>,
}

/// A resource the policy controls, with the actions it supports.
#[model]
pub struct PolicyResource {
    pub resource_id: String,
    pub description: String,
    pub actions: Vec<String>,
}

/// A scope a connected app can request, with the permissions it grants.
#[model]
pub struct PolicyScope {
    pub scope: String,
    pub description: String,
    pub permissions: Vec<PolicyScopePermission>,
}

/// The actions a scope allows on one resource.
#[model]
pub struct PolicyScopePermission {
    pub resource_id: String,
    pub actions: Vec<String>,
}
