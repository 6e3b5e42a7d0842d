//! `/v1/connected_apps/clients/{client_id}/secrets/*`: rotating a connected app secret without downtime.

use crate::consumer::connected_app::{ConnectedAppClient, ConnectedAppWithNextClientSecret};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Connected app secret rotation.
    Secrets
}

/// Completes a rotation: the new secret becomes the only valid one.
#[endpoint(POST, "/v1/connected_apps/clients/{client_id}/secrets/rotate")]
pub struct RotateRequest {
    pub client_id: String,
}

/// The app after the rotation.
#[model]
pub struct RotateResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppClient,
    pub status_code: u16,
}

/// Abandons a rotation, discarding the new secret.
#[endpoint(POST, "/v1/connected_apps/clients/{client_id}/secrets/rotate/cancel")]
pub struct RotateCancelRequest {
    pub client_id: String,
}

/// The app with only its original secret.
#[model]
pub struct RotateCancelResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppClient,
    pub status_code: u16,
}

/// Generates a second secret for a connected app; both work until the rotation completes.
#[endpoint(POST, "/v1/connected_apps/clients/{client_id}/secrets/rotate/start")]
pub struct RotateStartRequest {
    pub client_id: String,
}

/// The app with the new secret in full.
#[model]
pub struct RotateStartResponse {
    pub request_id: String,
    pub connected_app: ConnectedAppWithNextClientSecret,
    pub status_code: u16,
}
