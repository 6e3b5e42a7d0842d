//! `/v1/b2b/magic_links/discovery/*`: redeeming discovery magic links.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Discovery magic links.
    Discovery
}

/// Redeems a discovery magic link token for an intermediate session.
#[endpoint(POST, "/v1/b2b/magic_links/discovery/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the discovery magic link's redirect.
    pub discovery_magic_links_token: String,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
}

/// An intermediate session token and the organizations it can be exchanged into.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub email_address: String,
    pub discovered_organizations: Vec<DiscoveredOrganization>,
    pub status_code: u16,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
