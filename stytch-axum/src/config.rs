//! [`StytchAuth`]: the clients and the settings every extractor and layer reads.

use crate::rejection::{Rejection, RejectionHook};
use axum::response::Response;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// The cookie Stytch's frontend SDKs keep the session JWT in.
pub const SESSION_JWT_COOKIE: &str = "stytch_session_jwt";
/// The cookie Stytch's frontend SDKs keep the opaque session token in.
pub const SESSION_TOKEN_COOKIE: &str = "stytch_session";

/// Where the authentication state of a service lives: the Stytch clients, and how tokens are
/// read, checked and written back. Cheap to clone; put it in your application state and
/// implement [`FromRef`](axum::extract::FromRef) for it (or use it as the state itself).
///
/// ```
/// use stytch_axum::StytchAuth;
///
/// # fn run(consumer: stytch::consumer::Client) {
/// let auth = StytchAuth::builder()
///     .consumer(consumer)
///     .cookie_name("my_session_jwt")
///     .max_token_age(std::time::Duration::from_secs(60))
///     .build();
/// # let _ = auth; }
/// ```
#[derive(Clone)]
pub struct StytchAuth {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) consumer: Option<stytch::consumer::Client>,
    pub(crate) b2b: Option<stytch::b2b::Client>,
    pub(crate) cookie_name: String,
    pub(crate) token_cookie_name: Option<String>,
    pub(crate) read_bearer: bool,
    pub(crate) local_only: bool,
    pub(crate) max_token_age: Option<Duration>,
    pub(crate) clock_tolerance: Option<Duration>,
    pub(crate) secure_cookie: bool,
    pub(crate) retry_after: Duration,
    pub(crate) on_rejection: Option<RejectionHook>,
}

impl StytchAuth {
    /// Starts the configuration; at least one client is needed by the extractors you use.
    pub fn builder() -> StytchAuthBuilder {
        StytchAuthBuilder {
            consumer: None,
            b2b: None,
            cookie_name: SESSION_JWT_COOKIE.to_owned(),
            token_cookie_name: Some(SESSION_TOKEN_COOKIE.to_owned()),
            read_bearer: true,
            local_only: false,
            max_token_age: None,
            clock_tolerance: None,
            secure_cookie: true,
            retry_after: Duration::from_secs(5),
            on_rejection: None,
        }
    }

    /// The consumer client, if one was given.
    pub fn consumer(&self) -> Option<&stytch::consumer::Client> {
        self.inner.consumer.as_ref()
    }

    /// The B2B client, if one was given.
    pub fn b2b(&self) -> Option<&stytch::b2b::Client> {
        self.inner.b2b.as_ref()
    }

    /// The response for a refused request: the hook's, or the default one.
    pub(crate) fn reject(&self, rejection: Rejection) -> Response {
        match &self.inner.on_rejection {
            Some(hook) => hook(&rejection),
            None => rejection.into_response_with(self.inner.retry_after),
        }
    }
}

impl fmt::Debug for StytchAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("StytchAuth")
            .field("consumer", &inner.consumer)
            .field("b2b", &inner.b2b)
            .field("cookie_name", &inner.cookie_name)
            .field("token_cookie_name", &inner.token_cookie_name)
            .field("read_bearer", &inner.read_bearer)
            .field("local_only", &inner.local_only)
            .field("max_token_age", &inner.max_token_age)
            .field("clock_tolerance", &inner.clock_tolerance)
            .field("secure_cookie", &inner.secure_cookie)
            .field("retry_after", &inner.retry_after)
            .field("on_rejection", &inner.on_rejection.is_some())
            .finish()
    }
}

/// Builds a [`StytchAuth`].
#[must_use]
pub struct StytchAuthBuilder {
    consumer: Option<stytch::consumer::Client>,
    b2b: Option<stytch::b2b::Client>,
    cookie_name: String,
    token_cookie_name: Option<String>,
    read_bearer: bool,
    local_only: bool,
    max_token_age: Option<Duration>,
    clock_tolerance: Option<Duration>,
    secure_cookie: bool,
    retry_after: Duration,
    on_rejection: Option<RejectionHook>,
}

impl StytchAuthBuilder {
    /// The client for consumer sessions ([`Session`](crate::Session)) and M2M tokens.
    pub fn consumer(mut self, client: stytch::consumer::Client) -> Self {
        self.consumer = Some(client);
        self
    }

    /// The client for member sessions ([`MemberSession`](crate::MemberSession)) and M2M
    /// tokens.
    pub fn b2b(mut self, client: stytch::b2b::Client) -> Self {
        self.b2b = Some(client);
        self
    }

    /// The cookie the session JWT is read from and refreshed into. Default:
    /// [`SESSION_JWT_COOKIE`] (`stytch_session_jwt`).
    pub fn cookie_name(mut self, name: impl Into<String>) -> Self {
        self.cookie_name = name.into();
        self
    }

    /// The cookie holding the opaque session token, asked of Stytch when a request has no
    /// session JWT (when it expired in the browser, say); the JWT Stytch hands back is then
    /// set in the JWT cookie. `None` reads no such cookie. Default:
    /// [`SESSION_TOKEN_COOKIE`] (`stytch_session`). Never read with
    /// [`local_only`](Self::local_only).
    pub fn token_cookie_name(mut self, name: Option<&str>) -> Self {
        self.token_cookie_name = name.map(str::to_owned);
        self
    }

    /// Whether a session JWT may also come as `Authorization: Bearer ...` (checked before the
    /// cookie). Default: yes. M2M tokens always come that way.
    pub fn read_bearer(mut self, read: bool) -> Self {
        self.read_bearer = read;
        self
    }

    /// Verifies session JWTs locally only, never asking Stytch: a JWT older than the maximum
    /// age or expired is refused instead of refreshed. Default: off.
    pub fn local_only(mut self, local_only: bool) -> Self {
        self.local_only = local_only;
        self
    }

    /// Session JWTs issued longer ago are checked with Stytch (or refused, with
    /// [`local_only`](Self::local_only)); M2M tokens older than this are refused. Default: the
    /// SDK's (5 minutes for sessions; only `exp` for M2M tokens).
    pub fn max_token_age(mut self, age: Duration) -> Self {
        self.max_token_age = Some(age);
        self
    }

    /// Allowed clock difference for `exp`, `nbf` and `iat`. Default: the SDK's (30 s).
    pub fn clock_tolerance(mut self, tolerance: Duration) -> Self {
        self.clock_tolerance = Some(tolerance);
        self
    }

    /// Whether a refreshed JWT's cookie is `Secure` (sent over https only). Default: yes; turn
    /// it off only for plain-http development.
    pub fn secure_cookie(mut self, secure: bool) -> Self {
        self.secure_cookie = secure;
        self
    }

    /// The `Retry-After` of a 503 answered when keys or a policy cannot be had. Default: 5 s.
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = wait;
        self
    }

    /// Replaces the default answer to a refused request (a small JSON body with 401, 403,
    /// 503 or 500). The hook sees why, and the SDK's error when there is one.
    pub fn on_rejection(
        mut self,
        hook: impl Fn(&Rejection) -> Response + Send + Sync + 'static,
    ) -> Self {
        self.on_rejection = Some(Arc::new(hook));
        self
    }

    pub fn build(self) -> StytchAuth {
        StytchAuth {
            inner: Arc::new(Inner {
                consumer: self.consumer,
                b2b: self.b2b,
                cookie_name: self.cookie_name,
                token_cookie_name: self.token_cookie_name,
                read_bearer: self.read_bearer,
                local_only: self.local_only,
                max_token_age: self.max_token_age,
                clock_tolerance: self.clock_tolerance,
                secure_cookie: self.secure_cookie,
                retry_after: self.retry_after,
                on_rejection: self.on_rejection,
            }),
        }
    }
}

impl fmt::Debug for StytchAuthBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StytchAuthBuilder")
            .field("cookie_name", &self.cookie_name)
            .field("local_only", &self.local_only)
            .finish_non_exhaustive()
    }
}
