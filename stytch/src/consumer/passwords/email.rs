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
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i32>,
    pub code_challenge: Option<String>,
    pub attributes: Option<Attributes>,
    pub login_redirect_url: Option<String>,
    pub locale: Option<Locale>,
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
    pub token: String,
    pub password: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub code_verifier: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub attributes: Option<Attributes>,
    pub options: Option<Options>,
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
