//! The RBAC policies (fixed per vertical, plus each organization's own roles) and the
//! authorization checks `sessions/authenticate` runs.
//!
//! Consumer roles: `stytch_user` (every user; reads documents), `stytch_admin` (everything),
//! `editor` (reads and writes documents). B2B roles: `stytch_member` (every member; reads
//! documents), `stytch_admin` (everything), `editor` (reads and writes documents).
//! Resources: `documents` (`read`, `write`, `delete`) and `stytch.user` or `stytch.member`
//! (`read`, `update`). One scope, `read:documents`.

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::render;
use crate::state::{Permission, Role};

/// Which vertical's policy.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Vertical {
    Consumer,
    B2b,
}

fn permission(resource_id: &str, actions: &[&str]) -> Permission {
    Permission {
        resource_id: resource_id.to_string(),
        actions: actions.iter().map(|a| a.to_string()).collect(),
    }
}

fn role(role_id: &str, description: &str, permissions: Vec<Permission>) -> Role {
    Role {
        role_id: role_id.to_string(),
        description: description.to_string(),
        permissions,
    }
}

impl Vertical {
    /// The role every account holds.
    pub fn default_role(self) -> &'static str {
        match self {
            Vertical::Consumer => "stytch_user",
            Vertical::B2b => "stytch_member",
        }
    }

    fn account_resource(self) -> &'static str {
        match self {
            Vertical::Consumer => "stytch.user",
            Vertical::B2b => "stytch.member",
        }
    }

    /// The project's roles.
    pub fn roles(self) -> Vec<Role> {
        vec![
            role(
                self.default_role(),
                "Granted to every account.",
                vec![permission("documents", &["read"])],
            ),
            role(
                "stytch_admin",
                "Can do everything.",
                vec![
                    permission("documents", &["*"]),
                    permission(self.account_resource(), &["*"]),
                ],
            ),
            role(
                "editor",
                "Reads and writes documents.",
                vec![permission("documents", &["read", "write"])],
            ),
        ]
    }

    /// `(resource_id, actions)` of the project's resources.
    pub fn resources(self) -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            ("documents", vec!["read", "write", "delete"]),
            (self.account_resource(), vec!["read", "update"]),
        ]
    }

    /// The `Policy` object.
    pub fn policy_json(self) -> Value {
        let resources: Vec<Value> = self
            .resources()
            .into_iter()
            .map(|(id, actions)| {
                json!({ "resource_id": id, "description": format!("The {id} resource."), "actions": actions })
            })
            .collect();
        json!({
            "roles": self.roles().iter().map(render::role).collect::<Vec<_>>(),
            "resources": resources,
            "scopes": [{
                "scope": "read:documents",
                "description": "Read documents.",
                "permissions": [{ "resource_id": "documents", "actions": ["read"] }],
            }],
        })
    }

    /// Checks roles an account is being given: each must be defined by the project or in
    /// `extra` (an organization's roles).
    pub fn check_assignable(self, roles: &[String], extra: &[Role]) -> Result<(), ApiError> {
        let known = self.roles();
        match roles
            .iter()
            .find(|r| !known.iter().chain(extra).any(|k| &k.role_id == *r))
        {
            Some(unknown) => Err(ApiError::bad(
                "invalid_rbac_role_id",
                format!("No role {unknown:?} is defined in the RBAC policy."),
            )),
            None => Ok(()),
        }
    }

    /// The held roles that grant `action` on `resource_id`, from the project's roles and
    /// `extra`; empty when none does.
    pub fn granting_roles(
        self,
        held: &[String],
        extra: &[Role],
        resource_id: &str,
        action: &str,
    ) -> Vec<String> {
        let mut granting = Vec::new();
        for role in self.roles().iter().chain(extra) {
            let grants = role.permissions.iter().any(|p| {
                p.resource_id == resource_id && p.actions.iter().any(|a| a == "*" || a == action)
            });
            if grants && held.contains(&role.role_id) && !granting.contains(&role.role_id) {
                granting.push(role.role_id.clone());
            }
        }
        granting
    }

    /// Checks an organization's own roles before they are stored.
    pub fn check_custom_roles(self, roles: &[Role]) -> Result<(), ApiError> {
        let reserved = self.roles();
        let resources = self.resources();
        for (i, role) in roles.iter().enumerate() {
            if role.role_id.trim().is_empty() {
                return Err(ApiError::bad(
                    "empty_rbac_role_id",
                    "A role needs a role_id.",
                ));
            }
            if reserved.iter().any(|r| r.role_id == role.role_id) {
                return Err(ApiError::bad(
                    "invalid_rbac_custom_role",
                    format!(
                        "{} is a project role; an organization cannot redefine it.",
                        role.role_id
                    ),
                ));
            }
            if roles[..i].iter().any(|r| r.role_id == role.role_id) {
                return Err(ApiError::bad(
                    "rbac_role_duplicate",
                    format!("The role {} is listed twice.", role.role_id),
                ));
            }
            for permission in &role.permissions {
                let Some((_, actions)) = resources
                    .iter()
                    .find(|(id, _)| *id == permission.resource_id)
                else {
                    return Err(ApiError::bad(
                        "invalid_permission_resource",
                        format!("No resource {} in the policy.", permission.resource_id),
                    ));
                };
                if let Some(bad) = permission
                    .actions
                    .iter()
                    .find(|a| a.as_str() != "*" && !actions.contains(&a.as_str()))
                {
                    return Err(ApiError::bad(
                        "invalid_permission_action",
                        format!("{} has no action {bad}.", permission.resource_id),
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_by_resource_and_action_with_wildcard_actions() {
        let held = vec!["stytch_member".to_string(), "editor".to_string()];
        let b2b = Vertical::B2b;
        assert_eq!(
            b2b.granting_roles(&held, &[], "documents", "read"),
            ["stytch_member", "editor"]
        );
        assert_eq!(
            b2b.granting_roles(&held, &[], "documents", "write"),
            ["editor"]
        );
        assert!(b2b
            .granting_roles(&held, &[], "documents", "delete")
            .is_empty());
        let admin = vec!["stytch_admin".to_string()];
        assert_eq!(
            b2b.granting_roles(&admin, &[], "documents", "delete"),
            ["stytch_admin"]
        );
        let custom = vec![role(
            "auditor",
            "",
            vec![permission("documents", &["delete"])],
        )];
        let held = vec!["auditor".to_string()];
        assert_eq!(
            b2b.granting_roles(&held, &custom, "documents", "delete"),
            ["auditor"]
        );
    }

    #[test]
    fn custom_roles_are_checked_against_the_project_policy() {
        let b2b = Vertical::B2b;
        let ok = vec![role(
            "auditor",
            "",
            vec![permission("documents", &["read", "*"])],
        )];
        assert!(b2b.check_custom_roles(&ok).is_ok());
        let cases = [
            (vec![role("", "", vec![])], "empty_rbac_role_id"),
            (vec![role("editor", "", vec![])], "invalid_rbac_custom_role"),
            (
                vec![role("a", "", vec![]), role("a", "", vec![])],
                "rbac_role_duplicate",
            ),
            (
                vec![role("a", "", vec![permission("nope", &["read"])])],
                "invalid_permission_resource",
            ),
            (
                vec![role("a", "", vec![permission("documents", &["fly"])])],
                "invalid_permission_action",
            ),
        ];
        for (roles, error) in cases {
            assert_eq!(
                b2b.check_custom_roles(&roles).unwrap_err().error_type,
                error
            );
        }
    }
}
