//! TOTP (RFC 6238 via `totp-rs`): registrations with a 160-bit secret, six digits every 30
//! seconds with one step of skew, each time step accepted once, and ten single-use recovery
//! codes.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::Duration;
use qrcode::render::svg;
use qrcode::QrCode;
use rand::{Rng, RngCore};
use totp_rs::{Builder, Secret};

use super::tokens::Lifetime;
use crate::app::App;
use crate::errors::ApiError;
use crate::ids;
use crate::state::{RecoveryCode, TotpRecord};

/// How many recovery codes a registration comes with.
const RECOVERY_CODES: usize = 10;

/// An unverified registration is usable for a day by default, from 5 minutes to a day.
pub fn lifetime() -> Lifetime {
    Lifetime {
        field: "expiration_minutes",
        default: 1440,
        min: 5,
        max: 1440,
    }
}

fn recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = rand::thread_rng();
    let mut group = || -> String {
        (0..4)
            .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
            .collect()
    };
    format!("{}-{}-{}", group(), group(), group())
}

/// A new, unverified registration.
pub fn new_record(app: &App, lifetime: Duration) -> TotpRecord {
    let mut secret = [0u8; 20];
    rand::thread_rng().fill_bytes(&mut secret);
    TotpRecord {
        totp_id: ids::prefixed("totp"),
        secret: Secret::from(secret.to_vec()).to_base32(),
        verified: false,
        expires_at: app.now() + lifetime,
        recovery_codes: (0..RECOVERY_CODES)
            .map(|_| RecoveryCode {
                id: ids::prefixed("totp-recovery-code"),
                code: recovery_code(),
                used: false,
            })
            .collect(),
        last_step: None,
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The `otpauth://` URI authenticator apps scan, as an SVG QR code in a data URL.
pub fn qr_code(record: &TotpRecord, issuer: &str, account: &str) -> String {
    let uri = format!(
        "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits=6&period=30",
        encode(issuer),
        encode(account),
        record.secret,
        encode(issuer)
    );
    let svg = QrCode::new(uri.as_bytes())
        .map(|code| code.render::<svg::Color>().min_dimensions(200, 200).build())
        .unwrap_or_default();
    format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg))
}

/// The code for `secret` (base32) at Unix time `time`.
pub fn code_at(secret: &str, time: u64) -> Option<String> {
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .build()
        .ok()?;
    Some(totp.generate(time).to_string())
}

/// Checks `code` against the registration at the emulator's time; a time step is accepted
/// once. Marks the registration verified.
pub fn authenticate(app: &App, record: &mut TotpRecord, code: &str) -> Result<(), ApiError> {
    let wrong = || {
        ApiError::unauthorized_as(
            "unable_to_authenticate_totp",
            "The TOTP code is not the current one for this registration.",
        )
    };
    let totp = Builder::new()
        .with_secret(Secret::try_from_base32(&record.secret).map_err(|_| wrong())?)
        .build()
        .map_err(|_| wrong())?;
    let now = u64::try_from(app.now().timestamp()).unwrap_or(0);
    let step = totp.check(code.trim(), now).ok_or_else(wrong)?;
    if record.last_step.is_some_and(|last| step <= last) {
        return Err(ApiError::bad(
            "totp_code_already_authenticated",
            "This TOTP code was already used; wait for the next one.",
        ));
    }
    record.last_step = Some(step);
    record.verified = true;
    Ok(())
}

/// Uses up a recovery code; returns its id.
pub fn recover(record: &mut TotpRecord, code: &str) -> Result<String, ApiError> {
    let entry = record
        .recovery_codes
        .iter_mut()
        .find(|c| !c.used && crate::http::same_secret(code.trim(), &c.code))
        .ok_or_else(|| {
            ApiError::unauthorized_as(
                "unable_to_authenticate_recovery_code",
                "The recovery code is not an unused one of this registration.",
            )
        })?;
    entry.used = true;
    Ok(entry.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_test_vector() {
        // RFC 6238 appendix B: the secret "12345678901234567890", T = 59 -> 94287082 (8
        // digits); its last six digits are the 6-digit code.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
    }

    #[test]
    fn recovery_codes_look_alike_and_differ() {
        let a = recovery_code();
        assert_eq!(a.len(), 14);
        assert_eq!(a.matches('-').count(), 2);
        assert_ne!(a, recovery_code());
        assert_eq!(encode("a b:c"), "a%20b%3Ac");
    }
}
