//! A fixed number of session checks, for counting instructions with callgrind: the `Session`
//! extractor, or a bare `authenticate_jwt_local` on the same warm key cache. Run each mode
//! with N and with 0 calls, and subtract, to get instructions per call:
//!
//! ```sh
//! cargo build --release -p stytch-axum --example extractor_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/extractor_loop extractor 2000 2>&1 | grep refs
//! ```

use axum::extract::FromRequestParts;
use http::{HeaderMap, HeaderValue, Request};
use std::time::Duration;
use stytch::testing::TestKeys;
use stytch_axum::{Session, StytchAuth};

const PROJECT_ID: &str = "project-test-bench";

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "extractor".to_owned());
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
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
        HeaderValue::try_from(format!("theme=dark; stytch_session_jwt={jwt}; lang=en")).unwrap(),
    );
    runtime.block_on(async {
        for _ in 0..calls {
            let mut request = Request::new(());
            *request.headers_mut() = headers.clone();
            let mut parts = request.into_parts().0;
            if mode == "bare" {
                let cookie = parts.headers.get(http::header::COOKIE).unwrap();
                std::hint::black_box(cookie);
                let verified = client
                    .sessions()
                    .authenticate_jwt_local(jwt.as_str())
                    .await
                    .unwrap();
                std::hint::black_box(verified);
            } else {
                let session: Session = Session::from_request_parts(&mut parts, &auth)
                    .await
                    .unwrap();
                std::hint::black_box(session);
            }
        }
    });
}
