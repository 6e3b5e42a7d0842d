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
    pub intermediate_session_token: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub organization_name: Option<String>,
    pub organization_slug: Option<String>,
    pub organization_external_id: Option<String>,
    pub organization_logo_url: Option<String>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub sso_jit_provisioning: Option<String>,
    pub email_allowed_domains: Option<Vec<String>>,
    pub email_jit_provisioning: Option<String>,
    pub email_invites: Option<String>,
    pub auth_methods: Option<String>,
    pub allowed_auth_methods: Option<Vec<String>>,
    pub mfa_policy: Option<String>,
    pub rbac_email_implicit_role_assignments: Option<Vec<EmailImplicitRoleAssignment>>,
    pub mfa_methods: Option<String>,
    pub allowed_mfa_methods: Option<Vec<String>>,
    pub oauth_tenant_jit_provisioning: Option<String>,
    pub allowed_oauth_tenants: Option<serde_json::Value>,
    pub first_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    pub allowed_first_party_connected_apps: Option<Vec<String>>,
    pub third_party_connected_apps_allowed_type: Option<ConnectedAppsAllowedType>,
    pub allowed_third_party_connected_apps: Option<Vec<String>>,
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
    pub intermediate_session_token: Option<String>,
    pub session_token: Option<String>,
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
