//! `/v1/rbac/*`: the role-based access control policy.

use crate::models::Policy;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Role-based access control.
    Rbac
}

/// Fetches the project's RBAC policy: its roles, resources and scopes.
#[endpoint(GET, "/v1/rbac/policy")]
pub struct PolicyRequest {}

/// The project's RBAC policy.
#[model]
pub struct PolicyResponse {
    pub request_id: String,
    pub status_code: u16,
    pub policy: Option<Policy>,
}
