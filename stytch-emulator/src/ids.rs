//! Identifiers and secrets in Stytch's test-environment shapes (`user-test-<uuid>`, ...).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

/// A random version-4 UUID in its usual hyphenated form.
pub fn uuid() -> String {
    let mut b = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `<kind>-test-<uuid>`, the way Stytch names objects in a test project.
pub fn prefixed(kind: &str) -> String {
    format!("{kind}-test-{}", uuid())
}

pub fn request_id() -> String {
    prefixed("request-id")
}

/// An opaque, unguessable token (session tokens, reset tokens, client secrets).
pub fn secret_token(bytes: usize) -> String {
    let mut b = vec![0u8; bytes];
    rand::thread_rng().fill_bytes(&mut b);
    URL_SAFE_NO_PAD.encode(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_the_v4_layout() {
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!(matches!(&u[19..20], "8" | "9" | "a" | "b"));
    }

    #[test]
    fn prefixed_ids_carry_the_test_marker() {
        assert!(prefixed("user").starts_with("user-test-"));
        assert_ne!(secret_token(32), secret_token(32));
    }
}
