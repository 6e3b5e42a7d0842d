//! `/v1/totps/*`: authenticator-app codes and their recovery codes.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Authenticator app (TOTP) endpoints.
    Totps
}

/// Checks a code from the user's authenticator app, starting or extending a session.
#[endpoint(POST, "/v1/totps/authenticate")]
pub struct AuthenticateRequest {
    pub user_id: String,
    pub totp_code: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The user, the TOTP registration that matched, and the session.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    pub totp_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Starts an authenticator app registration for a user.
#[endpoint(POST, "/v1/totps")]
pub struct CreateRequest {
    pub user_id: String,
    pub expiration_minutes: Option<i32>,
}

/// The shared secret, as text and as a QR code image, and single-use recovery codes.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub totp_id: String,
    pub secret: String,
    pub qr_code: String,
    pub recovery_codes: Vec<String>,
    pub user: User,
    pub user_id: String,
    pub status_code: u16,
}

/// Logs a user in with one of their TOTP recovery codes, using it up.
#[endpoint(POST, "/v1/totps/recover")]
pub struct RecoverRequest {
    pub user_id: String,
    pub recovery_code: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The user, the TOTP registration the code belonged to, and the session.
#[model]
pub struct RecoverResponse {
    pub request_id: String,
    pub totp_id: String,
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

/// Lists the unused recovery codes of every authenticator app a user registered.
#[endpoint(POST, "/v1/totps/recovery_codes")]
pub struct RecoveryCodesRequest {
    pub user_id: String,
}

/// The user's TOTP registrations with their remaining recovery codes.
#[model]
pub struct RecoveryCodesResponse {
    pub request_id: String,
    pub user_id: String,
    pub totps: Vec<TotpWithRecoveryCodes>,
    pub status_code: u16,
}

/// A TOTP registration and the recovery codes still unused on it.
#[model]
pub struct TotpWithRecoveryCodes {
    pub totp_id: String,
    pub verified: bool,
    pub recovery_codes: Vec<String>,
}
