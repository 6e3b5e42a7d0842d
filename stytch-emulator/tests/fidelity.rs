//! Fidelity to Stytch's wire contract, checked mechanically: a script drives every route the
//! emulator serves (`SERVED_ROUTES`), and every JSON body is checked against the response
//! type in `../shared/api/stytch-api.json`: each field the type marks required is present and
//! not null, recursively through nested objects, lists and maps. Every error met on the way
//! has Stytch's five error fields. The README's table must list every served route.

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// The response types of Stytch's endpoints, from the shared API description.
struct Spec {
    types: HashMap<String, Value>,
    responses: HashMap<(String, String), String>,
}

impl Spec {
    fn load() -> Spec {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/api/stytch-api.json"
        );
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let spec: Value = serde_json::from_str(&text).unwrap();
        let types = spec["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["ref"].as_str().unwrap().to_string(), t.clone()))
            .collect();
        let mut responses = HashMap::new();
        for e in spec["endpoints"].as_array().unwrap() {
            if let (Some(method), Some(path), Some(response)) = (
                e["http"].as_str(),
                e["path"].as_str(),
                e["response_type_ref"].as_str(),
            ) {
                responses.insert((method.to_string(), path.to_string()), response.to_string());
            }
        }
        Spec { types, responses }
    }

    /// Every required field of `type_ref` missing or null in `value`, as JSON paths.
    fn gaps(&self, type_ref: &str, value: &Value, at: &str, out: &mut Vec<String>) {
        let Some(ty) = self.types.get(type_ref) else {
            return; // an enum or a primitive
        };
        for field in ty["fields"].as_array().unwrap() {
            let wire = field["serde"]["rename"]
                .as_str()
                .or_else(|| field["name"].as_str())
                .unwrap();
            let here = format!("{at}.{wire}");
            let got = value.get(wire).unwrap_or(&Value::Null);
            if got.is_null() {
                if field["optional"] == false {
                    out.push(format!("{here} ({type_ref})"));
                }
                continue;
            }
            let rust_type = field["rust_type"].as_str().unwrap_or("");
            for nested in field["type_refs"].as_array().into_iter().flatten() {
                let nested = nested.as_str().unwrap();
                if rust_type.contains("HashMap<") {
                    for (k, v) in got.as_object().into_iter().flatten() {
                        self.gaps(nested, v, &format!("{here}[{k}]"), out);
                    }
                } else if rust_type.contains("Vec<") {
                    for (i, v) in got.as_array().into_iter().flatten().enumerate() {
                        self.gaps(nested, v, &format!("{here}[{i}]"), out);
                    }
                } else {
                    self.gaps(nested, got, &here, out);
                }
            }
        }
    }
}

/// Calls routes by their templates and keeps every answer.
struct Driver {
    raw: Raw,
    answers: Mutex<Vec<(String, String, StatusCode, Value)>>,
}

impl Driver {
    async fn call(
        &self,
        method: &str,
        template: &str,
        params: &[&str],
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut path = String::new();
        let mut rest = template;
        let mut params = params.iter();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').unwrap() + open;
            path.push_str(&rest[..open]);
            path.push_str(params.next().expect("a value for each placeholder"));
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self
            .raw
            .http
            .request(method.clone(), self.raw.url(&path))
            .basic_auth(
                self.raw.emulator.project_id(),
                Some(self.raw.emulator.secret()),
            );
        if let Some(body) = body {
            request = request.json(&body);
        }
        let (status, value) = read(request).await;
        let template = template.to_string();
        self.answers
            .lock()
            .unwrap()
            .push((method.to_string(), template, status, value.clone()));
        (status, value)
    }

    /// Calls and expects success.
    async fn ok(&self, method: &str, template: &str, params: &[&str], body: Value) -> Value {
        let body = (method != "GET" && method != "DELETE").then_some(body);
        let (status, value) = self.call(method, template, params, body).await;
        assert_eq!(status, StatusCode::OK, "{method} {template}: {value}");
        value
    }

    /// Calls with a query string appended to the filled-in path.
    async fn get_with_query(&self, template: &str, params: &[&str], query: &str) -> Value {
        let mut path = template.to_string();
        for p in params {
            let open = path.find('{').unwrap();
            let close = path[open..].find('}').unwrap() + open;
            path.replace_range(open..=close, p);
        }
        let request = self
            .raw
            .http
            .get(self.raw.url(&format!("{path}?{query}")))
            .basic_auth(
                self.raw.emulator.project_id(),
                Some(self.raw.emulator.secret()),
            );
        let (status, value) = read(request).await;
        self.answers
            .lock()
            .unwrap()
            .push(("GET".into(), template.into(), status, value.clone()));
        assert_eq!(status, StatusCode::OK, "GET {template}?{query}: {value}");
        value
    }

    /// Calls and expects a Stytch error of this status and type.
    async fn fails(
        &self,
        method: &str,
        template: &str,
        params: &[&str],
        body: Value,
        expected: (u16, &str),
    ) {
        let (status, value) = self.call(method, template, params, Some(body)).await;
        assert_eq!(
            (status.as_u16(), value["error_type"].as_str().unwrap_or("")),
            expected,
            "{method} {template}: {value}"
        );
    }
}

fn s(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("a string: {value}"))
        .to_string()
}

async fn consumer_script(d: &Driver) {
    let e = &d.raw.emulator;
    let pid = e.project_id().to_string();

    // users
    let created = d
        .ok(
            "POST",
            "/v1/users",
            &[],
            json!({ "email": "ada@example.com", "name": { "first_name": "Ada" } }),
        )
        .await;
    let ada = s(&created["user_id"]);
    let by_phone = d
        .ok(
            "POST",
            "/v1/users",
            &[],
            json!({ "phone_number": "+15555550177", "create_user_as_pending": true }),
        )
        .await;
    assert!(s(&by_phone["phone_id"]).starts_with("phone-number-test-"));
    assert_eq!(by_phone["status"], "pending");
    d.fails(
        "POST",
        "/v1/users",
        &[],
        json!({ "phone_number": "+15555550177" }),
        (400, "duplicate_phone_number"),
    )
    .await;
    d.ok("GET", "/v1/users/{user_id}", &[&ada], json!({})).await;
    d.ok(
        "PUT",
        "/v1/users/{user_id}",
        &[&ada],
        json!({ "untrusted_metadata": { "plan": "pro" }, "roles": ["editor"], "external_id": "ext-1" }),
    )
    .await;
    let found = d
        .ok(
            "POST",
            "/v1/users/search",
            &[],
            json!({ "limit": 10, "query": { "operator": "AND", "operands": [
                { "filter_name": "email_address", "filter_value": ["ada@example.com"] },
            ]}}),
        )
        .await;
    assert_eq!(found["results"][0]["user_id"], ada.as_str());
    d.fails(
        "POST",
        "/v1/users/search",
        &[],
        json!({ "query": { "operator": "AND", "operands": [{ "filter_name": "shoe_size", "filter_value": 9 }] } }),
        (400, "user_search_filter_name_not_recognized"),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/users/{user_id}/external_id",
        &[&ada],
        json!({}),
    )
    .await;

    // passwords
    let grace = d
        .ok(
            "POST",
            "/v1/passwords",
            &[],
            json!({ "email": "grace@example.com", "password": PASSWORD, "session_duration_minutes": 60 }),
        )
        .await;
    let grace_id = s(&grace["user_id"]);
    d.ok(
        "POST",
        "/v1/passwords/authenticate",
        &[],
        json!({ "email": "grace@example.com", "password": PASSWORD }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/passwords/strength_check",
        &[],
        json!({ "password": "short" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/passwords/migrate",
        &[],
        json!({ "email": "mig@example.com", "hash": stytch_emulator::hash_password(PASSWORD), "hash_type": "argon_2id" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/passwords/email/reset/start",
        &[],
        json!({ "email": "grace@example.com" }),
    )
    .await;
    let token = e.latest_reset_token("grace@example.com").unwrap();
    d.ok(
        "POST",
        "/v1/passwords/email/reset",
        &[],
        json!({ "token": token, "password": NEW_PASSWORD }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/passwords/existing_password/reset",
        &[],
        json!({ "email": "grace@example.com", "existing_password": NEW_PASSWORD, "new_password": PASSWORD, "session_duration_minutes": 60 }),
    )
    .await;
    let fresh = d
        .ok(
            "POST",
            "/v1/passwords/authenticate",
            &[],
            json!({ "email": "grace@example.com", "password": PASSWORD, "session_duration_minutes": 60 }),
        )
        .await;
    d.ok(
        "POST",
        "/v1/passwords/session/reset",
        &[],
        json!({ "password": NEW_PASSWORD, "session_token": fresh["session_token"] }),
    )
    .await;

    // magic links
    d.ok(
        "POST",
        "/v1/magic_links/email/login_or_create",
        &[],
        json!({ "email": "ml@example.com" }),
    )
    .await;
    let token = e.latest_token("ml@example.com").unwrap();
    let ml = d
        .ok(
            "POST",
            "/v1/magic_links/authenticate",
            &[],
            json!({ "token": token, "session_duration_minutes": 60 }),
        )
        .await;
    d.fails(
        "POST",
        "/v1/magic_links/authenticate",
        &[],
        json!({ "token": token }),
        (401, "unable_to_auth_magic_link"),
    )
    .await;
    d.ok(
        "POST",
        "/v1/magic_links/email/send",
        &[],
        json!({ "email": "ml@example.com" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/magic_links/email/invite",
        &[],
        json!({ "email": "inv@example.com" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/magic_links/email/revoke_invite",
        &[],
        json!({ "email": "inv@example.com" }),
    )
    .await;
    let embedded = d
        .ok(
            "POST",
            "/v1/magic_links",
            &[],
            json!({ "user_id": ml["user_id"] }),
        )
        .await;
    d.ok(
        "POST",
        "/v1/magic_links/authenticate",
        &[],
        json!({ "token": embedded["token"] }),
    )
    .await;

    // one-time passcodes
    let sms = d
        .ok(
            "POST",
            "/v1/otps/sms/login_or_create",
            &[],
            json!({ "phone_number": "+15555550100" }),
        )
        .await;
    let code = e.latest_code("+15555550100").unwrap();
    d.fails(
        "POST",
        "/v1/otps/authenticate",
        &[],
        json!({ "method_id": sms["phone_id"], "code": if code == "000000" { "111111" } else { "000000" } }),
        (404, "otp_code_not_found"),
    )
    .await;
    let otp = d
        .ok(
            "POST",
            "/v1/otps/authenticate",
            &[],
            json!({ "method_id": sms["phone_id"], "code": code, "session_duration_minutes": 30 }),
        )
        .await;
    d.ok(
        "POST",
        "/v1/otps/sms/send",
        &[],
        json!({ "phone_number": "+15555550100" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/otps/whatsapp/login_or_create",
        &[],
        json!({ "phone_number": "+15555550101" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/otps/whatsapp/send",
        &[],
        json!({ "phone_number": "+15555550101" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/otps/email/login_or_create",
        &[],
        json!({ "email": "otp@example.com" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/otps/email/send",
        &[],
        json!({ "email": "otp@example.com" }),
    )
    .await;

    // sessions
    let otp_user = s(&otp["user_id"]);
    let listed = d
        .get_with_query("/v1/sessions", &[], &format!("user_id={otp_user}"))
        .await;
    assert_eq!(listed["sessions"].as_array().unwrap().len(), 1);
    d.ok(
        "POST",
        "/v1/sessions/authenticate",
        &[],
        json!({ "session_token": otp["session_token"], "authorization_check": { "resource_id": "documents", "action": "read" } }),
    )
    .await;
    d.fails(
        "POST",
        "/v1/sessions/authenticate",
        &[],
        json!({ "session_token": otp["session_token"], "authorization_check": { "resource_id": "documents", "action": "delete" } }),
        (403, "consumer_session_authorization_error"),
    )
    .await;
    d.ok(
        "POST",
        "/v1/sessions/revoke",
        &[],
        json!({ "session_token": otp["session_token"] }),
    )
    .await;
    d.ok("GET", "/v1/sessions/jwks/{project_id}", &[&pid], json!({}))
        .await;

    // TOTP
    let totp = d
        .ok("POST", "/v1/totps", &[], json!({ "user_id": grace_id }))
        .await;
    let code = e.totp_code(totp["secret"].as_str().unwrap()).unwrap();
    d.ok(
        "POST",
        "/v1/totps/authenticate",
        &[],
        json!({ "user_id": grace_id, "totp_code": code }),
    )
    .await;
    let codes = d
        .ok(
            "POST",
            "/v1/totps/recovery_codes",
            &[],
            json!({ "user_id": grace_id }),
        )
        .await;
    let recovery = s(&codes["totps"][0]["recovery_codes"][0]);
    d.ok(
        "POST",
        "/v1/totps/recover",
        &[],
        json!({ "user_id": grace_id, "recovery_code": recovery }),
    )
    .await;

    // RBAC and metrics
    d.ok("GET", "/v1/rbac/policy", &[], json!({})).await;
    d.ok("GET", "/v1/projects/metrics", &[], json!({})).await;

    // deleting factors, then users
    let user = d
        .ok("GET", "/v1/users/{user_id}", &[&grace_id], json!({}))
        .await;
    d.ok(
        "DELETE",
        "/v1/users/totps/{totp_id}",
        &[&s(&totp["totp_id"])],
        json!({}),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/users/passwords/{password_id}",
        &[&s(&user["password"]["password_id"])],
        json!({}),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/users/phone_numbers/{phone_id}",
        &[&s(&sms["phone_id"])],
        json!({}),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/users/emails/{email_id}",
        &[&s(&created["email_id"])],
        json!({}),
    )
    .await;
    d.ok("DELETE", "/v1/users/{user_id}", &[&ada], json!({}))
        .await;
    d.fails(
        "PUT",
        "/v1/users/{user_id}",
        &[&ada],
        json!({}),
        (404, "user_not_found"),
    )
    .await;
}

async fn m2m_script(d: &Driver) {
    let pid = d.raw.emulator.project_id().to_string();
    let created = d
        .ok(
            "POST",
            "/v1/m2m/clients",
            &[],
            json!({ "scopes": ["read:users", "write:users"], "client_name": "billing" }),
        )
        .await;
    let id = s(&created["m2m_client"]["client_id"]);
    let secret = s(&created["m2m_client"]["client_secret"]);
    d.ok("GET", "/v1/m2m/clients/{client_id}", &[&id], json!({}))
        .await;
    d.ok(
        "PUT",
        "/v1/m2m/clients/{client_id}",
        &[&id],
        json!({ "client_description": "pays" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/m2m/clients/search",
        &[],
        json!({ "query": { "operator": "AND", "operands": [{ "filter_name": "scopes", "filter_value": ["read:users"] }] } }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/m2m/clients/{client_id}/secrets/rotate/start",
        &[&id],
        json!({}),
    )
    .await;
    d.ok(
        "POST",
        "/v1/m2m/clients/{client_id}/secrets/rotate/cancel",
        &[&id],
        json!({}),
    )
    .await;
    let next = d
        .ok(
            "POST",
            "/v1/m2m/clients/{client_id}/secrets/rotate/start",
            &[&id],
            json!({}),
        )
        .await;
    d.ok(
        "POST",
        "/v1/m2m/clients/{client_id}/secrets/rotate",
        &[&id],
        json!({}),
    )
    .await;
    d.fails(
        "POST",
        "/v1/m2m/clients/{client_id}/secrets/rotate",
        &[&id],
        json!({}),
        (400, "m2m_client_not_rotating_secret"),
    )
    .await;
    d.fails(
        "POST",
        "/v1/public/{project_id}/oauth2/token",
        &[&pid],
        json!({ "grant_type": "client_credentials", "client_id": id, "client_secret": secret }),
        (400, "unauthorized_credentials"),
    )
    .await;
    d.ok(
        "POST",
        "/v1/public/{project_id}/oauth2/token",
        &[&pid],
        json!({ "grant_type": "client_credentials", "client_id": id, "client_secret": next["m2m_client"]["next_client_secret"] }),
    )
    .await;
    d.ok("DELETE", "/v1/m2m/clients/{client_id}", &[&id], json!({}))
        .await;
}

async fn b2b_script(d: &Driver) {
    let e = &d.raw.emulator;
    let pid = e.project_id().to_string();
    let acme = d
        .ok(
            "POST",
            "/v1/b2b/organizations",
            &[],
            json!({
                "organization_name": "Acme",
                "email_allowed_domains": ["acme.test"],
                "email_jit_provisioning": "RESTRICTED",
            }),
        )
        .await;
    let acme = s(&acme["organization"]["organization_id"]);
    let globex = d
        .ok(
            "POST",
            "/v1/b2b/organizations",
            &[],
            json!({ "organization_name": "Globex" }),
        )
        .await;
    let globex = s(&globex["organization"]["organization_id"]);
    d.ok(
        "GET",
        "/v1/b2b/organizations/{organization_id}",
        &[&acme],
        json!({}),
    )
    .await;
    d.ok(
        "PUT",
        "/v1/b2b/organizations/{organization_id}",
        &[&acme],
        json!({ "organization_logo_url": "https://acme.test/logo.png", "mfa_policy": "OPTIONAL" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/organizations/search",
        &[],
        json!({ "query": { "operator": "AND", "operands": [{ "filter_name": "organization_slugs", "filter_value": ["acme"] }] } }),
    )
    .await;
    d.ok(
        "GET",
        "/v1/b2b/organizations/{organization_id}/metrics",
        &[&acme],
        json!({}),
    )
    .await;

    // RBAC
    d.ok("GET", "/v1/b2b/rbac/policy", &[], json!({})).await;
    d.ok(
        "PUT",
        "/v1/b2b/rbac/organizations/{organization_id}",
        &[&acme],
        json!({ "org_policy": { "roles": [{ "role_id": "auditor", "description": "Audits.", "permissions": [{ "resource_id": "documents", "actions": ["delete"] }] }] } }),
    )
    .await;
    d.ok(
        "GET",
        "/v1/b2b/rbac/organizations/{organization_id}",
        &[&acme],
        json!({}),
    )
    .await;

    // members
    let grace = d
        .ok(
            "POST",
            "/v1/b2b/organizations/{organization_id}/members",
            &[&acme],
            json!({ "email_address": "grace@acme.test", "roles": ["auditor"] }),
        )
        .await;
    let grace_id = s(&grace["member_id"]);
    d.get_with_query(
        "/v1/b2b/organizations/{organization_id}/member",
        &[&acme],
        &format!("member_id={grace_id}"),
    )
    .await;
    d.ok(
        "GET",
        "/v1/b2b/organizations/members/dangerously_get/{member_id}",
        &[&grace_id],
        json!({}),
    )
    .await;
    d.ok(
        "PUT",
        "/v1/b2b/organizations/{organization_id}/members/{member_id}",
        &[&acme, &grace_id],
        json!({ "name": "Grace Hopper" }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/organizations/members/search",
        &[],
        json!({ "organization_ids": [acme], "query": { "operator": "AND", "operands": [{ "filter_name": "member_emails", "filter_value": ["grace@acme.test"] }] } }),
    )
    .await;

    // passwords
    d.ok(
        "POST",
        "/v1/b2b/passwords/migrate",
        &[],
        json!({ "organization_id": acme, "email_address": "grace@acme.test", "hash": stytch_emulator::hash_password(PASSWORD), "hash_type": "argon_2id" }),
    )
    .await;
    let login = json!({ "organization_id": acme, "email_address": "grace@acme.test", "password": PASSWORD });
    let signed_in = d
        .ok("POST", "/v1/b2b/passwords/authenticate", &[], login)
        .await;
    d.ok(
        "POST",
        "/v1/b2b/passwords/strength_check",
        &[],
        json!({ "password": PASSWORD }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/passwords/email/reset/start",
        &[],
        json!({ "organization_id": acme, "email_address": "grace@acme.test" }),
    )
    .await;
    let token = e.latest_reset_token("grace@acme.test").unwrap();
    d.ok(
        "POST",
        "/v1/b2b/passwords/email/reset",
        &[],
        json!({ "password_reset_token": token, "password": NEW_PASSWORD }),
    )
    .await;
    let reset = d
        .ok(
            "POST",
            "/v1/b2b/passwords/existing_password/reset",
            &[],
            json!({ "organization_id": acme, "email_address": "grace@acme.test", "existing_password": NEW_PASSWORD, "new_password": PASSWORD }),
        )
        .await;
    let session = d
        .ok(
            "POST",
            "/v1/b2b/passwords/session/reset",
            &[],
            json!({ "organization_id": acme, "password": NEW_PASSWORD, "session_token": reset["session_token"] }),
        )
        .await;
    assert_eq!(signed_in["member"]["email_address"], "grace@acme.test");

    // sessions
    let token = s(&session["session_token"]);
    d.ok(
        "POST",
        "/v1/b2b/sessions/authenticate",
        &[],
        json!({ "session_token": token, "authorization_check": { "organization_id": acme, "resource_id": "documents", "action": "delete" } }),
    )
    .await;
    d.fails(
        "POST",
        "/v1/b2b/sessions/authenticate",
        &[],
        json!({ "session_token": token, "authorization_check": { "organization_id": globex, "resource_id": "documents", "action": "read" } }),
        (403, "session_authorization_tenancy_error"),
    )
    .await;
    d.get_with_query(
        "/v1/b2b/sessions",
        &[],
        &format!("organization_id={acme}&member_id={grace_id}"),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/organizations/{organization_id}/members",
        &[&globex],
        json!({ "email_address": "grace@acme.test" }),
    )
    .await;
    let exchanged = d
        .ok(
            "POST",
            "/v1/b2b/sessions/exchange",
            &[],
            json!({ "organization_id": globex, "session_token": token }),
        )
        .await;
    d.ok(
        "POST",
        "/v1/b2b/sessions/revoke",
        &[],
        json!({ "session_token": exchanged["session_token"] }),
    )
    .await;
    d.ok(
        "GET",
        "/v1/b2b/sessions/jwks/{project_id}",
        &[&pid],
        json!({}),
    )
    .await;

    // magic links
    d.ok(
        "POST",
        "/v1/b2b/magic_links/email/login_or_signup",
        &[],
        json!({ "organization_id": acme, "email_address": "new@acme.test" }),
    )
    .await;
    let token = e.latest_token("new@acme.test").unwrap();
    d.ok(
        "POST",
        "/v1/b2b/magic_links/authenticate",
        &[],
        json!({ "magic_links_token": token }),
    )
    .await;
    d.fails(
        "POST",
        "/v1/b2b/magic_links/email/login_or_signup",
        &[],
        json!({ "organization_id": globex, "email_address": "stranger@else.test" }),
        (403, "email_jit_provisioning_not_allowed"),
    )
    .await;
    let invited = d
        .ok(
            "POST",
            "/v1/b2b/magic_links/email/invite",
            &[],
            json!({ "organization_id": globex, "email_address": "invitee@else.test" }),
        )
        .await;
    assert_eq!(invited["member"]["status"], "invited");
    d.ok(
        "POST",
        "/v1/b2b/magic_links/email/discovery/send",
        &[],
        json!({ "email_address": "grace@acme.test" }),
    )
    .await;
    let token = e.latest_token("grace@acme.test").unwrap();
    let discovery = d
        .ok(
            "POST",
            "/v1/b2b/magic_links/discovery/authenticate",
            &[],
            json!({ "discovery_magic_links_token": token }),
        )
        .await;
    assert_eq!(
        discovery["discovered_organizations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let ist = s(&discovery["intermediate_session_token"]);
    d.ok(
        "POST",
        "/v1/b2b/discovery/organizations",
        &[],
        json!({ "intermediate_session_token": ist }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/discovery/intermediate_sessions/exchange",
        &[],
        json!({ "intermediate_session_token": ist, "organization_id": acme }),
    )
    .await;
    d.fails(
        "POST",
        "/v1/b2b/discovery/intermediate_sessions/exchange",
        &[],
        json!({ "intermediate_session_token": ist, "organization_id": acme }),
        (404, "intermediate_session_not_found"),
    )
    .await;

    // email passcodes
    d.ok(
        "POST",
        "/v1/b2b/otps/email/login_or_signup",
        &[],
        json!({ "organization_id": acme, "email_address": "grace@acme.test" }),
    )
    .await;
    let code = e.latest_code("grace@acme.test").unwrap();
    d.ok(
        "POST",
        "/v1/b2b/otps/email/authenticate",
        &[],
        json!({ "organization_id": acme, "email_address": "grace@acme.test", "code": code }),
    )
    .await;
    d.ok(
        "POST",
        "/v1/b2b/otps/email/discovery/send",
        &[],
        json!({ "email_address": "founder@new.test" }),
    )
    .await;
    let code = e.latest_code("founder@new.test").unwrap();
    let discovery = d
        .ok(
            "POST",
            "/v1/b2b/otps/email/discovery/authenticate",
            &[],
            json!({ "email_address": "founder@new.test", "code": code }),
        )
        .await;
    let founded = d
        .ok(
            "POST",
            "/v1/b2b/discovery/organizations/create",
            &[],
            json!({ "intermediate_session_token": discovery["intermediate_session_token"], "organization_name": "Initech" }),
        )
        .await;
    assert_eq!(founded["member"]["is_admin"], true);

    // deleting
    let member = d
        .ok(
            "GET",
            "/v1/b2b/organizations/members/dangerously_get/{member_id}",
            &[&grace_id],
            json!({}),
        )
        .await;
    d.ok(
        "DELETE",
        "/v1/b2b/organizations/{organization_id}/members/passwords/{member_password_id}",
        &[&acme, &s(&member["member"]["member_password_id"])],
        json!({}),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/b2b/organizations/{organization_id}/members/{member_id}",
        &[&acme, &grace_id],
        json!({}),
    )
    .await;
    d.ok(
        "PUT",
        "/v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate",
        &[&acme, &grace_id],
        json!({}),
    )
    .await;
    d.ok(
        "DELETE",
        "/v1/b2b/organizations/{organization_id}",
        &[&globex],
        json!({}),
    )
    .await;
}

#[tokio::test]
async fn every_route_answers_with_every_required_field() {
    let spec = Spec::load();
    // The check itself finds gaps: an empty body misses every required field, and a JWK
    // without `use` (renamed from the SDK's `use_`) is caught inside the list.
    let mut found = Vec::new();
    spec.gaps("consumer::users::GetResponse", &json!({}), "", &mut found);
    assert!(found.iter().any(|g| g.starts_with(".user_id")), "{found:?}");
    found.clear();
    let jwks = json!({ "request_id": "r", "status_code": 200, "keys": [{ "kty": "RSA" }] });
    spec.gaps("consumer::sessions::GetJWKSResponse", &jwks, "", &mut found);
    assert!(
        found.iter().any(|g| g.starts_with(".keys[0].use ")),
        "{found:?}"
    );

    let d = Driver {
        raw: Raw::start().await,
        answers: Mutex::new(Vec::new()),
    };
    consumer_script(&d).await;
    m2m_script(&d).await;
    b2b_script(&d).await;

    let answers = d.answers.into_inner().unwrap();
    let mut gaps = Vec::new();
    let mut succeeded = HashSet::new();
    for (method, template, status, body) in &answers {
        if !status.is_success() {
            assert_error_shape(*status, body);
            continue;
        }
        succeeded.insert((method.clone(), template.clone()));
        let key = (method.clone(), template.clone());
        let response = spec
            .responses
            .get(&key)
            .unwrap_or_else(|| panic!("{method} {template} is not in the spec"));
        let mut found = Vec::new();
        spec.gaps(response, body, "", &mut found);
        for gap in found {
            gaps.push(format!("{method} {template}: {gap}"));
        }
        assert_eq!(body["status_code"], 200, "{method} {template}: {body}");
        assert!(
            body["request_id"]
                .as_str()
                .is_some_and(|r| r.starts_with("request-id-test-")),
            "{method} {template}: {body}"
        );
    }
    assert!(
        gaps.is_empty(),
        "required fields missing or null:\n{}",
        gaps.join("\n")
    );
    let missed: Vec<_> = stytch_emulator::SERVED_ROUTES
        .iter()
        .filter(|(_, path)| !path.starts_with("/emulator/"))
        .filter(|(m, p)| !succeeded.contains(&(m.to_string(), p.to_string())))
        .collect();
    assert!(
        missed.is_empty(),
        "routes the script never drove to success: {missed:?}"
    );
}

#[test]
fn the_readme_lists_every_served_route() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README.md");
    let missing: Vec<String> = stytch_emulator::SERVED_ROUTES
        .iter()
        .filter(|(_, path)| !path.starts_with("/emulator/"))
        .map(|(method, path)| format!("`{method} {path}`"))
        .filter(|route| !readme.contains(route))
        .collect();
    assert!(missing.is_empty(), "add to the README's table: {missing:?}");
    assert!(stytch_emulator::SERVED_ROUTES.len() - 3 >= 90);
}
