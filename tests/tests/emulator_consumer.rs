//! Consumer products through the SDK against the emulator: magic links, one-time passcodes,
//! sessions, TOTP and users, each with its happy path, expiry via the emulator's clock,
//! token reuse, wrong codes and attempt limits.

use std::time::Duration;

use stytch::consumer::sessions::AuthorizationCheck;
use stytch::models::{SearchFilter, SearchQuery};
use stytch_emulator::Emulator;

fn client(emulator: &Emulator) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .clock(emulator.clock())
        .build()
        .expect("client builds")
}

fn error_type<T: std::fmt::Debug>(result: Result<T, stytch::Error>) -> (u16, String) {
    let error = result.expect_err("the call should fail");
    (
        error.status().map_or(0, |s| s.as_u16()),
        error
            .error_type()
            .unwrap_or_else(|| panic!("not an API error: {error}"))
            .to_string(),
    )
}

/// An authorization check (the model has no public constructor; it is built as it arrives).
fn check(resource_id: &str, action: &str) -> AuthorizationCheck {
    serde_json::from_value(serde_json::json!({ "resource_id": resource_id, "action": action }))
        .unwrap()
}

// ---- magic links ----

#[tokio::test]
async fn magic_links_sign_in_once_and_expire() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let sent = client
        .magic_links()
        .email()
        .login_or_create("ada@example.com")
        .create_user_as_pending(true)
        .await
        .unwrap();
    assert!(sent.user_created);
    let pending = client.users().get(&sent.user_id).await.unwrap();
    assert_eq!(pending.status, "pending");

    let token = emulator.latest_token("ada@example.com").unwrap();
    let signed_in = client
        .magic_links()
        .authenticate(&token)
        .session_duration_minutes(60)
        .await
        .unwrap();
    assert_eq!(signed_in.user_id, sent.user_id);
    assert_eq!(signed_in.method_id, sent.email_id);
    assert_eq!(signed_in.user.status, "active");
    assert!(signed_in.user.emails[0].verified);
    let session = signed_in.session.expect("a session was asked for");
    assert_eq!(
        session.authentication_factors[0]
            .delivery_method
            .to_string(),
        "email"
    );

    // Single use.
    let reused = client.magic_links().authenticate(&token).await;
    assert_eq!(
        error_type(reused),
        (401, "unable_to_auth_magic_link".into())
    );
    let unknown = client.magic_links().authenticate("no-such-token").await;
    assert_eq!(error_type(unknown), (404, "magic_link_not_found".into()));

    // A known address gets a login link; it expires after its lifetime.
    let again = client
        .magic_links()
        .email()
        .login_or_create("ADA@example.com")
        .login_expiration_minutes(5)
        .await
        .unwrap();
    assert!(!again.user_created);
    let token = emulator.latest_token("ada@example.com").unwrap();
    emulator.advance_clock(Duration::from_secs(6 * 60));
    let late = client.magic_links().authenticate(&token).await;
    assert_eq!(error_type(late), (401, "unable_to_auth_magic_link".into()));

    // Without a session duration, no session is made: Stytch's empty strings.
    client
        .magic_links()
        .email()
        .send("ada@example.com")
        .await
        .unwrap();
    let token = emulator.latest_token("ada@example.com").unwrap();
    let bare = client.magic_links().authenticate(&token).await.unwrap();
    assert!(bare.session.is_none());
    assert_eq!((bare.session_token, bare.session_jwt), (None, None));

    let stranger = client
        .magic_links()
        .email()
        .send("nobody@example.com")
        .await;
    assert_eq!(error_type(stranger), (404, "email_not_found".into()));
}

#[tokio::test]
async fn invites_can_be_revoked_and_embedded_links_work_once() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let invited = client
        .magic_links()
        .email()
        .invite("grace@example.com")
        .await
        .unwrap();
    assert_eq!(
        client.users().get(&invited.user_id).await.unwrap().status,
        "pending"
    );
    let token = emulator.latest_token("grace@example.com").unwrap();
    client
        .magic_links()
        .email()
        .revoke_invite("grace@example.com")
        .await
        .unwrap();
    let revoked = client.magic_links().authenticate(&token).await;
    assert_eq!(error_type(revoked).1, "unable_to_auth_magic_link");
    let none_left = client
        .magic_links()
        .email()
        .revoke_invite("grace@example.com")
        .await;
    assert_eq!(error_type(none_left).0, 404);

    let embedded = client.magic_links().create(&invited.user_id).await.unwrap();
    assert!(
        emulator.outbox_for("grace@example.com").len() == 1,
        "embedded links are not sent"
    );
    let used = client
        .magic_links()
        .authenticate(&embedded.token)
        .session_duration_minutes(10)
        .await
        .unwrap();
    assert_eq!(used.user.status, "active");
    assert_eq!(
        used.session.unwrap().authentication_factors[0]
            .delivery_method
            .to_string(),
        "embedded"
    );
    let again = client.magic_links().authenticate(&embedded.token).await;
    assert_eq!(error_type(again).1, "unable_to_auth_magic_link");
}

// ---- one-time passcodes ----

#[tokio::test]
async fn sms_passcodes_verify_the_phone_once_and_expire() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let sent = client
        .otps()
        .sms()
        .login_or_create("+15555550123")
        .await
        .unwrap();
    assert!(sent.user_created);
    let message = emulator.outbox_for("+15555550123").pop().unwrap();
    assert_eq!(
        (message.channel.as_str(), message.kind.as_str()),
        ("sms", "otp")
    );
    let code = emulator.latest_code("+15555550123").unwrap();
    assert_eq!(code.len(), 6);

    let wrong = if code == "123456" { "654321" } else { "123456" };
    let miss = client.otps().authenticate(&sent.phone_id, wrong).await;
    assert_eq!(error_type(miss), (404, "otp_code_not_found".into()));
    let signed_in = client
        .otps()
        .authenticate(&sent.phone_id, &code)
        .session_duration_minutes(30)
        .await
        .unwrap();
    assert!(signed_in.user.phone_numbers[0].verified);
    assert_eq!(signed_in.method_id, sent.phone_id);
    let reused = client.otps().authenticate(&sent.phone_id, &code).await;
    assert_eq!(error_type(reused), (401, "unable_to_auth_otp_code".into()));

    // A second send replaces the code; it lasts two minutes by default.
    client.otps().sms().send("+15555550123").await.unwrap();
    let code = emulator.latest_code("+15555550123").unwrap();
    emulator.advance_clock(Duration::from_secs(121));
    let late = client.otps().authenticate(&sent.phone_id, &code).await;
    assert_eq!(error_type(late), (401, "unable_to_auth_otp_code".into()));

    let bad_number = client.otps().sms().send("555-0123").await;
    assert_eq!(error_type(bad_number), (400, "invalid_phone_number".into()));
    let unknown = client.otps().sms().send("+15555550199").await;
    assert_eq!(error_type(unknown), (404, "phone_number_not_found".into()));
}

#[tokio::test]
async fn too_many_wrong_codes_void_the_passcode() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let sent = client
        .otps()
        .email()
        .login_or_create("ada@example.com")
        .await
        .unwrap();
    let code = emulator.latest_code("ada@example.com").unwrap();
    let wrong = if code == "000000" { "999999" } else { "000000" };
    for _ in 0..5 {
        let miss = client.otps().authenticate(&sent.email_id, wrong).await;
        assert_eq!(error_type(miss).1, "otp_code_not_found");
    }
    let right_but_late = client.otps().authenticate(&sent.email_id, &code).await;
    assert_eq!(
        error_type(right_but_late),
        (401, "unable_to_auth_otp_code".into())
    );

    // A fresh code works again, by WhatsApp too.
    client.otps().email().send("ada@example.com").await.unwrap();
    let code = emulator.latest_code("ada@example.com").unwrap();
    client
        .otps()
        .authenticate(&sent.email_id, &code)
        .await
        .unwrap();
    let whatsapp = client
        .otps()
        .whatsapp()
        .login_or_create("+15555550124")
        .await
        .unwrap();
    let code = emulator.latest_code("+15555550124").unwrap();
    assert_eq!(emulator.outbox_for("+15555550124")[0].channel, "whatsapp");
    let signed_in = client
        .otps()
        .authenticate(&whatsapp.phone_id, &code)
        .session_duration_minutes(5)
        .await
        .unwrap();
    assert_eq!(
        signed_in.session.unwrap().authentication_factors[0]
            .delivery_method
            .to_string(),
        "whatsapp"
    );
}

// ---- sessions ----

#[tokio::test]
async fn sessions_carry_claims_and_roles_extend_list_and_revoke() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let user = client
        .users()
        .create()
        .email("ada@example.com")
        .roles(vec!["editor".to_string()])
        .await
        .unwrap();
    client
        .magic_links()
        .email()
        .send("ada@example.com")
        .await
        .unwrap();
    let token = emulator.latest_token("ada@example.com").unwrap();
    let signed_in = client
        .magic_links()
        .authenticate(&token)
        .session_duration_minutes(30)
        .session_custom_claims(serde_json::json!({ "plan": "pro" }))
        .await
        .unwrap();

    // The JWT verifies locally with the SDK, claims and roles included.
    let local = client
        .sessions()
        .authenticate_jwt_local(signed_in.session_jwt.as_deref().expect("a session"))
        .await
        .unwrap();
    assert_eq!(local.custom_claims["plan"], "pro");
    assert_eq!(local.session.roles, ["stytch_user", "editor"]);

    // Extending, with more claims, and an authorization check.
    let extended = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .session_duration_minutes(120)
        .session_custom_claims(serde_json::json!({ "team": "blue" }))
        .authorization_check(check("documents", "write"))
        .await
        .unwrap();
    let verdict = extended.verdict.expect("a verdict for the check");
    assert!(verdict.authorized);
    assert_eq!(verdict.granting_roles, ["editor"]);
    let claims = client
        .sessions()
        .authenticate_jwt_local(extended.session_jwt.as_deref().expect("a session"))
        .await
        .unwrap()
        .custom_claims;
    assert_eq!(
        (claims["plan"].as_str(), claims["team"].as_str()),
        (Some("pro"), Some("blue"))
    );
    let denied = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .authorization_check(check("documents", "delete"))
        .await;
    assert_eq!(
        error_type(denied),
        (403, "consumer_session_authorization_error".into())
    );

    // After 31 minutes the original lifetime would be over; the extension keeps it alive.
    emulator.advance_clock(Duration::from_secs(31 * 60));
    let listed = client.sessions().get(&user.user_id).await.unwrap();
    assert_eq!(listed.sessions.len(), 1);

    // The client shares the emulator's clock: the 5-minute JWT is now expired locally too.
    let stale = client
        .sessions()
        .authenticate_jwt_local(extended.session_jwt.as_deref().expect("a session"))
        .await;
    assert!(
        matches!(
            stale,
            Err(stytch::Error::Unauthenticated(stytch::TokenError::Expired))
        ),
        "an expired JWT must not verify locally: {stale:?}"
    );

    client
        .sessions()
        .revoke()
        .session_id(&listed.sessions[0].session_id)
        .await
        .unwrap();
    let gone = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .await;
    assert_eq!(error_type(gone), (404, "session_not_found".into()));
}

// ---- TOTP ----

#[tokio::test]
async fn totp_codes_verify_once_and_recovery_codes_are_single_use() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let user = client
        .users()
        .create()
        .email("ada@example.com")
        .await
        .unwrap();
    let totp = client.totps().create(&user.user_id).await.unwrap();
    assert_eq!(totp.recovery_codes.len(), 10);
    assert!(totp.qr_code.starts_with("data:image/svg+xml;base64,"));

    let code = emulator.totp_code(&totp.secret).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let miss = client.totps().authenticate(&user.user_id, wrong).await;
    assert_eq!(
        error_type(miss),
        (401, "unable_to_authenticate_totp".into())
    );
    let signed_in = client
        .totps()
        .authenticate(&user.user_id, &code)
        .session_duration_minutes(60)
        .await
        .unwrap();
    assert_eq!(signed_in.totp_id, totp.totp_id);
    assert!(signed_in.user.totps[0].verified);
    let replay = client.totps().authenticate(&user.user_id, &code).await;
    assert_eq!(error_type(replay).1, "totp_code_already_authenticated");
    // The next time step's code works.
    emulator.advance_clock(Duration::from_secs(30));
    let next = emulator.totp_code(&totp.secret).unwrap();
    client
        .totps()
        .authenticate(&user.user_id, &next)
        .await
        .unwrap();

    let second = client.totps().create(&user.user_id).await;
    assert_eq!(error_type(second), (400, "active_totp_exists".into()));

    let codes = client.totps().recovery_codes(&user.user_id).await.unwrap();
    let recovery = codes.totps[0].recovery_codes[0].clone();
    client
        .totps()
        .recover(&user.user_id, &recovery)
        .await
        .unwrap();
    let reused = client.totps().recover(&user.user_id, &recovery).await;
    assert_eq!(
        error_type(reused),
        (401, "unable_to_authenticate_recovery_code".into())
    );
    let left = client.totps().recovery_codes(&user.user_id).await.unwrap();
    assert_eq!(left.totps[0].recovery_codes.len(), 9);

    client.users().delete_totp(&totp.totp_id).await.unwrap();
    let none = client.totps().authenticate(&user.user_id, &next).await;
    assert_eq!(error_type(none), (404, "totp_not_found".into()));
}

// ---- users ----

#[tokio::test]
async fn users_are_searched_page_by_page_updated_and_deleted() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let mut ids = Vec::new();
    for i in 0..5 {
        let user = client
            .users()
            .create()
            .email(format!("user{i}@search.test"))
            .await
            .unwrap();
        ids.push(user.user_id);
    }
    client
        .users()
        .create()
        .email("other@else.test")
        .await
        .unwrap();

    let query = SearchQuery::and([SearchFilter::new("email_address_fuzzy", "search.test")]);
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut search = client.users().search().limit(2u32).query(query.clone());
        if let Some(c) = &cursor {
            search = search.cursor(c);
        }
        let page = search.await.unwrap();
        assert_eq!(page.results_metadata.total, 5);
        seen.extend(page.results.into_iter().map(|u| u.user_id));
        cursor = page.results_metadata.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen, ids, "every match once, oldest first");

    let unknown = client
        .users()
        .search()
        .query(SearchQuery::and([SearchFilter::new("shoe_size", 42)]))
        .await;
    assert_eq!(
        error_type(unknown),
        (400, "user_search_filter_name_not_recognized".into())
    );

    let updated = client
        .users()
        .update(&ids[0])
        .untrusted_metadata(serde_json::json!({ "theme": "dark" }))
        .await
        .unwrap();
    assert_eq!(updated.user.untrusted_metadata.unwrap()["theme"], "dark");
    let email_id = updated.emails[0].email_id.clone();
    let without = client.users().delete_email(&email_id).await.unwrap();
    assert!(without.user.emails.is_empty());
    client.users().delete(&ids[0]).await.unwrap();
    let gone = client.users().get(&ids[0]).await;
    assert_eq!(error_type(gone), (404, "user_not_found".into()));
}
