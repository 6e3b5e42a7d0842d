//! `RedisStore`: a [`CacheStore`] on Redis (feature `redis`), through redis-rs's
//! `ConnectionManager`: one multiplexed connection that reconnects by itself.

use super::{CacheStore, StoreError, StoreFuture};
use crate::Error;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::time::Duration;
use tokio::sync::OnceCell;

/// Deletes `KEYS[1]` only while it holds `ARGV[1]`, in one step on the server.
const DELETE_IF_EQUAL: &str = r#"
if redis.call("GET", KEYS[1]) == ARGV[1] then
    return redis.call("DEL", KEYS[1])
end
return 0
"#;

/// A [`CacheStore`] on Redis (or a server that speaks its protocol, such as Valkey), for the
/// processes of a fleet to share M2M tokens, signing keys and policies.
///
/// Commands: `GET`, `SET ... PX` (with `NX` for locks), `DEL`, and one Lua script for compare
/// and delete (`EVALSHA`, loaded on first use). Values are small JSON documents; see
/// [`cache`](super) for what is stored and who can read it.
///
/// Opened inside a Tokio runtime (as when clients are built in `main`), the store starts
/// connecting at once, in the background on that runtime, so that the connection is ready by
/// the first call; opened elsewhere, it connects on first use, on the caller's runtime. Either
/// way that runtime must outlive the store. The connection reconnects by itself after
/// errors; meanwhile calls go on without the store. The SDK puts a deadline on every command
/// ([`SharedCache::timeout`](super::SharedCache::timeout)), so the connection's own limits
/// (1 s to connect, 1 s for an answer) only bound the background work.
///
/// ```no_run
/// use stytch::cache::{RedisStore, SharedCache};
///
/// // The URL may carry a user, password and database: redis://user:password@host:6379/2.
/// let store = RedisStore::open("redis://cache.internal:6379/")?;
/// let client = stytch::consumer::Client::builder("project-live-...", "secret-live-...")
///     .shared_cache(SharedCache::new(store))
///     .build()?;
/// # Ok::<(), stytch::Error>(())
/// ```
pub struct RedisStore {
    /// Where to connect, unless the connection came ready-made.
    client: Option<redis::Client>,
    connection: OnceCell<ConnectionManager>,
    delete_if_equal: redis::Script,
}

impl RedisStore {
    /// A store on the Redis server at `url` (`redis://[user:password@]host[:port][/db]`, or
    /// `redis+unix:///path`). It never waits for the connection, nor fails for want of one.
    /// Fails with
    /// [`Error::Config`] for a URL that does not parse. `rediss://` (TLS) needs redis-rs's TLS
    /// features, which this crate does not turn on: build the connection yourself and use
    /// [`from_connection_manager`](Self::from_connection_manager).
    pub fn open(url: &str) -> Result<Self, Error> {
        // The message is redis-rs's own, which does not repeat the URL (nor its password).
        let client = redis::Client::open(url)
            .map_err(|e| Error::Config(format!("the Redis URL is not valid: {e}")))?;
        let connection = match tokio::runtime::Handle::try_current() {
            Ok(_) => OnceCell::new_with(connect_in_background(&client).ok()),
            Err(_) => OnceCell::new(),
        };
        Ok(RedisStore {
            client: Some(client),
            connection,
            delete_if_equal: redis::Script::new(DELETE_IF_EQUAL),
        })
    }

    /// A store on a connection you configured (TLS, a credentials provider, other timeouts).
    /// It must come from the same major version of `redis` as this crate's.
    pub fn from_connection_manager(connection: ConnectionManager) -> Self {
        RedisStore {
            client: None,
            connection: OnceCell::new_with(Some(connection)),
            delete_if_equal: redis::Script::new(DELETE_IF_EQUAL),
        }
    }

    async fn connection(&self) -> Result<ConnectionManager, StoreError> {
        let connection = self
            .connection
            .get_or_try_init(|| async {
                let client = self.client.as_ref().ok_or_else(|| {
                    StoreError::new("the store has neither a connection nor a URL")
                })?;
                connect_in_background(client)
            })
            .await?;
        Ok(connection.clone())
    }
}

/// A connection manager that starts connecting at once, on a task of the current runtime:
/// the first connection then comes up even if the command that needed it has given up.
fn connect_in_background(client: &redis::Client) -> Result<ConnectionManager, StoreError> {
    let config = ConnectionManagerConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(1)))
        .set_response_timeout(Some(Duration::from_secs(1)))
        .set_number_of_retries(1)
        .set_max_delay(Duration::from_secs(1));
    let connection =
        ConnectionManager::new_lazy_with_config(client.clone(), config).map_err(StoreError::new)?;
    let mut first = connection.clone();
    tokio::spawn(async move {
        let _: redis::RedisResult<String> = redis::cmd("PING").query_async(&mut first).await;
    });
    Ok(connection)
}

/// `ttl` in whole milliseconds, at least one (`PX 0` is an error).
fn millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl CacheStore for RedisStore {
    fn get<'a>(&'a self, key: &'a str) -> StoreFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut get = redis::cmd("GET");
            get.arg(key);
            get.query_async(&mut connection)
                .await
                .map_err(StoreError::new)
        })
    }

    fn set<'a>(&'a self, key: &'a str, value: &'a [u8], ttl: Duration) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut set = redis::cmd("SET");
            set.arg(key).arg(value).arg("PX").arg(millis(ttl));
            set.query_async(&mut connection)
                .await
                .map_err(StoreError::new)
        })
    }

    fn set_if_absent<'a>(
        &'a self,
        key: &'a str,
        value: &'a [u8],
        ttl: Duration,
    ) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut set = redis::cmd("SET");
            set.arg(key).arg(value).arg("NX").arg("PX").arg(millis(ttl));
            // `OK` when stored, nil when the key was taken.
            let reply: redis::Value = set
                .query_async(&mut connection)
                .await
                .map_err(StoreError::new)?;
            Ok(!matches!(reply, redis::Value::Nil))
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut delete = redis::cmd("DEL");
            delete.arg(key);
            let _removed: i64 = delete
                .query_async(&mut connection)
                .await
                .map_err(StoreError::new)?;
            Ok(())
        })
    }

    fn delete_if_equal<'a>(&'a self, key: &'a str, value: &'a [u8]) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let mut connection = self.connection().await?;
            let mut invocation = self.delete_if_equal.key(key);
            invocation.arg(value);
            let removed: i64 = invocation
                .invoke_async(&mut connection)
                .await
                .map_err(StoreError::new)?;
            Ok(removed == 1)
        })
    }
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The connection settings may hold a password: none of them is shown.
        f.debug_struct("RedisStore")
            .field("connected", &self.connection.initialized())
            .finish_non_exhaustive()
    }
}
