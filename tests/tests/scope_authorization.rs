//! Access-token scopes authorized against the RBAC policy's `scopes` section: one table of
//! cases (the ones Stytch's node and go SDKs test, and the edges around them) run through the
//! plain function and the clients' cached-policy methods.

use stytch::models::Policy;
use stytch::rbac::{authorize_scopes, check_tenancy};
use stytch::testing::TestKeys;
use stytch::{AuthorizationError, Error};
use stytch_tests::{fixture, MockServer};

const ACME: &str = "organization-test-acme-0a1b2c3d";
const GLOBEX: &str = "organization-test-globex-4e5f6a7b";

fn policy() -> Policy {
    serde_json::from_value(fixture("rbac/scopes_policy.json")["policy"].clone()).unwrap()
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

/// Who holds the token.
#[derive(Clone, Copy, Debug)]
enum Holder {
    /// A consumer user's token, checked with the consumer `AuthorizationCheck`.
    User,
    /// A B2B member's token from this organization (`""`: the token has no organization
    /// claim), checked against a request for `requested`.
    Member {
        token_org: &'static str,
        requested: &'static str,
    },
}

#[derive(Clone, Copy, Debug)]
enum Outcome {
    /// Allowed, by these scopes in policy order.
    Granted(&'static [&'static str]),
    Denied,
    TenancyMismatch,
}

struct Row {
    name: &'static str,
    holder: Holder,
    scopes: &'static [&'static str],
    resource: &'static str,
    action: &'static str,
    expected: Outcome,
}

const fn row(
    name: &'static str,
    holder: Holder,
    scopes: &'static [&'static str],
    resource: &'static str,
    action: &'static str,
    expected: Outcome,
) -> Row {
    Row {
        name,
        holder,
        scopes,
        resource,
        action,
        expected,
    }
}

const USER: Holder = Holder::User;

const fn member(token_org: &'static str, requested: &'static str) -> Holder {
    Holder::Member {
        token_org,
        requested,
    }
}

use Outcome::{Denied, Granted, TenancyMismatch};

/// The policy is `fixtures/rbac/scopes_policy.json`.
/// Columns: case, (B2B: the token's organization, the requested one), the token's scopes,
/// resource, action, outcome.
#[rustfmt::skip]
const TABLE: &[Row] = &[
    // The official SDKs' cases, for users.
    row("exact match", USER, &["read:docs"], "documents", "read", Granted(&["read:docs"])),
    row("wildcard action", USER, &["admin:docs"], "documents", "read",
        Granted(&["admin:docs"])),
    row("several scopes grant it", USER, &["write:docs", "read:docs"], "documents", "read",
        Granted(&["read:docs", "write:docs"])),
    row("several scopes, another resource", USER, &["read:docs", "write:docs", "crud:images"],
        "images", "create", Granted(&["write:docs", "crud:images"])),
    row("action not granted", USER, &["write:docs"], "documents", "delete", Denied),
    row("resource not granted", USER, &["crud:images"], "documents", "write", Denied),
    row("resource unknown to the policy", USER, &["crud:images"], "spreadsheets", "write",
        Denied),
    // Unknown and missing scopes.
    row("a scope the policy does not define", USER, &["delete:all"], "documents", "read",
        Denied),
    row("unknown scopes beside a granting one are ignored", USER,
        &["openid", "email", "read:docs"], "documents", "read", Granted(&["read:docs"])),
    row("an empty scope list", USER, &[], "documents", "read", Denied),
    row("a defined scope with no permissions", USER, &["nothing"], "documents", "read", Denied),
    row("a role id is not a scope", USER, &["stytch_member"], "documents", "read", Denied),
    // Wildcards: `*` among a permission's actions only.
    row("`*` covers any action", USER, &["admin:docs"], "images", "rotate",
        Granted(&["admin:docs"])),
    row("asking for action `*` needs `*`", USER, &["read:docs"], "documents", "*", Denied),
    row("`*` grants action `*`", USER, &["admin:docs"], "documents", "*",
        Granted(&["admin:docs"])),
    row("resource `*` is no wildcard", USER, &["everything"], "documents", "read", Denied),
    row("resource `*` names itself", USER, &["everything"], "*", "read",
        Granted(&["everything"])),
    row("a scope named like an M2M wildcard grants what it lists", USER, &["read:*"],
        "documents", "read", Granted(&["read:*"])),
    row("and not the scopes it seems to cover", USER, &["read:*"], "images", "read", Denied),
    // Exact, case-sensitive comparison.
    row("scope case", USER, &["READ:docs"], "documents", "read", Denied),
    row("resource case", USER, &["read:docs"], "Documents", "read", Denied),
    row("action case", USER, &["read:docs"], "documents", "Read", Denied),
    row("repeated scopes, one entry", USER, &["read:docs", "read:docs"], "documents", "read",
        Granted(&["read:docs"])),
    // B2B: the same rules once the organization matches.
    row("member, exact match", member(ACME, ACME), &["read:docs"], "documents", "read",
        Granted(&["read:docs"])),
    row("member, wildcard action", member(ACME, ACME), &["admin:docs"], "images", "delete",
        Granted(&["admin:docs"])),
    row("member, action not granted", member(ACME, ACME), &["write:docs"], "documents",
        "delete", Denied),
    row("member, resource not granted", member(ACME, ACME), &["crud:images"], "spreadsheets",
        "write", Denied),
    row("member, unknown scope", member(ACME, ACME), &["delete:all"], "documents", "read",
        Denied),
    row("member, empty scope list", member(ACME, ACME), &[], "documents", "read", Denied),
    // Tenancy first: another organization is refused whatever the scopes would allow.
    row("another organization", member(GLOBEX, ACME), &["crud:images"], "images", "write",
        TenancyMismatch),
    row("another organization, denied anyway", member(ACME, GLOBEX), &["read:docs"], "images",
        "write", TenancyMismatch),
    row("another organization, no scopes", member(ACME, GLOBEX), &[], "documents", "read",
        TenancyMismatch),
    // A token without an organization matches none, not even an empty one (`check_tenancy`
    // fails closed here, where a plain string comparison would let "" match "").
    row("token without organization", member("", ACME), &["admin:docs"], "documents", "read",
        TenancyMismatch),
    row("both organizations empty", member("", ""), &["admin:docs"], "documents", "read",
        TenancyMismatch),
];

impl Row {
    /// The result the SDK must return for this row.
    fn expected_error(&self) -> Option<AuthorizationError> {
        match (self.expected, self.holder) {
            (Granted(_), _) => None,
            (Denied, _) => Some(AuthorizationError::PermissionDenied {
                resource_id: self.resource.to_owned(),
                action: self.action.to_owned(),
            }),
            (
                TenancyMismatch,
                Holder::Member {
                    token_org,
                    requested,
                },
            ) => Some(AuthorizationError::TenancyMismatch {
                member_organization_id: token_org.to_owned(),
                requested_organization_id: requested.to_owned(),
            }),
            (TenancyMismatch, Holder::User) => unreachable!("{}: users have no tenancy", self.name),
        }
    }

    fn check_plain(&self, policy: &Policy) {
        let scopes = strings(self.scopes);
        let result = match self.holder {
            Holder::User => authorize_scopes(policy, &scopes, self.resource, self.action),
            Holder::Member {
                token_org,
                requested,
            } => check_tenancy(token_org, requested)
                .and_then(|()| authorize_scopes(policy, &scopes, self.resource, self.action)),
        };
        match (self.expected, self.expected_error()) {
            (Granted(by), _) => assert_eq!(result, Ok(strings(by)), "{}", self.name),
            (_, Some(error)) => assert_eq!(result, Err(error), "{}", self.name),
            (_, None) => unreachable!(),
        }
    }

    /// Compares an SDK result (granting scopes or an error) with the row.
    fn assert_outcome<T: std::fmt::Debug>(&self, result: Result<T, Error>, via: &str) {
        match (self.expected_error(), result) {
            (None, Ok(_)) => {}
            (Some(expected), Err(Error::Forbidden(actual))) => {
                assert_eq!(actual, expected, "{} ({via})", self.name)
            }
            (expected, actual) => {
                panic!(
                    "{} ({via}): expected {expected:?}, got {actual:?}",
                    self.name
                )
            }
        }
    }
}

#[test]
fn the_table_through_the_plain_functions() {
    let policy = policy();
    for row in TABLE {
        row.check_plain(&policy);
    }
}

/// Clients with the policy and keys preloaded, on a server that answers nothing: every
/// decision is local.
fn offline_clients(
    server: &MockServer,
    keys: &TestKeys,
) -> (stytch::consumer::Client, stytch::b2b::Client) {
    let consumer = server.consumer_client();
    let b2b = server.b2b_client();
    consumer.rbac().preload_policy(policy());
    b2b.rbac().preload_policy(policy());
    consumer.preload_keys(&keys.jwks());
    b2b.preload_keys(&keys.jwks());
    (consumer, b2b)
}

#[tokio::test]
async fn the_table_through_the_clients_cached_policy() {
    let server = MockServer::start().await;
    let (consumer, b2b) = offline_clients(&server, &TestKeys::new());
    for row in TABLE {
        let scopes = strings(row.scopes);
        let result = match row.holder {
            Holder::User => {
                let check =
                    stytch::consumer::sessions::AuthorizationCheck::new(row.resource, row.action);
                consumer.rbac().authorize_scopes(&scopes, &check).await
            }
            Holder::Member {
                token_org,
                requested,
            } => {
                let check = stytch::b2b::sessions::AuthorizationCheck::new(
                    requested,
                    row.resource,
                    row.action,
                );
                b2b.rbac()
                    .authorize_scopes(token_org, &scopes, &check)
                    .await
            }
        };
        if let (Granted(by), Ok(granting)) = (row.expected, &result) {
            assert_eq!(granting, &strings(by), "{}", row.name);
        }
        row.assert_outcome(result, "client method");
    }
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}
