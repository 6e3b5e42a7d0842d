//! What the organizations, members, SSO and SCIM endpoints put on the wire: method, path with
//! its parameters, query, the member-session headers and the exact JSON key set.

use serde_json::json;
use stytch::b2b::organizations::members::EmailUpdateDeliveryMethod;
use stytch::b2b::organizations::{ConnectedAppsAllowedType, EmailImplicitRoleAssignment};
use stytch::b2b::scim::{
    IdentityProvider as ScimIdentityProvider, ScimGroupImplicitRoleAssignment,
};
use stytch::b2b::sso::{
    ConnectionImplicitRoleAssignment, GroupImplicitRoleAssignment, IdentityProvider,
};
use stytch::models::{Locale, SearchFilter, SearchOperator, SearchQuery};
use stytch_tests::MockServer;

const SESSION: &str = "X-Stytch-Member-Session";
const SESSION_JWT: &str = "X-Stytch-Member-SessionJWT";

fn role_assignment(domain: &str, role_id: &str) -> EmailImplicitRoleAssignment {
    let mut assignment = EmailImplicitRoleAssignment::default();
    assignment.domain = domain.into();
    assignment.role_id = role_id.into();
    assignment
}

#[tokio::test]
async fn organization_update_is_a_put_with_nested_objects_and_the_session_header() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .update("organization-test-07971b06")
        .organization_name("Example Co")
        .email_allowed_domains(vec!["example.com".to_owned()])
        .rbac_email_implicit_role_assignments(vec![
            role_assignment("example.com", "editor"),
            role_assignment("example.org", "viewer"),
        ])
        .first_party_connected_apps_allowed_type(ConnectedAppsAllowedType::Restricted)
        .allowed_oauth_tenants(json!({"slack": ["T0123"]}))
        .member_session_token("session-token-test-1")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06"
    );
    assert_eq!(
        request.body_keys(),
        [
            "allowed_oauth_tenants",
            "email_allowed_domains",
            "first_party_connected_apps_allowed_type",
            "organization_name",
            "rbac_email_implicit_role_assignments",
        ]
    );
    let body = request.json();
    assert_eq!(
        body["rbac_email_implicit_role_assignments"],
        json!([
            {"domain": "example.com", "role_id": "editor"},
            {"domain": "example.org", "role_id": "viewer"},
        ])
    );
    assert_eq!(
        body["first_party_connected_apps_allowed_type"],
        "RESTRICTED"
    );
    assert_eq!(request.header(SESSION), Some("session-token-test-1"));
    assert_eq!(request.header(SESSION_JWT), None);
}

#[tokio::test]
async fn organization_delete_sends_no_session_header_unless_set() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .delete("organization-test-07971b06")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "DELETE");
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06"
    );
    assert_eq!(request.header(SESSION), None);
    assert_eq!(request.header(SESSION_JWT), None);
}

#[tokio::test]
async fn organization_search_sends_a_typed_query() {
    let server = MockServer::confirming().await;
    let query = SearchQuery::and([
        SearchFilter::new("organization_slugs", ["example-co"]),
        SearchFilter::new("member_emails", ["ada@example.com"]),
    ]);

    server
        .b2b_client()
        .organizations()
        .search()
        .limit(50_u32)
        .query(query)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/b2b/organizations/search");
    assert_eq!(request.body_keys(), ["limit", "query"]);
    assert_eq!(
        request.json()["query"],
        json!({
            "operator": "AND",
            "operands": [
                {"filter_name": "organization_slugs", "filter_value": ["example-co"]},
                {"filter_name": "member_emails", "filter_value": ["ada@example.com"]},
            ]
        })
    );
}

#[tokio::test]
async fn organization_metrics_and_connected_app_use_their_path_parameters() {
    let server = MockServer::confirming().await;
    let organizations = server.b2b_client();
    let organizations = organizations.organizations();

    organizations
        .metrics("organization-test-07971b06")
        .await
        .unwrap();
    organizations
        .get_connected_app("organization-test-07971b06", "connected-app-test-d731a7e4")
        .member_session_jwt("eyJhbGciOiJSUzI1NiJ9.e30.sig")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].target,
        "/v1/b2b/organizations/organization-test-07971b06/metrics"
    );
    assert_eq!(requests[1].method, "GET");
    assert_eq!(
        requests[1].target,
        "/v1/b2b/organizations/organization-test-07971b06/connected_apps/connected-app-test-d731a7e4"
    );
    assert_eq!(
        requests[1].header(SESSION_JWT),
        Some("eyJhbGciOiJSUzI1NiJ9.e30.sig")
    );
    assert_eq!(requests[1].header(SESSION), None);
}

#[tokio::test]
async fn member_create_sends_required_and_set_fields_only() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .members()
        .create("organization-test-07971b06", "ada@example.com")
        .name("Ada Lovelace")
        .roles(vec!["editor".to_owned(), "billing".to_owned()])
        .trusted_metadata(json!({"plan": {"tier": "enterprise", "seats": 40}}))
        .create_member_as_pending(false)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06/members"
    );
    assert_eq!(
        request.body_keys(),
        [
            "create_member_as_pending",
            "email_address",
            "name",
            "roles",
            "trusted_metadata"
        ]
    );
    let body = request.json();
    assert_eq!(body["roles"], json!(["editor", "billing"]));
    assert_eq!(body["trusted_metadata"]["plan"]["seats"], 40);
    assert_eq!(body["create_member_as_pending"], false);
}

#[tokio::test]
async fn member_update_is_a_put_to_the_member_path() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .members()
        .update("organization-test-07971b06", "member-test-32fc5024")
        .mfa_enrolled(true)
        .default_mfa_method("totp")
        .member_session_token("session-token-test-1")
        .member_session_jwt("eyJhbGciOiJSUzI1NiJ9.e30.sig")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024"
    );
    assert_eq!(request.body_keys(), ["default_mfa_method", "mfa_enrolled"]);
    assert_eq!(request.header(SESSION), Some("session-token-test-1"));
    assert_eq!(
        request.header(SESSION_JWT),
        Some("eyJhbGciOiJSUzI1NiJ9.e30.sig")
    );
}

#[tokio::test]
async fn member_dangerously_get_puts_its_flag_in_the_query() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .members()
        .dangerously_get("member-test-32fc5024")
        .include_deleted(true)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path(),
        "/v1/b2b/organizations/members/dangerously_get/member-test-32fc5024"
    );
    assert_eq!(request.query(), Some("include_deleted=true"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn member_search_sends_organization_ids_and_query() {
    let server = MockServer::confirming().await;
    let mut query = SearchQuery::default();
    query.operator = SearchOperator::Or;
    query.operands = vec![SearchFilter::new("statuses", vec!["active"])];

    server
        .b2b_client()
        .organizations()
        .members()
        .search(vec!["organization-test-07971b06".to_owned()])
        .cursor("cursor-test-1")
        .query(query)
        .member_session_jwt("eyJhbGciOiJSUzI1NiJ9.e30.sig")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/b2b/organizations/members/search");
    assert_eq!(request.body_keys(), ["cursor", "organization_ids", "query"]);
    let body = request.json();
    assert_eq!(
        body["organization_ids"],
        json!(["organization-test-07971b06"])
    );
    assert_eq!(body["query"]["operator"], "OR");
    assert_eq!(
        request.header(SESSION_JWT),
        Some("eyJhbGciOiJSUzI1NiJ9.e30.sig")
    );
}

#[tokio::test]
async fn member_start_email_update_sends_enum_wire_values() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .members()
        .start_email_update(
            "organization-test-07971b06",
            "member-test-32fc5024",
            "ada.new@example.com",
        )
        .locale(Locale::PtBr)
        .delivery_method(EmailUpdateDeliveryMethod::EmailOtp)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024/start_email_update"
    );
    assert_eq!(
        request.body_keys(),
        ["delivery_method", "email_address", "locale"]
    );
    let body = request.json();
    assert_eq!(body["delivery_method"], "EMAIL_OTP");
    assert_eq!(body["locale"], "pt-br");
}

#[tokio::test]
async fn member_deletes_of_factors_use_their_own_paths() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();
    let members = client.organizations().members();

    members
        .delete_mfa_phone_number("organization-test-07971b06", "member-test-32fc5024")
        .await
        .unwrap();
    members
        .delete_totp("organization-test-07971b06", "member-test-32fc5024")
        .await
        .unwrap();
    members
        .delete_password("organization-test-07971b06", "member-password-test-5b1c")
        .await
        .unwrap();

    let targets: Vec<(String, String)> = server
        .requests()
        .into_iter()
        .map(|r| (r.method, r.target))
        .collect();
    assert_eq!(
        targets,
        [
            (
                "DELETE".to_owned(),
                "/v1/b2b/organizations/organization-test-07971b06/members/mfa_phone_numbers/member-test-32fc5024".to_owned()
            ),
            (
                "DELETE".to_owned(),
                "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024/totp".to_owned()
            ),
            (
                "DELETE".to_owned(),
                "/v1/b2b/organizations/organization-test-07971b06/members/passwords/member-password-test-5b1c".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn oauth_provider_endpoints_are_gets_with_an_optional_refresh_flag() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();
    let providers = client.organizations().members().oauth_providers();

    providers
        .google("organization-test-07971b06", "member-test-32fc5024")
        .include_refresh_token(true)
        .await
        .unwrap();
    providers
        .slack("organization-test-07971b06", "member-test-32fc5024")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(
        requests[0].path(),
        "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024/oauth_providers/google"
    );
    assert_eq!(requests[0].query(), Some("include_refresh_token=true"));
    assert_eq!(requests[1].method, "GET");
    assert_eq!(
        requests[1].target,
        "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024/oauth_providers/slack"
    );
}

#[tokio::test]
async fn connected_app_revoke_fills_three_path_parameters() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .organizations()
        .members()
        .connected_apps()
        .revoke(
            "organization-test-07971b06",
            "member-test-32fc5024",
            "connected-app-test-d731a7e4",
        )
        .member_session_token("session-token-test-1")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/b2b/organizations/organization-test-07971b06/members/member-test-32fc5024/connected_apps/connected-app-test-d731a7e4/revoke"
    );
    assert!(
        request.body.is_empty() || request.body_keys().is_empty(),
        "path parameters are not repeated in the body"
    );
    assert_eq!(request.header(SESSION), Some("session-token-test-1"));
}

#[tokio::test]
async fn sso_authenticate_sends_the_token_and_session_options() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .sso()
        .authenticate("sso-token-test-0c6b")
        .pkce_code_verifier("verifier-test-1")
        .session_duration_minutes(60)
        .locale(Locale::Fr)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/b2b/sso/authenticate");
    assert_eq!(
        request.body_keys(),
        [
            "locale",
            "pkce_code_verifier",
            "session_duration_minutes",
            "sso_token"
        ]
    );
    assert_eq!(request.json()["session_duration_minutes"], 60);
}

#[tokio::test]
async fn sso_get_and_delete_connection_carry_the_session_header() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .sso()
        .get_connections("organization-test-07971b06")
        .member_session_token("session-token-test-1")
        .await
        .unwrap();
    client
        .sso()
        .delete_connection("organization-test-07971b06", "saml-connection-test-b1e2")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "GET");
    assert_eq!(requests[0].target, "/v1/b2b/sso/organization-test-07971b06");
    assert_eq!(requests[0].header(SESSION), Some("session-token-test-1"));
    assert_eq!(requests[1].method, "DELETE");
    assert_eq!(
        requests[1].target,
        "/v1/b2b/sso/organization-test-07971b06/connections/saml-connection-test-b1e2"
    );
    assert_eq!(requests[1].header(SESSION), None);
}

#[tokio::test]
async fn saml_update_connection_sends_role_mappings_as_arrays_of_objects() {
    let server = MockServer::confirming().await;
    let mut everyone = ConnectionImplicitRoleAssignment::default();
    everyone.role_id = "viewer".into();
    let mut admins = GroupImplicitRoleAssignment::default();
    admins.role_id = "admin".into();
    admins.group = "Engineering Admins".into();

    server
        .b2b_client()
        .sso()
        .saml()
        .update_connection("organization-test-07971b06", "saml-connection-test-b1e2")
        .idp_entity_id("https://idp.example.com/entity")
        .idp_sso_url("https://idp.example.com/sso")
        .attribute_mapping(json!({"email": "NameID", "full_name": "name"}))
        .saml_connection_implicit_role_assignments(vec![everyone])
        .saml_group_implicit_role_assignments(vec![admins])
        .identity_provider(IdentityProvider::MicrosoftEntra)
        .idp_initiated_auth_disabled(true)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/v1/b2b/sso/saml/organization-test-07971b06/connections/saml-connection-test-b1e2"
    );
    assert_eq!(
        request.body_keys(),
        [
            "attribute_mapping",
            "identity_provider",
            "idp_entity_id",
            "idp_initiated_auth_disabled",
            "idp_sso_url",
            "saml_connection_implicit_role_assignments",
            "saml_group_implicit_role_assignments",
        ]
    );
    let body = request.json();
    assert_eq!(body["identity_provider"], "microsoft-entra");
    assert_eq!(
        body["saml_connection_implicit_role_assignments"],
        json!([{"role_id": "viewer"}])
    );
    assert_eq!(
        body["saml_group_implicit_role_assignments"],
        json!([{"role_id": "admin", "group": "Engineering Admins"}])
    );
}

#[tokio::test]
async fn saml_deletes_of_certificates_and_keys_fill_three_path_parameters() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();
    let saml = client.sso().saml();

    saml.delete_verification_certificate(
        "organization-test-07971b06",
        "saml-connection-test-b1e2",
        "certificate-test-77aa",
    )
    .await
    .unwrap();
    saml.delete_encryption_private_key(
        "organization-test-07971b06",
        "saml-connection-test-b1e2",
        "private-key-test-3c9d",
    )
    .await
    .unwrap();
    saml.update_by_url(
        "organization-test-07971b06",
        "saml-connection-test-b1e2",
        "https://idp.example.com/metadata.xml",
    )
    .await
    .unwrap();

    let requests = server.requests();
    assert_eq!(
        requests[0].target,
        "/v1/b2b/sso/saml/organization-test-07971b06/connections/saml-connection-test-b1e2/verification_certificates/certificate-test-77aa"
    );
    assert_eq!(
        requests[1].target,
        "/v1/b2b/sso/saml/organization-test-07971b06/connections/saml-connection-test-b1e2/encryption_private_keys/private-key-test-3c9d"
    );
    assert_eq!(requests[2].method, "PUT");
    assert_eq!(
        requests[2].target,
        "/v1/b2b/sso/saml/organization-test-07971b06/connections/saml-connection-test-b1e2/url"
    );
    assert_eq!(requests[2].body_keys(), ["metadata_url"]);
}

#[tokio::test]
async fn oidc_create_and_update_connection() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();

    client
        .sso()
        .oidc()
        .create_connection("organization-test-07971b06")
        .display_name("Okta OIDC")
        .identity_provider(IdentityProvider::Okta)
        .await
        .unwrap();
    client
        .sso()
        .oidc()
        .update_connection("organization-test-07971b06", "oidc-connection-test-4f1a")
        .client_id("client-id-test")
        .client_secret("client-secret-test")
        .issuer("https://example.okta.com")
        .custom_scopes("groups offline_access")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        requests[0].target,
        "/v1/b2b/sso/oidc/organization-test-07971b06"
    );
    assert_eq!(
        requests[0].body_keys(),
        ["display_name", "identity_provider"]
    );
    assert_eq!(requests[0].json()["identity_provider"], "okta");
    assert_eq!(requests[1].method, "PUT");
    assert_eq!(
        requests[1].target,
        "/v1/b2b/sso/oidc/organization-test-07971b06/connections/oidc-connection-test-4f1a"
    );
    assert_eq!(
        requests[1].body_keys(),
        ["client_id", "client_secret", "custom_scopes", "issuer"]
    );
}

#[tokio::test]
async fn external_create_connection_sends_required_ids_and_role_mappings() {
    let server = MockServer::confirming().await;
    let mut group = GroupImplicitRoleAssignment::default();
    group.role_id = "editor".into();
    group.group = "editors".into();

    server
        .b2b_client()
        .sso()
        .external()
        .create_connection(
            "organization-test-07971b06",
            "organization-test-a1b2c3d4",
            "saml-connection-test-b1e2",
        )
        .group_implicit_role_assignments(vec![group])
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.target,
        "/v1/b2b/sso/external/organization-test-07971b06"
    );
    assert_eq!(
        request.body_keys(),
        [
            "external_connection_id",
            "external_organization_id",
            "group_implicit_role_assignments"
        ]
    );
    assert_eq!(
        request.json()["group_implicit_role_assignments"],
        json!([{"role_id": "editor", "group": "editors"}])
    );
}

#[tokio::test]
async fn scim_connection_update_is_a_put_with_group_role_mappings() {
    let server = MockServer::confirming().await;
    let mut assignment = ScimGroupImplicitRoleAssignment::default();
    assignment.role_id = "admin".into();
    assignment.group_id = "scim-group-test-9e8d".into();
    assignment.group_name = "Admins".into();

    server
        .b2b_client()
        .scim()
        .connection()
        .update("organization-test-07971b06", "scim-connection-test-2a3b")
        .identity_provider(ScimIdentityProvider::MicrosoftEntra)
        .scim_group_implicit_role_assignments(vec![assignment])
        .member_session_token("session-token-test-1")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "PUT");
    assert_eq!(
        request.target,
        "/v1/b2b/scim/organization-test-07971b06/connection/scim-connection-test-2a3b"
    );
    assert_eq!(
        request.body_keys(),
        ["identity_provider", "scim_group_implicit_role_assignments"]
    );
    let body = request.json();
    assert_eq!(body["identity_provider"], "microsoft-entra");
    assert_eq!(
        body["scim_group_implicit_role_assignments"],
        json!([{"role_id": "admin", "group_id": "scim-group-test-9e8d", "group_name": "Admins"}])
    );
    assert_eq!(request.header(SESSION), Some("session-token-test-1"));
}

#[tokio::test]
async fn scim_get_groups_pages_through_the_query() {
    let server = MockServer::confirming().await;

    server
        .b2b_client()
        .scim()
        .connection()
        .get_groups("organization-test-07971b06", "scim-connection-test-2a3b")
        .cursor("cursor-test-1")
        .limit(100_u32)
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.path(),
        "/v1/b2b/scim/organization-test-07971b06/connection/scim-connection-test-2a3b"
    );
    assert_eq!(request.query(), Some("cursor=cursor-test-1&limit=100"));
    assert_eq!(request.header(SESSION), None);
    assert_eq!(request.header(SESSION_JWT), None);
}

#[tokio::test]
async fn scim_rotation_steps_are_posts() {
    let server = MockServer::confirming().await;
    let client = server.b2b_client();
    let connection = client.scim().connection();

    connection
        .rotate_start("organization-test-07971b06", "scim-connection-test-2a3b")
        .await
        .unwrap();
    connection
        .rotate_complete("organization-test-07971b06", "scim-connection-test-2a3b")
        .await
        .unwrap();
    connection
        .rotate_cancel("organization-test-07971b06", "scim-connection-test-2a3b")
        .await
        .unwrap();

    let targets: Vec<String> = server
        .requests()
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.target))
        .collect();
    let base = "/v1/b2b/scim/organization-test-07971b06/connection/scim-connection-test-2a3b";
    assert_eq!(
        targets,
        [
            format!("POST {base}/rotate/start"),
            format!("POST {base}/rotate/complete"),
            format!("POST {base}/rotate/cancel"),
        ]
    );
}
