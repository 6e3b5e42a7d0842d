//! `/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/*`: the tokens a
//! member's OAuth logins left behind, one endpoint per provider.

use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// A member's OAuth provider tokens.
    OAuthProviders
}

/// Fetches the Google tokens from a member's last Google login.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/google"
)]
pub struct GoogleRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Also return the stored refresh token; redeeming it yourself may break Stytch's refreshes.
    pub include_refresh_token: Option<bool>,
}

/// The member's Google identity and tokens.
#[model]
pub struct GoogleResponse {
    pub request_id: String,
    pub provider_type: String,
    pub provider_subject: String,
    pub id_token: String,
    pub scopes: Vec<String>,
    pub status_code: u16,
    pub access_token: Option<String>,
    pub access_token_expires_in: Option<i32>,
    pub refresh_token: Option<String>,
}

/// Fetches the Microsoft tokens from a member's last Microsoft login.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/microsoft"
)]
pub struct MicrosoftRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Also return the stored refresh token; redeeming it yourself may break Stytch's refreshes.
    pub include_refresh_token: Option<bool>,
}

/// The member's Microsoft identity and tokens.
#[model]
pub struct MicrosoftResponse {
    pub request_id: String,
    pub provider_type: String,
    pub provider_subject: String,
    pub access_token: String,
    pub access_token_expires_in: i32,
    pub id_token: String,
    pub scopes: Vec<String>,
    pub status_code: u16,
    pub refresh_token: Option<String>,
}

/// Fetches the Slack tokens from a member's Slack logins.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/slack"
)]
pub struct SlackRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
}

/// One entry per Slack workspace the member logged in through.
#[model]
pub struct SlackResponse {
    pub request_id: String,
    pub provider_type: String,
    pub registrations: Vec<SlackProviderInfo>,
    pub status_code: u16,
}

/// Fetches the HubSpot tokens from a member's HubSpot logins.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/hubspot"
)]
pub struct HubspotRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Also return the stored refresh token; redeeming it yourself may break Stytch's refreshes.
    pub include_refresh_token: Option<bool>,
}

/// One entry per HubSpot account the member logged in through.
#[model]
pub struct HubspotResponse {
    pub request_id: String,
    pub provider_type: String,
    pub registrations: Vec<HubspotProviderInfo>,
    pub status_code: u16,
}

/// Fetches the GitHub tokens from a member's GitHub logins.
#[endpoint(
    GET,
    "/v1/b2b/organizations/{organization_id}/members/{member_id}/oauth_providers/github"
)]
pub struct GithubRequest {
    /// The organization, by ID, slug or external ID.
    pub organization_id: String,
    /// The member, by ID or external ID.
    pub member_id: String,
    /// Also return the stored refresh token; redeeming it yourself may break Stytch's refreshes.
    pub include_refresh_token: Option<bool>,
}

/// One entry per GitHub login of the member.
#[model]
pub struct GithubResponse {
    pub request_id: String,
    pub provider_type: String,
    pub registrations: Vec<GithubProviderInfo>,
    pub status_code: u16,
}

/// A member's Slack user and workspace, with the user and bot tokens and their scopes.
#[model]
pub struct SlackProviderInfo {
    pub provider_subject: String,
    pub provider_tenant_id: String,
    pub access_token: String,
    pub scopes: Vec<String>,
    pub bot_access_token: String,
    pub bot_scopes: Vec<String>,
}

/// A member's HubSpot user and account, with the tokens from that login.
#[model]
pub struct HubspotProviderInfo {
    pub provider_subject: String,
    pub provider_tenant_id: String,
    pub access_token: String,
    pub access_token_expires_in: i32,
    pub scopes: Vec<String>,
    pub refresh_token: Option<String>,
}

/// A member's GitHub user and organizations, with the access token from that login.
#[model]
pub struct GithubProviderInfo {
    pub provider_subject: String,
    pub provider_tenant_ids: Vec<String>,
    pub access_token: String,
    pub scopes: Vec<String>,
}
