//! Single-use tokens: password-reset links, magic links (login, signup, invite, embedded)
//! and discovery links. One mechanism for all of them: issued (and delivered to the
//! outbox), checked, then used up once the call that takes them has succeeded.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Duration;
use sha2::{Digest, Sha256};

use super::outbox::{deliver, Message, Recipient};
use crate::app::App;
use crate::errors::ApiError;
use crate::ids;
use crate::state::{Data, Token, TokenKind, TokenOwner};

/// An expiry a caller may choose, in minutes: its default and bounds.
pub struct Lifetime {
    pub field: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
}

impl Lifetime {
    /// The requested lifetime, or the default; `invalid_expiration` outside the bounds.
    pub fn pick(&self, minutes: Option<i64>) -> Result<Duration, ApiError> {
        let minutes = minutes.unwrap_or(self.default);
        if !(self.min..=self.max).contains(&minutes) {
            return Err(ApiError::bad(
                "invalid_expiration",
                format!(
                    "{} must be from {} to {} minutes.",
                    self.field, self.min, self.max
                ),
            ));
        }
        Ok(Duration::minutes(minutes))
    }
}

/// Magic links and reset links: an hour by default, from 5 minutes to a week.
pub fn link_lifetime(field: &'static str, default: i64) -> Lifetime {
    Lifetime {
        field,
        default,
        min: 5,
        max: 10_080,
    }
}

/// What to issue.
pub struct Issue<'a> {
    pub kind: TokenKind,
    pub owner: TokenOwner,
    pub email: &'a str,
    pub organization_id: Option<&'a str>,
    pub lifetime: Duration,
    pub code_challenge: Option<String>,
    /// The outbox message kind, and the redirect URL with the link's `stytch_token_type`.
    /// `None` for embedded tokens, which are returned rather than sent.
    pub delivery: Option<(&'a str, Option<(&'a str, &'a str)>)>,
}

/// Issues a token and, unless it is embedded, puts the email that carries it in the outbox.
pub fn issue(app: &App, data: &mut Data, issue: Issue<'_>) -> String {
    let now = app.now();
    let token = ids::secret_token(32);
    data.tokens.insert(
        token.clone(),
        Token {
            kind: issue.kind,
            owner: issue.owner,
            email: issue.email.to_string(),
            expires_at: now + issue.lifetime,
            used: false,
            code_challenge: issue.code_challenge,
        },
    );
    if let Some((kind, redirect)) = issue.delivery {
        deliver(
            data,
            Message {
                kind,
                to: Recipient::Email(issue.email),
                organization_id: issue.organization_id,
                token: &token,
                code: "",
                redirect,
                created_at: now,
                expires_at: now + issue.lifetime,
            },
        );
    }
    token
}

/// Which error a family of tokens answers with.
#[derive(Clone, Copy)]
pub enum Family {
    PasswordReset,
    MagicLink,
}

impl Family {
    fn unknown(self) -> ApiError {
        match self {
            Family::PasswordReset => ApiError::unauthorized_as(
                "unable_to_auth_password_reset_token",
                "The password reset token is not known.",
            ),
            Family::MagicLink => {
                ApiError::not_found("magic_link_not_found", "No magic link has this token.")
            }
        }
    }

    fn spent(self, why: &str) -> ApiError {
        match self {
            Family::PasswordReset => ApiError::unauthorized_as(
                "unable_to_auth_password_reset_token",
                format!("The password reset token {why}."),
            ),
            Family::MagicLink => ApiError::unauthorized_as(
                "unable_to_auth_magic_link",
                format!("The magic link {why}."),
            ),
        }
    }
}

/// The token, if it is one of `kinds`, unused and unexpired. Does not use it up: call
/// [`consume`] once the call has succeeded, so that a failure (a weak new password, a bad
/// session argument) does not burn the link.
pub fn check(
    app: &App,
    data: &Data,
    token: &str,
    kinds: &[TokenKind],
    family: Family,
) -> Result<Token, ApiError> {
    let Some(entry) = data.tokens.get(token).filter(|t| kinds.contains(&t.kind)) else {
        return Err(family.unknown());
    };
    if entry.used {
        return Err(family.spent("was already used"));
    }
    if entry.expires_at <= app.now() {
        return Err(family.spent("has expired"));
    }
    Ok(entry.clone())
}

/// Marks a token used. Fails if another request used it first.
pub fn consume(
    app: &App,
    data: &mut Data,
    token: &str,
    kinds: &[TokenKind],
    family: Family,
) -> Result<Token, ApiError> {
    let entry = check(app, data, token, kinds, family)?;
    if let Some(stored) = data.tokens.get_mut(token) {
        stored.used = true;
    }
    Ok(entry)
}

/// Checks a PKCE verifier against the challenge a token was issued with.
pub fn check_pkce(token: &Token, verifier: Option<&str>) -> Result<(), ApiError> {
    match (&token.code_challenge, verifier) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(ApiError::bad(
            "pkce_did_not_expect_code_verifier",
            "This token was issued without a code_challenge; send no code_verifier.",
        )),
        (Some(_), None) => Err(ApiError::bad(
            "pkce_expected_code_verifier",
            "This token was issued with a code_challenge; send its code_verifier.",
        )),
        (Some(challenge), Some(verifier)) => {
            let computed = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if &computed == challenge {
                Ok(())
            } else {
                Err(ApiError::bad(
                    "pkce_mismatch",
                    "The code_verifier does not match the code_challenge.",
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(challenge: Option<&str>) -> Token {
        Token {
            kind: TokenKind::MagicLinkLogin,
            owner: TokenOwner::Email("a@b.co".into()),
            email: "a@b.co".into(),
            expires_at: chrono::Utc::now(),
            used: false,
            code_challenge: challenge.map(str::to_string),
        }
    }

    #[test]
    fn pkce_verifiers_are_checked_against_the_s256_challenge() {
        // RFC 7636, appendix B.
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(check_pkce(&token(Some(challenge)), Some(verifier)).is_ok());
        assert_eq!(
            check_pkce(&token(Some(challenge)), Some("other"))
                .unwrap_err()
                .error_type,
            "pkce_mismatch"
        );
        assert!(check_pkce(&token(Some(challenge)), None).is_err());
        assert!(check_pkce(&token(None), Some(verifier)).is_err());
        assert!(check_pkce(&token(None), None).is_ok());
    }

    #[test]
    fn lifetimes_are_bounded() {
        let lifetime = link_lifetime("login_expiration_minutes", 60);
        assert_eq!(lifetime.pick(None).unwrap(), Duration::minutes(60));
        assert!(lifetime.pick(Some(4)).is_err());
        assert!(lifetime.pick(Some(10_081)).is_err());
    }
}
