//! The project's signing keys, cached.
//!
//! Reads are lock-free (an `ArcSwap` snapshot). Refreshes are single-flight: one task fetches
//! while the others wait for its result. An unknown `kid` triggers at most one refetch per
//! cooldown, so a flood of made-up key ids cannot turn into a flood of fetches. When a refresh
//! fails, the keys already held keep serving for a bounded time. With a shared cache store, a
//! refresh first looks there, and one process of the fleet fetches for the others.

use super::token::RsaKey;
use super::Rejection;
use crate::cache::shared::Stored;
use crate::client_core::ClientCore;
use crate::models::Jwk;
use crate::transport::{CallOptions, Transport};
use crate::{Error, TokenError};
use arc_swap::ArcSwapOption;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Cache timings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct JwksTimings {
    /// How long keys stay fresh when the response has no `max-age`.
    pub(crate) default_ttl: Duration,
    /// Bounds applied to a server-given `max-age`.
    pub(crate) min_ttl: Duration,
    pub(crate) max_ttl: Duration,
    /// The least time between two refetches caused by unknown key ids.
    pub(crate) unknown_kid_cooldown: Duration,
    /// How long past their freshness keys keep serving while refreshes fail.
    pub(crate) max_stale: Duration,
    /// The least time between two fetch attempts after a failure.
    pub(crate) retry_after_failure: Duration,
}

impl Default for JwksTimings {
    fn default() -> Self {
        JwksTimings {
            default_ttl: Duration::from_secs(5 * 60),
            min_ttl: Duration::from_secs(30),
            max_ttl: Duration::from_secs(24 * 60 * 60),
            unknown_kid_cooldown: Duration::from_secs(30),
            max_stale: Duration::from_secs(6 * 60 * 60),
            retry_after_failure: Duration::from_secs(5),
        }
    }
}

/// Which JWKS endpoint the cache reads.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySource {
    #[cfg(feature = "consumer")]
    Consumer,
    #[cfg(feature = "b2b")]
    B2b,
}

impl KeySource {
    /// The key set's name in a shared store.
    fn shared_key(self) -> &'static str {
        match self {
            #[cfg(feature = "consumer")]
            KeySource::Consumer => "jwks:consumer",
            #[cfg(feature = "b2b")]
            KeySource::B2b => "jwks:b2b",
        }
    }
}

struct KeySet {
    keys: HashMap<String, Arc<RsaKey>>,
    fresh_until: SystemTime,
    generation: u64,
}

#[derive(Default)]
struct RefreshState {
    last_unknown_kid_fetch: Option<SystemTime>,
    last_failure: Option<SystemTime>,
    /// Why the last fetch failed; cleared by a successful one.
    last_error: Option<Arc<Error>>,
}

pub(crate) struct JwksCache {
    source: KeySource,
    timings: JwksTimings,
    current: ArcSwapOption<KeySet>,
    /// Bumped each time a key set is installed, so that tasks waiting on a refresh can tell
    /// that another task already did it.
    generation: AtomicU64,
    refresh: tokio::sync::Mutex<RefreshState>,
    /// Keys preloaded by the caller, used until a fetch replaces them.
    fetches: Mutex<u64>,
}

enum Reason {
    Stale,
    UnknownKid,
}

impl JwksCache {
    pub(crate) fn new(source: KeySource, timings: JwksTimings) -> Self {
        JwksCache {
            source,
            timings,
            current: ArcSwapOption::empty(),
            generation: AtomicU64::new(0),
            refresh: tokio::sync::Mutex::new(RefreshState::default()),
            fetches: Mutex::new(0),
        }
    }

    /// The key with this id, fetching or refreshing the set as needed.
    pub(crate) async fn key(&self, core: &ClientCore, kid: &str) -> Result<Arc<RsaKey>, Rejection> {
        let now = core.now();
        let snapshot = self.current.load_full();
        if let Some(set) = &snapshot {
            if now < set.fresh_until {
                if let Some(key) = set.keys.get(kid) {
                    return Ok(key.clone());
                }
                return self
                    .refresh_then_find(core, kid, Reason::UnknownKid, set.generation)
                    .await;
            }
        }
        self.refresh_then_find(
            core,
            kid,
            Reason::Stale,
            snapshot.map_or(0, |s| s.generation),
        )
        .await
    }

    async fn refresh_then_find(
        &self,
        core: &ClientCore,
        kid: &str,
        reason: Reason,
        seen_generation: u64,
    ) -> Result<Arc<RsaKey>, Rejection> {
        let last_error = {
            let mut state = self.refresh.lock().await;
            let now = core.now();
            let someone_else_refreshed = self.generation.load(Ordering::Acquire) > seen_generation;
            let cooling_down = matches!(reason, Reason::UnknownKid)
                && state
                    .last_unknown_kid_fetch
                    .is_some_and(|at| within(now, at, self.timings.unknown_kid_cooldown));
            let backing_off = state
                .last_failure
                .is_some_and(|at| within(now, at, self.timings.retry_after_failure));
            if !someone_else_refreshed && !cooling_down && !backing_off {
                if matches!(reason, Reason::UnknownKid) {
                    state.last_unknown_kid_fetch = Some(now);
                }
                let wanted = matches!(reason, Reason::UnknownKid).then_some(kid);
                match self.fetch_keys(core, now, wanted).await {
                    Ok((keys, fresh_until)) => {
                        state.last_failure = None;
                        state.last_error = None;
                        self.install(index(&keys), fresh_until);
                    }
                    Err(error) => {
                        state.last_failure = Some(now);
                        tracing::warn!(error = %error, "could not refresh the Stytch key set");
                        state.last_error = Some(Arc::new(error));
                    }
                }
            }
            state.last_error.clone()
        };
        let now = core.now();
        let usable = self
            .current
            .load_full()
            .filter(|set| now < set.fresh_until + self.timings.max_stale);
        let Some(set) = usable else {
            return Err(Rejection::KeysUnavailable(last_error));
        };
        set.keys
            .get(kid)
            .cloned()
            .ok_or_else(|| TokenError::UnknownKey(kid.to_owned()).into())
    }

    /// The key set and until when it is fresh: from the fleet's shared store when it holds a
    /// fresh one (with `wanted` among its keys, when looking for a key id the set lacked),
    /// otherwise from Stytch, fetched by one process of the fleet for the others.
    async fn fetch_keys(
        &self,
        core: &ClientCore,
        now: SystemTime,
        wanted: Option<&str>,
    ) -> Result<(Vec<Jwk>, SystemTime), Error> {
        let Some(shared) = &core.shared else {
            let (keys, ttl) = self.fetch(&core.transport).await?;
            return Ok((keys, now + ttl));
        };
        let has_wanted = |stored: &Stored<Vec<Jwk>>| {
            wanted.is_none_or(|kid| stored.value.iter().any(|jwk| jwk.kid == kid))
        };
        let key = shared.key(self.source.shared_key());
        let stored = shared
            .get_or_fetch(&key, has_wanted, || async {
                let fetched_at = core.now();
                let (keys, ttl) = self.fetch(&core.transport).await?;
                Ok((keys, shared.fresh_until(fetched_at, ttl)))
            })
            .await?;
        Ok((stored.value, stored.fresh_until))
    }

    /// Fetches the key set from Stytch; returns it with how long it stays fresh.
    async fn fetch(&self, transport: &Transport) -> Result<(Vec<Jwk>, Duration), Error> {
        *self.fetches.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        let project_id = transport.project_id.clone();
        // A failed fetch is not retried here: stale keys keep serving and the next attempt
        // waits `retry_after_failure`, so no caller sits through backoff holding the lock.
        let options = CallOptions {
            retry: Some(crate::RetryPolicy::disabled()),
            ..CallOptions::default()
        };
        let (keys, max_age): (Vec<Jwk>, Option<Duration>) = match self.source {
            #[cfg(feature = "consumer")]
            KeySource::Consumer => {
                let request = crate::consumer::sessions::GetJwksRequest::new(project_id);
                let (response, max_age) = transport.execute_cacheable(&request, &options).await?;
                (response.keys, max_age)
            }
            #[cfg(feature = "b2b")]
            KeySource::B2b => {
                let request = crate::b2b::sessions::GetJwksRequest::new(project_id);
                let (response, max_age) = transport.execute_cacheable(&request, &options).await?;
                (response.keys, max_age)
            }
        };
        let ttl = max_age
            .unwrap_or(self.timings.default_ttl)
            .clamp(self.timings.min_ttl, self.timings.max_ttl);
        Ok((keys, ttl))
    }

    /// Installs keys without fetching them, fresh for the default TTL.
    pub(crate) fn preload(&self, keys: &[Jwk], now: SystemTime) {
        self.install(index(keys), now + self.timings.default_ttl);
    }

    fn install(&self, keys: HashMap<String, Arc<RsaKey>>, fresh_until: SystemTime) {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        self.current.store(Some(Arc::new(KeySet {
            keys,
            fresh_until,
            generation,
        })));
    }

    /// How many times keys were fetched (for tests and diagnostics).
    pub(crate) fn fetch_count(&self) -> u64 {
        *self.fetches.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn index(keys: &[Jwk]) -> HashMap<String, Arc<RsaKey>> {
    keys.iter()
        .filter_map(|jwk| Some((jwk.kid.clone(), Arc::new(RsaKey::from_jwk(jwk)?))))
        .collect()
}

/// Whether `now` is less than `window` after `at` (a clock going backwards counts as within).
fn within(now: SystemTime, at: SystemTime, window: Duration) -> bool {
    now.duration_since(at)
        .map_or(true, |elapsed| elapsed < window)
}
