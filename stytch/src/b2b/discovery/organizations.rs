//! `/v1/b2b/discovery/organizations/*`: listing and creating organizations during discovery.

use crate::b2b::discovery::DiscoveredOrganization;
use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{
    ConnectedAppsAllowedType, EmailImplicitRoleAssignment, Member, Organization,
};
use crate::b2b::sessions::{MemberSession, PrimaryRequired};
use crate::models::DeviceInfo;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Organizations reachable from a discovery login.
    Organizations
}

/// Creates an organization with the discovered email as its first member, and logs them in.
#[endpoint(POST, "/v1/b2b/discovery/organizations/create")]
pub struct CreateRequest {
    /// Intermediate session token from a discovery login (valid 10 minutes).
    pub intermediate_session_token: String,
    /// Session lifetime in minutes (5 to 527040); Stytch uses 60 when left out.
    pub session_duration_minutes: Option<i32>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// The new organization's name; made from the email's domain or name part when left out.
    pub organization_name: Option<String>,
    /// URL slug (2+ letters, digits or `-._~`); made from the email like the name when left out.
    pub organization_slug: Option<String>,
    /// Your own ID for the organization, unique in the project, accepted wherever its ID is.
    pub organization_external_id: Option<String>,
    pub organization_logo_url: Option<String>,
    /// Your own JSON data on the organization; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
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
    /// First-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub first_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the first-party policy is `RESTRICTED`.
    pub allowed_first_party_connected_apps: Option<Vec<String>>,
    /// Third-party connected apps allowed: `ALL_ALLOWED` (default), `RESTRICTED` or `NOT_ALLOWED`.
    pub third_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    /// Connected app IDs members may use when the third-party policy is `RESTRICTED`.
    pub allowed_third_party_connected_apps: Option<Vec<String>>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the member.
    pub telemetry_id: Option<String>,
}

/// The new organization and its first member, with either a session or what is still needed.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub member_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub member: Member,
    pub organization: Organization,
    pub member_authenticated: bool,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub primary_required: Option<PrimaryRequired>,
    pub member_device: Option<DeviceInfo>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}

/// Lists the organizations the holder of an intermediate session or member session can enter.
#[endpoint(POST, "/v1/b2b/discovery/organizations")]
pub struct ListRequest {
    /// Lists organizations open to this intermediate session's email; send only one credential.
    pub intermediate_session_token: Option<String>,
    /// Lists organizations of this member session's email; send only one credential.
    pub session_token: Option<String>,
    /// Lists organizations of this session JWT's email; send only one credential.
    pub session_jwt: Option<String>,
}

/// The email address behind the token and the organizations it can enter.
#[model]
pub struct ListResponse {
    pub request_id: String,
    pub email_address: String,
    pub discovered_organizations: Vec<DiscoveredOrganization>,
    pub status_code: u16,
    pub organization_id_hint: Option<String>,
}
