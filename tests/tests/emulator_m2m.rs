//! M2M through the SDK against the emulator: clients (create, get, search, update, delete),
//! secret rotation (start, complete, cancel) and the token endpoint's rules: the secret is
//! checked, scopes must be the client's, inactive clients get nothing, and both JSON and
//! form bodies are taken.

use stytch::models::{SearchFilter, SearchQuery};
use stytch_emulator::Emulator;

fn client(emulator: &Emulator) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .clock(emulator.clock())
        .build()
        .expect("client builds")
}

fn error_type<T: std::fmt::Debug>(result: Result<T, stytch::Error>) -> (u16, Option<String>) {
    let error = result.expect_err("the call should fail");
    (
        error.status().map_or(0, |s| s.as_u16()),
        error.error_type().map(str::to_string),
    )
}

#[tokio::test]
async fn clients_are_managed_and_searched() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let billing = client
        .m2m()
        .clients()
        .create(vec!["read:invoices".to_string()])
        .client_name("billing")
        .await
        .unwrap()
        .m2m_client;
    let reports = client
        .m2m()
        .clients()
        .create(vec!["read:invoices".to_string(), "read:users".to_string()])
        .client_name("reports")
        .await
        .unwrap()
        .m2m_client;

    let got = client
        .m2m()
        .clients()
        .get(&billing.client_id)
        .await
        .unwrap();
    assert_eq!(got.m2m_client.client_name, "billing");
    assert_eq!(
        got.m2m_client.client_secret_last_four,
        billing.client_secret[billing.client_secret.len() - 4..]
    );

    let readers = client
        .m2m()
        .clients()
        .search()
        .query(SearchQuery::and([SearchFilter::new(
            "scopes",
            ["read:users"],
        )]))
        .await
        .unwrap();
    let ids: Vec<&str> = readers
        .m2m_clients
        .iter()
        .map(|c| c.client_id.as_str())
        .collect();
    assert_eq!(ids, [reports.client_id.as_str()]);

    let updated = client
        .m2m()
        .clients()
        .update(&billing.client_id)
        .client_description("Sends invoices")
        .scopes(vec![
            "read:invoices".to_string(),
            "write:invoices".to_string(),
        ])
        .await
        .unwrap();
    assert_eq!(updated.m2m_client.scopes.len(), 2);

    client
        .m2m()
        .clients()
        .delete(&billing.client_id)
        .await
        .unwrap();
    let gone = client.m2m().clients().get(&billing.client_id).await;
    assert_eq!(error_type(gone), (404, Some("m2m_client_not_found".into())));
}

#[tokio::test]
async fn rotation_lets_both_secrets_work_until_it_completes() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let created = client
        .m2m()
        .clients()
        .create(vec!["read:users".to_string()])
        .await
        .unwrap()
        .m2m_client;
    let (id, old) = (created.client_id.clone(), created.client_secret.clone());

    let started = client
        .m2m()
        .clients()
        .secrets()
        .rotate_start(&id)
        .await
        .unwrap();
    let new = started.m2m_client.next_client_secret.clone();
    assert_eq!(
        started.m2m_client.next_client_secret_last_four.as_deref(),
        Some(&new[new.len() - 4..])
    );
    let twice = client.m2m().clients().secrets().rotate_start(&id).await;
    assert_eq!(
        error_type(twice).1.as_deref(),
        Some("m2m_client_already_rotating_secret")
    );
    for secret in [&old, &new] {
        client
            .m2m()
            .token(&id, secret)
            .await
            .expect("both secrets work mid-rotation");
    }

    // Cancelling drops the new secret...
    client
        .m2m()
        .clients()
        .secrets()
        .rotate_cancel(&id)
        .await
        .unwrap();
    let cancelled = client.m2m().token(&id, &new).await;
    assert_eq!(
        error_type(cancelled),
        (400, Some("unauthorized_credentials".into()))
    );
    client.m2m().token(&id, &old).await.unwrap();

    // ...completing drops the old one.
    let started = client
        .m2m()
        .clients()
        .secrets()
        .rotate_start(&id)
        .await
        .unwrap();
    let new = started.m2m_client.next_client_secret;
    let rotated = client.m2m().clients().secrets().rotate(&id).await.unwrap();
    assert_eq!(
        rotated.m2m_client.client_secret_last_four,
        new[new.len() - 4..]
    );
    assert!(rotated.m2m_client.next_client_secret_last_four.is_none());
    let stale = client.m2m().token(&id, &old).await;
    assert_eq!(error_type(stale).0, 400);
    client.m2m().token(&id, &new).await.unwrap();
    let nothing = client.m2m().clients().secrets().rotate(&id).await;
    assert_eq!(
        error_type(nothing).1.as_deref(),
        Some("m2m_client_not_rotating_secret")
    );
}

#[tokio::test]
async fn tokens_need_the_clients_scopes_and_an_active_client() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let m2m = client
        .m2m()
        .clients()
        .create(vec!["read:users".to_string(), "write:users".to_string()])
        .await
        .unwrap()
        .m2m_client;

    let token = client
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .scopes(["read:users"])
        .await
        .unwrap();
    let caller = client
        .m2m()
        .authenticate_token(&token.access_token)
        .required_scopes(["read:users"])
        .await
        .unwrap();
    assert_eq!(caller.scopes, ["read:users"]);
    let greedy = client
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .scopes(["admin"])
        .await;
    assert_eq!(error_type(greedy).0, 400);
    let wrong = client
        .m2m()
        .token(&m2m.client_id, "not-the-secret-at-all")
        .await;
    assert_eq!(error_type(wrong).0, 400);

    // The same endpoint, form-encoded and as JSON, with Stytch's status_code and request_id.
    let http = stytch::http_client_builder().unwrap().build().unwrap();
    let url = format!(
        "{}/v1/public/{}/oauth2/token",
        emulator.base_url(),
        emulator.project_id()
    );
    let form = format!(
        "grant_type=client_credentials&client_id={}&client_secret={}&scope=write%3Ausers",
        m2m.client_id, m2m.client_secret
    );
    let json = serde_json::json!({
        "grant_type": "client_credentials",
        "client_id": m2m.client_id,
        "client_secret": m2m.client_secret,
    });
    for (content_type, body) in [
        ("application/x-www-form-urlencoded", form),
        ("application/json", json.to_string()),
    ] {
        let response = http
            .post(&url)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{content_type}");
        let body: serde_json::Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        assert_eq!(body["status_code"], 200);
        assert!(body["request_id"]
            .as_str()
            .unwrap()
            .starts_with("request-id-test-"));
        assert_eq!(body["token_type"], "bearer");
    }

    client
        .m2m()
        .clients()
        .update(&m2m.client_id)
        .status("inactive")
        .await
        .unwrap();
    let inactive = client.m2m().token(&m2m.client_id, &m2m.client_secret).await;
    assert_eq!(error_type(inactive).0, 400);
}
