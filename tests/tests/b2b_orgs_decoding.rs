//! Realistic organizations, members, SSO and SCIM responses decoded through the SDK.

use stytch::b2b::scim::IdentityProvider as ScimIdentityProvider;
use stytch::consumer::sessions::{AuthenticationFactorDeliveryMethod, AuthenticationFactorType};
use stytch_tests::{MockServer, Reply};

const ORGANIZATION_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

async fn serving(fixture: &str) -> MockServer {
    let server = MockServer::start().await;
    server.always(Reply::Json(200, fixture.to_owned()));
    server
}

#[tokio::test]
async fn organization_search_decodes_organizations_and_paging() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/organizations_search.json"
    ))
    .await;

    let response = server.b2b_client().organizations().search().await.unwrap();

    assert_eq!(response.status_code, 200);
    assert_eq!(response.results_metadata.total, 1);
    assert_eq!(response.results_metadata.next_cursor, None);
    let organization = &response.organizations[0];
    assert_eq!(organization.organization_id, ORGANIZATION_ID);
    assert_eq!(organization.organization_slug, "example-co");
    assert_eq!(
        organization.sso_active_connections[0].identity_provider,
        "okta"
    );
    assert_eq!(
        organization.custom_roles[0].permissions[0].actions,
        ["read"]
    );
    assert_eq!(
        organization.rbac_email_implicit_role_assignments[0].role_id,
        "editor"
    );
    let scim = organization.scim_active_connection.as_ref().unwrap();
    assert_eq!(scim.bearer_token_last_four, "9f3a");
    assert_eq!(
        scim.bearer_token_expires_at.unwrap().to_rfc3339(),
        "2025-03-01T12:00:00+00:00"
    );
    assert_eq!(
        organization.trusted_metadata.as_ref().unwrap()["billing"]["plan"],
        "enterprise"
    );
}

#[tokio::test]
async fn member_search_decodes_members_and_organizations_by_id() {
    let server = serving(include_str!("../fixtures/b2b_orgs/members_search.json")).await;

    let response = server
        .b2b_client()
        .organizations()
        .members()
        .search(vec![ORGANIZATION_ID.to_owned()])
        .await
        .unwrap();

    assert_eq!(response.members.len(), 2);
    assert_eq!(
        response.results_metadata.next_cursor.as_deref(),
        Some("cursor-test-eyJvZmZzZXQiOjJ9")
    );
    assert_eq!(
        response.organizations[ORGANIZATION_ID].organization_name,
        "Example Co"
    );

    let ada = &response.members[0];
    assert_eq!(ada.member_id, MEMBER_ID);
    assert!(ada.mfa_enrolled);
    assert_eq!(ada.roles[1].sources[0].r#type, "email_assignment");
    assert_eq!(
        ada.oauth_registrations[0].member_oauth_registration_id,
        "member-oauth-registration-test-53e1"
    );
    assert_eq!(
        ada.retired_email_addresses[0].email_address,
        "ada@old.example.com"
    );
    assert_eq!(ada.lock_expires_at, None);
    let scim = ada.scim_registration.as_ref().unwrap();
    let attributes = scim.scim_attributes.as_ref().unwrap();
    assert_eq!(attributes.groups[0].display, "Engineering");
    assert_eq!(
        attributes
            .enterprise_extension
            .as_ref()
            .unwrap()
            .manager
            .as_ref()
            .unwrap()
            .display_name,
        "Charles Babbage"
    );

    let charles = &response.members[1];
    assert!(charles.scim_registration.is_none());
    assert!(charles.sso_registrations.is_empty());
}

#[tokio::test]
async fn member_connected_apps_decode() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/member_get_connected_apps.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .organizations()
        .members()
        .get_connected_apps(ORGANIZATION_ID, MEMBER_ID)
        .await
        .unwrap();

    let app = &response.connected_apps[0];
    assert_eq!(app.connected_app_id, "connected-app-test-d731a7e4");
    assert_eq!(app.scopes_granted, "openid email profile");
    assert_eq!(app.logo_url.as_deref(), Some("https://example.com/bi.png"));
}

#[tokio::test]
async fn hubspot_provider_tokens_decode_and_stay_out_of_debug_output() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/oauth_providers_hubspot.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .organizations()
        .members()
        .oauth_providers()
        .hubspot(ORGANIZATION_ID, MEMBER_ID)
        .include_refresh_token(true)
        .await
        .unwrap();

    assert_eq!(response.provider_type, "HubSpot");
    let registration = &response.registrations[0];
    assert_eq!(registration.provider_tenant_id, "24680135");
    assert_eq!(registration.access_token_expires_in, 1800);
    assert_eq!(registration.scopes[1], "crm.objects.contacts.read");
    assert_eq!(
        registration.refresh_token.as_deref(),
        Some("hubspot-refresh-token-test")
    );
    let debug = format!("{response:?}");
    assert!(!debug.contains("hubspot-access-token-test"), "{debug}");
    assert!(!debug.contains("hubspot-refresh-token-test"), "{debug}");
}

#[tokio::test]
async fn connected_app_revoke_decodes() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/connected_apps_revoke.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .organizations()
        .members()
        .connected_apps()
        .revoke(ORGANIZATION_ID, MEMBER_ID, "connected-app-test-d731a7e4")
        .await
        .unwrap();

    assert_eq!(response.request_id, "request-id-test-4e5f6071");
    assert_eq!(response.status_code, 200);
}

#[tokio::test]
async fn sso_authenticate_decodes_the_session_and_its_factor() {
    let server = serving(include_str!("../fixtures/b2b_orgs/sso_authenticate.json")).await;

    let response = server
        .b2b_client()
        .sso()
        .authenticate("sso-token-test-0c6b")
        .await
        .unwrap();

    assert!(response.member_authenticated);
    assert_eq!(response.member.member_id, MEMBER_ID);
    assert_eq!(response.organization.organization_id, ORGANIZATION_ID);
    assert!(response.mfa_required.is_none());
    assert_eq!(response.intermediate_session_token_expires_at, None);
    let session = response.member_session.as_ref().unwrap();
    assert_eq!(session.expires_at.to_rfc3339(), "2024-03-01T13:00:00+00:00");
    assert_eq!(session.roles, ["stytch_member", "editor"]);
    let factor = &session.authentication_factors[0];
    assert_eq!(factor.r#type, AuthenticationFactorType::Sso);
    assert_eq!(
        factor.delivery_method,
        AuthenticationFactorDeliveryMethod::SsoSaml
    );
    assert_eq!(
        factor.saml_sso_factor.as_ref().unwrap().provider_id,
        "saml-connection-test-b1e2c3d4"
    );
    let device = response.member_device.as_ref().unwrap();
    assert_eq!(device.ip_geo_country.as_deref(), Some("GB"));
    assert!(!device.ip_address_details.as_ref().unwrap().is_new);
}

#[tokio::test]
async fn sso_get_connections_decodes_every_kind() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/sso_get_connections.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .sso()
        .get_connections(ORGANIZATION_ID)
        .await
        .unwrap();

    assert_eq!(response.saml_connections[0].display_name, "Okta SAML");
    assert_eq!(response.oidc_connections[0].status, "pending");
    assert_eq!(
        response.external_connections[0].external_connection_id,
        "saml-connection-test-e5f6a7b8"
    );
}

#[tokio::test]
async fn saml_connection_decodes_certificates_keys_and_role_mappings() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/saml_update_connection.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .sso()
        .saml()
        .update_connection(ORGANIZATION_ID, "saml-connection-test-b1e2c3d4")
        .await
        .unwrap();

    let connection = response.connection.unwrap();
    assert!(connection.idp_initiated_auth_disabled);
    assert_eq!(connection.verification_certificates[0].issuer, "Okta");
    assert_eq!(
        connection.verification_certificates[0]
            .expires_at
            .unwrap()
            .to_rfc3339(),
        "2029-03-01T12:00:00+00:00"
    );
    assert_eq!(connection.signing_certificates[0].updated_at, None);
    assert_eq!(
        connection.encryption_private_keys[0].private_key_id,
        "private-key-test-3c9d"
    );
    assert_eq!(
        connection.saml_group_implicit_role_assignments[0].group,
        "Engineering Admins"
    );
    assert_eq!(
        connection.attribute_mapping.as_ref().unwrap()["email"],
        "NameID"
    );
}

#[tokio::test]
async fn oidc_connection_decodes_with_a_null_mapping() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/oidc_create_connection.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .sso()
        .oidc()
        .create_connection(ORGANIZATION_ID)
        .await
        .unwrap();

    let connection = response.connection.unwrap();
    assert_eq!(connection.connection_id, "oidc-connection-test-4f1a2b3c");
    assert!(connection
        .redirect_url
        .ends_with("oidc-connection-test-4f1a2b3c"));
    assert_eq!(connection.attribute_mapping, None);
}

#[tokio::test]
async fn external_connection_decodes_role_mappings() {
    let server = serving(include_str!(
        "../fixtures/b2b_orgs/external_create_connection.json"
    ))
    .await;

    let response = server
        .b2b_client()
        .sso()
        .external()
        .create_connection(
            ORGANIZATION_ID,
            "organization-test-a1b2c3d4-0000-4000-8000-123456789abc",
            "saml-connection-test-e5f6a7b8",
        )
        .await
        .unwrap();

    let connection = response.connection.unwrap();
    assert_eq!(connection.display_name, "Parent company SSO");
    assert_eq!(
        connection.external_connection_implicit_role_assignments[0].role_id,
        "viewer"
    );
    assert_eq!(
        connection.external_group_implicit_role_assignments[0].group,
        "editors"
    );
}

#[tokio::test]
async fn scim_rotation_start_decodes_the_next_token() {
    let server = serving(include_str!("../fixtures/b2b_orgs/scim_rotate_start.json")).await;

    let response = server
        .b2b_client()
        .scim()
        .connection()
        .rotate_start(ORGANIZATION_ID, "scim-connection-test-2a3b4c5d")
        .await
        .unwrap();

    let connection = response.connection.unwrap();
    assert_eq!(
        connection.next_bearer_token,
        "scim-next-bearer-token-test-7d1e"
    );
    assert_eq!(connection.identity_provider, "microsoft-entra");
    assert_eq!(
        connection
            .next_bearer_token_expires_at
            .unwrap()
            .to_rfc3339(),
        "2025-09-01T12:00:00+00:00"
    );
    assert_eq!(
        connection.scim_group_implicit_role_assignments[0].group_id,
        "scim-group-test-9e8d"
    );
    assert!(!format!("{connection:?}").contains("scim-next-bearer-token-test-7d1e"));
}

#[tokio::test]
async fn scim_groups_decode_with_their_cursor() {
    let server = serving(include_str!("../fixtures/b2b_orgs/scim_get_groups.json")).await;

    let response = server
        .b2b_client()
        .scim()
        .connection()
        .get_groups(ORGANIZATION_ID, "scim-connection-test-2a3b4c5d")
        .await
        .unwrap();

    assert_eq!(response.scim_groups.len(), 2);
    assert_eq!(response.scim_groups[1].group_name, "Engineering");
    assert_eq!(
        response.next_cursor.as_deref(),
        Some("cursor-test-groups-2")
    );
}

#[test]
fn identity_provider_enums_keep_unknown_values() {
    let known: ScimIdentityProvider = "microsoft-entra".into();
    assert_eq!(known, ScimIdentityProvider::MicrosoftEntra);
    let future: stytch::b2b::sso::IdentityProvider = "auth-provider-of-2030".into();
    assert_eq!(future.as_str(), "auth-provider-of-2030");
}
