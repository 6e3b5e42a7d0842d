//! Authorization checks on `authenticate_jwt`: decided locally from the cached RBAC policy
//! when it can be had, passed to Stytch when it cannot, and never skipped.

use serde_json::json;
use std::future::IntoFuture;
use stytch::b2b::sessions::AuthorizationCheck;
use stytch::jwt::VerifiedBy;
use stytch::testing::TestKeys;
use stytch::{AuthorizationError, Error};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

const B2B_JWKS: &str = "/v1/b2b/sessions/jwks/";
const B2B_AUTHENTICATE: &str = "/v1/b2b/sessions/authenticate";

fn policy() -> stytch::models::Policy {
    serde_json::from_value(json!({
        "roles": [
            {"role_id": "editor", "description": "", "permissions": [{"resource_id": "documents", "actions": ["read", "write"]}]},
            {"role_id": "stytch_admin", "description": "", "permissions": [{"resource_id": "documents", "actions": ["*"]}]}
        ],
        "resources": [], "scopes": []
    }))
    .unwrap()
}

async fn b2b() -> (MockServer, stytch::b2b::Client, TestKeys) {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(B2B_JWKS, Reply::json(200, &keys.jwks_json(&keys.jwks())));
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    (server, client, keys)
}

fn member_jwt(keys: &TestKeys, organization_id: &str, roles: &[&str]) -> String {
    keys.member_session(PROJECT_ID, "member-test-1", organization_id)
        .roles(roles.iter().copied())
        .sign()
}

#[tokio::test]
async fn roles_are_checked_locally_against_the_cached_policy() {
    let (server, client, keys) = b2b().await;
    client.rbac().preload_policy(policy());
    client
        .rbac()
        .preload_organization_roles("organization-test-1", vec![]);
    let jwt = member_jwt(&keys, "organization-test-1", &["editor"]);

    let allowed = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(AuthorizationCheck::new(
            "organization-test-1",
            "documents",
            "write",
        ))
        .await
        .unwrap();
    let denied = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(AuthorizationCheck::new(
            "organization-test-1",
            "documents",
            "delete",
        ))
        .await
        .unwrap_err();

    assert_eq!(allowed.verified_by, VerifiedBy::Local);
    assert!(
        matches!(&denied, Error::Forbidden(AuthorizationError::PermissionDenied { action, .. }) if action == "delete"),
        "{denied:?}"
    );
    assert!(
        server.requests_to(B2B_AUTHENTICATE).is_empty(),
        "no call to Stytch on either path"
    );
}

#[tokio::test]
async fn organization_custom_roles_apply_only_in_their_organization() {
    let (_server, client, keys) = b2b().await;
    client.rbac().preload_policy(policy());
    let auditor = serde_json::from_value(json!({"role_id": "auditor", "description": "",
        "permissions": [{"resource_id": "reports", "actions": ["read"]}]}))
    .unwrap();
    client
        .rbac()
        .preload_organization_roles("organization-test-1", vec![auditor]);
    client
        .rbac()
        .preload_organization_roles("organization-test-2", vec![]);

    let in_org_1 = member_jwt(&keys, "organization-test-1", &["auditor"]);
    let in_org_2 = member_jwt(&keys, "organization-test-2", &["auditor"]);
    let check = |org: &str| AuthorizationCheck::new(org, "reports", "read");

    let (first, second) = tokio::join!(
        client
            .sessions()
            .authenticate_jwt(&in_org_1)
            .authorization_check(check("organization-test-1"))
            .into_future(),
        client
            .sessions()
            .authenticate_jwt(&in_org_2)
            .authorization_check(check("organization-test-2"))
            .into_future(),
    );
    let first = first.unwrap();
    assert_eq!(first.member_session.organization_id, "organization-test-1");
    assert_eq!(first.verified_by, VerifiedBy::Local);
    assert!(
        matches!(
            &second,
            Err(Error::Forbidden(
                AuthorizationError::PermissionDenied { resource_id, .. }
            )) if resource_id == "reports"
        ),
        "{second:?}"
    );
}

#[tokio::test]
async fn without_a_policy_the_check_goes_to_stytch_with_the_token() {
    let (server, client, keys) = b2b().await;
    server.route(
        "/v1/b2b/rbac/policy",
        Reply::json(503, &json!({"status_code": 503})),
    );
    server.route(
        B2B_AUTHENTICATE,
        Reply::json(
            200,
            &json!({"status_code": 200, "member_session": {"member_id": "member-test-1",
            "organization_id": "organization-test-1", "roles": ["editor"]},
            "verdict": {"authorized": true, "granting_roles": ["editor"]}}),
        ),
    );
    let jwt = member_jwt(&keys, "organization-test-1", &["editor"]);
    let check = AuthorizationCheck::new("organization-test-1", "documents", "read");

    let auth = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check.clone())
        .await
        .unwrap();
    let local_only = client
        .sessions()
        .authenticate_jwt_local(&jwt)
        .authorization_check(check)
        .await;

    assert_eq!(auth.verified_by, VerifiedBy::Stytch);
    let sent = server.requests_to(B2B_AUTHENTICATE);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].json()["authorization_check"],
        json!({"organization_id": "organization-test-1", "resource_id": "documents", "action": "read"})
    );
    let failure = local_only.expect_err("the local variant reports the policy failure");
    assert_eq!(
        failure.status(),
        Some(stytch::StatusCode::SERVICE_UNAVAILABLE),
        "{failure:?}"
    );
}

#[tokio::test]
async fn consumer_roles_are_checked_locally_too() {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(
        "/v1/sessions/jwks/",
        Reply::json(200, &keys.jwks_json(&keys.jwks())),
    );
    let client = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    client.rbac().preload_policy(policy());
    let jwt = keys
        .session(PROJECT_ID, "user-test-1")
        .roles(["editor"])
        .sign();
    let check =
        |action: &str| stytch::consumer::sessions::AuthorizationCheck::new("documents", action);

    let allowed = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check("read"))
        .await
        .unwrap();
    assert_eq!(allowed.session.user_id, "user-test-1");
    assert_eq!(allowed.verified_by, VerifiedBy::Local);
    let denied = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check("delete"))
        .await
        .unwrap_err();
    assert!(
        matches!(&denied, Error::Forbidden(AuthorizationError::PermissionDenied { action, .. }) if action == "delete"),
        "{denied:?}"
    );
    assert!(server.requests_to("/v1/sessions/authenticate").is_empty());
}

/// The fallback's answer for a member session, with `verdict` as given (omitted when `None`).
fn authenticate_reply(verdict: Option<serde_json::Value>) -> Reply {
    let mut body = json!({"status_code": 200, "request_id": "request-id-test-verdict",
        "member_session": {"member_id": "member-test-1", "organization_id": "organization-test-1",
            "roles": ["editor"]},
        "session_jwt": "", "session_token": ""});
    if let Some(verdict) = verdict {
        body["verdict"] = verdict;
    }
    Reply::json(200, &body)
}

/// Stytch's 200 is an allow only when its verdict confirms the check; every other 200 fails
/// closed, whichever way the policy was lost.
#[tokio::test]
async fn a_fallback_allow_needs_a_verdict_that_confirms_it() {
    let cases = [
        (None, false),
        (Some(json!(null)), false),
        (Some(json!({})), false),
        (
            Some(json!({"authorized": false, "granting_roles": []})),
            false,
        ),
        (
            Some(json!({"authorized": true, "granting_roles": []})),
            false,
        ),
        (
            Some(json!({"authorized": "yes", "granting_roles": ["editor"]})),
            false,
        ),
        (
            Some(json!({"authorized": true, "granting_roles": ["editor"]})),
            true,
        ),
    ];
    // The policy endpoint down, or up but answering without a policy.
    let policy_answers = [
        Reply::json(503, &json!({"status_code": 503})),
        Reply::json(
            200,
            &json!({"status_code": 200, "request_id": "request-id-test-p"}),
        ),
    ];
    for policy_answer in policy_answers {
        for (verdict, allowed) in cases.clone() {
            let (server, client, keys) = b2b().await;
            server.route("/v1/b2b/rbac/policy", policy_answer.clone());
            server.route(B2B_AUTHENTICATE, authenticate_reply(verdict.clone()));
            let jwt = member_jwt(&keys, "organization-test-1", &["editor"]);

            let result = client
                .sessions()
                .authenticate_jwt(&jwt)
                .authorization_check(AuthorizationCheck::new(
                    "organization-test-1",
                    "documents",
                    "read",
                ))
                .await;

            assert_eq!(server.requests_to(B2B_AUTHENTICATE).len(), 1, "{verdict:?}");
            if allowed {
                assert_eq!(result.unwrap().verified_by, VerifiedBy::Stytch);
            } else {
                // A verdict of the wrong shape cannot be read, so it cannot allow either.
                let error = result.expect_err("no confirmed verdict, no allow");
                assert!(
                    matches!(error, Error::Forbidden(AuthorizationError::NotConfirmed))
                        || matches!(&error, Error::Decode { path, .. } if path == "verdict.authorized"),
                    "{verdict:?}: {error:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_consumer_fallback_allow_needs_a_verdict_too() {
    let keys = TestKeys::new();
    let server = MockServer::publishing(&keys).await;
    server.route(
        "/v1/rbac/policy",
        Reply::json(503, &json!({"status_code": 503})),
    );
    let client = server.consumer_client();
    let jwt = keys
        .session(PROJECT_ID, "user-test-1")
        .roles(["editor"])
        .sign();
    let check = stytch::consumer::sessions::AuthorizationCheck::new("documents", "read");
    let session = json!({"session_id": "session-test-1", "user_id": "user-test-1"});

    server.route(
        "/v1/sessions/authenticate",
        Reply::json(200, &json!({"status_code": 200, "session": session})),
    );
    let without = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check.clone())
        .await;
    assert!(
        matches!(
            without,
            Err(Error::Forbidden(AuthorizationError::NotConfirmed))
        ),
        "{without:?}"
    );

    server.route(
        "/v1/sessions/authenticate",
        Reply::json(
            200,
            &json!({"status_code": 200, "session": session,
            "verdict": {"authorized": true, "granting_roles": ["editor"]}}),
        ),
    );
    let with = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check)
        .await
        .unwrap();
    assert_eq!(with.verified_by, VerifiedBy::Stytch);

    // Without an authorization check, no verdict is asked for or needed.
    server.route(
        "/v1/sessions/authenticate",
        Reply::json(200, &json!({"status_code": 200, "session": session})),
    );
    let old = keys
        .session(PROJECT_ID, "user-test-1")
        .issued_at(std::time::SystemTime::now() - std::time::Duration::from_secs(600))
        .lifetime(std::time::Duration::from_secs(3600))
        .sign();
    let plain = client.sessions().authenticate_jwt(&old).await.unwrap();
    assert_eq!(plain.verified_by, VerifiedBy::Stytch);
}

/// A policy response without a policy is an error, not an empty policy: it is neither cached
/// nor read as "no restrictions" (nor as "no roles").
#[tokio::test]
async fn a_policy_response_without_a_policy_is_not_a_policy() {
    let (server, client, _keys) = b2b().await;
    server.route(
        "/v1/b2b/rbac/policy",
        Reply::json(
            200,
            &json!({"status_code": 200, "request_id": "request-id-test-empty"}),
        ),
    );

    let error = client.rbac().cached_policy().await.unwrap_err();
    let Error::Shared(inner) = &error else {
        panic!("a cache fetch's failure is shared: {error:?}")
    };
    assert!(
        matches!(&**inner, Error::Decode { path, .. } if path == "policy"),
        "{error:?}"
    );
    assert_eq!(error.request_id(), Some("request-id-test-empty"));
    client.rbac().cached_policy().await.unwrap_err();
    assert_eq!(
        server.requests_to("/v1/b2b/rbac/policy").len(),
        2,
        "nothing was cached"
    );
}
