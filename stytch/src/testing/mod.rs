//! Test support for applications that use this SDK (feature `testing`).
//!
//! [`TestKeys`] signs consumer, B2B and M2M JWTs the way Stytch lays them out, with RSA keys
//! built into this module. Give a client its key set with `preload_keys(&keys.jwks())` (or
//! serve [`TestKeys::jwks_json`] from a test server) and `authenticate_jwt` accepts the tokens.
//! The keys are public: never trust them outside tests.
//!
//! ```
//! use stytch::testing::TestKeys;
//!
//! # async fn run() -> Result<(), stytch::Error> {
//! let keys = TestKeys::new();
//! let client = stytch::consumer::Client::new("project-test-1", "secret-test-1")?;
//! client.preload_keys(&keys.jwks());
//! let jwt = keys.session("project-test-1", "user-test-1").roles(["admin"]).sign();
//! let auth = client.sessions().authenticate_jwt_local(jwt).await?;
//! assert_eq!(auth.session.user_id, "user-test-1");
//! # Ok(()) }
//! # tokio::runtime::Runtime::new().unwrap().block_on(run()).unwrap();
//! ```

use crate::crypto::rand;
use crate::crypto::signature::{self, KeyPair as _};
use crate::models::Jwk;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Map, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const KEY_1: &[u8] = include_bytes!("test_key_1.der");
const KEY_1_N: &str = include_str!("test_key_1.n");
const KEY_2: &[u8] = include_bytes!("test_key_2.der");
const KEY_2_N: &str = include_str!("test_key_2.n");

/// Which built-in key signs a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKey {
    /// `jwk-test-primary`, published by [`TestKeys::jwks`].
    Primary,
    /// `jwk-test-rotated`, published only by [`TestKeys::jwks_after_rotation`].
    Rotated,
}

impl TestKey {
    pub fn kid(self) -> &'static str {
        match self {
            TestKey::Primary => "jwk-test-primary",
            TestKey::Rotated => "jwk-test-rotated",
        }
    }

    fn pkcs1_der(self) -> &'static [u8] {
        match self {
            TestKey::Primary => KEY_1,
            TestKey::Rotated => KEY_2,
        }
    }

    fn jwk(self) -> Jwk {
        let n = match self {
            TestKey::Primary => KEY_1_N,
            TestKey::Rotated => KEY_2_N,
        };
        Jwk {
            kty: "RSA".into(),
            r#use: "sig".into(),
            key_ops: vec!["verify".into()],
            alg: "RS256".into(),
            kid: self.kid().into(),
            n: n.trim().into(),
            e: "AQAB".into(),
            ..Jwk::default()
        }
    }
}

/// Signs test JWTs with the built-in keys.
#[derive(Clone, Debug, Default)]
pub struct TestKeys {
    _private: (),
}

impl TestKeys {
    pub fn new() -> Self {
        TestKeys::default()
    }

    /// The key set with the primary key only.
    pub fn jwks(&self) -> Vec<Jwk> {
        vec![TestKey::Primary.jwk()]
    }

    /// The key set after a rotation: both keys.
    pub fn jwks_after_rotation(&self) -> Vec<Jwk> {
        vec![TestKey::Primary.jwk(), TestKey::Rotated.jwk()]
    }

    /// A JWKS response body as Stytch sends it, for a test server.
    pub fn jwks_json(&self, keys: &[Jwk]) -> Value {
        json!({"keys": keys, "request_id": "request-id-test-jwks", "status_code": 200})
    }

    /// A consumer session JWT for `user_id`, valid for five minutes from now.
    pub fn session(&self, project_id: &str, user_id: &str) -> TokenBuilder {
        TokenBuilder::new(project_id, user_id).session_claim("session-test-1")
    }

    /// A B2B member session JWT.
    pub fn member_session(
        &self,
        project_id: &str,
        member_id: &str,
        organization_id: &str,
    ) -> TokenBuilder {
        let mut builder =
            TokenBuilder::new(project_id, member_id).session_claim("member-session-test-1");
        builder.claims.insert(
            "https://stytch.com/organization".into(),
            json!({"organization_id": organization_id, "slug": "test-organization"}),
        );
        builder
    }

    /// An M2M access token for `client_id` with these scopes.
    pub fn m2m_token<'a>(
        &self,
        project_id: &str,
        client_id: &str,
        scopes: impl IntoIterator<Item = &'a str>,
    ) -> TokenBuilder {
        let mut builder = TokenBuilder::new(project_id, client_id);
        let scope: Vec<&str> = scopes.into_iter().collect();
        builder
            .claims
            .insert("scope".into(), Value::String(scope.join(" ")));
        builder
    }

    /// A connected-app access token that `client_id` holds for `subject` (a user or member),
    /// with these scopes.
    pub fn connected_app_token<'a>(
        &self,
        project_id: &str,
        subject: &str,
        client_id: &str,
        scopes: impl IntoIterator<Item = &'a str>,
    ) -> TokenBuilder {
        self.m2m_token(project_id, subject, scopes)
            .claim("client_id", json!(client_id))
    }

    /// Signs any header and claims with a built-in key (for malformed and hostile tokens).
    pub fn sign_raw(&self, key: TestKey, header: &Value, claims: &Value) -> String {
        let signing_input = format!("{}.{}", encode_json(header), encode_json(claims));
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(rs256(key, signing_input.as_bytes()))
        )
    }
}

/// A token being built; every setter returns it, `sign` finishes it.
#[derive(Clone, Debug)]
#[must_use]
pub struct TokenBuilder {
    key: TestKey,
    claims: Map<String, Value>,
}

impl TokenBuilder {
    fn new(project_id: &str, subject: &str) -> Self {
        let now = seconds(SystemTime::now());
        let mut claims = Map::new();
        claims.insert("iss".into(), json!(format!("stytch.com/{project_id}")));
        claims.insert("aud".into(), json!([project_id]));
        claims.insert("sub".into(), json!(subject));
        claims.insert("iat".into(), json!(now));
        claims.insert("nbf".into(), json!(now));
        claims.insert("exp".into(), json!(now + 300));
        TokenBuilder {
            key: TestKey::Primary,
            claims,
        }
    }

    fn session_claim(mut self, session_id: &str) -> Self {
        let now = chrono::DateTime::<chrono::Utc>::from(SystemTime::now());
        let started = now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        self.claims.insert(
            "https://stytch.com/session".into(),
            json!({
                "id": session_id,
                "started_at": started,
                "last_accessed_at": started,
                "expires_at": (now + chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "attributes": {"ip_address": "", "user_agent": ""},
                "authentication_factors": [{"type": "password", "delivery_method": "knowledge"}],
                "roles": [],
            }),
        );
        self
    }

    /// Signs with another built-in key.
    pub fn key(mut self, key: TestKey) -> Self {
        self.key = key;
        self
    }

    /// Sets `iat` and `nbf` to `at`, and `exp` five minutes later.
    pub fn issued_at(mut self, at: SystemTime) -> Self {
        let at = seconds(at);
        self.claims.insert("iat".into(), json!(at));
        self.claims.insert("nbf".into(), json!(at));
        self.claims.insert("exp".into(), json!(at + 300));
        self
    }

    /// Sets `exp` this long after `iat`.
    pub fn lifetime(mut self, lifetime: Duration) -> Self {
        let iat = self
            .claims
            .get("iat")
            .and_then(Value::as_i64)
            .unwrap_or_default();
        self.claims
            .insert("exp".into(), json!(iat + lifetime.as_secs() as i64));
        self
    }

    /// The session's roles (session tokens only).
    pub fn roles<'a>(mut self, roles: impl IntoIterator<Item = &'a str>) -> Self {
        let roles: Vec<&str> = roles.into_iter().collect();
        if let Some(Value::Object(session)) = self.claims.get_mut("https://stytch.com/session") {
            session.insert("roles".into(), json!(roles));
        }
        self
    }

    /// Sets any claim, replacing what was there (also registered ones: `iss`, `aud`, ...).
    pub fn claim(mut self, name: &str, value: Value) -> Self {
        self.claims.insert(name.into(), value);
        self
    }

    /// Removes a claim.
    pub fn without(mut self, name: &str) -> Self {
        self.claims.remove(name);
        self
    }

    /// The finished, signed JWT.
    pub fn sign(self) -> String {
        TestKeys::new().sign_raw(
            self.key,
            &json!({"alg": "RS256", "typ": "JWT", "kid": self.key.kid()}),
            &Value::Object(self.claims),
        )
    }
}

fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn seconds(time: SystemTime) -> i64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn rs256(key: TestKey, message: &[u8]) -> Vec<u8> {
    let pair = signature::RsaKeyPair::from_der(key.pkcs1_der())
        .expect("the built-in test keys are valid PKCS#1 DER");
    let mut out = vec![0; pair.public_key().modulus_len()];
    pair.sign(
        &signature::RSA_PKCS1_SHA256,
        &rand::SystemRandom::new(),
        message,
        &mut out,
    )
    .expect("signing with a valid key into a buffer of the modulus length succeeds");
    out
}
