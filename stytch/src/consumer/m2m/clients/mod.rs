//! `/v1/m2m/clients/*`: creating, finding, changing and deleting M2M clients.

use crate::consumer::m2m::{M2mClient, M2mClientStatus, M2mClientWithClientSecret};
use crate::models::ResultsMetadata;
use crate::models::SearchQuery;
use crate::service::service;
use stytch_macros::{endpoint, model};

pub mod secrets;

service! {
    /// M2M client endpoints.
    Clients {
        secrets: secrets::Secrets,
    }
}

/// Creates an M2M client with the given scopes.
#[endpoint(POST, "/v1/m2m/clients")]
pub struct CreateRequest {
    /// Scopes the client may be granted.
    pub scopes: Vec<String>,
    /// Your chosen client ID, unique in the project; Stytch makes one up when left out.
    pub client_id: Option<String>,
    /// Your chosen secret (8+ characters, enough entropy); Stytch makes one up when left out.
    pub client_secret: Option<String>,
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    /// Your own JSON data on the client.
    pub trusted_metadata: Option<serde_json::Value>,
}

/// The new client, including its secret; store it now, it is not shown again.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub m2m_client: M2mClientWithClientSecret,
    pub status_code: u16,
}

/// Deletes an M2M client; its tokens stop working once they expire.
#[endpoint(DELETE, "/v1/m2m/clients/{client_id}")]
pub struct DeleteRequest {
    pub client_id: String,
}

/// The id of the deleted client.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub client_id: String,
    pub status_code: u16,
}

/// Fetches an M2M client by id.
#[endpoint(GET, "/v1/m2m/clients/{client_id}")]
pub struct GetRequest {
    pub client_id: String,
}

/// The M2M client.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub m2m_client: M2mClient,
    pub status_code: u16,
}

/// Searches the M2M clients of the project, a page at a time.
#[endpoint(POST, "/v1/m2m/clients/search")]
pub struct SearchRequest {
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
    /// Filters joined by `AND` or `OR`; left out, everything matches.
    pub query: Option<SearchQuery>,
}

/// One page of matching M2M clients and a cursor for the next.
#[model]
pub struct SearchResponse {
    pub request_id: String,
    pub m2m_clients: Vec<M2mClient>,
    pub results_metadata: ResultsMetadata,
    pub status_code: u16,
}

/// Changes an M2M client's name, description, status, scopes or metadata.
#[endpoint(PUT, "/v1/m2m/clients/{client_id}")]
pub struct UpdateRequest {
    pub client_id: String,
    pub client_name: Option<String>,
    pub client_description: Option<String>,
    pub status: Option<M2mClientStatus>,
    /// Scopes the client may be granted.
    pub scopes: Option<Vec<String>>,
    /// Your own JSON data on the client.
    pub trusted_metadata: Option<serde_json::Value>,
}

/// The M2M client after the update.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub m2m_client: M2mClient,
    pub status_code: u16,
}
