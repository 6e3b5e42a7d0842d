//! `/v1/passwords/email/*`: resetting a password through a link sent by email.

use crate::consumer::magic_links::Options;
use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::{Attributes, DeviceInfo, Locale};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Password resets by email link.
    Email
}

/// Emails the user a link that lets them choose a new password.
#[endpoint(POST, "/v1/passwords/email/reset/start")]
pub struct ResetStartRequest {
    pub email: String,
    /// Your reset page, which the email's link opens with the token; dashboard default if unset.
    pub reset_password_redirect_url: Option<String>,
    /// Minutes the reset link stays valid: 5 to 10080, 30 when left out.
    pub reset_password_expiration_minutes: Option<i32>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub code_challenge: Option<String>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Page for the email's “log in without password” button (magic-link token); dashboard default.
    pub login_redirect_url: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom “Passwords - Password reset” template ID for the reset email; default if unset.
    pub reset_password_template_id: Option<String>,
}

/// The user the reset email went to.
#[model]
pub struct ResetStartResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub status_code: u16,
}

/// Sets a new password with the token from a reset email, and starts a session.
#[endpoint(POST, "/v1/passwords/email/reset")]
pub struct ResetRequest {
    /// The `token` query parameter of the reset link.
    pub token: String,
    pub password: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub code_verifier: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Require the finishing device's IP address or user agent to match the one that started.
    pub options: Option<Options>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user whose password changed, and their new session.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}
