//! `/v1/b2b/passwords/discovery/*`: password login before an organization is chosen.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod email;

service! {
    /// Discovery-flow password endpoints.
    Discovery { email: email::Email }
}

/// Checks an email address and password and lists the organizations that address can enter.
#[endpoint(POST, "/v1/b2b/passwords/discovery/authenticate")]
pub struct AuthenticateRequest {
    pub email_address: String,
    pub password: String,
}

/// An intermediate session token and the organizations it can be exchanged into.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub email_address: String,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub discovered_organizations: Vec<DiscoveredOrganization>,
    pub status_code: u16,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
