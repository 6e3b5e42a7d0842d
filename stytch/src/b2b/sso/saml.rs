//! `/v1/b2b/sso/saml/*`: SAML connections.

use crate::b2b::sso::{
    ConnectionImplicitRoleAssignment, GroupImplicitRoleAssignment, IdentityProvider, SamlConnection,
};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// SAML connections.
    Saml
}

/// Creates a SAML connection for an organization; configure it afterwards with an update.
#[endpoint(POST, "/v1/b2b/sso/saml/{organization_id}")]
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
    pub connection: Option<SamlConnection>,
}

/// Sets a SAML connection's identity-provider details, certificates and role mappings.
#[endpoint(PUT, "/v1/b2b/sso/saml/{organization_id}/connections/{connection_id}")]
pub struct UpdateConnectionRequest {
    pub organization_id: String,
    pub connection_id: String,
    pub idp_entity_id: Option<String>,
    pub display_name: Option<String>,
    pub attribute_mapping: Option<serde_json::Value>,
    pub x509_certificate: Option<String>,
    pub idp_sso_url: Option<String>,
    pub saml_connection_implicit_role_assignments: Option<Vec<ConnectionImplicitRoleAssignment>>,
    pub saml_group_implicit_role_assignments: Option<Vec<GroupImplicitRoleAssignment>>,
    pub alternative_audience_uri: Option<String>,
    pub identity_provider: Option<IdentityProvider>,
    pub signing_private_key: Option<String>,
    pub nameid_format: Option<String>,
    pub alternative_acs_url: Option<String>,
    pub idp_initiated_auth_disabled: Option<bool>,
    pub saml_encryption_private_key: Option<String>,
    pub allow_gateway_callback: Option<bool>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection after the change.
#[model]
pub struct UpdateConnectionResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<SamlConnection>,
}

/// Configures a SAML connection from the identity provider's metadata URL.
#[endpoint(
    PUT,
    "/v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/url"
)]
pub struct UpdateByUrlRequest {
    pub organization_id: String,
    pub connection_id: String,
    pub metadata_url: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The connection as configured from the metadata.
#[model]
pub struct UpdateByUrlResponse {
    pub request_id: String,
    pub status_code: u16,
    pub connection: Option<SamlConnection>,
}

/// Removes a certificate used to verify the identity provider's signatures.
#[endpoint(
    DELETE,
    "/v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/verification_certificates/{certificate_id}"
)]
pub struct DeleteVerificationCertificateRequest {
    pub organization_id: String,
    pub connection_id: String,
    pub certificate_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the removed certificate.
#[model]
pub struct DeleteVerificationCertificateResponse {
    pub request_id: String,
    pub certificate_id: String,
    pub status_code: u16,
}

/// Removes a private key used to decrypt the identity provider's assertions.
#[endpoint(
    DELETE,
    "/v1/b2b/sso/saml/{organization_id}/connections/{connection_id}/encryption_private_keys/{private_key_id}"
)]
pub struct DeleteEncryptionPrivateKeyRequest {
    pub organization_id: String,
    pub connection_id: String,
    pub private_key_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the removed key.
#[model]
pub struct DeleteEncryptionPrivateKeyResponse {
    pub request_id: String,
    pub private_key_id: String,
    pub status_code: u16,
}
