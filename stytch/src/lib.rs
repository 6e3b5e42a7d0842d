//! A Rust client for the [Stytch](https://stytch.com) authentication API, for consumer and
//! B2B projects.
//!
//! Every endpoint is a method on a service reached from the client, named as in Stytch's
//! other SDKs. Required values are arguments; optional ones are chained setters; the result
//! is awaited:
//!
//! ```no_run
//! # async fn run() -> Result<(), stytch::Error> {
//! let client = stytch::consumer::Client::from_env()?;
//!
//! client
//!     .passwords()
//!     .email()
//!     .reset_start("ada@example.com")
//!     .reset_password_redirect_url("https://example.com/reset")
//!     .await?;
//!
//! let reset = client
//!     .passwords()
//!     .email()
//!     .reset("token from the email link", "a new, long passphrase")
//!     .session_duration_minutes(60)
//!     .await?;
//! println!("signed in as {}", reset.user.user_id);
//! # Ok(()) }
//! ```
//!
//! - [`consumer::Client`] and [`b2b::Client`] hold the credentials and a pooled HTTP client;
//!   clones share both. Configure them with [`ClientBuilder`].
//! - Every call returns `Result<_, `[`Error`]`>`; API errors keep Stytch's `error_type`,
//!   message and request id.
//! - Responses decode leniently: unknown fields are ignored, missing or `null` fields take
//!   their default, and enums keep values this version does not know.
//! - Secrets (passwords, tokens, JWTs, the project secret) are redacted from `Debug`.
//!
//! # Features
//!
//! Product families (all default):
//! - `consumer`: [`consumer::Client`] and its services.
//! - `b2b`: [`b2b::Client`] and its services.
//! - `fraud`: the fraud and risk endpoints on the telemetry host, on whichever clients are on.
//!
//! TLS, for the HTTP client the SDK builds (see [`http_client_builder`]):
//! - `rustls` (default): rustls with Mozilla's root certificates compiled in; its crypto comes
//!   from the backend below. No C library, no system certificate store. Building a client
//!   also makes that crypto the process default for rustls when none is set, so other
//!   reqwest clients in the program keep working (see [`install_default_crypto_provider`]).
//! - `native-tls`: the platform's TLS and certificate store, through reqwest's `native-tls`.
//!   On Linux that is OpenSSL, whose headers and `pkg-config` the build needs. Chosen over
//!   `rustls` when both are on.
//! - Neither: plain `http` only; [`ClientBuilder::build`] refuses an `https` base URL unless
//!   the builder was given an HTTP client with [`ClientBuilder::http_client`].
//!
//! Crypto backend, for local JWT verification, the `testing` keys and rustls (exactly one is
//! used; without either the crate does not compile and says which feature to enable):
//! - `ring` (default): no C crypto library to build.
//! - `aws-lc-rs`: AWS-LC, compiled from C source by `aws-lc-sys` (a C compiler is needed, and
//!   a clean build takes roughly a minute longer). Chosen over `ring` when both are on. Key-set
//!   keys are parsed once, so local JWT checks take about a quarter less time than on `ring`.
//!
//! Other:
//! - `testing`: `testing::TestKeys` signs Stytch-shaped JWTs with built-in keys, and
//!   `ClientBuilder::clock` moves the client's clock.
//! - `redis`: `cache::RedisStore`, so that the processes of a fleet share M2M tokens, signing
//!   keys and RBAC policies through Redis (see [`cache`]).
//! - `__probe` is internal, for the workspace's own tests; applications leave it off.
//!
//! Every combination builds with the crate's `rust-version` (1.88).

// With neither vertical there is no client: the models, `rbac::authorize` and the JWT
// machinery still build, and the parts only a client calls are expected to go unused.
#![cfg_attr(not(any(feature = "consumer", feature = "b2b")), allow(unused))]

extern crate self as stytch;

mod call;
mod client;
mod client_core;
mod crypto;
mod error;
mod fault;
mod nullable;
#[cfg(feature = "__probe")]
mod probe;
mod refresh;
mod retry;
mod service;
mod transport;
mod wire;

#[cfg(feature = "b2b")]
pub mod b2b;
pub mod cache;
pub mod catalogue;
pub mod consumer;
pub mod jwt;
pub mod models;
pub mod rbac;
#[cfg(feature = "testing")]
pub mod testing;

pub use call::Call;
#[cfg(feature = "rustls")]
pub use client::install_default_crypto_provider;
pub use client::{
    http_client_builder, ClientBuilder, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use error::{ApiError, AuthorizationError, Error, TokenError, TokenType};
pub use fault::Fault;
pub use nullable::Nullable;
pub use reqwest;
pub use reqwest::StatusCode;
pub use retry::RetryPolicy;
pub use wire::Endpoint;

/// A point in time as Stytch reports it (RFC 3339, UTC).
pub type Timestamp = chrono::DateTime<chrono::Utc>;

#[doc(hidden)]
pub mod __private {
    pub use crate::catalogue::CatalogueEntry;
    pub use crate::client_core::ClientCore;
    pub use crate::service::ServiceHandle;
    pub use crate::transport::Transport;
    pub use crate::wire::{
        de, push_path_segment, serialize_if_some, Endpoint, PathValue, QueryValue, QueryWriter,
        Redacted, WireEnum,
    };
    pub use inventory;
    pub use serde;

    pub use crate::__probe as probe;
    #[cfg(feature = "__probe")]
    pub use crate::probe::{
        probe_entries, Probe, ProbeEntry, ProbeSending, ProbeSlot, ProbeSource, ProbeValues,
    };
}

/// Keeps `#[endpoint]`'s probe (see `probe.rs`) with the internal `__probe` feature and
/// drops it without, so that no other build compiles it.
#[cfg(feature = "__probe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __probe {
    ($($probe:tt)*) => { $($probe)* };
}

#[cfg(not(feature = "__probe"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __probe {
    ($($probe:tt)*) => {};
}

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
