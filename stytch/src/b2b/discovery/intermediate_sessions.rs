//! `/v1/b2b/discovery/intermediate_sessions/*`: turning an intermediate session into a member session.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Intermediate session exchange.
    IntermediateSessions
}

/// Trades an intermediate session token for a session in one of the discovered organizations.
#[endpoint(POST, "/v1/b2b/discovery/intermediate_sessions/exchange")]
pub struct ExchangeRequest {
    /// Intermediate session token from a discovery login (valid 10 minutes).
    pub intermediate_session_token: String,
    /// The organization to log in to, by ID, slug or external ID.
    pub organization_id: String,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member in the chosen organization, and either a session or what is still needed for one.
#[model]
pub struct ExchangeResponse {
    pub request_id: String,
    pub member_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub member_authenticated: bool,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
