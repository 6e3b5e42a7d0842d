//! What the B2B authentication services put on the wire: method, path, query, member-session
//! headers and the exact JSON key set.

use serde_json::json;
use stytch::b2b::organizations::ConnectedAppsAllowedType;
use stytch::b2b::organizations::EmailImplicitRoleAssignment;
use stytch::b2b::rbac::organizations::OrgPolicy;
use stytch::b2b::sessions::AuthorizationCheck;
use stytch::models::{Locale, PasswordHashType, Pbkdf2Config, PolicyRole, PolicyRolePermission};
use stytch_tests::{assert_post, MockServer};

const ORG_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";
const IST: &str = "intermediate-session-token-test";

#[tokio::test]
async fn password_migrate_sends_the_hash_config_object() {
    let server = MockServer::confirming().await;
    let mut config = Pbkdf2Config::default();
    config.salt = "c2FsdA==".into();
    config.iteration_amount = 100_000;
    config.key_length = 32;
    config.algorithm = Some("sha256".into());

    server
        .b2b_client()
        .passwords()
        .migrate(
            "ada@example.com",
            "aGFzaA==",
            PasswordHashType::Pbkdf2,
            ORG_ID,
        )
        .pbkdf_2_config(config)
        .roles(vec!["editor".to_owned()])
        .preserve_existing_sessions(true)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/passwords/migrate",
        &[
            "email_address",
            "hash",
            "hash_type",
            "organization_id",
            "pbkdf_2_config",
            "preserve_existing_sessions",
            "roles",
        ],
    );
    let body = request.json();
    assert_eq!(body["hash_type"], "pbkdf_2");
    assert_eq!(
        body["pbkdf_2_config"],
        json!({"salt": "c2FsdA==", "iteration_amount": 100000, "key_length": 32, "algorithm": "sha256"})
    );
    assert_eq!(body["roles"], json!(["editor"]));
}

#[tokio::test]
async fn password_discovery_reset_start_sends_only_what_was_set() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .passwords()
        .discovery()
        .email()
        .reset_start("ada@example.com")
        .discovery_redirect_url("https://example.com/discover")
        .locale(Locale::PtBr)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/passwords/discovery/email/reset/start",
        &["discovery_redirect_url", "email_address", "locale"],
    );
    assert_eq!(request.json()["locale"], "pt-br");
}

#[tokio::test]
async fn password_discovery_authenticate_sends_credentials() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .passwords()
        .discovery()
        .authenticate("ada@example.com", "correct horse")
        .await
        .unwrap();

    assert_post(
        &server.single_request(),
        "/v1/b2b/passwords/discovery/authenticate",
        &["email_address", "password"],
    );
}

#[tokio::test]
async fn session_list_is_a_get_with_a_query() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .sessions()
        .get(ORG_ID, MEMBER_ID)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), "/v1/b2b/sessions");
    let mut query: Vec<&str> = request.query().unwrap().split('&').collect();
    query.sort();
    assert_eq!(
        query,
        [
            format!("member_id={MEMBER_ID}"),
            format!("organization_id={ORG_ID}")
        ]
    );
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn session_authenticate_nests_the_authorization_check() {
    let server = MockServer::confirming().await;
    let mut check = AuthorizationCheck::default();
    check.organization_id = ORG_ID.into();
    check.resource_id = "documents".into();
    check.action = "edit".into();

    server
        .b2b_client()
        .sessions()
        .authenticate()
        .session_token("session-token")
        .authorization_check(check)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/sessions/authenticate",
        &["authorization_check", "session_token"],
    );
    assert_eq!(
        request.json()["authorization_check"],
        json!({"organization_id": ORG_ID, "resource_id": "documents", "action": "edit"})
    );
}

#[tokio::test]
async fn session_revoke_sends_the_member_session_header_only_when_set() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .sessions()
        .revoke()
        .member_id(MEMBER_ID)
        .member_session_token("admin-session-token")
        .await
        .unwrap();
    client
        .sessions()
        .revoke()
        .member_session_id("member-session-test-1")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(&requests[0], "/v1/b2b/sessions/revoke", &["member_id"]);
    assert_eq!(
        requests[0].header("X-Stytch-Member-Session"),
        Some("admin-session-token")
    );
    assert_eq!(requests[0].header("X-Stytch-Member-SessionJWT"), None);
    assert_post(
        &requests[1],
        "/v1/b2b/sessions/revoke",
        &["member_session_id"],
    );
    assert_eq!(requests[1].header("X-Stytch-Member-Session"), None);
    assert_eq!(requests[1].header("X-Stytch-Member-SessionJWT"), None);
}

#[tokio::test]
async fn jwks_fill_the_project_id_path_segment() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .sessions()
        .get_jwks("project-test-11111111-2222-3333-4444-555555555555")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        "/v1/b2b/sessions/jwks/project-test-11111111-2222-3333-4444-555555555555"
    );
}

#[tokio::test]
async fn magic_link_invite_sends_the_member_session_jwt_header() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .magic_links()
        .email()
        .invite(ORG_ID, "grace@example.com")
        .roles(vec!["editor".to_owned(), "reviewer".to_owned()])
        .untrusted_metadata(json!({"referrer": "ada"}))
        .invite_expiration_minutes(60u32)
        .locale(Locale::Fr)
        .member_session_jwt("admin-session-jwt")
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/magic_links/email/invite",
        &[
            "email_address",
            "invite_expiration_minutes",
            "locale",
            "organization_id",
            "roles",
            "untrusted_metadata",
        ],
    );
    assert_eq!(
        request.header("X-Stytch-Member-SessionJWT"),
        Some("admin-session-jwt")
    );
    assert_eq!(request.header("X-Stytch-Member-Session"), None);
    let body = request.json();
    assert_eq!(body["roles"], json!(["editor", "reviewer"]));
    assert_eq!(body["untrusted_metadata"], json!({"referrer": "ada"}));
    assert_eq!(body["locale"], "fr");
}

#[tokio::test]
async fn magic_link_invite_without_a_member_session_sends_no_header() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .magic_links()
        .email()
        .invite(ORG_ID, "grace@example.com")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.header("X-Stytch-Member-Session"), None);
    assert_eq!(request.header("X-Stytch-Member-SessionJWT"), None);
    assert_eq!(request.body_keys(), ["email_address", "organization_id"]);
}

#[tokio::test]
async fn magic_link_flows_hit_their_paths() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .magic_links()
        .authenticate("magic-links-token")
        .intermediate_session_token(IST)
        .session_duration_minutes(60)
        .await
        .unwrap();
    client
        .magic_links()
        .email()
        .login_or_signup(ORG_ID, "ada@example.com")
        .login_redirect_url("https://example.com/login")
        .await
        .unwrap();
    client
        .magic_links()
        .email()
        .discovery()
        .send("ada@example.com")
        .pkce_code_challenge("challenge")
        .await
        .unwrap();
    client
        .magic_links()
        .discovery()
        .authenticate("discovery-token")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/b2b/magic_links/authenticate",
        &[
            "intermediate_session_token",
            "magic_links_token",
            "session_duration_minutes",
        ],
    );
    assert_post(
        &requests[1],
        "/v1/b2b/magic_links/email/login_or_signup",
        &["email_address", "login_redirect_url", "organization_id"],
    );
    assert_post(
        &requests[2],
        "/v1/b2b/magic_links/email/discovery/send",
        &["email_address", "pkce_code_challenge"],
    );
    assert_post(
        &requests[3],
        "/v1/b2b/magic_links/discovery/authenticate",
        &["discovery_magic_links_token"],
    );
}

#[tokio::test]
async fn otp_flows_hit_their_paths() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .otps()
        .sms()
        .send(ORG_ID, MEMBER_ID)
        .mfa_phone_number("+12025550162")
        .intermediate_session_token(IST)
        .await
        .unwrap();
    client
        .otps()
        .sms()
        .authenticate(ORG_ID, MEMBER_ID, "123456")
        .set_mfa_enrollment("enroll")
        .set_default_mfa(true)
        .await
        .unwrap();
    client
        .otps()
        .email()
        .login_or_signup(ORG_ID, "ada@example.com")
        .login_expiration_minutes(10u32)
        .await
        .unwrap();
    client
        .otps()
        .email()
        .discovery()
        .send("ada@example.com")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/b2b/otps/sms/send",
        &[
            "intermediate_session_token",
            "member_id",
            "mfa_phone_number",
            "organization_id",
        ],
    );
    assert_post(
        &requests[1],
        "/v1/b2b/otps/sms/authenticate",
        &[
            "code",
            "member_id",
            "organization_id",
            "set_default_mfa",
            "set_mfa_enrollment",
        ],
    );
    assert_eq!(requests[1].json()["set_default_mfa"], true);
    assert_post(
        &requests[2],
        "/v1/b2b/otps/email/login_or_signup",
        &[
            "email_address",
            "login_expiration_minutes",
            "organization_id",
        ],
    );
    assert_post(
        &requests[3],
        "/v1/b2b/otps/email/discovery/send",
        &["email_address"],
    );
}

#[tokio::test]
async fn oauth_flows_hit_their_paths() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .oauth()
        .authenticate("oauth-token")
        .pkce_code_verifier("verifier")
        .session_custom_claims(json!({"team": "research"}))
        .await
        .unwrap();
    client
        .oauth()
        .discovery()
        .authenticate("discovery-oauth-token")
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/b2b/oauth/authenticate",
        &["oauth_token", "pkce_code_verifier", "session_custom_claims"],
    );
    assert_eq!(
        requests[0].json()["session_custom_claims"],
        json!({"team": "research"})
    );
    assert_post(
        &requests[1],
        "/v1/b2b/oauth/discovery/authenticate",
        &["discovery_oauth_token"],
    );
}

#[tokio::test]
async fn discovery_create_sends_nested_arrays_and_enums() {
    let server = MockServer::confirming().await;
    let mut assignment = EmailImplicitRoleAssignment::default();
    assignment.domain = "example.com".into();
    assignment.role_id = "editor".into();

    server
        .b2b_client()
        .discovery()
        .organizations()
        .create(IST)
        .organization_name("New Venture")
        .email_allowed_domains(vec!["example.com".to_owned()])
        .rbac_email_implicit_role_assignments(vec![assignment])
        .first_party_connected_apps_allowed_type(ConnectedAppsAllowedType::NotAllowed)
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/discovery/organizations/create",
        &[
            "email_allowed_domains",
            "first_party_connected_apps_allowed_type",
            "intermediate_session_token",
            "organization_name",
            "rbac_email_implicit_role_assignments",
        ],
    );
    let body = request.json();
    assert_eq!(
        body["rbac_email_implicit_role_assignments"],
        json!([{"domain": "example.com", "role_id": "editor"}])
    );
    assert_eq!(
        body["first_party_connected_apps_allowed_type"],
        "NOT_ALLOWED"
    );
}

#[tokio::test]
async fn discovery_list_and_exchange_hit_their_paths() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .discovery()
        .organizations()
        .list()
        .session_jwt("session-jwt")
        .await
        .unwrap();
    client
        .discovery()
        .intermediate_sessions()
        .exchange(IST, ORG_ID)
        .locale(Locale::DeDe)
        .await
        .unwrap();

    let requests = server.requests();
    assert_post(
        &requests[0],
        "/v1/b2b/discovery/organizations",
        &["session_jwt"],
    );
    assert_post(
        &requests[1],
        "/v1/b2b/discovery/intermediate_sessions/exchange",
        &["intermediate_session_token", "locale", "organization_id"],
    );
    assert_eq!(requests[1].json()["locale"], "de-DE");
}

#[tokio::test]
async fn set_org_policy_is_a_put_with_nested_roles() {
    let server = MockServer::confirming().await;
    let mut permission = PolicyRolePermission::default();
    permission.resource_id = "documents".into();
    permission.actions = vec!["read".into(), "comment".into()];
    let mut role = PolicyRole::default();
    role.role_id = "reviewer".into();
    role.description = "Reads and comments".into();
    role.permissions = vec![permission];
    let mut policy = OrgPolicy::default();
    policy.roles = vec![role];

    server
        .b2b_client()
        .rbac()
        .organizations()
        .set_org_policy(ORG_ID, policy)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        format!("/v1/b2b/rbac/organizations/{ORG_ID}")
    );
    assert_eq!(request.body_keys(), ["org_policy"]);
    assert_eq!(
        request.json()["org_policy"],
        json!({"roles": [{
            "role_id": "reviewer",
            "description": "Reads and comments",
            "permissions": [{"resource_id": "documents", "actions": ["read", "comment"]}]
        }]})
    );
}

#[tokio::test]
async fn get_org_policy_is_a_get_on_the_organization() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .rbac()
        .organizations()
        .get_org_policy(ORG_ID)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.target,
        format!("/v1/b2b/rbac/organizations/{ORG_ID}")
    );
}

#[tokio::test]
async fn recovery_codes_fill_two_path_segments() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .recovery_codes()
        .get(ORG_ID, MEMBER_ID)
        .await
        .unwrap();
    client
        .recovery_codes()
        .rotate(ORG_ID, MEMBER_ID)
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].target,
        format!("/v1/b2b/recovery_codes/{ORG_ID}/{MEMBER_ID}")
    );
    assert_post(
        &requests[1],
        "/v1/b2b/recovery_codes/rotate",
        &["member_id", "organization_id"],
    );
}

#[tokio::test]
async fn totp_migrate_sends_the_recovery_code_array() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .totps()
        .migrate(
            ORG_ID,
            MEMBER_ID,
            "BTGNX5RKJRMQWQFRQKTG34JCF6XDRHZS",
            vec!["ckss-2skx-ebow".to_owned(), "spbc-424h-usy0".to_owned()],
        )
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/totp/migrate",
        &["member_id", "organization_id", "recovery_codes", "secret"],
    );
    assert_eq!(
        request.json()["recovery_codes"],
        json!(["ckss-2skx-ebow", "spbc-424h-usy0"])
    );
}

#[tokio::test]
async fn idp_authorize_sends_consent_and_scopes() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .idp()
        .oauth()
        .authorize(
            false,
            vec!["openid".to_owned()],
            "connected-app-test-1",
            "https://example.com/callback",
            "code",
        )
        .session_token("session-token")
        .state("state-123")
        .await
        .unwrap();

    let request = server.single_request();
    assert_post(
        &request,
        "/v1/b2b/idp/oauth/authorize",
        &[
            "client_id",
            "consent_granted",
            "redirect_uri",
            "response_type",
            "scopes",
            "session_token",
            "state",
        ],
    );
    let body = request.json();
    assert_eq!(body["consent_granted"], false);
    assert_eq!(body["scopes"], json!(["openid"]));
}

#[tokio::test]
async fn impersonation_sends_the_token() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .impersonation()
        .authenticate("impersonation-token")
        .await
        .unwrap();

    assert_post(
        &server.single_request(),
        "/v1/b2b/impersonation/authenticate",
        &["impersonation_token"],
    );
}
