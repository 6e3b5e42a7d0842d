//! Raw HTTP against a fresh emulator: no SDK, so these tests pin down the wire itself.
#![allow(dead_code)]

use reqwest::StatusCode;
use serde_json::Value;
pub use stytch_emulator::Emulator;

pub struct Raw {
    pub emulator: Emulator,
    pub http: reqwest::Client,
}

impl Raw {
    pub async fn start() -> Raw {
        Raw {
            emulator: Emulator::start().await.expect("emulator starts"),
            http: http_client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.emulator.base_url())
    }

    fn authed(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        request.basic_auth(self.emulator.project_id(), Some(self.emulator.secret()))
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let request = self.authed(self.http.post(self.url(path))).json(&body);
        read(request).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        read(self.authed(self.http.get(self.url(path)))).await
    }

    /// POSTs and asserts success, returning the body.
    pub async fn ok(&self, path: &str, body: Value) -> Value {
        let (status, body) = self.post(path, body).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert_eq!(body["status_code"], 200, "{path}: {body}");
        body
    }

    /// POSTs, expects a Stytch error, returns `(status, error_type)`.
    pub async fn fails(&self, path: &str, body: Value) -> (u16, String) {
        let (status, body) = self.post(path, body).await;
        assert!(
            !status.is_success(),
            "{path} unexpectedly succeeded: {body}"
        );
        assert_error_shape(status, &body);
        (
            status.as_u16(),
            body["error_type"].as_str().unwrap().to_string(),
        )
    }

    /// The newest reset token for `email`, read through the HTTP outbox endpoint.
    pub async fn outbox_token(&self, email: &str) -> String {
        let (status, body) = self.get(&format!("/emulator/outbox?email={email}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let messages = body["messages"].as_array().expect("messages");
        messages.last().expect("a message")["token"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

/// A plain-HTTP client. In a workspace build reqwest carries the SDK's `rustls-no-provider`
/// feature, so a crypto provider must be installed before any client is built.
pub fn http_client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

pub async fn read(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.expect("request reaches the emulator");
    let status = response.status();
    let text = response.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, body)
}

/// Every error body has exactly Stytch's five fields, consistent with the status (the token
/// endpoint adds OAuth 2.0's `error`, `error_description` and `error_uri`).
pub fn assert_error_shape(status: StatusCode, body: &Value) {
    let mut keys: Vec<&str> = body
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .filter(|k| !matches!(*k, "error" | "error_description" | "error_uri"))
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "error_message",
            "error_type",
            "error_url",
            "request_id",
            "status_code"
        ],
        "{body}"
    );
    assert_eq!(body["status_code"], status.as_u16(), "{body}");
    assert!(body["request_id"]
        .as_str()
        .unwrap()
        .starts_with("request-id-test-"));
    let error_type = body["error_type"].as_str().unwrap();
    assert!(body["error_url"]
        .as_str()
        .unwrap()
        .ends_with(&format!("#{error_type}")));
    assert!(!body["error_message"].as_str().unwrap().is_empty());
}

pub const PASSWORD: &str = "a long passphrase";
pub const NEW_PASSWORD: &str = "another long passphrase";

/// A consumer user with a password and a session; returns (user_id, session_token, session_jwt).
pub async fn user_with_session(raw: &Raw, email: &str) -> (String, String, String) {
    let body = raw
        .ok(
            "/v1/passwords",
            serde_json::json!({ "email": email, "password": PASSWORD, "session_duration_minutes": 60 }),
        )
        .await;
    (
        body["user_id"].as_str().unwrap().to_string(),
        body["session_token"].as_str().unwrap().to_string(),
        body["session_jwt"].as_str().unwrap().to_string(),
    )
}
