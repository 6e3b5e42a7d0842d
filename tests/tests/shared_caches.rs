//! Clients sharing a cache store fetch M2M tokens, key sets and policies once between them,
//! counted at the emulator. The store here is the in-process `MemoryStore`, which shares
//! between the clients of one process; `fleet_redis.rs` runs the fleet cases on a real Redis.

#[path = "support/fleet.rs"]
mod fleet;

use fleet::*;
use std::time::Duration;
use stytch::cache::{MemoryStore, SharedCache};

const REPLICAS: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_sharing_a_store_fetch_each_value_once() {
    let project = Project::start().await;
    let cache = SharedCache::new(MemoryStore::new());

    let providers: Vec<_> = (0..REPLICAS)
        .map(|_| project.provider(Some(cache.clone())))
        .collect();
    let tokens = get_all(&providers).await;
    assert!(tokens.iter().all(|token| *token == tokens[0]));
    assert_eq!(project.token_requests(), 1);

    let consumers: Vec<_> = (0..REPLICAS)
        .map(|_| project.consumer(Some(cache.clone())))
        .collect();
    for client in &consumers {
        let session = client
            .sessions()
            .authenticate_jwt_local(&project.session_jwt)
            .await
            .expect("the JWT verifies with the shared keys");
        assert!(!session.session.session_id.is_empty());
        client.rbac().cached_policy().await.expect("a policy");
    }
    assert_eq!(project.requests("GET", CONSUMER_KEYS_ROUTE), 1);
    assert_eq!(project.requests("GET", CONSUMER_POLICY_ROUTE), 1);
    assert!(consumers.iter().all(|client| client.key_fetches() <= 1));

    let b2bs: Vec<_> = (0..REPLICAS)
        .map(|_| project.b2b(Some(cache.clone())))
        .collect();
    for client in &b2bs {
        client.rbac().cached_policy().await.expect("a policy");
        let rbac = client.rbac();
        let roles = rbac.cached_organization_roles(&project.organization_id);
        roles.await.expect("the organization's roles");
    }
    assert_eq!(project.requests("GET", B2B_POLICY_ROUTE), 1);
    assert_eq!(project.requests("GET", ORGANIZATION_ROLES_ROUTE), 1);
}

#[tokio::test]
async fn without_a_store_each_client_fetches_its_own() {
    let project = Project::start().await;
    let providers: Vec<_> = (0..REPLICAS).map(|_| project.provider(None)).collect();
    get_all(&providers).await;
    assert_eq!(project.token_requests(), REPLICAS as u64);
    for client in (0..REPLICAS).map(|_| project.consumer(None)) {
        client.rbac().cached_policy().await.expect("a policy");
    }
    assert_eq!(
        project.requests("GET", CONSUMER_POLICY_ROUTE),
        REPLICAS as u64
    );
}

#[tokio::test]
async fn invalidate_on_one_client_makes_the_others_take_a_new_token() {
    let project = Project::start().await;
    let cache = SharedCache::new(MemoryStore::new()).token_check_interval(Duration::ZERO);
    let (a, b) = (
        project.provider(Some(cache.clone())),
        project.provider(Some(cache.clone())),
    );
    let refused = a.get(&[SCOPE]).await.unwrap();
    assert_eq!(
        b.get(&[SCOPE]).await.unwrap().access_token(),
        refused.access_token()
    );
    assert_eq!(project.token_requests(), 1);

    // Tokens are stamped to the second: a new one differs only a second later.
    project.emulator.advance_clock(Duration::from_secs(1));
    a.invalidate(&refused).await;
    let from_b = b.get(&[SCOPE]).await.unwrap();
    assert_ne!(from_b.access_token(), refused.access_token());
    let from_a = a.get(&[SCOPE]).await.unwrap();
    assert_eq!(from_a.access_token(), from_b.access_token());
    assert_eq!(project.token_requests(), 2, "one new token for both");
}

#[tokio::test]
async fn a_held_token_is_compared_with_the_shared_one_once_per_interval() {
    let project = Project::start().await;
    let cache = SharedCache::new(MemoryStore::new()).token_check_interval(Duration::from_secs(1));
    let clock = TestClock::new();
    let (a, b) = (
        project.provider(Some(cache.clone())),
        project.provider_on(Some(cache.clone()), &clock),
    );
    let refused = a.get(&[SCOPE]).await.unwrap();
    b.get(&[SCOPE]).await.unwrap();
    project.emulator.advance_clock(Duration::from_secs(1));
    a.invalidate(&refused).await;

    // Within the interval, b keeps what it holds, without asking the store or Stytch.
    clock.advance(Duration::from_millis(900));
    let held = b.get(&[SCOPE]).await.unwrap();
    assert_eq!(held.access_token(), refused.access_token());
    assert_eq!(project.token_requests(), 1);

    clock.advance(Duration::from_millis(200));
    let renewed = b.get(&[SCOPE]).await.unwrap();
    assert_ne!(renewed.access_token(), refused.access_token());
    assert_eq!(project.token_requests(), 2);
}

#[tokio::test]
async fn a_cleared_policy_cache_asks_stytch_not_the_fleet() {
    let project = Project::start().await;
    let cache = SharedCache::new(MemoryStore::new());
    let (a, b) = (
        project.consumer(Some(cache.clone())),
        project.consumer(Some(cache.clone())),
    );
    a.rbac().cached_policy().await.unwrap();
    b.rbac().cached_policy().await.unwrap();
    assert_eq!(project.requests("GET", CONSUMER_POLICY_ROUTE), 1);

    // After a role change, `clear_cache` must not hand back the policy fetched before it.
    b.rbac().clear_cache();
    b.rbac().cached_policy().await.unwrap();
    assert_eq!(project.requests("GET", CONSUMER_POLICY_ROUTE), 2);
    // What b fetched is shared again: a third client takes it.
    project
        .consumer(Some(cache))
        .rbac()
        .cached_policy()
        .await
        .unwrap();
    assert_eq!(project.requests("GET", CONSUMER_POLICY_ROUTE), 2);
}
