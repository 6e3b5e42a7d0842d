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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    /// Your reset page, which the email's link opens with the token; dashboard default if unset.
    pub reset_password_redirect_url: Option<String>,
    /// Minutes the reset link stays valid: 5 to 10080, 30 when left out.
    pub reset_password_expiration_minutes: Option<i32>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub code_challenge: Option<String>,
    /// Page for the email's “log in without password” button (magic-link token); dashboard default.
    pub login_redirect_url: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom “Passwords - Reset Password” template ID for the reset email; default if unset.
    pub reset_password_template_id: Option<String>,
    /// Custom “Passwords - Email Verification” template ID; default if unset.
    /// Used when a first cross-organization password reset must verify the address.
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
    /// The `token` query parameter of the reset link.
    pub password_reset_token: String,
    pub password: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub code_verifier: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: Option<String>,
    /// The member, by ID or external ID.
    pub member_id: Option<String>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
