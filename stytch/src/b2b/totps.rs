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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Minutes the member has to confirm the new TOTP: 5 to 1440, 60 when left out.
    pub expiration_minutes: Option<i32>,
    /// Intermediate session token for this member; it must hold their MFA factor if they have one.
    pub intermediate_session_token: Option<String>,
    /// Token of this member's session; it must hold their MFA factor if they have one.
    pub session_token: Option<String>,
    /// JWT of this member's session; it must hold their MFA factor if they have one.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// The 6-digit code from the member's authenticator app.
    pub code: String,
    /// Intermediate session token of a login waiting on MFA (or pass the member's session instead).
    pub intermediate_session_token: Option<String>,
    /// Token of the member's session to add this factor to, instead of an intermediate session.
    pub session_token: Option<String>,
    /// JWT of the member's session to add this factor to, instead of an intermediate session.
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// `enroll` or `unenroll` the member in MFA along with this check.
    pub set_mfa_enrollment: Option<String>,
    /// Makes this method the member's default MFA method.
    pub set_default_mfa: Option<bool>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// The shared TOTP secret the member's authenticator app already uses.
    pub secret: String,
    /// Existing recovery codes to import along with the secret.
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
