//! The SDK against the local emulator: every password-reset path, consumer and B2B, with
//! their failure cases, session revocation, JWTs checked locally against the JWKS, M2M
//! tokens, and a bounded load test.
//!
//! Besides the SDK's own local checks, some tests verify the emulator's JWTs with
//! `jsonwebtoken` against the JWKS the SDK fetched: a second, independent implementation, so
//! that the emulator and the SDK cannot agree on a mistake.

use std::time::Duration;

use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::Value;
use stytch_emulator::Emulator;
use tokio::task::JoinSet;

const PASSWORD: &str = "a long passphrase";
const NEW_PASSWORD: &str = "another long passphrase";

fn consumer(emulator: &Emulator) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        // The emulator must send every field Stytch always sends.
        .strict_decoding(true)
        .build()
        .expect("client builds")
}

fn b2b(emulator: &Emulator) -> stytch::b2b::Client {
    stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        // The emulator must send every field Stytch always sends.
        .strict_decoding(true)
        .build()
        .expect("client builds")
}

fn error_type(result: Result<impl std::fmt::Debug, stytch::Error>) -> String {
    let error = result.expect_err("the call should fail");
    error
        .error_type()
        .unwrap_or_else(|| panic!("not an API error: {error}"))
        .to_string()
}

/// Verifies a JWT against the JWKS keys (as `(kid, n, e)`), with Stytch's issuer and
/// audience for `project_id`, and returns its claims: an independent check of the emulator's
/// signing, beside the SDK's own.
fn verify_session_jwt(keys: &[(String, String, String)], project_id: &str, jwt: &str) -> Value {
    let kid = decode_header(jwt).expect("JWT header").kid.expect("kid");
    let (_, n, e) = keys
        .iter()
        .find(|(k, _, _)| *k == kid)
        .expect("the JWT's kid is in the JWKS");
    let key = DecodingKey::from_rsa_components(n, e).expect("RSA key");
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[project_id]);
    validation.set_issuer(&[format!("stytch.com/{project_id}")]);
    decode::<Value>(jwt, &key, &validation)
        .expect("JWT verifies")
        .claims
}

async fn consumer_keys(client: &stytch::consumer::Client) -> Vec<(String, String, String)> {
    let jwks = client
        .sessions()
        .get_jwks(client.project_id())
        .await
        .expect("JWKS");
    jwks.keys.into_iter().map(|k| (k.kid, k.n, k.e)).collect()
}

async fn b2b_keys(client: &stytch::b2b::Client) -> Vec<(String, String, String)> {
    let jwks = client
        .sessions()
        .get_jwks(client.project_id())
        .await
        .expect("JWKS");
    jwks.keys.into_iter().map(|k| (k.kid, k.n, k.e)).collect()
}

// ---- consumer ----

/// A user with a password and a 60-minute session; returns the session token.
async fn user_with_session(client: &stytch::consumer::Client, email: &str) -> String {
    let created = client
        .passwords()
        .create(email, PASSWORD)
        .session_duration_minutes(60)
        .await
        .expect("user created");
    created.session_token.expect("a session was started")
}

#[tokio::test]
async fn consumer_email_reset_revokes_the_old_session_and_signs_a_new_one() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let old_session = user_with_session(&client, "ada@example.com").await;

    let started = client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .reset_password_expiration_minutes(30)
        .await
        .expect("reset started");
    let token = emulator
        .latest_reset_token("ada@example.com")
        .expect("a reset email");
    let reset = client
        .passwords()
        .email()
        .reset(token, NEW_PASSWORD)
        .session_duration_minutes(60)
        .await
        .expect("reset done");
    assert_eq!(reset.user_id, started.user_id);
    assert!(reset.user.emails[0].verified);
    let session = reset.session.expect("a new session");

    let claims = verify_session_jwt(
        &consumer_keys(&client).await,
        emulator.project_id(),
        reset.session_jwt.as_deref().expect("a session"),
    );
    assert_eq!(claims["sub"], reset.user_id.as_str());
    assert_eq!(
        claims["https://stytch.com/session"]["id"],
        session.session_id.as_str()
    );

    let revoked = client
        .sessions()
        .authenticate()
        .session_token(old_session)
        .await;
    assert_eq!(error_type(revoked), "session_not_found");
    let current = client
        .sessions()
        .authenticate()
        .session_token(reset.session_token.as_deref().expect("a session"))
        .await
        .expect("new session lives");
    assert_eq!(current.session.session_id, session.session_id);
    client
        .passwords()
        .authenticate("ada@example.com", NEW_PASSWORD)
        .await
        .expect("new password works");
}

#[tokio::test]
async fn consumer_reset_tokens_cannot_be_reused_or_used_late() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    user_with_session(&client, "ada@example.com").await;

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap();
    let token = emulator.latest_reset_token("ada@example.com").unwrap();
    client
        .passwords()
        .email()
        .reset(&token, NEW_PASSWORD)
        .await
        .expect("first use");
    let reused = client
        .passwords()
        .email()
        .reset(&token, "a third passphrase")
        .await;
    assert_eq!(error_type(reused), "unable_to_auth_password_reset_token");

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .reset_password_expiration_minutes(5)
        .await
        .unwrap();
    let token = emulator.latest_reset_token("ada@example.com").unwrap();
    emulator.advance_clock(Duration::from_secs(6 * 60));
    let late = client
        .passwords()
        .email()
        .reset(token, "a third passphrase")
        .await;
    let error = late.expect_err("expired");
    assert_eq!(
        error.error_type(),
        Some("unable_to_auth_password_reset_token")
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    let weak = client
        .passwords()
        .create("bob@example.com", "password123")
        .await;
    assert_eq!(error_type(weak), "weak_password");
}

#[tokio::test]
async fn consumer_existing_password_reset() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let old_session = user_with_session(&client, "ada@example.com").await;

    let wrong = client
        .passwords()
        .existing_password()
        .reset("ada@example.com", "not my passphrase", NEW_PASSWORD)
        .await;
    assert_eq!(error_type(wrong), "unauthorized_credentials");
    client
        .sessions()
        .authenticate()
        .session_token(&old_session)
        .await
        .expect("a failed reset revokes nothing");

    let reset = client
        .passwords()
        .existing_password()
        .reset("ada@example.com", PASSWORD, NEW_PASSWORD)
        .session_duration_minutes(30)
        .await
        .expect("reset");
    let session = reset.session.expect("the reset starts a session");
    assert_eq!(session.user_id, reset.user_id);
    let new_session = reset.session_token.expect("and returns its token");
    client
        .sessions()
        .authenticate()
        .session_token(new_session)
        .await
        .expect("the new session is live");
    let revoked = client
        .sessions()
        .authenticate()
        .session_token(old_session)
        .await;
    assert_eq!(error_type(revoked), "session_not_found");
}

#[tokio::test]
async fn consumer_session_reset_needs_a_recent_factor() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let other = user_with_session(&client, "ada@example.com").await;
    let current = client
        .passwords()
        .authenticate("ada@example.com", PASSWORD)
        .session_duration_minutes(60)
        .await
        .unwrap();

    let reset = client
        .passwords()
        .sessions()
        .reset(NEW_PASSWORD)
        .session_jwt(current.session_jwt.as_deref().expect("a session"))
        .await
        .expect("fresh session may reset");
    assert_eq!(
        reset.session.expect("session kept").session_id,
        current.session.unwrap().session_id
    );
    assert_eq!(
        error_type(client.sessions().authenticate().session_token(other).await),
        "session_not_found"
    );

    emulator.advance_clock(Duration::from_secs(6 * 60));
    let stale = client
        .passwords()
        .sessions()
        .reset("a third passphrase")
        .session_token(current.session_token.as_deref().expect("a session"))
        .await;
    assert_eq!(error_type(stale), "session_too_old_to_reset_password");
}

#[tokio::test]
async fn consumer_sessions_can_be_revoked() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let token = user_with_session(&client, "ada@example.com").await;
    client
        .sessions()
        .revoke()
        .session_token(&token)
        .await
        .expect("revoked");
    assert_eq!(
        error_type(client.sessions().authenticate().session_token(token).await),
        "session_not_found"
    );
}

// ---- B2B ----

/// An organization and a member with a password; returns (organization_id, member_id).
async fn member_with_password(
    client: &stytch::b2b::Client,
    emulator: &Emulator,
    email: &str,
) -> (String, String) {
    let org = client
        .organizations()
        .create("Acme, Inc.")
        .await
        .expect("organization");
    let org_id = org.organization.organization_id;
    let member = client
        .organizations()
        .members()
        .create(&org_id, email)
        .await
        .expect("member");
    // A member's first password arrives by the email reset flow, as on Stytch.
    client
        .passwords()
        .email()
        .reset_start(&org_id, email)
        .await
        .expect("reset start");
    let token = emulator.latest_reset_token(email).expect("reset email");
    client
        .passwords()
        .email()
        .reset(token, PASSWORD)
        .await
        .expect("first password");
    (org_id, member.member_id)
}

async fn member_login(
    client: &stytch::b2b::Client,
    org_id: &str,
    email: &str,
    password: &str,
) -> stytch::b2b::passwords::AuthenticateResponse {
    client
        .passwords()
        .authenticate(org_id, email, password)
        .await
        .expect("member login")
}

#[tokio::test]
async fn b2b_email_reset_revokes_the_old_session_and_signs_a_new_one() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let (org_id, member_id) = member_with_password(&client, &emulator, "grace@acme.test").await;
    let old = member_login(&client, &org_id, "grace@acme.test", PASSWORD).await;

    client
        .passwords()
        .email()
        .reset_start(&org_id, "grace@acme.test")
        .await
        .unwrap();
    let token = emulator.latest_reset_token("grace@acme.test").unwrap();
    let reset = client
        .passwords()
        .email()
        .reset(token, NEW_PASSWORD)
        .await
        .expect("reset");
    assert!(reset.mfa_required.is_none());
    let session = reset.member_session.expect("member session");
    assert_eq!(session.member_id, member_id);
    assert_eq!(session.organization_slug, "acme-inc");

    let claims = verify_session_jwt(
        &b2b_keys(&client).await,
        emulator.project_id(),
        reset.session_jwt.as_deref().expect("a session"),
    );
    assert_eq!(claims["sub"], member_id.as_str());
    assert_eq!(
        claims["https://stytch.com/organization"]["organization_id"],
        org_id.as_str()
    );
    assert_eq!(
        claims["https://stytch.com/session"]["roles"][0],
        "stytch_member"
    );

    let revoked = client
        .sessions()
        .authenticate()
        .session_token(old.session_token.expect("a session"))
        .await;
    assert_eq!(error_type(revoked), "session_not_found");
    client
        .sessions()
        .authenticate()
        .session_jwt(reset.session_jwt.expect("a session"))
        .await
        .expect("new session lives");
}

#[tokio::test]
async fn b2b_reset_tokens_cannot_be_reused_or_used_late() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let (org_id, _) = member_with_password(&client, &emulator, "grace@acme.test").await;

    client
        .passwords()
        .email()
        .reset_start(&org_id, "grace@acme.test")
        .await
        .unwrap();
    let token = emulator.latest_reset_token("grace@acme.test").unwrap();
    client
        .passwords()
        .email()
        .reset(&token, NEW_PASSWORD)
        .await
        .expect("first use");
    let reused = client
        .passwords()
        .email()
        .reset(token, "a third passphrase")
        .await;
    assert_eq!(error_type(reused), "unable_to_auth_password_reset_token");

    client
        .passwords()
        .email()
        .reset_start(&org_id, "grace@acme.test")
        .reset_password_expiration_minutes(5)
        .await
        .unwrap();
    let token = emulator.latest_reset_token("grace@acme.test").unwrap();
    emulator.advance_clock(Duration::from_secs(6 * 60));
    let late = client
        .passwords()
        .email()
        .reset(token, "a third passphrase")
        .await;
    assert_eq!(error_type(late), "unable_to_auth_password_reset_token");
}

#[tokio::test]
async fn b2b_existing_password_reset() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let (org_id, _) = member_with_password(&client, &emulator, "grace@acme.test").await;
    let old = member_login(&client, &org_id, "grace@acme.test", PASSWORD).await;

    let wrong = client
        .passwords()
        .existing_password()
        .reset(
            "grace@acme.test",
            "not my passphrase",
            NEW_PASSWORD,
            &org_id,
        )
        .await;
    assert_eq!(error_type(wrong), "unauthorized_credentials");

    let reset = client
        .passwords()
        .existing_password()
        .reset("grace@acme.test", PASSWORD, NEW_PASSWORD, &org_id)
        .await
        .expect("reset");
    let session = reset
        .member_session
        .expect("the reset starts a member session");
    assert_eq!(session.member_id, reset.member_id);
    assert_eq!(session.organization_id, org_id);
    let revoked = client
        .sessions()
        .authenticate()
        .session_token(old.session_token.expect("a session"))
        .await;
    assert_eq!(error_type(revoked), "session_not_found");
    member_login(&client, &org_id, "grace@acme.test", NEW_PASSWORD).await;
}

#[tokio::test]
async fn b2b_session_reset_needs_a_recent_factor() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let (org_id, _) = member_with_password(&client, &emulator, "grace@acme.test").await;
    let other = member_login(&client, &org_id, "grace@acme.test", PASSWORD).await;
    let current = member_login(&client, &org_id, "grace@acme.test", PASSWORD).await;

    let reset = client
        .passwords()
        .sessions()
        .reset(&org_id, NEW_PASSWORD)
        .session_token(current.session_token.as_deref().expect("a session"))
        .await
        .expect("fresh session may reset");
    let kept = reset.member_session.expect("session kept");
    assert_eq!(
        kept.member_session_id,
        current.member_session.unwrap().member_session_id
    );
    let revoked = client
        .sessions()
        .authenticate()
        .session_token(other.session_token.expect("a session"))
        .await;
    assert_eq!(error_type(revoked), "session_not_found");

    emulator.advance_clock(Duration::from_secs(6 * 60));
    let stale = client
        .passwords()
        .sessions()
        .reset(&org_id, "a third passphrase")
        .session_jwt(current.session_jwt.as_deref().expect("a session"))
        .await;
    assert_eq!(error_type(stale), "session_too_old_to_reset_password");

    client
        .sessions()
        .revoke()
        .session_token(current.session_token.as_deref().expect("a session"))
        .await
        .expect("revoked");
    let gone = client
        .sessions()
        .authenticate()
        .session_token(current.session_token.expect("a session"))
        .await;
    assert_eq!(error_type(gone), "session_not_found");
}

#[tokio::test]
async fn b2b_rbac_policy_and_missing_organizations() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let policy = client
        .rbac()
        .policy()
        .await
        .expect("policy")
        .policy
        .expect("a policy");
    assert!(policy.roles.iter().any(|r| r.role_id == "stytch_admin"));
    assert!(policy
        .resources
        .iter()
        .any(|r| r.resource_id == "documents"));
    let missing = client
        .organizations()
        .members()
        .create("organization-test-nope", "x@acme.test")
        .await;
    assert_eq!(error_type(missing), "organization_not_found");
}

// ---- M2M ----

#[tokio::test]
async fn m2m_client_credentials_give_a_verifiable_scoped_token() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let created = client
        .m2m()
        .clients()
        .create(vec!["read:users".to_string(), "write:users".to_string()])
        .client_name("billing")
        .await
        .expect("client created");
    let m2m = created.m2m_client;
    assert_eq!(m2m.scopes, ["read:users", "write:users"]);

    // The SDK has no token call yet; this is the request Stytch's SDKs send.
    let http = stytch::http_client_builder().unwrap().build().unwrap();
    let url = format!(
        "{}/v1/public/{}/oauth2/token",
        emulator.base_url(),
        emulator.project_id()
    );
    let body = serde_json::json!({
        "grant_type": "client_credentials",
        "client_id": m2m.client_id,
        "client_secret": m2m.client_secret,
        "scope": "read:users",
    });
    let response = http
        .post(&url)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let token: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 3600);

    let claims = verify_session_jwt(
        &consumer_keys(&client).await,
        emulator.project_id(),
        token["access_token"].as_str().unwrap(),
    );
    assert_eq!(claims["sub"], m2m.client_id.as_str());
    assert_eq!(claims["scope"], "read:users");
}

// ---- load ----

/// 2,000 SDK calls in flight at once (session checks, which sign a JWT each; strength
/// checks; policy reads) all succeed with the right answers. How long they take is for the
/// benches: a time limit here would fail on a loaded machine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_concurrent_sdk_calls_succeed() {
    let emulator = Emulator::start().await.unwrap();
    let consumer = consumer(&emulator);
    let b2b = b2b(&emulator);
    let mut tokens = Vec::new();
    for i in 0..10 {
        tokens.push(user_with_session(&consumer, &format!("load{i}@example.com")).await);
    }
    let strength = consumer
        .passwords()
        .strength_check("a long passphrase")
        .await
        .unwrap();
    let strength = (strength.score, strength.valid_password);

    let mut calls = JoinSet::new();
    for i in 0..2000 {
        let (consumer, b2b, token) = (
            consumer.clone(),
            b2b.clone(),
            tokens[i % tokens.len()].clone(),
        );
        calls.spawn(async move {
            match i % 3 {
                0 => consumer
                    .sessions()
                    .authenticate()
                    .session_token(token)
                    .await
                    .map(|r| !r.session.session_id.is_empty()),
                1 => consumer
                    .passwords()
                    .strength_check("a long passphrase")
                    .await
                    .map(|r| (r.score, r.valid_password) == strength),
                _ => b2b
                    .rbac()
                    .policy()
                    .await
                    .map(|r| r.policy.is_some_and(|p| !p.roles.is_empty())),
            }
        });
    }
    let (mut answered, mut failures) = (0, Vec::new());
    while let Some(joined) = calls.join_next().await {
        match joined.expect("task did not panic") {
            Ok(true) => answered += 1,
            Ok(false) => failures.push("a wrong answer".to_owned()),
            Err(error) => failures.push(error.to_string()),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures, first: {:?}",
        failures.len(),
        failures.first()
    );
    assert_eq!(answered, 2000);
}

// ---- the SDK's own token verification against the emulator ----

#[tokio::test]
async fn the_sdk_verifies_emulator_session_jwts_locally() {
    let emulator = Emulator::start().await.unwrap();
    let consumer_client = consumer(&emulator);
    let created = consumer_client
        .passwords()
        .create("ada@example.com", PASSWORD)
        .session_duration_minutes(60)
        .await
        .expect("user with a session");
    let auth = consumer_client
        .sessions()
        .authenticate_jwt_local(created.session_jwt.as_deref().expect("a session"))
        .await
        .expect("the emulator's JWT verifies locally");
    assert_eq!(auth.session.user_id, created.user_id);
    assert_eq!(auth.verified_by, stytch::jwt::VerifiedBy::Local);

    let b2b_client = b2b(&emulator);
    let (org_id, member_id) = member_with_password(&b2b_client, &emulator, "grace@acme.test").await;
    let login = member_login(&b2b_client, &org_id, "grace@acme.test", PASSWORD).await;
    let member = b2b_client
        .sessions()
        .authenticate_jwt_local(login.session_jwt.as_deref().expect("a session"))
        .await
        .expect("the emulator's member JWT verifies locally");
    assert_eq!(member.member_session.member_id, member_id);
    assert_eq!(member.member_session.organization_id, org_id);
    assert!(member
        .member_session
        .roles
        .iter()
        .any(|r| r == "stytch_member"));

    // The genuine token's header (the emulator's kid) and claims, signed by another key: well
    // formed and in date, so only the signature check can refuse it.
    let genuine = login.session_jwt.as_deref().unwrap();
    let forged = stytch::testing::TestKeys::new().sign_raw(
        stytch::testing::TestKey::Primary,
        &jwt_part(genuine, 0),
        &jwt_part(genuine, 1),
    );
    assert_eq!(jwt_part(&forged, 0), jwt_part(genuine, 0));
    assert_eq!(jwt_part(&forged, 1), jwt_part(genuine, 1));
    let error = b2b_client
        .sessions()
        .authenticate_jwt_local(forged)
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            stytch::Error::Unauthenticated(stytch::TokenError::BadSignature)
        ),
        "{error:?}"
    );
}

/// The JSON of a JWT's header (0) or claims (1).
fn jwt_part(jwt: &str, index: usize) -> Value {
    use base64::Engine as _;
    let part = jwt.split('.').nth(index).expect("three parts");
    let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part)
        .expect("base64url");
    serde_json::from_slice(&json).expect("JSON")
}

#[tokio::test]
async fn m2m_tokens_from_the_sdk_authenticate_locally_with_scopes() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let m2m = client
        .m2m()
        .clients()
        .create(vec!["read:users".to_string(), "write:users".to_string()])
        .await
        .expect("client created")
        .m2m_client;

    let token = client
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .scopes(["read:users"])
        .await
        .expect("token");
    let caller = client
        .m2m()
        .authenticate_token(&token.access_token)
        .required_scopes(["read:users"])
        .await
        .expect("the token verifies locally");
    assert_eq!(caller.client_id, m2m.client_id);
    let missing = client
        .m2m()
        .authenticate_token(&token.access_token)
        .required_scopes(["write:users"])
        .await
        .unwrap_err();
    assert!(
        matches!(
            &missing,
            stytch::Error::Forbidden(stytch::AuthorizationError::MissingScopes { missing })
                if missing == &["write:users"]
        ),
        "{missing:?}"
    );
}
