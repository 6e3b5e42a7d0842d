//! Each verification accepts only its own kind of token, however genuine another kind is:
//! session JWTs, M2M access tokens and connected-app access tokens are all signed with the
//! project's keys, so only their claims tell them apart.

use std::time::{Duration, SystemTime};
use stytch::testing::TestKeys;
use stytch::{Error, TokenError, TokenType};
use stytch_tests::{MockServer, Reply, PROJECT_ID};

const AUTHENTICATE: &str = "/v1/sessions/authenticate";

struct Tokens {
    session: String,
    m2m: String,
    connected_app: String,
}

/// One genuine token of each kind. `age` backdates them all (each still unexpired), so that
/// a session-path check would otherwise take them to Stytch as too old.
fn tokens(keys: &TestKeys, age: Duration) -> Tokens {
    let issued = SystemTime::now() - age;
    let life = age + Duration::from_secs(3600);
    Tokens {
        session: keys
            .session(PROJECT_ID, "user-test-1")
            .issued_at(issued)
            .lifetime(life)
            .sign(),
        m2m: keys
            .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:users"])
            .issued_at(issued)
            .lifetime(life)
            .sign(),
        connected_app: keys
            .connected_app_token(
                PROJECT_ID,
                "user-test-1",
                "connected-app-test-1",
                ["openid", "read:users"],
            )
            .issued_at(issued)
            .lifetime(life)
            .sign(),
    }
}

async fn consumer() -> (MockServer, stytch::consumer::Client, TestKeys) {
    let keys = TestKeys::new();
    let server = MockServer::publishing(&keys).await;
    server.route(AUTHENTICATE, Reply::ok());
    let client = server.consumer_client();
    (server, client, keys)
}

fn wrong_type<T: std::fmt::Debug>(result: Result<T, Error>, expected: TokenType) {
    match result {
        Err(Error::Unauthenticated(TokenError::WrongTokenType { expected: got })) => {
            assert_eq!(got, expected)
        }
        other => panic!("expected a {expected} refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn each_kind_passes_its_own_check() {
    let (_server, client, keys) = consumer().await;
    let t = tokens(&keys, Duration::ZERO);

    client
        .sessions()
        .authenticate_jwt(&t.session)
        .await
        .unwrap();
    let m2m = client.m2m().authenticate_token(&t.m2m).await.unwrap();
    assert_eq!(m2m.client_id, "m2m-client-test-1");
    let app = client
        .idp()
        .introspect_access_token_local(&t.connected_app)
        .await
        .unwrap();
    assert_eq!(
        (app.subject.as_str(), app.client_id.as_str()),
        ("user-test-1", "connected-app-test-1")
    );
}

#[tokio::test]
async fn session_verification_refuses_access_tokens_without_asking_stytch() {
    let (server, client, keys) = consumer().await;
    // Ten minutes old: past the session path's max_token_age, which would send a session JWT
    // to Stytch; an access token must be refused as what it is instead.
    let t = tokens(&keys, Duration::from_secs(600));

    for token in [&t.m2m, &t.connected_app] {
        wrong_type(
            client.sessions().authenticate_jwt(token).await,
            TokenType::SessionJwt,
        );
        wrong_type(
            client.sessions().authenticate_jwt_local(token).await,
            TokenType::SessionJwt,
        );
    }
    assert!(server.requests_to(AUTHENTICATE).is_empty());
}

#[tokio::test]
async fn m2m_verification_refuses_sessions_and_connected_app_tokens() {
    let (_server, client, keys) = consumer().await;
    let t = tokens(&keys, Duration::ZERO);

    for token in [&t.session, &t.connected_app] {
        wrong_type(
            client.m2m().authenticate_token(token).await,
            TokenType::M2mAccessToken,
        );
        // With scopes required, the answer is still 401 (not a token of this kind), not 403.
        let error = client
            .m2m()
            .authenticate_token(token)
            .required_scopes(["read:users"])
            .await
            .unwrap_err();
        assert!(
            error.is_unauthenticated() && !error.is_forbidden(),
            "{error:?}"
        );
    }
    let member_token = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:users"])
        .claim(
            "https://stytch.com/organization",
            serde_json::json!({"organization_id": "organization-test-1"}),
        )
        .sign();
    wrong_type(
        client.m2m().authenticate_token(&member_token).await,
        TokenType::M2mAccessToken,
    );
    let unscoped = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", [])
        .without("scope")
        .sign();
    wrong_type(
        client.m2m().authenticate_token(&unscoped).await,
        TokenType::M2mAccessToken,
    );
}

#[tokio::test]
async fn connected_app_introspection_refuses_sessions_and_m2m_tokens() {
    let (_server, client, keys) = consumer().await;
    let t = tokens(&keys, Duration::ZERO);

    for token in [&t.session, &t.m2m] {
        wrong_type(
            client.idp().introspect_access_token_local(token).await,
            TokenType::ConnectedAppAccessToken,
        );
    }
}
