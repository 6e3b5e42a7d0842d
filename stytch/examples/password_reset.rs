//! The password-reset flows, consumer and B2B.
//!
//! With `STYTCH_PROJECT_ID` and `STYTCH_SECRET` set (and `STYTCH_BASE_URL` for a custom
//! domain), this talks to Stytch:
//! - `EXAMPLE_EMAIL=you@example.com` starts a consumer reset (Stytch emails a link);
//! - `EXAMPLE_RESET_TOKEN=... EXAMPLE_NEW_PASSWORD=...` completes it with the token from that link.
//!
//! Without credentials it builds the same requests and prints them (secrets redacted), so you
//! can see what would be sent.
//!
//! ```text
//! cargo run -p stytch --example password_reset
//! ```

use std::env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = match stytch::consumer::Client::from_env() {
        Ok(client) => client,
        Err(stytch::Error::Config(why)) => {
            println!(
                "No Stytch credentials ({why}); showing the requests instead of sending them.\n"
            );
            return dry_run();
        }
        Err(other) => return Err(other.into()),
    };
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

/// Builds each slice request without sending it.
fn dry_run() -> Result<(), Box<dyn std::error::Error>> {
    let consumer = stytch::consumer::Client::new(
        "project-test-00000000-0000-0000-0000-000000000000",
        "secret-test-example",
    )?;
    let b2b = stytch::b2b::Client::new(
        "project-test-00000000-0000-0000-0000-000000000000",
        "secret-test-example",
    )?;

    let calls: Vec<(&str, String)> = vec![
        (
            "POST /v1/passwords/email/reset/start",
            format!(
                "{:#?}",
                consumer
                    .passwords()
                    .email()
                    .reset_start("ada@example.com")
                    .reset_password_expiration_minutes(30)
            ),
        ),
        (
            "POST /v1/passwords/email/reset",
            format!(
                "{:#?}",
                consumer
                    .passwords()
                    .email()
                    .reset("token-from-the-email", "a long new passphrase")
                    .session_duration_minutes(60)
            ),
        ),
        (
            "POST /v1/b2b/passwords/session/reset",
            format!(
                "{:#?}",
                b2b.passwords()
                    .sessions()
                    .reset("organization-test-...", "a long new passphrase")
                    .session_jwt("eyJ...")
            ),
        ),
    ];
    for (line, call) in calls {
        println!("{line}\n{call}\n");
    }

    let slice = stytch::catalogue::endpoints()
        .filter(|e| e.path.contains("password") || e.path.contains("rbac"));
    println!("Declared endpoints in this slice:");
    let mut lines: Vec<String> = slice
        .map(|e| format!("  {:6} {}", e.method.as_str(), e.path))
        .collect();
    lines.sort();
    println!("{}", lines.join("\n"));
    Ok(())
}
