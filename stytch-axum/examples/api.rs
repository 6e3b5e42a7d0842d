//! A small web service protected by Stytch, run offline against the local emulator: it starts
//! the emulator and the service, signs a user, a member and an M2M client in through the SDK,
//! then calls each route as a browser and as another service would, printing what comes back.
//!
//! ```sh
//! cargo run -p stytch-axum --example api
//! ```

use axum::routing::get;
use axum::Router;
use stytch_axum::{AuthorizedMember, M2mScoped, MemberSession, Session, StytchAuth};
use stytch_emulator::Emulator;

stytch_axum::permission!(
    /// Reading an organization's documents.
    ReadDocuments = "documents", "read"
);
stytch_axum::permission!(
    /// Changing them.
    WriteDocuments = "documents", "write"
);
stytch_axum::scopes!(ReadOrders = ["read:orders"]);

async fn me(session: Session) -> String {
    format!("signed in as {}", session.session.user_id)
}

async fn member(member: MemberSession) -> String {
    let session = &member.member_session;
    format!("{} of {}", session.member_id, session.organization_id)
}

async fn read_documents(member: AuthorizedMember<ReadDocuments>) -> String {
    format!("documents, allowed by {:?}", member.granting_roles)
}

async fn write_documents(_member: AuthorizedMember<WriteDocuments>) -> &'static str {
    "written"
}

async fn orders(caller: M2mScoped<ReadOrders>) -> String {
    format!("orders for {}", caller.client_id)
}

const PASSWORD: &str = "correct horse battery staple";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start().await?;
    let consumer = stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()?;
    let b2b = stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()?;

    // The service: its state is the StytchAuth the extractors read.
    let auth = StytchAuth::builder()
        .consumer(consumer.clone())
        .b2b(b2b.clone())
        .secure_cookie(false) // plain http on loopback
        .build();
    let app = Router::new()
        .route("/me", get(me))
        .route("/member", get(member))
        .route(
            "/orgs/{organization_id}/documents",
            get(read_documents).post(write_documents),
        )
        .route("/orders", get(orders))
        .layer(auth.cookie_layer())
        .with_state(auth);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let service = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!(
        "service on {service}, Stytch emulated at {}",
        emulator.base_url()
    );

    // A user, a member and an M2M client, made through the SDK.
    let user = consumer
        .passwords()
        .create("ada@example.com", PASSWORD)
        .session_duration_minutes(60)
        .await?;
    let user_jwt = user.session_jwt.ok_or("the emulator started no session")?;
    let organization = b2b.organizations().create("Acme, Inc.").await?.organization;
    let org = organization.organization_id;
    b2b.organizations()
        .members()
        .create(&org, "grace@acme.test")
        .await?;
    b2b.passwords()
        .email()
        .reset_start(&org, "grace@acme.test")
        .await?;
    let reset_token = emulator
        .latest_reset_token("grace@acme.test")
        .ok_or("no reset email")?;
    b2b.passwords().email().reset(reset_token, PASSWORD).await?;
    let member_jwt = b2b
        .passwords()
        .authenticate(&org, "grace@acme.test", PASSWORD)
        .await?
        .session_jwt
        .ok_or("no member session")?;
    let m2m = consumer
        .m2m()
        .clients()
        .create(vec!["read:orders".to_owned()])
        .await?
        .m2m_client;
    let token = consumer
        .m2m()
        .token(&m2m.client_id, &m2m.client_secret)
        .await?
        .access_token;

    let http = stytch::http_client_builder()?.build()?;
    let calls = [
        ("browser, no cookie", "GET", "/me".to_owned(), None),
        (
            "browser, user's cookie",
            "GET",
            "/me".to_owned(),
            Some(format!("cookie:stytch_session_jwt={user_jwt}")),
        ),
        (
            "browser, forged cookie",
            "GET",
            "/me".to_owned(),
            Some("cookie:stytch_session_jwt=eyJhbGciOiJub25lIn0.e30.".to_owned()),
        ),
        (
            "browser, member's cookie",
            "GET",
            "/member".to_owned(),
            Some(format!("cookie:stytch_session_jwt={member_jwt}")),
        ),
        (
            "member reads documents",
            "GET",
            format!("/orgs/{org}/documents"),
            Some(format!("cookie:stytch_session_jwt={member_jwt}")),
        ),
        (
            "member writes documents",
            "POST",
            format!("/orgs/{org}/documents"),
            Some(format!("cookie:stytch_session_jwt={member_jwt}")),
        ),
        (
            "member, another organization",
            "GET",
            "/orgs/organization-test-elsewhere/documents".to_owned(),
            Some(format!("cookie:stytch_session_jwt={member_jwt}")),
        ),
        (
            "service with its M2M token",
            "GET",
            "/orders".to_owned(),
            Some(format!("authorization:Bearer {token}")),
        ),
        (
            "service with a user's JWT",
            "GET",
            "/orders".to_owned(),
            Some(format!("authorization:Bearer {user_jwt}")),
        ),
    ];
    for (who, method, path, header) in calls {
        let mut request = http.request(method.parse()?, format!("{service}{path}"));
        if let Some((name, value)) = header.as_deref().and_then(|h| h.split_once(':')) {
            request = request.header(name, value);
        }
        let response = request.send().await?;
        let status = response.status();
        let body = response.text().await?;
        println!("{who:<30} {method:<4} {status:<25} {body}");
    }
    Ok(())
}
