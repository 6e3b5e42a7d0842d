//! `/v1/b2b/otps/sms/*`: passcodes by text message, used as a second factor.

use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::MemberSession;
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// SMS passcodes.
    Sms
}

/// Texts a passcode to a member's MFA phone number.
#[endpoint(POST, "/v1/b2b/otps/sms/send")]
pub struct SendRequest {
    pub organization_id: String,
    pub member_id: String,
    pub mfa_phone_number: Option<String>,
    pub locale: Option<Locale>,
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// The member the passcode went to.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Checks a passcode a member received by text message.
#[endpoint(POST, "/v1/b2b/otps/sms/authenticate")]
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
