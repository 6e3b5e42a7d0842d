//! `/v1/sessions/*`: consumer sessions and the factors that authenticated them.

use crate::consumer::users::User;
use crate::models::{Attributes, AuthorizationVerdict, DeviceInfo, Jwk};
use crate::service::service;
// The factor models are shared with B2B member sessions; they live in `models`.
pub use crate::models::{
    AuthenticationFactor, AuthenticationFactorDeliveryMethod, AuthenticationFactorType,
    AuthenticatorAppFactor, BiometricFactor, CryptoWalletFactor, EmailFactor,
    EmbeddableMagicLinkFactor, ImpersonatedFactor, OAuthAccessTokenExchangeFactor,
    OAuthExchangeFactor, OAuthFactor, PhoneNumberFactor, RecoveryCodeFactor, SsoFactor,
    TrustedAuthTokenFactor, WebAuthnFactor,
};
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Sessions: checking, extending, listing and revoking them.
    Sessions
}

/// Trades a token from a trusted token profile for a session.
#[endpoint(POST, "/v1/sessions/attest")]
pub struct AttestRequest {
    /// ID of the trusted auth token profile that validates `token`.
    pub profile_id: String,
    /// The trusted auth token (a JWT from your other identity provider) to validate.
    pub token: String,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Token of an existing session to add the trusted-auth factor to.
    pub session_token: Option<String>,
    /// JWT of an existing session to add the trusted-auth factor to.
    pub session_jwt: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user behind the attested token and their session.
#[model]
pub struct AttestResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Checks that a session is still valid, optionally extending it and checking a permission.
#[endpoint(POST, "/v1/sessions/authenticate")]
pub struct AuthenticateRequest {
    /// The session token to check (or send `session_jwt`).
    pub session_token: Option<String>,
    /// Moves the session's expiry to this many minutes from now (5 to 527040); left out, unchanged.
    pub session_duration_minutes: Option<i32>,
    /// The session JWT to check; an expired one of a live session is accepted and renewed.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Also checks the user may do an action on a resource; a 403 if not.
    pub authorization_check: Option<AuthorizationCheck>,
}

/// The live session, its user, and the permission verdict when one was asked for.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub session: Session,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub verdict: Option<AuthorizationVerdict>,
}

/// Turns a connected-app access token into a full session for its user.
#[endpoint(POST, "/v1/sessions/exchange_access_token")]
pub struct ExchangeAccessTokenRequest {
    /// A connected-app access token granted the `full_access` scope.
    pub access_token: String,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The session created from the access token.
#[model]
pub struct ExchangeAccessTokenResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Lists the active sessions of a user.
#[endpoint(GET, "/v1/sessions")]
pub struct GetRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
}

/// The user's active sessions.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub sessions: Vec<Session>,
    pub status_code: u16,
}

/// Fetches the public keys that sign the project's session JWTs.
#[endpoint(GET, "/v1/sessions/jwks/{project_id}")]
pub struct GetJwksRequest {
    pub project_id: String,
}

/// The JSON Web Key Set for session JWTs.
#[model]
pub struct GetJwksResponse {
    pub keys: Vec<Jwk>,
    pub request_id: String,
    pub status_code: u16,
}

/// Imports a session from another identity provider by presenting that provider's token.
#[endpoint(POST, "/v1/sessions/migrate")]
pub struct MigrateRequest {
    /// Your other identity provider's token, which Stytch passes to your userinfo endpoint.
    pub session_token: String,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user and the Stytch session that replaces the imported one.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Ends a session, picked by id, token or JWT.
#[endpoint(POST, "/v1/sessions/revoke")]
pub struct RevokeRequest {
    /// ID of the session to revoke; or give its token or JWT instead.
    pub session_id: Option<String>,
    /// Token of the session to revoke.
    pub session_token: Option<String>,
    /// JWT of the session to revoke.
    pub session_jwt: Option<String>,
}

/// Confirms the session was revoked.
#[model]
pub struct RevokeResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// A consumer session: who, since when, until when, and how they authenticated.
#[model]
pub struct Session {
    pub session_id: String,
    pub user_id: String,
    pub authentication_factors: Vec<AuthenticationFactor>,
    pub roles: Vec<String>,
    pub started_at: Option<Timestamp>,
    pub last_accessed_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    pub attributes: Option<Attributes>,
    pub custom_claims: Option<serde_json::Value>,
}

/// A permission to test against the session's roles: an action on a resource.
#[model]
pub struct AuthorizationCheck {
    pub resource_id: String,
    pub action: String,
}
