//! Authentication of API calls and the shape of every error: bad input gets a Stytch-style
//! 4xx body, never a panic or a 5xx.

mod common;

use common::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn calls_without_the_project_credentials_are_refused() {
    let raw = Raw::start().await;
    let url = raw.url("/v1/users");
    let body = json!({ "email": "ada@example.com" });
    for request in [
        raw.http.post(&url).json(&body),
        raw.http
            .post(&url)
            .json(&body)
            .basic_auth(raw.emulator.project_id(), Some("wrong")),
        raw.http
            .post(&url)
            .json(&body)
            .basic_auth("project-test-other", Some(raw.emulator.secret())),
        raw.http
            .post(&url)
            .json(&body)
            .header("authorization", "Bearer token"),
    ] {
        let (status, body) = read(request).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_error_shape(status, &body);
        assert_eq!(body["error_type"], "unauthorized_credentials");
    }
    assert!(raw.emulator.outbox().is_empty());
}

#[tokio::test]
async fn unreadable_bodies_are_bad_requests() {
    let raw = Raw::start().await;
    let url = raw.url("/v1/passwords");
    for junk in [
        "{",
        "[]",
        "null",
        "\"text\"",
        "{\"email\": 5, \"password\": true}",
        "\u{0}\u{1}",
    ] {
        let request = raw
            .http
            .post(&url)
            .basic_auth(raw.emulator.project_id(), Some(raw.emulator.secret()))
            .header("content-type", "application/json")
            .body(junk);
        let (status, body) = read(request).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{junk:?}");
        assert_error_shape(status, &body);
        assert_eq!(body["error_type"], "bad_request");
    }
    // A missing required field names the field.
    let (status, body) = raw
        .post("/v1/passwords", json!({ "email": "ada@example.com" }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error_message"].as_str().unwrap().contains("password"),
        "{body}"
    );
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_in_stytch_shape() {
    let raw = Raw::start().await;
    let (status, body) = raw.get("/v1/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error_shape(status, &body);
    assert_eq!(body["error_type"], "route_not_found");
    assert!(
        body["error_message"]
            .as_str()
            .unwrap()
            .contains("/v1/nowhere"),
        "{body}"
    );

    // A known path with a method it does not serve is the same 404, not a 405.
    let (status, body) = raw.get("/v1/passwords").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error_shape(status, &body);
    assert_eq!(body["error_type"], "route_not_found");
    assert!(body["error_message"]
        .as_str()
        .unwrap()
        .contains("GET /v1/passwords"));

    // Without credentials too: an unknown route is not a 401.
    let (status, body) = read(raw.http.delete(raw.url("/v1/unknown/thing"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error_shape(status, &body);
}

/// Every route, fed bodies of the wrong shape, answers 4xx with Stytch's error body.
#[tokio::test]
async fn no_route_fails_badly_on_junk() {
    let raw = Raw::start().await;
    let pid = raw.emulator.project_id().to_string();
    let routes = [
        "/v1/users",
        "/v1/passwords",
        "/v1/passwords/authenticate",
        "/v1/passwords/strength_check",
        "/v1/passwords/migrate",
        "/v1/passwords/email/reset/start",
        "/v1/passwords/email/reset",
        "/v1/passwords/existing_password/reset",
        "/v1/passwords/session/reset",
        "/v1/sessions/authenticate",
        "/v1/sessions/revoke",
        "/v1/b2b/organizations",
        "/v1/b2b/organizations/organization-test-missing/members",
        "/v1/b2b/passwords/authenticate",
        "/v1/b2b/passwords/strength_check",
        "/v1/b2b/passwords/migrate",
        "/v1/b2b/passwords/email/reset/start",
        "/v1/b2b/passwords/email/reset",
        "/v1/b2b/passwords/existing_password/reset",
        "/v1/b2b/passwords/session/reset",
        "/v1/b2b/sessions/authenticate",
        "/v1/b2b/sessions/revoke",
        "/v1/m2m/clients",
        "/emulator/clock/advance",
    ];
    let token_route = format!("/v1/public/{pid}/oauth2/token");
    let junk = [
        json!({}),
        json!({ "email": "", "password": "", "token": "", "session_token": "" }),
        json!({ "email": "x@y.z", "password": "p", "session_duration_minutes": -1 }),
        json!({ "session_jwt": "a.b.c", "session_duration_minutes": 99999999 }),
        json!({
            "organization_id": "",
            "email_address": "nope",
            "password_reset_token": "x",
            "password": "😀",
        }),
        json!({ "scopes": ["has space"], "organization_name": "", "seconds": 1e30 }),
        json!([1, 2, 3]),
    ];
    for route in routes.iter().copied().chain([token_route.as_str()]) {
        for body in &junk {
            let (status, answer) = raw.post(route, body.clone()).await;
            if status.is_success() {
                continue; // some junk is fine for lenient routes (strength check, empty revoke...)
            }
            assert!(
                status.is_client_error(),
                "{route} {body}: {status} {answer}"
            );
            assert_error_shape(status, &answer);
        }
    }
}

#[tokio::test]
async fn jwks_are_public_like_any_key_set() {
    let raw = Raw::start().await;
    let pid = raw.emulator.project_id().to_string();
    for path in [
        format!("/v1/sessions/jwks/{pid}"),
        format!("/v1/b2b/sessions/jwks/{pid}"),
    ] {
        let (status, body) = read(raw.http.get(raw.url(&path))).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert_eq!(body["keys"], raw.emulator.jwks()["keys"]);
        assert_eq!(body["status_code"], 200);
    }
    // Every other route still needs the project's credentials.
    let (status, _) = read(raw.http.get(raw.url("/v1/rbac/policy"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn jwks_is_served_only_for_this_project() {
    let raw = Raw::start().await;
    let pid = raw.emulator.project_id().to_string();
    for path in [
        format!("/v1/sessions/jwks/{pid}"),
        format!("/v1/b2b/sessions/jwks/{pid}"),
    ] {
        let (status, body) = raw.get(&path).await;
        assert_eq!(status, StatusCode::OK);
        let key = &body["keys"][0];
        for field in [
            "kty", "use", "key_ops", "alg", "kid", "x5c", "x5tS256", "n", "e",
        ] {
            assert!(!key[field].is_null(), "{field} missing: {key}");
        }
        assert_eq!(key["alg"], "RS256");
        assert_eq!(body["keys"], raw.emulator.jwks()["keys"]);
    }
    let (status, body) = raw.get("/v1/sessions/jwks/project-test-someone-else").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_error_shape(status, &body);
}
