//! `/v1/b2b/magic_links/*`: email magic links for members.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod discovery;
pub mod email;

service! {
    /// Member magic links.
    MagicLinks {
        email: email::Email,
        discovery: discovery::Discovery,
    }
}

/// Redeems a magic link token for a member of the organization it was sent for.
#[endpoint(POST, "/v1/b2b/magic_links/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the magic link's redirect.
    pub magic_links_token: String,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member who clicked the link, and either a session or what is still needed for one.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    /// The id of the email address the link was sent to.
    pub method_id: String,
    pub reset_sessions: bool,
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
