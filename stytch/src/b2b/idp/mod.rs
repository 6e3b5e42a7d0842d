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
#[endpoint(POST, "/v1/oauth2/introspect", name = introspect_token_network, response = crate::models::TokenIntrospection)]
pub struct IntrospectTokenRequest {
    pub token: String,
    pub client_id: String,
    pub client_secret: Option<String>,
    /// `access_token` or `refresh_token`.
    pub token_type_hint: Option<String>,
}
