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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    pub password: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
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
    /// The password hash to import; base64-encoded for scrypt and PBKDF2.
    pub hash: String,
    pub hash_type: PasswordHashType,
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
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
    pub name: Option<String>,
    /// Your own JSON data on the member; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the member; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Role IDs to assign explicitly, replacing the member's current explicit roles.
    pub roles: Option<Vec<String>>,
    /// Keeps SSO sessions when a removed role still comes from SSO; `false` (default) revokes them.
    pub preserve_existing_sessions: Option<bool>,
    /// The member's phone number for SMS MFA, in E.164 form (`+` and digits); one per member.
    pub mfa_phone_number: Option<String>,
    /// Marks the phone number verified; only when you know the person owns it.
    pub set_phone_number_verified: Option<bool>,
    /// Your own ID for the member, set only if this call creates them; unique in the organization.
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
