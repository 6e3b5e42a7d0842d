//! Consumer passwords over raw HTTP: policy, authentication, the three resets, and what a
//! reset does to sessions.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;

#[tokio::test]
async fn weak_passwords_are_refused_everywhere_a_password_is_set() {
    let raw = Raw::start().await;
    assert_eq!(
        raw.fails(
            "/v1/passwords",
            json!({ "email": "ada@example.com", "password": "password123" })
        )
        .await,
        (400, "weak_password".into())
    );
    user_with_session(&raw, "ada@example.com").await;
    raw.ok(
        "/v1/passwords/email/reset/start",
        json!({ "email": "ada@example.com" }),
    )
    .await;
    let token = raw.outbox_token("ada@example.com").await;
    assert_eq!(
        raw.fails(
            "/v1/passwords/email/reset",
            json!({ "token": token, "password": "short" })
        )
        .await
        .1,
        "weak_password"
    );
    // The weak attempt did not burn the token.
    raw.ok(
        "/v1/passwords/email/reset",
        json!({ "token": token, "password": NEW_PASSWORD }),
    )
    .await;
}

#[tokio::test]
async fn strength_check_reports_the_policy() {
    let raw = Raw::start().await;
    let weak = raw
        .ok(
            "/v1/passwords/strength_check",
            json!({ "password": "short" }),
        )
        .await;
    assert_eq!(weak["valid_password"], false);
    assert_eq!(weak["strength_policy"], "luds");
    assert_eq!(
        weak["feedback"]["luds_requirements"]["missing_characters"],
        5
    );
    let common = raw
        .ok(
            "/v1/passwords/strength_check",
            json!({ "password": "qwertyuiop" }),
        )
        .await;
    assert_eq!(common["breached_password"], true);
    let strong = raw
        .ok(
            "/v1/b2b/passwords/strength_check",
            json!({ "password": PASSWORD }),
        )
        .await;
    assert_eq!(strong["valid_password"], true);
    assert_eq!(strong["luds_feedback"]["missing_characters"], 0);
    assert!(strong["zxcvbn_feedback"]["suggestions"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn authenticate_checks_the_password_and_makes_sessions_on_request() {
    let raw = Raw::start().await;
    user_with_session(&raw, "ada@example.com").await;
    let wrong = json!({ "email": "ada@example.com", "password": "not the passphrase" });
    assert_eq!(
        raw.fails("/v1/passwords/authenticate", wrong).await,
        (401, "unauthorized_credentials".into())
    );
    let unknown = json!({ "email": "bob@example.com", "password": PASSWORD });
    assert_eq!(
        raw.fails("/v1/passwords/authenticate", unknown).await,
        (404, "email_not_found".into())
    );

    // Without session_duration_minutes, as on Stytch, no session is made.
    let plain = raw
        .ok(
            "/v1/passwords/authenticate",
            json!({ "email": "ADA@example.com", "password": PASSWORD }),
        )
        .await;
    assert_eq!(plain["session_token"], "");
    assert!(plain["session"].is_null());
    let with = raw
        .ok(
            "/v1/passwords/authenticate",
            json!({
                "email": "ada@example.com",
                "password": PASSWORD,
                "session_duration_minutes": 30,
            }),
        )
        .await;
    assert_eq!(
        with["session"]["authentication_factors"][0]["type"],
        "password"
    );
    assert_eq!(
        with["session"]["authentication_factors"][0]["delivery_method"],
        "knowledge"
    );
    assert_eq!(with["user"]["emails"][0]["email"], "ada@example.com");
    assert!(with["user"]["password"]["password_id"]
        .as_str()
        .unwrap()
        .starts_with("password-test-"));
}

#[tokio::test]
async fn email_reset_tokens_are_single_use_and_expire() {
    let raw = Raw::start().await;
    let (_, old_session, _) = user_with_session(&raw, "ada@example.com").await;
    raw.ok(
        "/v1/passwords/email/reset/start",
        json!({
            "email": "ada@example.com",
            "reset_password_redirect_url": "https://app.example/reset",
        }),
    )
    .await;
    let message = raw.emulator.outbox_for("ada@example.com").pop().unwrap();
    assert_eq!(message.kind, "password_reset");
    assert_eq!(
        message.link.as_deref(),
        Some(
            format!(
                "https://app.example/reset?stytch_token_type=reset_password&token={}",
                message.token
            )
            .as_str()
        )
    );

    let reset =
        json!({ "token": message.token, "password": NEW_PASSWORD, "session_duration_minutes": 60 });
    let done = raw.ok("/v1/passwords/email/reset", reset.clone()).await;
    assert_eq!(done["user"]["emails"][0]["verified"], true);
    assert_ne!(done["session_token"], "");
    // Used once: refused now.
    assert_eq!(
        raw.fails("/v1/passwords/email/reset", reset).await,
        (401, "unable_to_auth_password_reset_token".into())
    );
    // The reset revoked the old session and kept the new one.
    assert_eq!(
        raw.fails(
            "/v1/sessions/authenticate",
            json!({ "session_token": old_session })
        )
        .await
        .1,
        "session_not_found"
    );
    raw.ok(
        "/v1/sessions/authenticate",
        json!({ "session_token": done["session_token"] }),
    )
    .await;
    // The new password works, the old one does not.
    raw.ok(
        "/v1/passwords/authenticate",
        json!({ "email": "ada@example.com", "password": NEW_PASSWORD }),
    )
    .await;
    assert_eq!(
        raw.fails(
            "/v1/passwords/authenticate",
            json!({ "email": "ada@example.com", "password": PASSWORD })
        )
        .await
        .0,
        401
    );

    // An expired token is refused.
    raw.ok(
        "/v1/passwords/email/reset/start",
        json!({ "email": "ada@example.com", "reset_password_expiration_minutes": 5 }),
    )
    .await;
    let token = raw.outbox_token("ada@example.com").await;
    raw.emulator.advance_clock(Duration::from_secs(6 * 60));
    let (status, error) = raw
        .fails(
            "/v1/passwords/email/reset",
            json!({ "token": token, "password": "a third passphrase" }),
        )
        .await;
    assert_eq!(
        (status, error.as_str()),
        (401, "unable_to_auth_password_reset_token")
    );
    assert_eq!(
        raw.fails(
            "/v1/passwords/email/reset/start",
            json!({ "email": "ada@example.com", "reset_password_expiration_minutes": 1 })
        )
        .await
        .1,
        "invalid_expiration"
    );
}

#[tokio::test]
async fn existing_password_reset_needs_the_current_password() {
    let raw = Raw::start().await;
    let (_, old_session, _) = user_with_session(&raw, "ada@example.com").await;
    let wrong = json!({
        "email": "ada@example.com",
        "existing_password": "a wrong passphrase",
        "new_password": NEW_PASSWORD,
    });
    assert_eq!(
        raw.fails("/v1/passwords/existing_password/reset", wrong)
            .await,
        (401, "unauthorized_credentials".into())
    );
    let right = json!({
        "email": "ada@example.com",
        "existing_password": PASSWORD,
        "new_password": NEW_PASSWORD,
    });
    let done = raw.ok("/v1/passwords/existing_password/reset", right).await;
    assert!(done["session"].is_null());
    assert_eq!(
        raw.fails(
            "/v1/sessions/authenticate",
            json!({ "session_token": old_session })
        )
        .await
        .1,
        "session_not_found"
    );
}

#[tokio::test]
async fn session_reset_needs_a_recent_factor_and_keeps_its_session() {
    let raw = Raw::start().await;
    let (_, first, _) = user_with_session(&raw, "ada@example.com").await;
    let second = raw
        .ok(
            "/v1/passwords/authenticate",
            json!({
                "email": "ada@example.com",
                "password": PASSWORD,
                "session_duration_minutes": 60,
            }),
        )
        .await;
    // Via the JWT: accepted while the password factor is fresh.
    let done = raw
        .ok(
            "/v1/passwords/session/reset",
            json!({ "password": NEW_PASSWORD, "session_jwt": second["session_jwt"] }),
        )
        .await;
    assert_eq!(
        done["session"]["session_id"],
        second["session"]["session_id"]
    );
    assert_eq!(
        raw.fails(
            "/v1/sessions/authenticate",
            json!({ "session_token": first })
        )
        .await
        .1,
        "session_not_found"
    );
    raw.ok(
        "/v1/sessions/authenticate",
        json!({ "session_token": second["session_token"] }),
    )
    .await;

    raw.emulator.advance_clock(Duration::from_secs(6 * 60));
    let stale =
        json!({ "password": "a third passphrase", "session_token": second["session_token"] });
    assert_eq!(
        raw.fails("/v1/passwords/session/reset", stale).await,
        (400, "session_too_old_to_reset_password".into())
    );
    assert_eq!(
        raw.fails(
            "/v1/passwords/session/reset",
            json!({ "password": NEW_PASSWORD })
        )
        .await
        .1,
        "no_session_arguments"
    );
}

#[tokio::test]
async fn sessions_expire_and_can_be_revoked() {
    let raw = Raw::start().await;
    let (_, token, jwt) = user_with_session(&raw, "ada@example.com").await;
    let extended = raw
        .ok(
            "/v1/sessions/authenticate",
            json!({ "session_jwt": jwt, "session_duration_minutes": 120 }),
        )
        .await;
    assert_eq!(extended["session_token"], token.as_str());
    raw.emulator.advance_clock(Duration::from_secs(90 * 60));
    raw.ok(
        "/v1/sessions/authenticate",
        json!({ "session_token": token }),
    )
    .await;
    raw.emulator.advance_clock(Duration::from_secs(31 * 60));
    assert_eq!(
        raw.fails(
            "/v1/sessions/authenticate",
            json!({ "session_token": token })
        )
        .await,
        (404, "session_not_found".into())
    );

    let (_, token, _) = user_with_session(&raw, "bob@example.com").await;
    raw.ok("/v1/sessions/revoke", json!({ "session_token": token }))
        .await;
    assert_eq!(
        raw.fails("/v1/sessions/revoke", json!({ "session_token": token }))
            .await
            .1,
        "session_not_found"
    );
    assert_eq!(
        raw.fails(
            "/v1/sessions/authenticate",
            json!({ "session_jwt": "a.b.c" })
        )
        .await
        .1,
        "unable_to_parse_session_jwt"
    );
    assert_eq!(
        raw.fails("/v1/sessions/revoke", json!({})).await.1,
        "no_session_revoke_arguments"
    );
}

#[tokio::test]
async fn users_and_migrations() {
    let raw = Raw::start().await;
    let created = raw
        .ok(
            "/v1/users",
            json!({ "email": "ada@example.com", "name": { "first_name": "Ada" } }),
        )
        .await;
    assert_eq!(created["user"]["name"]["first_name"], "Ada");
    assert!(created["user"]["password"].is_null());
    assert_eq!(
        raw.fails("/v1/users", json!({ "email": "Ada@Example.com" }))
            .await
            .1,
        "duplicate_email"
    );
    assert_eq!(
        raw.fails("/v1/users", json!({ "email": "not-an-email" }))
            .await
            .1,
        "invalid_email"
    );

    let hash = stytch_emulator::hash_password("a migrated passphrase");
    let migrated = raw
        .ok(
            "/v1/passwords/migrate",
            json!({ "email": "ada@example.com", "hash": hash, "hash_type": "argon_2id" }),
        )
        .await;
    assert_eq!(migrated["user_created"], false);
    raw.ok(
        "/v1/passwords/authenticate",
        json!({ "email": "ada@example.com", "password": "a migrated passphrase" }),
    )
    .await;
    let bcrypt = json!({ "email": "ada@example.com", "hash": "$2b$10$x", "hash_type": "bcrypt" });
    assert_eq!(
        raw.fails("/v1/passwords/migrate", bcrypt).await.1,
        "invalid_hash_type"
    );
}
