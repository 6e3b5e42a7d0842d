//! `/v1/b2b/recovery_codes/*`: backup codes for members enrolled in TOTP.

use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::MemberSession;
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Member recovery codes.
    RecoveryCodes
}

/// Completes MFA with a recovery code in place of a TOTP code.
#[endpoint(POST, "/v1/b2b/recovery_codes/recover")]
pub struct RecoverRequest {
    pub organization_id: String,
    pub member_id: String,
    pub recovery_code: String,
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The member, their session, and how many unused codes they have left.
#[model]
pub struct RecoverResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub recovery_codes_remaining: i32,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub member_device: Option<DeviceInfo>,
}

/// Fetches a member's unused recovery codes.
#[endpoint(GET, "/v1/b2b/recovery_codes/{organization_id}/{member_id}")]
pub struct GetRequest {
    pub organization_id: String,
    pub member_id: String,
}

/// The member's unused recovery codes.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub recovery_codes: Vec<String>,
    pub status_code: u16,
}

/// Replaces all of a member's recovery codes with a fresh set.
#[endpoint(POST, "/v1/b2b/recovery_codes/rotate")]
pub struct RotateRequest {
    pub organization_id: String,
    pub member_id: String,
}

/// The member's new recovery codes.
#[model]
pub struct RotateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub recovery_codes: Vec<String>,
    pub status_code: u16,
}
