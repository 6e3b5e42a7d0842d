//! The cost of the retry and timeout layer on the success path: the same call through a
//! client with the default retry policy and through one with retries off, against a loopback
//! server with a canned response. Run with `cargo bench -p stytch-tests --bench retry_overhead`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use stytch::RetryPolicy;
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

fn retry_overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(MockServer::start());
    server.always(Reply::json(200, &fixture("seeds/b2b_rbac_policy.json")));
    let client = |policy: RetryPolicy| {
        stytch::b2b::Client::builder(PROJECT_ID, SECRET)
            .base_url(server.url())
            .retry(policy)
            .build()
            .unwrap()
    };
    let with_retries = client(RetryPolicy::default());
    let without_retries = client(RetryPolicy::disabled());

    let mut group = c.benchmark_group("rbac_policy_success");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("retries_off", |b| {
        b.to_async(&runtime)
            .iter(|| async { without_retries.rbac().policy().await.unwrap() })
    });
    group.bench_function("retries_on", |b| {
        b.to_async(&runtime)
            .iter(|| async { with_retries.rbac().policy().await.unwrap() })
    });
    group.finish();
}

criterion_group!(benches, retry_overhead);
criterion_main!(benches);
