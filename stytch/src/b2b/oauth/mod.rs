//! `/v1/b2b/oauth/*`: member login through an OAuth provider.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod discovery;

service! {
    /// Member OAuth.
    OAuth { discovery: discovery::Discovery }
}

/// Redeems the token from an OAuth callback for a member of the organization that started it.
#[endpoint(POST, "/v1/b2b/oauth/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the OAuth redirect.
    pub oauth_token: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member, the provider identity and tokens, and either a session or what is still needed.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    pub provider_subject: String,
    pub provider_type: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization_id: String,
    pub organization: Organization,
    pub reset_sessions: bool,
    pub member_authenticated: bool,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub provider_values: Option<ProviderValues>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}

/// The tokens and granted scopes the OAuth provider returned.
#[model]
pub struct ProviderValues {
    pub scopes: Vec<String>,
    pub access_token: Option<String>,
    pub refresh_token: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub id_token: Option<String>,
}
