//! Fleet-wide caches, measured against the emulator and a redis-server of the bench's own on
//! loopback (Debian's `redis-server` must be installed):
//!
//! - the latency of a warm `M2mTokenProvider::get()`: no store (process-local cache only),
//!   and with a store compared on every `get()` (`token_check_interval(Duration::ZERO)`) for
//!   `MemoryStore` and Redis, and Redis at the default interval (1 s);
//! - a cold start of 1, 8 and 64 replicas (SDK clients of their own, each with its own Redis
//!   connection) that all ask for a token at once: token requests that reached the emulator,
//!   and the time until the last replica had its token (median of the rounds), with and
//!   without Redis.
//!
//! Run with `cargo bench -p stytch-tests --bench fleet_cache`.

#[path = "../tests/support/fleet.rs"]
mod fleet;
#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use criterion::{criterion_group, Criterion};
use fleet::{get_all, Project, SCOPE};
use redis_server::RedisServer;
use std::time::{Duration, Instant};
use stytch::cache::{MemoryStore, RedisStore, SharedCache};

const COLD_START_ROUNDS: usize = 5;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

fn redis_cache(server: &RedisServer) -> SharedCache {
    SharedCache::new(RedisStore::open(&server.url()).expect("a valid URL"))
}

fn warm_get(c: &mut Criterion) {
    let runtime = runtime();
    let server = RedisServer::start();
    let project = runtime.block_on(Project::start());
    let every_get = Duration::ZERO;
    let providers = [
        ("local_only", project.provider(None)),
        (
            "memory_store_every_get",
            project.provider(Some(
                SharedCache::new(MemoryStore::new()).token_check_interval(every_get),
            )),
        ),
        (
            "redis_every_get",
            project.provider(Some(redis_cache(&server).token_check_interval(every_get))),
        ),
        (
            "redis_default_interval",
            project.provider(Some(redis_cache(&server))),
        ),
    ];
    for (_, provider) in &providers {
        runtime.block_on(provider.get(&[SCOPE])).expect("a token");
    }
    let fetched = project.token_requests();

    let mut group = c.benchmark_group("m2m_warm_get");
    group.measurement_time(Duration::from_secs(5));
    for (name, provider) in &providers {
        group.bench_function(*name, |b| {
            b.to_async(&runtime)
                .iter(|| async { provider.get(&[SCOPE]).await.expect("a token") })
        });
    }
    group.finish();
    assert_eq!(
        project.token_requests(),
        fetched,
        "warm gets made no token request"
    );
}

/// One cold start: `replicas` fresh SDK clients ask for a token at once. Returns the token
/// requests Stytch received and the time until every replica had its token.
async fn cold_start(
    project: &Project,
    server: &RedisServer,
    replicas: usize,
    with_redis: bool,
) -> (u64, Duration) {
    // A new M2M client: a token nobody has cached yet, in Redis or anywhere.
    let (client_id, secret) = project.new_m2m_client().await;
    let providers: Vec<_> = (0..replicas)
        .map(|_| {
            let cache = with_redis.then(|| redis_cache(server));
            project.provider_for(&client_id, &secret, cache)
        })
        .collect();
    let before = project.token_requests();
    let started = Instant::now();
    let tokens = get_all(&providers).await;
    let elapsed = started.elapsed();
    assert_eq!(tokens.len(), replicas);
    (project.token_requests() - before, elapsed)
}

fn cold_starts() {
    let runtime = runtime();
    let server = RedisServer::start();
    let project = runtime.block_on(Project::start());
    println!("\ncold start: every replica asks for a token at once ({COLD_START_ROUNDS} rounds)");
    println!("| replicas | store | token requests (each round) | time to the last token, median |");
    println!("|---|---|---|---|");
    for replicas in [1, 8, 64] {
        for with_redis in [false, true] {
            let mut requests = Vec::new();
            let mut times = Vec::new();
            for _ in 0..COLD_START_ROUNDS {
                let (made, took) =
                    runtime.block_on(cold_start(&project, &server, replicas, with_redis));
                requests.push(made);
                times.push(took);
            }
            times.sort();
            requests.dedup();
            let store = if with_redis { "Redis" } else { "none" };
            println!(
                "| {replicas} | {store} | {requests:?} | {:.1} ms |",
                times[times.len() / 2].as_secs_f64() * 1000.0
            );
        }
    }
}

criterion_group!(benches, warm_get);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    cold_starts();
}
