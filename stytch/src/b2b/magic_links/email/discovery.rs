//! `/v1/b2b/magic_links/email/discovery/*`: sending discovery magic links.

use crate::models::Locale;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Discovery magic links sent by email.
    Discovery
}

/// Emails a link that lets the recipient find the organizations their address can enter.
#[endpoint(POST, "/v1/b2b/magic_links/email/discovery/send")]
pub struct SendRequest {
    pub email_address: String,
    pub discovery_redirect_url: Option<String>,
    pub pkce_code_challenge: Option<String>,
    pub login_template_id: Option<String>,
    pub locale: Option<Locale>,
    pub discovery_expiration_minutes: Option<u32>,
}

/// Confirms the email was sent.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub status_code: u16,
}
