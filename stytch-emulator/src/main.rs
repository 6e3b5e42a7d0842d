//! `stytch-emulator [--port N] [--project-id ID] [--secret SECRET]`: serves the emulator on
//! 127.0.0.1 until interrupted, for services not written in Rust.

use std::io::Write;
use std::process::ExitCode;

use stytch_emulator::Emulator;

const USAGE: &str = "usage: stytch-emulator [--port N] [--project-id ID] [--secret SECRET]

Serves a local, in-memory Stytch API on 127.0.0.1 until Ctrl-C.
  --port N          port to listen on (default: any free port)
  --project-id ID   project id clients must send (default: a fresh project-test-...)
  --secret SECRET   secret clients must send (default: a fresh secret-test-...)";

#[tokio::main]
async fn main() -> ExitCode {
    let mut builder = Emulator::builder();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        let Some(value) = args.next() else {
            eprintln!("{flag} needs a value\n\n{USAGE}");
            return ExitCode::from(2);
        };
        builder = match flag.as_str() {
            "--port" => match value.parse() {
                Ok(port) => builder.port(port),
                Err(_) => {
                    eprintln!("--port takes a number from 0 to 65535, not {value:?}");
                    return ExitCode::from(2);
                }
            },
            "--project-id" => builder.project_id(value),
            "--secret" => builder.secret(value),
            _ => {
                eprintln!("unknown option {flag}\n\n{USAGE}");
                return ExitCode::from(2);
            }
        };
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("stytch-emulator: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Write errors are ignored: a closed stdout (a reader that went away) must not stop the
    // server.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "STYTCH_BASE_URL={}", emulator.base_url());
    let _ = writeln!(out, "STYTCH_PROJECT_ID={}", emulator.project_id());
    let _ = writeln!(out, "STYTCH_SECRET={}", emulator.secret());
    let _ = writeln!(
        out,
        "# outbox: GET {}/emulator/outbox?email=... (same Basic auth); Ctrl-C stops",
        emulator.base_url()
    );
    let _ = out.flush();
    drop(out);
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("stytch-emulator: cannot wait for Ctrl-C: {e}");
    }
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
