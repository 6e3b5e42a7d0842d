//! B2B products through the SDK against the emulator: organizations and members, magic
//! links (organization, invite, discovery), email passcodes, discovery, sessions, RBAC with
//! an organization's own roles, and MFA-required organizations.

use std::time::Duration;

use stytch::b2b::sessions::AuthorizationCheck;
use stytch::models::{SearchFilter, SearchQuery};
use stytch_emulator::Emulator;

fn client(emulator: &Emulator) -> stytch::b2b::Client {
    stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
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

fn check(organization_id: &str, resource_id: &str, action: &str) -> AuthorizationCheck {
    serde_json::from_value(serde_json::json!({
        "organization_id": organization_id, "resource_id": resource_id, "action": action,
    }))
    .unwrap()
}

/// An organization whose `acme.test` addresses may join by email.
async fn acme(client: &stytch::b2b::Client) -> String {
    client
        .organizations()
        .create("Acme")
        .email_allowed_domains(vec!["acme.test".to_string()])
        .email_jit_provisioning("RESTRICTED")
        .await
        .unwrap()
        .organization
        .organization_id
}

#[tokio::test]
async fn magic_links_sign_members_up_by_domain_once_and_expire() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let org = acme(&client).await;

    let sent = client
        .magic_links()
        .email()
        .login_or_signup(&org, "grace@acme.test")
        .await
        .unwrap();
    assert!(sent.member_created);
    assert_eq!(sent.member.status, "pending");
    let token = emulator.latest_token("grace@acme.test").unwrap();
    let signed_in = client.magic_links().authenticate(&token).await.unwrap();
    assert!(signed_in.member_authenticated);
    assert_eq!(signed_in.member.status, "active");
    assert!(signed_in.member.email_address_verified);
    let session = signed_in
        .member_session
        .expect("B2B always makes a session");
    assert_eq!(session.organization_id, org);
    let jwt = signed_in.session_jwt.expect("and its JWT");
    let verified = client
        .sessions()
        .authenticate_jwt_local(&jwt)
        .await
        .unwrap();
    assert_eq!(verified.member_session.member_id, signed_in.member_id);
    assert_eq!(signed_in.intermediate_session_token, None);

    let reused = client.magic_links().authenticate(&token).await;
    assert_eq!(
        error_type(reused),
        (401, "unable_to_auth_magic_link".into())
    );

    client
        .magic_links()
        .email()
        .login_or_signup(&org, "grace@acme.test")
        .login_expiration_minutes(10u32)
        .await
        .unwrap();
    let token = emulator.latest_token("grace@acme.test").unwrap();
    emulator.advance_clock(Duration::from_secs(11 * 60));
    let late = client.magic_links().authenticate(&token).await;
    assert_eq!(error_type(late), (401, "unable_to_auth_magic_link".into()));

    let stranger = client
        .magic_links()
        .email()
        .login_or_signup(&org, "mallory@evil.test")
        .await;
    assert_eq!(
        error_type(stranger),
        (403, "email_jit_provisioning_not_allowed".into())
    );

    // An invite makes an `invited` member whom the link activates.
    let invited = client
        .magic_links()
        .email()
        .invite(&org, "ada@partner.test")
        .await
        .unwrap();
    assert_eq!(invited.member.status, "invited");
    let token = emulator.latest_token("ada@partner.test").unwrap();
    let joined = client.magic_links().authenticate(&token).await.unwrap();
    assert_eq!(joined.member.status, "active");
}

#[tokio::test]
async fn email_passcodes_sign_in_once_and_give_up_after_five_wrong_codes() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let org = acme(&client).await;
    client
        .otps()
        .email()
        .login_or_signup(&org, "grace@acme.test")
        .await
        .unwrap();
    let code = emulator.latest_code("grace@acme.test").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let miss = client
        .otps()
        .email()
        .authenticate(&org, "grace@acme.test", wrong)
        .await;
    assert_eq!(error_type(miss), (404, "otp_code_not_found".into()));
    let signed_in = client
        .otps()
        .email()
        .authenticate(&org, "grace@acme.test", &code)
        .session_duration_minutes(15)
        .await
        .unwrap();
    assert!(signed_in.member_authenticated);
    let reused = client
        .otps()
        .email()
        .authenticate(&org, "grace@acme.test", &code)
        .await;
    assert_eq!(error_type(reused), (401, "unable_to_auth_otp_code".into()));

    client
        .otps()
        .email()
        .login_or_signup(&org, "grace@acme.test")
        .await
        .unwrap();
    let code = emulator.latest_code("grace@acme.test").unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let miss = client
            .otps()
            .email()
            .authenticate(&org, "grace@acme.test", wrong)
            .await;
        assert_eq!(error_type(miss).1, "otp_code_not_found");
    }
    let voided = client
        .otps()
        .email()
        .authenticate(&org, "grace@acme.test", &code)
        .await;
    assert_eq!(error_type(voided), (401, "unable_to_auth_otp_code".into()));
}

#[tokio::test]
async fn discovery_lists_organizations_exchanges_once_and_creates_new_ones() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let acme = acme(&client).await;
    let globex = client
        .organizations()
        .create("Globex")
        .await
        .unwrap()
        .organization
        .organization_id;
    client
        .organizations()
        .members()
        .create(&globex, "grace@acme.test")
        .await
        .unwrap();

    client
        .magic_links()
        .email()
        .discovery()
        .send("grace@acme.test")
        .await
        .unwrap();
    let token = emulator.latest_token("grace@acme.test").unwrap();
    let found = client
        .magic_links()
        .discovery()
        .authenticate(&token)
        .await
        .unwrap();
    let kinds: Vec<(String, String)> = found
        .discovered_organizations
        .iter()
        .map(|d| {
            (
                d.organization.as_ref().unwrap().organization_id.clone(),
                d.membership.as_ref().unwrap().r#type.clone(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (acme.clone(), "eligible_to_join_by_email_domain".to_string()),
            (globex.clone(), "active_member".to_string()),
        ]
    );
    let listed = client
        .discovery()
        .organizations()
        .list()
        .intermediate_session_token(
            found
                .intermediate_session_token
                .as_deref()
                .expect("a session"),
        )
        .await
        .unwrap();
    assert_eq!(listed.email_address, "grace@acme.test");

    let joined = client
        .discovery()
        .intermediate_sessions()
        .exchange(
            found
                .intermediate_session_token
                .as_deref()
                .expect("a session"),
            &acme,
        )
        .await
        .unwrap();
    assert_eq!(joined.member.email_address, "grace@acme.test");
    let session = joined
        .member_session
        .expect("the exchange starts a session");
    assert_eq!(session.organization_id, acme);
    assert_eq!(session.member_id, joined.member_id);
    let reused = client
        .discovery()
        .intermediate_sessions()
        .exchange(
            found
                .intermediate_session_token
                .as_deref()
                .expect("a session"),
            &globex,
        )
        .await;
    assert_eq!(
        error_type(reused),
        (404, "intermediate_session_not_found".into())
    );

    // A new organization from an intermediate session; they expire after ten minutes.
    client
        .otps()
        .email()
        .discovery()
        .send("founder@initech.test")
        .await
        .unwrap();
    let code = emulator.latest_code("founder@initech.test").unwrap();
    let found = client
        .otps()
        .email()
        .discovery()
        .authenticate("founder@initech.test", &code)
        .await
        .unwrap();
    assert!(found.discovered_organizations.is_empty());
    let created = client
        .discovery()
        .organizations()
        .create(
            found
                .intermediate_session_token
                .as_deref()
                .expect("a session"),
        )
        .organization_name("Initech")
        .await
        .unwrap();
    assert!(created.member.is_admin);
    assert_eq!(created.organization.organization_slug, "initech");

    client
        .otps()
        .email()
        .discovery()
        .send("founder@initech.test")
        .await
        .unwrap();
    let code = emulator.latest_code("founder@initech.test").unwrap();
    let found = client
        .otps()
        .email()
        .discovery()
        .authenticate("founder@initech.test", &code)
        .await
        .unwrap();
    emulator.advance_clock(Duration::from_secs(11 * 60));
    let late = client
        .discovery()
        .organizations()
        .create(
            found
                .intermediate_session_token
                .as_deref()
                .expect("a session"),
        )
        .await;
    assert_eq!(
        error_type(late),
        (404, "intermediate_session_not_found".into())
    );
}

#[tokio::test]
async fn organization_roles_count_in_jwts_and_authorization_checks() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let org = acme(&client).await;
    let other = client
        .organizations()
        .create("Globex")
        .await
        .unwrap()
        .organization
        .organization_id;

    let policy: stytch::b2b::rbac::organizations::OrgPolicy =
        serde_json::from_value(serde_json::json!({ "roles": [{
            "role_id": "auditor",
            "description": "Deletes old documents.",
            "permissions": [{ "resource_id": "documents", "actions": ["delete"] }],
        }]}))
        .unwrap();
    client
        .rbac()
        .organizations()
        .set_org_policy(&org, policy)
        .await
        .unwrap();
    let fetched = client
        .rbac()
        .organizations()
        .get_org_policy(&org)
        .await
        .unwrap();
    assert_eq!(fetched.org_policy.roles[0].role_id, "auditor");
    let elsewhere = client
        .organizations()
        .members()
        .create(&other, "x@globex.test")
        .roles(vec!["auditor".to_string()])
        .await;
    assert_eq!(error_type(elsewhere), (400, "invalid_rbac_role_id".into()));

    let member = client
        .organizations()
        .members()
        .create(&org, "grace@acme.test")
        .roles(vec!["auditor".to_string()])
        .await
        .unwrap();
    client
        .magic_links()
        .email()
        .login_or_signup(&org, "grace@acme.test")
        .await
        .unwrap();
    let token = emulator.latest_token("grace@acme.test").unwrap();
    let signed_in = client.magic_links().authenticate(&token).await.unwrap();
    let local = client
        .sessions()
        .authenticate_jwt_local(signed_in.session_jwt.as_deref().expect("a session"))
        .await
        .unwrap();
    assert_eq!(local.member_session.roles, ["stytch_member", "auditor"]);

    let allowed = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .authorization_check(check(&org, "documents", "delete"))
        .await
        .unwrap();
    assert_eq!(allowed.verdict.unwrap().granting_roles, ["auditor"]);
    let denied = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .authorization_check(check(&org, "stytch.member", "update"))
        .await;
    assert_eq!(
        error_type(denied),
        (403, "session_authorization_error".into())
    );
    let tenancy = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .authorization_check(check(&other, "documents", "read"))
        .await;
    assert_eq!(
        error_type(tenancy),
        (403, "session_authorization_tenancy_error".into())
    );

    // Sessions: listed, exchanged into another organization, revoked.
    client
        .organizations()
        .members()
        .create(&other, "grace@acme.test")
        .await
        .unwrap();
    let listed = client
        .sessions()
        .get(&org, &member.member_id)
        .await
        .unwrap();
    assert_eq!(listed.member_sessions.len(), 1);
    let exchanged = client
        .sessions()
        .exchange(&other)
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .await
        .unwrap();
    assert_eq!(exchanged.organization.organization_id, other);
    client
        .sessions()
        .revoke()
        .member_id(&member.member_id)
        .await
        .unwrap();
    let gone = client
        .sessions()
        .authenticate()
        .session_token(signed_in.session_token.as_deref().expect("a session"))
        .await;
    assert_eq!(error_type(gone), (404, "session_not_found".into()));
}

#[tokio::test]
async fn mfa_required_organizations_answer_with_an_intermediate_session() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let org = client
        .organizations()
        .create("Vault")
        .mfa_policy("REQUIRED_FOR_ALL")
        .await
        .unwrap()
        .organization
        .organization_id;
    client
        .passwords()
        .migrate(
            "grace@vault.test",
            stytch_emulator::hash_password("a long passphrase"),
            "argon_2id",
            &org,
        )
        .await
        .unwrap();
    let signed_in = client
        .passwords()
        .authenticate(&org, "grace@vault.test", "a long passphrase")
        .await
        .unwrap();
    assert!(!signed_in.member_authenticated);
    assert!(signed_in.member_session.is_none());
    assert_eq!(
        (signed_in.session_token, signed_in.session_jwt),
        (None, None)
    );
    assert!(signed_in
        .intermediate_session_token
        .is_some_and(|token| !token.is_empty()));
    assert!(signed_in.mfa_required.is_some(), "MFA is what is missing");
}

#[tokio::test]
async fn members_are_updated_searched_deleted_and_reactivated() {
    let emulator = Emulator::start().await.unwrap();
    let client = client(&emulator);
    let org = acme(&client).await;
    let grace = client
        .organizations()
        .members()
        .create(&org, "grace@acme.test")
        .await
        .unwrap();
    client
        .organizations()
        .members()
        .create(&org, "ada@acme.test")
        .await
        .unwrap();
    let updated = client
        .organizations()
        .members()
        .update(&org, &grace.member_id)
        .name("Grace Hopper")
        .roles(vec!["editor".to_string()])
        .await
        .unwrap();
    assert_eq!(updated.member.name, "Grace Hopper");

    let found = client
        .organizations()
        .members()
        .search(vec![org.clone()])
        .query(SearchQuery::and([SearchFilter::new(
            "member_roles",
            ["editor"],
        )]))
        .await
        .unwrap();
    assert_eq!(found.members.len(), 1);
    assert!(found.organizations.contains_key(&org));

    client
        .organizations()
        .members()
        .delete(&org, &grace.member_id)
        .await
        .unwrap();
    let hidden = client
        .organizations()
        .members()
        .get(&org)
        .member_id(&grace.member_id)
        .await;
    assert_eq!(error_type(hidden), (404, "member_not_found".into()));
    let deleted = client
        .organizations()
        .members()
        .search(vec![org.clone()])
        .query(SearchQuery::and([SearchFilter::new(
            "statuses",
            ["deleted"],
        )]))
        .await
        .unwrap();
    assert_eq!(deleted.members[0].status, "deleted");
    let back = client
        .organizations()
        .members()
        .reactivate(&org, &grace.member_id)
        .await
        .unwrap();
    assert_eq!(back.member.status, "active");
    let twice = client
        .organizations()
        .members()
        .reactivate(&org, &grace.member_id)
        .await;
    assert_eq!(
        error_type(twice).1,
        "no_deleted_member_found_for_reactivation"
    );

    let metrics = client.organizations().metrics(&org).await.unwrap();
    assert_eq!(metrics.member_count, 2);
    client.organizations().delete(&org).await.unwrap();
    let gone = client.organizations().get(&org).await;
    assert_eq!(error_type(gone), (404, "organization_not_found".into()));
}
