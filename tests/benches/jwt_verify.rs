//! Local session-JWT verification through the SDK (warm key cache) against bare
//! `jsonwebtoken` verifying the same token with the same key and checks, sequentially and
//! with 16 tasks at once. Run with `cargo bench -p stytch-tests --bench jwt_verify`: the SDK
//! on ring against `jsonwebtoken` on RustCrypto (the defaults: no C library on either side), or
//! with `--features aws-lc`: both on AWS-LC.

use criterion::{criterion_group, criterion_main, Criterion};
use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stytch::testing::TestKeys;

const PROJECT_ID: &str = "project-test-bench";
const TASKS: usize = 16;

fn bare_jsonwebtoken(token: &str, key: &DecodingKey, validation: &Validation) {
    let data = decode::<serde_json::Map<String, serde_json::Value>>(token, key, validation)
        .expect("valid token");
    std::hint::black_box(data);
}

fn jwt_verify(c: &mut Criterion) {
    // With `--features aws-lc` both of jsonwebtoken's backends are compiled in; pick AWS-LC,
    // which the SDK then uses too.
    #[cfg(feature = "aws-lc")]
    jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER
        .install_default()
        .expect("no provider installed yet");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let keys = TestKeys::new();
    let client = stytch::consumer::Client::new(PROJECT_ID, "secret-test-bench").unwrap();
    client.preload_keys(&keys.jwks());
    let token = keys
        .session(PROJECT_ID, "user-test-bench")
        .lifetime(Duration::from_secs(3600))
        .sign();
    let jwk = &keys.jwks()[0];
    let key = DecodingKey::from_rsa_components(&jwk.n, &jwk.e).unwrap();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[PROJECT_ID]);
    validation.set_issuer(&[format!("stytch.com/{PROJECT_ID}")]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);

    let mut group = c.benchmark_group("session_jwt");
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("bare_jsonwebtoken", |b| {
        b.iter(|| bare_jsonwebtoken(&token, &key, &validation))
    });
    group.bench_function("stytch_local", |b| {
        b.to_async(&runtime).iter(|| async {
            let auth = client
                .sessions()
                .authenticate_jwt_local(token.as_str())
                .await
                .unwrap();
            std::hint::black_box(auth);
        })
    });

    let shared = Arc::new((token.clone(), key, validation));
    group.bench_function("bare_jsonwebtoken_16_tasks", |b| {
        b.to_async(&runtime).iter_custom(|iterations| {
            let shared = shared.clone();
            async move {
                let per_task = iterations.div_ceil(TASKS as u64);
                let started = Instant::now();
                let mut tasks = tokio::task::JoinSet::new();
                for _ in 0..TASKS {
                    let shared = shared.clone();
                    tasks.spawn(async move {
                        for _ in 0..per_task {
                            bare_jsonwebtoken(&shared.0, &shared.1, &shared.2);
                        }
                    });
                }
                while tasks.join_next().await.is_some() {}
                started
                    .elapsed()
                    .mul_f64(iterations as f64 / (per_task * TASKS as u64) as f64)
            }
        })
    });
    group.bench_function("stytch_local_16_tasks", |b| {
        b.to_async(&runtime).iter_custom(|iterations| {
            let (client, token) = (client.clone(), token.clone());
            async move {
                let per_task = iterations.div_ceil(TASKS as u64);
                let started = Instant::now();
                let mut tasks = tokio::task::JoinSet::new();
                for _ in 0..TASKS {
                    let (client, token) = (client.clone(), token.clone());
                    tasks.spawn(async move {
                        for _ in 0..per_task {
                            let auth = client
                                .sessions()
                                .authenticate_jwt_local(token.as_str())
                                .await
                                .unwrap();
                            std::hint::black_box(auth);
                        }
                    });
                }
                while tasks.join_next().await.is_some() {}
                started
                    .elapsed()
                    .mul_f64(iterations as f64 / (per_task * TASKS as u64) as f64)
            }
        })
    });
    group.finish();
}

criterion_group!(benches, jwt_verify);
criterion_main!(benches);
