//! B2B authentication responses, shaped like Stytch's, decoded through the SDK.

use serde_json::{json, Value};
use stytch::b2b::Client;
use stytch_tests::{fixture, MockServer, Reply};

const ORG_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";
const IST: &str = "SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=";

async fn serving(body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    server.always(Reply::json(200, &body));
    let client = server.b2b_client();
    (server, client)
}

fn load(name: &str) -> Value {
    fixture(&format!("b2b_auth/{name}"))
}

fn sent() -> Value {
    json!({"request_id": "request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141", "status_code": 200})
}

#[tokio::test]
async fn discovered_organizations_are_fully_typed() {
    let (_server, client) = serving(load("discovery_organizations_list.json")).await;

    let list = client
        .discovery()
        .organizations()
        .list()
        .intermediate_session_token(IST)
        .await
        .unwrap();

    assert_eq!(list.email_address, "ada@example.com");
    assert_eq!(list.organization_id_hint.as_deref(), Some(ORG_ID));
    let [active, eligible] = &list.discovered_organizations[..] else {
        panic!("two organizations: {:#?}", list.discovered_organizations);
    };
    assert!(active.member_authenticated);
    let membership = active.membership.as_ref().unwrap();
    assert_eq!(membership.r#type, "active_member");
    assert_eq!(membership.member.as_ref().unwrap().member_id, MEMBER_ID);
    let org = active.organization.as_ref().unwrap();
    assert_eq!(org.organization_slug, "example-org");
    assert_eq!(org.sso_active_connections[0].identity_provider, "okta");
    assert_eq!(
        org.rbac_email_implicit_role_assignments[0].role_id,
        "editor"
    );

    assert!(!eligible.member_authenticated);
    let membership = eligible.membership.as_ref().unwrap();
    assert_eq!(membership.r#type, "eligible_to_join_by_email_domain");
    assert_eq!(membership.details, Some(json!({"domain": "example.com"})));
    assert!(membership.member.is_none());
    assert_eq!(
        eligible
            .primary_required
            .as_ref()
            .unwrap()
            .allowed_auth_methods,
        ["sso", "magic_link"]
    );
    let mfa = eligible.mfa_required.as_ref().unwrap();
    assert_eq!(mfa.secondary_auth_initiated.as_deref(), Some("sms_otp"));
    assert_eq!(
        mfa.member_options.as_ref().unwrap().mfa_phone_number,
        "+12025550162"
    );
}

#[tokio::test]
async fn discovery_authentications_return_an_intermediate_session() {
    let body = load("otps_email_discovery_authenticate.json");
    let (_server, client) = serving(body.clone()).await;

    let otp = client
        .otps()
        .email()
        .discovery()
        .authenticate("ada@example.com", "123456")
        .await
        .unwrap();
    assert_eq!(otp.intermediate_session_token.as_deref(), Some(IST));
    assert_eq!(
        otp.intermediate_session_token_expires_at
            .unwrap()
            .to_rfc3339(),
        "2024-03-01T12:10:00+00:00"
    );
    assert_eq!(otp.discovered_organizations.len(), 2);

    let password = client
        .passwords()
        .discovery()
        .authenticate("ada@example.com", "correct horse battery staple")
        .await
        .unwrap();
    assert_eq!(password.intermediate_session_token.as_deref(), Some(IST));
    assert_eq!(
        password.discovered_organizations[1]
            .organization
            .as_ref()
            .unwrap()
            .organization_name,
        "Acme Robotics"
    );

    let reset = client
        .passwords()
        .discovery()
        .email()
        .reset("reset-token", "correct horse battery staple")
        .await
        .unwrap();
    assert_eq!(reset.email_address, "ada@example.com");

    let magic = client
        .magic_links()
        .discovery()
        .authenticate("discovery-magic-links-token")
        .await
        .unwrap();
    assert_eq!(
        magic.discovered_organizations[0]
            .membership
            .as_ref()
            .unwrap()
            .r#type,
        "active_member"
    );
}

#[tokio::test]
async fn oauth_discovery_decodes_the_provider_identity() {
    let mut body = load("otps_email_discovery_authenticate.json");
    body["provider_type"] = json!("Microsoft");
    body["provider_tenant_id"] = json!("tenant-8d2f");
    body["provider_tenant_ids"] = json!(["tenant-8d2f", "tenant-91ac"]);
    body["full_name"] = json!("Ada Lovelace");
    let (_server, client) = serving(body).await;

    let response = client
        .oauth()
        .discovery()
        .authenticate("discovery-oauth-token")
        .await
        .unwrap();

    assert_eq!(response.provider_type, "Microsoft");
    assert_eq!(response.provider_tenant_ids, ["tenant-8d2f", "tenant-91ac"]);
    assert_eq!(response.full_name, "Ada Lovelace");
    assert_eq!(response.discovered_organizations.len(), 2);
}

#[tokio::test]
async fn a_full_login_decodes_member_session_and_device() {
    let (_server, client) = serving(load("passwords_authenticate.json")).await;

    let response = client
        .passwords()
        .authenticate(ORG_ID, "ada@example.com", "correct horse battery staple")
        .await
        .unwrap();

    assert!(response.member_authenticated);
    assert_eq!(response.intermediate_session_token, None);
    assert_eq!(response.intermediate_session_token_expires_at, None);
    assert_eq!(response.member.roles[1].role_id, "editor");
    assert_eq!(
        response.member.roles[1].sources[0].r#type,
        "email_assignment"
    );
    let session = response.member_session.unwrap();
    assert_eq!(session.organization_slug, "example-org");
    assert_eq!(session.roles, ["stytch_member", "editor"]);
    assert_eq!(session.expires_at.to_rfc3339(), "2024-03-01T13:00:00+00:00");
    let factor = &session.authentication_factors[0];
    assert_eq!(
        factor.email_factor.as_ref().unwrap().email_address,
        "ada@example.com"
    );
    let device = response.member_device.unwrap();
    assert_eq!(device.ip_geo_city.as_deref(), Some("San Francisco"));
    assert!(device.ip_address_details.unwrap().is_new);
}

#[tokio::test]
async fn primary_factor_logins_share_the_member_session_shape() {
    let mut body = load("passwords_authenticate.json");
    body["method_id"] = json!("email-test-81bf03a8-86e1-4d95-bd44-bb3495224953");
    body["reset_sessions"] = json!(false);
    let (_server, client) = serving(body).await;

    let magic = client
        .magic_links()
        .authenticate("magic-links-token")
        .await
        .unwrap();
    assert_eq!(
        magic.method_id,
        "email-test-81bf03a8-86e1-4d95-bd44-bb3495224953"
    );
    assert_eq!(magic.organization.organization_id, ORG_ID);

    let email_otp = client
        .otps()
        .email()
        .authenticate(ORG_ID, "ada@example.com", "123456")
        .await
        .unwrap();
    assert_eq!(email_otp.member_session.unwrap().member_id, MEMBER_ID);

    let sms_otp = client
        .otps()
        .sms()
        .authenticate(ORG_ID, MEMBER_ID, "123456")
        .await
        .unwrap();
    assert_eq!(sms_otp.member.mfa_phone_number, "+12025550162");
    assert_eq!(
        sms_otp.member_device.unwrap().visitor_id,
        "visitor-test-2d4f6a1b"
    );
}

#[tokio::test]
async fn an_exchange_that_needs_mfa_carries_the_intermediate_session() {
    let (_server, client) =
        serving(load("discovery_intermediate_sessions_exchange_mfa.json")).await;

    let response = client
        .discovery()
        .intermediate_sessions()
        .exchange(IST, ORG_ID)
        .await
        .unwrap();

    assert!(!response.member_authenticated);
    assert!(response.member_session.is_none());
    assert_eq!(response.session_token, None);
    assert_eq!(response.intermediate_session_token.as_deref(), Some(IST));
    assert_eq!(
        response
            .intermediate_session_token_expires_at
            .unwrap()
            .to_rfc3339(),
        "2024-03-01T12:10:00+00:00"
    );
    let options = response.mfa_required.unwrap().member_options.unwrap();
    assert_eq!(
        options.totp_registration_id,
        "member-totp-test-5c8a1f0e-2d3b-4e6f-9a7c-1b2d3e4f5a6b"
    );
}

#[tokio::test]
async fn oauth_login_decodes_provider_values() {
    let (_server, client) = serving(load("oauth_authenticate.json")).await;

    let response = client.oauth().authenticate("oauth-token").await.unwrap();

    assert_eq!(response.provider_type, "Google");
    assert_eq!(response.provider_subject, "108235874932764593451");
    let values = response.provider_values.unwrap();
    assert_eq!(values.scopes, ["openid", "email", "profile"]);
    assert_eq!(
        values.refresh_token.as_deref(),
        Some("1//test-refresh-token")
    );
    assert_eq!(
        values.expires_at.unwrap().to_rfc3339(),
        "2024-03-01T13:00:00+00:00"
    );
}

#[tokio::test]
async fn session_authenticate_decodes_the_verdict() {
    let (_server, client) = serving(load("sessions_authenticate.json")).await;

    let response = client
        .sessions()
        .authenticate()
        .session_token("mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q")
        .await
        .unwrap();

    let verdict = response.verdict.unwrap();
    assert!(verdict.authorized);
    assert_eq!(verdict.granting_roles, ["editor"]);
    assert_eq!(
        response.member_session.custom_claims,
        Some(json!({"team": "research"}))
    );
    assert_eq!(
        response.organization.trusted_metadata,
        Some(json!({"billing_tier": "enterprise"}))
    );
}

#[tokio::test]
async fn jwks_keep_the_thumbprint() {
    let (_server, client) = serving(load("sessions_get_jwks.json")).await;

    let response = client
        .sessions()
        .get_jwks("project-test-11111111-2222-3333-4444-555555555555")
        .await
        .unwrap();

    let key = &response.keys[0];
    assert_eq!(key.kid, "jwk-test-22e0a0a4-3a2b-4d1a-8ee2-3d6f1e2f9a10");
    assert_eq!(key.r#use, "sig");
    assert_eq!(key.key_ops, ["verify"]);
    assert_eq!(key.x5t_s256, "FyVdJf1mUZrB6Xv2Q0nRr6nH3nZ0Qb4aG7sT2kLmPq8=");
}

#[tokio::test]
async fn totp_create_decodes_secret_and_recovery_codes() {
    let (_server, client) = serving(load("totps_create.json")).await;

    let response = client.totps().create(ORG_ID, MEMBER_ID).await.unwrap();

    assert_eq!(response.secret, "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS");
    assert!(response.qr_code.starts_with("data:image/png;base64,"));
    assert_eq!(response.recovery_codes.len(), 3);
    assert_eq!(
        response.member.totp_registration_id,
        response.totp_registration_id
    );
}

#[tokio::test]
async fn recovery_code_use_reports_what_is_left() {
    let (_server, client) = serving(load("recovery_codes_recover.json")).await;

    let response = client
        .recovery_codes()
        .recover(ORG_ID, MEMBER_ID, "ckss-2skx-ebow")
        .await
        .unwrap();

    assert_eq!(response.recovery_codes_remaining, 7);
    assert_eq!(
        response.member_session.unwrap().member_session_id,
        "member-session-test-e7f1a7a2-6c47-4d7b-a8a0-2b0c8c1f5d11"
    );
}

#[tokio::test]
async fn authorize_start_decodes_client_and_scopes() {
    let (_server, client) = serving(load("idp_oauth_authorize_start.json")).await;

    let response = client
        .idp()
        .oauth()
        .authorize_start(
            "connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885",
            "https://example.com/callback",
            "code",
            vec!["openid".to_owned(), "read:reports".to_owned()],
        )
        .await
        .unwrap();

    assert!(response.consent_required);
    assert_eq!(response.client.client_name, "Example Analytics");
    assert_eq!(
        response.client.logo_url.as_deref(),
        Some("https://example.com/analytics.png")
    );
    assert_eq!(response.scope_results[1].scope, "read:reports");
    assert!(!response.scope_results[1].is_grantable);
}

#[tokio::test]
async fn org_policy_decodes_roles_and_permissions() {
    let (_server, client) = serving(load("rbac_organizations_get_org_policy.json")).await;

    let response = client
        .rbac()
        .organizations()
        .get_org_policy(ORG_ID)
        .await
        .unwrap();

    let role = &response.org_policy.roles[0];
    assert_eq!(role.role_id, "reviewer");
    assert_eq!(role.permissions[0].resource_id, "documents");
    assert_eq!(role.permissions[0].actions, ["read", "comment"]);
}

#[tokio::test]
async fn strength_check_decodes_both_feedbacks() {
    let (_server, client) = serving(load("passwords_strength_check.json")).await;

    let response = client
        .passwords()
        .strength_check("password1")
        .await
        .unwrap();

    assert!(!response.valid_password);
    assert!(response.breached_password);
    assert_eq!(response.strength_policy, "zxcvbn");
    assert_eq!(response.luds_feedback.unwrap().missing_complexity, 1);
    assert_eq!(response.zxcvbn_feedback.unwrap().suggestions.len(), 2);
}

#[tokio::test]
async fn impersonation_decodes_the_impersonated_session() {
    let (_server, client) = serving(load("impersonation_authenticate.json")).await;

    let response = client
        .impersonation()
        .authenticate("impersonation-token")
        .await
        .unwrap();

    assert_eq!(response.member_id, MEMBER_ID);
    assert_eq!(response.member.name, "Ada Lovelace");
    assert_eq!(response.member_session.unwrap().member_id, MEMBER_ID);
}

#[tokio::test]
async fn invite_decodes_the_invited_member() {
    let (_server, client) = serving(load("magic_links_email_invite.json")).await;

    let response = client
        .magic_links()
        .email()
        .invite(ORG_ID, "ada@example.com")
        .await
        .unwrap();

    assert_eq!(response.member.status, "invited");
    assert!(!response.member.email_address_verified);
    assert_eq!(response.organization.organization_name, "Example Org Inc.");
}

#[tokio::test]
async fn bare_confirmations_decode() {
    let (_server, client) = serving(sent()).await;

    let magic = client
        .magic_links()
        .email()
        .discovery()
        .send("ada@example.com")
        .await
        .unwrap();
    assert_eq!(magic.status_code, 200);
    let otp = client
        .otps()
        .email()
        .discovery()
        .send("ada@example.com")
        .await
        .unwrap();
    assert_eq!(
        otp.request_id,
        "request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141"
    );
    let reset = client
        .passwords()
        .discovery()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap();
    assert_eq!(reset.status_code, 200);
    let revoke = client
        .sessions()
        .revoke()
        .member_id(MEMBER_ID)
        .await
        .unwrap();
    assert_eq!(revoke.status_code, 200);
}

#[tokio::test]
async fn discovery_organization_create_decodes_the_new_organization() {
    let mut body = load("passwords_authenticate.json");
    body["organization"]["organization_name"] = json!("New Venture");
    let (_server, client) = serving(body).await;

    let response = client
        .discovery()
        .organizations()
        .create(IST)
        .await
        .unwrap();

    assert_eq!(response.organization.organization_name, "New Venture");
    assert_eq!(response.member_session.unwrap().member_id, MEMBER_ID);
}
