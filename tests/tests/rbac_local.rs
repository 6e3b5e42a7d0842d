//! Local RBAC: role/resource/action matching, organization custom roles kept apart, the
//! tenancy check, scope wildcards, and the policy cache (one fetch under concurrency, a new
//! one after the TTL), all against a loopback server.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stytch::b2b::sessions::AuthorizationCheck;
use stytch::models::{Policy, PolicyRole};
use stytch::rbac::{authorize, check_tenancy, missing_scopes, split_scopes};
use stytch::{AuthorizationError, Error, RetryPolicy};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

const ACME: &str = "organization-test-acme-0a1b2c3d";
const GLOBEX: &str = "organization-test-globex-4e5f6a7b";
const POLICY_PATH: &str = "/v1/b2b/rbac/policy";

fn org_path(organization_id: &str) -> String {
    format!("/v1/b2b/rbac/organizations/{organization_id}")
}

fn roles(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

fn policy() -> Policy {
    serde_json::from_value(fixture("rbac/b2b_policy.json")["policy"].clone()).unwrap()
}

fn org_roles(name: &str) -> Vec<PolicyRole> {
    serde_json::from_value(fixture(name)["org_policy"]["roles"].clone()).unwrap()
}

/// A clock the test moves forward by hand.
#[derive(Clone)]
struct TestClock {
    start: Instant,
    offset_ms: Arc<AtomicU64>,
}

impl TestClock {
    fn new() -> Self {
        TestClock {
            start: Instant::now(),
            offset_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }

    fn now(&self) -> Instant {
        self.start + Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }
}

fn b2b_client(server: &MockServer, clock: &TestClock) -> stytch::b2b::Client {
    let clock = clock.clone();
    stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .retry(RetryPolicy::disabled())
        .cache_clock(move || clock.now())
        .build()
        .unwrap()
}

/// A server that answers the project policy and both organizations' roles, each after a
/// short delay so that concurrent callers overlap with the fetch.
async fn policy_server() -> MockServer {
    let server = MockServer::start().await;
    let slow = |body| {
        Reply::Delay(
            Duration::from_millis(100),
            Box::new(Reply::json(200, &body)),
        )
    };
    server.route(POLICY_PATH, slow(fixture("rbac/b2b_policy.json")));
    server.route(&org_path(ACME), slow(fixture("rbac/org_policy_acme.json")));
    server.route(
        &org_path(GLOBEX),
        slow(fixture("rbac/org_policy_globex.json")),
    );
    server
}

#[test]
fn project_roles_table() {
    let policy = policy();
    // (member roles, resource, action, granting roles or None for denied)
    type Row<'a> = (&'a [&'a str], &'a str, &'a str, Option<&'a [&'a str]>);
    let table: &[Row] = &[
        (
            &["stytch_member"],
            "documents",
            "read",
            Some(&["stytch_member"]),
        ),
        (&["stytch_member"], "documents", "edit", None),
        (
            &["stytch_member", "editor"],
            "documents",
            "edit",
            Some(&["editor"]),
        ),
        (
            &["editor", "stytch_member", "auditor"],
            "documents",
            "read",
            Some(&["stytch_member", "editor", "auditor"]),
        ),
        (&["auditor"], "audit_log", "export", Some(&["auditor"])),
        (&["auditor"], "audit_log", "delete", None),
        // Roles the policy does not define grant nothing.
        (&["superuser"], "documents", "read", None),
        (&[], "documents", "read", None),
        // A resource the policy does not know.
        (&["editor"], "invoices", "read", None),
        // Case matters.
        (&["Editor"], "documents", "edit", None),
        (&["editor"], "Documents", "edit", None),
    ];
    for (member_roles, resource, action, expected) in table {
        let result = authorize(&policy, &[], &roles(member_roles), resource, action);
        match expected {
            Some(granting) => assert_eq!(
                result,
                Ok(roles(granting)),
                "{member_roles:?} {action} {resource}"
            ),
            None => assert_eq!(
                result,
                Err(AuthorizationError::PermissionDenied {
                    resource_id: resource.to_string(),
                    action: action.to_string(),
                }),
                "{member_roles:?} {action} {resource}"
            ),
        }
    }
}

fn denied(resource_id: &str, action: &str) -> Result<Vec<String>, AuthorizationError> {
    Err(AuthorizationError::PermissionDenied {
        resource_id: resource_id.to_string(),
        action: action.to_string(),
    })
}

#[test]
fn action_wildcards_cover_any_action_of_their_resource_only() {
    let policy = policy();
    let editor = roles(&["editor"]); // comments: ["*"]
    for action in ["read", "write", "delete", "anything", "*", ""] {
        assert_eq!(
            authorize(&policy, &[], &editor, "comments", action),
            Ok(editor.clone()),
            "{action}"
        );
    }
    assert_eq!(
        authorize(&policy, &[], &editor, "audit_log", "read"),
        denied("audit_log", "read")
    );
    // `*` as a resource in a permission is not a wildcard.
    let star_resource: PolicyRole = serde_json::from_value(serde_json::json!({
        "role_id": "star",
        "permissions": [{"resource_id": "*", "actions": ["*"]}]
    }))
    .unwrap();
    let star = roles(&["star"]);
    assert_eq!(
        authorize(
            &policy,
            std::slice::from_ref(&star_resource),
            &star,
            "documents",
            "read"
        ),
        denied("documents", "read")
    );
    assert_eq!(
        authorize(&policy, &[star_resource], &star, "*", "read"),
        Ok(star)
    );
}

#[test]
fn organization_roles_only_count_when_passed() {
    let policy = policy();
    let acme = org_roles("rbac/org_policy_acme.json");
    let globex = org_roles("rbac/org_policy_globex.json");
    let publisher = roles(&["publisher"]);
    assert_eq!(
        authorize(&policy, &acme, &publisher, "documents", "delete"),
        Ok(publisher.clone())
    );
    assert_eq!(
        authorize(&policy, &globex, &publisher, "documents", "delete"),
        denied("documents", "delete")
    );
    assert_eq!(
        authorize(&policy, &[], &publisher, "documents", "delete"),
        denied("documents", "delete")
    );
    assert_eq!(
        authorize(&policy, &globex, &publisher, "comments", "write"),
        Ok(publisher)
    );
}

#[test]
fn tenancy_table() {
    assert_eq!(check_tenancy(ACME, ACME), Ok(()));
    for (member, requested) in [(ACME, GLOBEX), (GLOBEX, ACME), (ACME, ""), ("", "")] {
        assert_eq!(
            check_tenancy(member, requested),
            Err(AuthorizationError::TenancyMismatch {
                member_organization_id: member.to_string(),
                requested_organization_id: requested.to_string(),
            })
        );
    }
}

#[test]
fn scope_wildcards() {
    // (granted, required, missing)
    let table: &[(&str, &[&str], &[&str])] = &[
        ("read:users write:users", &["read:users"], &[]),
        (
            "read:users",
            &["read:users", "write:users"],
            &["write:users"],
        ),
        ("read:*", &["read:users", "read:orders"], &[]),
        ("read:*", &["write:users"], &["write:users"]),
        ("*:users", &["read:users"], &["read:users"]),
        ("*:*", &["read:users"], &["read:users"]),
        ("*", &["read:users", "*"], &["read:users"]),
        ("read_users", &["read_users"], &[]),
        ("", &["read:users"], &["read:users"]),
        ("read:users", &[], &[]),
    ];
    for (granted, required, missing) in table {
        assert_eq!(
            missing_scopes(&split_scopes(granted), &roles(required)),
            roles(missing),
            "{granted:?} for {required:?}"
        );
    }
}

#[tokio::test]
async fn tenancy_mismatch_is_refused_before_any_request() {
    let server = policy_server().await;
    let client = b2b_client(&server, &TestClock::new());
    let check = AuthorizationCheck::new(GLOBEX, "documents", "read");
    let error = client
        .rbac()
        .authorize_member(ACME, &roles(&["stytch_member"]), &check)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Forbidden(AuthorizationError::TenancyMismatch { member_organization_id, requested_organization_id })
                if member_organization_id == ACME && requested_organization_id == GLOBEX
        ),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn two_organizations_concurrently_never_mix_their_roles() {
    let server = policy_server().await;
    let client = b2b_client(&server, &TestClock::new());
    let mut tasks = Vec::new();
    for i in 0..40 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let (org, other) = if i % 2 == 0 {
                (ACME, GLOBEX)
            } else {
                (GLOBEX, ACME)
            };
            let publisher = roles(&["publisher"]);
            let rbac = client.rbac();
            let delete = rbac
                .authorize_member(
                    org,
                    &publisher,
                    &AuthorizationCheck::new(org, "documents", "delete"),
                )
                .await;
            let comment = rbac
                .authorize_member(
                    org,
                    &publisher,
                    &AuthorizationCheck::new(org, "comments", "write"),
                )
                .await;
            let cross = rbac
                .authorize_member(
                    org,
                    &publisher,
                    &AuthorizationCheck::new(other, "documents", "delete"),
                )
                .await;
            (org, delete, comment, cross)
        }));
    }
    for task in tasks {
        let (org, delete, comment, cross) = task.await.unwrap();
        let publisher = Some(roles(&["publisher"]));
        if org == ACME {
            // Acme's publisher deletes documents; Globex's permission to comment is not Acme's.
            assert_eq!(delete.ok(), publisher.clone(), "acme delete");
            assert!(matches!(
                comment,
                Err(Error::Forbidden(
                    AuthorizationError::PermissionDenied { .. }
                ))
            ));
        } else {
            assert!(matches!(
                delete,
                Err(Error::Forbidden(
                    AuthorizationError::PermissionDenied { .. }
                ))
            ));
            assert_eq!(comment.ok(), publisher, "globex comment");
        }
        assert!(matches!(
            cross,
            Err(Error::Forbidden(AuthorizationError::TenancyMismatch { .. }))
        ));
    }
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
    assert_eq!(server.requests_to(&org_path(ACME)).len(), 1);
    assert_eq!(server.requests_to(&org_path(GLOBEX)).len(), 1);
}

#[tokio::test]
async fn fifty_concurrent_callers_cause_one_fetch_and_the_ttl_a_second() {
    let server = policy_server().await;
    let clock = TestClock::new();
    let client = b2b_client(&server, &clock);
    let check = AuthorizationCheck::new(ACME, "documents", "edit");
    let editor = roles(&["editor"]);
    let mut tasks = Vec::new();
    for _ in 0..50 {
        let (client, check, editor) = (client.clone(), check.clone(), editor.clone());
        tasks.push(tokio::spawn(async move {
            client.rbac().authorize_member(ACME, &editor, &check).await
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), editor);
    }
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
    assert_eq!(server.requests_to(&org_path(ACME)).len(), 1);

    // Still fresh just before the TTL; fetched again once it has passed.
    clock.advance(stytch::rbac::DEFAULT_POLICY_TTL - Duration::from_secs(1));
    client
        .rbac()
        .authorize_member(ACME, &editor, &check)
        .await
        .unwrap();
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
    clock.advance(Duration::from_secs(2));
    client
        .rbac()
        .authorize_member(ACME, &editor, &check)
        .await
        .unwrap();
    assert_eq!(server.requests_to(POLICY_PATH).len(), 2);
    assert_eq!(server.requests_to(&org_path(ACME)).len(), 2);
}

#[tokio::test]
async fn a_failed_fetch_is_shared_by_its_waiters_and_retried_afterwards() {
    let server = MockServer::start().await;
    let failure = serde_json::json!({
        "status_code": 400,
        "request_id": "request-id-test-failed-policy",
        "error_type": "invalid_request",
        "error_message": "Stytch is having a bad day.",
    });
    server.route(
        POLICY_PATH,
        Reply::Delay(
            Duration::from_millis(100),
            Box::new(Reply::json(400, &failure)),
        ),
    );
    let client = b2b_client(&server, &TestClock::new());
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let client = client.clone();
        tasks.push(tokio::spawn(
            async move { client.rbac().cached_policy().await },
        ));
    }
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        assert!(matches!(error, Error::Shared(_)), "{error:?}");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
        assert_eq!(error.request_id(), Some("request-id-test-failed-policy"));
        assert_eq!(error.error_type(), Some("invalid_request"));
    }
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
    // A later call is not stuck with the old failure: it asks again (and fails again).
    let again = client.rbac().cached_policy().await.unwrap_err();
    assert_eq!(again.status().map(|s| s.as_u16()), Some(400), "{again:?}");
    assert_eq!(server.requests_to(POLICY_PATH).len(), 2);
}

#[tokio::test]
async fn a_preloaded_policy_needs_no_request() {
    let server = MockServer::start().await;
    let client = b2b_client(&server, &TestClock::new());
    client.rbac().preload_policy(policy());
    client
        .rbac()
        .preload_organization_roles(ACME, org_roles("rbac/org_policy_acme.json"));
    let granting = client
        .rbac()
        .authorize_member(
            ACME,
            &roles(&["billing", "auditor"]),
            &AuthorizationCheck::new(ACME, "audit_log", "export"),
        )
        .await
        .unwrap();
    assert_eq!(granting, roles(&["auditor", "billing"]));
    assert!(server.requests().is_empty());

    // Clearing the cache sends the next check to Stytch.
    server.route(
        POLICY_PATH,
        Reply::json(200, &fixture("rbac/b2b_policy.json")),
    );
    server.route(
        &org_path(ACME),
        Reply::json(200, &fixture("rbac/org_policy_acme.json")),
    );
    client.rbac().clear_cache();
    client.rbac().cached_policy().await.unwrap();
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
}

#[tokio::test]
async fn clones_share_the_cache() {
    let server = policy_server().await;
    let client = b2b_client(&server, &TestClock::new());
    client.rbac().cached_policy().await.unwrap();
    client.clone().rbac().cached_policy().await.unwrap();
    assert_eq!(server.requests_to(POLICY_PATH).len(), 1);
}

#[tokio::test]
async fn consumer_users_are_checked_against_the_consumer_policy() {
    use stytch::consumer::sessions::AuthorizationCheck;

    let server = MockServer::start().await;
    server.route(
        "/v1/rbac/policy",
        Reply::json(200, &fixture("rbac/consumer_policy.json")),
    );
    let client = server.consumer_client();
    let rbac = client.rbac();
    let moderator = roles(&["stytch_user", "moderator"]);
    assert_eq!(
        rbac.authorize_user(&moderator, &AuthorizationCheck::new("posts", "hide"))
            .await
            .unwrap(),
        roles(&["moderator"])
    );
    let error = rbac
        .authorize_user(
            &roles(&["stytch_user"]),
            &AuthorizationCheck::new("posts", "hide"),
        )
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Forbidden(AuthorizationError::PermissionDenied { .. })
    ));
    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), "/v1/rbac/policy");
}
