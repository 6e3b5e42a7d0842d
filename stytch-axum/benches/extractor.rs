//! What the `Session` extractor adds to a request over a bare `authenticate_jwt_local` call
//! with the same warm key cache: reading the cookie, the state, and building the session.
//! Both sides start from the same request headers, so building them cancels out.
//!
//! ```sh
//! cargo bench -p stytch-axum --bench extractor
//! ```

use axum::extract::FromRequestParts;
use criterion::{criterion_group, criterion_main, Criterion};
use http::{HeaderMap, HeaderValue, Request};
use std::time::Duration;
use stytch::testing::TestKeys;
use stytch_axum::{Session, StytchAuth};

const PROJECT_ID: &str = "project-test-bench";

fn extractor(c: &mut Criterion) {
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
    let request = || {
        let mut request = Request::new(());
        *request.headers_mut() = headers.clone();
        request.into_parts().0
    };

    let mut group = c.benchmark_group("session");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("authenticate_jwt_local", |b| {
        b.to_async(&runtime).iter(|| async {
            let parts = request();
            let cookie = parts.headers.get(http::header::COOKIE).unwrap();
            std::hint::black_box(cookie);
            let verified = client
                .sessions()
                .authenticate_jwt_local(jwt.as_str())
                .await
                .unwrap();
            std::hint::black_box(verified);
        })
    });
    group.bench_function("session_extractor", |b| {
        b.to_async(&runtime).iter(|| async {
            let mut parts = request();
            let session: Session = Session::from_request_parts(&mut parts, &auth)
                .await
                .unwrap();
            std::hint::black_box(session);
        })
    });
    group.finish();
}

criterion_group!(benches, extractor);
criterion_main!(benches);
