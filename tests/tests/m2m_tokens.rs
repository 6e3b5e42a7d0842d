//! M2M tokens: the token request on the wire, and the provider's cache (one fetch under
//! concurrency, refresh before expiry, invalidation, one entry per scope set).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stytch::consumer::m2m::{M2mTokenProvider, TokenRequest};
use stytch::{Error, RetryPolicy};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

const CLIENT_ID: &str = "m2m-client-test-d4c1a7e2-5b3f-4e19-9a0c-7f6e5d4c3b2a";
const CLIENT_SECRET: &str = "m2m-secret-test-Zx81kLq0pW3vN7sY2tR5uE9oI4aD6fG";

fn token_path() -> String {
    format!("/v1/public/{PROJECT_ID}/oauth2/token")
}

fn token_reply(access_token: &str, expires_in: i64) -> Reply {
    Reply::json(
        200,
        &serde_json::json!({
            "status_code": 200,
            "request_id": "request-id-test-2f0c9b8a-7d6e-4c5b-a4f3-e2d1c0b9a8f7",
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": expires_in,
        }),
    )
}

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

fn client(server: &MockServer) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap()
}

fn provider(server: &MockServer, clock: &TestClock) -> M2mTokenProvider {
    let clock = clock.clone();
    M2mTokenProvider::builder(&client(server), CLIENT_ID, CLIENT_SECRET)
        .clock(move || clock.now())
        .build()
}

#[tokio::test]
async fn the_token_request_uses_client_credentials_and_space_separated_scopes() {
    let server = MockServer::start().await;
    server.push(token_reply("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", 3600));
    let token = client(&server)
        .m2m()
        .token(CLIENT_ID, CLIENT_SECRET)
        .scopes(["read:users", "write:users"])
        .await
        .unwrap();
    assert_eq!(token.access_token, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    assert_eq!(token.token_type, "bearer");
    assert_eq!(token.expires_in, 3600);
    assert!(!format!("{token:?}").contains("eyJ"), "{token:?}");

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.path(), token_path());
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded"),
        "the client credentials grant is a form post (RFC 6749, section 4.4)"
    );
    assert_eq!(
        request.form(),
        [
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("scope", "read:users write:users"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[tokio::test]
async fn without_scopes_no_scope_key_is_sent() {
    let server = MockServer::start().await;
    server.always(token_reply("token-a", 3600));
    let client = client(&server);
    client.m2m().token(CLIENT_ID, CLIENT_SECRET).await.unwrap();
    client
        .m2m()
        .token(CLIENT_ID, CLIENT_SECRET)
        .scopes(Vec::<String>::new())
        .await
        .unwrap();
    for request in server.requests() {
        let keys: Vec<String> = request.form().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["grant_type", "client_id", "client_secret"]);
    }
}

#[tokio::test]
async fn form_values_survive_reserved_characters() {
    let server = MockServer::start().await;
    server.always(token_reply("token-a", 3600));
    let secret = "s3cr&t=+%/é ~";
    client(&server)
        .m2m()
        .token("m2m client&id", secret)
        .scopes(["read:a+b", "write:c=d"])
        .await
        .unwrap();
    let form = server.single_request().form();
    assert_eq!(
        form[1],
        ("client_id".to_owned(), "m2m client&id".to_owned())
    );
    assert_eq!(form[2], ("client_secret".to_owned(), secret.to_owned()));
    assert_eq!(
        form[3],
        ("scope".to_owned(), "read:a+b write:c=d".to_owned())
    );
}

#[tokio::test]
async fn a_scope_with_whitespace_is_refused_before_sending() {
    let server = MockServer::start().await;
    let error = client(&server)
        .m2m()
        .token(CLIENT_ID, CLIENT_SECRET)
        .scopes(["read:users write:users"])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidArgument {
                field: "scopes",
                ..
            }
        ),
        "{error:?}"
    );
    let provider = provider(&server, &TestClock::new());
    for bad in [&[""][..], &["read:users\t"], &["a b"]] {
        assert!(matches!(
            provider.get(bad).await,
            Err(Error::InvalidArgument { .. })
        ));
    }
    assert!(server.requests().is_empty());
}

#[test]
fn secrets_stay_out_of_debug() {
    let request = TokenRequest::new(PROJECT_ID, CLIENT_ID, CLIENT_SECRET);
    let debug = format!("{request:?}");
    assert!(!debug.contains(CLIENT_SECRET), "{debug}");
    assert!(debug.contains(CLIENT_ID));
}

#[tokio::test]
async fn a_hundred_concurrent_gets_cause_one_fetch() {
    let server = MockServer::start().await;
    server.route(
        &token_path(),
        Reply::Delay(
            Duration::from_millis(100),
            Box::new(token_reply("token-shared", 3600)),
        ),
    );
    let provider = provider(&server, &TestClock::new());
    let mut tasks = Vec::new();
    for _ in 0..100 {
        let provider = provider.clone();
        tasks.push(tokio::spawn(
            async move { provider.get(&["read:users"]).await },
        ));
    }
    for task in tasks {
        let token = task.await.unwrap().unwrap();
        assert_eq!(token.access_token(), "token-shared");
        assert_eq!(token.requested_scopes(), ["read:users"]);
    }
    assert_eq!(server.requests().len(), 1);
    assert!(!format!("{provider:?}").contains(CLIENT_SECRET));
}

#[tokio::test]
async fn a_token_is_refreshed_a_minute_before_it_expires() {
    let server = MockServer::start().await;
    server.push(token_reply("token-1", 3600));
    server.push(token_reply("token-2", 3600));
    let clock = TestClock::new();
    let provider = provider(&server, &clock);

    let first = provider.get(&[]).await.unwrap();
    assert_eq!(first.access_token(), "token-1");
    assert_eq!(first.expires_at(), clock.now() + Duration::from_secs(3600));
    clock.advance(Duration::from_secs(3600 - 61));
    assert_eq!(provider.get(&[]).await.unwrap().access_token(), "token-1");
    assert_eq!(server.requests().len(), 1);

    clock.advance(Duration::from_secs(2)); // 59 s left: inside the margin
    assert_eq!(provider.get(&[]).await.unwrap().access_token(), "token-2");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_short_lived_token_is_kept_for_half_its_lifetime() {
    let server = MockServer::start().await;
    server.push(token_reply("short-1", 30));
    server.push(token_reply("short-2", 30));
    let clock = TestClock::new();
    let provider = provider(&server, &clock);
    provider.get(&[]).await.unwrap();
    clock.advance(Duration::from_secs(14));
    assert_eq!(provider.get(&[]).await.unwrap().access_token(), "short-1");
    clock.advance(Duration::from_secs(2));
    assert_eq!(provider.get(&[]).await.unwrap().access_token(), "short-2");
}

#[tokio::test]
async fn invalidate_forces_a_refetch_but_keeps_a_newer_token() {
    let server = MockServer::start().await;
    server.push(token_reply("token-1", 3600));
    server.push(token_reply("token-2", 3600));
    let provider = provider(&server, &TestClock::new());

    let refused = provider.get(&["read:users"]).await.unwrap();
    provider.invalidate(&refused).await;
    let fresh = provider.get(&["read:users"]).await.unwrap();
    assert_eq!(fresh.access_token(), "token-2");
    assert_eq!(server.requests().len(), 2);

    // A second report about the old token (a request that was already in flight) does not
    // throw away the new one.
    provider.invalidate(&refused).await;
    assert_eq!(
        provider.get(&["read:users"]).await.unwrap().access_token(),
        "token-2"
    );
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn each_scope_set_has_its_own_token() {
    let server = MockServer::start().await;
    server.push(token_reply("token-read", 3600));
    server.push(token_reply("token-read-write", 3600));
    server.push(token_reply("token-all", 3600));
    let provider = provider(&server, &TestClock::new());

    let read = provider.get(&["read:users"]).await.unwrap();
    let both = provider.get(&["write:users", "read:users"]).await.unwrap();
    let all = provider.get(&[]).await.unwrap();
    assert_eq!(read.access_token(), "token-read");
    assert_eq!(both.access_token(), "token-read-write");
    assert_eq!(all.access_token(), "token-all");

    // Order and repeats do not make a new set.
    let again = provider
        .get(&["read:users", "write:users", "read:users"])
        .await
        .unwrap();
    assert_eq!(again.access_token(), "token-read-write");
    assert_eq!(server.requests().len(), 3);
    let scopes: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| {
            r.form()
                .into_iter()
                .find(|(k, _)| k == "scope")
                .map(|(_, v)| v)
        })
        .collect();
    assert_eq!(
        scopes,
        [
            Some("read:users".to_owned()),
            Some("read:users write:users".to_owned()),
            None,
        ]
    );
}

#[tokio::test]
async fn a_refused_secret_fails_every_waiter_with_the_same_error() {
    let server = MockServer::start().await;
    server.route(
        &token_path(),
        Reply::Delay(
            Duration::from_millis(100),
            Box::new(Reply::json(
                401,
                &serde_json::json!({
                    "status_code": 401,
                    "request_id": "request-id-test-bad-secret",
                    "error_type": "unauthorized_credentials",
                    "error_message": "The client secret does not match.",
                }),
            )),
        ),
    );
    let provider = provider(&server, &TestClock::new());
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let provider = provider.clone();
        tasks.push(tokio::spawn(async move { provider.get(&[]).await }));
    }
    for task in tasks {
        let error = task.await.unwrap().unwrap_err();
        assert!(matches!(error, Error::Shared(_)));
        assert_eq!(error.error_type(), Some("unauthorized_credentials"));
        assert_eq!(
            error.fault(),
            stytch::Fault::Service(stytch::StatusCode::INTERNAL_SERVER_ERROR),
            "a wrong M2M client secret is the service's to fix, not its caller's"
        );
        assert!(!error.is_auth_failure());
    }
    assert_eq!(server.requests().len(), 1);
}
