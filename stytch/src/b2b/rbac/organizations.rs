//! `/v1/b2b/rbac/organizations/*`: roles an organization defines for itself.

use crate::models::PolicyRole;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Organization-scoped RBAC policies.
    Organizations
}

/// Fetches the custom roles an organization defines on top of the project policy.
#[endpoint(GET, "/v1/b2b/rbac/organizations/{organization_id}")]
pub struct GetOrgPolicyRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
}

/// The organization's policy.
#[model]
pub struct GetOrgPolicyResponse {
    pub request_id: String,
    pub org_policy: OrgPolicy,
    pub status_code: u16,
}

/// Replaces the custom roles an organization defines.
#[endpoint(PUT, "/v1/b2b/rbac/organizations/{organization_id}")]
pub struct SetOrgPolicyRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The organization's own roles, added to the project's RBAC policy.
    pub org_policy: OrgPolicy,
}

/// The organization's policy as stored.
#[model]
pub struct SetOrgPolicyResponse {
    pub request_id: String,
    pub org_policy: OrgPolicy,
    pub status_code: u16,
}

/// The roles one organization adds to the project's RBAC policy.
#[model]
pub struct OrgPolicy {
    pub roles: Vec<PolicyRole>,
}
