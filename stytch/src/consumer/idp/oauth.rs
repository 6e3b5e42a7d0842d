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
    /// Whether the user approved the requested scopes.
    pub consent_granted: bool,
    /// Scopes the client asked for.
    pub scopes: Vec<String>,
    /// Client ID of the connected app asking for access.
    pub client_id: String,
    /// Where the client wants the user sent back: the `redirect_uri` of its authorization request.
    pub redirect_uri: String,
    /// OAuth response type from the client's request; `code` for the authorization-code flow.
    pub response_type: String,
    /// The user granting consent, by ID or external ID, when no session names them.
    pub user_id: Option<String>,
    /// Token of the consenting user's session, instead of naming the user.
    pub session_token: Option<String>,
    /// JWT of the consenting user's session, instead of naming the user.
    pub session_jwt: Option<String>,
    /// The client's space-separated `prompt` values; only `consent` is supported.
    pub prompt: Option<String>,
    /// The client's opaque `state` value, handed back to it unchanged.
    pub state: Option<String>,
    /// The client's OIDC `nonce`, put into the ID token against replays.
    pub nonce: Option<String>,
    /// The client's PKCE code challenge (base64url), if it sent one.
    pub code_challenge: Option<String>,
    /// Resource indicators (RFC 8707) from the client's request, if any.
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
    /// Client ID of the connected app asking for access.
    pub client_id: String,
    /// Where the client wants the user sent back: the `redirect_uri` of its authorization request.
    pub redirect_uri: String,
    /// OAuth response type from the client's request; `code` for the authorization-code flow.
    pub response_type: String,
    /// Scopes the client asked for.
    pub scopes: Vec<String>,
    /// The user granting consent, by ID or external ID, when no session names them.
    pub user_id: Option<String>,
    /// Token of the consenting user's session, instead of naming the user.
    pub session_token: Option<String>,
    /// JWT of the consenting user's session, instead of naming the user.
    pub session_jwt: Option<String>,
    /// The client's space-separated `prompt` values; only `consent` is supported.
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
