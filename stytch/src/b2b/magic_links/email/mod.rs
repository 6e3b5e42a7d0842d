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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    /// Page the login link opens to authenticate its token; dashboard default if unset.
    pub login_redirect_url: Option<String>,
    /// Page the sign-up link opens to authenticate its token; dashboard default if unset.
    pub signup_redirect_url: Option<String>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub pkce_code_challenge: Option<String>,
    /// Custom “Magic Links - Login” template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// Custom “Magic Links - Signup” template ID for the sign-up email; default if unset.
    pub signup_template_id: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Minutes the login link stays valid: 5 to 10080, 60 when left out.
    pub login_expiration_minutes: Option<u32>,
    /// Minutes the sign-up link stays valid: 5 to 10080, 60 when left out.
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    /// Page the invite link opens to authenticate its token; dashboard default if unset.
    pub invite_redirect_url: Option<String>,
    /// ID of the member sending the invite.
    pub invited_by_member_id: Option<String>,
    pub name: Option<String>,
    /// Your own JSON data on the member; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the member; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Custom “Magic Links - Invite” template ID for the invite email; default if unset.
    pub invite_template_id: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Role IDs to assign to the member explicitly.
    pub roles: Option<Vec<String>>,
    /// Minutes the invite stays valid: 5 to 10080, 10080 (a week) when left out.
    pub invite_expiration_minutes: Option<u32>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
