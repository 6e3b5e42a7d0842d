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
