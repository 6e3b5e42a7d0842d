//! `M2mTokenProvider`: M2M access tokens reused until shortly before they expire.

use crate::cache::shared::{from_unix_ms, unix_ms, Lookup, SharedStore, Stored};
use crate::consumer::m2m::token::validate_scope;
use crate::refresh::{system_clock, Clock, RefreshCell};
use crate::wire::Redacted;
use crate::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long before its expiry a cached token is replaced, by default: 60 seconds (at most half
/// the token's lifetime, for short-lived tokens).
pub const DEFAULT_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// How many distinct scope sets one provider keeps tokens for. Past that, sets whose token is
/// stale are dropped first, then any other.
const MAX_SCOPE_SETS: usize = 256;

/// Hands out access tokens for one M2M client, fetching a new one only when needed.
///
/// - Tokens are cached per scope set: the set's order and repeats do not matter
///   (`["b", "a", "a"]` is `["a", "b"]`), and the empty set means every scope the client has.
/// - A cached token is reused until [`DEFAULT_REFRESH_MARGIN`] (60 s, configurable) before it
///   expires, or until half its lifetime has passed if that is sooner. Its lifetime is
///   counted from when the request was sent, so the time a request takes is never credited
///   to the token.
/// - At most one request per scope set is in flight: concurrent [`get`](Self::get)s for the
///   same set wait for it and share its token, or its error ([`Error::Shared`]).
/// - [`invalidate`](Self::invalidate) drops a token a downstream service refused, so the next
///   `get` fetches a fresh one.
/// - With a [shared cache](crate::cache) on the client, the processes of a fleet share one
///   token per client id and scope set: a `get` that finds no fresh token here takes the
///   fleet's, and only one process fetches when the fleet has none. A token held here is
///   compared with the fleet's at most once per
///   [`token_check_interval`](crate::cache::SharedCache::token_check_interval) (1 s), so a
///   token another process invalidated stops being used here within that interval. The
///   secret is never stored; the token is (see [`cache`](crate::cache) on who can read it).
///
/// Clones share the cache. `Debug` never shows the secret or a token.
///
/// ```no_run
/// use stytch::consumer::m2m::M2mTokenProvider;
///
/// # async fn call_orders_service(_bearer: &str) -> u16 { 200 }
/// # async fn run(client: stytch::consumer::Client) -> Result<(), stytch::Error> {
/// let tokens = M2mTokenProvider::new(&client, "m2m-client-test-...", "client secret");
///
/// let token = tokens.get(&["read:orders"]).await?;
/// if call_orders_service(token.access_token()).await == 401 {
///     tokens.invalidate(&token).await; // revoked early: the next get() fetches a new one
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct M2mTokenProvider {
    inner: Arc<Inner>,
}

struct Inner {
    client: crate::consumer::Client,
    client_id: String,
    client_secret: String,
    refresh_margin: Duration,
    clock: Clock,
    /// By sorted, deduplicated scope set.
    tokens: Mutex<HashMap<Vec<String>, Arc<Slot>>>,
}

/// One scope set's token, and what the shared cache needs to know about it.
struct Slot {
    cell: RefreshCell<M2mToken>,
    /// The token's key in the shared store, when the client has one.
    shared_key: Option<String>,
    /// When the token held here is next compared with the shared one.
    next_check: Mutex<Option<Instant>>,
    /// The token last invalidated here, never to be taken from the store again.
    refused: Mutex<Option<Arc<str>>>,
}

impl Slot {
    /// Whether the token is due for a comparison with the shared one; if so, the next one is
    /// due `interval` from now (so concurrent callers do not all compare).
    fn check_due(&self, now: Instant, interval: Duration) -> bool {
        let mut next = self
            .next_check
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if next.is_some_and(|at| now < at) {
            return false;
        }
        *next = now.checked_add(interval);
        true
    }

    fn checked(&self, now: Instant, interval: Duration) {
        *self
            .next_check
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = now.checked_add(interval);
    }

    fn refused(&self) -> Option<Arc<str>> {
        self.refused
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// A token as kept in the shared store. The M2M client's secret is not in it.
#[derive(Serialize, Deserialize)]
struct SharedToken {
    access_token: String,
    token_type: String,
    /// Unix milliseconds.
    expires_at: u64,
}

/// Configures an [`M2mTokenProvider`].
#[must_use]
pub struct M2mTokenProviderBuilder {
    client: crate::consumer::Client,
    client_id: String,
    client_secret: String,
    refresh_margin: Duration,
    clock: Option<Clock>,
}

impl M2mTokenProviderBuilder {
    /// How long before expiry a cached token is replaced. Default:
    /// [`DEFAULT_REFRESH_MARGIN`] (60 s); never more than half a token's lifetime.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Replaces the monotonic clock (default: `Instant::now`), so that tests can move time
    /// forward. Not part of the stable API.
    #[doc(hidden)]
    pub fn clock<F>(mut self, now: F) -> Self
    where
        F: Fn() -> Instant + Send + Sync + 'static,
    {
        self.clock = Some(Arc::new(now));
        self
    }

    pub fn build(self) -> M2mTokenProvider {
        M2mTokenProvider {
            inner: Arc::new(Inner {
                client: self.client,
                client_id: self.client_id,
                client_secret: self.client_secret,
                refresh_margin: self.refresh_margin,
                clock: self.clock.unwrap_or_else(system_clock),
                tokens: Mutex::new(HashMap::new()),
            }),
        }
    }
}

impl fmt::Debug for M2mTokenProviderBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("M2mTokenProviderBuilder")
            .field("client_id", &self.client_id)
            .field("client_secret", &Redacted)
            .field("refresh_margin", &self.refresh_margin)
            .finish_non_exhaustive()
    }
}

impl M2mTokenProvider {
    /// A provider for the M2M client with these credentials, sending its requests through
    /// `client` (a clone of it: the connection pool is shared).
    pub fn new(
        client: &crate::consumer::Client,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self::builder(client, client_id, client_secret).build()
    }

    /// Starts configuring a provider.
    pub fn builder(
        client: &crate::consumer::Client,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> M2mTokenProviderBuilder {
        M2mTokenProviderBuilder {
            client: client.clone(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            clock: None,
        }
    }

    /// The M2M client's id.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// A token with `scopes` (`&[]`: every scope the client has): the cached one while it is
    /// fresh, otherwise a new one. Fails with [`Error::InvalidArgument`] for an empty scope
    /// or one containing whitespace, without a request.
    pub async fn get(&self, scopes: &[&str]) -> Result<M2mToken, Error> {
        let key = scope_key(scopes)?;
        let slot = self.slot(&key);
        let inner = &*self.inner;
        let shared = inner.client.core().shared.as_ref();
        if let Some(shared) = shared {
            if let Some(token) = inner.checked_local(shared, &slot).await {
                return Ok(token);
            }
        }
        slot.cell
            .get_or_fetch(&inner.clock, || async {
                match shared {
                    None => inner.request(&key).await,
                    Some(shared) => inner.request_shared(shared, &slot, &key).await,
                }
            })
            .await
    }

    /// Drops `token` from the cache if it is still the cached one for its scopes, so that the
    /// next [`get`](Self::get) fetches a new token. A newer token that another caller already
    /// fetched is kept. With a shared cache, the token is also removed from the store (unless
    /// another process has replaced it already), so that the fleet's other processes stop
    /// using it after their next comparison with the store.
    pub async fn invalidate(&self, token: &M2mToken) {
        let slot = self.slot(&token.scopes);
        slot.cell
            .clear_if(|cached| cached.access_token == token.access_token);
        *slot.refused.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(token.access_token.clone());
        let shared = self.inner.client.core().shared.as_ref();
        if let (Some(shared), Some(key)) = (shared, &slot.shared_key) {
            shared
                .delete_if(key, |held: &SharedToken| {
                    *held.access_token == *token.access_token
                })
                .await;
        }
    }

    /// Drops every cached token; with a shared cache, also the fleet's tokens for the scope
    /// sets this provider has asked for.
    pub async fn invalidate_all(&self) {
        let slots: Vec<Arc<Slot>> = self.lock_tokens().drain().map(|(_, slot)| slot).collect();
        let Some(shared) = self.inner.client.core().shared.as_ref() else {
            return;
        };
        for key in slots.iter().filter_map(|slot| slot.shared_key.as_deref()) {
            shared.delete(key).await;
        }
    }

    fn lock_tokens(&self) -> std::sync::MutexGuard<'_, HashMap<Vec<String>, Arc<Slot>>> {
        self.inner
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn slot(&self, key: &[String]) -> Arc<Slot> {
        let mut tokens = self.lock_tokens();
        if let Some(slot) = tokens.get(key) {
            return slot.clone();
        }
        if tokens.len() >= MAX_SCOPE_SETS {
            let now = (self.inner.clock)();
            tokens.retain(|_, slot| !slot.cell.is_idle_and_stale(now));
            while tokens.len() >= MAX_SCOPE_SETS {
                let Some(evicted) = tokens.keys().next().cloned() else {
                    break;
                };
                tokens.remove(&evicted);
            }
        }
        let shared = self.inner.client.core().shared.as_ref();
        let slot = Arc::new(Slot {
            cell: RefreshCell::new(),
            shared_key: shared.map(|shared| self.inner.shared_key(shared, key)),
            next_check: Mutex::new(None),
            refused: Mutex::new(None),
        });
        tokens.insert(key.to_vec(), slot.clone());
        slot
    }
}

impl Inner {
    /// Asks Stytch for a token; returns it with how long it stays fresh.
    async fn request(&self, key: &[String]) -> Result<(M2mToken, Duration), Error> {
        let started = (self.clock)();
        let requested = (!key.is_empty()).then(|| key.to_vec());
        let response = self
            .client
            .m2m()
            .token(self.client_id.as_str(), self.client_secret.as_str())
            .set_scopes(requested)
            // Asking twice only mints a second token: safe to retry after any failure.
            .assume_idempotent()
            .send()
            .await?;
        let lifetime = Duration::from_secs(u64::try_from(response.expires_in).unwrap_or(0));
        let margin = self.refresh_margin.min(lifetime / 2);
        let token = M2mToken {
            access_token: Arc::from(response.access_token),
            token_type: Arc::from(response.token_type),
            expires_at: started.checked_add(lifetime).unwrap_or(started),
            scopes: Arc::from(key),
        };
        Ok((token, lifetime - margin))
    }

    /// The fleet's token from the shared store, or one from Stytch that this process fetches
    /// for the fleet; with how long it stays fresh.
    async fn request_shared(
        &self,
        shared: &SharedStore,
        slot: &Slot,
        key: &[String],
    ) -> Result<(M2mToken, Duration), Error> {
        let refused = slot.refused();
        let not_refused = |stored: &Stored<SharedToken>| {
            refused.as_deref() != Some(stored.value.access_token.as_str())
        };
        let store_key = slot.shared_key.as_deref().unwrap_or_default();
        let stored = shared
            .get_or_fetch(store_key, not_refused, || async {
                let fetched_at = shared.now();
                let (token, fresh_for) = self.request(key).await?;
                let lifetime = token.expires_at.saturating_duration_since((self.clock)());
                let shared_token = SharedToken {
                    access_token: token.access_token.to_string(),
                    token_type: token.token_type.to_string(),
                    expires_at: unix_ms(shared.now() + lifetime),
                };
                Ok((shared_token, shared.fresh_until(fetched_at, fresh_for)))
            })
            .await?;
        let now = (self.clock)();
        slot.checked(now, shared.token_check_interval());
        Ok(self.token_from_store(shared, stored, key, now))
    }

    /// A token held here, unless a comparison with the shared one, when due, finds that
    /// the fleet dropped it; a token another process put in its place is taken instead.
    async fn checked_local(&self, shared: &SharedStore, slot: &Slot) -> Option<M2mToken> {
        let now = (self.clock)();
        let token = slot.cell.fresh(now)?;
        if !slot.check_due(now, shared.token_check_interval()) {
            return Some(token);
        }
        let store_key = slot.shared_key.as_deref()?;
        match shared.read::<SharedToken>(store_key).await {
            // The store cannot tell: keep what is held here.
            Lookup::Unavailable => Some(token),
            Lookup::Found(stored) if shared.now() < stored.fresh_until => {
                if *stored.value.access_token == *token.access_token {
                    return Some(token);
                }
                if slot.refused().as_deref() == Some(stored.value.access_token.as_str()) {
                    slot.cell.clear();
                    return None;
                }
                let (adopted, fresh_for) =
                    self.token_from_store(shared, stored, &token.scopes, now);
                slot.cell.set(adopted.clone(), now, fresh_for);
                Some(adopted)
            }
            // Invalidated by another process (or dropped by the store): fetch anew.
            Lookup::Found(_) | Lookup::Missing | Lookup::FetchFailed => {
                slot.cell
                    .clear_if(|cached| cached.access_token == token.access_token);
                None
            }
        }
    }

    /// A token from the store, with how long it stays fresh; times move to this process's
    /// monotonic clock.
    fn token_from_store(
        &self,
        shared: &SharedStore,
        stored: Stored<SharedToken>,
        key: &[String],
        now: Instant,
    ) -> (M2mToken, Duration) {
        let lifetime = from_unix_ms(stored.value.expires_at)
            .and_then(|expires_at| expires_at.duration_since(shared.now()).ok())
            .unwrap_or_default();
        let token = M2mToken {
            access_token: Arc::from(stored.value.access_token),
            token_type: Arc::from(stored.value.token_type),
            expires_at: now.checked_add(lifetime).unwrap_or(now),
            scopes: Arc::from(key),
        };
        (token, shared.remaining(stored.fresh_until))
    }

    /// The store key of one scope set: a hash of the client id and the scopes.
    fn shared_key(&self, shared: &SharedStore, scopes: &[String]) -> String {
        let mut parts: Vec<&str> = Vec::with_capacity(scopes.len() + 1);
        parts.push(&self.client_id);
        parts.extend(scopes.iter().map(String::as_str));
        shared.hashed_key("m2m", &parts)
    }
}

/// The cache key of a scope list: validated, sorted, without repeats.
fn scope_key(scopes: &[&str]) -> Result<Vec<String>, Error> {
    let mut key = Vec::with_capacity(scopes.len());
    for scope in scopes {
        validate_scope(scope)?;
        key.push((*scope).to_owned());
    }
    key.sort_unstable();
    key.dedup();
    Ok(key)
}

impl fmt::Debug for M2mTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("M2mTokenProvider")
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &Redacted)
            .field("refresh_margin", &self.inner.refresh_margin)
            .finish_non_exhaustive()
    }
}

/// An access token from an [`M2mTokenProvider`]. Cheap to clone; `Debug` hides the token.
#[derive(Clone)]
pub struct M2mToken {
    access_token: Arc<str>,
    token_type: Arc<str>,
    expires_at: Instant,
    scopes: Arc<[String]>,
}

impl M2mToken {
    /// The JWT to send as `Authorization: Bearer <access_token>`.
    pub fn access_token(&self) -> &str {
        &self.access_token
    }

    /// As Stytch reported it (`bearer`).
    pub fn token_type(&self) -> &str {
        &self.token_type
    }

    /// When the token expires, on the provider's clock (counted from when it was requested).
    pub fn expires_at(&self) -> Instant {
        self.expires_at
    }

    /// The scopes asked for, sorted; empty when the token was asked for with every scope.
    pub fn requested_scopes(&self) -> &[String] {
        &self.scopes
    }
}

impl fmt::Debug for M2mToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("M2mToken")
            .field("access_token", &Redacted)
            .field("token_type", &self.token_type)
            .field("expires_at", &self.expires_at)
            .field("requested_scopes", &self.scopes)
            .finish()
    }
}
