//! `/v1/b2b/totp/*`: authenticator-app codes as a member's second factor.

use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::MemberSession;
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Member TOTP registrations.
    Totps
}

/// Creates a TOTP registration for a member, returning its secret, QR code and recovery codes.
#[endpoint(POST, "/v1/b2b/totp")]
pub struct CreateRequest {
    pub organization_id: String,
    pub member_id: String,
    pub expiration_minutes: Option<i32>,
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// The new registration: what the member loads into their authenticator app.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub member_id: String,
    pub totp_registration_id: String,
    pub secret: String,
    /// A PNG of the QR code, as a base64 data URL.
    pub qr_code: String,
    pub recovery_codes: Vec<String>,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Checks a code from a member's authenticator app.
#[endpoint(POST, "/v1/b2b/totp/authenticate")]
pub struct AuthenticateRequest {
    pub organization_id: String,
    pub member_id: String,
    pub code: String,
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    /// `enroll` or `unenroll` the member in MFA along with this check.
    pub set_mfa_enrollment: Option<String>,
    pub set_default_mfa: Option<bool>,
    pub telemetry_id: Option<String>,
}

/// The member and their session.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub member_device: Option<DeviceInfo>,
}

/// Imports a member's TOTP secret and recovery codes from another system.
#[endpoint(POST, "/v1/b2b/totp/migrate")]
pub struct MigrateRequest {
    pub organization_id: String,
    pub member_id: String,
    pub secret: String,
    pub recovery_codes: Vec<String>,
}

/// The imported registration.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub totp_registration_id: String,
    pub recovery_codes: Vec<String>,
    pub status_code: u16,
}
