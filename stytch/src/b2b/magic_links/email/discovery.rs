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
    /// Page the discovery link opens to authenticate its token; dashboard default if unset.
    pub discovery_redirect_url: Option<String>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub pkce_code_challenge: Option<String>,
    /// Custom “Magic Links - Login” template ID for the discovery email; default if unset.
    pub login_template_id: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Minutes the discovery link stays valid: 5 to 10080, 60 when left out.
    pub discovery_expiration_minutes: Option<u32>,
}

/// Confirms the email was sent.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub status_code: u16,
}
