//! Single-use password-reset tokens: issued into the outbox, consumed by the reset calls.

use chrono::Duration;

use crate::app::{timestamp, App};
use crate::errors::ApiError;
use crate::ids;
use crate::outbox::OutboxMessage;
use crate::state::{Data, ResetToken, Subject};

/// Stytch's default and bounds for `reset_password_expiration_minutes`.
const DEFAULT_MINUTES: i64 = 30;
const MIN_MINUTES: i64 = 5;
const MAX_MINUTES: i64 = 10_080;

/// What a reset-start call asked for.
pub struct ResetStart<'a> {
    pub subject: Subject,
    pub email: &'a str,
    pub organization_id: Option<&'a str>,
    pub redirect_url: Option<&'a str>,
    pub expiration_minutes: Option<i64>,
}

/// Checks the requested expiry before anything is stored.
pub fn check_expiration(minutes: Option<i64>) -> Result<Duration, ApiError> {
    let minutes = minutes.unwrap_or(DEFAULT_MINUTES);
    if !(MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
        return Err(ApiError::bad(
            "invalid_expiration",
            format!("reset_password_expiration_minutes must be between {MIN_MINUTES} and {MAX_MINUTES}."),
        ));
    }
    Ok(Duration::minutes(minutes))
}

/// Issues a token and puts the email that carries it into the outbox.
pub fn issue(app: &App, data: &mut Data, start: ResetStart<'_>) -> Result<String, ApiError> {
    let lifetime = check_expiration(start.expiration_minutes)?;
    let now = app.now();
    let token = ids::secret_token(32);
    data.reset_tokens.insert(
        token.clone(),
        ResetToken {
            subject: start.subject,
            expires_at: now + lifetime,
            used: false,
        },
    );
    data.outbox.push(OutboxMessage::password_reset(
        start.email,
        start.organization_id,
        &token,
        start.redirect_url,
        timestamp(now),
        timestamp(now + lifetime),
    ));
    Ok(token)
}

/// The subject a token was issued for, if it is known, unused and unexpired. Does not use it
/// up: call [`consume`] once the reset has succeeded, so that a weak new password does not
/// burn the link.
pub fn check(app: &App, data: &Data, token: &str) -> Result<Subject, ApiError> {
    let Some(entry) = data.reset_tokens.get(token) else {
        return Err(unable("The password reset token is not known."));
    };
    if entry.used {
        return Err(unable("The password reset token was already used."));
    }
    if entry.expires_at <= app.now() {
        return Err(unable("The password reset token has expired."));
    }
    Ok(entry.subject.clone())
}

/// Marks a token used. Fails if another request used it first.
pub fn consume(app: &App, data: &mut Data, token: &str) -> Result<Subject, ApiError> {
    let subject = check(app, data, token)?;
    if let Some(entry) = data.reset_tokens.get_mut(token) {
        entry.used = true;
    }
    Ok(subject)
}

fn unable(message: &str) -> ApiError {
    ApiError::new(
        axum::http::StatusCode::UNAUTHORIZED,
        "unable_to_auth_password_reset_token",
        message,
    )
}
