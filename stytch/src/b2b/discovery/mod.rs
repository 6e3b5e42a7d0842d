//! `/v1/b2b/discovery/*`: choosing or creating an organization after a discovery login.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::PrimaryRequired;
use crate::service::service;
use stytch_macros::model;

pub mod intermediate_sessions;
pub mod organizations;

service! {
    /// Discovery: from an intermediate session to a member session in one organization.
    Discovery {
        intermediate_sessions: intermediate_sessions::IntermediateSessions,
        organizations: organizations::Organizations,
    }
}

/// An organization a discovery login could enter, and what entering it would take.
#[model]
pub struct DiscoveredOrganization {
    /// Whether exchanging into this organization gives a full session right away.
    pub member_authenticated: bool,
    pub organization: Option<Organization>,
    pub membership: Option<Membership>,
    pub primary_required: Option<PrimaryRequired>,
    pub mfa_required: Option<MfaRequired>,
}

/// How the discovered email relates to an organization.
#[model]
pub struct Membership {
    /// For example `active_member`, `pending_member`, `invited_member` or
    /// `eligible_to_join_by_email_domain`.
    pub r#type: String,
    pub details: Option<serde_json::Value>,
    pub member: Option<Member>,
}
