//! Client configuration and the two clients, one per Stytch project type.

use crate::client_core::{ClientCore, Clock};
use crate::jwt::{JwksCache, JwksTimings, KeySource};
use crate::retry::{RetryPolicy, Sleep};
use crate::transport::Transport;
use crate::Error;
use base64::Engine as _;
use reqwest::header::HeaderValue;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

const LIVE_API: &str = "https://api.stytch.com";
const TEST_API: &str = "https://test.stytch.com";
const FRAUD_API: &str = "https://telemetry.stytch.com";

/// The default deadline for a call: every attempt and every wait between them.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default limit for one attempt, from connecting to reading the last byte.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default limit for opening a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The default limit on the size of a response body.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Configures a [`consumer::Client`](crate::consumer::Client) or a
/// [`b2b::Client`](crate::b2b::Client). Problems are reported by [`build`](Self::build).
///
/// ```no_run
/// use std::time::Duration;
///
/// let client = stytch::b2b::Client::builder("project-test-...", "secret-test-...")
///     .timeout(Duration::from_secs(10))
///     .user_agent("my-service/1.2")
///     .build()?;
/// # Ok::<(), stytch::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder<C> {
    project_id: String,
    secret: String,
    base_url: Option<String>,
    fraud_base_url: Option<String>,
    timeout: Duration,
    attempt_timeout: Duration,
    connect_timeout: Duration,
    strict_decoding: bool,
    user_agent: Option<String>,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    max_response_bytes: usize,
    sleep: Option<Sleep>,
    clock: Option<Clock>,
    rbac_policy_ttl: Duration,
    cache_clock: Option<crate::refresh::Clock>,
    shared_cache: Option<crate::cache::SharedCache>,
    client: PhantomData<fn() -> C>,
}

impl<C: FromCore> ClientBuilder<C> {
    pub(crate) fn new(project_id: impl Into<String>, secret: impl Into<String>) -> Self {
        ClientBuilder {
            project_id: project_id.into(),
            secret: secret.into(),
            base_url: None,
            fraud_base_url: None,
            timeout: DEFAULT_TIMEOUT,
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            strict_decoding: false,
            user_agent: None,
            http: None,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            sleep: None,
            rbac_policy_ttl: crate::rbac::DEFAULT_POLICY_TTL,
            cache_clock: None,
            shared_cache: None,
            clock: None,
            client: PhantomData,
        }
    }

    /// Where API requests go. Default: `https://api.stytch.com` for project ids starting with
    /// `project-live-`, `https://test.stytch.com` for all others. Also used as the JWT issuer
    /// when it is a custom domain.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Where fraud and risk requests go. Default: `https://telemetry.stytch.com`.
    pub fn fraud_base_url(mut self, url: impl Into<String>) -> Self {
        self.fraud_base_url = Some(url.into());
        self
    }

    /// The deadline for a call: every attempt and every wait between retries fits within
    /// it, and a call still running when it passes fails with [`Error::Timeout`]. Default:
    /// [`DEFAULT_TIMEOUT`] (30 s). A call can override it with
    /// [`Call::timeout`](crate::Call::timeout).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The limit for one attempt, from connecting to reading the last byte of the response.
    /// An attempt that runs out of time is retried like a lost connection (for requests safe
    /// to repeat; see [`RetryPolicy`]) if the deadline leaves room. Default:
    /// [`DEFAULT_ATTEMPT_TIMEOUT`] (10 s), so a call with the defaults can make three
    /// attempts. A call can override it with
    /// [`Call::attempt_timeout`](crate::Call::attempt_timeout).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// Fails a call with [`Error::Decode`] when Stytch's response lacks a field the API always
    /// sends (or sends it as `null`). Off by default: such a field then reads as its default
    /// (an empty string, `0`, the Unix epoch) and the first occurrence of each is logged at
    /// WARN, so that a change on Stytch's side cannot break a deployed application. Turn it
    /// on in tests to catch what a lenient decode would hide.
    pub fn strict_decoding(mut self, strict: bool) -> Self {
        self.strict_decoding = strict;
        self
    }

    /// The limit for opening a connection. Default: [`DEFAULT_CONNECT_TIMEOUT`] (5 s). Not
    /// applied to a client given with [`http_client`](Self::http_client), which keeps its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header. Default: `stytch-rust/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Sends every request through this `reqwest::Client` (for proxies, custom root
    /// certificates, or to share a connection pool with the rest of the application).
    ///
    /// The client keeps its own settings, its redirect policy included. Build it with
    /// redirects off, as [`http_client_builder`] does: Stytch never redirects, and a client that
    /// follows a `307` or `308` resends the body to the new address, along with every header
    /// reqwest does not know to be sensitive (the B2B `X-Stytch-Member-Session` ones among
    /// them). With redirects off, a `3xx` fails the call with [`Error::Redirect`].
    ///
    /// As the SDK cannot tell whether such a client followed a redirect before a connection
    /// failed, a failure to connect is retried only for requests that are safe to repeat
    /// (see [`RetryPolicy`]).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed requests are retried. Default: [`RetryPolicy::default()`] (3 attempts);
    /// [`RetryPolicy::disabled()`] turns retries off. A call can override it with
    /// [`Call::retry`](crate::Call::retry).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body the client reads; a larger one fails with
    /// [`Error::ResponseTooLarge`] without being buffered. Default:
    /// [`DEFAULT_MAX_RESPONSE_BYTES`] (32 MiB).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Replaces how the client waits between retries (default: `tokio::time::sleep`), e.g.
    /// to run retries instantly in tests or on another timer.
    pub fn sleep_with<F, Fut>(mut self, sleep: F) -> Self
    where
        F: Fn(Duration) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        self.sleep = Some(Arc::new(move |duration| Box::pin(sleep(duration))));
        self
    }

    /// Replaces the clock used for token expiry and key-set freshness (default: the system
    /// clock), so tests can move time.
    #[cfg(feature = "testing")]
    pub fn clock(
        mut self,
        now: impl Fn() -> std::time::SystemTime + Send + Sync + 'static,
    ) -> Self {
        self.clock = Some(Arc::new(now));
        self
    }

    /// How long the RBAC policy (and each organization's custom roles) is used for local
    /// authorization before it is fetched again. Default:
    /// [`DEFAULT_POLICY_TTL`](crate::rbac::DEFAULT_POLICY_TTL) (5 minutes). `Duration::MAX`
    /// keeps a policy until the cache is cleared.
    pub fn rbac_policy_ttl(mut self, ttl: Duration) -> Self {
        self.rbac_policy_ttl = ttl;
        self
    }

    /// Shares the client's caches with the other processes of a fleet through a store they all
    /// reach (see [`cache`](crate::cache)): the JWT signing keys, the RBAC policy and
    /// organizations' roles, and the tokens of
    /// [`M2mTokenProvider`](crate::consumer::m2m::M2mTokenProvider)s built on this client.
    /// The process-local caches stay in front; the store is asked when they miss, and Stytch
    /// when the store has nothing fresh, by one process at a time. A store that fails or is
    /// slow is skipped, never failing a call. Default: none, each process fetches its own.
    ///
    /// ```no_run
    /// # #[cfg(feature = "redis")]
    /// # fn run() -> Result<(), stytch::Error> {
    /// use stytch::cache::{RedisStore, SharedCache};
    ///
    /// let store = RedisStore::open("redis://cache.internal:6379/")?; // feature `redis`
    /// let client = stytch::b2b::Client::builder("project-live-...", "secret-live-...")
    ///     .shared_cache(SharedCache::new(store))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    pub fn shared_cache(mut self, cache: crate::cache::SharedCache) -> Self {
        self.shared_cache = Some(cache);
        self
    }

    /// Replaces the monotonic clock the client's caches read (default: `Instant::now`), so
    /// that tests can move time forward. Not part of the stable API.
    #[doc(hidden)]
    pub fn cache_clock<F>(mut self, now: F) -> Self
    where
        F: Fn() -> std::time::Instant + Send + Sync + 'static,
    {
        self.cache_clock = Some(Arc::new(now));
        self
    }

    /// Checks the configuration and creates the client. With the `rustls` feature it also
    /// makes the SDK's crypto provider the process default when there is none yet, so that
    /// other reqwest clients in the program work: see [`install_default_crypto_provider`].
    pub fn build(self) -> Result<C, Error> {
        #[cfg(feature = "rustls")]
        install_default_crypto_provider();
        if self.project_id.trim().is_empty() {
            return Err(Error::Config("the project id is empty".into()));
        }
        if self.secret.trim().is_empty() {
            return Err(Error::Config("the secret is empty".into()));
        }
        let unprintable = |s: &str| s.chars().any(|c| c.is_whitespace() || c.is_control());
        if unprintable(&self.project_id) || unprintable(&self.secret) {
            return Err(Error::Config(
                "the project id or secret contains whitespace or control characters".into(),
            ));
        }
        let default_api = if self.project_id.starts_with("project-live-") {
            LIVE_API
        } else {
            TEST_API
        };
        let api_url =
            normalize_base_url(self.base_url.as_deref().unwrap_or(default_api), "base URL")?;
        let api_base = api_url.as_str().trim_end_matches('/').to_owned();
        let mut jwt_issuers = vec![format!("stytch.com/{}", self.project_id)];
        if self.base_url.is_some() {
            jwt_issuers.push(api_base.clone());
        }
        let fraud_url = normalize_base_url(
            self.fraud_base_url.as_deref().unwrap_or(FRAUD_API),
            "fraud base URL",
        )?;
        let credentials = base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", self.project_id, self.secret));
        let mut authorization =
            HeaderValue::try_from(format!("Basic {credentials}")).map_err(|_| {
                Error::Config("the project id or secret contains invalid characters".into())
            })?;
        authorization.set_sensitive(true);
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("stytch-rust/{}", env!("CARGO_PKG_VERSION")));
        let user_agent = HeaderValue::try_from(user_agent)
            .map_err(|_| Error::Config("the user agent contains invalid characters".into()))?;
        let own_http_client = self.http.is_some();
        let http = match self.http {
            Some(http) => http,
            None => {
                #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
                {
                    require_plain_http(&api_base, "base URL")?;
                    #[cfg(feature = "fraud")]
                    require_plain_http(fraud_url.as_str(), "fraud base URL")?;
                }
                default_http_client(self.connect_timeout)?
            }
        };
        let transport = Transport {
            http,
            own_http_client,
            project_id: self.project_id,
            authorization,
            user_agent,
            api_base,
            api_url,
            fraud_url,
            timeout: self.timeout,
            attempt_timeout: self.attempt_timeout,
            retry: self.retry,
            strict_decoding: self.strict_decoding,
            max_response_bytes: self.max_response_bytes,
            sleep: self.sleep.unwrap_or_else(crate::retry::tokio_sleep),
            project_credentials: std::sync::atomic::AtomicU8::new(0),
            check_project_credentials,
        };
        let clock: Clock = self
            .clock
            .unwrap_or_else(|| Arc::new(std::time::SystemTime::now));
        let shared = self.shared_cache.map(|cache| {
            crate::cache::shared::SharedStore::new(cache, &transport.project_id, clock.clone())
        });
        Ok(C::from_core(Arc::new(ClientCore {
            transport,
            clock,
            shared,
            jwks: JwksCache::new(C::KEY_SOURCE, JwksTimings::default()),
            jwt_issuers,
            rbac: crate::rbac::PolicyCache::new(
                self.rbac_policy_ttl,
                self.cache_clock
                    .unwrap_or_else(crate::refresh::system_clock),
            ),
        })))
    }
}

/// Asks `GET /v1/debug/whoami`, which needs nothing but the project's credentials.
fn check_project_credentials(
    transport: &Transport,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<bool>> + Send + '_>> {
    Box::pin(async move {
        let options = crate::transport::CallOptions {
            retry: Some(RetryPolicy::disabled()),
            ..Default::default()
        };
        let whoami = crate::consumer::debug::WhoamiRequest {};
        match transport.execute(&whoami, &options).await {
            Ok(_) => Some(true),
            Err(Error::Api(api)) if api.refuses_our_credentials() => Some(false),
            Err(_) => None,
        }
    })
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("project_id", &self.project_id)
            .field("secret", &crate::wire::Redacted)
            .field("base_url", &self.base_url)
            .field("fraud_base_url", &self.fraud_base_url)
            .field("timeout", &self.timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("strict_decoding", &self.strict_decoding)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("rbac_policy_ttl", &self.rbac_policy_ttl)
            .field("shared_cache", &self.shared_cache)
            .finish_non_exhaustive()
    }
}

/// An absolute `http(s)` URL without a trailing slash, query or fragment.
/// Checks a configured base URL; its path, if any, prefixes every endpoint's path.
fn normalize_base_url(url: &str, what: &str) -> Result<reqwest::Url, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::Config(format!("the {what} {url:?} is not a URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
        return Err(Error::Config(format!(
            "the {what} {url:?} must be an http or https URL"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::Config(format!(
            "the {what} {url:?} cannot have a query or fragment"
        )));
    }
    Ok(parsed)
}

fn default_http_client(connect_timeout: Duration) -> Result<reqwest::Client, Error> {
    http_client_builder()?
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| Error::Config(format!("could not create the HTTP client: {e}")))
}

/// A `reqwest` builder with the SDK's settings: redirects are never followed (Stytch's API
/// does not redirect, and a followed redirect would carry the request's body and headers to
/// another address), and TLS is set up as the crate's features choose:
///
/// - `rustls` (default): rustls with Mozilla's root certificates compiled in (no dependence
///   on the host's certificate store), on the provider of the crypto backend (`ring` by
///   default, `aws-lc-rs` when that feature is on). HTTP/1.1 only.
/// - `native-tls`: the platform's TLS library and certificate store (OpenSSL on Linux,
///   Secure Transport on macOS, SChannel on Windows), TLS 1.2 or later. When both `rustls`
///   and `native-tls` are on, `native-tls` wins: with `rustls` in the defaults, turning
///   `native-tls` on is the only way to ask for it without `default-features = false`, and it
///   is also reqwest's own choice when both are compiled in.
/// - Neither: a builder without TLS, whose clients speak plain `http` only. A
///   [`ClientBuilder`] then refuses an `https` base URL unless it is given a client with
///   [`http_client`](ClientBuilder::http_client).
///
/// Start from it to give [`ClientBuilder::http_client`] a client with a proxy or other
/// settings of your own. A client built from `reqwest::Client::builder()` directly works
/// too, once the SDK's crypto provider is the process default: this function and
/// [`ClientBuilder::build`] install it when no other is installed (see
/// [`install_default_crypto_provider`]).
///
/// ```no_run
/// let http = stytch::http_client_builder()?
///     .proxy(reqwest::Proxy::all("http://proxy.internal:3128").expect("valid proxy URL"))
///     .build()
///     .expect("HTTP client");
/// let client = stytch::consumer::Client::builder("project-test-...", "secret-test-...")
///     .http_client(http)
///     .build()?;
/// # Ok::<(), stytch::Error>(())
/// ```
pub fn http_client_builder() -> Result<reqwest::ClientBuilder, Error> {
    #[cfg(feature = "rustls")]
    install_default_crypto_provider();
    Ok(tls_client_builder()?
        .redirect(reqwest::redirect::Policy::none())
        .referer(false))
}

/// Makes the SDK's rustls crypto provider (on `ring`, or on AWS-LC with the `aws-lc-rs`
/// feature) the process-wide default, unless the process has one already. Returns whether
/// this call installed it.
///
/// Why: the `rustls` feature builds reqwest with rustls but without a crypto provider of its
/// own (so that the default build compiles no C), and Cargo turns that on for every use of
/// reqwest in the program. A `reqwest::Client::new()` anywhere in the application then takes
/// the process default, and panics when there is none. [`ClientBuilder::build`] and
/// [`http_client_builder`] call this function, so once the application has built a Stytch
/// client, any other reqwest client works. An application that builds HTTP clients before its
/// Stytch client calls it itself, first thing in `main`.
///
/// A provider installed earlier, by the application or a library, is left in place, and
/// concurrent calls are safe: exactly one install wins. The SDK's own HTTP client hands its
/// provider to rustls directly and never depends on the process default.
///
/// ```
/// stytch::install_default_crypto_provider();
/// // Panics without a process default when reqwest has no provider of its own, as when the
/// // SDK's default features are all that turn on its TLS.
/// let http = stytch::reqwest::Client::new();
/// # drop(http);
/// assert!(!stytch::install_default_crypto_provider(), "installed once");
/// ```
#[cfg(feature = "rustls")]
pub fn install_default_crypto_provider() -> bool {
    if rustls::crypto::CryptoProvider::get_default().is_some() {
        return false;
    }
    crate::crypto::rustls_provider().install_default().is_ok()
}

fn tls_client_builder() -> Result<reqwest::ClientBuilder, Error> {
    #[cfg(feature = "native-tls")]
    return Ok(reqwest::Client::builder()
        .tls_backend_native()
        .tls_version_min(reqwest::tls::Version::TLS_1_2));
    #[cfg(all(feature = "rustls", not(feature = "native-tls")))]
    return rustls_client_builder();
    #[cfg(not(any(feature = "rustls", feature = "native-tls")))]
    return Ok(reqwest::Client::builder());
}

#[cfg(all(feature = "rustls", not(feature = "native-tls")))]
fn rustls_client_builder() -> Result<reqwest::ClientBuilder, Error> {
    let provider = Arc::new(crate::crypto::rustls_provider());
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let mut tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("TLS setup failed: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(reqwest::Client::builder().tls_backend_preconfigured(tls))
}

/// Without a TLS feature the default HTTP client cannot reach an `https` URL; saying so at
/// `build()` beats a network error on the first call.
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn require_plain_http(url: &str, what: &str) -> Result<(), Error> {
    if url.starts_with("https:") {
        return Err(Error::Config(format!(
            "the {what} {url:?} needs TLS, but stytch was built without its `rustls` and \
             `native-tls` features: enable one of them, use an http URL, or give the builder \
             an HTTP client of your own with `http_client`"
        )));
    }
    Ok(())
}

#[doc(hidden)]
pub trait FromCore {
    /// Which JWKS endpoint the client's session JWTs are signed for.
    const KEY_SOURCE: KeySource;
    fn from_core(core: Arc<ClientCore>) -> Self;
}

/// Defines a client type; the consumer and B2B clients differ only in their services.
macro_rules! define_client {
    ($(#[$meta:meta])* $vertical:literal, $key_source:ident) => {
        $(#[$meta])*
        #[derive(Clone)]
        pub struct Client {
            core: ::std::sync::Arc<$crate::client_core::ClientCore>,
        }

        impl Client {
            /// A client with default settings for the project with these credentials.
            pub fn new(project_id: impl Into<String>, secret: impl Into<String>) -> Result<Self, $crate::Error> {
                Self::builder(project_id, secret).build()
            }

            /// A client configured from `STYTCH_PROJECT_ID`, `STYTCH_SECRET` and, when set,
            /// `STYTCH_BASE_URL`.
            pub fn from_env() -> Result<Self, $crate::Error> {
                $crate::client::builder_from_env()?.build()
            }

            /// Starts configuring a client.
            pub fn builder(
                project_id: impl Into<String>,
                secret: impl Into<String>,
            ) -> $crate::ClientBuilder<Self> {
                $crate::ClientBuilder::new(project_id, secret)
            }

            /// Sends a request built directly, e.g. with its `new` constructor.
            pub fn send<E: $crate::__private::Endpoint>(&self, request: E) -> $crate::Call<'_, E> {
                $crate::Call::new(&self.core.transport, request)
            }

            /// The project id this client authenticates as.
            pub fn project_id(&self) -> &str {
                &self.core.transport.project_id
            }

            /// The API base URL requests go to.
            pub fn base_url(&self) -> &str {
                &self.core.transport.api_base
            }

            /// Installs JWT signing keys without fetching them (from a saved key set, or test
            /// keys); they count as fresh for the cache's default lifetime.
            pub fn preload_keys(&self, keys: &[$crate::models::Jwk]) {
                self.core.jwks.preload(keys, self.core.now());
            }

            /// How many times this client (and its clones) fetched the JWT key set.
            pub fn key_fetches(&self) -> u64 {
                self.core.jwks.fetch_count()
            }
        }

        impl Client {
            /// The transport and the caches this client and its clones share.
            #[allow(dead_code)]
            pub(crate) fn core(&self) -> &$crate::client_core::ClientCore {
                &self.core
            }
        }

        impl $crate::client::FromCore for Client {
            const KEY_SOURCE: $crate::jwt::KeySource = $crate::jwt::KeySource::$key_source;
            fn from_core(core: ::std::sync::Arc<$crate::client_core::ClientCore>) -> Self {
                Client { core }
            }
        }

        impl ::core::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(concat!("stytch::", $vertical, "::Client"))
                    .field("project_id", &self.core.transport.project_id)
                    .field("base_url", &self.core.transport.api_base)
                    .field("secret", &$crate::__private::Redacted)
                    .finish_non_exhaustive()
            }
        }
    };
}
pub(crate) use define_client;

pub(crate) fn builder_from_env<C: FromCore>() -> Result<ClientBuilder<C>, Error> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let project_id = var("STYTCH_PROJECT_ID")
        .ok_or_else(|| Error::Config("STYTCH_PROJECT_ID is not set".into()))?;
    let secret =
        var("STYTCH_SECRET").ok_or_else(|| Error::Config("STYTCH_SECRET is not set".into()))?;
    let builder = ClientBuilder::new(project_id, secret);
    Ok(match var("STYTCH_BASE_URL") {
        Some(url) => builder.base_url(url),
        None => builder,
    })
}

/// A build without TLS: `https` is refused at `build()` unless the caller brings a client.
#[cfg(all(
    test,
    feature = "consumer",
    not(any(feature = "rustls", feature = "native-tls"))
))]
mod without_tls {
    use crate::consumer::Client;
    use crate::Error;

    fn config_error(result: Result<Client, Error>) -> String {
        match result {
            Err(Error::Config(message)) => message,
            Err(other) => panic!("expected Error::Config, got {other:?}"),
            Ok(client) => panic!("expected Error::Config, got {client:?}"),
        }
    }

    #[test]
    fn the_default_https_base_url_is_refused() {
        let message = config_error(Client::new("project-test-1", "secret-test-1"));
        assert!(message.contains("\"https://test.stytch.com\""), "{message}");
        assert!(message.contains("`rustls`"), "{message}");
        assert!(message.contains("`http_client`"), "{message}");
    }

    #[test]
    fn an_explicit_https_base_url_is_refused() {
        let builder = Client::builder("project-test-1", "secret-test-1")
            .base_url("HTTPS://stytch.internal.example")
            .fraud_base_url("http://127.0.0.1:9");
        let message = config_error(builder.build());
        assert!(message.starts_with("the base URL"), "{message}");
    }

    #[cfg(feature = "fraud")]
    #[test]
    fn the_default_https_fraud_base_url_is_refused() {
        let builder =
            Client::builder("project-test-1", "secret-test-1").base_url("http://127.0.0.1:9");
        let message = config_error(builder.build());
        assert!(message.starts_with("the fraud base URL"), "{message}");
    }

    #[test]
    fn plain_http_urls_build() {
        let client = Client::builder("project-test-1", "secret-test-1")
            .base_url("http://127.0.0.1:9")
            .fraud_base_url("http://127.0.0.1:9")
            .build()
            .expect("plain http needs no TLS");
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
    }

    #[test]
    fn https_builds_with_the_callers_own_client() {
        let http = reqwest::Client::builder().build().expect("HTTP client");
        let client = Client::builder("project-test-1", "secret-test-1")
            .http_client(http)
            .build()
            .expect("the caller's client decides what it can reach");
        assert_eq!(client.base_url(), "https://test.stytch.com");
    }
}
