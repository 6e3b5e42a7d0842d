//! The `stytch-emulator` program: prints where it listens and with which credentials, then
//! serves until killed.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_stytch-emulator");

/// Kills the child when the test ends, also when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_program_prints_its_settings_and_serves_them() {
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args([
                "--project-id",
                "project-test-bin",
                "--secret",
                "secret-test-bin-0123456789",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().unwrap();
    // The reader stays open for the whole test, as a terminal would.
    let mut reader = BufReader::new(stdout).lines();
    let lines: Vec<String> = reader.by_ref().take(4).map(Result::unwrap).collect();
    let value = |name: &str| {
        lines
            .iter()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("{name} in {lines:?}"))
            .to_string()
    };
    assert_eq!(value("STYTCH_PROJECT_ID"), "project-test-bin");
    assert_eq!(value("STYTCH_SECRET"), "secret-test-bin-0123456789");

    let url = format!("{}/v1/b2b/rbac/policy", value("STYTCH_BASE_URL"));
    let response = common::http_client()
        .get(&url)
        .basic_auth("project-test-bin", Some("secret-test-bin-0123456789"))
        .send()
        .await;
    assert_eq!(response.expect("served").status(), 200);
    drop(reader);
}

#[test]
fn bad_arguments_exit_with_usage() {
    let output = Command::new(BIN).args(["--port", "http"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--port takes a number"));
    let output = Command::new(BIN).arg("--help").output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("usage: stytch-emulator"));
}

#[test]
fn help_lists_every_option() {
    let output = Command::new(BIN).arg("-h").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--port",
        "--project-id",
        "--secret",
        "--state",
        "--tls",
        "--tls-cert",
        "--help",
    ] {
        assert!(help.contains(option), "{option} missing from:\n{help}");
    }
}

/// Starts the binary and returns it with its `NAME=value` lines.
fn start(args: &[&str]) -> (KillOnDrop, Vec<String>) {
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let lines: Vec<String> = BufReader::new(stdout)
        .lines()
        .map(Result::unwrap)
        .take_while(|l| !l.starts_with("# outbox"))
        .collect();
    (child, lines)
}

fn value(lines: &[String], name: &str) -> String {
    lines
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("{name} in {lines:?}"))
        .to_string()
}

#[cfg(unix)]
#[tokio::test]
async fn state_is_written_on_sigterm_and_read_back_on_start() {
    let path =
        std::env::temp_dir().join(format!("stytch-emulator-bin-{}.json", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let file = path.to_str().unwrap();
    let (mut child, lines) = start(&["--state", file]);
    let (base, pid, secret) = (
        value(&lines, "STYTCH_BASE_URL"),
        value(&lines, "STYTCH_PROJECT_ID"),
        value(&lines, "STYTCH_SECRET"),
    );
    let http = common::http_client();
    let created = http
        .post(format!("{base}/v1/users"))
        .basic_auth(&pid, Some(&secret))
        .json(&serde_json::json!({ "email": "kept@example.com" }))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    let term = Command::new("kill")
        .args(["-TERM", &child.0.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    assert!(child.0.wait().unwrap().success());
    let saved = std::fs::read_to_string(&path).expect("state written on SIGTERM");
    assert!(saved.contains("kept@example.com"));

    let (_child, lines) = start(&["--state", file]);
    assert_eq!(value(&lines, "STYTCH_PROJECT_ID"), pid);
    let base = value(&lines, "STYTCH_BASE_URL");
    let search = http
        .post(format!("{base}/v1/users/search"))
        .basic_auth(&pid, Some(&secret))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    let found: serde_json::Value = search.json().await.unwrap();
    assert_eq!(
        found["results"][0]["emails"][0]["email"],
        "kept@example.com"
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_corrupt_state_file_is_a_clear_error_and_stays_as_it_was() {
    let path =
        std::env::temp_dir().join(format!("stytch-emulator-bad-{}.json", std::process::id()));
    std::fs::write(&path, "{ not json").unwrap();
    let output = Command::new(BIN)
        .args(["--state", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("not an emulator state file"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "{ not json");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn tls_prints_where_the_certificate_is() {
    let cert = std::env::temp_dir().join(format!("stytch-emulator-bin-{}.pem", std::process::id()));
    let (_child, lines) = start(&["--tls", "--tls-cert", cert.to_str().unwrap()]);
    assert!(value(&lines, "STYTCH_BASE_URL").starts_with("https://127.0.0.1:"));
    assert_eq!(
        value(&lines, "STYTCH_EMULATOR_CA_FILE"),
        cert.display().to_string()
    );
    let pem = std::fs::read_to_string(&cert).unwrap();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    let _ = std::fs::remove_file(&cert);
}
