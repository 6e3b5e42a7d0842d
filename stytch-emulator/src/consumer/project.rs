//! `GET /v1/projects/metrics`: how many users, organizations, members and M2M clients the
//! project has.

use axum::extract::State;
use serde_json::json;

use crate::app::Shared;
use crate::errors::ApiResult;
use crate::http::ok;

/// `GET /v1/projects/metrics`
pub async fn metrics(State(app): State<Shared>) -> ApiResult {
    let data = app.store.lock();
    let members = data
        .members
        .values()
        .filter(|m| m.status != "deleted")
        .count();
    let counts = [
        ("USER_COUNT", data.users.len()),
        ("ORGANIZATION_COUNT", data.organizations.len()),
        ("MEMBER_COUNT", members),
        ("M2M_CLIENT_COUNT", data.m2m_clients.len()),
    ];
    ok(json!({
        "project_id": app.project_id,
        "metrics": counts
            .iter()
            .map(|(kind, count)| json!({ "metric_type": kind, "count": count }))
            .collect::<Vec<_>>(),
    }))
}
