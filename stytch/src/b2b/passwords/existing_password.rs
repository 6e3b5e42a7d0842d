//! `/v1/b2b/passwords/existing_password/*`: changing a member's password by proving the current one.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Member password changes that present the current password.
    ExistingPassword
}

/// Replaces a member's password after checking the current one.
#[endpoint(POST, "/v1/b2b/passwords/existing_password/reset")]
pub struct ResetRequest {
    pub email_address: String,
    pub existing_password: String,
    pub new_password: String,
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member whose password changed, and either a session or what is still needed for one.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    pub member_id: String,
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
