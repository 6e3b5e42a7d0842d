//! The sides of the per-call cost comparison, shared by the `call_cost` bench, the `call_loop`
//! example and `benches/compare`: a consumer password reset through the SDK, and the same
//! exchange through raw reqwest with a pre-serialized body, the reply either read as bytes only
//! (the floor for any SDK on this HTTP stack) or also parsed into `Value`.

use crate::expected_basic_auth;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use std::future::Future;
use std::time::Duration;

const TOKEN: &str = "token-test-reset-0123456789";
const PASSWORD: &str = "a long new passphrase 42";

/// `passwords.email.reset` through the SDK; the response is decoded and dropped.
pub async fn sdk_reset(client: &stytch::consumer::Client) {
    let reset = client
        .passwords()
        .email()
        .reset(TOKEN, PASSWORD)
        .session_duration_minutes(60)
        .await
        .expect("SDK call");
    std::hint::black_box(reset);
}

/// The two fields of the reset reply a sign-in handler reads.
#[derive(serde::Deserialize)]
pub struct SignedIn {
    pub user_id: String,
    pub session_token: String,
}

/// [`sdk_reset`] decoding into [`SignedIn`] with `send_as` instead of the full model.
pub async fn sdk_reset_as_signed_in(client: &stytch::consumer::Client) {
    let signed_in: SignedIn = client
        .passwords()
        .email()
        .reset(TOKEN, PASSWORD)
        .session_duration_minutes(60)
        .send_as()
        .await
        .expect("SDK call");
    std::hint::black_box(signed_in);
}

/// The JSON body [`sdk_reset`] sends, serialized once.
pub fn reset_body() -> bytes::Bytes {
    let body = serde_json::json!({
        "token": TOKEN,
        "password": PASSWORD,
        "session_duration_minutes": 60,
    });
    bytes::Bytes::from(serde_json::to_vec(&body).expect("JSON body"))
}

/// One request through raw reqwest; the reply's bytes are read, their length checked against
/// `expected_len`, and dropped unparsed.
pub async fn raw_bytes_call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&bytes::Bytes>,
    expected_len: usize,
) {
    let bytes = raw_response(client, method, url, body).await;
    assert_eq!(bytes.len(), expected_len, "raw reply length");
    std::hint::black_box(bytes);
}

/// One request through raw reqwest; the reply is parsed into `serde_json::Value` and dropped.
pub async fn raw_call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&bytes::Bytes>,
) {
    let bytes = raw_response(client, method, url, body).await;
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON reply");
    std::hint::black_box(value);
}

/// Sends one request with the test credentials and returns the success reply's body.
async fn raw_response(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&bytes::Bytes>,
) -> bytes::Bytes {
    // Built once, as a client would: only the request itself is per-call work.
    static AUTH: std::sync::OnceLock<HeaderValue> = std::sync::OnceLock::new();
    let auth =
        AUTH.get_or_init(|| HeaderValue::from_str(&expected_basic_auth()).expect("header value"));
    let mut request = client
        .request(method, url)
        .header(AUTHORIZATION, auth.clone());
    if let Some(body) = body {
        request = request
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body.clone());
    }
    let response = request.send().await.expect("raw call");
    assert!(response.status().is_success());
    response.bytes().await.expect("raw body")
}

/// The calling thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`).
pub fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `calls` calls of `call` on `runtime` (a current-thread one), `in_flight` at a time,
/// and returns the CPU time the calling thread used meanwhile.
pub fn thread_cpu_of_calls<F, Fut>(
    runtime: &tokio::runtime::Runtime,
    calls: u64,
    in_flight: usize,
    call: F,
) -> Duration
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let start = thread_cpu();
    runtime.block_on(async {
        let local = tokio::task::LocalSet::new();
        local
            .run_until(async {
                let mut tasks = Vec::with_capacity(in_flight);
                for i in 0..in_flight as u64 {
                    let share = calls / in_flight as u64 + u64::from(i < calls % in_flight as u64);
                    let call = call.clone();
                    tasks.push(tokio::task::spawn_local(async move {
                        for _ in 0..share {
                            call().await;
                        }
                    }));
                }
                for task in tasks {
                    task.await.expect("bench task");
                }
            })
            .await
    });
    thread_cpu() - start
}
