//! `/v1/m2m/clients/{client_id}/secrets/*`: rotating an M2M client secret without downtime.

use crate::consumer::m2m::{M2mClient, M2mClientWithNextClientSecret};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// M2M client secret rotation.
    Secrets
}

/// Completes a rotation: the new secret becomes the only valid one.
#[endpoint(POST, "/v1/m2m/clients/{client_id}/secrets/rotate")]
pub struct RotateRequest {
    pub client_id: String,
}

/// The client after the rotation.
#[model]
pub struct RotateResponse {
    pub request_id: String,
    pub m2m_client: M2mClient,
    pub status_code: u16,
}

/// Abandons a rotation, discarding the new secret.
#[endpoint(POST, "/v1/m2m/clients/{client_id}/secrets/rotate/cancel")]
pub struct RotateCancelRequest {
    pub client_id: String,
}

/// The client with only its original secret.
#[model]
pub struct RotateCancelResponse {
    pub request_id: String,
    pub m2m_client: M2mClient,
    pub status_code: u16,
}

/// Generates a second secret for an M2M client; both work until the rotation completes.
#[endpoint(POST, "/v1/m2m/clients/{client_id}/secrets/rotate/start")]
pub struct RotateStartRequest {
    pub client_id: String,
}

/// The client with the new secret in full.
#[model]
pub struct RotateStartResponse {
    pub request_id: String,
    pub m2m_client: M2mClientWithNextClientSecret,
    pub status_code: u16,
}
