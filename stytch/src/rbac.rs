//! Local role-based access control: decide whether a member's or user's roles allow an action
//! on a resource without asking Stytch each time, and check M2M token scopes.
//!
//! # The rules
//!
//! - **Roles.** A role grants `action` on `resource_id` when one of its permissions names
//!   exactly that `resource_id` and lists either `action` or `*` among its actions. `*` is a
//!   wildcard only in a permission's actions: a permission on resource `*` covers a resource
//!   literally named `*`, nothing else. Roles the caller does not hold are ignored, and so are
//!   role ids the policy does not define.
//! - **Organizations (B2B).** An organization may define custom roles on top of the
//!   project's. They count only for a member of that organization: the cache keeps each
//!   organization's roles apart, and [`check_tenancy`] refuses a request for an organization
//!   other than the member's before any role is looked at.
//! - **Scopes of access tokens.** An OAuth or connected-app access token is authorized by its
//!   scopes instead of roles: the policy's `scopes` section says what each scope grants, and
//!   [`authorize_scopes`] reads it the way [`authorize`] reads roles. For B2B the token's
//!   organization is checked first, as for members.
//! - **Scopes (M2M).** An M2M token's scopes are compared with the scopes a call requires,
//!   without the policy: see [`missing_scopes`].
//!
//! # The policy cache
//!
//! The clients keep the project's policy (and, for B2B, each organization's custom roles) for
//! [`DEFAULT_POLICY_TTL`] (5 minutes; change it with
//! [`ClientBuilder::rbac_policy_ttl`](crate::ClientBuilder::rbac_policy_ttl)). A stale policy
//! is fetched again by one call while concurrent calls wait for that fetch and share its
//! outcome. If the fetch fails, the calls fail (with [`Error::Shared`]) rather than decide on
//! a stale policy; the next call tries again. A policy can also be supplied up front with
//! `preload_policy`, e.g. in tests or when the process cannot reach Stytch.
//!
//! With a [shared cache](crate::cache), a stale or missing policy is first looked for in the
//! shared store, and one process of the fleet fetches it for the others. `preload_*` fill
//! this process's cache only; `clear_cache` also stops this process from taking values the
//! fleet fetched before it, so its next check asks Stytch and shares the answer.
//!
//! ```no_run
//! use stytch::b2b::sessions::AuthorizationCheck;
//!
//! # async fn run(client: stytch::b2b::Client) -> Result<(), stytch::Error> {
//! // The member's organization and roles come from their verified session.
//! let member_org = "organization-test-0d1f...";
//! let roles = vec!["stytch_member".to_owned(), "editor".to_owned()];
//!
//! let check = AuthorizationCheck::new(member_org, "documents", "edit");
//! match client.rbac().authorize_member(member_org, &roles, &check).await {
//!     Ok(granting) => println!("allowed by {granting:?}"),
//!     Err(stytch::Error::Forbidden(why)) => println!("403: {why}"),
//!     Err(other) => return Err(other), // the policy could not be fetched
//! }
//! # Ok(()) }
//! ```

#[cfg(feature = "b2b")]
use crate::b2b::rbac::organizations::GetOrgPolicyRequest;
// The policy types are shared by both verticals; they are declared with the B2B endpoints.
use crate::cache::shared::{SharedStore, Stored};
use crate::client_core::ClientCore;
use crate::models::{Policy, PolicyRole};
use crate::refresh::{Clock, RefreshCell};
use crate::{AuthorizationError, Call, Error};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

/// How long a fetched policy is used before it is fetched again: 5 minutes.
pub const DEFAULT_POLICY_TTL: Duration = Duration::from_secs(5 * 60);

/// How many organizations' custom roles the cache keeps at most. Past that, organizations
/// whose roles are stale are dropped first, then any other.
pub const MAX_CACHED_ORGANIZATIONS: usize = 4096;

/// The roles among `member_roles` that grant `action` on `resource_id`, looking at the
/// project `policy` and at `extra_roles` (an organization's custom roles), in that order and
/// without repeats. Fails with [`AuthorizationError::PermissionDenied`] when none does.
///
/// ```
/// # fn policy() -> stytch::models::Policy {
/// #     serde_json::from_value(serde_json::json!({"roles": [{"role_id": "editor",
/// #         "permissions": [{"resource_id": "documents", "actions": ["edit", "read"]}]}]})).unwrap()
/// # }
/// let policy = policy(); // `editor` may `edit` and `read` `documents`
/// let roles = vec!["editor".to_owned()];
/// assert_eq!(stytch::rbac::authorize(&policy, &[], &roles, "documents", "edit"), Ok(roles));
/// assert!(stytch::rbac::authorize(&policy, &[], &[], "documents", "edit").is_err());
/// ```
pub fn authorize(
    policy: &Policy,
    extra_roles: &[PolicyRole],
    member_roles: &[String],
    resource_id: &str,
    action: &str,
) -> Result<Vec<String>, AuthorizationError> {
    let granting = policy
        .roles
        .iter()
        .chain(extra_roles)
        .filter(|role| member_roles.contains(&role.role_id))
        .filter(|role| {
            (role.permissions.iter())
                .any(|p| permits(&p.resource_id, &p.actions, resource_id, action))
        })
        .map(|role| &role.role_id);
    granted_by(granting, resource_id, action)
}

/// The scopes among `token_scopes` that grant `action` on `resource_id` according to the
/// `scopes` section of the project `policy`, in the policy's order and without repeats. Fails
/// with [`AuthorizationError::PermissionDenied`] when none does. This is how an OAuth or
/// connected-app access token is authorized, with the rules of Stytch's other SDKs:
///
/// - A scope counts only if the token holds it and the policy defines it. A scope the policy
///   does not know grants nothing, and an empty scope list is always refused.
/// - A scope's permissions match as a role's do: the exact `resource_id`, and `action` or `*`
///   among the actions.
/// - Scope names are compared whole and case-sensitively: `read:*` in a token is a name like
///   any other, granting what the policy lists under `read:*` (unlike the M2M rule of
///   [`missing_scopes`]).
/// - B2B: an organization's custom roles play no part, and the token's organization is
///   checked first with [`check_tenancy`] (the clients' `authorize_scopes` do both).
///
/// Split the token's space-separated `scope` claim with [`split_scopes`].
///
/// ```
/// # fn policy() -> stytch::models::Policy {
/// #     serde_json::from_value(serde_json::json!({"scopes": [{"scope": "read:docs",
/// #         "permissions": [{"resource_id": "documents", "actions": ["read"]}]}]})).unwrap()
/// # }
/// let policy = policy(); // the scope `read:docs` grants `read` on `documents`
/// let scopes = stytch::rbac::split_scopes("openid read:docs");
/// assert_eq!(
///     stytch::rbac::authorize_scopes(&policy, &scopes, "documents", "read"),
///     Ok(vec!["read:docs".to_owned()])
/// );
/// assert!(stytch::rbac::authorize_scopes(&policy, &scopes, "documents", "delete").is_err());
/// assert!(stytch::rbac::authorize_scopes(&policy, &[], "documents", "read").is_err());
/// ```
pub fn authorize_scopes(
    policy: &Policy,
    token_scopes: &[String],
    resource_id: &str,
    action: &str,
) -> Result<Vec<String>, AuthorizationError> {
    let granting = policy
        .scopes
        .iter()
        .filter(|scope| token_scopes.contains(&scope.scope))
        .filter(|scope| {
            (scope.permissions.iter())
                .any(|p| permits(&p.resource_id, &p.actions, resource_id, action))
        })
        .map(|scope| &scope.scope);
    granted_by(granting, resource_id, action)
}

/// Whether a permission on `permission_resource` with `actions` allows `action` on
/// `resource_id`: the resource is the same, and the action or `*` is listed.
fn permits(permission_resource: &str, actions: &[String], resource_id: &str, action: &str) -> bool {
    permission_resource == resource_id && actions.iter().any(|a| a == "*" || a == action)
}

/// The granting role or scope ids without repeats, or the refusal when there are none.
fn granted_by<'p>(
    granting: impl Iterator<Item = &'p String>,
    resource_id: &str,
    action: &str,
) -> Result<Vec<String>, AuthorizationError> {
    let mut ids: Vec<String> = Vec::new();
    for id in granting {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    if ids.is_empty() {
        return Err(AuthorizationError::PermissionDenied {
            resource_id: resource_id.to_owned(),
            action: action.to_owned(),
        });
    }
    Ok(ids)
}

/// Refuses a request for another organization than the member's own
/// ([`AuthorizationError::TenancyMismatch`]). An empty id on either side is refused too: it
/// means the caller lost track of an organization, and must not match another empty id.
pub fn check_tenancy(
    member_organization_id: &str,
    requested_organization_id: &str,
) -> Result<(), AuthorizationError> {
    if member_organization_id.is_empty() || member_organization_id != requested_organization_id {
        return Err(AuthorizationError::TenancyMismatch {
            member_organization_id: member_organization_id.to_owned(),
            requested_organization_id: requested_organization_id.to_owned(),
        });
    }
    Ok(())
}

/// The `required` scopes that `granted` does not cover, in the order required (empty when all
/// are covered). The rule is the one Stytch's own SDKs apply to M2M tokens:
///
/// - A scope `action:resource` is split at its first `:`. A granted scope covers a required
///   one when the actions are equal and the granted resource is the same or `*`:
///   `read:*` covers `read:users` and `read:*`.
/// - `*` is a wildcard in the resource part only. `*:users` covers nothing but `*:users`,
///   and neither `*` nor `*:*` covers everything; such scopes match only themselves.
/// - A scope without `:` (`admin`) matches only the same string.
/// - Comparison is exact and case-sensitive.
///
/// Scopes arrive space-separated on the wire (`"read:users write:users"`); split them with
/// [`split_scopes`].
///
/// ```
/// let granted = stytch::rbac::split_scopes("read:* write:users");
/// let required = ["read:orders", "write:users", "delete:users"].map(String::from);
/// assert_eq!(stytch::rbac::missing_scopes(&granted, &required), ["delete:users"]);
/// ```
pub fn missing_scopes(granted: &[String], required: &[String]) -> Vec<String> {
    required
        .iter()
        .filter(|needed| !granted.iter().any(|has| scope_covers(has, needed)))
        .cloned()
        .collect()
}

/// Whether the granted scope `has` covers the required scope `needed`.
fn scope_covers(has: &str, needed: &str) -> bool {
    if has == needed {
        return true;
    }
    match (has.split_once(':'), needed.split_once(':')) {
        (Some((has_action, "*")), Some((needed_action, _))) => has_action == needed_action,
        _ => false,
    }
}

/// Like [`missing_scopes`], as a `Result`: [`AuthorizationError::MissingScopes`] lists what is
/// missing.
pub fn check_scopes(granted: &[String], required: &[String]) -> Result<(), AuthorizationError> {
    let missing = missing_scopes(granted, required);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(AuthorizationError::MissingScopes { missing })
    }
}

/// Splits a space-separated scope string (a token's `scope` claim) into scopes; repeated
/// spaces and surrounding whitespace are ignored.
pub fn split_scopes(scope: &str) -> Vec<String> {
    scope.split_whitespace().map(str::to_owned).collect()
}

/// The cached policy behind a client and its clones. See the [module docs](self).
pub(crate) struct PolicyCache {
    ttl: Duration,
    clock: Clock,
    project: RefreshCell<Arc<Policy>>,
    organizations: Mutex<HashMap<String, Arc<OrganizationRoles>>>,
    /// When the cache was last cleared, on the client's clock: a shared store's values
    /// fetched before then are not taken (the roles may have changed since).
    cleared_at: Mutex<Option<SystemTime>>,
}

/// One organization's custom roles, as cached.
type OrganizationRoles = RefreshCell<Arc<[PolicyRole]>>;

// Without B2B, the per-organization half of the cache has no caller.
#[cfg_attr(not(feature = "b2b"), allow(dead_code))]
impl PolicyCache {
    pub(crate) fn new(ttl: Duration, clock: Clock) -> Self {
        PolicyCache {
            ttl,
            clock,
            project: RefreshCell::new(),
            organizations: Mutex::new(HashMap::new()),
            cleared_at: Mutex::new(None),
        }
    }

    /// The project policy of `vertical` (`consumer` or `b2b`); `fetch` asks Stytch.
    async fn project_policy<F, Fut>(
        &self,
        core: &ClientCore,
        vertical: &'static str,
        fetch: F,
    ) -> Result<Arc<Policy>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Policy, Error>>,
    {
        let ttl = self.ttl;
        self.project
            .get_or_fetch(&self.clock, || async move {
                let Some(shared) = &core.shared else {
                    return Ok((Arc::new(fetch().await?), ttl));
                };
                let key = shared.key(&format!("rbac:{vertical}:policy"));
                let stored = self.fetch_shared(shared, &key, fetch).await?;
                Ok((Arc::new(stored.value), shared.remaining(stored.fresh_until)))
            })
            .await
    }

    /// A value from the shared store, or from `fetch` by one process of the fleet, kept for
    /// the policy TTL from when it was fetched.
    async fn fetch_shared<T, F, Fut>(
        &self,
        shared: &SharedStore,
        key: &str,
        fetch: F,
    ) -> Result<Stored<T>, Error>
    where
        T: serde::Serialize + serde::de::DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let cleared_at = *self
            .cleared_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Stored times are cut to whole milliseconds: one fetched in the millisecond of the
        // clear counts as before it.
        let after_clear = |stored: &Stored<T>| cleared_at.is_none_or(|at| stored.fetched_at > at);
        let ttl = self.ttl;
        shared
            .get_or_fetch(key, after_clear, || async move {
                let fetched_at = shared.now();
                let value = fetch().await?;
                Ok((value, shared.fresh_until(fetched_at, ttl)))
            })
            .await
    }

    fn preload_project(&self, policy: Policy) {
        self.project.set(Arc::new(policy), (self.clock)(), self.ttl);
    }

    /// The cell of one organization, created on first use.
    fn organization(&self, organization_id: &str) -> Arc<OrganizationRoles> {
        let mut organizations = self
            .organizations
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(cell) = organizations.get(organization_id) {
            return cell.clone();
        }
        if organizations.len() >= MAX_CACHED_ORGANIZATIONS {
            let now = (self.clock)();
            organizations.retain(|_, cell| !cell.is_idle_and_stale(now));
            while organizations.len() >= MAX_CACHED_ORGANIZATIONS {
                let Some(evicted) = organizations.keys().next().cloned() else {
                    break;
                };
                organizations.remove(&evicted);
            }
        }
        let cell = Arc::new(RefreshCell::new());
        organizations.insert(organization_id.to_owned(), cell.clone());
        cell
    }

    #[cfg(feature = "b2b")]
    async fn organization_roles(
        &self,
        core: &ClientCore,
        organization_id: &str,
    ) -> Result<Arc<[PolicyRole]>, Error> {
        let ttl = self.ttl;
        let fetch = || async move {
            let request = GetOrgPolicyRequest::new(organization_id);
            let response = Call::new(&core.transport, request).send().await?;
            Ok(response.org_policy.roles)
        };
        self.organization(organization_id)
            .get_or_fetch(&self.clock, || async move {
                let Some(shared) = &core.shared else {
                    return Ok((Arc::from(fetch().await?), ttl));
                };
                let key = shared.hashed_key("rbac:b2b:org", &[organization_id]);
                let stored = self.fetch_shared(shared, &key, fetch).await?;
                Ok((
                    Arc::from(stored.value),
                    shared.remaining(stored.fresh_until),
                ))
            })
            .await
    }

    fn preload_organization(&self, organization_id: &str, roles: Vec<PolicyRole>) {
        self.organization(organization_id)
            .set(Arc::from(roles), (self.clock)(), self.ttl);
    }

    fn clear(&self, now: SystemTime) {
        *self
            .cleared_at
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(now);
        self.project.clear();
        self.organizations
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    #[cfg(test)]
    fn cached_organizations(&self) -> usize {
        self.organizations
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .filter(|cell| !cell.is_empty())
            .count()
    }
}

/// A policy response without a policy fails: an empty policy in its place would be cached
/// and would decide every check.
fn required_policy(
    policy: Option<Policy>,
    endpoint: &'static str,
    request_id: String,
) -> Result<Policy, Error> {
    policy.ok_or_else(|| Error::missing_field(endpoint, "policy", Some(request_id)))
}

#[cfg(feature = "b2b")]
impl crate::b2b::sessions::AuthorizationCheck {
    /// A check of `action` on `resource_id` within `organization_id`.
    pub fn new(
        organization_id: impl Into<String>,
        resource_id: impl Into<String>,
        action: impl Into<String>,
    ) -> Self {
        crate::b2b::sessions::AuthorizationCheck {
            organization_id: organization_id.into(),
            resource_id: resource_id.into(),
            action: action.into(),
        }
    }
}

#[cfg(feature = "consumer")]
impl crate::consumer::sessions::AuthorizationCheck {
    /// A check of `action` on `resource_id`.
    pub fn new(resource_id: impl Into<String>, action: impl Into<String>) -> Self {
        crate::consumer::sessions::AuthorizationCheck {
            resource_id: resource_id.into(),
            action: action.into(),
        }
    }
}

/// Local authorization for B2B members, on top of the RBAC endpoints.
#[cfg(feature = "b2b")]
impl<'c> crate::b2b::rbac::Rbac<'c> {
    /// Decides locally whether a member may perform `check`: the organization must be the
    /// member's own ([`check_tenancy`], checked first, without any request), then one of
    /// `member_roles` must grant the action, among the project's roles and the member's
    /// organization's custom roles (both from the cache, fetched when stale). Returns the
    /// granting roles.
    ///
    /// Fails with [`Error::Forbidden`] ([`AuthorizationError::TenancyMismatch`] or
    /// [`AuthorizationError::PermissionDenied`]) when the member may not, or with the fetch's
    /// error when the policy is not cached and cannot be fetched.
    pub async fn authorize_member(
        &self,
        member_organization_id: &str,
        member_roles: &[String],
        check: &crate::b2b::sessions::AuthorizationCheck,
    ) -> Result<Vec<String>, Error> {
        check_tenancy(member_organization_id, &check.organization_id).map_err(Error::Forbidden)?;
        let policy = self.cached_policy().await?;
        let organization_roles = self
            .cached_organization_roles(member_organization_id)
            .await?;
        authorize(
            &policy,
            &organization_roles,
            member_roles,
            &check.resource_id,
            &check.action,
        )
        .map_err(Error::Forbidden)
    }

    /// Decides locally whether an access token (OAuth or connected app) issued to a member of
    /// `token_organization_id`, holding `token_scopes`, may perform `check`: the organization
    /// must be the token's ([`check_tenancy`], checked first, without any request), then one
    /// of the scopes must grant the action in the project policy (from the cache, fetched when
    /// stale); see [`rbac::authorize_scopes`](authorize_scopes). Returns the granting
    /// scopes.
    ///
    /// Fails with [`Error::Forbidden`] ([`AuthorizationError::TenancyMismatch`] or
    /// [`AuthorizationError::PermissionDenied`]) when the token may not, or with the fetch's
    /// error when the policy is not cached and cannot be fetched. Local introspection runs
    /// this check for you with
    /// [`authorization_check`](crate::jwt::VerifyAccessToken::authorization_check).
    ///
    /// ```no_run
    /// use stytch::b2b::sessions::AuthorizationCheck;
    ///
    /// # async fn run(client: stytch::b2b::Client, token_org: &str, scope_claim: &str) -> Result<(), stytch::Error> {
    /// let scopes = stytch::rbac::split_scopes(scope_claim);
    /// let check = AuthorizationCheck::new(token_org, "documents", "read");
    /// let granting = client.rbac().authorize_scopes(token_org, &scopes, &check).await?;
    /// # Ok(()) }
    /// ```
    pub async fn authorize_scopes(
        &self,
        token_organization_id: &str,
        token_scopes: &[String],
        check: &crate::b2b::sessions::AuthorizationCheck,
    ) -> Result<Vec<String>, Error> {
        check_tenancy(token_organization_id, &check.organization_id).map_err(Error::Forbidden)?;
        let policy = self.cached_policy().await?;
        authorize_scopes(&policy, token_scopes, &check.resource_id, &check.action)
            .map_err(Error::Forbidden)
    }

    /// The project's policy from the cache; fetched (`GET /v1/b2b/rbac/policy`) when absent
    /// or stale.
    pub async fn cached_policy(&self) -> Result<Arc<Policy>, Error> {
        let core = self.core();
        core.rbac
            .project_policy(core, "b2b", || async move {
                let response = Call::new(&core.transport, crate::b2b::rbac::PolicyRequest {})
                    .send()
                    .await?;
                required_policy(response.policy, "/v1/b2b/rbac/policy", response.request_id)
            })
            .await
    }

    /// The custom roles of one organization from the cache; fetched
    /// (`GET /v1/b2b/rbac/organizations/{organization_id}`) when absent or stale.
    pub async fn cached_organization_roles(
        &self,
        organization_id: &str,
    ) -> Result<Arc<[PolicyRole]>, Error> {
        let core = self.core();
        core.rbac.organization_roles(core, organization_id).await
    }

    /// Puts a policy in the cache as if it had just been fetched (fresh for the cache's TTL).
    pub fn preload_policy(&self, policy: Policy) {
        self.core().rbac.preload_project(policy);
    }

    /// Puts an organization's custom roles in the cache as if they had just been fetched.
    pub fn preload_organization_roles(&self, organization_id: &str, roles: Vec<PolicyRole>) {
        self.core()
            .rbac
            .preload_organization(organization_id, roles);
    }

    /// Empties the cache (project policy and every organization's roles), e.g. after changing
    /// roles, so that the next check fetches them again (from Stytch: with a shared cache,
    /// what other processes fetched before this call is not taken).
    pub fn clear_cache(&self) {
        let core = self.core();
        core.rbac.clear(core.now());
    }
}

/// Local authorization for consumer users, on top of the RBAC endpoint.
#[cfg(feature = "consumer")]
impl<'c> crate::consumer::rbac::Rbac<'c> {
    /// Decides locally whether a user with `user_roles` may perform `check`, against the
    /// project's policy (from the cache, fetched when stale). Returns the granting roles, or
    /// [`Error::Forbidden`] ([`AuthorizationError::PermissionDenied`]) when none grants it.
    ///
    /// ```no_run
    /// use stytch::consumer::sessions::AuthorizationCheck;
    ///
    /// # async fn run(client: stytch::consumer::Client, roles: Vec<String>) -> Result<(), stytch::Error> {
    /// let check = AuthorizationCheck::new("documents", "read");
    /// let granting = client.rbac().authorize_user(&roles, &check).await?;
    /// # Ok(()) }
    /// ```
    pub async fn authorize_user(
        &self,
        user_roles: &[String],
        check: &crate::consumer::sessions::AuthorizationCheck,
    ) -> Result<Vec<String>, Error> {
        let policy = self.cached_policy().await?;
        authorize(&policy, &[], user_roles, &check.resource_id, &check.action)
            .map_err(Error::Forbidden)
    }

    /// Decides locally whether an access token (OAuth or connected app) holding
    /// `token_scopes` may perform `check`, against the `scopes` section of the project's
    /// policy (from the cache, fetched when stale); see
    /// [`rbac::authorize_scopes`](authorize_scopes). Returns the granting scopes, or
    /// [`Error::Forbidden`] ([`AuthorizationError::PermissionDenied`]) when none grants it.
    /// Local introspection runs this check for you with
    /// [`authorization_check`](crate::jwt::VerifyAccessToken::authorization_check).
    ///
    /// ```no_run
    /// use stytch::consumer::sessions::AuthorizationCheck;
    ///
    /// # async fn run(client: stytch::consumer::Client, scopes: Vec<String>) -> Result<(), stytch::Error> {
    /// let check = AuthorizationCheck::new("documents", "read");
    /// let granting = client.rbac().authorize_scopes(&scopes, &check).await?;
    /// # Ok(()) }
    /// ```
    pub async fn authorize_scopes(
        &self,
        token_scopes: &[String],
        check: &crate::consumer::sessions::AuthorizationCheck,
    ) -> Result<Vec<String>, Error> {
        let policy = self.cached_policy().await?;
        authorize_scopes(&policy, token_scopes, &check.resource_id, &check.action)
            .map_err(Error::Forbidden)
    }

    /// The project's policy from the cache; fetched (`GET /v1/rbac/policy`) when absent or
    /// stale.
    pub async fn cached_policy(&self) -> Result<Arc<Policy>, Error> {
        let core = self.core();
        core.rbac
            .project_policy(core, "consumer", || async move {
                let response = Call::new(&core.transport, crate::consumer::rbac::PolicyRequest {})
                    .send()
                    .await?;
                required_policy(response.policy, "/v1/rbac/policy", response.request_id)
            })
            .await
    }

    /// Puts a policy in the cache as if it had just been fetched (fresh for the cache's TTL).
    pub fn preload_policy(&self, policy: Policy) {
        self.core().rbac.preload_project(policy);
    }

    /// Empties the cache, so that the next check fetches the policy again (from Stytch: with a
    /// shared cache, what other processes fetched before this call is not taken).
    pub fn clear_cache(&self) {
        let core = self.core();
        core.rbac.clear(core.now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(values: &[&str]) -> Vec<String> {
        values.iter().map(|v| v.to_string()).collect()
    }

    #[test]
    fn scope_table() {
        // (granted, required, covered)
        let table = [
            ("read:users", "read:users", true),
            ("read:users", "write:users", false),
            ("read:*", "read:users", true),
            ("read:*", "read:*", true),
            ("read:*", "write:users", false),
            ("read:users", "read:*", false),
            ("*:users", "read:users", false),
            ("*:users", "*:users", true),
            ("*:*", "read:users", false),
            ("*", "read:users", false),
            ("*", "*", true),
            ("admin", "admin", true),
            ("admin", "admin:users", false),
            ("read:users:profile", "read:users:profile", true),
            ("read:*", "read:users:profile", true),
            ("Read:users", "read:users", false),
            ("read:", "read:users", false),
            ("", "read:users", false),
        ];
        for (granted, required, covered) in table {
            assert_eq!(
                scope_covers(granted, required),
                covered,
                "{granted:?} covers {required:?}"
            );
        }
    }

    #[test]
    fn missing_scopes_keeps_the_required_order() {
        let granted = split_scopes("  read:*   write:users ");
        assert_eq!(granted, s(&["read:*", "write:users"]));
        let required = s(&["delete:users", "read:x", "admin"]);
        assert_eq!(
            missing_scopes(&granted, &required),
            s(&["delete:users", "admin"])
        );
        assert_eq!(missing_scopes(&granted, &[]), Vec::<String>::new());
        assert_eq!(
            check_scopes(&[], &s(&["a:b"])),
            Err(AuthorizationError::MissingScopes {
                missing: s(&["a:b"])
            })
        );
    }

    #[test]
    fn tenancy_refuses_other_and_empty_organizations() {
        assert_eq!(check_tenancy("org-a", "org-a"), Ok(()));
        for (member, requested) in [("org-a", "org-b"), ("", ""), ("org-a", "")] {
            assert_eq!(
                check_tenancy(member, requested),
                Err(AuthorizationError::TenancyMismatch {
                    member_organization_id: member.into(),
                    requested_organization_id: requested.into(),
                })
            );
        }
    }

    #[test]
    fn the_organization_map_is_bounded() {
        let cache = PolicyCache::new(Duration::from_secs(60), crate::refresh::system_clock());
        for i in 0..MAX_CACHED_ORGANIZATIONS + 10 {
            cache.preload_organization(&format!("org-{i}"), Vec::new());
        }
        assert!(cache.cached_organizations() <= MAX_CACHED_ORGANIZATIONS);
    }
}
