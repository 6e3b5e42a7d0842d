//! `/v1/magic_links/email/*`: magic links delivered by email, and email invites.

use crate::consumer::users::Name;
use crate::models::{Attributes, Locale};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Magic links by email.
    Email
}

/// Emails an invitation link to someone who is not a user yet, creating them as pending.
#[endpoint(POST, "/v1/magic_links/email/invite")]
pub struct InviteRequest {
    pub email: String,
    pub invite_template_id: Option<String>,
    pub attributes: Option<Attributes>,
    pub name: Option<Name>,
    pub invite_magic_link_url: Option<String>,
    pub invite_expiration_minutes: Option<i32>,
    pub locale: Option<Locale>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
}

/// The invited user and their email id.
#[model]
pub struct InviteResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub status_code: u16,
}

/// Emails a login link, or a sign-up link when no user has the address yet.
#[endpoint(POST, "/v1/magic_links/email/login_or_create")]
pub struct LoginOrCreateRequest {
    pub email: String,
    pub login_magic_link_url: Option<String>,
    pub signup_magic_link_url: Option<String>,
    pub login_expiration_minutes: Option<i32>,
    pub signup_expiration_minutes: Option<i32>,
    pub login_template_id: Option<String>,
    pub signup_template_id: Option<String>,
    pub attributes: Option<Attributes>,
    pub create_user_as_pending: Option<bool>,
    pub code_challenge: Option<String>,
    pub locale: Option<Locale>,
}

/// The user the link went to, and whether they were created just now.
#[model]
pub struct LoginOrCreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub user_created: bool,
    pub status_code: u16,
}

/// Cancels an invitation that has not been accepted.
#[endpoint(POST, "/v1/magic_links/email/revoke_invite")]
pub struct RevokeInviteRequest {
    pub email: String,
}

/// Confirms the invite was revoked.
#[model]
pub struct RevokeInviteResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// Emails a login link to an existing user, or adds a new email to a signed-in user.
#[endpoint(POST, "/v1/magic_links/email/send")]
pub struct SendRequest {
    pub email: String,
    pub login_template_id: Option<String>,
    pub attributes: Option<Attributes>,
    pub login_magic_link_url: Option<String>,
    pub signup_magic_link_url: Option<String>,
    pub login_expiration_minutes: Option<i32>,
    pub signup_expiration_minutes: Option<i32>,
    pub code_challenge: Option<String>,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub locale: Option<Locale>,
    pub signup_template_id: Option<String>,
}

/// The user the link went to and their email id.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub status_code: u16,
}
