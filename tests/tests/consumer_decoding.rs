//! Realistic consumer responses (fixtures in `tests/fixtures/consumer/`) decoded through the SDK
//! against the mock server, for at least one endpoint of every consumer service.

use stytch::consumer::fraud::{RuleAction, RuleType, VerdictAction};
use stytch::consumer::project::MetricType;
use stytch::consumer::sessions::{AuthenticationFactorDeliveryMethod, AuthenticationFactorType};
use stytch_tests::{fixture, MockServer, Reply};

const USER_ID: &str = "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6";

/// A server that answers every request with this fixture.
async fn serving(name: &str) -> MockServer {
    let server = MockServer::start().await;
    server.always(Reply::json(200, &fixture(&format!("consumer/{name}"))));
    server
}

fn rfc3339(at: Option<stytch::Timestamp>) -> String {
    at.expect("timestamp present").to_rfc3339()
}

#[tokio::test]
async fn users_get_decodes_the_flattened_user() {
    let server = serving("users_get.json").await;

    let user = server.consumer_client().users().get(USER_ID).await.unwrap();

    assert_eq!(user.user_id, USER_ID);
    assert_eq!(user.status_code, 200);
    assert_eq!(user.emails[0].email, "ada@example.com");
    assert!(user.emails[0].verified);
    assert_eq!(user.providers[0].provider_type, "Google");
    assert_eq!(
        user.webauthn_registrations[0].authenticator_type,
        "platform"
    );
    assert_eq!(user.totps.len(), 1);
    assert_eq!(user.name.unwrap().first_name.as_deref(), Some("Ada"));
    assert_eq!(rfc3339(user.created_at), "2024-03-01T12:00:00+00:00");
    assert_eq!(user.lock_expires_at, None);
    assert_eq!(
        user.trusted_metadata.unwrap()["plan"],
        serde_json::json!("pro")
    );
}

#[tokio::test]
async fn users_search_decodes_results_and_metadata() {
    let server = serving("users_search.json").await;

    let page = server.consumer_client().users().search().await.unwrap();

    assert_eq!(page.results.len(), 1);
    assert_eq!(
        page.results[0].password.as_ref().unwrap().password_id,
        "password-test-e1ab9a2a-5a1b-4a6a-9bb2-0f4c1d9a6d41"
    );
    let meta = page.results_metadata;
    assert_eq!(meta.total, 1);
    assert_eq!(meta.next_cursor, None);
}

#[tokio::test]
async fn sessions_authenticate_decodes_factors_and_the_verdict() {
    let server = serving("sessions_authenticate.json").await;

    let auth = server
        .consumer_client()
        .sessions()
        .authenticate()
        .session_token("mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q")
        .await
        .unwrap();

    let factors = &auth.session.authentication_factors;
    assert_eq!(factors[0].r#type, AuthenticationFactorType::Password);
    assert_eq!(
        factors[0].delivery_method,
        AuthenticationFactorDeliveryMethod::Knowledge
    );
    assert_eq!(
        factors[1].delivery_method,
        AuthenticationFactorDeliveryMethod::OauthGoogle
    );
    let google = factors[1].google_oauth_factor.as_ref().unwrap();
    assert_eq!(google.provider_subject, "10769150350006150715113082367");
    assert_eq!(
        auth.session
            .attributes
            .as_ref()
            .unwrap()
            .ip_address
            .as_deref(),
        Some("203.0.113.7")
    );
    assert_eq!(
        rfc3339(auth.session.expires_at),
        "2024-03-01T13:00:00+00:00"
    );
    let verdict = auth.verdict.unwrap();
    assert!(verdict.authorized);
    assert_eq!(verdict.granting_roles, ["editor"]);
    assert_eq!(auth.user.user_id, USER_ID);
}

#[tokio::test]
async fn sessions_jwks_decodes_the_keys() {
    let server = serving("sessions_jwks.json").await;

    let jwks = server
        .consumer_client()
        .sessions()
        .get_jwks("project-test-11111111-2222-3333-4444-555555555555")
        .await
        .unwrap();

    let key = &jwks.keys[0];
    assert_eq!(key.kid, "jwk-test-22e6a6f6-1a34-4d2b-8a2b-cc2c1a6e5d0e");
    assert_eq!(key.r#use, "sig");
    assert_eq!(key.key_ops, ["verify"]);
    assert_eq!(key.x5t_s256, "bXVy7w3I4d6y0n3pXHn9Xbq6Cw2Cq1k3bUzt0iY1c0Q");
}

#[tokio::test]
async fn one_authenticated_session_shape_decodes_through_every_login_service() {
    let server = serving("session_authenticated.json").await;
    let client = server.consumer_client();

    let password = client
        .passwords()
        .authenticate("ada@example.com", "correct horse battery staple")
        .await
        .unwrap();
    let session = password.session.unwrap();
    assert_eq!(
        session.session_id,
        "session-test-fe6c042b-6286-479f-8a4f-b046a6c46509"
    );
    assert_eq!(session.custom_claims.unwrap()["tier"], "gold");
    let device = password.user_device.unwrap();
    assert!(!device.visitor_id_details.unwrap().is_new);
    assert_eq!(device.ip_geo_country.as_deref(), Some("US"));

    let reset = client
        .passwords()
        .email()
        .reset("reset-token", "new passphrase")
        .await
        .unwrap();
    assert_eq!(reset.user.emails[0].email, "ada@example.com");
    let existing = client
        .passwords()
        .existing_password()
        .reset("ada@example.com", "old", "new")
        .await
        .unwrap();
    assert_eq!(existing.user_id, USER_ID);
    let by_session = client
        .passwords()
        .sessions()
        .reset("new passphrase")
        .await
        .unwrap();
    assert_eq!(
        by_session.session.unwrap().session_id,
        "session-test-fe6c042b-6286-479f-8a4f-b046a6c46509"
    );

    let link = client
        .magic_links()
        .authenticate("DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94=")
        .await
        .unwrap();
    assert_eq!(
        link.method_id,
        "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953"
    );
    assert!(!link.reset_sessions);

    let otp = client
        .otps()
        .authenticate(
            "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0",
            "123456",
        )
        .await
        .unwrap();
    assert_eq!(otp.session.unwrap().roles, ["stytch_user"]);

    let totp = client
        .totps()
        .authenticate(USER_ID, "123456")
        .await
        .unwrap();
    assert_eq!(
        totp.totp_id,
        "totp-test-41920359-8bbb-4fe8-8fa3-aaa0cd7b8aca"
    );

    let webauthn = client
        .webauthn()
        .authenticate("{\"id\":\"Ab3dUGKxPb3LQv5vPa2Sm4Q\"}")
        .await
        .unwrap();
    assert_eq!(
        webauthn.webauthn_registration_id,
        "webauthn-registration-test-5c44cc6a-8af7-48d6-8da7-ea821342f5a6"
    );

    let wallet = client
        .crypto_wallets()
        .authenticate(
            "ethereum",
            "0x6df2dB4Fb3DA35d241901Bd53367770BF03123f1",
            "0xdeadbeef",
        )
        .await
        .unwrap();
    assert_eq!(wallet.siwe_params, None);

    let impersonated = client
        .impersonation()
        .authenticate("impersonation-token-test-1")
        .await
        .unwrap();
    assert_eq!(impersonated.user.roles, ["stytch_user"]);
}

#[tokio::test]
async fn passwords_strength_check_decodes_the_feedback() {
    let server = serving("passwords_strength_check.json").await;

    let check = server
        .consumer_client()
        .passwords()
        .strength_check("password1")
        .await
        .unwrap();

    assert!(!check.valid_password);
    assert!(check.breached_password);
    assert_eq!(check.strength_policy, "luds");
    let feedback = check.feedback.unwrap();
    assert_eq!(feedback.suggestions, ["Add another word or two."]);
    let luds = feedback.luds_requirements.unwrap();
    assert!(!luds.has_upper_case);
    assert_eq!(luds.missing_characters, 4);
}

#[tokio::test]
async fn email_login_or_create_decodes_for_magic_links_and_otps() {
    let server = serving("login_or_create_email.json").await;
    let client = server.consumer_client();

    let link = client
        .magic_links()
        .email()
        .login_or_create("ada@example.com")
        .await
        .unwrap();
    let otp = client
        .otps()
        .email()
        .login_or_create("ada@example.com")
        .await
        .unwrap();

    for (user_id, email_id, created) in [
        (link.user_id, link.email_id, link.user_created),
        (otp.user_id, otp.email_id, otp.user_created),
    ] {
        assert_eq!(user_id, USER_ID);
        assert_eq!(email_id, "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953");
        assert!(created);
    }
}

#[tokio::test]
async fn magic_link_create_decodes_the_token() {
    let server = serving("magic_links_create.json").await;

    let created = server
        .consumer_client()
        .magic_links()
        .create(USER_ID)
        .await
        .unwrap();

    assert_eq!(
        created.token,
        "DOYoip3rvIMMW5lgItikFK-Ak1CfMsgjuiCyI7uuU94="
    );
}

#[tokio::test]
async fn phone_otp_sends_decode_the_phone_id() {
    let server = serving("otp_phone_sent.json").await;
    let client = server.consumer_client();

    let sms = client.otps().sms().send("+12025550162").await.unwrap();
    let whatsapp = client.otps().whatsapp().send("+12025550162").await.unwrap();

    assert_eq!(
        sms.phone_id,
        "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0"
    );
    assert_eq!(whatsapp.phone_id, sms.phone_id);
    assert_eq!(whatsapp.user_id, USER_ID);
}

#[tokio::test]
async fn oauth_authenticate_decodes_provider_values() {
    let server = serving("oauth_authenticate.json").await;

    let login = server
        .consumer_client()
        .oauth()
        .authenticate("oauth-token-test-1")
        .await
        .unwrap();

    assert_eq!(login.provider_type, "Google");
    assert_eq!(login.provider_values.scopes, ["openid", "email", "profile"]);
    assert_eq!(
        rfc3339(login.provider_values.expires_at),
        "2024-03-01T13:00:00+00:00"
    );
    assert_eq!(login.user_session, None);
    assert_eq!(
        login.oauth_user_registration_id,
        "oauth-user-test-de86770c-911d-463f-80e7-f7b089a4f8b5"
    );
}

#[tokio::test]
async fn totps_create_and_recovery_codes_decode() {
    let server = MockServer::start().await;
    server
        .push(Reply::json(200, &fixture("consumer/totps_create.json")))
        .push(Reply::json(
            200,
            &fixture("consumer/totps_recovery_codes.json"),
        ));
    let client = server.consumer_client();

    let created = client.totps().create(USER_ID).await.unwrap();
    assert_eq!(created.secret, "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS");
    assert!(created.qr_code.starts_with("data:image/png;base64,"));
    assert_eq!(created.recovery_codes.len(), 2);

    let codes = client.totps().recovery_codes(USER_ID).await.unwrap();
    assert_eq!(codes.totps[0].recovery_codes[2], "hi08-n5tk-lns5");
    assert!(codes.totps[0].verified);
}

#[tokio::test]
async fn webauthn_credentials_decode() {
    let server = serving("webauthn_credentials.json").await;

    let list = server
        .consumer_client()
        .webauthn()
        .list_credentials(USER_ID, "example.com")
        .await
        .unwrap();

    assert_eq!(list.credentials[0].r#type, "public-key");
    assert_eq!(list.credentials[0].credential_id, "Ab3dUGKxPb3LQv5vPa2Sm4Q");
}

#[tokio::test]
async fn crypto_wallet_challenge_decodes() {
    let server = serving("crypto_wallets_start.json").await;

    let start = server
        .consumer_client()
        .crypto_wallets()
        .authenticate_start("ethereum", "0x6df2dB4Fb3DA35d241901Bd53367770BF03123f1")
        .await
        .unwrap();

    assert!(start
        .challenge
        .starts_with("example.com wants you to sign in"));
    assert!(!start.user_created);
}

#[tokio::test]
async fn idp_authorize_start_decodes_the_client_and_scopes() {
    let server = serving("idp_authorize_start.json").await;

    let start = server
        .consumer_client()
        .idp()
        .oauth()
        .authorize_start(
            "connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7",
            "http://localhost:8080/callback",
            "code",
            vec!["openid".to_owned()],
        )
        .await
        .unwrap();

    assert!(start.consent_required);
    assert_eq!(start.client.client_type, "third_party_public");
    assert_eq!(start.client.logo_url, None);
    assert!(start.scope_results[0].is_grantable);
    assert!(!start.scope_results[1].is_grantable);
    assert_eq!(start.user.user_id, USER_ID);
}

#[tokio::test]
async fn m2m_clients_create_and_search_decode() {
    let server = MockServer::start().await;
    server
        .push(Reply::json(
            200,
            &fixture("consumer/m2m_clients_create.json"),
        ))
        .push(Reply::json(
            200,
            &fixture("consumer/m2m_clients_search.json"),
        ));
    let client = server.b2b_client();

    let created = client
        .m2m()
        .clients()
        .create(vec!["read:users".to_owned()])
        .await
        .unwrap();
    assert_eq!(
        created.m2m_client.client_secret,
        "NHQhc7ZqsXJVtgmhOyOrf9vyFbJkXyd3mNq9Y9q1"
    );
    assert_eq!(created.m2m_client.scopes, ["read:users", "write:invoices"]);

    let page = client.m2m().clients().search().await.unwrap();
    assert_eq!(page.m2m_clients[0].client_secret_last_four, "Y9q1");
    assert_eq!(
        page.m2m_clients[0].trusted_metadata.as_ref().unwrap()["team"],
        "billing"
    );
    let meta = page.results_metadata;
    assert_eq!(meta.total, 3);
    assert_eq!(meta.next_cursor.as_deref(), Some("cursor-test-1"));
}

#[tokio::test]
async fn connected_app_get_and_rotate_start_decode() {
    let server = MockServer::start().await;
    server
        .push(Reply::json(
            200,
            &fixture("consumer/connected_app_get.json"),
        ))
        .push(Reply::json(
            200,
            &fixture("consumer/connected_app_rotate_start.json"),
        ));
    let client = server.consumer_client();

    let app = client
        .connected_app()
        .clients()
        .get("connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7")
        .await
        .unwrap()
        .connected_app;
    assert_eq!(app.redirect_urls, ["http://localhost:8080/callback"]);
    assert_eq!(app.access_token_expiry_minutes, 60);
    assert_eq!(app.creation_method, "api");

    let rotating = client
        .connected_app()
        .clients()
        .secrets()
        .rotate_start("connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7")
        .await
        .unwrap()
        .connected_app;
    assert_eq!(
        rotating.next_client_secret,
        "Rz4nW8v2pLq0kJb7tYx1cH5mDf3sGa9eUo6iQw2E"
    );
    assert_eq!(
        rotating.next_client_secret_last_four.as_deref(),
        Some("Qw2E")
    );
}

#[tokio::test]
async fn fraud_fingerprint_lookup_decodes_the_verdict_and_properties() {
    let server = serving("fraud_fingerprint_lookup.json").await;

    let lookup = server
        .consumer_client()
        .fraud()
        .fingerprint()
        .lookup("026ac93b-8cdf-4fcb-bfa6-36a31cfecac1")
        .await
        .unwrap();

    assert_eq!(lookup.verdict.action, VerdictAction::Challenge);
    assert_eq!(lookup.verdict.rule_match_type, Some(RuleType::CidrBlock));
    assert_eq!(
        lookup.verdict.verdict_reason_overrides[0].override_action,
        VerdictAction::Challenge
    );
    assert_eq!(
        lookup.fingerprints.visitor_id.as_deref(),
        Some("visitor-6139cbcc-4dda-4b1f-b1c0-13c08ec64d72")
    );
    assert_eq!(lookup.expires_at.to_rfc3339(), "2025-03-01T12:00:00+00:00");
    let network = lookup.properties.unwrap().network_properties;
    assert_eq!(network.asn.name, "EXAMPLE-NET");
    assert_eq!(network.ip_geolocation.city, "San Francisco");
    assert!(network.is_vpn);
    assert_eq!(lookup.raw_signals.unwrap()["webdriver"], true);
}

#[tokio::test]
async fn fraud_email_risk_rules_and_verdict_reasons_decode() {
    let server = MockServer::start().await;
    for name in [
        "fraud_email_risk.json",
        "fraud_rules_list.json",
        "fraud_verdict_reasons_list.json",
    ] {
        server.push(Reply::json(200, &fixture(&format!("consumer/{name}"))));
    }
    let client = server.consumer_client();

    let risk = client
        .fraud()
        .email()
        .risk("ada@example.com")
        .await
        .unwrap();
    assert_eq!(risk.action, VerdictAction::Allow);
    assert_eq!(risk.risk_score, 12);
    assert!(risk.domain_information.has_mx_or_a_record);
    assert_eq!(risk.address_information.normalized_email, "ada@example.com");

    let rules = client.fraud().rules().list().await.unwrap();
    assert_eq!(rules.rules[0].action, RuleAction::Block);
    assert_eq!(rules.rules[0].cidr_block.as_deref(), Some("203.0.113.0/24"));
    assert_eq!(rules.rules[1].rule_type, RuleType::CountryCode);
    assert_eq!(rules.next_cursor, "cursor-test-2");

    let reasons = client.fraud().verdict_reasons().list().await.unwrap();
    let vm = &reasons.verdict_reason_actions[0];
    assert_eq!(vm.default_action, VerdictAction::Block);
    assert_eq!(vm.override_action, Some(VerdictAction::Challenge));
    assert_eq!(reasons.verdict_reason_actions[1].override_action, None);
}

#[tokio::test]
async fn project_metrics_whoami_and_rbac_policy_decode() {
    let server = MockServer::start().await;
    for name in [
        "project_metrics.json",
        "debug_whoami.json",
        "rbac_policy.json",
    ] {
        server.push(Reply::json(200, &fixture(&format!("consumer/{name}"))));
    }
    let client = server.consumer_client();

    let metrics = client.project().metrics().await.unwrap();
    assert_eq!(metrics.metrics[0].metric_type, MetricType::UserCount);
    assert_eq!(metrics.metrics[0].count, 1280);
    assert_eq!(metrics.metrics[1].metric_type, MetricType::M2mClientCount);

    let whoami = client.debug().whoami().await.unwrap();
    assert_eq!(whoami.name, "Example App (test)");

    let policy = client.rbac().policy().await.unwrap().policy.unwrap();
    assert_eq!(policy.roles[0].permissions[0].actions, ["read"]);
    assert_eq!(policy.scopes[0].scope, "read:documents");
}
