//! `/v1/b2b/otps/email/*`: passcodes by email, used as a primary factor.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod discovery;

service! {
    /// Email passcodes.
    Email { discovery: discovery::Discovery }
}

/// Emails a login passcode, or a signup passcode when the address is not yet a member.
#[endpoint(POST, "/v1/b2b/otps/email/login_or_signup")]
pub struct LoginOrSignupRequest {
    pub organization_id: String,
    pub email_address: String,
    pub login_template_id: Option<String>,
    pub signup_template_id: Option<String>,
    pub locale: Option<Locale>,
    pub login_expiration_minutes: Option<u32>,
    pub signup_expiration_minutes: Option<u32>,
}

/// The member the passcode went to, and whether they were just created.
#[model]
pub struct LoginOrSignupResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_created: bool,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Checks a passcode a member received by email.
#[endpoint(POST, "/v1/b2b/otps/email/authenticate")]
pub struct AuthenticateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub code: String,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub intermediate_session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub locale: Option<Locale>,
    pub telemetry_id: Option<String>,
}

/// The member who entered the code, and either a session or what is still needed for one.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    /// The id of the email address the code was sent to.
    pub method_id: String,
    pub organization_id: String,
    pub member: Member,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub organization: Organization,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub member_authenticated: bool,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
