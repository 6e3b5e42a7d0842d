//! `/v1/idp/oauth/*`: the authorization step of the OAuth flow, for custom consent screens.

use crate::consumer::users::User;
use crate::models::{ConnectedAppPublic, ScopeResult};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Identity provider OAuth authorization.
    OAuth
}

/// Records the user's consent decision and issues the authorization code.
#[endpoint(POST, "/v1/idp/oauth/authorize")]
pub struct AuthorizeRequest {
    pub consent_granted: bool,
    pub scopes: Vec<String>,
    pub client_id: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub prompt: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub resources: Option<Vec<String>>,
}

/// Where to send the user next, with the authorization code when consent was given.
#[model]
pub struct AuthorizeResponse {
    pub request_id: String,
    pub redirect_uri: String,
    pub status_code: u16,
    pub authorization_code: Option<String>,
}

/// Checks an authorization request and says whether the user must be asked for consent.
#[endpoint(POST, "/v1/idp/oauth/authorize/start")]
pub struct AuthorizeStartRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub scopes: Vec<String>,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub prompt: Option<String>,
}

/// The user, the app asking, and whether consent is needed for each requested scope.
#[model]
pub struct AuthorizeStartResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub client: ConnectedAppPublic,
    pub consent_required: bool,
    pub scope_results: Vec<ScopeResult>,
    pub status_code: u16,
}
