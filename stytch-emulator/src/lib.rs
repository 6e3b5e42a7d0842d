//! A local, in-memory stand-in for the Stytch API, for tests and offline examples.
//!
//! It answers on Stytch's paths with Stytch's JSON shapes and error bodies, and really does
//! what it says: users, organizations and members live in memory, passwords are hashed with
//! argon2id, reset tokens are single-use and expire, sessions expire and are revoked, and
//! session JWTs and M2M access tokens are RS256-signed with a key generated at start and
//! published at the JWKS endpoints.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let emulator = stytch_emulator::Emulator::start().await?;
//! println!("{} {}", emulator.base_url(), emulator.project_id());
//! // Point a Stytch client at emulator.base_url() with emulator.project_id() and
//! // emulator.secret(); after a reset start, read the token the "email" carried:
//! let token = emulator.latest_reset_token("ada@example.com");
//! # let _ = token;
//! # Ok(()) }
//! ```
//!
//! What it serves, its password policy and its emulator-only endpoints (`/emulator/outbox`,
//! `/emulator/clock/advance`) are described in the repository README ("Emulator").

mod app;
mod b2b;
mod control;
mod errors;
mod hashing;
mod http;
mod ids;
mod jwt;
mod m2m;
mod outbox;
mod passwords;
mod reset;
mod routes;
mod sessions;
mod state;
mod strength;
mod users;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use hashing::hash_password;
pub use outbox::OutboxMessage;
pub use strength::{
    COMMON_PASSWORDS, MIN_DISTINCT as PASSWORD_MIN_DISTINCT, MIN_LENGTH as PASSWORD_MIN_LENGTH,
};

use app::App;
use state::{Clock, Store};

/// Settings for [`Emulator::builder`]; every one has a default.
#[derive(Default)]
pub struct EmulatorBuilder {
    project_id: Option<String>,
    secret: Option<String>,
    port: u16,
}

impl std::fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorBuilder")
            .field("project_id", &self.project_id)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("port", &self.port)
            .finish()
    }
}

impl EmulatorBuilder {
    /// The project id clients must send. Default: a fresh `project-test-<uuid>`.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The secret clients must send. Default: a fresh `secret-test-...`.
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// The loopback port to listen on. Default: 0, an unused port chosen by the system.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Binds `127.0.0.1:<port>`, generates the signing key and starts serving on the current
    /// Tokio runtime.
    pub async fn start(self) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let keys = tokio::task::spawn_blocking(jwt::SigningKeys::generate)
            .await
            .map_err(std::io::Error::other)?
            .map_err(std::io::Error::other)?;
        let app = Arc::new(App {
            project_id: self.project_id.unwrap_or_else(|| ids::prefixed("project")),
            secret: self
                .secret
                .unwrap_or_else(|| format!("secret-test-{}", ids::secret_token(27))),
            store: Store::default(),
            clock: Clock::default(),
            keys,
        });
        let router = routes::router(app.clone());
        let (shutdown, stop) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            let stopped = async {
                let _ = stop.await;
            };
            // An accept error ends the task; the handle's users then see connection errors.
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(stopped)
                .await;
        });
        Ok(Emulator {
            app,
            addr,
            base_url: format!("http://{addr}"),
            shutdown: Some(shutdown),
            server: Some(server),
        })
    }
}

/// A running emulator. Dropping it stops the server (connections in flight finish first);
/// [`Emulator::shutdown`] stops it and waits until it has.
pub struct Emulator {
    app: Arc<App>,
    addr: SocketAddr,
    base_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.base_url)
            .field("project_id", &self.app.project_id)
            .field("secret", &"<redacted>")
            .finish()
    }
}

impl Emulator {
    /// Starts an emulator on an unused loopback port with fresh credentials.
    pub async fn start() -> std::io::Result<Emulator> {
        Self::builder().start().await
    }

    /// Starts an emulator with chosen credentials or port.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>`, to use as the client's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn project_id(&self) -> &str {
        &self.app.project_id
    }

    pub fn secret(&self) -> &str {
        &self.app.secret
    }

    /// Every email "sent" so far, oldest first.
    pub fn outbox(&self) -> Vec<OutboxMessage> {
        self.app.store.lock().outbox.clone()
    }

    /// The emails sent to `email` (case-insensitive), oldest first.
    pub fn outbox_for(&self, email: &str) -> Vec<OutboxMessage> {
        let data = self.app.store.lock();
        data.outbox
            .iter()
            .filter(|m| m.email.eq_ignore_ascii_case(email))
            .cloned()
            .collect()
    }

    /// The token of the newest password-reset email to `email`.
    pub fn latest_reset_token(&self, email: &str) -> Option<String> {
        self.outbox_for(email)
            .into_iter()
            .rev()
            .find(|m| m.kind == "password_reset")
            .map(|m| m.token)
    }

    /// Moves the emulator's clock forward (it never goes back, and stops a century ahead):
    /// reset tokens, sessions and the recency rule for session resets all follow it; JWTs are
    /// stamped with it.
    pub fn advance_clock(&self, by: Duration) {
        self.app.clock.advance(by);
    }

    /// The JWKS document the JWKS endpoints serve (`{"keys": [...]}`).
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [self.app.keys.jwk()] })
    }

    /// Stops the server and waits for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
    }
}
