//! Decoding stays lenient when Stytch leaves out a field its API always sends, but says so:
//! once per field at WARN, or as an `Error::Decode` with strict decoding. And an empty string
//! where Stytch means "none" reads as `None`, so no one mistakes it for a credential.

use serde_json::json;
use stytch::Error;
use stytch_tests::{Captured, MockServer, Reply, PROJECT_ID, SECRET};

fn user() -> serde_json::Value {
    json!({"user_id": "user-test-1", "emails": [], "status": "active", "phone_numbers": [],
        "webauthn_registrations": [], "providers": [], "totps": [], "crypto_wallets": [],
        "biometric_registrations": [], "is_locked": false, "roles": [],
        "name": {"first_name": "Ada", "middle_name": "", "last_name": "Lovelace"}})
}

/// A `passwords.authenticate` answer as Stytch sends it without `session_duration_minutes`.
fn authenticated(user: Option<serde_json::Value>) -> serde_json::Value {
    let mut body = json!({"status_code": 200, "request_id": "request-id-test-1",
        "user_id": "user-test-1", "session_token": "", "session_jwt": "", "session": null});
    if let Some(user) = user {
        body["user"] = user;
    }
    body
}

fn client(server: &MockServer, strict: bool) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .strict_decoding(strict)
        .build()
        .unwrap()
}

async fn authenticate(
    client: &stytch::consumer::Client,
) -> Result<stytch::consumer::passwords::AuthenticateResponse, Error> {
    client
        .passwords()
        .authenticate("ada@example.com", "correct horse battery staple")
        .await
}

#[tokio::test]
async fn empty_session_credentials_read_as_none() {
    let server = MockServer::start().await;
    server.always(Reply::json(200, &authenticated(Some(user()))));

    let response = authenticate(&client(&server, true)).await.unwrap();

    assert_eq!(response.session_token, None);
    assert_eq!(response.session_jwt, None);
    assert!(response.session.is_none());
    let name = response.user.name.expect("a name");
    assert_eq!(
        name.middle_name, None,
        "an empty optional string is None too"
    );
    assert_eq!(name.first_name.as_deref(), Some("Ada"));
}

#[tokio::test]
async fn a_missing_required_field_warns_once_and_decodes_leniently() {
    // A global subscriber: a thread-scoped one can miss an event whose callsite another
    // thread registers at the same time (tracing caches callsite interest process-wide).
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
    let server = MockServer::start().await;
    server.always(Reply::json(200, &authenticated(None)));
    let client = client(&server, false);

    let first = authenticate(&client).await.unwrap();
    let second = authenticate(&client).await.unwrap();

    assert_eq!(
        first.user.user_id, "",
        "the absent user reads as its default"
    );
    assert_eq!(second.user_id, "user-test-1");
    let text = captured.text();
    let warnings: Vec<&str> = text
        .lines()
        .filter(|line| line.contains("WARN") && line.contains("AuthenticateResponse"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "once per field and process: {warnings:#?}"
    );
    assert!(
        warnings[0].contains("model=\"AuthenticateResponse\""),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("field=\"user\""), "{warnings:?}");
    assert!(
        warnings[0].contains("endpoint=\"/v1/passwords/authenticate\""),
        "{warnings:?}"
    );
}

#[tokio::test]
async fn strict_decoding_turns_a_missing_field_into_an_error_with_its_path() {
    let server = MockServer::start().await;
    server.always(Reply::json(200, &authenticated(None)));

    let error = authenticate(&client(&server, true)).await.unwrap_err();

    let Error::Decode {
        path, request_id, ..
    } = &error
    else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(path, "user");
    assert_eq!(request_id.as_deref(), Some("request-id-test-1"));
    assert!(
        error.to_string().contains("`/v1/passwords/authenticate`"),
        "{error}"
    );
}

#[tokio::test]
async fn strict_decoding_finds_nested_and_null_fields() {
    let server = MockServer::start().await;
    let mut nested = user();
    nested["emails"] = json!([{"email_id": "email-test-1", "email": "ada@example.com"}]);
    server.push(Reply::json(200, &authenticated(Some(nested))));
    let mut null = user();
    null["is_locked"] = json!(null);
    server.push(Reply::json(200, &authenticated(Some(null))));
    let client = client(&server, true);

    for expected in ["user.emails[0].verified", "user.is_locked"] {
        match authenticate(&client).await {
            Err(Error::Decode { path, .. }) => assert_eq!(path, expected),
            other => panic!("expected a decode error at {expected}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_required_timestamp_that_is_absent_is_caught_too() {
    let server = MockServer::start().await;
    let body = json!({"status_code": 200, "request_id": "request-id-test-1",
        "member_sessions": [{"member_session_id": "member-session-test-1",
            "member_id": "member-test-1", "organization_id": "organization-test-1",
            "started_at": "2026-01-02T03:04:05Z", "last_accessed_at": "2026-01-02T03:04:05Z",
            "expires_at": "", "authentication_factors": [], "roles": [],
            "organization_slug": "acme"}]});
    server.always(Reply::json(200, &body));
    let builder = |strict| {
        stytch::b2b::Client::builder(PROJECT_ID, SECRET)
            .base_url(server.url())
            .strict_decoding(strict)
            .build()
            .unwrap()
    };

    let lenient = builder(false)
        .sessions()
        .get("organization-test-1", "member-test-1")
        .await
        .unwrap();
    let strict = builder(true)
        .sessions()
        .get("organization-test-1", "member-test-1")
        .await;

    assert_eq!(
        lenient.member_sessions[0].expires_at,
        stytch::Timestamp::default(),
        "leniently, the epoch"
    );
    match strict {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "member_sessions[0].expires_at"),
        other => panic!("expected a decode error, got {other:?}"),
    }
}
