//! `/v1/b2b/organizations/{organization_id}/members/*`: the members of an organization.

use crate::b2b::organizations::{Member, Organization};
use crate::models::{AuthorizedConnectedApp, Locale, ResultsMetadata, SearchQuery};
use crate::service::service;
use std::collections::HashMap;
use stytch_macros::{endpoint, model};

pub mod connected_apps;
pub mod oauth_providers;

service! {
    /// Members of organizations.
    Members {
        oauth_providers: oauth_providers::OAuthProviders,
        connected_apps: connected_apps::ConnectedApps,
    }
}

/// Adds a member to an organization.
#[endpoint(POST, "/v1/b2b/organizations/{organization_id}/members")]
pub struct CreateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub name: Option<String>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub create_member_as_pending: Option<bool>,
    pub is_breakglass: Option<bool>,
    pub mfa_phone_number: Option<String>,
    pub mfa_enrolled: Option<bool>,
    pub roles: Option<Vec<String>>,
    pub external_id: Option<String>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The new member and their organization.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Finds a member of an organization by member id or email address.
#[endpoint(GET, "/v1/b2b/organizations/{organization_id}/member")]
pub struct GetRequest {
    pub organization_id: String,
    pub member_id: Option<String>,
    pub email_address: Option<String>,
}

/// The member and their organization.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Fetches a member by id alone, without knowing the organization; can include deleted members.
#[endpoint(
    GET,
    "/v1/b2b/organizations/members/dangerously_get/{member_id}",
    response = GetResponse
)]
pub struct DangerouslyGetRequest {
    pub member_id: String,
    pub include_deleted: Option<bool>,
}

/// Changes a member's profile, roles or MFA settings; fields left unset keep their value.
#[endpoint(PUT, "/v1/b2b/organizations/{organization_id}/members/{member_id}")]
pub struct UpdateRequest {
    pub organization_id: String,
    pub member_id: String,
    pub name: Option<String>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub is_breakglass: Option<bool>,
    pub mfa_phone_number: Option<String>,
    pub mfa_enrolled: Option<bool>,
    pub roles: Option<Vec<String>>,
    pub preserve_existing_sessions: Option<bool>,
    pub default_mfa_method: Option<String>,
    pub email_address: Option<String>,
    pub external_id: Option<String>,
    pub unlink_email: Option<bool>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member after the change.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Deletes a member from an organization.
#[endpoint(DELETE, "/v1/b2b/organizations/{organization_id}/members/{member_id}")]
pub struct DeleteRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The id of the deleted member.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub member_id: String,
    pub status_code: u16,
}

/// Brings back a deleted member.
#[endpoint(
    PUT,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate"
)]
pub struct ReactivateRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The reactivated member.
#[model]
pub struct ReactivateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Removes a member's MFA phone number.
#[endpoint(
    DELETE,
    "/v1/b2b/organizations/{organization_id}/members/mfa_phone_numbers/{member_id}"
)]
pub struct DeleteMfaPhoneNumberRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member without the phone number.
#[model]
pub struct DeleteMfaPhoneNumberResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Removes a member's TOTP registration.
#[endpoint(
    DELETE,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/totp"
)]
pub struct DeleteTotpRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member without the TOTP registration.
#[model]
pub struct DeleteTotpResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Finds members of one or more organizations matching a query, a page at a time.
#[endpoint(POST, "/v1/b2b/organizations/members/search")]
pub struct SearchRequest {
    pub organization_ids: Vec<String>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
    pub query: Option<SearchQuery>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// One page of matching members, with their organizations keyed by organization id.
#[model]
pub struct SearchResponse {
    pub request_id: String,
    pub members: Vec<Member>,
    pub results_metadata: ResultsMetadata,
    pub organizations: HashMap<String, Organization>,
    pub status_code: u16,
}

/// Removes a member's password.
#[endpoint(
    DELETE,
    "/v1/b2b/organizations/{organization_id}/members/passwords/{member_password_id}"
)]
pub struct DeletePasswordRequest {
    pub organization_id: String,
    pub member_password_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member without the password.
#[model]
pub struct DeletePasswordResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Clears a member's external id.
#[endpoint(
    DELETE,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/external_id"
)]
pub struct DeleteExternalIdRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member without the external id.
#[model]
pub struct DeleteExternalIdResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Detaches a retired email address from a member, by email id or address.
#[endpoint(
    POST,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/unlink_retired_email"
)]
pub struct UnlinkRetiredEmailRequest {
    pub organization_id: String,
    pub member_id: String,
    pub email_id: Option<String>,
    pub email_address: Option<String>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member without the retired address.
#[model]
pub struct UnlinkRetiredEmailResponse {
    pub request_id: String,
    pub member_id: String,
    pub organization_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Starts moving a member to a new email address; it takes effect once they verify it.
#[endpoint(
    POST,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/start_email_update"
)]
pub struct StartEmailUpdateRequest {
    pub organization_id: String,
    pub member_id: String,
    pub email_address: String,
    pub login_redirect_url: Option<String>,
    pub locale: Option<Locale>,
    pub login_template_id: Option<String>,
    pub delivery_method: Option<EmailUpdateDeliveryMethod>,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member whose address change is pending.
#[model]
pub struct StartEmailUpdateResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}

/// Lists the connected apps a member has authorized.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/connected_apps"
)]
pub struct GetConnectedAppsRequest {
    pub organization_id: String,
    pub member_id: String,
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    #[stytch(header = "X-Stytch-Member-SessionJWT")]
    pub member_session_jwt: Option<String>,
}

/// The member's connected apps.
#[model]
pub struct GetConnectedAppsResponse {
    pub request_id: String,
    pub connected_apps: Vec<AuthorizedConnectedApp>,
    pub status_code: u16,
}

/// Fetches the tokens a member's OIDC SSO logins left behind.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oidc_providers"
)]
pub struct OidcProvidersRequest {
    pub organization_id: String,
    pub member_id: String,
    pub include_refresh_token: Option<bool>,
}

/// One entry per OIDC connection the member has logged in with.
#[model]
pub struct OidcProvidersResponse {
    pub request_id: String,
    pub registrations: Vec<OidcProviderInfo>,
    pub status_code: u16,
}

/// How the link to confirm a new email address is delivered.
#[model]
pub enum EmailUpdateDeliveryMethod {
    #[stytch(rename = "EMAIL_MAGIC_LINK")]
    EmailMagicLink,
    #[stytch(rename = "EMAIL_OTP")]
    EmailOtp,
}

/// Tokens from a member's login through one OIDC connection.
#[model]
pub struct OidcProviderInfo {
    pub provider_subject: String,
    pub id_token: String,
    pub access_token: String,
    pub access_token_expires_in: i32,
    pub scopes: Vec<String>,
    pub connection_id: String,
    pub refresh_token: Option<String>,
}
