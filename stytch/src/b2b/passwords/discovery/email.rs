//! `/v1/b2b/passwords/discovery/email/*`: password resets by email before an organization is chosen.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::models::Locale;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Discovery-flow password resets by email link.
    Email
}

/// Emails a password reset link to an address, whatever organizations it belongs to.
#[endpoint(POST, "/v1/b2b/passwords/discovery/email/reset/start")]
pub struct ResetStartRequest {
    pub email_address: String,
    /// Your reset page, which the email's link opens with the token; dashboard default if unset.
    pub reset_password_redirect_url: Option<String>,
    /// Page the discovery link opens to authenticate its token; dashboard default if unset.
    pub discovery_redirect_url: Option<String>,
    /// Custom “Passwords - Reset Password” template ID for the reset email; default if unset.
    pub reset_password_template_id: Option<String>,
    /// Minutes the reset link stays valid: 5 to 10080, 30 when left out.
    pub reset_password_expiration_minutes: Option<i32>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub pkce_code_challenge: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom “Passwords - Email Verification” template ID; default if unset.
    /// Used when a first cross-organization password reset must verify the address.
    pub verify_email_template_id: Option<String>,
}

/// Confirms the reset email was sent.
#[model]
pub struct ResetStartResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// Sets a new password with the token from a discovery reset email.
#[endpoint(POST, "/v1/b2b/passwords/discovery/email/reset")]
pub struct ResetRequest {
    /// The `token` query parameter of the reset link.
    pub password_reset_token: String,
    pub password: String,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
}

/// An intermediate session token and the organizations it can be exchanged into.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub email_address: String,
    pub discovered_organizations: Vec<DiscoveredOrganization>,
    pub status_code: u16,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
