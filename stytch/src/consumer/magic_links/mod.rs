//! `/v1/magic_links/*`: magic links, sent by email or embedded in your own messages.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::{Attributes, DeviceInfo};
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod email;

service! {
    /// Magic link endpoints.
    MagicLinks {
        email: email::Email,
    }
}

/// Redeems a magic link token, starting or extending a session.
#[endpoint(POST, "/v1/magic_links/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the magic link's redirect.
    pub token: String,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Require the finishing device's IP address or user agent to match the one that started.
    pub options: Option<Options>,
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

/// The user the link belonged to, and their session.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    pub method_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub reset_sessions: bool,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Mints an embeddable magic link token for a user, for delivery through your own channel.
#[endpoint(POST, "/v1/magic_links")]
pub struct CreateRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    /// Minutes the token stays valid: 5 to 10080, 60 when left out.
    pub expiration_minutes: Option<i32>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
}

/// The token to embed in a link.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub token: String,
    pub status_code: u16,
}

/// Extra checks on the device that completes a flow: it must match the one that started it.
#[model]
pub struct Options {
    pub ip_match_required: bool,
    pub user_agent_match_required: bool,
}
