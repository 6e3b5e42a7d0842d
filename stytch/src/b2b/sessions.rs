//! `/v1/b2b/sessions/*`: member sessions.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::models::AuthenticationFactor;
use crate::models::{AuthorizationVerdict, DeviceInfo, Jwk, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Member sessions.
    Sessions
}

/// Checks a member session, optionally extends it, and optionally checks an RBAC permission.
#[endpoint(POST, "/v1/b2b/sessions/authenticate")]
pub struct AuthenticateRequest {
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub authorization_check: Option<AuthorizationCheck>,
}

/// The live session, its member and organization, and the permission verdict if one was asked.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_session: MemberSession,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
    pub verdict: Option<AuthorizationVerdict>,
}

/// Lists a member's active sessions.
#[endpoint(GET, "/v1/b2b/sessions")]
pub struct GetRequest {
    pub organization_id: String,
    pub member_id: String,
}

/// The member's active sessions.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub member_sessions: Vec<MemberSession>,
    pub status_code: u16,
}

/// Trades a member session for one in another organization the same email belongs to.
#[endpoint(POST, "/v1/b2b/sessions/exchange")]
pub struct ExchangeRequest {
    pub organization_id: String,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub locale: Option<Locale>,
    pub telemetry_id: Option<String>,
}

/// The member in the target organization, and either a session or what is still needed for one.
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

/// Trades a connected-app access token for a member session.
#[endpoint(POST, "/v1/b2b/sessions/exchange_access_token")]
pub struct ExchangeAccessTokenRequest {
    pub access_token: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The new member session and who it belongs to.
#[model]
pub struct ExchangeAccessTokenResponse {
    pub request_id: String,
    pub member_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub member_device: Option<DeviceInfo>,
}

/// Turns a session token from another identity provider into a Stytch member session.
#[endpoint(POST, "/v1/b2b/sessions/migrate")]
pub struct MigrateRequest {
    pub session_token: String,
    pub organization_id: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
}

/// The new member session and who it belongs to.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub member_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
}

/// Ends one member session, or every session of a member.
#[endpoint(POST, "/v1/b2b/sessions/revoke")]
pub struct RevokeRequest {
    pub member_session_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub member_id: Option<String>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// Confirms the revocation.
#[model]
pub struct RevokeResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// Trades a token from a trusted token profile for a member session.
#[endpoint(POST, "/v1/b2b/sessions/attest")]
pub struct AttestRequest {
    pub profile_id: String,
    pub token: String,
    pub organization_id: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub telemetry_id: Option<String>,
}

/// The new member session and who it belongs to.
#[model]
pub struct AttestResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_session: MemberSession,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
    pub member_device: Option<DeviceInfo>,
}

/// Fetches the public keys that verify the project's B2B session JWTs.
#[endpoint(GET, "/v1/b2b/sessions/jwks/{project_id}")]
pub struct GetJwksRequest {
    pub project_id: String,
}

/// The project's JSON Web Key Set.
#[model]
pub struct GetJwksResponse {
    pub keys: Vec<Jwk>,
    pub request_id: String,
    pub status_code: u16,
}

/// A member session: which member of which organization, their roles, and how they authenticated.
#[model]
pub struct MemberSession {
    pub member_session_id: String,
    pub member_id: String,
    pub started_at: Timestamp,
    pub last_accessed_at: Timestamp,
    pub expires_at: Timestamp,
    pub authentication_factors: Vec<AuthenticationFactor>,
    pub organization_id: String,
    pub roles: Vec<String>,
    pub organization_slug: String,
    pub custom_claims: Option<serde_json::Value>,
}

/// The primary factors a member must still use before MFA or a session, for this organization.
#[model]
pub struct PrimaryRequired {
    pub allowed_auth_methods: Vec<String>,
}

/// A permission to check while authenticating: may this member do `action` on `resource_id`
/// in `organization_id`?
#[model]
pub struct AuthorizationCheck {
    pub organization_id: String,
    pub resource_id: String,
    pub action: String,
}
