//! `/v1/fingerprint/*` on the telemetry host: device fingerprint lookups.

use crate::consumer::fraud::{Fingerprints, Metadata, Properties, Verdict};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Device fingerprint lookups.
    Fingerprint
}

/// Looks up the device behind a telemetry id collected in the browser or app.
#[endpoint(POST, "/v1/fingerprint/lookup", host = fraud)]
pub struct LookupRequest {
    /// The telemetry ID that Stytch's fingerprinting script produced in the browser.
    pub telemetry_id: String,
    /// Your own identifiers to attach to this telemetry ID, searchable in the dashboard.
    pub external_metadata: Option<Metadata>,
}

/// The device's fingerprints, the verdict on it and its observed properties.
#[model]
pub struct LookupResponse {
    pub request_id: String,
    pub telemetry_id: String,
    pub fingerprints: Fingerprints,
    pub verdict: Verdict,
    pub external_metadata: Metadata,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
    pub status_code: u16,
    pub properties: Option<Properties>,
    pub raw_signals: Option<serde_json::Value>,
}
