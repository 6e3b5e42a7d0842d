//! `/v1/b2b/scim/{organization_id}/connection/*`: an organization's SCIM connection and its
//! bearer token.

use crate::b2b::scim::{
    IdentityProvider, ScimConnection, ScimConnectionWithNextToken, ScimConnectionWithToken,
    ScimGroup, ScimGroupImplicitRoleAssignment,
};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// An organization's SCIM connection.
    Connection
}

/// Creates a SCIM connection and returns its bearer token.
#[endpoint(POST, "/v1/b2b/scim/{organization_id}/connection")]
pub struct CreateRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub display_name: Option<String>,
    /// The identity provider's vendor, so Stytch can handle its particulars.
    pub identity_provider: Option<IdentityProvider>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The new connection with its bearer token.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnectionWithToken>,
}

/// Fetches an organization's SCIM connection.
#[endpoint(GET, "/v1/b2b/scim/{organization_id}/connection")]
pub struct GetRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection, if the organization has one.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnection>,
}

/// Renames a SCIM connection, changes its identity provider or the roles its groups grant.
#[endpoint(PUT, "/v1/b2b/scim/{organization_id}/connection/{connection_id}")]
pub struct UpdateRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    pub display_name: Option<String>,
    /// The identity provider's vendor, so Stytch can handle its particulars.
    pub identity_provider: Option<IdentityProvider>,
    /// Roles granted to the members of given SCIM groups.
    pub scim_group_implicit_role_assignments: Option<Vec<ScimGroupImplicitRoleAssignment>>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection after the change.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnection>,
}

/// Deletes a SCIM connection.
#[endpoint(DELETE, "/v1/b2b/scim/{organization_id}/connection/{connection_id}")]
pub struct DeleteRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the deleted connection.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub connection_id: String,
    pub status_code: u16,
}

/// Lists the groups a SCIM connection has pushed, a page at a time.
#[endpoint(GET, "/v1/b2b/scim/{organization_id}/connection/{connection_id}")]
pub struct GetGroupsRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// One page of groups and the cursor for the next.
#[model]
pub struct GetGroupsResponse {
    pub scim_groups: Vec<ScimGroup>,
    pub status_code: u16,
    pub next_cursor: Option<String>,
}

/// Issues a second bearer token; both work until the rotation completes or is cancelled.
#[endpoint(
    POST,
    "/v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/start"
)]
pub struct RotateStartRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection with its new bearer token.
#[model]
pub struct RotateStartResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnectionWithNextToken>,
}

/// Retires the old bearer token, leaving only the one from the rotation.
#[endpoint(
    POST,
    "/v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/complete"
)]
pub struct RotateCompleteRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection after the rotation.
#[model]
pub struct RotateCompleteResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnection>,
}

/// Abandons a rotation, discarding the new bearer token.
#[endpoint(
    POST,
    "/v1/b2b/scim/{organization_id}/connection/{connection_id}/rotate/cancel"
)]
pub struct RotateCancelRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection with only its old bearer token.
#[model]
pub struct RotateCancelResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<ScimConnection>,
}
