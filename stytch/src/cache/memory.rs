//! `MemoryStore`: a [`CacheStore`] in this process's memory.

use super::{CacheStore, StoreFuture};
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A [`CacheStore`] in this process's memory: for clients of one process that should share
/// tokens, keys and policies (a consumer and a B2B client, or several clients built apart),
/// and for tests. Processes do not see each other's `MemoryStore`; for a fleet, use a store
/// they all reach, such as `RedisStore` (feature `redis`).
///
/// Expired entries are dropped when next touched, and all of them whenever the map has grown
/// by half since the last sweep.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<Entries>,
}

#[derive(Default)]
struct Entries {
    map: HashMap<String, Entry>,
    /// The size after the last sweep of expired entries.
    swept_at_len: usize,
}

struct Entry {
    value: Vec<u8>,
    expires_at: Instant,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn entries(&self) -> MutexGuard<'_, Entries> {
        // No code that can panic runs under the lock; recover the map regardless.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn live(entries: &mut Entries, key: &str, now: Instant) -> Option<Vec<u8>> {
        match entries.map.get(key) {
            Some(entry) if now < entry.expires_at => Some(entry.value.clone()),
            Some(_) => {
                entries.map.remove(key);
                None
            }
            None => None,
        }
    }

    fn insert(entries: &mut Entries, key: &str, value: &[u8], ttl: Duration, now: Instant) {
        let expires_at = now
            .checked_add(ttl)
            .unwrap_or(now + Duration::from_secs(86_400));
        entries.map.insert(
            key.to_owned(),
            Entry {
                value: value.to_vec(),
                expires_at,
            },
        );
        if entries.map.len() > entries.swept_at_len + entries.swept_at_len / 2 + 16 {
            entries.map.retain(|_, entry| now < entry.expires_at);
            entries.swept_at_len = entries.map.len();
        }
    }
}

impl CacheStore for MemoryStore {
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        let value = Self::live(&mut self.entries(), key, Instant::now());
        Box::pin(async move { Ok(value) })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> StoreFuture<'a, ()> {
        Self::insert(&mut self.entries(), key, value, ttl, Instant::now());
        Box::pin(async { Ok(()) })
    }

    fn set_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Duration,
    ) -> StoreFuture<'a, bool> {
        let now = Instant::now();
        let mut entries = self.entries();
        let stored = Self::live(&mut entries, key, now).is_none();
        if stored {
            Self::insert(&mut entries, key, value, ttl, now);
        }
        Box::pin(async move { Ok(stored) })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        self.entries().map.remove(key);
        Box::pin(async { Ok(()) })
    }

    fn delete_if_equal<'a>(&'a self, key: &'a str, value: &'a [u8]) -> StoreFuture<'a, bool> {
        let mut entries = self.entries();
        let equal = Self::live(&mut entries, key, Instant::now()).is_some_and(|held| held == value);
        if equal {
            entries.map.remove(key);
        }
        Box::pin(async move { Ok(equal) })
    }
}

impl std::fmt::Debug for MemoryStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryStore")
            .field("entries", &self.entries().map.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::LockToken;

    #[tokio::test]
    async fn values_expire() {
        let store = MemoryStore::new();
        store
            .set("a", b"1", Duration::from_millis(30))
            .await
            .unwrap();
        assert_eq!(store.get("a").await.unwrap(), Some(b"1".to_vec()));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(store.get("a").await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_lock_is_released_only_by_its_holder() {
        let store = MemoryStore::new();
        let ttl = Duration::from_secs(60);
        let first = store
            .lock("l", ttl)
            .await
            .unwrap()
            .expect("the lock is free");
        assert_eq!(store.lock("l", ttl).await.unwrap(), None, "held");
        let stranger = LockToken(format!("{}0", first.as_str()));
        assert!(!store.unlock("l", &stranger).await.unwrap());
        assert_eq!(store.lock("l", ttl).await.unwrap(), None, "still held");
        assert!(store.unlock("l", &first).await.unwrap());
        assert!(!store.unlock("l", &first).await.unwrap(), "released once");
        let second = store.lock("l", ttl).await.unwrap().expect("free again");
        assert_ne!(first, second, "each holder gets its own token");
    }

    #[tokio::test]
    async fn an_expired_lock_can_be_taken_and_its_old_holder_cannot_release_the_new_one() {
        let store = MemoryStore::new();
        let stale = store
            .lock("l", Duration::from_millis(20))
            .await
            .unwrap()
            .unwrap();
        std::thread::sleep(Duration::from_millis(30));
        let fresh = store.lock("l", Duration::from_secs(60)).await.unwrap();
        let fresh = fresh.expect("an expired lock is free");
        assert!(!store.unlock("l", &stale).await.unwrap());
        assert!(store.unlock("l", &fresh).await.unwrap());
    }

    #[tokio::test]
    async fn compare_and_delete_keeps_a_newer_value() {
        let store = MemoryStore::new();
        let ttl = Duration::from_secs(60);
        store.set("k", b"old", ttl).await.unwrap();
        store.set("k", b"new", ttl).await.unwrap();
        assert!(!store.delete_if_equal("k", b"old").await.unwrap());
        assert_eq!(store.get("k").await.unwrap(), Some(b"new".to_vec()));
        assert!(store.delete_if_equal("k", b"new").await.unwrap());
        assert_eq!(store.get("k").await.unwrap(), None);
    }

    #[tokio::test]
    async fn expired_entries_are_swept_as_the_map_grows() {
        let store = MemoryStore::new();
        let fill = |prefix: &'static str, ttl: Duration| {
            let store = &store;
            async move {
                for i in 0..100 {
                    store
                        .set(&format!("{prefix}-{i}"), b"x", ttl)
                        .await
                        .unwrap();
                }
            }
        };
        fill("short", Duration::from_millis(1)).await;
        std::thread::sleep(Duration::from_millis(5));
        fill("long", Duration::from_secs(60)).await;
        assert!(store.entries().map.len() < 150, "{store:?}");
    }
}
