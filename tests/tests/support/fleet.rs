//! One emulated Stytch project and SDK clients standing for the replicas of a service: each
//! replica is a client of its own (own connection pool, own process-local caches), as a
//! separate process would have. Used by the shared-cache tests and the `fleet_cache` bench.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use stytch::cache::SharedCache;
use stytch::consumer::m2m::M2mTokenProvider;
use stytch_emulator::Emulator;

pub const SCOPE: &str = "read:orders";
pub const TOKEN_ROUTE: &str = "/v1/public/{project_id}/oauth2/token";
pub const CONSUMER_KEYS_ROUTE: &str = "/v1/sessions/jwks/{project_id}";
pub const CONSUMER_POLICY_ROUTE: &str = "/v1/rbac/policy";
pub const B2B_POLICY_ROUTE: &str = "/v1/b2b/rbac/policy";
pub const ORGANIZATION_ROLES_ROUTE: &str = "/v1/b2b/rbac/organizations/{organization_id}";

/// An emulator with an M2M client, a user with a session and an organization.
pub struct Project {
    pub emulator: Emulator,
    pub m2m_client_id: String,
    pub m2m_client_secret: String,
    pub session_jwt: String,
    pub organization_id: String,
}

impl Project {
    pub async fn start() -> Project {
        let emulator = Emulator::start().await.expect("the emulator starts");
        let admin = consumer(&emulator, None);
        let m2m = admin
            .m2m()
            .clients()
            .create(vec![SCOPE.to_owned()])
            .await
            .expect("M2M client created")
            .m2m_client;
        let session = admin
            .passwords()
            .create("ada@example.com", "a long and unusual passphrase 7")
            .session_duration_minutes(60)
            .await
            .expect("user created");
        let organization = b2b(&emulator, None)
            .organizations()
            .create("Acme")
            .await
            .expect("organization created")
            .organization;
        Project {
            m2m_client_id: m2m.client_id,
            m2m_client_secret: m2m.client_secret,
            session_jwt: session.session_jwt.expect("a session JWT"),
            organization_id: organization.organization_id,
            emulator,
        }
    }

    /// A consumer client of its own, sharing `cache` (or none).
    pub fn consumer(&self, cache: Option<SharedCache>) -> stytch::consumer::Client {
        consumer(&self.emulator, cache)
    }

    pub fn b2b(&self, cache: Option<SharedCache>) -> stytch::b2b::Client {
        b2b(&self.emulator, cache)
    }

    /// A token provider for the project's M2M client, on a client of its own.
    pub fn provider(&self, cache: Option<SharedCache>) -> M2mTokenProvider {
        self.provider_for(&self.m2m_client_id, &self.m2m_client_secret, cache)
    }

    /// A token provider for another M2M client, on a client of its own.
    pub fn provider_for(
        &self,
        client_id: &str,
        client_secret: &str,
        cache: Option<SharedCache>,
    ) -> M2mTokenProvider {
        M2mTokenProvider::new(&self.consumer(cache), client_id, client_secret)
    }

    /// A new M2M client with [`SCOPE`]: its id and secret.
    pub async fn new_m2m_client(&self) -> (String, String) {
        let admin = self.consumer(None);
        let created = admin.m2m().clients().create(vec![SCOPE.to_owned()]).await;
        let client = created.expect("M2M client created").m2m_client;
        (client.client_id, client.client_secret)
    }

    /// Like [`provider`](Self::provider), on a monotonic clock the test moves.
    pub fn provider_on(&self, cache: Option<SharedCache>, clock: &TestClock) -> M2mTokenProvider {
        let client = self.consumer(cache);
        let clock = clock.clone();
        M2mTokenProvider::builder(&client, &self.m2m_client_id, &self.m2m_client_secret)
            .clock(move || clock.now())
            .build()
    }

    pub fn requests(&self, method: &str, route: &str) -> u64 {
        self.emulator.request_count(method, route)
    }

    pub fn token_requests(&self) -> u64 {
        self.requests("POST", TOKEN_ROUTE)
    }
}

/// A client of the emulator's project; a macro, as the two builders share no trait.
macro_rules! client {
    ($client:ty, $emulator:expr, $cache:expr) => {{
        let builder = <$client>::builder($emulator.project_id(), $emulator.secret())
            .base_url($emulator.base_url())
            .clock($emulator.clock());
        match $cache {
            Some(cache) => builder.shared_cache(cache),
            None => builder,
        }
        .build()
        .expect("client builds")
    }};
}

fn consumer(emulator: &Emulator, cache: Option<SharedCache>) -> stytch::consumer::Client {
    client!(stytch::consumer::Client, emulator, cache)
}

fn b2b(emulator: &Emulator, cache: Option<SharedCache>) -> stytch::b2b::Client {
    client!(stytch::b2b::Client, emulator, cache)
}

/// Runs `get(&[SCOPE])` on every provider at once; returns the tokens.
pub async fn get_all(providers: &[M2mTokenProvider]) -> Vec<String> {
    let calls = providers.iter().map(|provider| {
        let provider = provider.clone();
        tokio::spawn(async move { provider.get(&[SCOPE]).await })
    });
    let mut tokens = Vec::new();
    for call in calls.collect::<Vec<_>>() {
        let token = call.await.expect("the task ends").expect("a token");
        tokens.push(token.access_token().to_owned());
    }
    tokens
}

/// A monotonic clock that moves only when told.
#[derive(Clone)]
pub struct TestClock {
    start: Instant,
    offset_ms: Arc<AtomicU64>,
}

impl TestClock {
    pub fn new() -> TestClock {
        TestClock {
            start: Instant::now(),
            offset_ms: Arc::default(),
        }
    }

    pub fn now(&self) -> Instant {
        self.start + Duration::from_millis(self.offset_ms.load(Ordering::SeqCst))
    }

    pub fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.as_millis() as u64, Ordering::SeqCst);
    }
}
