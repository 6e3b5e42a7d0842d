//! Every way a call can fail maps to a typed error that keeps what is known.

use serde_json::json;
use std::time::Duration;
use stytch::{Error, StatusCode};
use stytch_tests::{MockServer, Reply};

async fn reset_start_against(reply: Reply) -> Error {
    let server = MockServer::start().await;
    server.push(reply);
    server
        .consumer_client()
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .expect_err("the call must fail")
}

#[tokio::test]
async fn json_error_body_keeps_every_stytch_field() {
    let error = reset_start_against(Reply::json(
        400,
        &json!({
            "status_code": 400,
            "request_id": "request-id-test-55c9a9d1",
            "error_type": "weak_password",
            "error_message": "Password does not meet the strength requirements.",
            "error_url": "https://stytch.com/docs/api/errors/400#weak_password",
            "error_details": {"zxcvbn": {"score": 1}}
        }),
    ))
    .await;

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.request_id.as_deref(), Some("request-id-test-55c9a9d1"));
    assert_eq!(api.error_type.as_deref(), Some("weak_password"));
    assert_eq!(
        api.error_url.as_deref(),
        Some("https://stytch.com/docs/api/errors/400#weak_password")
    );
    assert_eq!(api.error_details, Some(json!({"zxcvbn": {"score": 1}})));
    assert_eq!(api.body, None);
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(error.request_id(), Some("request-id-test-55c9a9d1"));
    assert_eq!(error.error_type(), Some("weak_password"));
    assert!(!error.is_retryable());
    assert_eq!(
        error.to_string(),
        "Stytch answered 400 Bad Request (weak_password): Password does not meet the strength requirements. \
         [request request-id-test-55c9a9d1]"
    );
}

#[tokio::test]
async fn html_502_keeps_status_and_an_excerpt() {
    let error = reset_start_against(Reply::with_type(
        502,
        "text/html",
        "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>upstream unavailable</body>\n</html>",
    ))
    .await;

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::BAD_GATEWAY);
    assert!(api
        .body
        .as_deref()
        .unwrap()
        .contains("upstream unavailable"));
    assert_eq!(api.error_type, None);
    assert!(error.is_retryable());
    assert!(
        error
            .to_string()
            .starts_with("Stytch answered 502 Bad Gateway: <html>"),
        "{error}"
    );
}

#[tokio::test]
async fn empty_503_keeps_the_status() {
    let error = reset_start_against(Reply::with_type(503, "text/plain", "")).await;

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(api.body.as_deref(), Some(""));
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "Stytch answered 503 Service Unavailable");
}

#[tokio::test]
async fn truncated_error_json_is_kept_as_an_excerpt() {
    let error = reset_start_against(Reply::Json(
        400,
        r#"{"status_code":400,"request_id":"request-id-test-7","error_type":"weak_pa"#.into(),
    ))
    .await;

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.error_type, None);
    assert!(api
        .body
        .as_deref()
        .unwrap()
        .starts_with(r#"{"status_code":400"#));
}

#[tokio::test]
async fn long_error_bodies_are_cut() {
    let page = "x".repeat(10_000);
    let error = reset_start_against(Reply::with_type(500, "text/plain", &page)).await;
    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        api.body.as_ref().unwrap().len(),
        stytch::ApiError::BODY_EXCERPT_LEN
    );
}

#[tokio::test]
async fn truncated_success_json_is_a_decode_error() {
    let error = reset_start_against(Reply::Json(
        200,
        r#"{"status_code":200,"user_id":"user-te"#.into(),
    ))
    .await;
    assert!(
        matches!(error, Error::Decode { status, .. } if status == StatusCode::OK),
        "{error:?}"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn html_with_success_status_is_a_decode_error() {
    let error = reset_start_against(Reply::with_type(
        200,
        "text/html",
        "<html>maintenance</html>",
    ))
    .await;
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn a_dropped_connection_is_a_network_error() {
    let error = reset_start_against(Reply::Hangup).await;
    assert!(
        matches!(error, Error::Network { attempts: 1, .. }),
        "{error:?}"
    );
    assert!(error.is_retryable());
    assert!(
        std::error::Error::source(&error).is_some(),
        "the cause is kept as the source"
    );
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    // Bind a port, then free it: nothing listens there any more.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = stytch::consumer::Client::builder(stytch_tests::PROJECT_ID, stytch_tests::SECRET)
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();

    let error = client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .retry(stytch::RetryPolicy::disabled())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Network { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout() {
    let server = MockServer::start().await;
    server.push(Reply::Delay(
        Duration::from_secs(5),
        Box::new(Reply::json(200, &json!({}))),
    ));

    let error = server
        .consumer_client()
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .timeout(Duration::from_millis(100))
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    assert!(error.is_retryable());
    assert_eq!(error.to_string(), "the request to Stytch timed out");
}

#[tokio::test]
async fn the_client_timeout_applies_without_an_override() {
    let server = MockServer::start().await;
    server.push(Reply::Delay(
        Duration::from_secs(5),
        Box::new(Reply::json(200, &json!({}))),
    ));
    let client = stytch::consumer::Client::builder(stytch_tests::PROJECT_ID, stytch_tests::SECRET)
        .base_url(server.url())
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();

    let error = client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
}

#[test]
fn bad_configuration_is_reported_by_build() {
    let cases = [
        ("", "secret", None),
        ("project-test-1", " ", None),
        ("project-test-1", "secret", Some("not a url")),
        ("project-test-1", "secret", Some("ftp://example.com")),
        ("project-test-1", "secret", Some("https://example.com/?x=1")),
        ("project-test-1", "secret\n", None),
    ];
    for (project_id, secret, base_url) in cases {
        let mut builder = stytch::consumer::Client::builder(project_id, secret);
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        let error = builder.build().unwrap_err();
        assert!(
            matches!(error, Error::Config(_)),
            "{project_id:?} {base_url:?}: {error:?}"
        );
        assert!(!error.to_string().contains("secret\n"));
    }
}

#[test]
fn live_and_test_projects_get_their_hosts() {
    let live = stytch::b2b::Client::new("project-live-1", "secret-live-1").unwrap();
    let test = stytch::b2b::Client::new("project-test-1", "secret-test-1").unwrap();
    let custom = stytch::consumer::Client::builder("project-live-1", "secret-live-1")
        .base_url("https://login.example.com/")
        .build()
        .unwrap();
    assert_eq!(live.base_url(), "https://api.stytch.com");
    assert_eq!(test.base_url(), "https://test.stytch.com");
    assert_eq!(custom.base_url(), "https://login.example.com");
}
