//! Secrets never show up in `Debug` output or in the SDK's tracing output.

use serde_json::json;
use stytch_tests::{fixture, Captured, MockServer, Reply, SECRET};

const PASSWORD: &str = "hunter2-correct-horse";
const SESSION_TOKEN: &str = "session-token-SECRET-mZAYn5aLEqKU";
const SESSION_JWT: &str = "eyJhbGciOiJSUzI1NiJ9.SECRET.jwt";

#[test]
fn request_debug_hides_secret_fields_and_shows_the_rest() {
    let client = stytch::b2b::Client::new("project-test-1", SECRET).unwrap();
    let call = client
        .passwords()
        .sessions()
        .reset("organization-test-1", PASSWORD)
        .session_token(SESSION_TOKEN)
        .session_jwt(SESSION_JWT);
    let shown = format!("{call:?}");

    for secret in [PASSWORD, SESSION_TOKEN, SESSION_JWT] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("organization-test-1"), "{shown}");
    assert!(shown.contains("password: <redacted>"), "{shown}");
    assert!(shown.contains("session_token: Some(<redacted>)"), "{shown}");
    assert!(shown.contains("session_duration_minutes: None"), "{shown}");
}

#[test]
fn header_secrets_are_hidden_too() {
    let request = stytch::b2b::passwords::email::RequireResetRequest {
        member_session_token: Some(SESSION_TOKEN.into()),
        ..stytch::b2b::passwords::email::RequireResetRequest::new("ada@example.com")
    };
    let shown = format!("{request:?}");
    assert!(!shown.contains(SESSION_TOKEN), "{shown}");
    assert!(shown.contains("ada@example.com"), "{shown}");
}

#[test]
fn response_debug_hides_tokens() {
    let reset: stytch::consumer::passwords::email::ResetResponse =
        serde_json::from_value(fixture("seeds/consumer_passwords_email_reset.json")).unwrap();
    let shown = format!("{reset:?}");
    assert!(
        !shown.contains("mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q"),
        "{shown}"
    );
    assert!(!shown.contains("eyJhbGciOiJSUzI1NiIsImtpZCI6"), "{shown}");
    assert!(shown.contains("ada@example.com"));

    let b2b: stytch::b2b::passwords::email::ResetResponse =
        serde_json::from_value(fixture("seeds/b2b_passwords_email_reset.json")).unwrap();
    let shown = format!("{b2b:?}");
    assert!(
        !shown.contains("SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4="),
        "{shown}"
    );
}

#[test]
fn client_debug_hides_the_project_secret() {
    let builder = stytch::consumer::Client::builder("project-test-1", SECRET);
    assert!(!format!("{builder:?}").contains(SECRET));
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains(SECRET), "{shown}");
    assert!(shown.contains("project-test-1"), "{shown}");
}

#[tokio::test]
async fn traces_record_the_request_but_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    server.push(Reply::json(
        200,
        &fixture("seeds/consumer_passwords_email_reset.json"),
    ));
    server.push(Reply::json(
        400,
        &json!({"status_code": 400, "request_id": "request-id-test-err", "error_type": "weak_password",
                "error_message": "Password too weak."}),
    ));
    let client = server.consumer_client();
    client
        .passwords()
        .sessions()
        .reset(PASSWORD)
        .session_token(SESSION_TOKEN)
        .session_jwt(SESSION_JWT)
        .await
        .unwrap();
    client
        .passwords()
        .email()
        .reset("reset-token-SECRET", PASSWORD)
        .await
        .unwrap_err();

    let logs = captured.text();
    for secret in [
        PASSWORD,
        SESSION_TOKEN,
        SESSION_JWT,
        SECRET,
        "reset-token-SECRET",
        "mZAYn5aLEqKU",
    ] {
        assert!(!logs.contains(secret), "{secret} leaked into:\n{logs}");
    }
    let basic = stytch_tests::expected_basic_auth();
    assert!(!logs.contains(basic.trim_start_matches("Basic ")), "{logs}");
    assert!(
        logs.contains("stytch.request"),
        "the request span is recorded:\n{logs}"
    );
    assert!(logs.contains("request-id-test-err"), "{logs}");
    assert!(logs.contains("weak_password"), "{logs}");
}
