//! `/v1/b2b/organizations/*`: organizations and their members.

use crate::b2b::scim::ScimAttributes;
use crate::models::{PolicyRole, ResultsMetadata, SearchQuery};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

pub mod members;

service! {
    /// Organizations.
    Organizations { members: members::Members }
}

/// Creates an organization.
#[endpoint(POST, "/v1/b2b/organizations")]
pub struct CreateRequest {
    pub organization_name: String,
    /// Unique URL slug (2 to 128 letters, digits or `-._~`), accepted in place of the ID.
    pub organization_slug: Option<String>,
    pub organization_logo_url: Option<String>,
    /// Your own JSON data on the organization; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own ID for the organization, unique in the project, accepted wherever its ID is.
    pub organization_external_id: Option<String>,
    /// SSO sign-ups: `ALL_ALLOWED` (default), `RESTRICTED` (allowed connections) or `NOT_ALLOWED`.
    pub sso_jit_provisioning: Option<String>,
    /// Domains allowed for invites and sign-ups under `RESTRICTED`; not public ones like gmail.com.
    pub email_allowed_domains: Option<Vec<String>>,
    /// Email and OAuth sign-ups: `RESTRICTED` to allowed domains, or `NOT_ALLOWED` (default).
    pub email_jit_provisioning: Option<String>,
    /// Email invites: `ALL_ALLOWED`, `RESTRICTED` to allowed domains, or `NOT_ALLOWED`.
    pub email_invites: Option<String>,
    /// `ALL_ALLOWED` (default) or `RESTRICTED` to `allowed_auth_methods`; break-glass is exempt.
    pub auth_methods: Option<String>,
    /// Methods members may use when `auth_methods` is `RESTRICTED`.
    /// Any of `sso`, `magic_link`, `email_otp`, `password`, `google_oauth`, `microsoft_oauth`,
    /// `slack_oauth`, `github_oauth`, `hubspot_oauth`.
    pub allowed_auth_methods: Option<Vec<String>>,
    /// `REQUIRED_FOR_ALL`, or `OPTIONAL` (default): then only members with `mfa_enrolled` do MFA.
    pub mfa_policy: Option<String>,
    /// Roles granted to every member whose email is in a given domain, however they log in.
    pub rbac_email_implicit_role_assignments: Option<Vec<EmailImplicitRoleAssignment>>,
    /// `ALL_ALLOWED` (default) or `RESTRICTED` to `allowed_mfa_methods`; break-glass is exempt.
    pub mfa_methods: Option<String>,
    /// MFA methods members may use when `mfa_methods` is `RESTRICTED`: `sms_otp`, `totp`.
    pub allowed_mfa_methods: Option<Vec<String>>,
    /// OAuth-tenant sign-ups: `RESTRICTED` to `allowed_oauth_tenants`, or `NOT_ALLOWED` (default).
    pub oauth_tenant_jit_provisioning: Option<String>,
    /// JSON map from provider (`slack`, `hubspot`, `github`) to the tenants whose users may join.
    pub allowed_oauth_tenants: Option<serde_json::Value>,
    /// Email domains the organization claims as its own.
    pub claimed_email_domains: Option<Vec<String>>,
    /// First-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub first_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the first-party policy is `RESTRICTED`.
    pub allowed_first_party_connected_apps: Option<Vec<String>>,
    /// Third-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub third_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the third-party policy is `RESTRICTED`.
    pub allowed_third_party_connected_apps: Option<Vec<String>>,
}

/// The new organization.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub organization: Organization,
    pub status_code: u16,
}

/// Fetches an organization by id.
#[endpoint(GET, "/v1/b2b/organizations/{organization_id}")]
pub struct GetRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
}

/// The organization.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub organization: Organization,
    pub status_code: u16,
}

/// Changes an organization's settings; fields left unset keep their value.
#[endpoint(PUT, "/v1/b2b/organizations/{organization_id}")]
pub struct UpdateRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub organization_name: Option<String>,
    /// Unique URL slug (2 to 128 letters, digits or `-._~`), accepted in place of the ID.
    pub organization_slug: Option<String>,
    pub organization_logo_url: Option<String>,
    /// Your own JSON data on the organization; refused when a member session header is sent.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own ID for the organization, unique in the project, accepted wherever its ID is.
    pub organization_external_id: Option<String>,
    /// The SSO connection to use when the organization has several.
    pub sso_default_connection_id: Option<String>,
    /// SSO sign-ups: `ALL_ALLOWED` (default), `RESTRICTED` (allowed connections) or `NOT_ALLOWED`.
    pub sso_jit_provisioning: Option<String>,
    /// Connection IDs that may add new members when `sso_jit_provisioning` is `RESTRICTED`.
    pub sso_jit_provisioning_allowed_connections: Option<Vec<String>>,
    /// Domains allowed for invites and sign-ups under `RESTRICTED`; not public ones like gmail.com.
    pub email_allowed_domains: Option<Vec<String>>,
    /// Email and OAuth sign-ups: `RESTRICTED` to allowed domains, or `NOT_ALLOWED` (default).
    pub email_jit_provisioning: Option<String>,
    /// Email invites: `ALL_ALLOWED`, `RESTRICTED` to allowed domains, or `NOT_ALLOWED`.
    pub email_invites: Option<String>,
    /// `ALL_ALLOWED` (default) or `RESTRICTED` to `allowed_auth_methods`; break-glass is exempt.
    pub auth_methods: Option<String>,
    /// Methods members may use when `auth_methods` is `RESTRICTED`.
    /// Any of `sso`, `magic_link`, `email_otp`, `password`, `google_oauth`, `microsoft_oauth`,
    /// `slack_oauth`, `github_oauth`, `hubspot_oauth`.
    pub allowed_auth_methods: Option<Vec<String>>,
    /// `REQUIRED_FOR_ALL`, or `OPTIONAL` (default): then only members with `mfa_enrolled` do MFA.
    pub mfa_policy: Option<String>,
    /// Roles granted to every member whose email is in a given domain, however they log in.
    pub rbac_email_implicit_role_assignments: Option<Vec<EmailImplicitRoleAssignment>>,
    /// `ALL_ALLOWED` (default) or `RESTRICTED` to `allowed_mfa_methods`; break-glass is exempt.
    pub mfa_methods: Option<String>,
    /// MFA methods members may use when `mfa_methods` is `RESTRICTED`: `sms_otp`, `totp`.
    pub allowed_mfa_methods: Option<Vec<String>>,
    /// OAuth-tenant sign-ups: `RESTRICTED` to `allowed_oauth_tenants`, or `NOT_ALLOWED` (default).
    pub oauth_tenant_jit_provisioning: Option<String>,
    /// JSON map from provider (`slack`, `hubspot`, `github`) to the tenants whose users may join.
    pub allowed_oauth_tenants: Option<serde_json::Value>,
    /// Email domains the organization claims as its own.
    pub claimed_email_domains: Option<Vec<String>>,
    /// First-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub first_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the first-party policy is `RESTRICTED`.
    pub allowed_first_party_connected_apps: Option<Vec<String>>,
    /// Third-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub third_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the third-party policy is `RESTRICTED`.
    pub allowed_third_party_connected_apps: Option<Vec<String>>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The organization after the change.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub organization: Organization,
    pub status_code: u16,
}

/// Deletes an organization and all of its members.
#[endpoint(DELETE, "/v1/b2b/organizations/{organization_id}")]
pub struct DeleteRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the deleted organization.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub organization_id: String,
    pub status_code: u16,
}

/// Lists organizations matching a query, a page at a time.
#[endpoint(POST, "/v1/b2b/organizations/search")]
pub struct SearchRequest {
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
    /// Filters joined by `AND` or `OR`; left out, everything matches.
    pub query: Option<SearchQuery>,
}

/// One page of matching organizations.
#[model]
pub struct SearchResponse {
    pub request_id: String,
    pub organizations: Vec<Organization>,
    pub results_metadata: ResultsMetadata,
    pub status_code: u16,
}

/// Clears an organization's external id.
#[endpoint(DELETE, "/v1/b2b/organizations/{organization_id}/external_id")]
pub struct DeleteExternalIdRequest {
    pub organization_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The organization without its external id.
#[model]
pub struct DeleteExternalIdResponse {
    pub request_id: String,
    pub organization: Organization,
    pub status_code: u16,
}

/// Counts an organization's members.
#[endpoint(GET, "/v1/b2b/organizations/{organization_id}/metrics")]
pub struct MetricsRequest {
    pub organization_id: String,
}

/// Usage figures for the organization.
#[model]
pub struct MetricsResponse {
    pub request_id: String,
    pub member_count: u32,
    pub status_code: u16,
}

/// Lists the connected apps an organization's members have authorized.
#[endpoint(GET, "/v1/b2b/organizations/{organization_id}/connected_apps")]
pub struct ConnectedAppsRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The organization's connected apps.
#[model]
pub struct ConnectedAppsResponse {
    pub request_id: String,
    pub connected_apps: Vec<OrganizationConnectedApp>,
    pub status_code: u16,
}

/// Fetches one connected app and the members who authorized it.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/connected_apps/{connected_app_id}"
)]
pub struct GetConnectedAppRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub connected_app_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// A connected app as seen by one organization.
#[model]
pub struct GetConnectedAppResponse {
    pub connected_app_id: String,
    pub name: String,
    pub description: String,
    pub client_type: String,
    pub active_members: Vec<OrganizationConnectedAppActiveMember>,
    pub status_code: u16,
    pub logo_url: Option<String>,
}

/// A B2B organization with its authentication and provisioning settings.
#[model]
pub struct Organization {
    pub organization_id: String,
    pub organization_name: String,
    pub organization_logo_url: String,
    pub organization_slug: String,
    pub sso_jit_provisioning: String,
    pub sso_jit_provisioning_allowed_connections: Vec<String>,
    pub sso_active_connections: Vec<ActiveSsoConnection>,
    pub email_allowed_domains: Vec<String>,
    pub email_jit_provisioning: String,
    pub email_invites: String,
    pub auth_methods: String,
    pub allowed_auth_methods: Vec<String>,
    pub mfa_policy: String,
    pub rbac_email_implicit_role_assignments: Vec<EmailImplicitRoleAssignment>,
    pub mfa_methods: String,
    pub allowed_mfa_methods: Vec<String>,
    pub oauth_tenant_jit_provisioning: String,
    pub claimed_email_domains: Vec<String>,
    pub first_party_connected_apps_allowed_type: String,
    pub allowed_first_party_connected_apps: Vec<String>,
    pub third_party_connected_apps_allowed_type: String,
    pub allowed_third_party_connected_apps: Vec<String>,
    pub custom_roles: Vec<PolicyRole>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub organization_external_id: Option<String>,
    pub sso_default_connection_id: Option<String>,
    pub scim_active_connection: Option<ActiveScimConnection>,
    pub allowed_oauth_tenants: Option<serde_json::Value>,
}

/// A member of an organization: identity, roles, MFA state and metadata.
#[model]
pub struct Member {
    pub organization_id: String,
    pub member_id: String,
    pub email_address: String,
    pub status: String,
    pub name: String,
    pub sso_registrations: Vec<SsoRegistration>,
    pub is_breakglass: bool,
    pub member_password_id: String,
    pub oauth_registrations: Vec<OAuthRegistration>,
    pub email_address_verified: bool,
    pub mfa_phone_number_verified: bool,
    pub is_admin: bool,
    pub totp_registration_id: String,
    pub retired_email_addresses: Vec<RetiredEmail>,
    pub is_locked: bool,
    pub mfa_enrolled: bool,
    pub mfa_phone_number: String,
    pub default_mfa_method: String,
    pub roles: Vec<MemberRole>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub scim_registration: Option<ScimRegistration>,
    pub external_id: Option<String>,
    pub lock_created_at: Option<Timestamp>,
    pub lock_expires_at: Option<Timestamp>,
}

/// The SCIM connection an organization has enabled.
#[model]
pub struct ActiveScimConnection {
    pub connection_id: String,
    pub display_name: String,
    pub bearer_token_last_four: String,
    pub bearer_token_expires_at: Option<Timestamp>,
}

/// An SSO connection an organization has enabled.
#[model]
pub struct ActiveSsoConnection {
    pub connection_id: String,
    pub display_name: String,
    pub identity_provider: String,
}

/// A role every member with an email at a domain receives.
#[model]
pub struct EmailImplicitRoleAssignment {
    pub domain: String,
    pub role_id: String,
}

/// A role a member holds, with where it came from.
#[model]
pub struct MemberRole {
    pub role_id: String,
    pub sources: Vec<MemberRoleSource>,
}

/// One reason a member holds a role (direct assignment, email domain, SSO or SCIM group).
#[model]
pub struct MemberRoleSource {
    pub r#type: String,
    pub details: Option<serde_json::Value>,
}

/// An OAuth identity linked to a member.
#[model]
pub struct OAuthRegistration {
    pub provider_type: String,
    pub provider_subject: String,
    pub member_oauth_registration_id: String,
    pub profile_picture_url: Option<String>,
    pub locale: Option<String>,
}

/// An email address a member used to have.
#[model]
pub struct RetiredEmail {
    pub email_id: String,
    pub email_address: String,
}

/// The SCIM identity a member was provisioned from.
#[model]
pub struct ScimRegistration {
    pub connection_id: String,
    pub registration_id: String,
    pub external_id: Option<String>,
    pub scim_attributes: Option<ScimAttributes>,
}

/// An SSO identity linked to a member.
#[model]
pub struct SsoRegistration {
    pub connection_id: String,
    pub external_id: String,
    pub registration_id: String,
    pub sso_attributes: Option<serde_json::Value>,
}

/// Which first- or third-party connected apps an organization lets its members use.
#[model]
pub enum ConnectedAppsAllowedType {
    #[stytch(rename = "ALL_ALLOWED")]
    AllAllowed,
    #[stytch(rename = "RESTRICTED")]
    Restricted,
    #[stytch(rename = "NOT_ALLOWED")]
    NotAllowed,
}

/// A connected app some member of the organization has authorized.
#[model]
pub struct OrganizationConnectedApp {
    pub connected_app_id: String,
    pub name: String,
    pub description: String,
    pub client_type: String,
    pub logo_url: Option<String>,
}

/// A member who authorized a connected app, with the scopes they granted.
#[model]
pub struct OrganizationConnectedAppActiveMember {
    pub member_id: String,
    pub granted_scopes: Vec<String>,
}
