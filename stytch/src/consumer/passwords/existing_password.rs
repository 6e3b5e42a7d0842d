//! `/v1/passwords/existing_password/*`: changing a password by proving the current one.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Password changes that present the current password.
    ExistingPassword
}

/// Replaces a password after checking the current one, and starts a session.
#[endpoint(POST, "/v1/passwords/existing_password/reset")]
pub struct ResetRequest {
    pub email: String,
    pub existing_password: String,
    pub new_password: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
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
