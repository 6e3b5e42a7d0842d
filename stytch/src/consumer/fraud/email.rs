//! `/v1/email/*` on the telemetry host: email address risk.

use crate::consumer::fraud::{AddressInformation, DomainInformation, VerdictAction};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Email risk checks.
    Email
}

/// Scores how risky an email address is to accept.
#[endpoint(POST, "/v1/email/risk", host = fraud)]
pub struct RiskRequest {
    pub email_address: String,
}

/// The recommended action, the risk score and the findings behind them.
#[model]
pub struct RiskResponse {
    pub request_id: String,
    pub address_information: AddressInformation,
    pub domain_information: DomainInformation,
    pub action: VerdictAction,
    pub risk_score: i32,
    pub status_code: u16,
}
