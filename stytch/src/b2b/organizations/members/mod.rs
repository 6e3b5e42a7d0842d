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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub email_address: String,
    pub name: Option<String>,
    /// Your own JSON data on the member; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the member; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Creates the member as `pending` (getting sign-up emails until first login); default `false`.
    pub create_member_as_pending: Option<bool>,
    /// Lets the member bypass the organization's authentication-method rules, for emergency access.
    pub is_breakglass: Option<bool>,
    /// The member's phone number for SMS MFA, in E.164 form (`+` and digits); one per member.
    pub mfa_phone_number: Option<String>,
    /// Whether the member always has to do MFA (otherwise only when the organization requires it).
    pub mfa_enrolled: Option<bool>,
    /// Role IDs to assign to the member explicitly.
    pub roles: Option<Vec<String>>,
    /// Your own ID for the member, unique in its organization, accepted wherever a member ID is.
    pub external_id: Option<String>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID; or find them by `email_address`.
    pub member_id: Option<String>,
    /// Finds the member by email address instead of `member_id`.
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
    /// Also find the member if they were deleted; default `false`.
    pub include_deleted: Option<bool>,
}

/// Changes a member's profile, roles or MFA settings; fields left unset keep their value.
#[endpoint(PUT, "/v1/b2b/organizations/{organization_id}/members/{member_id}")]
pub struct UpdateRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    pub name: Option<String>,
    /// Your own JSON data on the member; refused when a member session header is sent.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the member; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Lets the member bypass the organization's authentication-method rules, for emergency access.
    pub is_breakglass: Option<bool>,
    /// Sets the member's MFA phone number (E.164); fails if they already have one.
    pub mfa_phone_number: Option<String>,
    /// Whether the member always has to do MFA (otherwise only when the organization requires it).
    pub mfa_enrolled: Option<bool>,
    /// Role IDs to assign explicitly, replacing the member's current explicit roles.
    pub roles: Option<Vec<String>>,
    /// Keeps SSO sessions when a removed role still comes from SSO; `false` (default) revokes them.
    pub preserve_existing_sessions: Option<bool>,
    /// The MFA method used when the member has several: `sms_otp` or `totp`.
    pub default_mfa_method: Option<String>,
    /// New email address for the member; it clears their passwords and must be verified again.
    pub email_address: Option<String>,
    /// Your own ID for the member, unique in its organization, accepted wherever a member ID is.
    pub external_id: Option<String>,
    /// With a new `email_address`, deletes the old address instead of retiring it; default `false`.
    pub unlink_email: Option<bool>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub member_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// Organizations to search in; at least one.
    pub organization_ids: Vec<String>,
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
    /// Filters joined by `AND` or `OR`; left out, everything matches.
    pub query: Option<SearchQuery>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    pub member_password_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// ID of the retired email to unlink; or give `email_address`.
    pub email_id: Option<String>,
    /// The retired email address to unlink; or give `email_id`.
    pub email_address: Option<String>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// The new address, which replaces the old one once verified.
    pub email_address: String,
    /// Page the verification link opens to authenticate its token; dashboard login URL if unset.
    pub login_redirect_url: Option<String>,
    /// Language of the email; English when left out.
    pub locale: Option<Locale>,
    /// Custom “Magic Links - Login” template ID for the verification email; default if unset.
    pub login_template_id: Option<String>,
    /// How the new address is verified; `EMAIL_MAGIC_LINK` when left out.
    pub delivery_method: Option<EmailUpdateDeliveryMethod>,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Runs the call with this member session's permissions (header `X-Stytch-Member-Session`).
    #[stytch(header = "X-Stytch-Member-Session")]
    pub member_session_token: Option<String>,
    /// Runs the call with this session JWT's permissions (header `X-Stytch-Member-SessionJWT`).
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
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Also return the stored refresh token; redeeming it yourself may break Stytch's refreshes.
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
