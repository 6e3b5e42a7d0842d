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
    pub connection: Option<SamlConnection>,
}

/// Sets a SAML connection's identity-provider details, certificates and role mappings.
#[endpoint(PUT, "/v1/b2b/sso/saml/{organization_id}/connections/{connection_id}")]
pub struct UpdateConnectionRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// The IdP's entity ID, as the IdP gives it.
    pub idp_entity_id: Option<String>,
    pub display_name: Option<String>,
    /// JSON map from IdP attributes to Stytch fields: `email` and a full or first and last name.
    pub attribute_mapping: Option<serde_json::Value>,
    /// PEM certificate Stytch checks the IdP's assertions with.
    pub x509_certificate: Option<String>,
    /// The IdP's single sign-on URL, which receives login requests.
    pub idp_sso_url: Option<String>,
    /// Roles every member who logs in through this connection receives.
    pub saml_connection_implicit_role_assignments: Option<Vec<ConnectionImplicitRoleAssignment>>,
    /// Roles granted by IdP group; `attribute_mapping` must map `groups` first.
    pub saml_group_implicit_role_assignments: Option<Vec<GroupImplicitRoleAssignment>>,
    /// Audience to accept instead of Stytch's, to move an existing SAML setup without downtime.
    pub alternative_audience_uri: Option<String>,
    /// The identity provider's vendor, so Stytch can handle its particulars.
    pub identity_provider: Option<IdentityProvider>,
    /// PKCS#1 RSA private key (PEM) for signing SAML requests; Stytch issues a certificate for it.
    pub signing_private_key: Option<String>,
    /// Expected NameID format; `urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress` by default.
    pub nameid_format: Option<String>,
    /// Stand-in ACS URL for SP-initiated requests during a migration; you proxy it to Stytch.
    pub alternative_acs_url: Option<String>,
    /// Refuses IdP-initiated logins when `true`; default `false`.
    pub idp_initiated_auth_disabled: Option<bool>,
    /// PKCS#1 RSA private key (PEM) for decrypting encrypted assertions.
    pub saml_encryption_private_key: Option<String>,
    pub allow_gateway_callback: Option<bool>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    /// URL of the IdP's SAML metadata, from which Stytch reads the connection settings.
    pub metadata_url: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    pub certificate_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connection_id: String,
    pub private_key_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
