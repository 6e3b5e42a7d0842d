//! The password-reset flows, consumer and B2B.
//!
//! Without `STYTCH_PROJECT_ID` and `STYTCH_SECRET` this starts a local emulator
//! (`stytch-emulator`) and runs both flows end to end, offline: create an account, start a
//! reset, read the token from the emulator's outbox, reset, show the new session, and show
//! that the old session was revoked.
//!
//! With credentials set (and `STYTCH_BASE_URL` for a custom domain) it talks to Stytch, where
//! the reset link goes to a real inbox:
//! - `EXAMPLE_EMAIL=you@example.com` starts a consumer reset (Stytch emails a link);
//! - `EXAMPLE_RESET_TOKEN=... EXAMPLE_NEW_PASSWORD=...` completes it with the token from that link.
//!
//! ```text
//! cargo run -p stytch --example password_reset
//! ```

use std::env;
use std::error::Error;

use stytch_emulator::Emulator;

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

const PASSWORD: &str = "a long first passphrase";
const NEW_PASSWORD: &str = "a long new passphrase";

#[tokio::main]
async fn main() -> Result {
    match stytch::consumer::Client::from_env() {
        Ok(client) => live(client).await,
        Err(stytch::Error::Config(why)) => {
            println!("No Stytch credentials ({why}); running against a local emulator.\n");
            offline().await
        }
        Err(other) => Err(other.into()),
    }
}

/// Both flows against an in-process emulator.
async fn offline() -> Result {
    let emulator = Emulator::start().await?;
    println!(
        "Emulator at {} (project {})\n",
        emulator.base_url(),
        emulator.project_id()
    );
    consumer_flow(&emulator).await?;
    println!();
    b2b_flow(&emulator).await
}

async fn consumer_flow(emulator: &Emulator) -> Result {
    let client = stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()?;
    println!("Consumer");
    let created = client
        .passwords()
        .create("ada@example.com", PASSWORD)
        .session_duration_minutes(60)
        .await?;
    println!(
        "  created {} with session {}",
        created.user_id,
        short(created.session_token.as_deref().expect("a session"))
    );

    client
        .passwords()
        .email()
        .reset_start("ada@example.com")
        .reset_password_redirect_url("https://app.example/reset")
        .reset_password_expiration_minutes(30)
        .await?;
    let email = emulator
        .outbox_for("ada@example.com")
        .pop()
        .ok_or("no reset email")?;
    println!(
        "  reset email in the outbox (token {})",
        short(&email.token)
    );

    let reset = client
        .passwords()
        .email()
        .reset(email.token, NEW_PASSWORD)
        .session_duration_minutes(60)
        .await?;
    let session = reset.session.ok_or("the reset made no session")?;
    let until = session
        .expires_at
        .map(|t| t.to_rfc3339())
        .unwrap_or_default();
    println!(
        "  password reset; new session {} until {until}",
        session.session_id
    );
    println!(
        "  new session JWT {}",
        short(reset.session_jwt.as_deref().expect("a session"))
    );

    match client
        .sessions()
        .authenticate()
        .session_token(created.session_token.as_deref().expect("a session"))
        .await
    {
        Err(e) => println!("  old session revoked: {}", e.error_type().unwrap_or("?")),
        Ok(_) => return Err("the old session survived the reset".into()),
    }
    let verified = client
        .sessions()
        .authenticate_jwt_local(reset.session_jwt.as_deref().expect("a session"))
        .await?;
    println!(
        "  new session JWT verified locally (no API call): user {}, session {}",
        verified.session.user_id, verified.session.session_id
    );
    Ok(())
}

async fn b2b_flow(emulator: &Emulator) -> Result {
    let client = stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()?;
    println!("B2B");
    let org = client
        .organizations()
        .create("Acme, Inc.")
        .await?
        .organization;
    let org_id = org.organization_id;
    let member = client
        .organizations()
        .members()
        .create(&org_id, "grace@acme.test")
        .await?;
    println!(
        "  created {} in {} ({})",
        member.member_id, org_id, org.organization_slug
    );

    // A member's first password arrives through the same email reset flow.
    email_reset(&client, emulator, &org_id, PASSWORD).await?;
    let login = client
        .passwords()
        .authenticate(&org_id, "grace@acme.test", PASSWORD)
        .await?;
    println!(
        "  signed in with session {}",
        short(login.session_token.as_deref().expect("a session"))
    );

    let reset = email_reset(&client, emulator, &org_id, NEW_PASSWORD).await?;
    let session = reset.member_session.ok_or("the reset made no session")?;
    println!(
        "  password reset; new member session {} (roles {:?})",
        session.member_session_id, session.roles
    );
    match client
        .sessions()
        .authenticate()
        .session_token(login.session_token.as_deref().expect("a session"))
        .await
    {
        Err(e) => println!("  old session revoked: {}", e.error_type().unwrap_or("?")),
        Ok(_) => return Err("the old session survived the reset".into()),
    }
    let verified = client
        .sessions()
        .authenticate_jwt_local(reset.session_jwt.as_deref().expect("a session"))
        .await?;
    println!(
        "  new member session JWT verified locally: member {} of {}",
        verified.member_session.member_id, verified.member_session.organization_id
    );
    Ok(())
}

/// Starts a reset for grace@acme.test and completes it with the token from the outbox.
async fn email_reset(
    client: &stytch::b2b::Client,
    emulator: &Emulator,
    org_id: &str,
    password: &str,
) -> Result<stytch::b2b::passwords::email::ResetResponse> {
    client
        .passwords()
        .email()
        .reset_start(org_id, "grace@acme.test")
        .await?;
    let token = emulator
        .latest_reset_token("grace@acme.test")
        .ok_or("no reset email")?;
    Ok(client.passwords().email().reset(token, password).await?)
}

/// The start of a token, enough to tell tokens apart in the output.
/// A secret as the example shows it: never the value, only its size.
fn short(token: &str) -> String {
    format!("<{} characters, not shown>", token.len())
}

/// Against Stytch: start a reset, or finish one with the token from the email.
async fn live(client: stytch::consumer::Client) -> Result {
    println!("Using {client:?}");

    if let Ok(email) = env::var("EXAMPLE_EMAIL") {
        let started = client
            .passwords()
            .email()
            .reset_start(&email)
            .reset_password_expiration_minutes(30)
            .await?;
        println!(
            "Reset email sent to user {} (request {})",
            started.user_id, started.request_id
        );
    }

    if let (Ok(token), Ok(password)) = (
        env::var("EXAMPLE_RESET_TOKEN"),
        env::var("EXAMPLE_NEW_PASSWORD"),
    ) {
        match client
            .passwords()
            .email()
            .reset(token, password)
            .session_duration_minutes(60)
            .await
        {
            Ok(reset) => {
                println!("Password changed for {}", reset.user.user_id);
                if let Some(session) = reset.session {
                    println!(
                        "New session {} expires at {:?}",
                        session.session_id, session.expires_at
                    );
                }
            }
            Err(error) if error.error_type() == Some("weak_password") => {
                println!("Stytch rejected the password as weak: {error}");
            }
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}
