//! `GET /v1/rbac/policy`: the project's consumer policy.

use serde_json::json;

use super::VERTICAL;
use crate::errors::ApiResult;
use crate::http::ok;

/// `GET /v1/rbac/policy`
pub async fn policy() -> ApiResult {
    ok(json!({ "policy": VERTICAL.policy_json() }))
}
