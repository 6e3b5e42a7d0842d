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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// One of the member's recovery codes; this call uses it up.
    pub recovery_code: String,
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
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
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
