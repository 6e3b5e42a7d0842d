//! What the consumer endpoints put on the wire: method, path with its parameters, query, and the
//! exact JSON key set, for at least one endpoint of every consumer service (and the shared
//! services reached from the B2B client).

use serde_json::json;
use stytch::consumer::fraud::RuleAction;
use stytch::consumer::m2m::M2mClientStatus;
use stytch::consumer::users::Name;
use stytch::models::{
    Locale, PasswordHashType, SaltConfig, SearchFilter, SearchOperator, SearchQuery,
};
use stytch_tests::{assert_post, MockServer, Recorded};

fn assert_bodyless(request: &Recorded, method: &str, target: &str) {
    assert_eq!(request.method, method);
    assert_eq!(request.target, target);
    assert!(request.body.is_empty(), "{method} {target} sent a body");
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("utf-8 path")
}

#[tokio::test]
async fn users_update_is_a_put_with_the_id_in_the_path_and_a_nested_name() {
    let server = MockServer::confirming().await;
    let mut name = Name::default();
    name.first_name = Some("Ada".into());
    name.last_name = Some("Lovelace".into());

    server
        .consumer_client()
        .users()
        .update("user-test-5ad7b7e2-1f3c-4b0e-9f5a-3c1d2e4f6a7b")
        .name(name)
        .roles(vec!["editor".to_owned(), "viewer".to_owned()])
        .trusted_metadata(json!({"plan": "pro"}))
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/v1/users/user-test-5ad7b7e2-1f3c-4b0e-9f5a-3c1d2e4f6a7b"
    );
    assert_eq!(request.body_keys(), ["name", "roles", "trusted_metadata"]);
    let body = request.json();
    assert_eq!(
        body["name"],
        json!({"first_name": "Ada", "last_name": "Lovelace"})
    );
    assert_eq!(body["roles"], json!(["editor", "viewer"]));
}

#[tokio::test]
async fn users_search_sends_the_query_operator_and_operands() {
    let server = MockServer::confirming().await;
    let mut query = SearchQuery::default();
    query.operator = SearchOperator::And;
    query.operands = vec![SearchFilter::new("status", "active")];

    server
        .consumer_client()
        .users()
        .search()
        .limit(50u32)
        .query(query)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(&request, "/v1/users/search", &["limit", "query"]);
    assert_eq!(
        request.json()["query"],
        json!({"operator": "AND", "operands": [{"filter_name": "status", "filter_value": "active"}]})
    );
}

#[tokio::test]
async fn users_deletes_put_the_id_in_the_path() {
    let server = MockServer::confirming().await;
    let users = server.consumer_client();

    users
        .users()
        .delete_oauth_registration("oauth-user-test-1b2c3d")
        .await
        .unwrap();
    users
        .users()
        .delete_totp("totp-test-41920359-8bbb-4fe8-8fa3-aaa0cd7b8aca")
        .await
        .unwrap();
    users
        .users()
        .revoke("user-test-1", "connected-app-test-2")
        .await
        .unwrap();

    let requests = server.requests();
    assert_bodyless(
        &requests[0],
        "DELETE",
        "/v1/users/oauth/oauth-user-test-1b2c3d",
    );
    assert_bodyless(
        &requests[1],
        "DELETE",
        "/v1/users/totps/totp-test-41920359-8bbb-4fe8-8fa3-aaa0cd7b8aca",
    );
    assert_eq!(requests[2].method, "POST");
    assert_eq!(
        requests[2].path(),
        "/v1/users/user-test-1/connected_apps/connected-app-test-2/revoke"
    );
}

#[tokio::test]
async fn sessions_get_puts_the_user_in_the_query() {
    let server = MockServer::confirming().await;

    server
        .consumer_client()
        .sessions()
        .get("user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), "/v1/sessions");
    assert_eq!(
        request.query(),
        Some("user_id=user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6")
    );
}

#[tokio::test]
async fn sessions_authenticate_sends_a_nested_authorization_check() {
    let server = MockServer::confirming().await;
    let mut check = stytch::consumer::sessions::AuthorizationCheck::default();
    check.resource_id = "documents".into();
    check.action = "read".into();

    server
        .consumer_client()
        .sessions()
        .authenticate()
        .session_token("mZAYn5aLEqKUlZ_Ad9U_fWr38GaAQ1oFAhT8ds245v7Q")
        .session_duration_minutes(60)
        .authorization_check(check)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/sessions/authenticate",
        &[
            "authorization_check",
            "session_duration_minutes",
            "session_token",
        ],
    );
    assert_eq!(
        request.json()["authorization_check"],
        json!({"resource_id": "documents", "action": "read"})
    );
}

#[tokio::test]
async fn sessions_jwks_takes_the_project_from_the_path() {
    let server = MockServer::confirming().await;

    server
        .consumer_client()
        .sessions()
        .get_jwks("project-test-00000000-0000-0000-0000-000000000000")
        .await
        .unwrap();

    assert_bodyless(
        &server.single_request(),
        "GET",
        "/v1/sessions/jwks/project-test-00000000-0000-0000-0000-000000000000",
    );
}

#[tokio::test]
async fn passwords_migrate_sends_the_hash_type_and_its_config() {
    let server = MockServer::confirming().await;
    let mut salt = SaltConfig::default();
    salt.prepend_salt = "pre".into();
    salt.append_salt = "post".into();

    server
        .consumer_client()
        .passwords()
        .migrate(
            "ada@example.com",
            "5f4dcc3b5aa765d61d8327deb882cf99",
            PasswordHashType::Md5,
        )
        .md_5_config(salt)
        .set_email_verified(true)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/passwords/migrate",
        &[
            "email",
            "hash",
            "hash_type",
            "md_5_config",
            "set_email_verified",
        ],
    );
    let body = request.json();
    assert_eq!(body["hash_type"], "md_5");
    assert_eq!(
        body["md_5_config"],
        json!({"prepend_salt": "pre", "append_salt": "post"})
    );
}

#[tokio::test]
async fn passwords_strength_check_and_authenticate() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .passwords()
        .strength_check("correct horse battery staple")
        .email("ada@example.com")
        .await
        .unwrap();
    client
        .passwords()
        .authenticate("ada@example.com", "correct horse battery staple")
        .session_duration_minutes(30)
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/passwords/strength_check",
        &["email", "password"],
    );
    assert_post(
        &requests[1],
        "/v1/passwords/authenticate",
        &["email", "password", "session_duration_minutes"],
    );
}

#[tokio::test]
async fn magic_links_create_and_email_login_or_create() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .magic_links()
        .create("user-test-1")
        .expiration_minutes(10)
        .await
        .unwrap();
    client
        .magic_links()
        .email()
        .login_or_create("ada@example.com")
        .login_magic_link_url("https://example.com/authenticate")
        .locale(Locale::PtBr)
        .create_user_as_pending(true)
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/magic_links",
        &["expiration_minutes", "user_id"],
    );
    assert_post(
        &requests[1],
        "/v1/magic_links/email/login_or_create",
        &[
            "create_user_as_pending",
            "email",
            "locale",
            "login_magic_link_url",
        ],
    );
    assert_eq!(requests[1].json()["locale"], "pt-br");
}

#[tokio::test]
async fn otps_send_over_each_channel_and_authenticate() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .otps()
        .sms()
        .send("+12025550162")
        .locale(Locale::ZhHans)
        .await
        .unwrap();
    client
        .otps()
        .whatsapp()
        .login_or_create("+12025550162")
        .expiration_minutes(5)
        .await
        .unwrap();
    client
        .otps()
        .email()
        .send("ada@example.com")
        .user_id("user-test-1")
        .await
        .unwrap();
    client
        .otps()
        .authenticate(
            "phone-number-test-d5a3b680-e8a3-40c0-b815-ab79986666d0",
            "123456",
        )
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/otps/sms/send",
        &["locale", "phone_number"],
    );
    assert_eq!(requests[0].json()["locale"], "zh-Hans");
    assert_post(
        &requests[1],
        "/v1/otps/whatsapp/login_or_create",
        &["expiration_minutes", "phone_number"],
    );
    assert_post(&requests[2], "/v1/otps/email/send", &["email", "user_id"]);
    assert_post(
        &requests[3],
        "/v1/otps/authenticate",
        &["code", "method_id"],
    );
}

#[tokio::test]
async fn oauth_totps_crypto_wallets_and_impersonation() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();
    let mut siwe = stytch::consumer::crypto_wallets::SiweParams::default();
    siwe.domain = "example.com".into();
    siwe.uri = "https://example.com/login".into();
    siwe.resources = vec!["https://example.com/terms".into()];

    client
        .oauth()
        .attach("google")
        .user_id("user-test-1")
        .await
        .unwrap();
    client
        .totps()
        .create("user-test-1")
        .expiration_minutes(15)
        .await
        .unwrap();
    client
        .crypto_wallets()
        .authenticate_start("ethereum", "0x6df2dB4Fb3DA35d241901Bd53367770BF03123f1")
        .siwe_params(siwe)
        .await
        .unwrap();
    client
        .impersonation()
        .authenticate("impersonation-token-test-1")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(&requests[0], "/v1/oauth/attach", &["provider", "user_id"]);
    assert_post(
        &requests[1],
        "/v1/totps",
        &["expiration_minutes", "user_id"],
    );
    assert_post(
        &requests[2],
        "/v1/crypto_wallets/authenticate/start",
        &["crypto_wallet_address", "crypto_wallet_type", "siwe_params"],
    );
    assert_eq!(
        requests[2].json()["siwe_params"],
        json!({"domain": "example.com", "uri": "https://example.com/login", "resources": ["https://example.com/terms"]})
    );
    assert_post(
        &requests[3],
        "/v1/impersonation/authenticate",
        &["impersonation_token"],
    );
}

#[tokio::test]
async fn webauthn_update_and_list_credentials_fill_their_path_parameters() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .webauthn()
        .update("webauthn-registration-test-5c44cc6a", "Work laptop")
        .await
        .unwrap();
    client
        .webauthn()
        .list_credentials("user-test-1", "example.com")
        .await
        .unwrap();
    client
        .webauthn()
        .register_start("user-test-1", "example.com")
        .return_passkey_credential_options(true)
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(
        requests[0].target,
        "/v1/webauthn/webauthn-registration-test-5c44cc6a"
    );
    assert_eq!(requests[0].body_keys(), ["name"]);
    // The runtime percent-encodes `.` in path segments; a server decodes it back.
    assert_eq!(requests[1].method, "GET");
    assert_eq!(
        percent_decode(&requests[1].target),
        "/v1/webauthn/credentials/user-test-1/example.com"
    );
    assert_post(
        &requests[2],
        "/v1/webauthn/register/start",
        &["domain", "return_passkey_credential_options", "user_id"],
    );
}

#[tokio::test]
async fn idp_authorize_sends_consent_and_scope_arrays() {
    let server = MockServer::confirming().await;

    server
        .consumer_client()
        .idp()
        .oauth()
        .authorize(
            true,
            vec!["openid".to_owned(), "email".to_owned()],
            "connected-app-test-d731954d",
            "https://app.example.com/callback",
            "code",
        )
        .user_id("user-test-1")
        .state("xyz")
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/idp/oauth/authorize",
        &[
            "client_id",
            "consent_granted",
            "redirect_uri",
            "response_type",
            "scopes",
            "state",
            "user_id",
        ],
    );
    let body = request.json();
    assert_eq!(body["consent_granted"], true);
    assert_eq!(body["scopes"], json!(["openid", "email"]));
}

#[tokio::test]
async fn m2m_clients_update_and_secret_rotation() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .m2m()
        .clients()
        .update("m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7")
        .status(M2mClientStatus::Inactive)
        .scopes(vec!["read:users".to_owned()])
        .await
        .unwrap();
    client
        .m2m()
        .clients()
        .secrets()
        .rotate_start("m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7")
        .await
        .unwrap();
    client
        .m2m()
        .clients()
        .delete("m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(
        requests[0].target,
        "/v1/m2m/clients/m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7"
    );
    assert_eq!(requests[0].body_keys(), ["scopes", "status"]);
    assert_eq!(requests[0].json()["status"], "inactive");
    assert_eq!(requests[1].method, "POST");
    assert_eq!(
        requests[1].path(),
        "/v1/m2m/clients/m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7/secrets/rotate/start"
    );
    assert_bodyless(
        &requests[2],
        "DELETE",
        "/v1/m2m/clients/m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad545ec7",
    );
}

#[tokio::test]
async fn connected_app_clients_create_and_rotate() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client
        .connected_app()
        .clients()
        .create(stytch::consumer::connected_app::ClientType::ThirdPartyPublic)
        .client_name("Example CLI")
        .redirect_urls(vec!["http://localhost:8080/callback".to_owned()])
        .access_token_expiry_minutes(60)
        .await
        .unwrap();
    client
        .connected_app()
        .clients()
        .secrets()
        .rotate("connected-app-test-d731954d")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/connected_apps/clients",
        &[
            "access_token_expiry_minutes",
            "client_name",
            "client_type",
            "redirect_urls",
        ],
    );
    assert_eq!(requests[0].json()["client_type"], "third_party_public");
    assert_eq!(
        requests[1].path(),
        "/v1/connected_apps/clients/connected-app-test-d731954d/secrets/rotate"
    );
}

#[tokio::test]
async fn fraud_endpoints_use_their_paths_and_upper_case_actions() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();
    let mut metadata = stytch::consumer::fraud::Metadata::default();
    metadata.external_id = Some("customer-1234".into());

    client
        .fraud()
        .fingerprint()
        .lookup("026ac93b-8cdf-4fcb-bfa6-36a31cfecac1")
        .external_metadata(metadata)
        .await
        .unwrap();
    client
        .fraud()
        .rules()
        .set(RuleAction::Block)
        .cidr_block("203.0.113.0/24")
        .expires_in_minutes(120)
        .await
        .unwrap();
    client
        .fraud()
        .verdict_reasons()
        .r#override("VIRTUAL_MACHINE", RuleAction::Challenge)
        .await
        .unwrap();
    client
        .fraud()
        .email()
        .risk("ada@example.com")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/fingerprint/lookup",
        &["external_metadata", "telemetry_id"],
    );
    assert_eq!(
        requests[0].json()["external_metadata"],
        json!({"external_id": "customer-1234"})
    );
    assert_post(
        &requests[1],
        "/v1/rules/set",
        &["action", "cidr_block", "expires_in_minutes"],
    );
    assert_eq!(requests[1].json()["action"], "BLOCK");
    assert_post(
        &requests[2],
        "/v1/verdict_reasons/override",
        &["override_action", "verdict_reason"],
    );
    assert_eq!(requests[2].json()["override_action"], "CHALLENGE");
    assert_post(&requests[3], "/v1/email/risk", &["email_address"]);
}

#[tokio::test]
async fn project_debug_and_rbac_are_plain_gets() {
    let server = MockServer::confirming().await;
    let client = server.consumer_client();

    client.project().metrics().await.unwrap();
    client.debug().whoami().await.unwrap();
    client.rbac().policy().await.unwrap();

    let requests = server.requests();
    assert_bodyless(&requests[0], "GET", "/v1/projects/metrics");
    assert_bodyless(&requests[1], "GET", "/v1/debug/whoami");
    assert_bodyless(&requests[2], "GET", "/v1/rbac/policy");
}

#[tokio::test]
async fn the_b2b_client_reaches_the_shared_services() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .m2m()
        .clients()
        .get("m2m-client-test-1")
        .await
        .unwrap();
    client
        .connected_app()
        .clients()
        .search()
        .limit(10u32)
        .await
        .unwrap();
    client.fraud().rules().list().limit(5).await.unwrap();
    client.project().metrics().await.unwrap();
    client.debug().whoami().await.unwrap();

    let requests = server.requests();
    assert_bodyless(&requests[0], "GET", "/v1/m2m/clients/m2m-client-test-1");
    assert_post(
        &requests[1],
        "/v1/connected_apps/clients/search",
        &["limit"],
    );
    assert_post(&requests[2], "/v1/rules/list", &["limit"]);
    assert_bodyless(&requests[3], "GET", "/v1/projects/metrics");
    assert_bodyless(&requests[4], "GET", "/v1/debug/whoami");
}
