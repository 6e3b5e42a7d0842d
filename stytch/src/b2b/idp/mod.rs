//! `/v1/b2b/idp/*`: Stytch as an OAuth identity provider for connected apps.

use crate::service::service;
use stytch_macros::endpoint;

pub mod oauth;

service! {
    /// Identity provider endpoints.
    Idp { oauth: oauth::OAuth }
}

/// Asks Stytch whether a connected-app access or refresh token is active, and what it grants.
/// Authenticated by the connected app's own client id (and secret, for confidential clients).
///
/// An RFC 7662 endpoint: the body is form-encoded, and on Stytch's API hosts it lives under
/// the project's public path (`/v1/oauth2/introspect` is the custom-domain address).
#[endpoint(
    POST,
    "/v1/public/{project_id}/oauth2/introspect",
    name = introspect_token_network,
    response = crate::models::TokenIntrospection,
    body = form
)]
pub struct IntrospectTokenRequest {
    #[stytch(project_id)]
    pub project_id: String,
    /// The access or refresh token to check.
    pub token: String,
    /// Client ID of the connected app the token was issued to.
    pub client_id: String,
    /// The client's secret; confidential clients only.
    pub client_secret: Option<String>,
    /// `access_token` or `refresh_token`.
    pub token_type_hint: Option<String>,
}
