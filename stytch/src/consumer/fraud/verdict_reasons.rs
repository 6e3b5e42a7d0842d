//! `/v1/verdict_reasons/*` on the telemetry host: the reasons behind verdicts and their actions.

use crate::consumer::fraud::{RuleAction, VerdictReasonAction};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Verdict reasons and their overrides.
    VerdictReasons
}

/// Lists the verdict reasons with their default and overridden actions.
#[endpoint(POST, "/v1/verdict_reasons/list", host = fraud)]
pub struct ListRequest {
    /// Only list reasons that have an override; default `false`.
    pub overrides_only: Option<bool>,
}

/// Every verdict reason and the action it leads to.
#[model]
pub struct ListResponse {
    pub request_id: String,
    pub verdict_reason_actions: Vec<VerdictReasonAction>,
    pub status_code: u16,
}

/// Changes the action a verdict reason leads to.
#[endpoint(POST, "/v1/verdict_reasons/override", name = r#override, host = fraud)]
pub struct OverrideRequest {
    /// The verdict reason to override (any but `RULE_MATCH`).
    pub verdict_reason: String,
    /// The action to return for that reason: `ALLOW`, `BLOCK` or `CHALLENGE`.
    pub override_action: RuleAction,
    pub override_description: Option<String>,
}

/// The verdict reason with its new action.
#[model]
pub struct OverrideResponse {
    pub request_id: String,
    pub verdict_reason_action: VerdictReasonAction,
    pub status_code: u16,
}
