//! The setup and the two measured checks shared by `benches/extractor.rs` (wall time) and
//! `examples/extractor_loop.rs` (instruction counts), so both measure the same work.

use axum::extract::FromRequestParts;
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Request};
use std::time::Duration;
use stytch::testing::TestKeys;
use stytch_axum::{Session, StytchAuth};

const PROJECT_ID: &str = "project-test-bench";

/// A consumer client with warm keys, the axum state around it, and a request's headers that
/// carry a valid session JWT among other cookies.
pub struct Fixture {
    client: stytch::consumer::Client,
    auth: StytchAuth,
    jwt: String,
    headers: HeaderMap,
}

impl Fixture {
    pub fn new() -> Self {
        let keys = TestKeys::new();
        let client = stytch::consumer::Client::new(PROJECT_ID, "secret-test-bench").unwrap();
        client.preload_keys(&keys.jwks());
        let jwt = keys
            .session(PROJECT_ID, "user-test-bench")
            .lifetime(Duration::from_secs(3600))
            .sign();
        let auth = StytchAuth::builder().consumer(client.clone()).build();
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            HeaderValue::try_from(format!("theme=dark; stytch_session_jwt={jwt}; lang=en"))
                .unwrap(),
        );
        Fixture {
            client,
            auth,
            jwt,
            headers,
        }
    }

    /// A fresh request's parts, built the same way for both sides so the cost cancels out.
    fn parts(&self) -> Parts {
        let mut request = Request::new(());
        *request.headers_mut() = self.headers.clone();
        request.into_parts().0
    }

    /// The bare check: the JWT verified locally, the cookie header only looked up.
    pub async fn bare(&self) {
        let parts = self.parts();
        std::hint::black_box(parts.headers.get(http::header::COOKIE).unwrap());
        let verified = self
            .client
            .sessions()
            .authenticate_jwt_local(self.jwt.as_str())
            .await
            .unwrap();
        std::hint::black_box(verified);
    }

    /// The same check through the `Session` extractor.
    pub async fn extractor(&self) {
        let mut parts = self.parts();
        let session: Session = Session::from_request_parts(&mut parts, &self.auth)
            .await
            .unwrap();
        std::hint::black_box(session);
    }
}
