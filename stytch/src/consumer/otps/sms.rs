//! `/v1/otps/sms/*`: passcodes delivered by text message.

use crate::models::{Attributes, Locale};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Passcodes by SMS.
    Sms
}

/// Texts a passcode, creating the user first when the number is new.
#[endpoint(POST, "/v1/otps/sms/login_or_create")]
pub struct LoginOrCreateRequest {
    pub phone_number: String,
    /// Minutes the passcode stays valid: 1 to 10, 2 when left out.
    pub expiration_minutes: Option<i32>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Creates the user as `pending` until their first login, not `active`; default `false`.
    pub create_user_as_pending: Option<bool>,
    /// Language of the text message; English when left out.
    pub locale: Option<Locale>,
}

/// The user the code went to, and whether they were created just now.
#[model]
pub struct LoginOrCreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub phone_id: String,
    pub user_created: bool,
    pub status_code: u16,
}

/// Texts a passcode to an existing user, or to a new number for a signed-in user.
#[endpoint(POST, "/v1/otps/sms/send")]
pub struct SendRequest {
    pub phone_number: String,
    /// Minutes the passcode stays valid: 1 to 10, 2 when left out.
    pub expiration_minutes: Option<i32>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Language of the text message; English when left out.
    pub locale: Option<Locale>,
    /// Adds the number to this user (ID or external ID); kept only if verified within 5 minutes.
    pub user_id: Option<String>,
    /// Adds the number to this session's user; kept only if verified within 5 minutes.
    pub session_token: Option<String>,
    /// Adds the number to this session JWT's user; kept only if verified within 5 minutes.
    pub session_jwt: Option<String>,
}

/// The user the code went to and their phone id; pass `phone_id` on to authenticate.
#[model]
pub struct SendResponse {
    pub request_id: String,
    pub user_id: String,
    pub phone_id: String,
    pub status_code: u16,
}
