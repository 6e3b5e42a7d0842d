//! Many requests at once: state stays consistent, single-use tokens stay single-use, and the
//! server stops when its handle goes.

mod common;

use std::sync::Arc;

use common::*;
use serde_json::json;
use tokio::task::JoinSet;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creates_and_lookups_stay_consistent() {
    let raw = Arc::new(Raw::start().await);
    let mut tasks = JoinSet::new();
    for i in 0..300 {
        let raw = raw.clone();
        tasks.spawn(async move {
            // Every email twice: exactly one of each pair may win.
            let email = format!("user{}@example.com", i % 150);
            raw.post("/v1/users", json!({ "email": email }))
                .await
                .0
                .as_u16()
        });
    }
    let statuses = tasks.join_all().await;
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 150);
    assert_eq!(statuses.iter().filter(|s| **s == 400).count(), 150);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_token_raced_by_many_requests_is_used_once() {
    let raw = Arc::new(Raw::start().await);
    user_with_session(&raw, "ada@example.com").await;
    raw.ok(
        "/v1/passwords/email/reset/start",
        json!({ "email": "ada@example.com" }),
    )
    .await;
    let token = raw.emulator.latest_reset_token("ada@example.com").unwrap();
    let mut tasks = JoinSet::new();
    for i in 0..12 {
        let (raw, token) = (raw.clone(), token.clone());
        tasks.spawn(async move {
            let body = json!({ "token": token, "password": format!("racing passphrase {i}") });
            raw.post("/v1/passwords/email/reset", body).await.0.as_u16()
        });
    }
    let statuses = tasks.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 401),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn dropping_or_shutting_down_the_handle_stops_the_server() {
    let emulator = Emulator::start().await.unwrap();
    let url = format!("{}/v1/b2b/rbac/policy", emulator.base_url());
    emulator.shutdown().await;
    let refused = http_client().get(&url).send().await.unwrap_err();
    assert!(refused.is_connect(), "{refused:?}");

    let emulator = Emulator::start().await.unwrap();
    let addr = emulator.addr();
    drop(emulator);
    // The server stops on its own task: wait for it rather than for a fixed time, which a
    // loaded machine may not honour. The bound only keeps a server that never stops from
    // hanging the test.
    let mut waits = 0;
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        waits += 1;
        assert!(
            waits < 1000,
            "the dropped emulator still accepts connections"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn the_outbox_endpoint_filters_and_clears() {
    let raw = Raw::start().await;
    for email in ["ada@example.com", "bob@example.com"] {
        raw.ok("/v1/users", json!({ "email": email })).await;
        raw.ok("/v1/passwords/email/reset/start", json!({ "email": email }))
            .await;
    }
    let (_, all) = raw.get("/emulator/outbox").await;
    assert_eq!(all["messages"].as_array().unwrap().len(), 2);
    let (_, ada) = raw.get("/emulator/outbox?email=ADA@example.com").await;
    assert_eq!(ada["messages"].as_array().unwrap().len(), 1);
    let request = raw
        .http
        .delete(raw.url("/emulator/outbox"))
        .basic_auth(raw.emulator.project_id(), Some(raw.emulator.secret()));
    assert_eq!(read(request).await.0, 200);
    assert!(raw.emulator.outbox().is_empty());
    let (status, _) = read(raw.http.get(raw.url("/emulator/outbox"))).await;
    assert_eq!(status, 401, "the outbox needs the project's Basic auth");
}
