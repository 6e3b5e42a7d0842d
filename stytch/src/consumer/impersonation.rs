//! `/v1/impersonation/*`: dashboard users acting as one of your users.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Impersonation endpoints.
    Impersonation
}

/// Redeems an impersonation token from the dashboard for a session as the user.
#[endpoint(POST, "/v1/impersonation/authenticate")]
pub struct AuthenticateRequest {
    /// The impersonation token to redeem; it lasts 5 minutes by default.
    pub impersonation_token: String,
}

/// The impersonated user and the session acting as them.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub status_code: u16,
    pub session: Option<Session>,
}
