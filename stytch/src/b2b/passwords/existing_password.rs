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
    pub organization_id: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub locale: Option<Locale>,
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
