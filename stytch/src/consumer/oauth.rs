//! `/v1/oauth/*`: completing OAuth logins and linking providers to existing users.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::DeviceInfo;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// OAuth login endpoints.
    OAuth
}

/// Issues a token that links the next OAuth login to an existing user.
#[endpoint(POST, "/v1/oauth/attach")]
pub struct AttachRequest {
    /// Which OAuth provider, e.g. `google`.
    pub provider: String,
    /// The user to attach the OAuth login to, by ID or external ID (or send one of their sessions).
    pub user_id: Option<String>,
    /// Token of a session of the user to attach the OAuth login to.
    pub session_token: Option<String>,
    /// JWT of a session of the user to attach the OAuth login to.
    pub session_jwt: Option<String>,
}

/// The token to pass to the OAuth start URL.
#[model]
pub struct AttachResponse {
    pub request_id: String,
    pub oauth_attach_token: String,
    pub status_code: u16,
}

/// Completes an OAuth login with the token from the redirect, starting a session.
#[endpoint(POST, "/v1/oauth/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the OAuth redirect.
    pub token: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub code_verifier: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user, the provider identity they logged in with, the provider's tokens and the session.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    pub provider_subject: String,
    pub provider_type: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub provider_values: ProviderValues,
    pub user: User,
    pub reset_sessions: bool,
    pub oauth_user_registration_id: String,
    pub status_code: u16,
    pub user_session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// The OAuth provider's own tokens for the user, and the scopes they cover.
#[model]
pub struct ProviderValues {
    pub access_token: String,
    pub refresh_token: String,
    pub id_token: String,
    pub scopes: Vec<String>,
    pub expires_at: Option<Timestamp>,
}
