//! The SDK must not break other reqwest clients in the same program.
//!
//! The `rustls` feature builds reqwest with `rustls-no-provider`, and Cargo gives every crate
//! in a binary the same reqwest: a plain `reqwest::Client::new()` then needs a process-wide
//! rustls crypto provider. This crate depends on `stytch` with its default features and on
//! reqwest without a TLS feature of its own, like an application that only speaks plain HTTP.
//!
//! The process default can be set only once per process, so each scenario runs in a fresh
//! child process (this binary run again with the scenario's name in an environment variable);
//! `main` runs them all and checks each outcome. The first scenario shows that the problem is
//! real in this build: if reqwest ever gets a provider of its own here (another crate turning
//! on its `rustls` feature), the scenario fails and says the others no longer prove anything.

use std::process::{Command, Output};
use stytch_tests::{MockServer, Reply};

const SCENARIO: &str = "STYTCH_TEST_REQWEST_SCENARIO";

fn main() {
    match std::env::var(SCENARIO) {
        Ok(name) => run_scenario(&name),
        Err(_) => run_all(),
    }
}

fn run_all() {
    let without_sdk = child("plain client without the SDK");
    let stderr = String::from_utf8_lossy(&without_sdk.stderr);
    assert!(
        !without_sdk.status.success() && stderr.contains("No rustls crypto provider"),
        "reqwest in this build no longer panics without a process-wide provider, so the other \
         scenarios prove nothing; status {}, stderr:\n{stderr}",
        without_sdk.status,
    );
    println!("ok: without the SDK, reqwest::Client::new() panics in this build");

    for name in [
        "plain client after an SDK client",
        "plain client after http_client_builder",
        "plain client after install_default_crypto_provider",
        "the application's own provider is kept",
    ] {
        let output = child(name);
        assert!(
            output.status.success(),
            "scenario {name:?} failed: {}\nstdout:\n{}\nstderr:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        println!("ok: {name}");
    }
}

/// Runs this binary again for one scenario.
fn child(name: &str) -> Output {
    Command::new(std::env::current_exe().expect("the test binary's path"))
        .env(SCENARIO, name)
        .output()
        .expect("the test binary runs again")
}

fn run_scenario(name: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let server = MockServer::start().await;
        server.always(Reply::json(
            200,
            &serde_json::json!({"request_id": "request-id-test-plain", "status_code": 200}),
        ));
        match name {
            "plain client without the SDK" => {
                // Panics here (the parent expects it): nothing installed a provider.
                let _ = reqwest::Client::new();
            }
            "plain client after an SDK client" => {
                let client = server.consumer_client();
                let policy = client.rbac().policy().await.expect("the SDK's call");
                assert_eq!(policy.request_id, "request-id-test-plain");
                plain_get(&server).await;
                assert_eq!(server.requests().len(), 2);
            }
            "plain client after http_client_builder" => {
                let _sdk_http = stytch::http_client_builder()
                    .expect("builder")
                    .build()
                    .expect("client");
                plain_get(&server).await;
            }
            "plain client after install_default_crypto_provider" => {
                assert!(stytch::install_default_crypto_provider(), "first install");
                assert!(!stytch::install_default_crypto_provider(), "already there");
                plain_get(&server).await;
                // Building an SDK client afterwards changes nothing.
                let _client = server.b2b_client();
                plain_get(&server).await;
            }
            "the application's own provider is kept" => {
                // An application that installs its own provider first, as reqwest's docs show
                // (`.expect` included), with one cipher suite to tell it apart from the SDK's.
                let mut own = rustls::crypto::ring::default_provider();
                own.cipher_suites
                    .retain(|suite| suite.suite() == rustls::CipherSuite::TLS13_AES_128_GCM_SHA256);
                assert_eq!(own.cipher_suites.len(), 1);
                own.install_default()
                    .expect("nothing installed a provider yet");
                let _client = server.consumer_client();
                let _sdk_http = stytch::http_client_builder().expect("builder");
                assert!(!stytch::install_default_crypto_provider());
                let current =
                    rustls::crypto::CryptoProvider::get_default().expect("still installed");
                assert_eq!(
                    current.cipher_suites.len(),
                    1,
                    "the application's provider is still the default"
                );
                plain_get(&server).await;
            }
            other => panic!("unknown scenario {other:?}"),
        }
    });
}

/// A plain reqwest client, built as an application would, talks to the loopback server.
async fn plain_get(server: &MockServer) {
    let before = server.requests().len();
    let response = reqwest::Client::new()
        .get(format!("{}/elsewhere/status", server.url()))
        .send()
        .await
        .expect("the plain client's request");
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(body.contains("request-id-test-plain"), "{body}");
    let requests = server.requests();
    assert_eq!(requests.len(), before + 1);
    assert_eq!(requests[before].path(), "/elsewhere/status");
}
