//! `/v1/b2b/sessions/*`: member sessions.

use crate::consumer::sessions::AuthenticationFactor;
use crate::Timestamp;
use stytch_macros::model;

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
