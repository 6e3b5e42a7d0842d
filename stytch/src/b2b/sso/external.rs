//! `/v1/b2b/sso/external/*`: connections borrowed from another organization.

use crate::b2b::sso::{
    ConnectionImplicitRoleAssignment, ExternalConnection, GroupImplicitRoleAssignment,
};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// External SSO connections.
    External
}

/// Lets an organization's members log in through another organization's SSO connection.
#[endpoint(POST, "/v1/b2b/sso/external/{organization_id}")]
pub struct CreateConnectionRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The other organization in the project that owns the SSO connection to share.
    pub external_organization_id: String,
    /// The SSO connection of that other organization to reuse here.
    pub external_connection_id: String,
    pub display_name: Option<String>,
    /// Roles every member who logs in through this connection receives.
    pub connection_implicit_role_assignments: Option<Vec<ConnectionImplicitRoleAssignment>>,
    /// Roles granted by IdP group membership.
    pub group_implicit_role_assignments: Option<Vec<GroupImplicitRoleAssignment>>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The new connection.
#[model]
pub struct CreateConnectionResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ExternalConnection>,
}

/// Renames an external connection or changes the roles it grants.
#[endpoint(
    PUT,
    "/v1/b2b/sso/external/{organization_id}/connections/{connection_id}"
)]
pub struct UpdateConnectionRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    pub display_name: Option<String>,
    /// Roles every member who logs in through this connection receives (not for OIDC-backed ones).
    pub external_connection_implicit_role_assignments:
        Option<Vec<ConnectionImplicitRoleAssignment>>,
    /// Roles granted by IdP group; the shared SAML connection must map `groups` (not for OIDC).
    pub external_group_implicit_role_assignments: Option<Vec<GroupImplicitRoleAssignment>>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection after the change.
#[model]
pub struct UpdateConnectionResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ExternalConnection>,
}
