//! `/v1/b2b/sso/oidc/*`: OIDC connections.

use crate::b2b::sso::{IdentityProvider, OidcConnection};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// OIDC connections.
    Oidc
}

/// Creates an OIDC connection for an organization; configure it afterwards with an update.
#[endpoint(POST, "/v1/b2b/sso/oidc/{organization_id}")]
pub struct CreateConnectionRequest {
    pub organization_id: String,
    pub display_name: Option<String>,
    pub identity_provider: Option<IdentityProvider>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The new connection.
#[model]
pub struct CreateConnectionResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<OidcConnection>,
}

/// Sets an OIDC connection's client credentials, endpoints and claim mapping.
#[endpoint(PUT, "/v1/b2b/sso/oidc/{organization_id}/connections/{connection_id}")]
pub struct UpdateConnectionRequest {
    pub organization_id: String,
    pub connection_id: String,
    pub display_name: Option<String>,
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
    pub issuer: Option<String>,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub userinfo_url: Option<String>,
    pub jwks_url: Option<String>,
    pub identity_provider: Option<IdentityProvider>,
    pub custom_scopes: Option<String>,
    pub attribute_mapping: Option<serde_json::Value>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection after the change, and a note when the issuer could not be checked.
#[model]
pub struct UpdateConnectionResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<OidcConnection>,
    pub warning: Option<String>,
}
