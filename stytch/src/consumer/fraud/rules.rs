//! `/v1/rules/*` on the telemetry host: rules that force a verdict.

use crate::consumer::fraud::{Rule, RuleAction};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Fraud rules.
    Rules
}

/// Lists the fraud rules of the project, a page at a time.
#[endpoint(POST, "/v1/rules/list", host = fraud)]
pub struct ListRequest {
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 10 when left out, at most 100.
    pub limit: Option<i32>,
}

/// One page of rules and the cursor for the next.
#[model]
pub struct ListResponse {
    pub request_id: String,
    pub next_cursor: String,
    pub rules: Vec<Rule>,
    pub status_code: u16,
}

/// Creates, replaces or (with action `NONE`) removes the rule for one identifier.
#[endpoint(POST, "/v1/rules/set", host = fraud)]
pub struct SetRequest {
    /// What lookups matching the rule return; `NONE` clears it (`ALLOW` is refused for countries).
    pub action: RuleAction,
    /// Visitor ID to apply the rule to (one identifier per rule).
    pub visitor_id: Option<String>,
    /// Browser ID to apply the rule to (one identifier per rule).
    pub browser_id: Option<String>,
    /// Visitor fingerprint to apply the rule to (one identifier per rule).
    pub visitor_fingerprint: Option<String>,
    /// Browser fingerprint to apply the rule to (one identifier per rule).
    pub browser_fingerprint: Option<String>,
    /// Hardware fingerprint to apply the rule to (one identifier per rule).
    pub hardware_fingerprint: Option<String>,
    /// Network fingerprint to apply the rule to (one identifier per rule).
    pub network_fingerprint: Option<String>,
    /// Minutes until the rule lapses; left out, it stays.
    pub expires_in_minutes: Option<i32>,
    pub description: Option<String>,
    /// IP address or CIDR block (prefix 16 to 32) to apply the rule to (one identifier per rule).
    pub cidr_block: Option<String>,
    /// ISO 3166-1 alpha-2 country to apply the rule to (one identifier per rule).
    pub country_code: Option<String>,
    /// Autonomous system number (a decimal string) to apply the rule to (one identifier per rule).
    pub asn: Option<String>,
}

/// The rule as now stored.
#[model]
pub struct SetResponse {
    pub request_id: String,
    pub action: RuleAction,
    pub status_code: u16,
    pub visitor_id: Option<String>,
    pub browser_id: Option<String>,
    pub visitor_fingerprint: Option<String>,
    pub browser_fingerprint: Option<String>,
    pub hardware_fingerprint: Option<String>,
    pub network_fingerprint: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub cidr_block: Option<String>,
    pub country_code: Option<String>,
    pub asn: Option<String>,
}
