//! M2M and connected-app access tokens, verified locally with scope checks.

use serde_json::json;
use std::time::{Duration, SystemTime};
use stytch::testing::TestKeys;
use stytch::{AuthorizationError, Error, TokenError};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

async fn consumer() -> (MockServer, stytch::consumer::Client, TestKeys) {
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
    (server, client, keys)
}

#[tokio::test]
async fn an_m2m_token_with_the_required_scopes_passes() {
    let (server, client, keys) = consumer().await;
    let token = keys
        .m2m_token(
            PROJECT_ID,
            "m2m-client-test-1",
            ["read:users", "write:users"],
        )
        .claim("tenant", json!("acme"))
        .sign();

    let caller = client
        .m2m()
        .authenticate_token(&token)
        .required_scopes(["read:users"])
        .await
        .unwrap();

    assert_eq!(caller.client_id, "m2m-client-test-1");
    assert_eq!(caller.scopes, ["read:users", "write:users"]);
    assert_eq!(caller.custom_claims.get("tenant"), Some(&json!("acme")));
    assert!(!caller.custom_claims.contains_key("scope"));
    assert_eq!(server.requests().len(), 1, "only the key set was fetched");
}

#[tokio::test]
async fn missing_scopes_are_forbidden_and_wildcards_cover_resources() {
    let (_server, client, keys) = consumer().await;
    let narrow = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:users"])
        .sign();
    let wide = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:*"])
        .sign();

    let error = client
        .m2m()
        .authenticate_token(&narrow)
        .required_scopes(["read:users", "delete:users"])
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Forbidden(AuthorizationError::MissingScopes { missing }) if missing == &["delete:users"]),
        "{error:?}"
    );
    assert!(error.is_forbidden());
    let wildcard = client
        .m2m()
        .authenticate_token(&wide)
        .required_scopes(["read:invoices"])
        .await
        .unwrap();
    assert_eq!(wildcard.scopes, ["read:*"]);
}

#[tokio::test]
async fn expired_or_foreign_m2m_tokens_are_unauthenticated() {
    let (_server, client, keys) = consumer().await;
    let expired = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:users"])
        .issued_at(SystemTime::now() - Duration::from_secs(3600))
        .sign();
    let other_project = keys
        .m2m_token("project-test-other", "m2m-client-test-1", ["read:users"])
        .sign();

    let expired = client.m2m().authenticate_token(&expired).await.unwrap_err();
    let other = client
        .m2m()
        .authenticate_token(&other_project)
        .await
        .unwrap_err();

    assert!(
        matches!(expired, Error::Unauthenticated(TokenError::Expired)),
        "{expired:?}"
    );
    assert!(
        matches!(other, Error::Unauthenticated(TokenError::WrongIssuer(_))),
        "{other:?}"
    );
    assert!(other.is_unauthenticated());
}

#[tokio::test]
async fn m2m_custom_claims_decode_into_the_callers_type() {
    #[derive(serde::Deserialize)]
    struct Tenant {
        tenant: String,
    }
    let (_server, client, keys) = consumer().await;
    let token = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:users"])
        .claim("tenant", json!("acme"))
        .sign();

    let caller = client
        .m2m()
        .authenticate_token(token)
        .custom_claims::<Tenant>()
        .await
        .unwrap();

    assert_eq!(caller.custom_claims.tenant, "acme");
}

#[tokio::test]
async fn connected_app_access_tokens_are_introspected_locally() {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(
        "/v1/b2b/sessions/jwks/",
        Reply::json(200, &keys.jwks_json(&keys.jwks())),
    );
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    let token = keys
        .connected_app_token(
            PROJECT_ID,
            "member-test-1",
            "connected-app-client-test-1",
            ["openid", "email", "read:documents"],
        )
        .sign();

    let introspected = client
        .idp()
        .introspect_access_token_local(&token)
        .required_scopes(["read:documents"])
        .await
        .unwrap();

    assert_eq!(introspected.subject, "member-test-1");
    assert_eq!(introspected.client_id, "connected-app-client-test-1");
    assert!(
        !introspected.custom_claims.contains_key("client_id"),
        "the client is a field, not a custom claim"
    );
    assert_eq!(introspected.issuer, format!("stytch.com/{PROJECT_ID}"));
    assert_eq!(introspected.audience, [PROJECT_ID]);
    assert!(introspected.expires_at > introspected.issued_at);
    let debug = format!("{:?}", client.idp().introspect_access_token_local(&token));
    assert!(
        !debug.contains(&token[..20]),
        "the token is redacted: {debug}"
    );
}

#[tokio::test]
async fn network_introspection_sends_the_client_credentials_and_reads_the_verdict() {
    let server = MockServer::start().await;
    server.push(Reply::json(
        200,
        &json!({"request_id": "request-id-test-1", "status_code": 200, "active": true,
            "scope": "openid read:documents", "client_id": "connected-app-client-test-1",
            "token_type": "access_token", "exp": 1_900_000_000, "iat": 1_899_996_400,
            "sub": "member-test-1", "iss": "stytch.com/project-test-1", "aud": ["project-test-1"]}),
    ));
    server.push(Reply::json(
        200,
        &json!({"request_id": "request-id-test-2", "status_code": 200, "active": false}),
    ));
    let client = server.b2b_client();

    let active = client
        .idp()
        .introspect_token_network("access-token-value", "connected-app-client-test-1")
        .client_secret("client-secret-value")
        .token_type_hint("access_token")
        .await
        .unwrap();
    let inactive = client
        .idp()
        .introspect_token_network("revoked", "connected-app-client-test-1")
        .await
        .unwrap();

    assert!(active.active);
    assert_eq!(active.scope.as_deref(), Some("openid read:documents"));
    assert_eq!(active.exp, Some(1_900_000_000));
    assert!(!inactive.active);
    let requests = server.requests();
    // RFC 7662: a form-encoded body, at the project's public path on Stytch's API hosts.
    assert_eq!(
        requests[0].target,
        format!("/v1/public/{PROJECT_ID}/oauth2/introspect")
    );
    assert_eq!(
        requests[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        requests[0].form(),
        [
            pair("token", "access-token-value"),
            pair("client_id", "connected-app-client-test-1"),
            pair("client_secret", "client-secret-value"),
            pair("token_type_hint", "access_token"),
        ]
    );
    assert_eq!(
        requests[1].form(),
        [
            pair("token", "revoked"),
            pair("client_id", "connected-app-client-test-1")
        ]
    );
}

#[tokio::test]
async fn network_introspection_encodes_reserved_characters_in_the_form() {
    let server = MockServer::start().await;
    server.push(Reply::json(200, &json!({"active": false})));
    let client = server.consumer_client();

    client
        .idp()
        .introspect_token_network("a+b=c&d e/é", "client id&x=1")
        .await
        .unwrap();

    let request = &server.requests()[0];
    assert_eq!(
        request.form(),
        [
            ("token".to_owned(), "a+b=c&d e/é".to_owned()),
            ("client_id".to_owned(), "client id&x=1".to_owned()),
        ]
    );
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        "token=a%2Bb%3Dc%26d+e%2F%C3%A9&client_id=client+id%26x%3D1"
    );
}
