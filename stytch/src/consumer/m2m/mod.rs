//! `/v1/m2m/*`: machine-to-machine clients and their credentials.

use crate::service::service;
use stytch_macros::model;

pub mod clients;
// The token provider sends through a consumer client.
#[cfg(feature = "consumer")]
mod provider;
mod token;

#[cfg(feature = "consumer")]
pub use provider::{M2mToken, M2mTokenProvider, M2mTokenProviderBuilder, DEFAULT_REFRESH_MARGIN};
pub use token::{TokenRequest, TokenResponse, CLIENT_CREDENTIALS};

service! {
    /// Machine-to-machine (M2M) endpoints.
    M2m {
        clients: clients::Clients,
    }
}

/// A machine-to-machine client: its id, scopes and status; the secret shows only its last four characters.
#[model]
pub struct M2mClient {
    pub client_id: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub scopes: Vec<String>,
    pub client_secret_last_four: String,
    pub trusted_metadata: Option<serde_json::Value>,
    pub next_client_secret_last_four: Option<String>,
}

/// An M2M client as first created, with its full secret (shown this once).
#[model]
pub struct M2mClientWithClientSecret {
    pub client_id: String,
    pub client_secret: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub scopes: Vec<String>,
    pub client_secret_last_four: String,
    pub trusted_metadata: Option<serde_json::Value>,
    pub next_client_secret_last_four: Option<String>,
}

/// An M2M client mid-rotation, with the full secret that will replace the current one.
#[model]
pub struct M2mClientWithNextClientSecret {
    pub client_id: String,
    pub next_client_secret: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub scopes: Vec<String>,
    pub client_secret_last_four: String,
    pub trusted_metadata: Option<serde_json::Value>,
    pub next_client_secret_last_four: Option<String>,
}

/// Whether an M2M client may obtain tokens.
#[model]
pub enum M2mClientStatus {
    Active,
    Inactive,
}
