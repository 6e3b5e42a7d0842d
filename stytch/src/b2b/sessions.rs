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
    /// The session token to check (or send `session_jwt`).
    pub session_token: Option<String>,
    /// Moves the session's expiry to this many minutes from now (5 to 527040); left out, unchanged.
    pub session_duration_minutes: Option<i32>,
    /// The session JWT to check (or send `session_token`).
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Also checks the member may do an action on a resource in an organization; a 403 if not.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
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
    /// The organization to move to, by ID, slug or external ID.
    pub organization_id: String,
    /// Token of the session to exchange (or send `session_jwt`).
    pub session_token: Option<String>,
    /// JWT of the session to exchange (or send `session_token`).
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// A connected-app access token granted the `full_access` scope.
    pub access_token: String,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// Your other identity provider's token, which Stytch passes to your userinfo endpoint.
    pub session_token: String,
    /// The organization the new session belongs to, by ID, slug or external ID.
    pub organization_id: String,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
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
    /// ID of the session to revoke; or give its token or JWT instead.
    pub member_session_id: Option<String>,
    /// Token of the session to revoke.
    pub session_token: Option<String>,
    /// JWT of the session to revoke.
    pub session_jwt: Option<String>,
    /// Revokes every session of this member instead of one.
    pub member_id: Option<String>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// ID of the trusted auth token profile that validates `token`.
    pub profile_id: String,
    /// The trusted auth token (a JWT from your other identity provider) to validate.
    pub token: String,
    /// Organization to authenticate in; needed when the token has no organization claim.
    pub organization_id: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Token of an existing session to add the trusted-auth factor to.
    pub session_token: Option<String>,
    /// JWT of an existing session to add the trusted-auth factor to.
    pub session_jwt: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
