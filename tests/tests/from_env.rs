//! `from_env` reads the documented variables. One test in its own binary, since it changes the
//! process environment.

#[test]
fn from_env_reads_credentials_and_base_url() {
    std::env::remove_var("STYTCH_PROJECT_ID");
    std::env::remove_var("STYTCH_SECRET");
    std::env::remove_var("STYTCH_BASE_URL");
    let missing = stytch::consumer::Client::from_env().unwrap_err();
    assert!(
        missing.to_string().contains("STYTCH_PROJECT_ID"),
        "{missing}"
    );

    std::env::set_var("STYTCH_PROJECT_ID", "project-live-1234");
    let missing = stytch::b2b::Client::from_env().unwrap_err();
    assert!(missing.to_string().contains("STYTCH_SECRET"), "{missing}");

    std::env::set_var("STYTCH_SECRET", "secret-live-5678");
    let live = stytch::b2b::Client::from_env().unwrap();
    assert_eq!(live.project_id(), "project-live-1234");
    assert_eq!(live.base_url(), "https://api.stytch.com");

    std::env::set_var("STYTCH_BASE_URL", "https://auth.example.com");
    let custom = stytch::consumer::Client::from_env().unwrap();
    assert_eq!(custom.base_url(), "https://auth.example.com");
}
