//! `/v1/b2b/passwords/session/*`: changing a member's password from within a recent session.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::MemberSession;
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Member password changes backed by an existing session.
    Sessions
}

/// Sets a new password for the member of a session that authenticated in the last few minutes.
#[endpoint(POST, "/v1/b2b/passwords/session/reset")]
pub struct ResetRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub password: String,
    /// Token of a session with a factor under 5 minutes old; allows the reset.
    pub session_token: Option<String>,
    /// JWT of the session allowing the reset, instead of `session_token`.
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of any message Stytch sends during this call; English when left out.
    pub locale: Option<Locale>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member whose password changed, and their session.
#[model]
pub struct ResetResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub member_authenticated: bool,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
