//! Access-token scopes authorized against the RBAC policy's `scopes` section: one table of
//! cases (the ones Stytch's node and go SDKs test, and the edges around them) run through the
//! plain function, the clients' cached-policy methods and local introspection of signed
//! connected-app tokens; then the policy fetched from a loopback server.

use serde_json::json;
use std::time::{Duration, SystemTime};
use stytch::models::Policy;
use stytch::rbac::{authorize_scopes, check_tenancy};
use stytch::testing::TestKeys;
use stytch::{AuthorizationError, Error, RetryPolicy, TokenError};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

const ACME: &str = "organization-test-acme-0a1b2c3d";
const GLOBEX: &str = "organization-test-globex-4e5f6a7b";
const APP: &str = "connected-app-test-7f3e";
const ORGANIZATION_CLAIM: &str = "https://stytch.com/organization";

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

#[tokio::test]
async fn the_table_through_local_introspection() {
    let server = MockServer::start().await;
    let keys = TestKeys::new();
    let (consumer, b2b) = offline_clients(&server, &keys);
    for row in TABLE {
        let mut token = keys.connected_app_token(
            PROJECT_ID,
            "subject-test-1",
            APP,
            row.scopes.iter().copied(),
        );
        let result = match row.holder {
            Holder::User => {
                introspect_user(&consumer, &token.sign(), (row.resource, row.action)).await
            }
            Holder::Member {
                token_org,
                requested,
            } => {
                if !token_org.is_empty() {
                    token = token.claim(
                        ORGANIZATION_CLAIM,
                        json!({"organization_id": token_org, "slug": "acme"}),
                    );
                }
                let check = (requested, row.resource, row.action);
                let result = introspect_member(&b2b, &token.sign(), check).await;
                if let Ok(introspected) = &result {
                    assert_eq!(
                        introspected.organization_id.as_deref(),
                        Some(token_org),
                        "{}",
                        row.name
                    );
                }
                result
            }
        };
        if let Ok(introspected) = &result {
            assert_eq!(introspected.scopes, strings(row.scopes), "{}", row.name);
        }
        row.assert_outcome(result, "introspection");
    }
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

type Introspected = Result<stytch::jwt::IntrospectedAccessToken, Error>;

/// Local introspection by a B2B client, with a check of (organization, resource, action).
async fn introspect_member(
    client: &stytch::b2b::Client,
    token: &str,
    (organization_id, resource, action): (&str, &str, &str),
) -> Introspected {
    let check = stytch::b2b::sessions::AuthorizationCheck::new(organization_id, resource, action);
    client
        .idp()
        .introspect_access_token_local(token)
        .authorization_check(check)
        .await
}

/// Local introspection by a consumer client, with a check of (resource, action).
async fn introspect_user(
    client: &stytch::consumer::Client,
    token: &str,
    (resource, action): (&str, &str),
) -> Introspected {
    let check = stytch::consumer::sessions::AuthorizationCheck::new(resource, action);
    client
        .idp()
        .introspect_access_token_local(token)
        .authorization_check(check)
        .await
}

/// Why the call was refused; fails the test for any other outcome.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> AuthorizationError {
    match result {
        Err(Error::Forbidden(why)) => why,
        other => panic!("expected Error::Forbidden, got {other:?}"),
    }
}

fn b2b_client(server: &MockServer) -> stytch::b2b::Client {
    stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

/// A server with the test keys and the scopes policy on both verticals' endpoints.
async fn policy_server(keys: &TestKeys) -> MockServer {
    let server = MockServer::publishing(keys).await;
    let policy = Reply::json(200, &fixture("rbac/scopes_policy.json"));
    server.route("/v1/b2b/rbac/policy", policy.clone());
    server.route("/v1/rbac/policy", policy);
    server
}

/// A member's token for ACME with these scopes.
fn acme_token(keys: &TestKeys, scopes: &[&str]) -> String {
    keys.connected_app_token(PROJECT_ID, "member-test-1", APP, scopes.iter().copied())
        .claim(
            ORGANIZATION_CLAIM,
            json!({"organization_id": ACME, "slug": "acme"}),
        )
        .sign()
}

#[tokio::test]
async fn b2b_introspection_fetches_the_policy_once_and_checks_tenancy_without_it() {
    let keys = TestKeys::new();
    let server = policy_server(&keys).await;
    let client = b2b_client(&server);
    let token = acme_token(&keys, &["openid", "read:docs"]);

    // Another organization: refused before the policy is fetched.
    let result = introspect_member(&client, &token, (GLOBEX, "documents", "read")).await;
    assert_eq!(
        refusal(result),
        AuthorizationError::TenancyMismatch {
            member_organization_id: ACME.to_owned(),
            requested_organization_id: GLOBEX.to_owned(),
        }
    );
    assert!(server.requests_to("/v1/b2b/rbac/policy").is_empty());

    // The member's own organization: the policy is fetched, then served from the cache.
    let token_info = introspect_member(&client, &token, (ACME, "documents", "read"))
        .await
        .unwrap();
    assert_eq!(token_info.subject, "member-test-1");
    assert_eq!(token_info.client_id, APP);
    assert_eq!(token_info.organization_id.as_deref(), Some(ACME));
    assert_eq!(token_info.scopes, ["openid", "read:docs"]);
    let error = introspect_member(&client, &token, (ACME, "documents", "delete"))
        .await
        .unwrap_err();
    assert!(error.is_forbidden());
    assert_eq!(
        error.to_string(),
        "not allowed: no role or scope grants `delete` on `documents`"
    );
    let fetches = server.requests_to("/v1/b2b/rbac/policy");
    assert_eq!(fetches.len(), 1, "one fetch, then the cache");
    assert_eq!(fetches[0].method, "GET");
    assert!(
        server.requests_to("/v1/b2b/rbac/organizations/").is_empty(),
        "custom roles play no part"
    );
    assert!(
        server.requests_to("/v1/public/").is_empty(),
        "no network introspection"
    );
}

#[tokio::test]
async fn consumer_introspection_uses_the_consumer_policy() {
    let keys = TestKeys::new();
    let server = policy_server(&keys).await;
    let client = server.consumer_client();
    let token = keys
        .connected_app_token(PROJECT_ID, "user-test-1", APP, ["write:docs"])
        .sign();

    let token_info = introspect_user(&client, &token, ("images", "create"))
        .await
        .unwrap();
    assert_eq!(token_info.subject, "user-test-1");
    assert_eq!(token_info.organization_id, None);
    let result = introspect_user(&client, &token, ("images", "write")).await;
    assert_eq!(
        refusal(result),
        AuthorizationError::PermissionDenied {
            resource_id: "images".to_owned(),
            action: "write".to_owned(),
        }
    );
    assert_eq!(server.requests_to("/v1/rbac/policy").len(), 1);
    assert!(server.requests_to("/v1/b2b/").is_empty());
}

#[tokio::test]
async fn a_bad_token_is_unauthenticated_before_any_policy_fetch() {
    let keys = TestKeys::new();
    let server = policy_server(&keys).await;
    let client = b2b_client(&server);
    let expired = keys
        .connected_app_token(PROJECT_ID, "member-test-1", APP, ["admin:docs"])
        .claim(ORGANIZATION_CLAIM, json!({"organization_id": ACME}))
        .issued_at(SystemTime::now() - Duration::from_secs(3600))
        .sign();
    // The check would be refused for tenancy too; the token's own fault comes first.
    let error = introspect_member(&client, &expired, (GLOBEX, "documents", "read"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Unauthenticated(TokenError::Expired)),
        "{error:?}"
    );
    assert!(server.requests_to("/v1/b2b/rbac/policy").is_empty());
}

#[tokio::test]
async fn a_policy_that_cannot_be_fetched_fails_the_call_without_deciding() {
    let keys = TestKeys::new();
    let server = MockServer::publishing(&keys).await;
    server.route(
        "/v1/b2b/rbac/policy",
        Reply::json(
            500,
            &json!({"status_code": 500, "error_type": "internal_server_error"}),
        ),
    );
    let client = b2b_client(&server);
    let token = acme_token(&keys, &["admin:docs"]);
    let error = introspect_member(&client, &token, (ACME, "documents", "read"))
        .await
        .unwrap_err();
    assert!(!error.is_auth_failure(), "{error:?}");
    assert_eq!(
        error.status(),
        Some(stytch::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(server.requests_to("/v1/b2b/rbac/policy").len(), 1);
}
