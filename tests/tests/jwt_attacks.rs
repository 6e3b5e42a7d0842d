//! Local JWT verification under attack and failure: every hostile or broken token is refused
//! (or sent to Stytch where the rules say so), with the JWKS fetches counted.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};
use stytch::jwt::VerifiedBy;
use stytch::testing::{TestKey, TestKeys};
use stytch::{Error, TokenError};
use stytch_tests::{MockServer, Reply, PROJECT_ID, SECRET};

const JWKS: &str = "/v1/sessions/jwks/";
const AUTHENTICATE: &str = "/v1/sessions/authenticate";

/// A client whose clock is `now + offset` (seconds), against `server` serving `keys`.
struct Setup {
    server: MockServer,
    client: stytch::consumer::Client,
    offset: Arc<AtomicI64>,
    keys: TestKeys,
}

async fn setup() -> Setup {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(JWKS, Reply::json(200, &keys.jwks_json(&keys.jwks())));
    let offset = Arc::new(AtomicI64::new(0));
    let clock = offset.clone();
    let client = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .clock(move || {
            let shift = clock.load(Ordering::SeqCst);
            let now = SystemTime::now();
            if shift >= 0 {
                now + Duration::from_secs(shift as u64)
            } else {
                now - Duration::from_secs(shift.unsigned_abs())
            }
        })
        .build()
        .unwrap();
    Setup {
        server,
        client,
        offset,
        keys,
    }
}

impl Setup {
    fn token(&self) -> stytch::testing::TokenBuilder {
        self.keys.session(PROJECT_ID, "user-test-1")
    }

    async fn local(&self, jwt: &str) -> Result<stytch::jwt::AuthenticatedSession, Error> {
        self.client.sessions().authenticate_jwt_local(jwt).await
    }

    fn fetches(&self) -> usize {
        self.server.requests_to(JWKS).len()
    }
}

fn rejected(result: Result<stytch::jwt::AuthenticatedSession, Error>) -> TokenError {
    match result {
        Err(Error::Unauthenticated(reason)) => reason,
        other => panic!("expected a rejected token, got {other:?}"),
    }
}

#[tokio::test]
async fn a_valid_token_is_verified_locally_with_one_key_fetch() {
    let s = setup().await;
    let jwt = s
        .token()
        .roles(["admin"])
        .claim("plan", json!("pro"))
        .sign();

    let first = s.local(&jwt).await.unwrap();
    let second = s.client.sessions().authenticate_jwt(&jwt).await.unwrap();

    assert_eq!(first.verified_by, VerifiedBy::Local);
    assert_eq!(second.verified_by, VerifiedBy::Local);
    assert_eq!(first.session.user_id, "user-test-1");
    assert_eq!(first.session.session_id, "session-test-1");
    assert_eq!(first.session.roles, ["admin"]);
    assert_eq!(first.custom_claims.get("plan"), Some(&json!("pro")));
    assert!(
        !first.custom_claims.contains_key("iss"),
        "registered claims are not custom claims"
    );
    assert_eq!(s.fetches(), 1);
    assert!(s.server.requests_to(AUTHENTICATE).is_empty());
}

#[tokio::test]
async fn custom_claims_decode_into_the_callers_type() {
    #[derive(serde::Deserialize)]
    struct Plan {
        plan: String,
        seats: u32,
    }
    let s = setup().await;
    let jwt = s
        .token()
        .claim("plan", json!("team"))
        .claim("seats", json!(12))
        .sign();

    let auth = s
        .client
        .sessions()
        .authenticate_jwt_local(jwt)
        .custom_claims::<Plan>()
        .await
        .unwrap();

    assert_eq!(auth.custom_claims.plan, "team");
    assert_eq!(auth.custom_claims.seats, 12);
}

#[tokio::test]
async fn alg_none_and_hmac_are_refused_without_fetching_keys() {
    let s = setup().await;
    let claims = encode(
        &json!({"iss": format!("stytch.com/{PROJECT_ID}"), "aud": [PROJECT_ID], "sub": "user-test-1"}),
    );
    let none = format!(
        "{}.{claims}.",
        encode(&json!({"alg": "none", "kid": "jwk-test-primary"}))
    );
    let none_signed = format!(
        "{}.{claims}.c2ln",
        encode(&json!({"alg": "none", "kid": "jwk-test-primary"}))
    );
    let hs256 = format!(
        "{}.{claims}.c2ln",
        encode(&json!({"alg": "HS256", "kid": "jwk-test-primary"}))
    );
    let lowercase = format!(
        "{}.{claims}.c2ln",
        encode(&json!({"alg": "rs256", "kid": "jwk-test-primary"}))
    );

    assert_eq!(
        rejected(s.local(&none).await),
        TokenError::UnsupportedAlgorithm("none".into())
    );
    assert_eq!(
        rejected(s.local(&none_signed).await),
        TokenError::UnsupportedAlgorithm("none".into())
    );
    assert_eq!(
        rejected(s.local(&hs256).await),
        TokenError::UnsupportedAlgorithm("HS256".into())
    );
    assert_eq!(
        rejected(s.local(&lowercase).await),
        TokenError::UnsupportedAlgorithm("rs256".into())
    );
    let via_api = s.client.sessions().authenticate_jwt(&hs256).await;
    assert!(matches!(
        via_api,
        Err(Error::Unauthenticated(TokenError::UnsupportedAlgorithm(_)))
    ));
    assert_eq!(s.fetches(), 0);
    assert!(
        s.server.requests_to(AUTHENTICATE).is_empty(),
        "a forged token never reaches Stytch"
    );
}

#[tokio::test]
async fn hs256_signed_with_the_public_key_is_refused() {
    let s = setup().await;
    let header = encode(&json!({"alg": "HS256", "typ": "JWT", "kid": "jwk-test-primary"}));
    let payload = encode(
        &json!({"iss": format!("stytch.com/{PROJECT_ID}"), "aud": [PROJECT_ID], "sub": "user-test-1",
        "iat": now(), "exp": now() + 300}),
    );
    let public_key = s.keys.jwks()[0].n.clone();
    let tag = ring::hmac::sign(
        &ring::hmac::Key::new(ring::hmac::HMAC_SHA256, public_key.as_bytes()),
        format!("{header}.{payload}").as_bytes(),
    );
    let forged = format!(
        "{header}.{payload}.{}",
        URL_SAFE_NO_PAD.encode(tag.as_ref())
    );

    assert_eq!(
        rejected(s.local(&forged).await),
        TokenError::UnsupportedAlgorithm("HS256".into())
    );
}

#[tokio::test]
async fn issuer_and_audience_are_enforced() {
    let s = setup().await;
    let other_project = s
        .token()
        .claim("iss", json!("stytch.com/project-test-other"))
        .sign();
    let no_issuer = s.token().without("iss").sign();
    let other_audience = s.token().claim("aud", json!(["project-test-other"])).sign();
    let no_audience = s.token().without("aud").sign();

    assert_eq!(
        rejected(s.local(&other_project).await),
        TokenError::WrongIssuer("stytch.com/project-test-other".into())
    );
    assert_eq!(
        rejected(s.local(&no_issuer).await),
        TokenError::Malformed("iss")
    );
    assert_eq!(
        rejected(s.local(&other_audience).await),
        TokenError::WrongAudience
    );
    assert_eq!(
        rejected(s.local(&no_audience).await),
        TokenError::WrongAudience
    );
    let via_api = s.client.sessions().authenticate_jwt(&other_project).await;
    assert!(matches!(
        via_api,
        Err(Error::Unauthenticated(TokenError::WrongIssuer(_)))
    ));
    assert!(s.server.requests_to(AUTHENTICATE).is_empty());
}

#[tokio::test]
async fn a_custom_base_url_is_an_accepted_issuer() {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(JWKS, Reply::json(200, &keys.jwks_json(&keys.jwks())));
    let client = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    let jwt = keys
        .session(PROJECT_ID, "user-test-1")
        .claim("iss", json!(server.url()))
        .sign();

    let auth = client.sessions().authenticate_jwt_local(jwt).await.unwrap();
    assert_eq!(auth.session.user_id, "user-test-1");
    assert_eq!(auth.verified_by, VerifiedBy::Local);
}

#[tokio::test]
async fn times_are_enforced_with_tolerance() {
    let s = setup().await;
    let issued = SystemTime::now() - Duration::from_secs(60);
    let expired = s
        .token()
        .issued_at(issued)
        .lifetime(Duration::from_secs(30))
        .sign();
    let not_yet = s.token().claim("nbf", json!(now() + 120)).sign();
    let from_the_future = s
        .token()
        .issued_at(SystemTime::now() + Duration::from_secs(120))
        .without("nbf")
        .sign();
    let slightly_ahead = s
        .token()
        .issued_at(SystemTime::now() + Duration::from_secs(20))
        .sign();

    assert_eq!(rejected(s.local(&expired).await), TokenError::Expired);
    assert_eq!(rejected(s.local(&not_yet).await), TokenError::NotYetValid);
    assert_eq!(
        rejected(s.local(&from_the_future).await),
        TokenError::IssuedInFuture
    );
    let tolerated = s.local(&slightly_ahead).await;
    assert!(
        tolerated.is_ok_and(|auth| auth.session.user_id == "user-test-1"),
        "20 s of clock skew is tolerated"
    );
    let strict = s
        .client
        .sessions()
        .authenticate_jwt_local(&slightly_ahead)
        .clock_tolerance(Duration::ZERO)
        .await;
    assert!(
        matches!(strict, Err(Error::Unauthenticated(TokenError::NotYetValid))),
        "{strict:?}"
    );
}

#[tokio::test]
async fn tampering_breaks_the_signature() {
    let s = setup().await;
    let jwt = s.token().sign();
    let mut parts: Vec<String> = jwt.split('.').map(str::to_owned).collect();
    let mut claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
    claims["sub"] = json!("user-test-admin");
    parts[1] = encode(&claims);
    let tampered = parts.join(".");
    let other_key_same_kid = s.keys.sign_raw(
        TestKey::Rotated,
        &json!({"alg": "RS256", "kid": "jwk-test-primary"}),
        &claims,
    );

    assert_eq!(rejected(s.local(&tampered).await), TokenError::BadSignature);
    assert_eq!(
        rejected(s.local(&other_key_same_kid).await),
        TokenError::BadSignature
    );
    let via_api = s.client.sessions().authenticate_jwt(&tampered).await;
    assert!(matches!(
        via_api,
        Err(Error::Unauthenticated(TokenError::BadSignature))
    ));
    assert!(s.server.requests_to(AUTHENTICATE).is_empty());
}

#[tokio::test]
async fn malformed_tokens_of_every_part_are_refused_without_a_fetch() {
    let s = setup().await;
    let good = s.token().sign();
    let parts: Vec<&str> = good.split('.').collect();
    let (h, p, sig) = (parts[0], parts[1], parts[2]);
    let not_json = URL_SAFE_NO_PAD.encode("not json");
    let array = URL_SAFE_NO_PAD.encode("[1,2]");
    let cases = [
        String::new(),
        format!("{h}.{p}"),
        format!("{h}.{p}.{sig}.{sig}"),
        format!("{h}.{p}."),
        format!(".{p}.{sig}"),
        format!("{h}..{sig}"),
        format!("@@@.{p}.{sig}"),
        format!("{not_json}.{p}.{sig}"),
        format!("{array}.{p}.{sig}"),
        format!("{h}.@@@.{sig}"),
        format!("{h}.{p}.@@@"),
        format!("{h}==.{p}.{sig}"),
    ];
    for token in &cases {
        assert!(
            matches!(rejected(s.local(token).await), TokenError::Malformed(_)),
            "{token:?}"
        );
    }
    assert_eq!(s.fetches(), 0);

    // Well signed, but the claims are not an object.
    for claims in [json!("x"), json!([1, 2])] {
        let token = s.keys.sign_raw(
            TestKey::Primary,
            &json!({"alg": "RS256", "kid": "jwk-test-primary"}),
            &claims,
        );
        let reason = rejected(s.local(&token).await);
        assert!(
            matches!(reason, TokenError::Malformed(_)),
            "{claims}: {reason:?}"
        );
    }
}

#[tokio::test]
async fn a_flood_of_unknown_key_ids_cannot_amplify_into_fetches() {
    let s = setup().await;
    s.local(&s.token().sign()).await.unwrap();
    for i in 0..200 {
        let header = json!({"alg": "RS256", "kid": format!("jwk-attacker-{i}")});
        let forged = s
            .keys
            .sign_raw(TestKey::Primary, &header, &json!({"sub": "x"}));
        assert!(matches!(
            rejected(s.local(&forged).await),
            TokenError::UnknownKey(_)
        ));
    }
    assert_eq!(
        s.fetches(),
        2,
        "the first fetch and one refetch per cooldown"
    );

    s.offset.store(31, Ordering::SeqCst);
    let header = json!({"alg": "RS256", "kid": "jwk-attacker-late"});
    let forged = s
        .keys
        .sign_raw(TestKey::Primary, &header, &json!({"sub": "x"}));
    assert_eq!(
        rejected(s.local(&forged).await),
        TokenError::UnknownKey("jwk-attacker-late".into())
    );
    assert_eq!(s.fetches(), 3, "after the cooldown, one more");
}

#[tokio::test]
async fn a_rotated_key_is_picked_up_with_one_refetch() {
    let s = setup().await;
    s.local(&s.token().sign()).await.unwrap();
    s.server.route(
        JWKS,
        Reply::json(200, &s.keys.jwks_json(&s.keys.jwks_after_rotation())),
    );

    let rotated = s.token().key(TestKey::Rotated).sign();
    let auth = s.local(&rotated).await.unwrap();
    s.local(&rotated).await.unwrap();

    assert_eq!(auth.session.user_id, "user-test-1");
    assert_eq!(s.fetches(), 2);
}

#[tokio::test]
async fn concurrent_verifications_on_a_cold_cache_fetch_once() {
    let s = Arc::new(setup().await);
    let jwt = s.token().sign();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (s, jwt) = (s.clone(), jwt.clone());
        tasks.spawn(async move { s.local(&jwt).await.map(|a| a.session.user_id) });
    }
    while let Some(result) = tasks.join_next().await {
        assert_eq!(result.unwrap().unwrap(), "user-test-1");
    }
    assert_eq!(s.fetches(), 1);
}

#[tokio::test]
async fn stale_keys_serve_while_the_key_endpoint_is_down() {
    let s = setup().await;
    let jwt = s.token().sign();
    s.local(&jwt).await.unwrap();
    s.server.route(
        JWKS,
        Reply::json(
            503,
            &json!({"status_code": 503, "error_type": "unavailable"}),
        ),
    );

    s.offset.store(10 * 60, Ordering::SeqCst);
    let later = s
        .token()
        .issued_at(SystemTime::now() + Duration::from_secs(10 * 60))
        .sign();
    let auth = s.local(&later).await.unwrap();
    assert_eq!(auth.verified_by, VerifiedBy::Local);
    assert_eq!(s.fetches(), 2, "one refresh attempt, which failed");
    s.local(&later).await.unwrap();
    assert_eq!(s.fetches(), 2, "no new attempt within the failure back-off");

    s.offset.store(7 * 60 * 60, Ordering::SeqCst);
    let much_later = s
        .token()
        .issued_at(SystemTime::now() + Duration::from_secs(7 * 60 * 60))
        .sign();
    let error = s.local(&much_later).await.unwrap_err();
    assert!(
        matches!(&error, Error::KeysUnavailable(Some(cause)) if cause.status().map(|s| s.as_u16()) == Some(503)),
        "{error:?}"
    );
}

/// Without keys nothing can be verified, so nothing is: the call fails with the fetch's
/// failure inside, and the unverified token is not handed to Stytch instead.
#[tokio::test]
async fn without_any_keys_nothing_is_decided_and_nothing_is_sent_to_stytch() {
    let s = setup().await;
    s.server
        .route(JWKS, Reply::json(503, &json!({"status_code": 503})));
    s.server.route(AUTHENTICATE, Reply::ok());
    let jwt = s.token().sign();

    for result in [
        s.local(&jwt).await,
        s.client.sessions().authenticate_jwt(&jwt).await,
    ] {
        let error = result.unwrap_err();
        let Error::KeysUnavailable(Some(cause)) = &error else {
            panic!("expected KeysUnavailable with its cause, got {error:?}");
        };
        assert_eq!(
            cause.status(),
            Some(stytch::StatusCode::SERVICE_UNAVAILABLE)
        );
        assert!(
            !error.is_unauthenticated(),
            "our outage is not the caller's fault"
        );
        assert!(error.is_retryable());
    }
    assert!(s.server.requests_to(AUTHENTICATE).is_empty());
}

/// Forged tokens cost the attacker nothing but cost us no Stytch call either.
#[tokio::test]
async fn a_flood_of_forgeries_never_reaches_the_sessions_endpoint() {
    let s = setup().await;
    s.server.route(AUTHENTICATE, Reply::ok());
    let claims = json!({"iss": format!("stytch.com/{PROJECT_ID}"), "aud": [PROJECT_ID],
        "sub": "user-test-1", "iat": now() - 3600, "exp": now() - 3000,
        "https://stytch.com/session": {"id": "session-test-1"}});

    // Random key ids, on a cold cache: at most the first fetch and one refetch per cooldown.
    for i in 0..1000 {
        let header = json!({"alg": "RS256", "kid": format!("jwk-forged-{i}-{}", now())});
        let forged = s.keys.sign_raw(TestKey::Primary, &header, &claims);
        let error = s
            .client
            .sessions()
            .authenticate_jwt(&forged)
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Unauthenticated(TokenError::UnknownKey(_))),
            "{error:?}"
        );
    }
    assert!(s.fetches() <= 2, "{} key fetches", s.fetches());

    // A valid key id, and a signature that does not verify (tampered, or another key's).
    let valid_kid = json!({"alg": "RS256", "kid": "jwk-test-primary"});
    let signed_elsewhere = s.keys.sign_raw(TestKey::Rotated, &valid_kid, &claims);
    let (signed_input, _) = signed_elsewhere.rsplit_once('.').unwrap();
    for i in 0..1000u32 {
        let mut signature = [0u8; 256];
        signature[..4].copy_from_slice(&i.to_be_bytes());
        let tampered = if i % 2 == 0 {
            format!("{signed_input}.{}", URL_SAFE_NO_PAD.encode(signature))
        } else {
            signed_elsewhere.clone()
        };
        let error = s
            .client
            .sessions()
            .authenticate_jwt(&tampered)
            .await
            .unwrap_err();
        assert!(
            matches!(error, Error::Unauthenticated(TokenError::BadSignature)),
            "{error:?}"
        );
    }

    assert!(
        s.server.requests_to(AUTHENTICATE).is_empty(),
        "an expired claim set does not make a forgery worth asking Stytch about"
    );
}

#[tokio::test]
async fn old_or_expired_tokens_go_to_stytch_and_come_back_refreshed() {
    let s = setup().await;
    s.server.route(
        AUTHENTICATE,
        Reply::json(200, &json!({"status_code": 200, "session": {"session_id": "session-test-1", "user_id": "user-test-1"},
            "session_jwt": "eyJ.refreshed.jwt"})),
    );
    let ten_minutes_ago = SystemTime::now() - Duration::from_secs(600);
    let old_but_unexpired = s
        .token()
        .issued_at(ten_minutes_ago)
        .lifetime(Duration::from_secs(3600))
        .sign();
    let expired = s.token().issued_at(ten_minutes_ago).sign();

    assert_eq!(
        rejected(s.local(&old_but_unexpired).await),
        TokenError::TooOld
    );
    let relaxed = s
        .client
        .sessions()
        .authenticate_jwt_local(&old_but_unexpired)
        .max_token_age(Duration::from_secs(3600))
        .await;
    let relaxed = relaxed.expect("a larger max_token_age accepts it locally");
    assert_eq!(relaxed.verified_by, VerifiedBy::Local);

    for jwt in [&old_but_unexpired, &expired] {
        let auth = s.client.sessions().authenticate_jwt(jwt).await.unwrap();
        assert_eq!(auth.verified_by, VerifiedBy::Stytch);
        assert_eq!(auth.session_jwt.as_deref(), Some("eyJ.refreshed.jwt"));
    }
    assert_eq!(s.server.requests_to(AUTHENTICATE).len(), 2);
    let shown = format!(
        "{:?}",
        s.client
            .sessions()
            .authenticate_jwt(&expired)
            .await
            .unwrap()
    );
    assert!(
        !shown.contains("refreshed"),
        "the refreshed JWT is redacted: {shown}"
    );
}

#[tokio::test]
async fn b2b_member_sessions_carry_organization_and_roles() {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(
        "/v1/b2b/sessions/jwks/",
        Reply::json(200, &keys.jwks_json(&keys.jwks())),
    );
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    let jwt = keys
        .member_session(PROJECT_ID, "member-test-1", "organization-test-1")
        .roles(["stytch_member", "editor"])
        .sign();

    let auth = client.sessions().authenticate_jwt(&jwt).await.unwrap();

    assert_eq!(auth.verified_by, VerifiedBy::Local);
    let session = &auth.member_session;
    assert_eq!(session.member_id, "member-test-1");
    assert_eq!(session.organization_id, "organization-test-1");
    assert_eq!(session.organization_slug, "test-organization");
    assert_eq!(session.roles, ["stytch_member", "editor"]);
    assert_eq!(server.requests_to("/v1/b2b/sessions/jwks/").len(), 1);

    let consumer_token = keys.session(PROJECT_ID, "user-test-1").sign();
    let missing_org = client
        .sessions()
        .authenticate_jwt_local(consumer_token)
        .await;
    assert!(matches!(
        missing_org,
        Err(Error::Unauthenticated(TokenError::Malformed(_)))
    ));
}

#[tokio::test]
async fn b2b_tenancy_is_checked_before_anything_else() {
    let keys = TestKeys::new();
    let server = MockServer::start().await;
    server.route(
        "/v1/b2b/sessions/jwks/",
        Reply::json(200, &keys.jwks_json(&keys.jwks())),
    );
    let client = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(server.url())
        .build()
        .unwrap();
    let jwt = keys
        .member_session(PROJECT_ID, "member-test-1", "organization-test-1")
        .sign();
    let mut check = stytch::b2b::sessions::AuthorizationCheck::default();
    check.organization_id = "organization-test-2".into();
    check.resource_id = "documents".into();
    check.action = "read".into();

    let error = client
        .sessions()
        .authenticate_jwt(&jwt)
        .authorization_check(check)
        .await
        .unwrap_err();

    assert!(
        matches!(&error, Error::Forbidden(stytch::AuthorizationError::TenancyMismatch { requested_organization_id, .. })
            if requested_organization_id == "organization-test-2"),
        "{error:?}"
    );
    assert!(error.is_forbidden() && !error.is_unauthenticated());
    assert!(server
        .requests_to("/v1/b2b/sessions/authenticate")
        .is_empty());
}

fn encode(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

impl Setup {
    /// Serves the key set with this `Cache-Control` header.
    fn serve_keys_with(&self, cache_control: &str) {
        let jwks = self.keys.jwks_json(&self.keys.jwks());
        self.server.route(
            JWKS,
            Reply::json_with_headers(200, &[("Cache-Control", cache_control)], &jwks),
        );
    }

    /// Moves the client's clock `seconds` ahead, verifies a token issued then, and returns how
    /// many times the key set has been fetched so far.
    async fn fetches_after_a_token_at(&self, seconds: u64) -> usize {
        self.offset.store(seconds as i64, Ordering::SeqCst);
        let token = self
            .token()
            .issued_at(SystemTime::now() + Duration::from_secs(seconds))
            .sign();
        self.local(&token).await.expect("a fresh token verifies");
        self.fetches()
    }
}

#[tokio::test]
async fn the_key_set_lives_as_long_as_its_max_age() {
    let s = setup().await;
    s.serve_keys_with("public, max-age=3600");
    assert_eq!(s.fetches_after_a_token_at(0).await, 1);
    assert_eq!(
        s.fetches_after_a_token_at(30 * 60).await,
        1,
        "still fresh after 30 minutes"
    );
    assert_eq!(
        s.fetches_after_a_token_at(61 * 60).await,
        2,
        "refetched once the max-age ran out"
    );
}

#[tokio::test]
async fn a_zero_max_age_keeps_the_keys_for_the_30_second_floor() {
    let s = setup().await;
    s.serve_keys_with("max-age=0");
    assert_eq!(s.fetches_after_a_token_at(0).await, 1);
    assert_eq!(
        s.fetches_after_a_token_at(29).await,
        1,
        "a zero max-age does not cost a fetch per token"
    );
    assert_eq!(
        s.fetches_after_a_token_at(31).await,
        2,
        "refetched after the 30 s floor"
    );
}

#[tokio::test]
async fn a_huge_max_age_is_capped_at_a_day() {
    let ten_years = 10 * 365 * 24 * 60 * 60_u64;
    for max_age in [ten_years, u64::MAX] {
        let s = setup().await;
        s.serve_keys_with(&format!("max-age={max_age}"));
        assert_eq!(s.fetches_after_a_token_at(0).await, 1);
        assert_eq!(
            s.fetches_after_a_token_at(24 * 60 * 60 - 60).await,
            1,
            "max-age={max_age}: fresh for a day"
        );
        assert_eq!(
            s.fetches_after_a_token_at(24 * 60 * 60 + 60).await,
            2,
            "max-age={max_age}: refetched after a day, not {max_age} s"
        );
    }
}
