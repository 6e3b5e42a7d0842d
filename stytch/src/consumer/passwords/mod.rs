//! `/v1/passwords/*`: password authentication, sign-up, migration and resets.

use crate::consumer::sessions::Session;
use crate::consumer::users::{Name, User};
use crate::models::{
    Argon2Config, DeviceInfo, LudsRequirements, PasswordHashType, Pbkdf2Config, SaltConfig,
    ScryptConfig,
};
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod email;
pub mod existing_password;
pub mod sessions;

service! {
    /// Password endpoints.
    Passwords {
        email: email::Email,
        existing_password: existing_password::ExistingPassword,
        sessions: sessions::Sessions,
    }
}

/// Logs a user in with email and password, starting or extending a session.
#[endpoint(POST, "/v1/passwords/authenticate")]
pub struct AuthenticateRequest {
    pub email: String,
    pub password: String,
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

/// The authenticated user and their session.
#[model]
pub struct AuthenticateResponse {
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

/// Signs up a new user with an email address and password.
#[endpoint(POST, "/v1/passwords")]
pub struct CreateRequest {
    pub email: String,
    pub password: String,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Your own JSON data on the user; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the user; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    pub name: Option<Name>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The new user, their email id and their first session.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Imports a user together with a password hash from another system.
#[endpoint(POST, "/v1/passwords/migrate")]
pub struct MigrateRequest {
    pub email: String,
    /// The password hash to import; base64-encoded for scrypt and PBKDF2.
    pub hash: String,
    pub hash_type: PasswordHashType,
    /// Salt the MD5 hash was made with, if any.
    pub md_5_config: Option<SaltConfig>,
    /// Argon2 parameters; needed when the hash is hex rather than PHC-encoded.
    pub argon_2_config: Option<Argon2Config>,
    /// Salt the SHA-1 hash was made with, if any.
    pub sha_1_config: Option<SaltConfig>,
    /// Salt the SHA-512 hash was made with, if any.
    pub sha_512_config: Option<SaltConfig>,
    /// scrypt parameters; needed when the hash is not PHC-encoded.
    pub scrypt_config: Option<ScryptConfig>,
    /// PBKDF2 parameters; needed for a PBKDF2 hash.
    pub pbkdf_2_config: Option<Pbkdf2Config>,
    /// Your own JSON data on the user; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the user; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Marks the email verified; only when you know the user owns it (misuse can merge users).
    pub set_email_verified: Option<bool>,
    pub name: Option<Name>,
    pub phone_number: Option<String>,
    /// Marks the phone number verified; only when you know the person owns it.
    pub set_phone_number_verified: Option<bool>,
    /// Your own ID for the user, set only if this call creates them; usable in place of a user ID.
    pub external_id: Option<String>,
    /// Role IDs to assign to the user explicitly.
    pub roles: Option<Vec<String>>,
}

/// The imported user, and whether the import created them.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub user_created: bool,
    pub user: User,
    pub status_code: u16,
}

/// Scores a candidate password against the project policy and known breaches.
#[endpoint(POST, "/v1/passwords/strength_check")]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email: Option<String>,
}

/// Whether the password is acceptable, with its score and advice.
#[model]
pub struct StrengthCheckResponse {
    pub request_id: String,
    pub valid_password: bool,
    pub score: i32,
    pub breached_password: bool,
    pub strength_policy: String,
    pub breach_detection_on_create: bool,
    pub status_code: u16,
    pub feedback: Option<Feedback>,
}

/// Advice on making a rejected password stronger.
#[model]
pub struct Feedback {
    pub warning: String,
    pub suggestions: Vec<String>,
    pub luds_requirements: Option<LudsRequirements>,
}
