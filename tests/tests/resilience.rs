//! The fault matrix: how calls behave when the network or Stytch misbehaves. Each case checks
//! the attempts the server saw, the error variant, and that no POST was replayed unsafely.
//! Waits between attempts go through an injected sleep that records them and returns at once.

use serde_json::json;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stytch::{Error, RetryPolicy, StatusCode};
use stytch_tests::{fixture, Captured, MockServer, Reply, PROJECT_ID, SECRET};

/// A B2B client against `server` whose waits are recorded instead of slept.
fn recording_client(
    server: &MockServer,
    policy: RetryPolicy,
) -> (stytch::b2b::Client, Arc<Mutex<Vec<Duration>>>) {
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorder = waits.clone();
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .retry(policy)
        .sleep_with(move |wait| {
            recorder.lock().unwrap().push(wait);
            std::future::ready(())
        })
        .build()
        .unwrap();
    (client, waits)
}

fn ok() -> Reply {
    Reply::json(
        200,
        &json!({"request_id": "request-id-test-ok", "status_code": 200}),
    )
}

fn policy_ok() -> Reply {
    Reply::json(200, &fixture("seeds/b2b_rbac_policy.json"))
}

fn unavailable(status: u16) -> Reply {
    Reply::json(
        status,
        &json!({"status_code": status, "request_id": "request-id-test-busy", "error_type": "unavailable", "error_message": "Try again."}),
    )
}

async fn post(
    client: &stytch::b2b::Client,
) -> Result<stytch::b2b::passwords::email::RequireResetResponse, Error> {
    client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .await
}

async fn get(client: &stytch::b2b::Client) -> Result<stytch::b2b::rbac::PolicyResponse, Error> {
    client.rbac().policy().await
}

#[tokio::test]
async fn get_503_twice_then_200_succeeds_on_the_third_attempt() {
    let server = MockServer::start().await;
    server
        .push(unavailable(503))
        .push(unavailable(503))
        .push(policy_ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    let policy = get(&client).await.unwrap();

    assert_eq!(policy.policy.unwrap().roles[0].role_id, "stytch_admin");
    assert_eq!(server.requests().len(), 3);
    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 2);
    assert!(
        waits[0] <= Duration::from_millis(100) && waits[1] <= Duration::from_millis(200),
        "{waits:?}"
    );
}

#[tokio::test]
async fn a_post_is_not_replayed_after_a_503_or_504() {
    for status in [StatusCode::SERVICE_UNAVAILABLE, StatusCode::GATEWAY_TIMEOUT] {
        let server = MockServer::start().await;
        server.push(unavailable(status.as_u16())).push(ok());
        let (client, waits) = recording_client(&server, RetryPolicy::default());

        let error = post(&client).await.unwrap_err();

        assert_eq!(error.status(), Some(status));
        assert_eq!(error.attempts(), 1);
        assert!(error.is_server_error() && error.is_retryable());
        assert_eq!(
            server.requests().len(),
            1,
            "{status}: Stytch may have acted on the POST"
        );
        assert!(waits.lock().unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_post_that_opts_in_is_retried_after_a_503_or_504() {
    for status in [503, 504] {
        let server = MockServer::start().await;
        server.push(unavailable(status)).push(ok());
        let (client, waits) = recording_client(&server, RetryPolicy::default());

        let response = client
            .passwords()
            .email()
            .require_reset("ada@example.com")
            .assume_idempotent()
            .await
            .unwrap();

        assert_eq!(response.request_id, "request-id-test-ok");
        assert_eq!(server.requests().len(), 2, "{status}");
        assert_eq!(waits.lock().unwrap().len(), 1, "{status}");
    }
}

#[tokio::test]
async fn a_get_is_retried_after_a_504() {
    let server = MockServer::start().await;
    server.push(unavailable(504)).push(policy_ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    let policy = get(&client).await.unwrap();

    assert_eq!(policy.policy.unwrap().roles[0].role_id, "stytch_admin");
    assert_eq!(server.requests().len(), 2);
    assert_eq!(waits.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after_seconds_even_for_a_post() {
    let server = MockServer::start().await;
    server
        .push(Reply::json_with_headers(
            429,
            &[("Retry-After", "2")],
            &json!({"status_code": 429, "error_type": "too_many_requests"}),
        ))
        .push(ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    post(&client).await.unwrap();

    assert_eq!(server.requests().len(), 2);
    assert_eq!(*waits.lock().unwrap(), [Duration::from_secs(2)]);
}

#[tokio::test]
async fn a_429_retry_after_date_is_honoured() {
    let server = MockServer::start().await;
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(4));
    server
        .push(Reply::json_with_headers(
            429,
            &[("Retry-After", &at)],
            &json!({"status_code": 429}),
        ))
        .push(policy_ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    get(&client).await.unwrap();

    let waits = waits.lock().unwrap().clone();
    assert_eq!(waits.len(), 1);
    assert!(
        waits[0] >= Duration::from_secs(2) && waits[0] <= Duration::from_secs(4),
        "{waits:?}"
    );
}

#[tokio::test]
async fn a_429_asking_for_longer_than_the_cap_is_returned_at_once() {
    let server = MockServer::start().await;
    server
        .push(Reply::json_with_headers(
            429,
            &[("Retry-After", "3600")],
            &json!({"status_code": 429, "request_id": "request-id-test-429"}),
        ))
        .push(ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    let error = post(&client).await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.retry_after, Some(Duration::from_secs(3600)));
    assert!(error.is_rate_limited());
    assert_eq!(error.request_id(), Some("request-id-test-429"));
    assert_eq!(server.requests().len(), 1);
    assert!(waits.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off() {
    let server = MockServer::start().await;
    server
        .push(Reply::json(429, &json!({"status_code": 429})))
        .push(ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    post(&client).await.unwrap();

    assert_eq!(server.requests().len(), 2);
    assert!(waits.lock().unwrap()[0] <= Duration::from_millis(100));
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_is_not_waited_for() {
    let server = MockServer::start().await;
    server
        .push(Reply::json_with_headers(
            429,
            &[("Retry-After", "5")],
            &json!({"status_code": 429}),
        ))
        .push(ok());
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    let error = client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .timeout(Duration::from_secs(3))
        .await
        .unwrap_err();

    assert!(error.is_rate_limited());
    assert_eq!(server.requests().len(), 1);
    assert!(waits.lock().unwrap().is_empty(), "nothing was waited for");
}

#[tokio::test]
async fn an_html_502_on_a_get_is_retried_until_the_attempts_run_out() {
    let server = MockServer::start().await;
    server.always(Reply::with_type(
        502,
        "text/html",
        "<html><body>Bad Gateway</body></html>",
    ));
    let (client, waits) = recording_client(&server, RetryPolicy::default());

    let error = get(&client).await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, StatusCode::BAD_GATEWAY);
    assert!(api.body.as_deref().unwrap().contains("Bad Gateway"));
    assert_eq!(error.attempts(), 3);
    assert!(error.to_string().ends_with("after 3 attempts"), "{error}");
    assert_eq!(server.requests().len(), 3);
    assert_eq!(waits.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_reset_connection_is_retried_for_a_get_but_not_for_a_post() {
    let server = MockServer::start().await;
    server
        .push(Reply::Reset)
        .push(Reply::Reset)
        .push(policy_ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());
    get(&client).await.unwrap();
    assert_eq!(server.requests().len(), 3);

    let server = MockServer::start().await;
    server.push(Reply::Reset).push(ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());
    let error = post(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::Network { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

fn cut_off_body() -> Reply {
    Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"status_code\":200,\"pol".to_vec())
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_retried_for_a_get_but_not_for_a_post() {
    let server = MockServer::start().await;
    server.push(cut_off_body()).push(policy_ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());
    get(&client).await.unwrap();
    assert_eq!(server.requests().len(), 2);

    let server = MockServer::start().await;
    server.push(cut_off_body()).push(ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());
    let error = post(&client).await.unwrap_err();
    assert!(matches!(error, Error::Network { .. }), "{error:?}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn truncated_json_is_a_decode_error_and_not_retried() {
    let server = MockServer::start().await;
    server
        .push(Reply::Json(
            200,
            r#"{"status_code":200,"policy":{"roles":["#.into(),
        ))
        .push(policy_ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());

    let error = get(&client).await.unwrap_err();

    assert!(
        matches!(error, Error::Decode { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_whether_announced_or_streamed() {
    let big = "x".repeat(4096);
    let server = MockServer::start().await;
    server.push(Reply::with_type(
        200,
        "application/json",
        &format!("\"{big}\""),
    ));
    let mut chunked =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    for _ in 0..8 {
        chunked.extend_from_slice(format!("400\r\n{}\r\n", "y".repeat(1024)).as_bytes());
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    server.push(Reply::Raw(chunked));
    let small = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .max_response_bytes(1024)
        .build()
        .unwrap();

    for _ in 0..2 {
        let error = get(&small).await.unwrap_err();
        assert!(
            matches!(error, Error::ResponseTooLarge { limit: 1024, .. }),
            "{error:?}"
        );
    }
    assert_eq!(server.requests().len(), 2, "not retried");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_each_attempt() {
    let silent = || Reply::Delay(Duration::from_secs(60), Box::new(ok()));
    // Long enough that each attempt's request reaches the server before its time is up, even
    // on a loaded machine: the request counts below depend on it.
    let attempt_timeout = Duration::from_secs(1);
    let server = MockServer::start().await;
    server.always(silent());
    let (client, _) = recording_client(&server, RetryPolicy::default().max_attempts(2));

    let error = client
        .rbac()
        .policy()
        .attempt_timeout(attempt_timeout)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 2, .. }),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 2);

    let server = MockServer::start().await;
    server.always(silent());
    let (client, _) = recording_client(&server, RetryPolicy::default().max_attempts(2));
    let error = client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .attempt_timeout(attempt_timeout)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Timeout { attempts: 1, .. }),
        "{error:?}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a timed-out POST may have been processed"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let waits = Arc::new(Mutex::new(Vec::new()));
    let recorder = waits.clone();
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(format!("http://127.0.0.1:{port}"))
        .sleep_with(move |wait| {
            recorder.lock().unwrap().push(wait);
            std::future::ready(())
        })
        .build()
        .unwrap();

    let error = post(&client).await.unwrap_err();

    assert!(
        matches!(error, Error::Network { attempts: 3, .. }),
        "{error:?}"
    );
    assert_eq!(waits.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn retries_can_be_switched_off_per_client_and_per_call() {
    let server = MockServer::start().await;
    server.always(unavailable(503));
    let (client, _) = recording_client(&server, RetryPolicy::disabled());
    assert_eq!(get(&client).await.unwrap_err().attempts(), 1);

    let (client, _) = client_with_default(&server);
    let error = client
        .rbac()
        .policy()
        .retry(RetryPolicy::disabled())
        .await
        .unwrap_err();
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.requests().len(), 2);
}

fn client_with_default(server: &MockServer) -> (stytch::b2b::Client, Arc<Mutex<Vec<Duration>>>) {
    recording_client(server, RetryPolicy::default())
}

#[tokio::test]
async fn dropping_a_call_cancels_it_and_leaves_the_client_usable() {
    let server = MockServer::start().await;
    server
        .push(Reply::Delay(Duration::from_secs(30), Box::new(policy_ok())))
        .push(policy_ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());

    // Dropped once its request has arrived (its reply is 30 s away), not after a fixed time
    // in which a loaded machine might not have sent it yet.
    let mut call = Box::pin(get(&client));
    while server.requests().is_empty() {
        tokio::select! {
            result = &mut call => panic!("the call was not still waiting: {result:?}"),
            () = tokio::time::sleep(Duration::from_millis(5)) => {}
        }
    }
    drop(call);
    let policy = get(&client).await.unwrap();
    assert_eq!(policy.policy.unwrap().roles[0].role_id, "stytch_admin");
    tokio::time::sleep(Duration::from_millis(100)).await;

    assert_eq!(
        server.requests().len(),
        2,
        "nothing was sent on behalf of the dropped call"
    );
}

#[tokio::test]
async fn the_request_span_records_attempts_status_request_id_and_latency() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    server.push(unavailable(503)).push(policy_ok());
    let (client, _) = recording_client(&server, RetryPolicy::default());
    get(&client).await.unwrap();

    let logs = captured.text();
    let closed = logs
        .lines()
        .find(|line| {
            line.contains("stytch.request{")
                && !line.contains("stytch.attempt{")
                && line.contains("close")
        })
        .unwrap_or_else(|| panic!("no closed request span in:\n{logs}"));
    for expected in [
        "stytch.attempts=2",
        "http.status_code=200",
        "stytch.request_id=\"request-id-test-0e0e7e0c-7c7c-4a4a-9b9b-1a1a2b2b3c3c\"",
        "latency_ms=",
        "url.path=\"/v1/b2b/rbac/policy\"",
    ] {
        assert!(
            closed.contains(expected),
            "{expected} missing from: {closed}"
        );
    }
    assert!(
        logs.contains("stytch.attempt{attempt=1 http.status_code=503}"),
        "{logs}"
    );
    assert!(logs.contains("retrying"), "{logs}");
}
