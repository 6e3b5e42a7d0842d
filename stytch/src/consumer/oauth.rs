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
    pub provider: String,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
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
    pub token: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub code_verifier: Option<String>,
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
