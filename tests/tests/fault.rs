//! Every error maps to whose mistake it is and the status a service should answer with; a
//! wrong project secret never passes for the end user's fault.

use serde_json::json;
use std::time::{Duration, SystemTime};
use stytch::testing::TestKeys;
use stytch::{Error, Fault, StatusCode, TokenError};
use stytch_tests::{MockServer, Reply, PROJECT_ID};

const WHOAMI: &str = "/v1/debug/whoami";
const AUTHENTICATE: &str = "/v1/passwords/authenticate";

fn stytch_error(status: u16, error_type: &str) -> Reply {
    Reply::json(
        status,
        &json!({"status_code": status, "request_id": "request-id-test-err",
            "error_type": error_type, "error_message": format!("{error_type} happened")}),
    )
}

fn whoami_ok() -> Reply {
    Reply::json(
        200,
        &json!({"status_code": 200, "request_id": "request-id-test-who",
            "project_id": PROJECT_ID, "name": "Test project"}),
    )
}

async fn password_login(client: &stytch::consumer::Client) -> Error {
    client
        .passwords()
        .authenticate("ada@example.com", "not the password")
        .await
        .unwrap_err()
}

#[tokio::test]
async fn a_wrong_password_is_the_callers_fault_once_the_project_is_known_good() {
    let server = MockServer::start().await;
    server.route(AUTHENTICATE, stytch_error(401, "unauthorized_credentials"));
    server.route(WHOAMI, whoami_ok());
    let client = server.consumer_client();

    for _ in 0..3 {
        let error = password_login(&client).await;
        assert_eq!(
            error.fault(),
            Fault::Caller(StatusCode::UNAUTHORIZED),
            "{error:?}"
        );
        assert!(error.is_unauthenticated() && error.is_auth_failure());
        assert!(
            !error.is_safe_to_show(),
            "which of email or password failed stays hidden"
        );
        let Error::Api(api) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(api.endpoint, AUTHENTICATE);
        assert!(!api.refuses_our_credentials());
    }
    assert_eq!(
        server.requests_to(WHOAMI).len(),
        1,
        "the project's credentials are checked once per client"
    );
}

#[tokio::test]
async fn a_wrong_project_secret_never_looks_like_the_users_fault() {
    let server = MockServer::start().await;
    server.route(AUTHENTICATE, stytch_error(401, "unauthorized_credentials"));
    server.route(WHOAMI, stytch_error(401, "unauthorized_credentials"));
    let client = server.consumer_client();

    for _ in 0..2 {
        let error = password_login(&client).await;
        assert_eq!(
            error.fault(),
            Fault::Service(StatusCode::INTERNAL_SERVER_ERROR),
            "{error:?}"
        );
        assert!(!error.is_unauthenticated() && !error.is_auth_failure());
        let Error::Api(api) = &error else {
            panic!("{error:?}")
        };
        assert!(api.refuses_our_credentials());
    }
    assert_eq!(server.requests_to(WHOAMI).len(), 1, "remembered once known");

    // An endpoint without any end-user credential needs no check: its 401 is the project's.
    server.route("/v1/users/", stytch_error(401, "unauthorized_credentials"));
    let error = client.users().get("user-test-1").await.unwrap_err();
    assert_eq!(
        error.fault(),
        Fault::Service(StatusCode::INTERNAL_SERVER_ERROR)
    );
}

#[tokio::test]
async fn when_the_check_cannot_tell_the_error_stays_ours() {
    let server = MockServer::start().await;
    server.route(AUTHENTICATE, stytch_error(401, "unauthorized_credentials"));
    server.route(WHOAMI, stytch_error(503, "internal_server_error"));
    let client = server.consumer_client();

    let error = password_login(&client).await;
    assert!(!error.fault().is_caller(), "{error:?}");

    server.route(WHOAMI, whoami_ok());
    let error = password_login(&client).await;
    assert_eq!(error.fault(), Fault::Caller(StatusCode::UNAUTHORIZED));
    assert_eq!(
        server.requests_to(WHOAMI).len(),
        2,
        "no answer is not remembered"
    );
}

#[tokio::test]
async fn error_types_that_only_mean_the_projects_credentials_need_no_check() {
    let server = MockServer::start().await;
    server.route(WHOAMI, whoami_ok());
    let client = server.consumer_client();
    for (status, error_type) in [
        (401, "invalid_secret_authentication"),
        (401, "unauthorized_credentials_homepage"),
        (400, "invalid_project_id_authentication"),
    ] {
        server.route(AUTHENTICATE, stytch_error(status, error_type));
        let error = password_login(&client).await;
        assert_eq!(
            error.fault(),
            Fault::Service(StatusCode::INTERNAL_SERVER_ERROR),
            "{error_type}"
        );
    }
    assert!(server.requests_to(WHOAMI).is_empty());
}

/// What a service answers for each of Stytch's answers, on a credential endpoint and elsewhere.
#[tokio::test]
async fn the_status_table() {
    let server = MockServer::start().await;
    server.route(WHOAMI, whoami_ok());
    let client = server.consumer_client();
    let rows: [(Reply, bool, Fault, bool); 11] = [
        // (Stytch's answer, on the credential endpoint?, fault, safe to show)
        (stytch_error(400, "weak_password"), true, Fault::Caller(StatusCode::BAD_REQUEST), true),
        (stytch_error(404, "email_not_found"), true, Fault::Caller(StatusCode::UNAUTHORIZED), false),
        (stytch_error(404, "user_not_found"), false, Fault::Caller(StatusCode::NOT_FOUND), false),
        (stytch_error(403, "session_authorization_error"), true, Fault::Caller(StatusCode::FORBIDDEN), false),
        (stytch_error(429, "too_many_requests"), true, Fault::Caller(StatusCode::TOO_MANY_REQUESTS), true),
        (stytch_error(409, "duplicate_email"), false, Fault::Caller(StatusCode::BAD_REQUEST), true),
        (stytch_error(500, "internal_server_error"), true, Fault::Service(StatusCode::SERVICE_UNAVAILABLE), false),
        (Reply::with_type(502, "text/html", "<html>Bad Gateway</html>"), false, Fault::Service(StatusCode::SERVICE_UNAVAILABLE), false),
        (Reply::with_type(404, "text/plain", "404 page not found"), false, Fault::Service(StatusCode::BAD_GATEWAY), false),
        (Reply::with_type(200, "application/json", "{\"user_id\": 7}"), false, Fault::Service(StatusCode::BAD_GATEWAY), false),
        (Reply::Raw(b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n".to_vec()), false, Fault::Service(StatusCode::BAD_GATEWAY), false),
    ];
    for (reply, credential_endpoint, fault, safe) in rows {
        let error = if credential_endpoint {
            server.route(AUTHENTICATE, reply);
            password_login(&client).await
        } else {
            server.route("/v1/users/", reply);
            client
                .users()
                .get("user-test-1")
                .retry(stytch::RetryPolicy::disabled())
                .await
                .unwrap_err()
        };
        assert_eq!(error.fault(), fault, "{error:?}");
        assert_eq!(error.is_safe_to_show(), safe, "{error:?}");
    }
}

#[tokio::test]
async fn local_failures_have_their_status_too() {
    let keys = TestKeys::new();
    let server = MockServer::publishing(&keys).await;
    let client = server.consumer_client();

    let forged = client
        .sessions()
        .authenticate_jwt("a.b.c")
        .await
        .unwrap_err();
    assert_eq!(forged.fault(), Fault::Caller(StatusCode::UNAUTHORIZED));
    let m2m = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:a"])
        .sign();
    let scoped = client
        .m2m()
        .authenticate_token(m2m)
        .required_scopes(["write:a"])
        .await
        .unwrap_err();
    assert_eq!(scoped.fault(), Fault::Caller(StatusCode::FORBIDDEN));
    assert!(
        !scoped.is_safe_to_show(),
        "which scopes are missing is not for the caller"
    );
    let invalid = client.users().get("..").await.unwrap_err();
    assert_eq!(invalid.fault(), Fault::Caller(StatusCode::BAD_REQUEST));

    let down = MockServer::start().await;
    down.always(Reply::json(503, &json!({"status_code": 503})));
    let cold = down.consumer_client();
    let unavailable = cold
        .sessions()
        .authenticate_jwt(keys.session(PROJECT_ID, "user-test-1").sign())
        .await
        .unwrap_err();
    assert!(
        matches!(unavailable, Error::KeysUnavailable(_)),
        "{unavailable:?}"
    );
    assert_eq!(
        unavailable.fault(),
        Fault::Service(StatusCode::SERVICE_UNAVAILABLE)
    );
}

/// On the fallback path, Stytch's "this session is gone" is an authentication failure with a
/// reason, not a 404.
#[tokio::test]
async fn a_session_stytch_no_longer_has_is_unauthenticated() {
    let keys = TestKeys::new();
    let server = MockServer::publishing(&keys).await;
    let client = server.consumer_client();
    let old = keys
        .session(PROJECT_ID, "user-test-1")
        .issued_at(SystemTime::now() - Duration::from_secs(600))
        .lifetime(Duration::from_secs(3600))
        .sign();

    server.route(
        "/v1/sessions/authenticate",
        stytch_error(404, "session_not_found"),
    );
    let ended = client.sessions().authenticate_jwt(&old).await.unwrap_err();
    assert!(
        matches!(ended, Error::Unauthenticated(TokenError::SessionNotFound)),
        "{ended:?}"
    );
    assert!(ended.is_unauthenticated());

    server.route(
        "/v1/sessions/authenticate",
        stytch_error(400, "unable_to_parse_session_jwt"),
    );
    let refused = client.sessions().authenticate_jwt(&old).await.unwrap_err();
    assert!(
        matches!(&refused, Error::Unauthenticated(TokenError::RefusedByStytch(t)) if t == "unable_to_parse_session_jwt"),
        "{refused:?}"
    );

    server.route(
        "/v1/sessions/authenticate",
        stytch_error(500, "internal_server_error"),
    );
    let down = client.sessions().authenticate_jwt(&old).await.unwrap_err();
    assert!(
        !down.fault().is_caller(),
        "Stytch failing is not a logout: {down:?}"
    );
}
