//! Realistic responses of the password-reset slice decode into typed models, and stay decodable
//! when Stytch adds fields, leaves fields out, sends `null`s or new enum values.

use serde_json::{json, Value};
use stytch::consumer::sessions::{AuthenticationFactorDeliveryMethod, AuthenticationFactorType};
use stytch_tests::{fixture, MockServer, Reply};

async fn consumer_reset_with(
    body: Value,
) -> Result<stytch::consumer::passwords::email::ResetResponse, stytch::Error> {
    consumer_reset_answered(Reply::json(200, &body)).await
}

async fn consumer_reset_answered(
    reply: Reply,
) -> Result<stytch::consumer::passwords::email::ResetResponse, stytch::Error> {
    let server = MockServer::start().await;
    server.push(reply);
    server
        .consumer_client()
        .passwords()
        .email()
        .reset("token", "new passphrase")
        .await
}

#[tokio::test]
async fn consumer_email_reset_decodes_user_session_and_device() {
    let reset = consumer_reset_with(fixture("seeds/consumer_passwords_email_reset.json"))
        .await
        .unwrap();

    assert_eq!(reset.status_code, 200);
    assert_eq!(
        reset.user_id,
        "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6"
    );
    assert_eq!(reset.user.emails[0].email, "ada@example.com");
    assert!(reset.user.emails[0].verified);
    assert_eq!(
        reset.user.name.as_ref().unwrap().last_name.as_deref(),
        Some("Lovelace")
    );
    assert_eq!(reset.user.providers[0].provider_type, "Google");
    assert_eq!(
        reset.user.trusted_metadata,
        Some(json!({"billing_plan": "pro"}))
    );
    assert_eq!(
        reset.user.created_at.unwrap().to_rfc3339(),
        "2023-01-09T07:41:52+00:00"
    );
    assert_eq!(reset.user.lock_expires_at, None);

    let session = reset.session.expect("session");
    assert_eq!(
        session.attributes.unwrap().ip_address.as_deref(),
        Some("203.0.113.7")
    );
    let factors = &session.authentication_factors;
    assert_eq!(factors[0].r#type, AuthenticationFactorType::Password);
    assert_eq!(
        factors[0].delivery_method,
        AuthenticationFactorDeliveryMethod::Knowledge
    );
    assert_eq!(factors[1].r#type, AuthenticationFactorType::MagicLink);
    assert_eq!(
        factors[1].email_factor.as_ref().unwrap().email_address,
        "ada@example.com"
    );
    assert!(factors[1].phone_number_factor.is_none());

    let device = reset.user_device.expect("device");
    assert_eq!(device.ip_geo_country.as_deref(), Some("GB"));
    assert!(device.ip_address_details.unwrap().is_new);
}

#[tokio::test]
async fn b2b_email_reset_decodes_member_organization_and_mfa_state() {
    let server = MockServer::start().await;
    server.push(Reply::json(
        200,
        &fixture("seeds/b2b_passwords_email_reset.json"),
    ));
    let reset = server
        .b2b_client()
        .passwords()
        .email()
        .reset("password-reset-token", "new passphrase")
        .await
        .unwrap();

    assert!(!reset.member_authenticated);
    assert!(reset.member_session.is_none());
    assert_eq!(
        reset.intermediate_session_token.as_deref(),
        Some("SeiGwdj5lKkrEVgcEY3QNJXt6srxS3IK2Nwkar6mXD4=")
    );
    let mfa = reset.mfa_required.expect("mfa required");
    assert_eq!(mfa.secondary_auth_initiated.as_deref(), Some("sms_otp"));
    assert_eq!(
        mfa.member_options.unwrap().mfa_phone_number,
        "+447700900123"
    );

    let member = &reset.member;
    assert!(member.is_admin);
    assert_eq!(member.roles[1].role_id, "admin");
    assert_eq!(member.roles[1].sources[0].r#type, "email_assignment");
    assert_eq!(member.sso_registrations[0].external_id, "ada@example.com");

    let organization = &reset.organization;
    assert_eq!(organization.organization_slug, "analytical-engines");
    assert_eq!(
        organization.sso_active_connections[0].identity_provider,
        "okta"
    );
    assert_eq!(
        organization.rbac_email_implicit_role_assignments[0].role_id,
        "admin"
    );
}

#[tokio::test]
async fn b2b_session_reset_decodes_a_member_session() {
    let mut body = fixture("seeds/b2b_passwords_email_reset.json");
    body["member_authenticated"] = json!(true);
    body["mfa_required"] = Value::Null;
    body["member_session"] = json!({
        "member_session_id": "member-session-test-e2ebc9b5-2b3a-4d4c-9a6d-0b2d4b8d0f1a",
        "member_id": "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f",
        "organization_id": "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931",
        "organization_slug": "analytical-engines",
        "started_at": "2024-03-01T12:00:00Z",
        "last_accessed_at": "2024-03-01T12:05:00Z",
        "expires_at": "2024-03-02T12:00:00Z",
        "roles": ["stytch_member", "admin"],
        "custom_claims": {"team": "engines"},
        "authentication_factors": [
            {"type": "password", "delivery_method": "knowledge", "last_authenticated_at": "2024-03-01T12:00:00Z"}
        ]
    });
    let server = MockServer::start().await;
    server.push(Reply::json(200, &body));
    let reset = server
        .b2b_client()
        .passwords()
        .sessions()
        .reset(
            "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931",
            "new passphrase",
        )
        .session_token("session-token")
        .await
        .unwrap();

    let session = reset.member_session.expect("member session");
    assert_eq!(session.roles, ["stytch_member", "admin"]);
    assert_eq!(session.expires_at.to_rfc3339(), "2024-03-02T12:00:00+00:00");
    assert_eq!(
        session.authentication_factors[0].r#type,
        AuthenticationFactorType::Password
    );
}

#[tokio::test]
async fn rbac_policy_decodes_roles_resources_and_scopes() {
    let server = MockServer::start().await;
    server.push(Reply::json(200, &fixture("seeds/b2b_rbac_policy.json")));
    let policy = server
        .b2b_client()
        .rbac()
        .policy()
        .await
        .unwrap()
        .policy
        .expect("policy");

    assert_eq!(policy.roles[0].role_id, "stytch_admin");
    assert_eq!(
        policy.roles[0].permissions[1].actions,
        ["update.settings.sso-config", "delete"]
    );
    assert_eq!(policy.resources[0].actions.len(), 3);
    assert_eq!(policy.scopes[0].scope, "read:documents");
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let mut body = fixture("seeds/consumer_passwords_email_reset.json");
    body["brand_new_top_level_field"] = json!({"nested": [1, 2, 3]});
    body["user"]["emails"][0]["added_later"] = json!(true);
    body["session"]["authentication_factors"][0]["new_factor_detail"] = json!("x");

    let reset = consumer_reset_with(body).await.unwrap();
    assert_eq!(reset.user.emails[0].email, "ada@example.com");
}

#[tokio::test]
async fn missing_fields_take_their_defaults() {
    let body = json!({
        "status_code": 200,
        "request_id": "request-id-test-1",
        "user_id": "user-test-1",
        "user": {"user_id": "user-test-1"}
    });

    let reset = consumer_reset_with(body).await.unwrap();
    assert_eq!(reset.user.user_id, "user-test-1");
    assert!(reset.user.emails.is_empty());
    assert_eq!(reset.session_token, None);
    assert!(reset.session.is_none());
    assert!(reset.user_device.is_none());
}

#[tokio::test]
async fn nulls_decode_everywhere() {
    let body = json!({
        "status_code": 200,
        "request_id": "request-id-test-1",
        "user_id": null,
        "session_token": null,
        "session_jwt": null,
        "user": {
            "user_id": "user-test-1",
            "emails": null,
            "is_locked": null,
            "name": null,
            "created_at": null,
            "lock_expires_at": ""
        },
        "session": {
            "session_id": "session-test-1",
            "expires_at": null,
            "authentication_factors": [{"type": null, "delivery_method": null}]
        },
        "user_device": null
    });

    let reset = consumer_reset_with(body).await.unwrap();
    assert_eq!(reset.user_id, "");
    assert!(reset.user.emails.is_empty());
    assert!(!reset.user.is_locked);
    assert_eq!(
        reset.user.lock_expires_at, None,
        "an empty timestamp reads as None"
    );
    let factor = &reset.session.unwrap().authentication_factors[0];
    assert_eq!(factor.r#type, AuthenticationFactorType::default());
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let mut body = fixture("seeds/consumer_passwords_email_reset.json");
    body["session"]["authentication_factors"][0]["type"] = json!("quantum_entanglement");
    body["session"]["authentication_factors"][0]["delivery_method"] = json!("carrier_pigeon");

    let reset = consumer_reset_with(body).await.unwrap();
    let factor = &reset.session.unwrap().authentication_factors[0];
    assert_eq!(
        factor.r#type,
        AuthenticationFactorType::Unknown("quantum_entanglement".into())
    );
    assert_eq!(factor.r#type.as_str(), "quantum_entanglement");
    assert_eq!(factor.delivery_method.as_str(), "carrier_pigeon");
}

#[tokio::test]
async fn a_wrong_type_is_a_decode_error_with_its_json_path() {
    let mut body = fixture("seeds/consumer_passwords_email_reset.json");
    body["user"]["emails"][0]["verified"] = json!("yes");

    let error = consumer_reset_with(body).await.unwrap_err();
    match &error {
        stytch::Error::Decode {
            path,
            status,
            request_id,
            ..
        } => {
            assert_eq!(path, "user.emails[0].verified");
            assert_eq!(*status, 200);
            assert_eq!(
                request_id.as_deref(),
                Some("request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141")
            );
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_eq!(
        error.request_id(),
        Some("request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141")
    );
}

/// Sends `body` with `bytes` in place of the placeholder string `"\u{1}"`, as raw bytes.
async fn consumer_reset_with_raw_bytes(
    body: Value,
    bytes: &[u8],
) -> Result<stytch::consumer::passwords::email::ResetResponse, stytch::Error> {
    let text = body.to_string();
    let (before, after) = text.split_once("\\u0001").expect("placeholder");
    let raw = [before.as_bytes(), bytes, after.as_bytes()].concat();
    let mut reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        raw.len()
    )
    .into_bytes();
    reply.extend_from_slice(&raw);
    consumer_reset_answered(Reply::Raw(reply)).await
}

#[tokio::test]
async fn bytes_that_are_not_utf8_read_as_replacement_characters() {
    // In a field the model skips, a stray byte changes nothing.
    let mut body = fixture("seeds/consumer_passwords_email_reset.json");
    body["user"]["added_later"] = json!("\u{1}");
    let reset = consumer_reset_with_raw_bytes(body, b"caf\xe9")
        .await
        .unwrap();
    assert_eq!(reset.user.emails[0].email, "ada@example.com");

    // In a field it reads, the byte reads as U+FFFD and the rest of the value is kept.
    let mut body = fixture("seeds/consumer_passwords_email_reset.json");
    body["user"]["emails"][0]["email"] = json!("\u{1}");
    let reset = consumer_reset_with_raw_bytes(body, b"ada\xff@example.com")
        .await
        .unwrap();
    assert_eq!(reset.user.emails[0].email, "ada\u{fffd}@example.com");
    assert_eq!(
        reset.user_id,
        "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6"
    );
}

#[tokio::test]
async fn send_as_decodes_only_the_fields_of_the_callers_type() {
    #[derive(Debug, serde::Deserialize)]
    struct SignedIn {
        user_id: String,
        session_token: String,
    }
    let server = MockServer::start().await;
    server.push(Reply::json(
        200,
        &fixture("seeds/consumer_passwords_email_reset.json"),
    ));
    let client = server.consumer_client();
    let signed_in: SignedIn = client
        .passwords()
        .email()
        .reset("token", "new passphrase")
        .send_as()
        .await
        .unwrap();
    assert_eq!(
        signed_in.user_id,
        "user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6"
    );
    assert!(!signed_in.session_token.is_empty());
    assert_eq!(
        server.single_request().path(),
        "/v1/passwords/email/reset",
        "the same request as `.await` sends"
    );

    // A field the caller's type needs and the body lacks is a decode error naming it.
    #[derive(Debug, serde::Deserialize)]
    struct WantsMore {
        #[allow(dead_code)]
        not_in_the_reply: String,
    }
    server.push(Reply::json(
        200,
        &fixture("seeds/consumer_passwords_email_reset.json"),
    ));
    let error = client
        .passwords()
        .email()
        .reset("token", "new passphrase")
        .send_as::<WantsMore>()
        .await
        .unwrap_err();
    match &error {
        stytch::Error::Decode { request_id, .. } => assert_eq!(
            request_id.as_deref(),
            Some("request-id-test-b05c992f-ebdc-489d-a754-c7e70ba13141")
        ),
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert!(
        std::error::Error::source(&error)
            .unwrap()
            .to_string()
            .contains("missing field `not_in_the_reply`"),
        "{error:?}"
    );

    // API errors are those of `.await`.
    server.push(Reply::json(
        401,
        &json!({"status_code": 401, "request_id": "request-id-test-2",
                "error_type": "unauthorized_credentials", "error_message": "no"}),
    ));
    let error = client
        .passwords()
        .email()
        .reset("token", "new passphrase")
        .send_as::<SignedIn>()
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(stytch::StatusCode::UNAUTHORIZED));
}

#[test]
fn models_round_trip_through_serde() {
    let reset: stytch::consumer::passwords::email::ResetResponse =
        serde_json::from_value(fixture("seeds/consumer_passwords_email_reset.json")).unwrap();
    let again: stytch::consumer::passwords::email::ResetResponse =
        serde_json::from_value(serde_json::to_value(&reset).unwrap()).unwrap();
    assert_eq!(reset, again);
}

#[test]
fn models_can_be_built_in_user_tests() {
    let mut user = stytch::consumer::users::User::default();
    user.user_id = "user-test-1".into();
    let mut reset = stytch::consumer::passwords::sessions::ResetResponse::default();
    reset.user = user;
    assert_eq!(reset.user.user_id, "user-test-1");
}

#[test]
fn escaped_and_repeated_keys_decode_like_plain_ones() {
    // `\u0069` is `i`: the key is unescaped before it is matched. A repeated key keeps the
    // last value, as serde_json's `Value` does.
    let json =
        r#"{"user_\u0069d": "user-test-1", "user_id": "user-test-2", "user": {"user_id": "u"}}"#;
    let reset: stytch::consumer::passwords::email::ResetResponse =
        serde_json::from_str(json).unwrap();
    assert_eq!(reset.user_id, "user-test-2");
    assert_eq!(reset.user.user_id, "u");
    let escaped_only: stytch::consumer::passwords::email::ResetResponse =
        serde_json::from_str(r#"{"user_\u0069d": "user-test-1"}"#).unwrap();
    assert_eq!(escaped_only.user_id, "user-test-1");
}

#[test]
fn a_model_is_a_json_object_and_nothing_else() {
    for not_an_object in ["[]", "\"user\"", "42", "true"] {
        let error =
            serde_json::from_str::<stytch::consumer::users::User>(not_an_object).unwrap_err();
        assert!(
            error.to_string().contains("struct User"),
            "{not_an_object}: {error}"
        );
    }
}

#[test]
fn serializing_a_model_leaves_unset_options_out_and_keeps_every_other_field() {
    let mut user = stytch::consumer::users::User::default();
    user.user_id = "user-test-1".into();
    let value = serde_json::to_value(&user).unwrap();
    let object = value.as_object().unwrap();
    assert_eq!(object["user_id"], "user-test-1");
    assert_eq!(object["emails"], json!([]));
    assert!(!object.contains_key("name"), "None is left out: {value}");
    assert!(!object.contains_key("created_at"));
    assert_eq!(
        object["is_locked"], false,
        "falsy values that are set are kept"
    );
}
