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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Number (E.164) to send to and link to the member; not needed if they have one.
    pub mfa_phone_number: Option<String>,
    /// Language of the text message; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token for this member; it must hold their MFA factor if they have one.
    pub intermediate_session_token: Option<String>,
    /// Token of this member's session; it must hold their MFA factor if they have one.
    pub session_token: Option<String>,
    /// JWT of this member's session; it must hold their MFA factor if they have one.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
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
