//! A fleet on a real Redis: 64 SDK clients stand for 64 replicas of a service, each with its
//! own Redis connection and its own local caches, against the emulator, which counts what
//! reaches Stytch. Covers the cold start, a Redis that stops mid-test, a lock holder that
//! never releases, and an invalidation that must reach every replica.

#[path = "support/fleet.rs"]
mod fleet;
#[path = "support/redis_server.rs"]
mod redis_server;

use fleet::*;
use redis_server::RedisServer;
use std::sync::Arc;
use std::time::Duration;
use stytch::cache::{CacheStore, RedisStore, SharedCache};
use stytch_tests::Captured;

const REPLICAS: usize = 64;

/// One replica's view of the shared Redis: a connection of its own. The single-flight tests
/// allow a store operation a second rather than 50 ms: with 64 replicas opening connections
/// at once on a loaded 2-core machine, a slow answer would make a replica ask Stytch itself,
/// which is the fallback working, not the single flight under test.
fn replica_cache(server: &RedisServer) -> SharedCache {
    let store = RedisStore::open(&server.url()).expect("a valid URL");
    SharedCache::new(store).timeout(Duration::from_secs(1))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_four_replicas_make_one_token_request_on_a_cold_start() {
    let server = RedisServer::start();
    let project = Project::start().await;
    let providers: Vec<_> = (0..REPLICAS)
        .map(|_| project.provider(Some(replica_cache(&server))))
        .collect();

    let tokens = get_all(&providers).await;
    assert_eq!(tokens.len(), REPLICAS);
    assert!(
        tokens.iter().all(|token| *token == tokens[0]),
        "one token for all"
    );
    assert_eq!(project.token_requests(), 1);

    // Warm: neither Redis nor Stytch is needed again.
    get_all(&providers).await;
    assert_eq!(project.token_requests(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_key_set_and_the_policies_are_fetched_once_for_the_fleet() {
    let server = RedisServer::start();
    let project = Arc::new(Project::start().await);

    let mut calls = Vec::new();
    for _ in 0..REPLICAS {
        let project = project.clone();
        let cache = replica_cache(&server);
        calls.push(tokio::spawn(async move {
            let consumer = project.consumer(Some(cache.clone()));
            let session = consumer
                .sessions()
                .authenticate_jwt_local(&project.session_jwt)
                .await
                .expect("the JWT verifies");
            assert!(!session.session.session_id.is_empty());
            consumer.rbac().cached_policy().await.expect("a policy");
            let b2b = project.b2b(Some(cache));
            b2b.rbac().cached_policy().await.expect("a policy");
            let rbac = b2b.rbac();
            let roles = rbac.cached_organization_roles(&project.organization_id);
            roles.await.expect("the organization's roles");
        }));
    }
    for call in calls {
        call.await.expect("every replica succeeds");
    }
    assert_eq!(project.requests("GET", CONSUMER_KEYS_ROUTE), 1);
    assert_eq!(project.requests("GET", CONSUMER_POLICY_ROUTE), 1);
    assert_eq!(project.requests("GET", B2B_POLICY_ROUTE), 1);
    assert_eq!(project.requests("GET", ORGANIZATION_ROLES_ROUTE), 1);
}

/// How many times `needle` was logged.
fn count(logs: &Captured, needle: &str) -> usize {
    logs.text().matches(needle).count()
}

// Current-thread runtime: every task logs on this thread, to the subscriber set below.
#[tokio::test]
async fn calls_keep_succeeding_while_redis_is_stopped() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let mut server = RedisServer::start();
    let project = Project::start().await;
    let cache = SharedCache::new(RedisStore::open(&server.url()).unwrap())
        .token_check_interval(Duration::ZERO)
        .retry_after(Duration::from_millis(300));
    let warm = project.provider(Some(cache.clone()));
    let token = warm.get(&[SCOPE]).await.unwrap();
    assert_eq!(project.token_requests(), 1);

    server.stop();
    // A replica holding a token keeps it: every get() would compare it with Redis.
    for _ in 0..20 {
        let held = warm.get(&[SCOPE]).await.expect("Redis is not needed");
        assert_eq!(held.access_token(), token.access_token());
    }
    assert_eq!(project.token_requests(), 1);
    // A cold replica, keys and policy: fetched from Stytch, as without a store.
    let cold = project.provider(Some(cache.clone()));
    cold.get(&[SCOPE]).await.expect("a token from Stytch");
    assert_eq!(project.token_requests(), 2);
    let client = project.consumer(Some(cache.clone()));
    let session = client
        .sessions()
        .authenticate_jwt_local(&project.session_jwt);
    session.await.expect("keys from Stytch");
    client
        .rbac()
        .cached_policy()
        .await
        .expect("a policy from Stytch");
    let failed = "the shared cache store failed";
    assert_eq!(
        count(&logs, failed),
        1,
        "one WARN for the outage, not one per call"
    );

    // Back: after the pause, the store is used again, and said to be.
    server.restart();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let first = project.provider(Some(cache.clone()));
    let mut answered = first.get(&[SCOPE]).await;
    for _ in 0..50 {
        // The first commands may still meet the old, dead connection.
        if count(&logs, "the shared cache store answers again") == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        answered = project.provider(Some(cache.clone())).get(&[SCOPE]).await;
    }
    answered.expect("a token");
    assert_eq!(
        count(&logs, "the shared cache store answers again"),
        1,
        "{}",
        logs.text()
    );
    let requests = project.token_requests();
    let shared = project.provider(Some(cache)).get(&[SCOPE]).await.unwrap();
    assert_eq!(project.token_requests(), requests, "taken from Redis");
    assert!(!shared.access_token().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_holder_that_never_releases_is_taken_over_after_the_lock_ttl() {
    let server = RedisServer::start();
    let project = Project::start().await;
    let lock_ttl = Duration::from_secs(2);
    let caches: Vec<_> = (0..8)
        .map(|_| replica_cache(&server).lock_ttl(lock_ttl))
        .collect();

    // A replica that took the lock and died: its lock stays until the TTL ends it. The key
    // is derived as the README documents it.
    let crashed = RedisStore::open(&server.url()).unwrap();
    let token_key = format!(
        "stytch:{}:m2m:{}",
        project.emulator.project_id(),
        sha256_of_parts(&[&project.m2m_client_id, SCOPE])
    );
    let lock_key = format!("{token_key}:lock");
    let held = crashed.lock(&lock_key, lock_ttl).await.unwrap();
    assert!(held.is_some(), "the lock was free");

    let providers: Vec<_> = caches
        .into_iter()
        .map(|cache| project.provider(Some(cache)))
        .collect();
    let waiting = tokio::spawn(async move { get_all(&providers).await });
    tokio::time::sleep(lock_ttl / 4).await;
    assert_eq!(
        project.token_requests(),
        0,
        "the replicas wait for the holder"
    );
    let tokens = waiting.await.unwrap();
    assert!(tokens.iter().all(|token| *token == tokens[0]));
    assert_eq!(project.token_requests(), 1, "one replica took over");
    assert!(
        crashed.get(&token_key).await.unwrap().is_some(),
        "and shared it"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalidate_on_one_replica_makes_the_others_fetch_a_new_token() {
    let server = RedisServer::start();
    let project = Project::start().await;
    let providers: Vec<_> = (0..8)
        .map(|_| {
            let cache = replica_cache(&server).token_check_interval(Duration::ZERO);
            project.provider(Some(cache))
        })
        .collect();
    let before = get_all(&providers).await;
    assert_eq!(project.token_requests(), 1);

    let refused = providers[3].get(&[SCOPE]).await.unwrap();
    // Tokens are stamped to the second: a new one differs only a second later.
    project.emulator.advance_clock(Duration::from_secs(1));
    providers[3].invalidate(&refused).await;

    let after = get_all(&providers).await;
    assert!(
        after.iter().all(|token| *token == after[0]),
        "one new token"
    );
    assert_ne!(after[0], before[0]);
    assert_eq!(project.token_requests(), 2, "fetched once for the fleet");
}

/// SHA-256 over each part's 8-byte big-endian length and bytes, in hex: the documented key.
fn sha256_of_parts(parts: &[&str]) -> String {
    let mut context = ring::digest::Context::new(&ring::digest::SHA256);
    for part in parts {
        context.update(&(part.len() as u64).to_be_bytes());
        context.update(part.as_bytes());
    }
    context
        .finish()
        .as_ref()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
