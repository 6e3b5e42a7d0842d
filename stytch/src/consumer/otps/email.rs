//! `/v1/otps/email/*`: passcodes delivered by email.

use crate::models::{Attributes, Locale};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Passcodes by email.
    Email
}

/// Emails a passcode, creating the user first when the address is new.
#[endpoint(POST, "/v1/otps/email/login_or_create")]
pub struct LoginOrCreateRequest {
    pub email: String,
    /// Minutes the passcode stays valid: 1 to 10, 2 when left out.
    pub expiration_minutes: Option<i32>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Creates the user as `pending` until their first login, not `active`; default `false`.
    pub create_user_as_pending: Option<bool>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// Custom template ID for the sign-up email; default if unset.
    pub signup_template_id: Option<String>,
}

/// The user the code went to, and whether they were created just now.
#[model]
pub struct LoginOrCreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub user_created: bool,
    pub status_code: u16,
}

/// Emails a passcode to an existing user, or to a new address for a signed-in user.
#[endpoint(POST, "/v1/otps/email/send")]
pub struct SendRequest {
    pub email: String,
    /// Minutes the passcode stays valid: 1 to 10, 2 when left out.
    pub expiration_minutes: Option<i32>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Adds the email to this user (ID or external ID); kept only if verified within 5 minutes.
    pub user_id: Option<String>,
    /// Adds the email to this session's user; kept only if verified within 5 minutes.
    pub session_token: Option<String>,
    /// Adds the email to this session JWT's user; kept only if verified within 5 minutes.
    pub session_jwt: Option<String>,
    /// Custom “OTP - Login” template ID for the login email; default if unset.
    pub login_template_id: Option<String>,
    /// Custom “OTP - Sign-up” template ID for the sign-up email; default if unset.
    pub signup_template_id: Option<String>,
}

/// The user the code went to and their email id; pass `email_id` on to authenticate.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub status_code: u16,
}
