//! B2B organizations, members and member passwords, RS256 JWTs checked by an independent
//! verifier (`jsonwebtoken`) against the served JWKS, and M2M tokens.

mod common;

use std::time::Duration;

use common::*;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};

/// Verifies `jwt` against the JWKS the emulator serves, with Stytch's issuer and audience.
async fn verify(raw: &Raw, jwks_path: &str, jwt: &str) -> Value {
    let (_, jwks) = raw.get(jwks_path).await;
    let kid = decode_header(jwt).unwrap().kid.unwrap();
    let jwk = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .expect("kid in JWKS");
    let key =
        DecodingKey::from_rsa_components(jwk["n"].as_str().unwrap(), jwk["e"].as_str().unwrap())
            .unwrap();
    let pid = raw.emulator.project_id();
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_audience(&[pid]);
    validation.set_issuer(&[format!("stytch.com/{pid}")]);
    decode::<Value>(jwt, &key, &validation)
        .expect("JWT verifies")
        .claims
}

/// An organization with one member; returns (organization_id, member_id).
async fn org_with_member(raw: &Raw, email: &str) -> (String, String) {
    let org = raw
        .ok(
            "/v1/b2b/organizations",
            json!({ "organization_name": "Acme, Inc." }),
        )
        .await;
    let org_id = org["organization"]["organization_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(org["organization"]["organization_slug"], "acme-inc");
    let member = raw
        .ok(
            &format!("/v1/b2b/organizations/{org_id}/members"),
            json!({ "email_address": email, "roles": ["editor"] }),
        )
        .await;
    assert_eq!(member["member"]["member_password_id"], "");
    (org_id, member["member_id"].as_str().unwrap().to_string())
}

#[tokio::test]
async fn consumer_session_jwts_carry_stytch_claims() {
    let raw = Raw::start().await;
    let (user_id, _, jwt) = user_with_session(&raw, "ada@example.com").await;
    let pid = raw.emulator.project_id().to_string();
    let claims = verify(&raw, &format!("/v1/sessions/jwks/{pid}"), &jwt).await;
    assert_eq!(claims["sub"], user_id.as_str());
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        300
    );
    assert_eq!(claims["nbf"], claims["iat"]);
    let session = &claims["https://stytch.com/session"];
    assert!(session["id"].as_str().unwrap().starts_with("session-test-"));
    for field in ["started_at", "last_accessed_at", "expires_at", "attributes"] {
        assert!(!session[field].is_null(), "{field}: {claims}");
    }
    assert_eq!(session["authentication_factors"][0]["type"], "password");
    assert!(claims.get("https://stytch.com/organization").is_none());
}

#[tokio::test]
async fn member_email_reset_then_jwt_with_organization_and_roles() {
    let raw = Raw::start().await;
    let (org_id, member_id) = org_with_member(&raw, "grace@acme.test").await;
    let start = json!({ "organization_id": org_id, "email_address": "grace@acme.test" });
    let started = raw.ok("/v1/b2b/passwords/email/reset/start", start).await;
    assert_eq!(started["member_id"], member_id.as_str());
    let message = raw.emulator.outbox_for("grace@acme.test").pop().unwrap();
    assert_eq!(message.organization_id.as_deref(), Some(org_id.as_str()));

    let done = raw
        .ok(
            "/v1/b2b/passwords/email/reset",
            json!({ "password_reset_token": message.token, "password": PASSWORD }),
        )
        .await;
    assert_eq!(done["member_authenticated"], true);
    assert!(done["mfa_required"].is_null());
    assert_eq!(done["member_session"]["organization_slug"], "acme-inc");
    assert_eq!(
        done["member_session"]["roles"],
        json!(["stytch_member", "editor"])
    );
    let pid = raw.emulator.project_id().to_string();
    let claims = verify(
        &raw,
        &format!("/v1/b2b/sessions/jwks/{pid}"),
        done["session_jwt"].as_str().unwrap(),
    )
    .await;
    assert_eq!(claims["sub"], member_id.as_str());
    assert_eq!(
        claims["https://stytch.com/organization"],
        json!({ "organization_id": org_id, "slug": "acme-inc" })
    );
    assert_eq!(
        claims["https://stytch.com/session"]["roles"],
        json!(["stytch_member", "editor"])
    );

    let again = json!({ "password_reset_token": message.token, "password": NEW_PASSWORD });
    assert_eq!(
        raw.fails("/v1/b2b/passwords/email/reset", again).await.1,
        "unable_to_auth_password_reset_token"
    );
}

#[tokio::test]
async fn member_authenticate_existing_and_session_resets() {
    let raw = Raw::start().await;
    let (org_id, member_id) = org_with_member(&raw, "grace@acme.test").await;
    let hash = stytch_emulator::hash_password(PASSWORD);
    let migrated = raw
        .ok(
            "/v1/b2b/passwords/migrate",
            json!({
                "organization_id": org_id,
                "email_address": "grace@acme.test",
                "hash": hash,
                "hash_type": "argon_2id",
            }),
        )
        .await;
    assert_eq!(migrated["member_created"], false);
    let login = json!({
        "organization_id": org_id,
        "email_address": "grace@acme.test",
        "password": PASSWORD,
    });
    let first = raw
        .ok("/v1/b2b/passwords/authenticate", login.clone())
        .await;
    assert_eq!(first["member_session"]["member_id"], member_id.as_str());
    let second = raw.ok("/v1/b2b/passwords/authenticate", login).await;

    let wrong = json!({
        "organization_id": org_id,
        "email_address": "grace@acme.test",
        "existing_password": "nope nope nope",
        "new_password": NEW_PASSWORD,
    });
    assert_eq!(
        raw.fails("/v1/b2b/passwords/existing_password/reset", wrong)
            .await,
        (401, "unauthorized_credentials".into())
    );

    let reset = json!({
        "organization_id": org_id,
        "password": NEW_PASSWORD,
        "session_token": second["session_token"],
    });
    let done = raw.ok("/v1/b2b/passwords/session/reset", reset).await;
    assert_eq!(
        done["member_session"]["member_session_id"],
        second["member_session"]["member_session_id"]
    );
    let revoked = json!({ "session_token": first["session_token"] });
    assert_eq!(
        raw.fails("/v1/b2b/sessions/authenticate", revoked).await,
        (404, "session_not_found".into())
    );
    let kept = raw
        .ok(
            "/v1/b2b/sessions/authenticate",
            json!({ "session_jwt": second["session_jwt"] }),
        )
        .await;
    assert_eq!(kept["organization"]["organization_id"], org_id.as_str());

    raw.emulator.advance_clock(Duration::from_secs(10 * 60));
    let stale = json!({
        "organization_id": org_id,
        "password": "a third passphrase",
        "session_token": second["session_token"],
    });
    assert_eq!(
        raw.fails("/v1/b2b/passwords/session/reset", stale).await.1,
        "session_too_old_to_reset_password"
    );

    raw.ok("/v1/b2b/sessions/revoke", json!({ "member_id": member_id }))
        .await;
    assert_eq!(
        raw.fails(
            "/v1/b2b/sessions/authenticate",
            json!({ "session_token": second["session_token"] })
        )
        .await
        .1,
        "session_not_found"
    );
}

#[tokio::test]
async fn organization_and_member_errors() {
    let raw = Raw::start().await;
    let (org_id, _) = org_with_member(&raw, "grace@acme.test").await;
    assert_eq!(
        raw.fails(
            "/v1/b2b/organizations",
            json!({ "organization_name": "Acme Inc" })
        )
        .await
        .1,
        "organization_slug_already_used"
    );
    assert_eq!(
        raw.fails("/v1/b2b/organizations", json!({ "organization_name": " " }))
            .await
            .1,
        "organization_name_missing"
    );
    let members = format!("/v1/b2b/organizations/{org_id}/members");
    assert_eq!(
        raw.fails(&members, json!({ "email_address": "GRACE@acme.test" }))
            .await
            .1,
        "duplicate_member_email"
    );
    assert_eq!(
        raw.fails(
            &members,
            json!({ "email_address": "x@acme.test", "roles": ["pilot"] })
        )
        .await
        .1,
        "invalid_rbac_role_id"
    );
    let missing = "/v1/b2b/organizations/organization-test-missing/members";
    assert_eq!(
        raw.fails(missing, json!({ "email_address": "x@acme.test" }))
            .await,
        (404, "organization_not_found".into())
    );
    let (status, body) = raw.get(&format!("/v1/b2b/organizations/{org_id}")).await;
    assert_eq!(
        (status.as_u16(), &body["organization"]["organization_name"]),
        (200, &json!("Acme, Inc."))
    );
    let start = json!({ "organization_id": org_id, "email_address": "nobody@acme.test" });
    assert_eq!(
        raw.fails("/v1/b2b/passwords/email/reset/start", start)
            .await,
        (404, "member_not_found".into())
    );

    let (_, policy) = raw.get("/v1/b2b/rbac/policy").await;
    let roles: Vec<&str> = policy["policy"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role_id"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["stytch_member", "stytch_admin", "editor"]);
}

#[tokio::test]
async fn m2m_clients_get_scoped_rs256_tokens_from_json_or_form_bodies() {
    let raw = Raw::start().await;
    let created = raw
        .ok(
            "/v1/m2m/clients",
            json!({ "scopes": ["read:users", "write:users"], "client_name": "billing" }),
        )
        .await;
    let client = &created["m2m_client"];
    let (id, secret) = (
        client["client_id"].as_str().unwrap(),
        client["client_secret"].as_str().unwrap(),
    );
    assert!(id.starts_with("m2m-client-test-"));
    assert_eq!(
        client["client_secret_last_four"].as_str().unwrap(),
        &secret[secret.len() - 4..]
    );

    let pid = raw.emulator.project_id().to_string();
    let token_url = raw.url(&format!("/v1/public/{pid}/oauth2/token"));
    let form = [
        ("grant_type", "client_credentials"),
        ("client_id", id),
        ("client_secret", secret),
        ("scope", "read:users"),
    ];
    let (status, token) = read(raw.http.post(&token_url).form(&form)).await;
    assert_eq!(status, 200, "{token}");
    assert_eq!(token["token_type"], "bearer");
    assert_eq!(token["expires_in"], 3600);
    let claims = verify(
        &raw,
        &format!("/v1/sessions/jwks/{pid}"),
        token["access_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(claims["sub"], id);
    assert_eq!(claims["scope"], "read:users");

    let all =
        json!({ "grant_type": "client_credentials", "client_id": id, "client_secret": secret });
    let (_, token) = read(raw.http.post(&token_url).json(&all)).await;
    let claims = verify(
        &raw,
        &format!("/v1/b2b/sessions/jwks/{pid}"),
        token["access_token"].as_str().unwrap(),
    )
    .await;
    assert_eq!(claims["scope"], "read:users write:users");

    let wrong = json!({
        "grant_type": "client_credentials",
        "client_id": id,
        "client_secret": "x".repeat(40),
    });
    // RFC 6749 section 5.2: 400 invalid_client for credentials in the body, 401 with Basic.
    let (status, body) = read(raw.http.post(&token_url).json(&wrong)).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(body["error_type"], "unauthorized_credentials");
    assert_eq!(body["error_description"], body["error_message"]);
    let basic = raw
        .http
        .post(&token_url)
        .basic_auth(id, Some("y".repeat(40)))
        .form(&[("grant_type", "client_credentials")]);
    let (status, body) = read(basic).await;
    assert_eq!(
        (status.as_u16(), &body["error"]),
        (401, &json!("invalid_client"))
    );
    let basic = raw
        .http
        .post(&token_url)
        .basic_auth(id, Some(secret))
        .form(&[("grant_type", "client_credentials")]);
    let (status, body) = read(basic).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status_code"], 200);
    assert!(body["request_id"]
        .as_str()
        .unwrap()
        .starts_with("request-id-test-"));
    let greedy = [
        ("grant_type", "client_credentials"),
        ("client_id", id),
        ("client_secret", secret),
        ("scope", "admin"),
    ];
    let (status, body) = read(raw.http.post(&token_url).form(&greedy)).await;
    assert_eq!(
        (status.as_u16(), body["error_type"].as_str()),
        (400, Some("invalid_m2m_client_scope"))
    );
    let (status, _) = read(
        raw.http
            .post(raw.url("/v1/public/project-test-other/oauth2/token"))
            .json(&all),
    )
    .await;
    assert_eq!(status, 404);
}
