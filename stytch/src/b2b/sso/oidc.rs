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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub display_name: Option<String>,
    /// The identity provider's vendor, so Stytch can handle its particulars.
    pub identity_provider: Option<IdentityProvider>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    pub display_name: Option<String>,
    /// OAuth client ID the IdP issued for this connection.
    pub client_id: Option<String>,
    /// Client secret the IdP issued for this connection.
    pub client_secret: Option<String>,
    /// The IdP's issuer: a case-sensitive `https://` URL.
    pub issuer: Option<String>,
    /// The IdP's authorization endpoint, where logins start.
    pub authorization_url: Option<String>,
    /// The IdP's token endpoint, which issues access and ID tokens.
    pub token_url: Option<String>,
    /// The IdP's OIDC UserInfo endpoint.
    pub userinfo_url: Option<String>,
    /// The IdP's JWKS URL, whose keys check the tokens it signs.
    pub jwks_url: Option<String>,
    /// The identity provider's vendor, so Stytch can handle its particulars.
    pub identity_provider: Option<IdentityProvider>,
    /// Extra scopes to request, space-separated and URL-encoded (`%20` between them).
    pub custom_scopes: Option<String>,
    /// JSON map from IdP claims to Stytch member fields; the values land in trusted metadata.
    pub attribute_mapping: Option<serde_json::Value>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
