//! `/v1/connected_apps/clients/*`: registering and managing connected apps.

use crate::consumer::connected_app::{
    ClientType, ConnectedAppClient, ConnectedAppWithClientSecret,
};
use crate::models::ResultsMetadata;
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod secrets;

service! {
    /// Connected app client endpoints.
    Clients {
        secrets: secrets::Secrets,
    }
}

/// Registers a connected app.
#[endpoint(POST, "/v1/connected_apps/clients")]
pub struct CreateRequest {
    pub client_type: ClientType,
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    /// Redirect URIs the client may use in authorization requests.
    pub redirect_urls: Option<Vec<String>>,
    /// First-party clients only: tokens granted to it may be exchanged for a full session.
    pub full_access_allowed: Option<bool>,
    /// Lifetime of the client's access tokens in minutes; 60 when left out.
    pub access_token_expiry_minutes: Option<i32>,
    /// Audience (`aud`) to put in the client's access tokens.
    pub access_token_custom_audience: Option<String>,
    /// Custom-claims template for the client's access tokens: a JSON object, as text.
    pub access_token_template_content: Option<String>,
    /// Redirect URIs allowed after an OIDC logout.
    pub post_logout_redirect_urls: Option<Vec<String>>,
    pub logo_url: Option<String>,
    /// First-party clients only: no consent prompt for the `offline_access` scope.
    pub bypass_consent_for_offline_access: Option<bool>,
    pub id_token_template_content: Option<String>,
}

/// The new app, including its client secret when it has one; store it now.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppWithClientSecret,
    pub status_code: u16,
}

/// Deletes a connected app and revokes what it was granted.
#[endpoint(DELETE, "/v1/connected_apps/clients/{client_id}")]
pub struct DeleteRequest {
    pub client_id: String,
}

/// The id of the deleted app.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub client_id: String,
    pub status_code: u16,
}

/// Fetches a connected app by client id.
#[endpoint(GET, "/v1/connected_apps/clients/{client_id}")]
pub struct GetRequest {
    pub client_id: String,
}

/// The connected app.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppClient,
    pub status_code: u16,
}

/// Lists the connected apps of the project, a page at a time.
#[endpoint(POST, "/v1/connected_apps/clients/search")]
pub struct SearchRequest {
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
}

/// One page of connected apps and a cursor for the next.
#[model]
pub struct SearchResponse {
    pub request_id: String,
    pub connected_apps: Vec<ConnectedAppClient>,
    pub results_metadata: ResultsMetadata,
    pub status_code: u16,
}

/// Changes a connected app's settings.
#[endpoint(PUT, "/v1/connected_apps/clients/{client_id}")]
pub struct UpdateRequest {
    pub client_id: String,
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    /// Redirect URIs the client may use in authorization requests.
    pub redirect_urls: Option<Vec<String>>,
    /// First-party clients only: tokens granted to it may be exchanged for a full session.
    pub full_access_allowed: Option<bool>,
    /// Lifetime of the client's access tokens in minutes; 60 when left out.
    pub access_token_expiry_minutes: Option<i32>,
    /// Audience (`aud`) to put in the client's access tokens.
    pub access_token_custom_audience: Option<String>,
    /// Custom-claims template for the client's access tokens: a JSON object, as text.
    pub access_token_template_content: Option<String>,
    /// Redirect URIs allowed after an OIDC logout.
    pub post_logout_redirect_urls: Option<Vec<String>>,
    pub logo_url: Option<String>,
    /// First-party clients only: no consent prompt for the `offline_access` scope.
    pub bypass_consent_for_offline_access: Option<bool>,
    pub id_token_template_content: Option<String>,
}

/// The connected app after the update.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppClient,
    pub status_code: u16,
}
