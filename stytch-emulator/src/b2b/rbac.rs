//! `GET /v1/b2b/rbac/policy`: a fixed default policy.
//!
//! Roles: `stytch_member` (every member; reads documents), `stytch_admin` (everything),
//! `editor` (reads and writes documents). Resources: `documents` (`read`, `write`,
//! `delete`) and `stytch.member` (`read`, `update`). One scope, `read:documents`.

use axum::Json;
use serde_json::{json, Value};

use crate::errors::ApiResult;
use crate::ids;

/// Role ids members can be given.
pub const ROLE_IDS: &[&str] = &["stytch_member", "stytch_admin", "editor"];

pub fn policy() -> Value {
    json!({
        "roles": [
            {
                "role_id": "stytch_member",
                "description": "Granted to every member of an organization.",
                "permissions": [{ "resource_id": "documents", "actions": ["read"] }],
            },
            {
                "role_id": "stytch_admin",
                "description": "Can do everything in the organization.",
                "permissions": [
                    { "resource_id": "documents", "actions": ["*"] },
                    { "resource_id": "stytch.member", "actions": ["*"] },
                ],
            },
            {
                "role_id": "editor",
                "description": "Reads and writes documents.",
                "permissions": [{ "resource_id": "documents", "actions": ["read", "write"] }],
            },
        ],
        "resources": [
            {
                "resource_id": "documents",
                "description": "Documents owned by the organization.",
                "actions": ["read", "write", "delete"],
            },
            {
                "resource_id": "stytch.member",
                "description": "Members of the organization.",
                "actions": ["read", "update"],
            },
        ],
        "scopes": [
            {
                "scope": "read:documents",
                "description": "Read the organization's documents.",
                "permissions": [{ "resource_id": "documents", "actions": ["read"] }],
            },
        ],
    })
}

/// `GET /v1/b2b/rbac/policy`
pub async fn get_policy() -> ApiResult {
    Ok(Json(
        json!({ "status_code": 200, "request_id": ids::request_id(), "policy": policy() }),
    ))
}
