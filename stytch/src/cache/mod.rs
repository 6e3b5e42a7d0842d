//! Caches shared by every replica of a service: one M2M token per scope set, one key set and
//! one RBAC policy for the fleet, instead of one of each per process.
//!
//! A client given a [`SharedCache`] (with [`ClientBuilder::shared_cache`]) keeps its
//! process-local caches as they are: parsed values, read without a lock. The shared store is
//! asked only when the local copy is missing or stale, and Stytch only when the store has
//! nothing fresh either. Then one process of the fleet fetches, under a lock held in the store,
//! and stores the result for the others, which wait for it.
//!
//! What is cached, under `{prefix}:{project_id}:...` (prefix `stytch` unless set):
//!
//! | key | value |
//! |---|---|
//! | `m2m:{sha256}` | an M2M access token, its type and expiry, for one M2M client id and scope set (the hash covers both) |
//! | `jwks:consumer`, `jwks:b2b` | the project's public signing keys |
//! | `rbac:consumer:policy`, `rbac:b2b:policy` | the project's RBAC policy |
//! | `rbac:b2b:org:{sha256}` | one organization's custom roles (the hash is of its id) |
//! | any of the above + `:lock` | a random token while one process fetches the value |
//!
//! Values are JSON with the times they were stored and stay fresh until. The M2M client secret
//! and the project secret are never stored. **An M2M access token is a bearer credential:**
//! anyone who can read the store can call your services as that M2M client until the token
//! expires, so give the store the protection you give the secrets themselves.
//!
//! The store is never a new way to fail. Every operation has a short deadline
//! ([`SharedCache::timeout`], 50 ms by default); when one fails or runs out of time, the call
//! goes on with the process-local cache and Stytch, as without a store, and the store is left
//! alone for [`SharedCache::retry_after`] (5 s) before it is tried again. One WARN is logged
//! when the store stops answering, and one INFO when it answers again.
//!
//! ```no_run
//! use stytch::cache::{MemoryStore, SharedCache};
//!
//! // One store for the consumer and B2B clients of this process; across processes, use a
//! // store they all reach, such as `RedisStore` (feature `redis`).
//! let cache = SharedCache::new(MemoryStore::new()).prefix("orders-service");
//! let consumer = stytch::consumer::Client::builder("project-test-...", "secret-test-...")
//!     .shared_cache(cache.clone())
//!     .build()?;
//! let b2b = stytch::b2b::Client::builder("project-test-...", "secret-test-...")
//!     .shared_cache(cache)
//!     .build()?;
//! # Ok::<(), stytch::Error>(())
//! ```
//!
//! [`ClientBuilder::shared_cache`]: crate::ClientBuilder::shared_cache

mod memory;
#[cfg(feature = "redis")]
mod redis;
pub(crate) mod shared;

#[cfg(feature = "redis")]
pub use self::redis::RedisStore;
pub use memory::MemoryStore;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

/// The default deadline of one store operation: 50 ms.
pub const DEFAULT_STORE_TIMEOUT: Duration = Duration::from_millis(50);
/// How long the store is left alone after it failed, by default: 5 s.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(5);
/// How long a fetch lock is held at most, by default: 5 s.
pub const DEFAULT_LOCK_TTL: Duration = Duration::from_secs(5);
/// How often a cached M2M token is compared with the shared one, by default: once a second.
pub const DEFAULT_TOKEN_CHECK_INTERVAL: Duration = Duration::from_secs(1);

/// What a [`CacheStore`] operation returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// Why a store operation failed. The SDK only logs it: a failing store never fails a call.
pub struct StoreError(Box<dyn std::error::Error + Send + Sync>);

impl StoreError {
    /// Wraps the store's own error, or a message.
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        StoreError(error.into())
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

/// Proof of holding a lock taken with [`CacheStore::lock`]: the random value stored under the
/// lock's key. Only its holder can release the lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockToken(String);

impl LockToken {
    /// The value stored under the lock's key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A key-value store that processes share, with expiring entries: what the SDK needs from
/// Redis or anything like it. Object safe: a client holds it as `Arc<dyn CacheStore>`.
///
/// The SDK bounds each call with [`SharedCache::timeout`] and treats an error like a missing
/// store, so an implementation need not retry or time out on its own. Keys and values are
/// opaque to the store; deciding what is fresh, who fetches and for how long is the cache's
/// business, not the store's.
pub trait CacheStore: Send + Sync {
    /// The value under `key`, if there is one and it has not expired.
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>>;

    /// Stores `value` under `key`, replacing any value, for `ttl` (at least a millisecond).
    fn set<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> StoreFuture<'a, ()>;

    /// Stores `value` under `key` for `ttl` only if the key holds nothing; returns whether it
    /// did. Atomic: of two concurrent callers, at most one stores.
    fn set_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Duration,
    ) -> StoreFuture<'a, bool>;

    /// Removes `key`, if present.
    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()>;

    /// Removes `key` only while it still holds exactly `value`; returns whether it did.
    /// Atomic: a value stored in between is kept.
    fn delete_if_equal<'a>(&'a self, key: &'a str, value: &'a [u8]) -> StoreFuture<'a, bool>;

    /// Takes the lock `key` for `ttl`, unless another holder has it: a random token is stored
    /// with [`set_if_absent`](Self::set_if_absent). `None` when the lock is taken. A holder
    /// that never releases it (a crashed process) loses it when `ttl` runs out.
    fn lock<'a>(&'a self, key: &'a str, ttl: Duration) -> StoreFuture<'a, Option<LockToken>> {
        Box::pin(async move {
            let token = crate::crypto::random_hex(16)
                .ok_or_else(|| StoreError::new("the system's random generator failed"))?;
            let taken = self.set_if_absent(key, token.as_bytes(), ttl).await?;
            Ok(taken.then_some(LockToken(token)))
        })
    }

    /// Releases a lock taken with [`lock`](Self::lock) if `token` still holds it (compare and
    /// delete), so that a holder whose lock expired cannot release the next holder's.
    fn unlock<'a>(&'a self, key: &'a str, token: &'a LockToken) -> StoreFuture<'a, bool> {
        self.delete_if_equal(key, token.0.as_bytes())
    }
}

/// A shared store and how the clients use it; give it to
/// [`ClientBuilder::shared_cache`](crate::ClientBuilder::shared_cache). Clones share the store
/// and its health: after a failure, all of them leave it alone for a while, and the outage
/// is logged once.
///
/// ```
/// use std::time::Duration;
/// use stytch::cache::{MemoryStore, SharedCache};
///
/// let cache = SharedCache::new(MemoryStore::new())
///     .prefix("billing")
///     .timeout(Duration::from_millis(30))
///     .token_check_interval(Duration::ZERO);
/// let client = stytch::consumer::Client::builder("project-test-...", "secret-test-...")
///     .shared_cache(cache)
///     .build()?;
/// # Ok::<(), stytch::Error>(())
/// ```
#[derive(Clone)]
pub struct SharedCache {
    pub(crate) store: Arc<dyn CacheStore>,
    pub(crate) prefix: String,
    pub(crate) timeout: Duration,
    pub(crate) retry_after: Duration,
    pub(crate) lock_ttl: Duration,
    pub(crate) token_check_interval: Duration,
    pub(crate) health: Arc<shared::Health>,
}

impl SharedCache {
    /// Shares caches through `store`, with the default settings.
    pub fn new(store: impl CacheStore + 'static) -> Self {
        Self::from_arc(Arc::new(store))
    }

    /// Like [`new`](Self::new), for a store already behind an `Arc`.
    pub fn from_arc(store: Arc<dyn CacheStore>) -> Self {
        SharedCache {
            store,
            prefix: "stytch".to_owned(),
            timeout: DEFAULT_STORE_TIMEOUT,
            retry_after: DEFAULT_RETRY_AFTER,
            lock_ttl: DEFAULT_LOCK_TTL,
            token_check_interval: DEFAULT_TOKEN_CHECK_INTERVAL,
            health: Arc::default(),
        }
    }

    /// The start of every key, before the project id. Default: `stytch`. Give services that
    /// must not share tokens (different M2M clients are kept apart anyway) their own.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// The deadline of one store operation; past it, the call goes on without the store.
    /// Default: [`DEFAULT_STORE_TIMEOUT`] (50 ms).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long the store is left alone after an operation failed or timed out, so that an
    /// outage costs one timeout per interval rather than one per call. Default:
    /// [`DEFAULT_RETRY_AFTER`] (5 s).
    pub fn retry_after(mut self, pause: Duration) -> Self {
        self.retry_after = pause;
        self
    }

    /// How long the process fetching a value from Stytch holds the fetch lock at most. The
    /// others wait for the value meanwhile; if its holder dies, one of them takes the lock over
    /// once it expires, and a process that waited twice this long asks Stytch itself. Default:
    /// [`DEFAULT_LOCK_TTL`] (5 s).
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl;
        self
    }

    /// How often an [`M2mTokenProvider`] compares the token it holds with the shared one, so
    /// that a token another process invalidated, or replaced, stops being used here too.
    /// `Duration::ZERO` checks on every `get()` (a store round trip each). Default:
    /// [`DEFAULT_TOKEN_CHECK_INTERVAL`] (1 s).
    ///
    /// [`M2mTokenProvider`]: crate::consumer::m2m::M2mTokenProvider
    pub fn token_check_interval(mut self, interval: Duration) -> Self {
        self.token_check_interval = interval;
        self
    }
}

impl fmt::Debug for SharedCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedCache")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .field("retry_after", &self.retry_after)
            .field("lock_ttl", &self.lock_ttl)
            .field("token_check_interval", &self.token_check_interval)
            .finish_non_exhaustive()
    }
}
