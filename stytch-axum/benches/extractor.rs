//! What the `Session` extractor adds to a request over a bare `authenticate_jwt_local` call
//! with the same warm key cache: reading the cookie, the state, and building the session.
//! Both sides start from the same request headers, so building them cancels out.
//!
//! ```sh
//! cargo bench -p stytch-axum --bench extractor
//! ```

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;

fn extractor(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fixture = support::Fixture::new();
    let mut group = c.benchmark_group("session");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("authenticate_jwt_local", |b| {
        b.to_async(&runtime).iter(|| fixture.bare())
    });
    group.bench_function("session_extractor", |b| {
        b.to_async(&runtime).iter(|| fixture.extractor())
    });
    group.finish();
}

criterion_group!(benches, extractor);
criterion_main!(benches);
