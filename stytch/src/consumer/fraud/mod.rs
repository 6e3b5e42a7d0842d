//! Fraud and risk: device fingerprints, verdicts, rules and email risk (served from the telemetry host).

use crate::service::service;
use crate::Timestamp;
use stytch_macros::model;

pub mod email;
pub mod fingerprint;
pub mod rules;
pub mod verdict_reasons;

service! {
    /// Fraud and risk endpoints.
    Fraud {
        email: email::Email,
        fingerprint: fingerprint::Fingerprint,
        rules: rules::Rules,
        verdict_reasons: verdict_reasons::VerdictReasons,
    }
}

/// The identifiers derived from a device: visitor, browser, hardware and network fingerprints.
#[model]
pub struct Fingerprints {
    pub network_fingerprint: String,
    pub hardware_fingerprint: String,
    pub browser_fingerprint: String,
    pub visitor_fingerprint: String,
    pub visitor_id: Option<String>,
    pub browser_id: Option<String>,
}

/// What to do with a device (allow, challenge or block) and why.
#[model]
pub struct Verdict {
    pub action: VerdictAction,
    pub reasons: Vec<String>,
    pub detected_device_type: String,
    pub is_authentic_device: bool,
    pub verdict_reason_overrides: Vec<VerdictReasonOverride>,
    pub rule_match_type: Option<RuleType>,
    pub rule_match_identifier: Option<String>,
}

/// A verdict reason whose action the project has overridden.
#[model]
pub struct VerdictReasonOverride {
    pub verdict_reason: String,
    pub override_action: VerdictAction,
}

/// Your own identifiers attached to a fingerprint lookup.
#[model]
pub struct Metadata {
    pub external_id: Option<String>,
    pub organization_id: Option<String>,
    pub user_action: Option<String>,
}

/// Observed network and browser properties of a device.
#[model]
pub struct Properties {
    pub network_properties: NetworkProperties,
    pub browser_properties: BrowserProperties,
}

/// The network a device connected from.
#[model]
pub struct NetworkProperties {
    pub ip_address: String,
    pub asn: AsnProperties,
    pub ip_geolocation: IpGeoProperties,
    pub is_proxy: bool,
    pub is_vpn: bool,
}

/// The autonomous system an IP address belongs to.
#[model]
pub struct AsnProperties {
    pub asn: String,
    pub name: String,
    pub network: String,
}

/// Where an IP address is located.
#[model]
pub struct IpGeoProperties {
    pub city: String,
    pub region: String,
    pub country: String,
}

/// The browser a device reported.
#[model]
pub struct BrowserProperties {
    pub user_agent: String,
}

/// A rule forcing an action for a device, network or location identifier.
#[model]
pub struct Rule {
    pub rule_type: RuleType,
    pub action: RuleAction,
    pub created_at: Timestamp,
    pub visitor_id: Option<String>,
    pub browser_id: Option<String>,
    pub visitor_fingerprint: Option<String>,
    pub browser_fingerprint: Option<String>,
    pub hardware_fingerprint: Option<String>,
    pub network_fingerprint: Option<String>,
    pub cidr_block: Option<String>,
    pub country_code: Option<String>,
    pub asn: Option<String>,
    pub description: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub last_updated_at: Option<Timestamp>,
}

/// The action a verdict reason leads to by default, and any override.
#[model]
pub struct VerdictReasonAction {
    pub verdict_reason: String,
    pub default_action: VerdictAction,
    pub override_action: Option<VerdictAction>,
    pub override_created_at: Option<Timestamp>,
    pub override_description: Option<String>,
}

/// What the email risk check found about the address itself.
#[model]
pub struct AddressInformation {
    pub has_known_bounces: bool,
    pub has_valid_syntax: bool,
    pub is_suspected_role_address: bool,
    pub normalized_email: String,
    pub tumbling_character_count: i32,
}

/// What the email risk check found about the address's domain.
#[model]
pub struct DomainInformation {
    pub has_mx_or_a_record: bool,
    pub is_disposable_domain: bool,
}

/// An action a verdict recommends.
#[model]
pub enum VerdictAction {
    #[stytch(rename = "ALLOW")]
    Allow,
    #[stytch(rename = "CHALLENGE")]
    Challenge,
    #[stytch(rename = "BLOCK")]
    Block,
}

/// The action a rule or override forces; `None` removes it.
#[model]
pub enum RuleAction {
    #[stytch(rename = "ALLOW")]
    Allow,
    #[stytch(rename = "CHALLENGE")]
    Challenge,
    #[stytch(rename = "BLOCK")]
    Block,
    #[stytch(rename = "NONE")]
    None,
}

/// Which identifier a rule matches on.
#[model]
pub enum RuleType {
    #[stytch(rename = "VISITOR_ID")]
    VisitorId,
    #[stytch(rename = "BROWSER_ID")]
    BrowserId,
    #[stytch(rename = "VISITOR_FINGERPRINT")]
    VisitorFingerprint,
    #[stytch(rename = "BROWSER_FINGERPRINT")]
    BrowserFingerprint,
    #[stytch(rename = "HARDWARE_FINGERPRINT")]
    HardwareFingerprint,
    #[stytch(rename = "NETWORK_FINGERPRINT")]
    NetworkFingerprint,
    #[stytch(rename = "CIDR_BLOCK")]
    CidrBlock,
    #[stytch(rename = "ASN")]
    Asn,
    #[stytch(rename = "COUNTRY_CODE")]
    CountryCode,
}
