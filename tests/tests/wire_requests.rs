//! What the SDK puts on the wire: method, path, query, headers and the exact JSON key set.

use serde_json::json;
use stytch::consumer::magic_links::Options;
use stytch::models::{Attributes, Locale};
use stytch_tests::{expected_basic_auth, MockServer, Reply};

#[tokio::test]
async fn required_only_request_carries_only_required_keys() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.consumer_client();

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, "/v1/passwords/email/reset/start");
    assert_eq!(request.body_keys(), ["email"]);
    assert_eq!(request.json()["email"], "ada@example.com");
    assert_eq!(
        request.header("authorization"),
        Some(expected_basic_auth().as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    let agent = request.header("user-agent").unwrap();
    assert!(agent.starts_with("stytch-rust/"), "{agent}");
}

#[tokio::test]
async fn falsy_values_that_were_set_are_sent() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.consumer_client();
    let mut options = Options::default();
    options.ip_match_required = false;

    client
        .passwords()
        .email()
        .reset("reset-token", "correct horse battery staple")
        .session_duration_minutes(0)
        .session_token("")
        .session_custom_claims(json!([]))
        .options(options)
        .await
        .unwrap();

    let body = server.single_request().json();
    assert_eq!(body["session_duration_minutes"], 0);
    assert_eq!(body["session_token"], "");
    assert_eq!(body["session_custom_claims"], json!([]));
    assert_eq!(
        body["options"],
        json!({"ip_match_required": false, "user_agent_match_required": false})
    );
    assert!(
        body.get("session_jwt").is_none(),
        "unset fields are omitted, not null: {body}"
    );
    assert!(body.get("attributes").is_none());
}

#[tokio::test]
async fn unset_fields_of_nested_objects_are_omitted() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let mut attributes = Attributes::default();
    attributes.ip_address = Some("203.0.113.7".into());

    server
        .consumer_client()
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .attributes(attributes)
        .locale(Locale::PtBr)
        .await
        .unwrap();

    let body = server.single_request().json();
    assert_eq!(body["attributes"], json!({"ip_address": "203.0.113.7"}));
    assert_eq!(body["locale"], "pt-br");
}

#[tokio::test]
async fn every_optional_field_set_sends_every_declared_key() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.b2b_client();

    client
        .passwords()
        .email()
        .reset_start("organization-test-1", "ada@example.com")
        .reset_password_redirect_url("https://example.com/reset")
        .reset_password_expiration_minutes(30)
        .code_challenge("challenge")
        .login_redirect_url("https://example.com/login")
        .locale(Locale::Es)
        .reset_password_template_id("template-reset")
        .verify_email_template_id("template-verify")
        .await
        .unwrap();

    let info = stytch::catalogue::endpoints()
        .find(|e| e.path == "/v1/b2b/passwords/email/reset/start")
        .unwrap();
    let mut declared: Vec<&str> = info.fields.iter().map(|f| f.name).collect();
    declared.sort_unstable();
    assert_eq!(server.single_request().body_keys(), declared);
}

#[tokio::test]
async fn session_reset_sends_the_session_and_the_new_password() {
    let server = MockServer::start().await;
    server.always(Reply::ok());

    server
        .b2b_client()
        .passwords()
        .sessions()
        .reset("organization-test-1", "a new passphrase")
        .session_jwt("eyJhbGciOiJSUzI1NiJ9.e30.sig")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(request.target, "/v1/b2b/passwords/session/reset");
    assert_eq!(
        request.body_keys(),
        ["organization_id", "password", "session_jwt"]
    );
}

#[tokio::test]
async fn existing_password_reset_sends_all_required_fields() {
    let server = MockServer::start().await;
    server.always(Reply::ok());

    server
        .consumer_client()
        .passwords()
        .existing_password()
        .reset("ada@example.com", "old passphrase", "new passphrase")
        .await
        .unwrap();
    server
        .b2b_client()
        .passwords()
        .existing_password()
        .reset(
            "ada@example.com",
            "old passphrase",
            "new passphrase",
            "organization-test-1",
        )
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].target, "/v1/passwords/existing_password/reset");
    assert_eq!(
        requests[0].body_keys(),
        ["email", "existing_password", "new_password"]
    );
    assert_eq!(
        requests[1].target,
        "/v1/b2b/passwords/existing_password/reset"
    );
    assert_eq!(
        requests[1].body_keys(),
        [
            "email_address",
            "existing_password",
            "new_password",
            "organization_id"
        ]
    );
}

#[tokio::test]
async fn get_without_fields_has_no_query_and_no_body() {
    let server = MockServer::start().await;
    server.always(Reply::json(
        200,
        &json!({"request_id": "r", "status_code": 200, "policy": null}),
    ));

    server.b2b_client().rbac().policy().await.unwrap();

    let request = server.single_request();
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/v1/b2b/rbac/policy");
    assert!(request.body.is_empty());
    assert_eq!(request.header("content-type"), None);
}

#[tokio::test]
async fn get_puts_fields_in_the_query_and_never_repeats_path_parameters() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.b2b_client();

    client
        .organizations()
        .members()
        .get("organization-test-1")
        .email_address("ada+work@example.com")
        .await
        .unwrap();

    let request = server.single_request();
    assert_eq!(
        request.path(),
        "/v1/b2b/organizations/organization-test-1/member"
    );
    assert_eq!(
        request.query(),
        Some("email_address=ada%2Bwork%40example.com")
    );
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn path_parameters_cannot_change_the_path() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let organizations = server.b2b_client();

    for hostile in ["../users/x", "a/b?c=d#e", "%2e%2e", "x y"] {
        organizations
            .organizations()
            .get(hostile)
            .await
            .unwrap_or_else(|error| panic!("{hostile:?} is sent, encoded: {error}"));
    }

    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/b2b/organizations/..%2Fusers%2Fx",
            "/v1/b2b/organizations/a%2Fb%3Fc%3Dd%23e",
            "/v1/b2b/organizations/%252e%252e",
            "/v1/b2b/organizations/x%20y",
        ]
    );
}

#[tokio::test]
async fn dot_and_empty_path_parameters_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = server.b2b_client();

    for bad in ["", ".", ".."] {
        let error = client.organizations().get(bad).await.unwrap_err();
        assert!(
            matches!(
                error,
                stytch::Error::InvalidArgument {
                    field: "organization_id",
                    ..
                }
            ),
            "{bad:?}: {error:?}"
        );
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn member_session_headers_are_sent_only_when_set() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.b2b_client();

    client
        .organizations()
        .delete("organization-test-1")
        .member_session_token("member-session-token")
        .await
        .unwrap();
    client
        .organizations()
        .delete("organization-test-1")
        .member_session_jwt("member.session.jwt")
        .await
        .unwrap();
    client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].method, "DELETE");
    assert_eq!(
        requests[0].target,
        "/v1/b2b/organizations/organization-test-1"
    );
    assert!(requests[0].body.is_empty());
    assert_eq!(
        requests[0].header("x-stytch-member-session"),
        Some("member-session-token")
    );
    assert_eq!(requests[0].header("x-stytch-member-sessionjwt"), None);
    assert_eq!(requests[1].header("x-stytch-member-session"), None);
    assert_eq!(
        requests[1].header("x-stytch-member-sessionjwt"),
        Some("member.session.jwt")
    );
    assert_eq!(requests[2].header("x-stytch-member-session"), None);
    assert_eq!(requests[2].header("x-stytch-member-sessionjwt"), None);
    assert_eq!(
        requests[2].body_keys(),
        ["email_address"],
        "headers never leak into the body"
    );
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused() {
    let server = MockServer::start().await;
    let error = server
        .b2b_client()
        .organizations()
        .delete("organization-test-1")
        .member_session_token("token\r\nX-Injected: 1")
        .await
        .unwrap_err();
    assert!(
        matches!(error, stytch::Error::InvalidArgument { .. }),
        "{error:?}"
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn struct_built_requests_can_be_sent() {
    let server = MockServer::start().await;
    server.always(Reply::ok());
    let client = server.consumer_client();

    let mut request = stytch::consumer::passwords::sessions::ResetRequest::new("new passphrase");
    request.session_token = Some("session-token".into());
    client.send(request).await.unwrap();

    assert_eq!(
        server.single_request().body_keys(),
        ["password", "session_token"]
    );
}

#[test]
fn call_futures_are_send() {
    fn assert_send<T: Send>(_: T) {}
    let client =
        stytch::consumer::Client::new(stytch_tests::PROJECT_ID, stytch_tests::SECRET).unwrap();
    assert_send(std::future::IntoFuture::into_future(
        client.passwords().sessions().reset("new passphrase"),
    ));
    assert_send(client.passwords().sessions().reset("new passphrase").send());
}
