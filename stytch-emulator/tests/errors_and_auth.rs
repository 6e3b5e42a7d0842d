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

/// Every served route, fed bodies of the wrong shape and ids that exist nowhere, answers
/// 2xx or 4xx with Stytch's error body: never a panic or a 5xx.
#[tokio::test]
async fn no_route_fails_badly_on_junk() {
    let raw = Raw::start().await;
    let pid = raw.emulator.project_id().to_string();
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
            "phone_number": "+1",
            "method_id": "x",
            "code": "1",
        }),
        json!({ "scopes": ["has space"], "organization_name": "", "seconds": 1e30, "query": 5 }),
        json!({ "query": { "operator": "NOR" }, "limit": -5, "cursor": "???" }),
        json!([1, 2, 3]),
    ];
    for (method, template) in stytch_emulator::SERVED_ROUTES {
        let mut path = template.replace("{project_id}", &pid);
        while let Some(open) = path.find('{') {
            let close = path[open..].find('}').unwrap() + open;
            path.replace_range(open..=close, "id-test-missing");
        }
        for body in &junk {
            let request = raw
                .http
                .request(method.parse().unwrap(), raw.url(&path))
                .basic_auth(raw.emulator.project_id(), Some(raw.emulator.secret()))
                .json(body);
            let (status, answer) = read(request).await;
            if status.is_success() {
                continue; // some junk is fine for lenient routes (strength check, lists...)
            }
            assert!(
                status.is_client_error(),
                "{method} {path} {body}: {status} {answer}"
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

#[tokio::test]
async fn requests_are_counted_per_route_refused_or_not() {
    let raw = Raw::start().await;
    let route = "/v1/users/{user_id}";
    assert_eq!(raw.emulator.request_count("GET", route), 0);
    raw.get("/v1/users/user-test-1").await;
    raw.get("/v1/users/user-test-2").await;
    let (status, _) = read(raw.http.get(raw.url("/v1/users/user-test-3"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(raw.emulator.request_count("GET", route), 3);
    assert_eq!(raw.emulator.request_count("DELETE", route), 0);
    raw.get("/v1/no/such/route").await;
    assert_eq!(raw.emulator.request_count("GET", "/v1/no/such/route"), 0);
}
