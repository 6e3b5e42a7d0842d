//! A service under test: a real axum server on 127.0.0.1, called with reqwest.

#![allow(dead_code)] // each test file uses a part

use axum::extract::Extension;
use axum::routing::get;
use axum::Router;
use std::time::Duration;
use stytch_axum::{
    Authorized, AuthorizedMember, M2mCaller, M2mScoped, MemberSession, Session, StytchAuth,
};

stytch_axum::permission!(pub ReadDocuments = "documents", "read");
stytch_axum::permission!(pub WriteDocuments = "documents", "write");
stytch_axum::permission!(pub ReadByHeader = "documents", "read", organization = header "x-organization-id");
stytch_axum::scopes!(pub ReadOrders = ["read:orders"]);

pub const PASSWORD: &str = "a long passphrase for tests";

/// The routes every test calls; each answers with who the caller is.
pub fn router(auth: StytchAuth) -> Router {
    Router::new()
        .route("/me", get(|s: Session| async move { s.session.user_id }))
        .route(
            "/maybe",
            get(|s: Option<Session>| async move {
                s.map_or_else(|| "anonymous".to_owned(), |s| s.session.user_id)
            }),
        )
        .route(
            "/member",
            get(|m: MemberSession| async move { m.member_session.member_id }),
        )
        .route(
            "/orgs/{organization_id}/documents",
            get(|m: AuthorizedMember<ReadDocuments>| async move { m.granting_roles.join(",") })
                .post(
                    |m: AuthorizedMember<WriteDocuments>| async move { m.granting_roles.join(",") },
                ),
        )
        .route(
            "/documents",
            get(|m: AuthorizedMember<ReadByHeader>| async move {
                m.member_session.organization_id.clone()
            }),
        )
        .route(
            "/user-documents",
            get(|u: Authorized<ReadDocuments>| async move { u.granting_roles.join(",") }),
        )
        .route("/caller", get(|c: M2mCaller| async move { c.client_id }))
        .route(
            "/orders",
            get(|c: M2mScoped<ReadOrders>| async move { c.client_id.clone() }),
        )
        .route(
            "/layered",
            get(|Extension(s): Extension<Session>| async move { s.session.user_id })
                .route_layer(auth.require_session()),
        )
        .route(
            "/layered/orgs/{organization_id}",
            get(|Extension(m): Extension<MemberSession>| async move { m.member_session.member_id })
                .route_layer(auth.require_member_permission::<WriteDocuments>()),
        )
        .route(
            "/layered/orders",
            get(|Extension(c): Extension<M2mCaller>| async move { c.client_id })
                .route_layer(auth.require_m2m::<ReadOrders>()),
        )
        .layer(auth.cookie_layer())
        .with_state(auth)
}

/// Serves `router` on a free loopback port; returns its base URL.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    url
}

/// The browser, or the calling service.
pub fn http() -> reqwest::Client {
    stytch::http_client_builder()
        .unwrap()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// An auth setup with both clients against one Stytch (emulator or test server).
pub fn auth(base_url: &str, project_id: &str, secret: &str) -> stytch_axum::StytchAuthBuilder {
    let consumer = stytch::consumer::Client::builder(project_id, secret)
        .base_url(base_url)
        .build()
        .unwrap();
    let b2b = stytch::b2b::Client::builder(project_id, secret)
        .base_url(base_url)
        .build()
        .unwrap();
    StytchAuth::builder()
        .consumer(consumer)
        .b2b(b2b)
        .secure_cookie(false)
}

/// Status and body of a GET with these headers.
pub async fn get_with(
    url: &str,
    headers: &[(&str, &[u8])],
) -> (u16, String, reqwest::header::HeaderMap) {
    let mut request = http().get(url);
    for (name, value) in headers {
        request = request.header(
            *name,
            reqwest::header::HeaderValue::from_bytes(value).expect("a header value"),
        );
    }
    let response = request.send().await.expect("the service answers");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, response.text().await.unwrap(), headers)
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

pub fn cookie(token: &str) -> String {
    format!("stytch_session_jwt={token}")
}

/// Lets this process hold many sockets at once (the concurrency test opens a thousand).
pub fn raise_fd_limit() {
    // SAFETY: getrlimit/setrlimit read and write a plain struct we own.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 {
            limit.rlim_cur = limit.rlim_max.min(16_384);
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Asserts the answer to an unauthenticated request: 401, the challenge, a body without the
/// token in it.
pub fn assert_unauthenticated(answer: &(u16, String, reqwest::header::HeaderMap), token: &str) {
    let (status, body, headers) = answer;
    assert_eq!(*status, 401, "{body}");
    assert_eq!(
        headers
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer error=\"invalid_token\"")
    );
    assert_eq!(body, "{\"error\":\"unauthenticated\"}");
    if token.len() > 8 {
        assert!(!body.contains(&token[..8]));
    }
}
