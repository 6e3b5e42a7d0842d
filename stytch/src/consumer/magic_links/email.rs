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
    /// Custom “Magic links - Invite” template ID for the invite email; default if unset.
    pub invite_template_id: Option<String>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    pub name: Option<Name>,
    /// Page the invite link opens to authenticate its token; dashboard default if unset.
    pub invite_magic_link_url: Option<String>,
    /// Minutes the invite link stays valid: 5 to 10080, 60 when left out.
    pub invite_expiration_minutes: Option<i32>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Your own JSON data on the user; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the user; the frontend SDK can edit it, so keep secrets out.
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
    /// Page the login link opens to authenticate its token; dashboard default if unset.
    pub login_magic_link_url: Option<String>,
    /// Page the sign-up link opens to authenticate its token; dashboard default if unset.
    pub signup_magic_link_url: Option<String>,
    /// Minutes the login link stays valid: 5 to 10080, 60 when left out.
    pub login_expiration_minutes: Option<i32>,
    /// Minutes the sign-up link stays valid: 5 to 10080, 10080 (a week) when left out.
    pub signup_expiration_minutes: Option<i32>,
    /// Custom “Magic links - Login” template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// Custom “Magic links - Sign-up” template ID for the sign-up email; default if unset.
    pub signup_template_id: Option<String>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Creates the user as `pending` until their first login, not `active`; default `false`.
    pub create_user_as_pending: Option<bool>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub code_challenge: Option<String>,
    /// Language of the email; English when left out.
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
    /// Custom “Magic links - Login” template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Page the login link opens to authenticate its token; dashboard default if unset.
    pub login_magic_link_url: Option<String>,
    /// Page the sign-up link opens to authenticate its token; dashboard default if unset.
    pub signup_magic_link_url: Option<String>,
    /// Minutes the login link stays valid: 5 to 10080, 60 when left out.
    pub login_expiration_minutes: Option<i32>,
    /// Minutes the sign-up link stays valid: 5 to 10080, 10080 (a week) when left out.
    pub signup_expiration_minutes: Option<i32>,
    /// PKCE challenge: base64url SHA-256 of a one-time secret you send again when authenticating.
    pub code_challenge: Option<String>,
    /// Adds the email to this user (ID or external ID); kept only if verified within 5 minutes.
    pub user_id: Option<String>,
    /// Adds the email to this session's user; kept only if verified within 5 minutes.
    pub session_token: Option<String>,
    /// Adds the email to this session JWT's user; kept only if verified within 5 minutes.
    pub session_jwt: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom “Magic links - Sign-up” template ID for the sign-up email; default if unset.
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
