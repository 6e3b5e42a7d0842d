//! A local, in-memory stand-in for the Stytch API, for tests and offline development.
//!
//! It answers on Stytch's paths with Stytch's JSON shapes and error bodies, and really does
//! what it says: users, organizations and members live in memory, passwords are hashed with
//! argon2id, magic links and reset tokens are single-use and expire, one-time passcodes
//! count failed attempts, TOTP codes are checked per RFC 6238, sessions expire and are
//! revoked, and session JWTs and M2M access tokens are RS256-signed with a key generated at
//! start and published at the JWKS endpoints.
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
//! What it serves ([`SERVED_ROUTES`]), its rules and its emulator-only endpoints
//! (`/emulator/outbox`, `/emulator/clock/advance`) are described in the repository README
//! ("Emulator").

mod app;
mod b2b;
mod consumer;
mod control;
mod errors;
mod flows;
mod hashing;
mod http;
mod ids;
mod jwt;
mod persist;
mod render;
mod routes;
mod state;
mod strength;
mod tls;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use hashing::hash_password;
pub use routes::SERVED as SERVED_ROUTES;
pub use state::OutboxMessage;
pub use strength::{
    COMMON_PASSWORDS, MIN_DISTINCT as PASSWORD_MIN_DISTINCT, MIN_LENGTH as PASSWORD_MIN_LENGTH,
};

use app::App;
use state::{Clock, Data, Store};

/// Settings for [`Emulator::builder`]; every one has a default.
#[derive(Default)]
pub struct EmulatorBuilder {
    project_id: Option<String>,
    secret: Option<String>,
    port: u16,
    tls: bool,
    tls_cert_file: Option<PathBuf>,
    state_file: Option<PathBuf>,
}

impl std::fmt::Debug for EmulatorBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorBuilder")
            .field("project_id", &self.project_id)
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("tls_cert_file", &self.tls_cert_file)
            .field("state_file", &self.state_file)
            .finish()
    }
}

impl EmulatorBuilder {
    /// The project id clients must send. Default: a fresh `project-test-<uuid>` (or the one
    /// in the state file).
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// The secret clients must send. Default: a fresh `secret-test-...` (or the one in the
    /// state file).
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(secret.into());
        self
    }

    /// The loopback port to listen on. Default: 0, an unused port chosen by the system.
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Serves HTTPS with a self-signed certificate for `127.0.0.1` and `localhost`, made at
    /// start; its PEM is written to [`EmulatorBuilder::tls_cert_file`] (default: a file in
    /// the system's temporary directory) for clients to trust.
    pub fn tls(mut self, on: bool) -> Self {
        self.tls = on;
        self
    }

    /// Where to write the TLS certificate's PEM.
    pub fn tls_cert_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.tls_cert_file = Some(path.into());
        self
    }

    /// Starts from the snapshot in `path` (written by [`Emulator::save_state`]): its users,
    /// organizations, sessions and the rest, its signing key (so earlier JWTs still verify),
    /// its clock, and its project id and secret unless set here. A missing file means an
    /// empty start; an unreadable or corrupt one makes [`EmulatorBuilder::start`] fail with
    /// `InvalidData` and leaves the file untouched.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Binds `127.0.0.1:<port>`, generates (or loads) the signing key and starts serving on
    /// the current Tokio runtime.
    pub async fn start(self) -> std::io::Result<Emulator> {
        let snapshot = match &self.state_file {
            Some(path) => persist::load(path)?,
            None => None,
        };
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port)).await?;
        let addr = listener.local_addr()?;
        let clock = Clock::default();
        let (keys, data, project_id, secret) = match snapshot {
            Some(snapshot) => {
                clock.set_offset_ms(snapshot.clock_offset_ms);
                (
                    snapshot.keys()?,
                    snapshot.data,
                    snapshot.project_id,
                    snapshot.secret,
                )
            }
            None => {
                let keys = tokio::task::spawn_blocking(jwt::SigningKeys::generate)
                    .await
                    .map_err(std::io::Error::other)?
                    .map_err(std::io::Error::other)?;
                let project_id = ids::prefixed("project");
                let secret = format!("secret-test-{}", ids::secret_token(27));
                (keys, Data::default(), project_id, secret)
            }
        };
        let app = Arc::new(App {
            project_id: self.project_id.unwrap_or(project_id),
            secret: self.secret.unwrap_or(secret),
            store: Store::new(data),
            clock,
            keys,
            requests: Default::default(),
        });
        let router = routes::router(app.clone());
        let (shutdown, stop) = oneshot::channel::<()>();
        let stopped = async {
            let _ = stop.await;
        };
        let (server, scheme, tls_cert) = if self.tls {
            let material = tokio::task::spawn_blocking(tls::SelfSigned::generate)
                .await
                .map_err(std::io::Error::other)??;
            let path = self.tls_cert_file.unwrap_or_else(|| {
                std::env::temp_dir().join(format!("stytch-emulator-{}.pem", addr.port()))
            });
            std::fs::write(&path, &material.cert_pem)?;
            let listener = material.listen(listener)?;
            // An accept error ends the task; the handle's users then see connection errors.
            let server = tokio::spawn(async move {
                let _ = axum::serve(listener, router)
                    .with_graceful_shutdown(stopped)
                    .await;
            });
            (server, "https", Some((material.cert_pem, path)))
        } else {
            let server = tokio::spawn(async move {
                let _ = axum::serve(listener, router)
                    .with_graceful_shutdown(stopped)
                    .await;
            });
            (server, "http", None)
        };
        Ok(Emulator {
            app,
            addr,
            base_url: format!("{scheme}://{addr}"),
            tls_cert,
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
    tls_cert: Option<(String, PathBuf)>,
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

    /// Starts an emulator with chosen credentials, port, TLS or state file.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>` (or `https://` with TLS), to use as the client's base URL.
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

    /// The self-signed certificate (PEM) when serving TLS.
    pub fn tls_cert_pem(&self) -> Option<&str> {
        self.tls_cert.as_ref().map(|(pem, _)| pem.as_str())
    }

    /// Where the certificate's PEM was written when serving TLS.
    pub fn tls_cert_file(&self) -> Option<&Path> {
        self.tls_cert.as_ref().map(|(_, path)| path.as_path())
    }

    /// Every message "sent" so far (emails, SMS, WhatsApp), oldest first.
    pub fn outbox(&self) -> Vec<OutboxMessage> {
        self.app.store.lock().outbox.clone()
    }

    /// The messages sent to `recipient`, oldest first: an email address (compared
    /// case-insensitively) or a phone number.
    pub fn outbox_for(&self, recipient: &str) -> Vec<OutboxMessage> {
        let data = self.app.store.lock();
        data.outbox
            .iter()
            .filter(|m| {
                m.email.eq_ignore_ascii_case(recipient)
                    || (!m.phone_number.is_empty() && m.phone_number == recipient)
            })
            .cloned()
            .collect()
    }

    /// The token of the newest password-reset email to `email`.
    pub fn latest_reset_token(&self, email: &str) -> Option<String> {
        self.latest(email, |m| m.kind == "password_reset")
            .map(|m| m.token)
    }

    /// The token of the newest link (magic link, invite, discovery or reset) sent to
    /// `email`.
    pub fn latest_token(&self, email: &str) -> Option<String> {
        self.latest(email, |m| !m.token.is_empty()).map(|m| m.token)
    }

    /// The newest one-time passcode sent to `recipient` (an email address or phone number).
    pub fn latest_code(&self, recipient: &str) -> Option<String> {
        self.latest(recipient, |m| !m.code.is_empty())
            .map(|m| m.code)
    }

    /// The current TOTP code, at the emulator's clock, for a registration's `secret` (the
    /// base32 secret `POST /v1/totps` returns); `None` for a malformed secret.
    pub fn totp_code(&self, secret: &str) -> Option<String> {
        let now = u64::try_from(self.app.now().timestamp()).ok()?;
        flows::totp::code_at(secret, now)
    }

    fn latest(
        &self,
        recipient: &str,
        wanted: impl Fn(&OutboxMessage) -> bool,
    ) -> Option<OutboxMessage> {
        self.outbox_for(recipient).into_iter().rev().find(wanted)
    }

    /// Moves the emulator's clock forward (it never goes back, and stops a century ahead):
    /// tokens, codes, sessions and the recency rule for session resets all follow it; JWTs
    /// are stamped with it.
    pub fn advance_clock(&self, by: Duration) {
        self.app.clock.advance(by);
    }

    /// The emulator's clock as a function, for code that must agree with it: e.g. the SDK's
    /// `ClientBuilder::clock` (feature `testing`), so that local JWT checks see the tokens'
    /// `iat`, `nbf` and `exp` after [`Emulator::advance_clock`] as the emulator does. It keeps
    /// reading the clock after the emulator is dropped.
    pub fn clock(&self) -> impl Fn() -> SystemTime + Send + Sync + Clone + 'static {
        let clock = self.app.clock.clone();
        move || clock.system_time()
    }

    /// How many requests the emulator received on one of its routes since it started, by
    /// method and path template as [`SERVED_ROUTES`] lists them: e.g.
    /// `("POST", "/v1/public/{project_id}/oauth2/token")` counts every M2M token request,
    /// whatever the project id in its path and whether or not it was refused. Tests use it to
    /// tell how often a client really called.
    pub fn request_count(&self, method: &str, route: &str) -> u64 {
        self.app.requests.get(method, route)
    }

    /// The JWKS document the JWKS endpoints serve (`{"keys": [...]}`).
    pub fn jwks(&self) -> serde_json::Value {
        serde_json::json!({ "keys": [self.app.keys.jwk()] })
    }

    /// Writes everything the emulator holds to `path` as JSON (atomically: a temporary file
    /// beside it, then a rename), for [`EmulatorBuilder::state_file`] to load. The file holds
    /// the project secret, the signing key and live session tokens: keep it private.
    pub fn save_state(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        persist::save(&self.app, path.as_ref())
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
