//! `/v1/debug/*`: checking the credentials the client uses.

use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Endpoints for checking the client's setup, such as which project its credentials belong to.
    DebugTools
}

/// Says which project the credentials belong to.
#[endpoint(GET, "/v1/debug/whoami")]
pub struct WhoamiRequest {}

/// The project behind the credentials.
#[model]
pub struct WhoamiResponse {
    pub request_id: String,
    pub project_id: String,
    pub name: String,
    pub status_code: u16,
}
