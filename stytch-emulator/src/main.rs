//! `stytch-emulator [OPTIONS]`: serves the emulator on 127.0.0.1 until interrupted, for
//! services not written in Rust. `--help` lists the options.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use stytch_emulator::Emulator;

const USAGE: &str = "usage: stytch-emulator [OPTIONS]

Serves a local, in-memory Stytch API on 127.0.0.1 until Ctrl-C or SIGTERM, and prints
STYTCH_* lines for clients.

Options:
  --port N           port to listen on (default: any free port)
  --project-id ID    project id clients must send (default: a fresh project-test-...,
                     or the one in the state file)
  --secret SECRET    secret clients must send (default: a fresh secret-test-...,
                     or the one in the state file)
  --state FILE       load users, organizations, sessions, keys and clock from FILE at
                     start (if it exists) and write them back to it on exit
  --tls              serve HTTPS with a self-signed certificate for 127.0.0.1 and
                     localhost, and print where its PEM was written
  --tls-cert FILE    where to write that PEM (default: a file in the temp directory)
  -h, --help         print this help";

struct Options {
    builder: stytch_emulator::EmulatorBuilder,
    state: Option<PathBuf>,
}

fn parse(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut builder = Emulator::builder();
    let mut state = None;
    let mut args = args.peekable();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Ok(None),
            "--tls" => {
                builder = builder.tls(true);
                continue;
            }
            _ => {}
        }
        let Some(value) = args.next() else {
            return Err(format!("{flag} needs a value"));
        };
        builder = match flag.as_str() {
            "--port" => match value.parse() {
                Ok(port) => builder.port(port),
                Err(_) => {
                    return Err(format!(
                        "--port takes a number from 0 to 65535, not {value:?}"
                    ))
                }
            },
            "--project-id" => builder.project_id(value),
            "--secret" => builder.secret(value),
            "--tls-cert" => builder.tls_cert_file(value),
            "--state" => {
                state = Some(PathBuf::from(&value));
                builder.state_file(value)
            }
            _ => return Err(format!("unknown option {flag}")),
        };
    }
    Ok(Some(Options { builder, state }))
}

/// Waits for Ctrl-C (SIGINT) or, on Unix, SIGTERM.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        eprintln!("stytch-emulator: cannot wait for Ctrl-C: {e}");
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let emulator = match options.builder.start().await {
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
    if let Some(path) = emulator.tls_cert_file() {
        let _ = writeln!(out, "STYTCH_EMULATOR_CA_FILE={}", path.display());
        let _ = writeln!(
            out,
            "# trust it: SSL_CERT_FILE, REQUESTS_CA_BUNDLE or NODE_EXTRA_CA_CERTS={}",
            path.display()
        );
    }
    let _ = writeln!(
        out,
        "# outbox: GET {}/emulator/outbox?email=...|phone_number=... (same Basic auth); Ctrl-C stops",
        emulator.base_url()
    );
    let _ = out.flush();
    drop(out);
    interrupted().await;
    let mut code = ExitCode::SUCCESS;
    if let Some(path) = &options.state {
        match emulator.save_state(path) {
            Ok(()) => eprintln!("stytch-emulator: state written to {}", path.display()),
            Err(e) => {
                eprintln!("stytch-emulator: cannot write {}: {e}", path.display());
                code = ExitCode::FAILURE;
            }
        }
    }
    emulator.shutdown().await;
    code
}
