//! `/v1/b2b/organizations/{organization_id}/members/{member_id}/connected_apps/*`: a member's
//! grants to connected apps.

use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// A member's connected-app grants.
    ConnectedApps
}

/// Withdraws a member's grant to a connected app and ends the app's access for them.
#[endpoint(
    POST,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/connected_apps/{connected_app_id}/revoke"
)]
pub struct RevokeRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    pub connected_app_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// Confirmation that the grant is gone.
#[model]
pub struct RevokeResponse {
    pub request_id: String,
    pub status_code: u16,
}
