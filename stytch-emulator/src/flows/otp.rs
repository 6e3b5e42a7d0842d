//! One-time passcodes (SMS, WhatsApp, email; consumer and B2B): six digits, one live code
//! per delivery key (a new send replaces the old code), single-use, expiring, and void after
//! [`MAX_FAILED_ATTEMPTS`] wrong guesses.

use chrono::Duration;
use rand::Rng;

use super::outbox::{deliver, Message, Recipient};
use super::tokens::Lifetime;
use crate::app::App;
use crate::errors::ApiError;
use crate::state::{Data, Otp};

/// Wrong codes allowed before the code is void; a new one must be sent.
pub const MAX_FAILED_ATTEMPTS: u32 = 5;

/// Consumer passcodes: 2 minutes by default, from 1 to 10.
pub fn consumer_lifetime() -> Lifetime {
    Lifetime {
        field: "expiration_minutes",
        default: 2,
        min: 1,
        max: 10,
    }
}

/// What to send.
pub struct Send<'a> {
    /// The `method_id` (consumer) or the B2B key the code is filed under.
    pub key: String,
    pub kind: &'a str,
    pub to: Recipient<'a>,
    pub organization_id: Option<&'a str>,
    pub lifetime: Duration,
}

/// Makes a code, files it under the key (replacing any earlier one), and sends it.
pub fn send(app: &App, data: &mut Data, send: Send<'_>) {
    let code = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let now = app.now();
    let channel = match send.to {
        Recipient::Email(_) => "email",
        Recipient::Phone(_, channel) => channel,
    };
    data.otps.insert(
        send.key,
        Otp {
            code: code.clone(),
            channel: channel.to_string(),
            expires_at: now + send.lifetime,
            failed_attempts: 0,
            used: false,
        },
    );
    deliver(
        data,
        Message {
            kind: send.kind,
            to: send.to,
            organization_id: send.organization_id,
            token: "",
            code: &code,
            redirect: None,
            created_at: now,
            expires_at: now + send.lifetime,
        },
    );
}

fn unable(why: &str) -> ApiError {
    ApiError::unauthorized_as("unable_to_auth_otp_code", format!("The passcode {why}."))
}

/// Checks `code` against the code filed under `key` and uses it up. A wrong code is
/// `404 otp_code_not_found` and counts against the code; an expired, used or voided code is
/// `401 unable_to_auth_otp_code`. Returns the channel the code went by.
pub fn verify(app: &App, data: &mut Data, key: &str, code: &str) -> Result<String, ApiError> {
    let Some(otp) = data.otps.get_mut(key) else {
        return Err(ApiError::not_found(
            "otp_code_not_found",
            "No passcode was sent to this method_id.",
        ));
    };
    if otp.used {
        return Err(unable("was already used"));
    }
    if otp.failed_attempts >= MAX_FAILED_ATTEMPTS {
        return Err(unable("was guessed wrong too many times; send a new one"));
    }
    if otp.expires_at <= app.now() {
        return Err(unable("has expired"));
    }
    if !crate::http::same_secret(code, &otp.code) {
        otp.failed_attempts += 1;
        return Err(ApiError::not_found(
            "otp_code_not_found",
            "The passcode is not the one sent to this method_id.",
        ));
    }
    otp.used = true;
    Ok(otp.channel.clone())
}
