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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    /// Custom “OTP - Login” template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// Custom “OTP - Signup” template ID for the sign-up email; default if unset.
    pub signup_template_id: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Minutes the login code stays valid: 2 to 15, 10 when left out.
    pub login_expiration_minutes: Option<u32>,
    /// Minutes the sign-up code stays valid: 2 to 15, 10 when left out.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    pub code: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of any message Stytch sends during this call; English when left out.
    pub locale: Option<Locale>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
