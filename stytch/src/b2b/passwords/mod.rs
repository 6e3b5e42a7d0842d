//! `/v1/b2b/passwords/*`: member password authentication, migration and resets.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{
    Argon2Config, DeviceInfo, Locale, LudsRequirements, PasswordHashType, Pbkdf2Config, SaltConfig,
    ScryptConfig,
};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod discovery;
pub mod email;
pub mod existing_password;
pub mod sessions;

service! {
    /// Member password endpoints.
    Passwords {
        email: email::Email,
        sessions: sessions::Sessions,
        existing_password: existing_password::ExistingPassword,
        discovery: discovery::Discovery,
    }
}

/// Logs a member into an organization with their email address and password.
#[endpoint(POST, "/v1/b2b/passwords/authenticate")]
pub struct AuthenticateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub password: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub locale: Option<Locale>,
    pub intermediate_session_token: Option<String>,
    pub telemetry_id: Option<String>,
}

/// The member who logged in, and either a session or what is still needed for one.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    pub organization_id: String,
    pub member: Member,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub organization: Organization,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub member_authenticated: bool,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}

/// Imports a member's password hash from another system, creating the member if needed.
#[endpoint(POST, "/v1/b2b/passwords/migrate")]
pub struct MigrateRequest {
    pub email_address: String,
    pub hash: String,
    pub hash_type: PasswordHashType,
    pub organization_id: String,
    pub md_5_config: Option<SaltConfig>,
    pub argon_2_config: Option<Argon2Config>,
    pub sha_1_config: Option<SaltConfig>,
    pub sha_512_config: Option<SaltConfig>,
    pub scrypt_config: Option<ScryptConfig>,
    pub pbkdf_2_config: Option<Pbkdf2Config>,
    pub name: Option<String>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub roles: Option<Vec<String>>,
    pub preserve_existing_sessions: Option<bool>,
    pub mfa_phone_number: Option<String>,
    pub set_phone_number_verified: Option<bool>,
    pub external_id: Option<String>,
}

/// The member the hash now belongs to, and whether they were created by the import.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_created: bool,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Rates a candidate password against the project's strength policy and known breaches.
#[endpoint(POST, "/v1/b2b/passwords/strength_check")]
pub struct StrengthCheckRequest {
    pub password: String,
    pub email_address: Option<String>,
}

/// Whether the password would be accepted, with feedback for the active policy.
#[model]
pub struct StrengthCheckResponse {
    pub request_id: String,
    pub valid_password: bool,
    pub score: i32,
    pub breached_password: bool,
    pub strength_policy: String,
    pub breach_detection_on_create: bool,
    pub status_code: u16,
    pub luds_feedback: Option<LudsRequirements>,
    pub zxcvbn_feedback: Option<ZxcvbnFeedback>,
}

/// Why a password scored low under the zxcvbn policy, and how to improve it.
#[model]
pub struct ZxcvbnFeedback {
    pub warning: String,
    pub suggestions: Vec<String>,
}
