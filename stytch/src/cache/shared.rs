//! Between the caches and a [`CacheStore`]: a deadline on every operation and a pause after
//! failures, the keys, the JSON envelope around values, and single flight across processes.
//!
//! Callers never see a store error: an operation that fails or times out reads as "the store
//! has nothing" ([`Lookup::Unavailable`]), and the caller goes on as if there were no store.

use super::{CacheStore, LockToken, SharedCache, StoreFuture};
use crate::client_core::Clock;
use crate::Error;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

/// The longest a value is kept in the store (and trusted from it).
const MAX_STORE_TTL: Duration = Duration::from_secs(24 * 60 * 60);
/// How long a failed fetch tells the fleet to ask Stytch directly rather than wait in turn.
const FAILURE_TTL: Duration = Duration::from_secs(1);
/// The first and the longest wait between two looks at a value another process fetches.
const FIRST_WAIT: Duration = Duration::from_millis(10);
const LONGEST_WAIT: Duration = Duration::from_millis(200);

/// Whether the store answers. Shared by the clones of a [`SharedCache`], so that an outage
/// is logged once and probed once per pause, however many clients use the store.
#[derive(Default)]
pub(crate) struct Health {
    down: AtomicBool,
    /// While the store is down: when it may be tried again.
    retry_at: Mutex<Option<Instant>>,
}

impl Health {
    /// Whether to use the store now. While it is down, one caller per pause tries it.
    fn try_now(&self, pause: Duration) -> bool {
        if !self.down.load(Ordering::Acquire) {
            return true;
        }
        let mut retry_at = self.retry_at.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        match *retry_at {
            Some(at) if now < at => false,
            _ => {
                *retry_at = Some(now + pause);
                true
            }
        }
    }

    fn failed(&self, operation: &'static str, error: &dyn fmt::Display, pause: Duration) {
        *self.retry_at.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Instant::now() + pause);
        if self.down.swap(true, Ordering::AcqRel) {
            tracing::debug!(operation, error = %error, "the shared cache store still fails");
        } else {
            tracing::warn!(
                operation,
                error = %error,
                retry_after_ms = pause.as_millis() as u64,
                "the shared cache store failed; using this process's caches and Stytch until \
                 it answers again"
            );
        }
    }

    fn answered(&self) {
        if self.down.load(Ordering::Acquire) && self.down.swap(false, Ordering::AcqRel) {
            tracing::info!("the shared cache store answers again");
        }
    }
}

/// A value read from the store, with its times.
pub(crate) struct Stored<T> {
    pub(crate) value: T,
    /// When the value was fetched from Stytch (by whichever process).
    pub(crate) fetched_at: SystemTime,
    pub(crate) fresh_until: SystemTime,
}

/// What the store holds under a key.
pub(crate) enum Lookup<T> {
    Found(Stored<T>),
    /// The fleet's last fetch of this value failed, moments ago.
    FetchFailed,
    /// Nothing, or something this version cannot read.
    Missing,
    /// The store failed, timed out, or is being left alone after a failure.
    Unavailable,
}

/// The JSON stored under a key. `value: None` marks a failed fetch.
#[derive(Serialize, Deserialize)]
struct Envelope<T> {
    /// Unix milliseconds.
    fetched_at: u64,
    /// Unix milliseconds.
    fresh_until: u64,
    value: Option<T>,
}

/// What a caller does after a look at the store.
enum Next<T> {
    Use(Stored<T>),
    /// Fetch from Stytch without waiting for anyone: the store is down, or the fleet's last
    /// fetch failed (so each process gets its own answer, as without a store).
    AskStytch,
    /// Nothing usable: fetch under the lock, or wait for whoever holds it.
    TakeLock,
}

/// A client's view of its [`SharedCache`]: the store, the keys of its project, its clock.
pub(crate) struct SharedStore {
    cache: SharedCache,
    /// `{prefix}:{project_id}:`, the start of every key.
    namespace: String,
    clock: Clock,
}

impl SharedStore {
    pub(crate) fn new(cache: SharedCache, project_id: &str, clock: Clock) -> Self {
        let namespace = format!("{}:{project_id}:", cache.prefix);
        SharedStore {
            cache,
            namespace,
            clock,
        }
    }

    pub(crate) fn now(&self) -> SystemTime {
        (self.clock)()
    }

    // Only the consumer-only M2M token provider reads it.
    #[cfg_attr(not(feature = "consumer"), allow(dead_code))]
    pub(crate) fn token_check_interval(&self) -> Duration {
        self.cache.token_check_interval
    }

    /// `{prefix}:{project_id}:{name}`, for names the SDK chooses.
    pub(crate) fn key(&self, name: &str) -> String {
        format!("{}{name}", self.namespace)
    }

    /// `{prefix}:{project_id}:{kind}:{hex SHA-256 of parts}`: values that come from callers
    /// (client ids, scopes, organization ids) never shape a key, nor show in it.
    // Without B2B and consumer, nothing hashes a key (the crate then has no client).
    #[cfg_attr(not(any(feature = "consumer", feature = "b2b")), allow(dead_code))]
    pub(crate) fn hashed_key(&self, kind: &str, parts: &[&str]) -> String {
        format!(
            "{}{kind}:{}",
            self.namespace,
            crate::crypto::sha256_hex(parts)
        )
    }

    /// The freshness end `ttl` after `from`, within what the store keeps.
    pub(crate) fn fresh_until(&self, from: SystemTime, ttl: Duration) -> SystemTime {
        from + ttl.min(MAX_STORE_TTL)
    }

    /// How long a stored value stays fresh from now.
    pub(crate) fn remaining(&self, fresh_until: SystemTime) -> Duration {
        fresh_until
            .duration_since(self.now())
            .unwrap_or_default()
            .min(MAX_STORE_TTL)
    }

    /// The store, unless it is being left alone after a failure.
    fn store(&self) -> Option<&dyn CacheStore> {
        let health = &self.cache.health;
        health
            .try_now(self.cache.retry_after)
            .then_some(&*self.cache.store)
    }

    /// Runs one operation within the deadline; `None` when it failed or ran out of time.
    async fn finish<T>(&self, operation: &'static str, future: StoreFuture<'_, T>) -> Option<T> {
        let health = &self.cache.health;
        let pause = self.cache.retry_after;
        match tokio::time::timeout(self.cache.timeout, future).await {
            Ok(Ok(value)) => {
                health.answered();
                Some(value)
            }
            Ok(Err(error)) => {
                health.failed(operation, &error, pause);
                None
            }
            Err(_) => {
                let error = format!("no answer within {:?}", self.cache.timeout);
                health.failed(operation, &error, pause);
                None
            }
        }
    }

    async fn get_bytes(&self, key: &str) -> Result<Option<Vec<u8>>, ()> {
        let store = self.store().ok_or(())?;
        self.finish("get", store.get(key)).await.ok_or(())
    }

    /// What the store holds under `key`.
    pub(crate) async fn read<T: DeserializeOwned>(&self, key: &str) -> Lookup<T> {
        match self.get_bytes(key).await {
            Err(()) => Lookup::Unavailable,
            Ok(None) => Lookup::Missing,
            Ok(Some(bytes)) => decode(key, &bytes),
        }
    }

    /// Stores `value`, fetched at `fetched_at`, until `fresh_until`.
    async fn write<T: Serialize>(
        &self,
        key: &str,
        value: Option<&T>,
        fetched_at: SystemTime,
        fresh_until: SystemTime,
    ) {
        let Ok(ttl) = fresh_until.duration_since(self.now()) else {
            return;
        };
        if ttl < Duration::from_millis(1) {
            return;
        }
        let envelope = Envelope {
            fetched_at: unix_ms(fetched_at),
            fresh_until: unix_ms(fresh_until),
            value,
        };
        let Ok(bytes) = serde_json::to_vec(&envelope) else {
            return;
        };
        if let Some(store) = self.store() {
            let ttl = ttl.min(MAX_STORE_TTL);
            self.finish("set", store.set(key, &bytes, ttl)).await;
        }
    }

    /// Removes `key`.
    // Only the consumer-only M2M token provider removes values.
    #[cfg_attr(not(feature = "consumer"), allow(dead_code))]
    pub(crate) async fn delete(&self, key: &str) {
        if let Some(store) = self.store() {
            self.finish("delete", store.delete(key)).await;
        }
    }

    /// Removes `key` if it holds a value that `matches`, unless another value replaces it in
    /// the meantime (compare and delete on the bytes read).
    #[cfg_attr(not(feature = "consumer"), allow(dead_code))]
    pub(crate) async fn delete_if<T: DeserializeOwned>(
        &self,
        key: &str,
        matches: impl FnOnce(&T) -> bool,
    ) {
        let Ok(Some(bytes)) = self.get_bytes(key).await else {
            return;
        };
        let Lookup::Found(stored) = decode::<T>(key, &bytes) else {
            return;
        };
        if !matches(&stored.value) {
            return;
        }
        if let Some(store) = self.store() {
            self.finish("delete_if_equal", store.delete_if_equal(key, &bytes))
                .await;
        }
    }

    /// The value under `key` if it is fresh and `accept`ed; otherwise the value `fetch`
    /// returns (with its freshness end), fetched by one process of the fleet at a time and
    /// stored for the others.
    ///
    /// The fetching process holds `{key}:lock`; the others look at the store again after
    /// waits that double (10 to 200 ms, with jitter) and take the lock over when it expires,
    /// so a holder that crashed delays them by at most the lock's TTL. A process that has
    /// waited twice the TTL fetches by itself. When the holder's fetch fails, it stores a
    /// marker for a second, and the processes that see it fetch by themselves: each then
    /// gets Stytch's own answer, as without a store, instead of waiting in turn. Whenever the
    /// store fails, the caller fetches by itself.
    pub(crate) async fn get_or_fetch<T, A, F, Fut>(
        &self,
        key: &str,
        accept: A,
        fetch: F,
    ) -> Result<Stored<T>, Error>
    where
        T: Serialize + DeserializeOwned,
        A: Fn(&Stored<T>) -> bool,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, SystemTime), Error>>,
    {
        match self.next(self.read(key).await, &accept) {
            Next::Use(stored) => return Ok(stored),
            Next::AskStytch => return self.fetch_and_store(key, fetch).await,
            Next::TakeLock => {}
        }
        let lock_key = format!("{key}:lock");
        let give_up_at = Instant::now() + self.cache.lock_ttl.saturating_mul(2);
        let mut wait = FIRST_WAIT;
        loop {
            let Some(store) = self.store() else {
                return self.fetch_and_store(key, fetch).await;
            };
            match self
                .finish("lock", store.lock(&lock_key, self.cache.lock_ttl))
                .await
            {
                None => return self.fetch_and_store(key, fetch).await,
                Some(Some(token)) => {
                    return self
                        .fetch_holding(key, &lock_key, &token, &accept, fetch)
                        .await
                }
                Some(None) => {}
            }
            if Instant::now() >= give_up_at {
                return self.fetch_and_store(key, fetch).await;
            }
            tokio::time::sleep(wait.mul_f64(0.5 + fastrand::f64())).await;
            wait = (wait * 2).min(LONGEST_WAIT);
            match self.next(self.read(key).await, &accept) {
                Next::Use(stored) => return Ok(stored),
                Next::AskStytch => return self.fetch_and_store(key, fetch).await,
                Next::TakeLock => {}
            }
        }
    }

    fn next<T>(&self, lookup: Lookup<T>, accept: &impl Fn(&Stored<T>) -> bool) -> Next<T> {
        match lookup {
            Lookup::Found(stored) if self.now() < stored.fresh_until && accept(&stored) => {
                Next::Use(stored)
            }
            Lookup::Found(_) | Lookup::Missing => Next::TakeLock,
            Lookup::FetchFailed | Lookup::Unavailable => Next::AskStytch,
        }
    }

    /// Fetches while holding the lock, stores the outcome and releases the lock.
    async fn fetch_holding<T, F, Fut>(
        &self,
        key: &str,
        lock_key: &str,
        token: &LockToken,
        accept: &impl Fn(&Stored<T>) -> bool,
        fetch: F,
    ) -> Result<Stored<T>, Error>
    where
        T: Serialize + DeserializeOwned,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, SystemTime), Error>>,
    {
        // Another process may have stored the value between the first look and the lock.
        let outcome = match self.next(self.read(key).await, accept) {
            Next::Use(stored) => Ok(stored),
            Next::AskStytch | Next::TakeLock => self.fetch_and_store(key, fetch).await,
        };
        if outcome.is_err() {
            let now = self.now();
            self.write::<T>(key, None, now, now + FAILURE_TTL).await;
        }
        if let Some(store) = self.store() {
            self.finish("unlock", store.unlock(lock_key, token)).await;
        }
        outcome
    }

    /// Fetches, and stores what was fetched for the rest of the fleet.
    async fn fetch_and_store<T, F, Fut>(&self, key: &str, fetch: F) -> Result<Stored<T>, Error>
    where
        T: Serialize,
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, SystemTime), Error>>,
    {
        let fetched_at = self.now();
        let (value, fresh_until) = fetch().await?;
        self.write(key, Some(&value), fetched_at, fresh_until).await;
        Ok(Stored {
            value,
            fetched_at,
            fresh_until,
        })
    }
}

impl fmt::Debug for SharedStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedStore")
            .field("namespace", &self.namespace)
            .field("cache", &self.cache)
            .finish()
    }
}

fn decode<T: DeserializeOwned>(key: &str, bytes: &[u8]) -> Lookup<T> {
    let envelope = match serde_json::from_slice::<Envelope<T>>(bytes) {
        Ok(envelope) => envelope,
        Err(error) => {
            tracing::debug!(key, error = %error, "ignoring a shared cache value this version cannot read");
            return Lookup::Missing;
        }
    };
    let (Some(fetched_at), Some(fresh_until)) = (
        from_unix_ms(envelope.fetched_at),
        from_unix_ms(envelope.fresh_until),
    ) else {
        return Lookup::Missing;
    };
    match envelope.value {
        Some(value) => Lookup::Found(Stored {
            value,
            fetched_at,
            fresh_until,
        }),
        None => Lookup::FetchFailed,
    }
}

/// `time` in Unix milliseconds, as stored.
pub(crate) fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |since| {
        u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
    })
}

/// A stored time; `None` past what `SystemTime` holds.
pub(crate) fn from_unix_ms(ms: u64) -> Option<SystemTime> {
    UNIX_EPOCH.checked_add(Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::MemoryStore;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    fn shared(cache: SharedCache) -> SharedStore {
        SharedStore::new(cache, "project-test-1", Arc::new(SystemTime::now))
    }

    #[test]
    fn keys_carry_prefix_and_project_and_hide_caller_values() {
        let store = shared(SharedCache::new(MemoryStore::new()).prefix("svc"));
        assert_eq!(store.key("jwks:b2b"), "svc:project-test-1:jwks:b2b");
        let key = store.hashed_key("m2m", &["m2m-client-1", "read:a", "write:b"]);
        let hash = key
            .strip_prefix("svc:project-test-1:m2m:")
            .expect("namespaced");
        assert_eq!(hash.len(), 64);
        assert!(hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert!(!key.contains("m2m-client-1") && !key.contains("read:a"));
    }

    #[test]
    fn hashed_keys_tell_apart_every_client_and_scope_set() {
        let store = shared(SharedCache::new(MemoryStore::new()));
        let keys = [
            store.hashed_key("m2m", &["client-a"]),
            store.hashed_key("m2m", &["client-b"]),
            store.hashed_key("m2m", &["client-a", "read:x"]),
            store.hashed_key("m2m", &["client-a", "read:x", "write:y"]),
            // The same characters, split differently.
            store.hashed_key("m2m", &["client-aread:x"]),
            store.hashed_key("m2m", &["client-", "aread:x"]),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(keys[2], store.hashed_key("m2m", &["client-a", "read:x"]));
    }

    #[test]
    fn the_hash_is_sha256_of_length_prefixed_parts() {
        // SHA-256 of the 8-byte big-endian length 1, then "a" (computed apart, with Python's
        // hashlib).
        assert_eq!(
            crate::crypto::sha256_hex(&["a"]),
            "3b196fd4907bedf51c3090e9835f2f7cb61e7ee1b2299ea3b8fed9b4183a822a"
        );
    }

    #[tokio::test]
    async fn one_fetch_serves_every_waiter() {
        let store = Arc::new(shared(SharedCache::new(MemoryStore::new())));
        let fetches = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (store, fetches) = (store.clone(), fetches.clone());
            tasks.push(tokio::spawn(async move {
                let fetched = store
                    .get_or_fetch(
                        "k",
                        |_: &Stored<u32>| true,
                        || async {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Ok((7, SystemTime::now() + Duration::from_secs(60)))
                        },
                    )
                    .await;
                fetched.map(|stored| stored.value)
            }));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap(), 7);
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_value_that_is_not_accepted_is_fetched_again() {
        let store = shared(SharedCache::new(MemoryStore::new()));
        let later = SystemTime::now() + Duration::from_secs(60);
        let first = store
            .get_or_fetch("k", |_: &Stored<u32>| true, || async { Ok((1, later)) })
            .await
            .unwrap();
        assert_eq!(first.value, 1);
        let second = store
            .get_or_fetch(
                "k",
                |s: &Stored<u32>| s.value != 1,
                || async { Ok((2, later)) },
            )
            .await
            .unwrap();
        assert_eq!(second.value, 2);
    }

    /// A store that never answers, counting the operations it was asked for.
    #[derive(Default)]
    struct Silent {
        asked: AtomicUsize,
    }

    impl Silent {
        fn never<'a, T: Send + 'a>(&'a self) -> StoreFuture<'a, T> {
            self.asked.fetch_add(1, Ordering::SeqCst);
            Box::pin(std::future::pending())
        }
    }

    impl CacheStore for Silent {
        fn get<'a>(&'a self, _: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
            self.never()
        }
        fn set<'a>(&'a self, _: &'a str, _: &'a [u8], _: Duration) -> StoreFuture<'a, ()> {
            self.never()
        }
        fn set_if_absent<'a>(
            &'a self,
            _: &'a str,
            _: &'a [u8],
            _: Duration,
        ) -> StoreFuture<'a, bool> {
            self.never()
        }
        fn delete<'a>(&'a self, _: &'a str) -> StoreFuture<'a, ()> {
            self.never()
        }
        fn delete_if_equal<'a>(&'a self, _: &'a str, _: &'a [u8]) -> StoreFuture<'a, bool> {
            self.never()
        }
    }

    #[tokio::test]
    async fn a_silent_store_is_asked_once_then_left_alone() {
        let silent = Arc::new(Silent::default());
        let cache = SharedCache::from_arc(silent.clone())
            .timeout(Duration::from_millis(20))
            .retry_after(Duration::from_secs(60));
        let store = shared(cache);
        for _ in 0..5 {
            let fetched = store
                .get_or_fetch(
                    "k",
                    |_: &Stored<u32>| true,
                    || async { Ok((3, SystemTime::now() + Duration::from_secs(60))) },
                )
                .await;
            assert_eq!(fetched.unwrap().value, 3, "every call is answered");
        }
        assert_eq!(silent.asked.load(Ordering::SeqCst), 1);
    }
}
