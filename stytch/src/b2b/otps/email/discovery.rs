//! `/v1/b2b/otps/email/discovery/*`: email passcodes before an organization is chosen.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::models::Locale;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Discovery email passcodes.
    Discovery
}

/// Emails a passcode that lets the recipient find the organizations their address can enter.
#[endpoint(POST, "/v1/b2b/otps/email/discovery/send")]
pub struct SendRequest {
    pub email_address: String,
    /// Custom “OTP - Login” template ID for the discovery email; default if unset.
    pub login_template_id: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Minutes the discovery code stays valid: 2 to 15, 10 when left out.
    pub discovery_expiration_minutes: Option<u32>,
}

/// Confirms the email was sent.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// Checks a discovery passcode and starts an intermediate session.
#[endpoint(POST, "/v1/b2b/otps/email/discovery/authenticate")]
pub struct AuthenticateRequest {
    pub email_address: String,
    pub code: String,
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
