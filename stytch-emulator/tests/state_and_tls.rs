//! `--state`'s snapshot through the library (save, restart, load; a corrupt file refused and
//! left alone), and `--tls`: a real TLS client trusting only the emulator's certificate.

mod common;

use std::sync::Arc;

use common::*;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn temp_path(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "stytch-emulator-test-{}-{name}",
        std::process::id()
    ))
}

#[tokio::test]
async fn a_saved_state_comes_back_with_its_keys_sessions_and_clock() {
    let path = temp_path("state.json");
    let _ = std::fs::remove_file(&path);
    let first = Raw {
        emulator: Emulator::builder().state_file(&path).start().await.unwrap(),
        http: http_client(),
    };
    let (user_id, token, jwt) = user_with_session(&first, "ada@example.com").await;
    first
        .emulator
        .advance_clock(std::time::Duration::from_secs(60));
    let (project_id, secret) = (
        first.emulator.project_id().to_string(),
        first.emulator.secret().to_string(),
    );
    first.emulator.save_state(&path).unwrap();
    first.emulator.shutdown().await;
    assert!(std::fs::read_to_string(&path).unwrap().contains(&user_id));

    let second = Raw {
        emulator: Emulator::builder().state_file(&path).start().await.unwrap(),
        http: http_client(),
    };
    assert_eq!(second.emulator.project_id(), project_id);
    assert_eq!(second.emulator.secret(), secret);
    let user = second
        .ok(
            "/v1/passwords/authenticate",
            json!({ "email": "ada@example.com", "password": PASSWORD }),
        )
        .await;
    assert_eq!(user["user_id"], user_id.as_str());
    second
        .ok(
            "/v1/sessions/authenticate",
            json!({ "session_token": token }),
        )
        .await;
    // The JWT signed before the restart still verifies: the key came back too.
    let by_jwt = second
        .ok("/v1/sessions/authenticate", json!({ "session_jwt": jwt }))
        .await;
    assert_eq!(by_jwt["session"]["user_id"], user_id.as_str());
    second.emulator.shutdown().await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_corrupt_state_file_stops_the_start_and_is_left_alone() {
    for (name, content) in [
        ("garbage.json", "this is not json".to_string()),
        ("wrong.json", json!({ "format": 99 }).to_string()),
        (
            "badkey.json",
            json!({ "format": 1, "project_id": "p", "secret": "s", "signing_key_id": "k",
                    "signing_key": "AAAA", "clock_offset_ms": 0, "data": {} })
            .to_string(),
        ),
    ] {
        let path = temp_path(name);
        std::fs::write(&path, &content).unwrap();
        let error = Emulator::builder()
            .state_file(&path)
            .start()
            .await
            .expect_err("a corrupt file is refused");
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::InvalidData,
            "{name}: {error}"
        );
        assert!(
            error.to_string().contains(&path.display().to_string()),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            content,
            "{name} changed"
        );
        let _ = std::fs::remove_file(&path);
    }
}

/// One HTTP/1.1 GET over TLS, trusting only `pem`; returns the raw response.
async fn get_over_tls(addr: std::net::SocketAddr, host: &str, pem: &str, path: &str) -> String {
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(pem.as_bytes()).unwrap())
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = TcpStream::connect(addr).await.unwrap();
    let name = ServerName::try_from(host.to_string()).unwrap();
    let mut tls = connector.connect(name, tcp).await.expect("handshake");
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    tls.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    tls.read_to_string(&mut response).await.unwrap();
    response
}

#[tokio::test]
async fn tls_serves_https_with_a_certificate_for_loopback_names() {
    let cert_file = temp_path("cert.pem");
    let emulator = Emulator::builder()
        .tls(true)
        .tls_cert_file(&cert_file)
        .start()
        .await
        .unwrap();
    assert!(emulator.base_url().starts_with("https://127.0.0.1:"));
    let pem = emulator.tls_cert_pem().unwrap().to_string();
    assert_eq!(std::fs::read_to_string(&cert_file).unwrap(), pem);
    assert_eq!(emulator.tls_cert_file(), Some(cert_file.as_path()));
    let path = format!("/v1/sessions/jwks/{}", emulator.project_id());
    for host in ["127.0.0.1", "localhost"] {
        let response = get_over_tls(emulator.addr(), host, &pem, &path).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{host}: {response}");
        assert!(response.contains("\"keys\""), "{response}");
    }
    // A client that does not trust the certificate fails the handshake; the server goes on.
    let other_file = temp_path("other.pem");
    let other_emulator = Emulator::builder()
        .tls(true)
        .tls_cert_file(&other_file)
        .start()
        .await
        .unwrap();
    let other = other_emulator.tls_cert_pem().unwrap().to_string();
    let _ = std::fs::remove_file(&other_file);
    let tcp = TcpStream::connect(emulator.addr()).await.unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(other.as_bytes()).unwrap())
        .unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let name = ServerName::try_from("localhost".to_string()).unwrap();
    let refused = connector.connect(name, tcp).await.unwrap_err();
    let reason = refused
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>());
    assert!(
        matches!(reason, Some(rustls::Error::InvalidCertificate(_))),
        "a certificate from another authority: {refused:?}"
    );
    let again = get_over_tls(emulator.addr(), "localhost", &pem, &path).await;
    assert!(again.starts_with("HTTP/1.1 200"), "{again}");
    let _ = std::fs::remove_file(&cert_file);
}
