//! The two sides of the per-call cost comparison, shared by the `call_cost` bench and the
//! `call_loop` example: a consumer password reset through the SDK, and the same exchange
//! through raw reqwest with a pre-serialized body and the reply parsed into `Value`.

use crate::expected_basic_auth;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};

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

/// The JSON body [`sdk_reset`] sends, serialized once.
pub fn reset_body() -> bytes::Bytes {
    let body = serde_json::json!({
        "token": TOKEN,
        "password": PASSWORD,
        "session_duration_minutes": 60,
    });
    bytes::Bytes::from(serde_json::to_vec(&body).expect("JSON body"))
}

/// One request through raw reqwest; the reply is parsed into `serde_json::Value` and dropped.
pub async fn raw_call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&bytes::Bytes>,
) {
    let auth = HeaderValue::from_str(&expected_basic_auth()).expect("header value");
    let mut request = client.request(method, url).header(AUTHORIZATION, auth);
    if let Some(body) = body {
        request = request
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body.clone());
    }
    let response = request.send().await.expect("raw call");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("raw body");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON reply");
    std::hint::black_box(value);
}
