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
    /// The user, by ID or external ID.
    pub user_id: String,
    /// The 6-digit code from the user's authenticator app.
    pub totp_code: String,
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
    /// The user, by ID or external ID.
    pub user_id: String,
    /// Minutes the user has to confirm the new TOTP: 5 to 1440, 1440 when left out.
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
    /// The user, by ID or external ID.
    pub user_id: String,
    /// One of the recovery codes issued with the user's TOTP.
    pub recovery_code: String,
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
    /// The user, by ID or external ID.
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
