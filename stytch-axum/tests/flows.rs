//! The service against the emulator: real users, members, sessions and M2M clients, made
//! through the SDK, then presented by a browser and by a calling service.

mod common;

use common::*;
use std::time::Duration;
use stytch_emulator::Emulator;

fn consumer(emulator: &Emulator) -> stytch::consumer::Client {
    stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()
        .unwrap()
}

fn b2b(emulator: &Emulator) -> stytch::b2b::Client {
    stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()
        .unwrap()
}

fn service_auth(emulator: &Emulator) -> stytch_axum::StytchAuthBuilder {
    auth(
        emulator.base_url(),
        emulator.project_id(),
        emulator.secret(),
    )
}

/// A user with a password and a live session: (user_id, session token, session JWT).
async fn user_session(client: &stytch::consumer::Client, email: &str) -> (String, String, String) {
    let created = client
        .passwords()
        .create(email, PASSWORD)
        .session_duration_minutes(60)
        .await
        .expect("user created");
    (
        created.user_id,
        created.session_token.expect("a session"),
        created.session_jwt.expect("a session JWT"),
    )
}

/// An organization with a member signed in by password: (organization_id, member_id, JWT).
async fn member_session(
    client: &stytch::b2b::Client,
    emulator: &Emulator,
    organization_name: &str,
    email: &str,
) -> (String, String, String) {
    let organization_id = client
        .organizations()
        .create(organization_name)
        .await
        .expect("organization")
        .organization
        .organization_id;
    let member_id = client
        .organizations()
        .members()
        .create(&organization_id, email)
        .await
        .expect("member")
        .member_id;
    client
        .passwords()
        .email()
        .reset_start(&organization_id, email)
        .await
        .expect("reset start");
    let token = emulator.latest_reset_token(email).expect("reset email");
    client
        .passwords()
        .email()
        .reset(token, PASSWORD)
        .await
        .expect("first password");
    let login = client
        .passwords()
        .authenticate(&organization_id, email, PASSWORD)
        .await
        .expect("login");
    (
        organization_id,
        member_id,
        login.session_jwt.expect("a session JWT"),
    )
}

#[tokio::test]
async fn consumer_and_member_sessions_pass_by_cookie_and_by_bearer() {
    let emulator = Emulator::start().await.unwrap();
    let (user_id, _, user_jwt) = user_session(&consumer(&emulator), "ada@example.com").await;
    let (_, member_id, member_jwt) =
        member_session(&b2b(&emulator), &emulator, "Acme", "grace@acme.test").await;
    let service = serve(router(service_auth(&emulator).build())).await;

    for (path, jwt, expected) in [
        ("/me", &user_jwt, &user_id),
        ("/member", &member_jwt, &member_id),
    ] {
        for header in [("cookie", cookie(jwt)), ("authorization", bearer(jwt))] {
            let (status, body, _) = get_with(
                &format!("{service}{path}"),
                &[(header.0, header.1.as_bytes())],
            )
            .await;
            assert_eq!((status, &body), (200, expected), "{path} by {}", header.0);
        }
    }
    // Each kind is refused where the other is required.
    assert_unauthenticated(
        &get_with(
            &format!("{service}/member"),
            &[("cookie", cookie(&user_jwt).as_bytes())],
        )
        .await,
        &user_jwt,
    );
}

#[tokio::test]
async fn another_projects_token_gets_401() {
    let ours = Emulator::start().await.unwrap();
    let theirs = Emulator::start().await.unwrap();
    let (_, _, foreign) = user_session(&consumer(&theirs), "eve@example.com").await;
    let service = serve(router(service_auth(&ours).build())).await;

    let answer = get_with(
        &format!("{service}/me"),
        &[("cookie", cookie(&foreign).as_bytes())],
    )
    .await;
    assert_unauthenticated(&answer, &foreign);
}

/// With a short maximum age every JWT goes to Stytch: a live session comes back refreshed, in
/// the same cookie; a revoked one is refused.
#[tokio::test]
async fn stytch_refreshes_live_sessions_into_the_cookie_and_refuses_revoked_ones() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let (user_id, token, jwt) = user_session(&client, "ada@example.com").await;
    let service = serve(router(
        service_auth(&emulator)
            .max_token_age(Duration::ZERO)
            .secure_cookie(true)
            .build(),
    ))
    .await;
    tokio::time::sleep(Duration::from_millis(1100)).await; // older than zero seconds

    let (status, body, headers) = get_with(
        &format!("{service}/me"),
        &[("cookie", cookie(&jwt).as_bytes())],
    )
    .await;
    assert_eq!((status, &body), (200, &user_id));
    let set_cookie = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("the refreshed JWT is set");
    let refreshed = set_cookie
        .strip_prefix("stytch_session_jwt=")
        .and_then(|rest| rest.split(';').next())
        .expect("the same cookie");
    assert_eq!(refreshed.split('.').count(), 3, "a JWT: {set_cookie}");
    for attribute in ["Path=/", "HttpOnly", "SameSite=Lax", "Secure", "Max-Age="] {
        assert!(
            set_cookie.contains(attribute),
            "{attribute} in {set_cookie}"
        );
    }

    client
        .sessions()
        .revoke()
        .session_token(token)
        .await
        .expect("revoked");
    let answer = get_with(
        &format!("{service}/me"),
        &[("cookie", cookie(&jwt).as_bytes())],
    )
    .await;
    assert_unauthenticated(&answer, &jwt);
    assert!(answer.2.get("set-cookie").is_none());
}

#[tokio::test]
async fn member_permissions_check_the_organization_first_then_the_roles() {
    let emulator = Emulator::start().await.unwrap();
    let client = b2b(&emulator);
    let (acme, _, acme_jwt) = member_session(&client, &emulator, "Acme", "grace@acme.test").await;
    let (globex, _, _) = member_session(&client, &emulator, "Globex", "hank@globex.test").await;
    let service = serve(router(service_auth(&emulator).build())).await;
    let http = http();
    let call = |method: reqwest::Method, org: &str| {
        http.request(method, format!("{service}/orgs/{org}/documents"))
            .header("cookie", cookie(&acme_jwt))
            .send()
    };

    let read = call(reqwest::Method::GET, &acme).await.unwrap();
    assert_eq!(read.status(), 200);
    assert_eq!(read.text().await.unwrap(), "stytch_member");
    let write = call(reqwest::Method::POST, &acme).await.unwrap();
    assert_eq!(
        write.status(),
        403,
        "a plain member may not write documents"
    );
    let elsewhere = call(reqwest::Method::GET, &globex).await.unwrap();
    assert_eq!(elsewhere.status(), 403, "not a member of that organization");
    assert_eq!(elsewhere.text().await.unwrap(), "{\"error\":\"forbidden\"}");

    let by_header = http
        .get(format!("{service}/documents"))
        .header("cookie", cookie(&acme_jwt))
        .header("x-organization-id", &acme)
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.status(), 200);
    let no_header = http
        .get(format!("{service}/documents"))
        .header("cookie", cookie(&acme_jwt))
        .send()
        .await
        .unwrap();
    assert_eq!(no_header.status(), 403);

    let layered = http
        .get(format!("{service}/layered/orgs/{acme}"))
        .header("cookie", cookie(&acme_jwt))
        .send()
        .await
        .unwrap();
    assert_eq!(layered.status(), 403, "the layer checks the role too");
}

#[tokio::test]
async fn layers_authenticate_whole_routes_and_hand_the_identity_over() {
    let emulator = Emulator::start().await.unwrap();
    let (user_id, _, jwt) = user_session(&consumer(&emulator), "ada@example.com").await;
    let service = serve(router(service_auth(&emulator).build())).await;

    let (status, body, _) = get_with(
        &format!("{service}/layered"),
        &[("authorization", bearer(&jwt).as_bytes())],
    )
    .await;
    assert_eq!((status, &body), (200, &user_id));
    assert_unauthenticated(&get_with(&format!("{service}/layered"), &[]).await, "");
}

#[tokio::test]
async fn m2m_clients_call_with_their_tokens() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let m2m = client
        .m2m()
        .clients()
        .create(vec!["read:orders".to_owned(), "write:orders".to_owned()])
        .await
        .expect("M2M client")
        .m2m_client;
    let with_read = client
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .scopes(["read:orders"])
        .await
        .expect("token")
        .access_token;
    let write_only = client
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .scopes(["write:orders"])
        .await
        .expect("token")
        .access_token;
    let service = serve(router(service_auth(&emulator).build())).await;

    for path in ["/orders", "/layered/orders"] {
        let ok = get_with(
            &format!("{service}{path}"),
            &[("authorization", bearer(&with_read).as_bytes())],
        )
        .await;
        assert_eq!((ok.0, &ok.1), (200, &m2m.client_id), "{path}");
        let short = get_with(
            &format!("{service}{path}"),
            &[("authorization", bearer(&write_only).as_bytes())],
        )
        .await;
        assert_eq!(short.0, 403, "{path}");
    }
}

#[tokio::test]
async fn a_users_permission_comes_from_the_consumer_policy() {
    let emulator = Emulator::start().await.unwrap();
    let (_, _, jwt) = user_session(&consumer(&emulator), "ada@example.com").await;
    let service = serve(router(service_auth(&emulator).build())).await;

    let (status, body, _) = get_with(
        &format!("{service}/user-documents"),
        &[("cookie", cookie(&jwt).as_bytes())],
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "stytch_user"));
}

/// Without a JWT, the opaque session token's cookie is asked of Stytch, and the JWT that comes
/// back is set in the JWT cookie; local-only services never ask.
#[tokio::test]
async fn the_session_token_cookie_stands_in_for_a_missing_jwt() {
    let emulator = Emulator::start().await.unwrap();
    let client = consumer(&emulator);
    let (user_id, token, _) = user_session(&client, "ada@example.com").await;
    let service = serve(router(service_auth(&emulator).build())).await;
    let local = serve(router(service_auth(&emulator).local_only(true).build())).await;
    let token_cookie = format!("stytch_session={token}");

    let (status, body, headers) = get_with(
        &format!("{service}/me"),
        &[("cookie", token_cookie.as_bytes())],
    )
    .await;
    assert_eq!((status, &body), (200, &user_id));
    let set = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(set.starts_with("stytch_session_jwt=ey"), "{set}");

    assert_unauthenticated(
        &get_with(
            &format!("{local}/me"),
            &[("cookie", token_cookie.as_bytes())],
        )
        .await,
        &token,
    );
    client
        .sessions()
        .revoke()
        .session_token(&token)
        .await
        .unwrap();
    assert_unauthenticated(
        &get_with(
            &format!("{service}/me"),
            &[("cookie", token_cookie.as_bytes())],
        )
        .await,
        &token,
    );
}
