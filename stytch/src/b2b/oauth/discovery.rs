//! `/v1/b2b/oauth/discovery/*`: OAuth login before an organization is chosen.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Discovery OAuth.
    Discovery
}

/// Redeems a discovery OAuth callback token for an intermediate session.
#[endpoint(POST, "/v1/b2b/oauth/discovery/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the discovery OAuth redirect.
    pub discovery_oauth_token: String,
    /// Accepted here, but Stytch documents no effect for it on this discovery call.
    pub session_token: Option<String>,
    /// Accepted here, but Stytch documents no effect for it on this discovery call.
    pub session_duration_minutes: Option<i32>,
    /// Accepted here, but Stytch documents no effect for it on this discovery call.
    pub session_jwt: Option<String>,
    /// Accepted here, but Stytch documents no effect for it on this discovery call.
    pub session_custom_claims: Option<serde_json::Value>,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
}

/// An intermediate session token, the provider identity, and the organizations it can enter.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub email_address: String,
    pub discovered_organizations: Vec<DiscoveredOrganization>,
    pub provider_type: String,
    pub provider_tenant_id: String,
    pub provider_tenant_ids: Vec<String>,
    pub full_name: String,
    pub status_code: u16,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
