//! `/v1/b2b/sso/*`: single sign-on for organizations through SAML, OIDC or an external
//! organization's connection.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::{DeviceInfo, Locale};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod external;
pub mod oidc;
pub mod saml;

service! {
    /// SSO logins and connections.
    Sso { saml: saml::Saml, oidc: oidc::Oidc, external: external::External }
}

/// Lists an organization's SAML, OIDC and external SSO connections.
#[endpoint(GET, "/v1/b2b/sso/{organization_id}")]
pub struct GetConnectionsRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The organization's connections, by kind.
#[model]
pub struct GetConnectionsResponse {
    pub request_id: String,
    pub saml_connections: Vec<SamlConnection>,
    pub oidc_connections: Vec<OidcConnection>,
    pub external_connections: Vec<ExternalConnection>,
    pub status_code: u16,
}

/// Deletes an SSO connection of any kind.
#[endpoint(DELETE, "/v1/b2b/sso/{organization_id}/connections/{connection_id}")]
pub struct DeleteConnectionRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The SAML, OIDC or external connection to delete.
    pub connection_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the deleted connection.
#[model]
pub struct DeleteConnectionResponse {
    pub request_id: String,
    pub connection_id: String,
    pub status_code: u16,
}

/// Exchanges the token from an SSO redirect for a member session, or for what is still needed.
#[endpoint(POST, "/v1/b2b/sso/authenticate")]
pub struct AuthenticateRequest {
    /// The `token` query parameter of the SSO redirect.
    pub sso_token: String,
    /// PKCE verifier: the one-time secret whose SHA-256 hash was sent as the code challenge.
    pub pkce_code_verifier: Option<String>,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Language of the SMS passcode sent if the member still needs MFA; English when left out.
    pub locale: Option<Locale>,
    /// Intermediate session token to add this factor to; it becomes a session once all checks pass.
    pub intermediate_session_token: Option<String>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The member who logged in, and either a session or what is still needed for one.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    pub organization_id: String,
    pub member: Member,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub reset_session: bool,
    pub organization: Organization,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub member_authenticated: bool,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}

/// A SAML connection: the identity provider's settings, certificates and role mappings.
#[model]
pub struct SamlConnection {
    pub organization_id: String,
    pub connection_id: String,
    pub status: String,
    pub idp_entity_id: String,
    pub display_name: String,
    pub idp_sso_url: String,
    pub acs_url: String,
    pub audience_uri: String,
    pub signing_certificates: Vec<X509Certificate>,
    pub verification_certificates: Vec<X509Certificate>,
    pub encryption_private_keys: Vec<EncryptionPrivateKey>,
    pub saml_connection_implicit_role_assignments: Vec<ConnectionImplicitRoleAssignment>,
    pub saml_group_implicit_role_assignments: Vec<GroupImplicitRoleAssignment>,
    pub alternative_audience_uri: String,
    pub identity_provider: String,
    pub nameid_format: String,
    pub alternative_acs_url: String,
    pub idp_initiated_auth_disabled: bool,
    pub allow_gateway_callback: bool,
    pub attribute_mapping: Option<serde_json::Value>,
}

/// An OIDC connection: the identity provider's client credentials and endpoints.
#[model]
pub struct OidcConnection {
    pub organization_id: String,
    pub connection_id: String,
    pub status: String,
    pub display_name: String,
    pub redirect_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub issuer: String,
    pub authorization_url: String,
    pub token_url: String,
    pub userinfo_url: String,
    pub jwks_url: String,
    pub identity_provider: String,
    pub custom_scopes: String,
    pub attribute_mapping: Option<serde_json::Value>,
}

/// A connection that reuses another organization's SSO connection.
#[model]
pub struct ExternalConnection {
    pub organization_id: String,
    pub connection_id: String,
    pub external_organization_id: String,
    pub external_connection_id: String,
    pub display_name: String,
    pub status: String,
    pub external_connection_implicit_role_assignments: Vec<ConnectionImplicitRoleAssignment>,
    pub external_group_implicit_role_assignments: Vec<GroupImplicitRoleAssignment>,
}

/// A role every member who logs in through a connection receives.
#[model]
pub struct ConnectionImplicitRoleAssignment {
    pub role_id: String,
}

/// A role members receive when the identity provider puts them in a group.
#[model]
pub struct GroupImplicitRoleAssignment {
    pub role_id: String,
    pub group: String,
}

/// A certificate on a SAML connection, with its issuer and validity.
#[model]
pub struct X509Certificate {
    pub certificate_id: String,
    pub certificate: String,
    pub issuer: String,
    pub created_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

/// A private key Stytch uses to decrypt a SAML connection's encrypted assertions.
#[model]
pub struct EncryptionPrivateKey {
    pub private_key_id: String,
    pub private_key: String,
    pub created_at: Option<Timestamp>,
}

/// The identity provider behind a SAML or OIDC connection.
#[model]
pub enum IdentityProvider {
    Classlink,
    Cyberark,
    Duo,
    Generic,
    #[stytch(rename = "google-workspace")]
    GoogleWorkspace,
    Jumpcloud,
    Keycloak,
    Miniorange,
    #[stytch(rename = "microsoft-entra")]
    MicrosoftEntra,
    Okta,
    Onelogin,
    Pingfederate,
    Rippling,
    Salesforce,
    Shibboleth,
}
