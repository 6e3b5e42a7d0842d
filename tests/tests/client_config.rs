//! Client construction and sharing: clones share one connection pool, settings reach the wire.

use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

#[test]
fn clients_are_clone_send_sync() {
    fn assert_traits<T: Clone + Send + Sync + 'static>() {}
    assert_traits::<stytch::consumer::Client>();
    assert_traits::<stytch::b2b::Client>();
}

#[tokio::test]
async fn clones_share_one_connection_pool() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.consumer_client();
    let clone = client.clone();

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap();
    clone
        .passwords()
        .email()
        .reset_start("grace@example.com")
        .await
        .unwrap();
    client
        .clone()
        .passwords()
        .email()
        .reset_start("alan@example.com")
        .await
        .unwrap();

    assert_eq!(server.requests().len(), 3);
    assert_eq!(
        server.connections(),
        1,
        "the keep-alive connection is reused across clones"
    );
}

#[tokio::test]
async fn user_agent_and_caller_supplied_http_client_are_used() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let http = stytch::http_client_builder().unwrap().build().unwrap();
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .user_agent("my-service/1.2")
        .http_client(http)
        .build()
        .unwrap();

    client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .await
        .unwrap();

    assert_eq!(
        server.single_request().header("user-agent"),
        Some("my-service/1.2")
    );
}

#[tokio::test]
async fn a_base_url_with_a_path_prefix_is_kept() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(format!("{}/stytch-proxy/", server.url()))
        .build()
        .unwrap();

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap();

    assert_eq!(
        server.single_request().target,
        "/stytch-proxy/v1/passwords/email/reset/start"
    );
}
