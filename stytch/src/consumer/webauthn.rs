//! `/v1/webauthn/*`: passkeys and hardware security keys.

use crate::consumer::sessions::Session;
use crate::consumer::users::{User, WebAuthnRegistration};
use crate::models::DeviceInfo;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// WebAuthn (passkey and security key) endpoints.
    WebAuthn
}

/// Verifies the assertion a browser produced, starting or extending a session.
#[endpoint(POST, "/v1/webauthn/authenticate")]
pub struct AuthenticateRequest {
    /// The browser's WebAuthn credential response, serialised as JSON.
    pub public_key_credential: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user, the registration that signed the assertion, and the session.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    pub webauthn_registration_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Creates the challenge a browser signs to log in with a passkey or security key.
#[endpoint(POST, "/v1/webauthn/authenticate/start")]
pub struct AuthenticateStartRequest {
    /// The relying party's domain: your site's host name.
    pub domain: String,
    /// The user, by ID or external ID.
    pub user_id: Option<String>,
    /// Shapes the options for passkeys (`userVerification: preferred`).
    pub return_passkey_credential_options: Option<bool>,
    /// Encode the options base64url, as `navigator.credentials.create` and `get` expect.
    pub use_base64_url_encoding: Option<bool>,
}

/// The options to hand to `navigator.credentials.get()`, as JSON text.
#[model]
pub struct AuthenticateStartResponse {
    pub request_id: String,
    pub user_id: String,
    pub public_key_credential_request_options: String,
    pub status_code: u16,
}

/// Lists the credentials a user registered for a domain.
#[endpoint(GET, "/v1/webauthn/credentials/{user_id}/{domain}")]
pub struct ListCredentialsRequest {
    pub user_id: String,
    /// The relying party's domain: your site's host name.
    pub domain: String,
}

/// The user's credentials for the domain.
#[model]
pub struct ListCredentialsResponse {
    pub credentials: Vec<WebAuthnCredential>,
    pub request_id: String,
    pub status_code: u16,
}

/// Saves the credential a browser created, finishing a registration.
#[endpoint(POST, "/v1/webauthn/register")]
pub struct RegisterRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    /// The browser's WebAuthn credential response, serialised as JSON.
    pub public_key_credential: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The new registration, and a session when one was requested.
#[model]
pub struct RegisterResponse {
    pub request_id: String,
    pub user_id: String,
    pub webauthn_registration_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Creates the options a browser needs to make a new passkey or security key credential.
#[endpoint(POST, "/v1/webauthn/register/start")]
pub struct RegisterStartRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    /// The relying party's domain: your site's host name.
    pub domain: String,
    pub user_agent: Option<String>,
    /// `platform` or `cross-platform`; both allowed when left out.
    pub authenticator_type: Option<String>,
    /// Shapes the options for passkeys (`residentKey: required`, `userVerification: preferred`).
    pub return_passkey_credential_options: Option<bool>,
    pub override_id: Option<String>,
    pub override_name: Option<String>,
    pub override_display_name: Option<String>,
    /// Encode the options base64url, as `navigator.credentials.create` and `get` expect.
    pub use_base64_url_encoding: Option<bool>,
}

/// The options to hand to `navigator.credentials.create()`, as JSON text.
#[model]
pub struct RegisterStartResponse {
    pub request_id: String,
    pub user_id: String,
    pub public_key_credential_creation_options: String,
    pub status_code: u16,
}

/// Renames a WebAuthn registration.
#[endpoint(PUT, "/v1/webauthn/{webauthn_registration_id}")]
pub struct UpdateRequest {
    pub webauthn_registration_id: String,
    pub name: String,
}

/// The registration under its new name.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub status_code: u16,
    pub webauthn_registration: Option<WebAuthnRegistration>,
}

/// A registered credential with its public key.
#[model]
pub struct WebAuthnCredential {
    pub credential_id: String,
    pub webauthn_registration_id: String,
    pub r#type: String,
    pub public_key: String,
}
