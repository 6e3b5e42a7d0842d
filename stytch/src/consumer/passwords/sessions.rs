//! `/v1/passwords/session/*`: changing a password from within a recently authenticated session.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Password changes backed by an existing session.
    Sessions
}

/// Sets a new password for the user of a session that authenticated in the last few minutes.
#[endpoint(POST, "/v1/passwords/session/reset")]
pub struct ResetRequest {
    pub password: String,
    /// Token of a session with a password or email factor under 5 minutes old; allows the reset.
    pub session_token: Option<String>,
    /// JWT of the session allowing the reset, instead of `session_token`.
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user whose password changed, and their session.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}
