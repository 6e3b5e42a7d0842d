//! `M2mTokenProvider`: M2M access tokens reused until shortly before they expire.

use crate::consumer::m2m::token::validate_scope;
use crate::refresh::{system_clock, Clock, RefreshCell};
use crate::wire::Redacted;
use crate::Error;
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
///     tokens.invalidate(&token); // revoked early: the next get() fetches a new one
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
    tokens: Mutex<HashMap<Vec<String>, Arc<RefreshCell<M2mToken>>>>,
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
        let cell = self.cell(&key);
        let inner = &*self.inner;
        cell.get_or_fetch(&inner.clock, || async move {
            let started = (inner.clock)();
            let requested = (!key.is_empty()).then(|| key.clone());
            let response = inner
                .client
                .m2m()
                .token(inner.client_id.as_str(), inner.client_secret.as_str())
                .set_scopes(requested)
                // Asking twice only mints a second token: safe to retry after any failure.
                .assume_idempotent()
                .send()
                .await?;
            let lifetime = Duration::from_secs(u64::try_from(response.expires_in).unwrap_or(0));
            let margin = inner.refresh_margin.min(lifetime / 2);
            let token = M2mToken {
                access_token: Arc::from(response.access_token),
                token_type: Arc::from(response.token_type),
                expires_at: started.checked_add(lifetime).unwrap_or(started),
                scopes: Arc::from(key),
            };
            Ok((token, lifetime - margin))
        })
        .await
    }

    /// Drops `token` from the cache if it is still the cached one for its scopes, so that the
    /// next [`get`](Self::get) fetches a new token. A newer token that another caller already
    /// fetched is kept.
    pub fn invalidate(&self, token: &M2mToken) {
        let cell = self.lock_tokens().get(&*token.scopes).cloned();
        if let Some(cell) = cell {
            cell.clear_if(|cached| cached.access_token == token.access_token);
        }
    }

    /// Drops every cached token.
    pub fn invalidate_all(&self) {
        self.lock_tokens().clear();
    }

    fn lock_tokens(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<Vec<String>, Arc<RefreshCell<M2mToken>>>> {
        self.inner
            .tokens
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn cell(&self, key: &[String]) -> Arc<RefreshCell<M2mToken>> {
        let mut tokens = self.lock_tokens();
        if let Some(cell) = tokens.get(key) {
            return cell.clone();
        }
        if tokens.len() >= MAX_SCOPE_SETS {
            let now = (self.inner.clock)();
            tokens.retain(|_, cell| !cell.is_idle_and_stale(now));
            while tokens.len() >= MAX_SCOPE_SETS {
                let Some(evicted) = tokens.keys().next().cloned() else {
                    break;
                };
                tokens.remove(&evicted);
            }
        }
        let cell = Arc::new(RefreshCell::new());
        tokens.insert(key.to_vec(), cell.clone());
        cell
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
