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
    pub expiration_minutes: Option<i32>,
    pub attributes: Option<Attributes>,
    pub create_user_as_pending: Option<bool>,
    pub locale: Option<Locale>,
    pub login_template_id: Option<String>,
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
    pub expiration_minutes: Option<i32>,
    pub attributes: Option<Attributes>,
    pub locale: Option<Locale>,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub login_template_id: Option<String>,
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
