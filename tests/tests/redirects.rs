//! Stytch's API never redirects, so nothing the SDK sends may follow a redirect to another
//! address: not the body, not the credentials, not the B2B member-session headers.

use stytch::{Error, RetryPolicy};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

const SEARCH: &str = "/v1/b2b/organizations/members/search";
const MEMBER_SESSION: &str = "session-token-test-2b5c0d3e-secret";
const MEMBER_JWT: &str = "eyJhbGciOiJSUzI1NiJ9.member.jwt";

/// A reply that redirects to `location`, with a cookie that must not travel either.
fn redirect(status: u16, location: &str) -> Reply {
    let reason = match status {
        301 => "Moved Permanently",
        307 => "Temporary Redirect",
        _ => "Permanent Redirect",
    };
    Reply::Raw(
        format!(
            "HTTP/1.1 {status} {reason}\r\nLocation: {location}\r\nSet-Cookie: sid=abc\r\n\
             Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .into_bytes(),
    )
}

fn client(base_url: &str) -> stytch::b2b::Client {
    stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(base_url)
        .build()
        .unwrap()
}

async fn search(client: &stytch::b2b::Client) -> Result<(), Error> {
    client
        .organizations()
        .members()
        .search(vec!["organization-test-1".to_owned()])
        .member_session_token(MEMBER_SESSION)
        .member_session_jwt(MEMBER_JWT)
        .await
        .map(drop)
}

#[tokio::test]
async fn no_redirect_is_followed_to_another_address_or_port() {
    let other_address = MockServer::start_on("127.0.0.2").await;
    other_address.always(Reply::ok());
    let other_port = MockServer::confirming().await;

    for status in [301, 307, 308] {
        for target in [&other_address, &other_port] {
            let first = MockServer::start().await;
            let location = format!("{}{SEARCH}?from=redirect", target.url());
            first.always(redirect(status, &location));

            let error = search(&client(&first.url())).await.unwrap_err();

            match &error {
                Error::Redirect {
                    status: got,
                    location: Some(got_location),
                    attempts: 1,
                } => {
                    assert_eq!(got.as_u16(), status);
                    assert_eq!(got_location, &location);
                }
                other => panic!("{status}: expected Error::Redirect, got {other:?}"),
            }
            assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
            assert!(!error.is_retryable());
            assert!(error.to_string().contains(&location), "{error}");

            let request = first.single_request();
            assert_eq!(request.method, "POST");
            assert_eq!(
                request.header("x-stytch-member-session"),
                Some(MEMBER_SESSION)
            );
        }
    }
    assert_eq!(
        other_address.connections(),
        0,
        "{:?}",
        other_address.requests()
    );
    assert_eq!(other_port.connections(), 0, "{:?}", other_port.requests());
}

#[tokio::test]
async fn a_redirect_is_not_retried_even_for_a_get() {
    let elsewhere = MockServer::confirming().await;
    let first = MockServer::start().await;
    first.always(redirect(
        307,
        &format!("{}/v1/b2b/organizations/o", elsewhere.url()),
    ));

    let error = client(&first.url())
        .organizations()
        .get("organization-test-1")
        .await
        .unwrap_err();

    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert_eq!(first.requests().len(), 1);
    assert_eq!(elsewhere.connections(), 0);
}

/// A caller's own client may follow redirects; when the redirected hop cannot connect, the
/// first server already has the POST, so it must not be sent again.
#[tokio::test]
async fn a_failed_redirected_hop_does_not_count_as_never_sent() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.2:0").unwrap();
        listener.local_addr().unwrap()
    };
    let first = MockServer::start().await;
    first.always(redirect(307, &format!("http://{closed}{SEARCH}")));
    let following = stytch::http_client_builder()
        .unwrap()
        .redirect(stytch::reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap();
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(first.url())
        .http_client(following)
        .retry(RetryPolicy::default().max_attempts(3))
        .sleep_with(|_| async {})
        .build()
        .unwrap();

    let error = search(&client).await.unwrap_err();

    assert!(matches!(error, Error::Network { .. }), "{error:?}");
    assert_eq!(
        first.requests().len(),
        1,
        "the POST reached the first server once"
    );
}

/// The same setting for a client built from `stytch::http_client_builder()`.
#[tokio::test]
async fn the_builder_the_sdk_offers_does_not_follow_redirects() {
    let elsewhere = MockServer::confirming().await;
    let first = MockServer::start().await;
    first.always(redirect(308, &format!("{}{SEARCH}", elsewhere.url())));
    let own = stytch::http_client_builder().unwrap().build().unwrap();
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(first.url())
        .http_client(own)
        .build()
        .unwrap();

    let error = search(&client).await.unwrap_err();

    assert!(matches!(error, Error::Redirect { .. }), "{error:?}");
    assert_eq!(elsewhere.connections(), 0);
    assert_eq!(first.requests().len(), 1);
}
