//! Hostile and broken input, key outages and a cold-cache stampede, against a loopback Stytch
//! that publishes test keys and counts what it is asked.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::*;
use serde_json::json;
use std::time::{Duration, SystemTime};
use stytch::testing::{TestKey, TestKeys};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

const JWKS: &str = "/v1/sessions/jwks/";

async fn setup() -> (MockServer, TestKeys, String) {
    let keys = TestKeys::new();
    let stytch = MockServer::publishing(&keys).await;
    stytch.route(
        "/v1/sessions/authenticate",
        Reply::json(
            404,
            &json!({"status_code": 404, "request_id": "request-id-test-1",
                "error_type": "session_not_found", "error_message": "No session."}),
        ),
    );
    let service = serve(router(auth(&stytch.url(), PROJECT_ID, SECRET).build())).await;
    (stytch, keys, service)
}

#[tokio::test]
async fn a_valid_session_passes_by_cookie_and_by_bearer() {
    let (_stytch, keys, service) = setup().await;
    let jwt = keys.session(PROJECT_ID, "user-test-1").sign();

    for header in [("cookie", cookie(&jwt)), ("authorization", bearer(&jwt))] {
        let (status, body, _) =
            get_with(&format!("{service}/me"), &[(header.0, header.1.as_bytes())]).await;
        assert_eq!((status, body.as_str()), (200, "user-test-1"));
    }
}

#[tokio::test]
async fn forged_expired_foreign_and_unsigned_tokens_get_401() {
    let (stytch, keys, service) = setup().await;
    let good = keys.session(PROJECT_ID, "user-test-1").sign();
    let (signed, _) = good.rsplit_once('.').unwrap();
    let forged = format!("{signed}.{}", URL_SAFE_NO_PAD.encode([9u8; 256]));
    let expired = keys
        .session(PROJECT_ID, "user-test-1")
        .issued_at(SystemTime::now() - Duration::from_secs(3600))
        .sign();
    let foreign = keys.session("project-test-other", "user-test-1").sign();
    let payload = good.split('.').nth(1).unwrap();
    let unsigned = format!(
        "{}.{payload}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","kid":"jwk-test-primary"}"#)
    );
    let other_key = keys
        .session(PROJECT_ID, "user-test-1")
        .key(TestKey::Rotated)
        .sign();

    for token in [
        &forged,
        &expired,
        &foreign,
        &unsigned,
        &other_key,
        &"garbage".to_owned(),
    ] {
        for header in [("cookie", cookie(token)), ("authorization", bearer(token))] {
            let answer =
                get_with(&format!("{service}/me"), &[(header.0, header.1.as_bytes())]).await;
            assert_unauthenticated(&answer, token);
        }
    }
    assert_unauthenticated(&get_with(&format!("{service}/me"), &[]).await, "");
    assert_eq!(
        stytch.requests_to("/v1/sessions/authenticate").len(),
        2,
        "only the genuine expired token was worth asking Stytch about (by cookie and by bearer)"
    );
}

#[tokio::test]
async fn unreadable_input_gets_401_and_never_a_panic() {
    let (_stytch, keys, service) = setup().await;
    let jwt = keys.session(PROJECT_ID, "user-test-1").sign();
    let url = format!("{service}/me");
    let big = format!(
        "stytch_session_jwt={jwt}; padding={}",
        "x".repeat(17 * 1024)
    );
    let cases: Vec<Vec<(&str, Vec<u8>)>> = vec![
        vec![("authorization", b"Bearer \xff\xfe\xfd".to_vec())],
        vec![("cookie", b"stytch_session_jwt=\xc3\x28".to_vec())],
        vec![("cookie", big.into_bytes())],
        vec![
            ("authorization", bearer(&jwt).into_bytes()),
            ("authorization", bearer(&jwt).into_bytes()),
        ],
        vec![(
            "cookie",
            format!("stytch_session_jwt={jwt}; stytch_session_jwt=other").into_bytes(),
        )],
        vec![("authorization", b"Bearer".to_vec())],
    ];
    for case in &cases {
        let headers: Vec<(&str, &[u8])> = case.iter().map(|(n, v)| (*n, v.as_slice())).collect();
        let answer = get_with(&url, &headers).await;
        assert_unauthenticated(&answer, &jwt);
    }
    // The service is still up.
    let (status, _, _) = get_with(&url, &[("cookie", cookie(&jwt).as_bytes())]).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn optional_sessions_read_as_anonymous() {
    let (_stytch, keys, service) = setup().await;
    let url = format!("{service}/maybe");
    let jwt = keys.session(PROJECT_ID, "user-test-1").sign();

    assert_eq!(get_with(&url, &[]).await.1, "anonymous");
    assert_eq!(
        get_with(&url, &[("cookie", b"stytch_session_jwt=junk")])
            .await
            .1,
        "anonymous"
    );
    assert_eq!(
        get_with(&url, &[("cookie", cookie(&jwt).as_bytes())])
            .await
            .1,
        "user-test-1"
    );
}

#[tokio::test]
async fn with_the_key_endpoint_down_a_warm_cache_serves_and_a_cold_one_says_503() {
    let (stytch, keys, service) = setup().await;
    let url = format!("{service}/me");
    let first = keys.session(PROJECT_ID, "user-test-1").sign();
    assert_eq!(
        get_with(&url, &[("cookie", cookie(&first).as_bytes())])
            .await
            .0,
        200
    );

    stytch.route(JWKS, Reply::json(503, &json!({"status_code": 503})));
    let second = keys.session(PROJECT_ID, "user-test-2").sign();
    let (status, body, _) = get_with(&url, &[("cookie", cookie(&second).as_bytes())]).await;
    assert_eq!(
        (status, body.as_str()),
        (200, "user-test-2"),
        "warm keys keep serving"
    );

    let cold = serve(router(auth(&stytch.url(), PROJECT_ID, SECRET).build())).await;
    let (status, body, headers) = get_with(
        &format!("{cold}/me"),
        &[("cookie", cookie(&second).as_bytes())],
    )
    .await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body, "{\"error\":\"unavailable\"}");
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("5")
    );
}

#[tokio::test]
async fn a_thousand_concurrent_requests_on_a_cold_cache_fetch_the_keys_once() {
    raise_fd_limit();
    let (stytch, keys, service) = setup().await;
    let url = format!("{service}/me");
    let http = http();
    let mut requests = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let jwt = keys.session(PROJECT_ID, &format!("user-test-{i}")).sign();
        let (http, url) = (http.clone(), url.clone());
        requests.spawn(async move {
            let response = http.get(&url).header("cookie", cookie(&jwt)).send().await?;
            Ok::<_, reqwest::Error>((response.status().as_u16(), response.text().await?, i))
        });
    }
    while let Some(done) = requests.join_next().await {
        let (status, body, i) = done.unwrap().expect("the request completes");
        assert_eq!((status, body), (200, format!("user-test-{i}")));
    }
    assert_eq!(stytch.requests_to(JWKS).len(), 1);
}

#[tokio::test]
async fn the_rejection_hook_answers_instead() {
    let keys = TestKeys::new();
    let stytch = MockServer::publishing(&keys).await;
    let auth = auth(&stytch.url(), PROJECT_ID, SECRET)
        .on_rejection(|rejection| {
            axum::response::IntoResponse::into_response((
                rejection.status(),
                format!("custom {:?}", rejection.kind()),
            ))
        })
        .build();
    let service = serve(router(auth)).await;

    let (status, body, _) = get_with(&format!("{service}/me"), &[]).await;
    assert_eq!((status, body.as_str()), (401, "custom Unauthenticated"));
}

#[tokio::test]
async fn m2m_callers_need_a_bearer_token_with_the_scopes() {
    let (_stytch, keys, service) = setup().await;
    let read = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-1", ["read:orders"])
        .sign();
    let other = keys
        .m2m_token(PROJECT_ID, "m2m-client-test-2", ["write:orders"])
        .sign();
    let session = keys.session(PROJECT_ID, "user-test-1").sign();

    let ok = get_with(
        &format!("{service}/orders"),
        &[("authorization", bearer(&read).as_bytes())],
    )
    .await;
    assert_eq!((ok.0, ok.1.as_str()), (200, "m2m-client-test-1"));
    let (status, body, headers) = get_with(
        &format!("{service}/orders"),
        &[("authorization", bearer(&other).as_bytes())],
    )
    .await;
    assert_eq!((status, body.as_str()), (403, "{\"error\":\"forbidden\"}"));
    assert_eq!(
        headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer error=\"insufficient_scope\", scope=\"read:orders\"")
    );
    let any = get_with(
        &format!("{service}/caller"),
        &[("authorization", bearer(&other).as_bytes())],
    )
    .await;
    assert_eq!((any.0, any.1.as_str()), (200, "m2m-client-test-2"));
    // A session JWT is not an M2M token, and an M2M token in a cookie is not read.
    assert_unauthenticated(
        &get_with(
            &format!("{service}/caller"),
            &[("authorization", bearer(&session).as_bytes())],
        )
        .await,
        &session,
    );
    assert_unauthenticated(
        &get_with(
            &format!("{service}/caller"),
            &[("cookie", cookie(&read).as_bytes())],
        )
        .await,
        &read,
    );
}
