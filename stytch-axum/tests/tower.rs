//! The layer wraps any tower service, not only an axum router.

mod common;

use common::*;
use http_body_util::BodyExt as _;
use stytch::testing::TestKeys;
use stytch_axum::Session;
use stytch_tests::{MockServer, PROJECT_ID, SECRET};
use tower::{Layer as _, ServiceExt as _};

#[tokio::test]
async fn a_plain_tower_service_gets_the_verified_session() {
    let keys = TestKeys::new();
    let stytch = MockServer::publishing(&keys).await;
    let auth = auth(&stytch.url(), PROJECT_ID, SECRET).build();
    let inner = tower::service_fn(|request: http::Request<String>| async move {
        let user = request
            .extensions()
            .get::<Session>()
            .map(|s| s.session.user_id.clone())
            .unwrap_or_default();
        Ok::<_, std::convert::Infallible>(http::Response::new(user))
    });
    let service = auth.require_session().layer(inner);
    let jwt = keys.session(PROJECT_ID, "user-test-1").sign();

    let signed_in = service
        .clone()
        .oneshot(
            http::Request::builder()
                .header("authorization", bearer(&jwt))
                .body(String::new())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 200);
    let body = signed_in.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, "user-test-1");

    let anonymous = service
        .oneshot(http::Request::new(String::new()))
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\""
    );
}
