//! `/v1/projects/*`: facts about the project itself.

use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// Project endpoints.
    Project
}

/// Fetches counts of what the project holds (users, organizations, members, M2M clients).
#[endpoint(GET, "/v1/projects/metrics")]
pub struct MetricsRequest {}

/// The project's metrics.
#[model]
pub struct MetricsResponse {
    pub request_id: String,
    pub project_id: String,
    pub metrics: Vec<ProjectMetric>,
    pub status_code: u16,
}

/// One count about the project.
#[model]
pub struct ProjectMetric {
    pub metric_type: MetricType,
    pub count: u32,
}

/// What a project metric counts.
#[model]
pub enum MetricType {
    #[stytch(rename = "UNKNOWN")]
    Unspecified,
    #[stytch(rename = "USER_COUNT")]
    UserCount,
    #[stytch(rename = "ORGANIZATION_COUNT")]
    OrganizationCount,
    #[stytch(rename = "MEMBER_COUNT")]
    MemberCount,
    #[stytch(rename = "M2M_CLIENT_COUNT")]
    M2mClientCount,
}
