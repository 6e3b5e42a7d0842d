//! `/v1/b2b/organizations/{organization_id}/members/*`: the members of an organization.

use crate::b2b::organizations::{Member, Organization};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Members of organizations.
    Members
}

/// Finds a member of an organization by member id or email address.
#[endpoint(GET, "/v1/b2b/organizations/{organization_id}/member")]
pub struct GetRequest {
    pub organization_id: String,
    pub member_id: Option<String>,
    pub email_address: Option<String>,
}

/// The member and their organization.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub status_code: u16,
}
