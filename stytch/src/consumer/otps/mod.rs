//! `/v1/otps/*`: one-time passcodes by SMS, WhatsApp and email.

use crate::consumer::magic_links::Options;
use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::{Attributes, DeviceInfo};
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod email;
pub mod sms;
pub mod whatsapp;

service! {
    /// One-time passcode endpoints.
    Otps {
        email: email::Email,
        sms: sms::Sms,
        whatsapp: whatsapp::Whatsapp,
    }
}

/// Checks a passcode the user typed in, starting or extending a session.
#[endpoint(POST, "/v1/otps/authenticate")]
pub struct AuthenticateRequest {
    /// The `email_id` or `phone_id` the code was sent to, from the send call's response.
    pub method_id: String,
    pub code: String,
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
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The user the passcode was sent to, and their session.
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
