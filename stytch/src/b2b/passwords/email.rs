//! `/v1/b2b/passwords/email/*`: resetting a member's password through a link sent by email.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Member password resets by email link.
    Email
}

/// Emails a member a link that lets them choose a new password.
#[endpoint(POST, "/v1/b2b/passwords/email/reset/start")]
pub struct ResetStartRequest {
    pub organization_id: String,
    pub email_address: String,
    pub reset_password_redirect_url: Option<String>,
    pub reset_password_expiration_minutes: Option<i32>,
    pub code_challenge: Option<String>,
    pub login_redirect_url: Option<String>,
    pub locale: Option<Locale>,
    pub reset_password_template_id: Option<String>,
    pub verify_email_template_id: Option<String>,
}

/// The member the reset email went to.
#[model]
pub struct ResetStartResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_email_id: String,
    pub member: Member,
    pub status_code: u16,
}

/// Sets a member's new password with the token from a reset email.
#[endpoint(POST, "/v1/b2b/passwords/email/reset")]
pub struct ResetRequest {
    pub password_reset_token: String,
    pub password: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub code_verifier: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub locale: Option<Locale>,
    pub intermediate_session_token: Option<String>,
    pub telemetry_id: Option<String>,
}

/// The member whose password changed, and either a session or what is still needed for one.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_email_id: String,
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

/// Forces a member to reset their password before they can log in with it again.
#[endpoint(POST, "/v1/b2b/passwords/email/require_reset")]
pub struct RequireResetRequest {
    pub email_address: String,
    pub organization_id: Option<String>,
    pub member_id: Option<String>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member who must now reset their password.
#[model]
pub struct RequireResetResponse {
    pub request_id: String,
    pub status_code: u16,
    pub member_id: Option<String>,
    pub member: Option<Member>,
    pub organization: Option<Organization>,
}
