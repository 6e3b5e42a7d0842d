//! `/v1/b2b/magic_links/email/*`: sending member magic links by email.

use crate::b2b::organizations::{Member, Organization};
use crate::models::Locale;
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod discovery;

service! {
    /// Magic links sent by email.
    Email { discovery: discovery::Discovery }
}

/// Emails a login link, or a signup link when the address is not yet a member.
#[endpoint(POST, "/v1/b2b/magic_links/email/login_or_signup")]
pub struct LoginOrSignupRequest {
    pub organization_id: String,
    pub email_address: String,
    pub login_redirect_url: Option<String>,
    pub signup_redirect_url: Option<String>,
    pub pkce_code_challenge: Option<String>,
    pub login_template_id: Option<String>,
    pub signup_template_id: Option<String>,
    pub locale: Option<Locale>,
    pub login_expiration_minutes: Option<u32>,
    pub signup_expiration_minutes: Option<u32>,
}

/// The member the link went to, and whether they were just created.
#[model]
pub struct LoginOrSignupResponse {
    pub request_id: String,
    pub member_id: String,
    pub member_created: bool,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Invites an email address into an organization with a magic link.
#[endpoint(POST, "/v1/b2b/magic_links/email/invite")]
pub struct InviteRequest {
    pub organization_id: String,
    pub email_address: String,
    pub invite_redirect_url: Option<String>,
    pub invited_by_member_id: Option<String>,
    pub name: Option<String>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub invite_template_id: Option<String>,
    pub locale: Option<Locale>,
    pub roles: Option<Vec<String>>,
    pub invite_expiration_minutes: Option<u32>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The invited member.
#[model]
pub struct InviteResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}
