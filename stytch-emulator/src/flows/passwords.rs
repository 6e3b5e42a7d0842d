//! Password behaviour shared by users and members: verification, the three resets (by
//! emailed token, by existing password, by recent session) and what a reset does to the
//! account's other sessions. The consumer and B2B handlers differ only in their requests,
//! their responses and how they finish a sign-in, which they pass in as `finish`.
//!
//! Each flow reads what it needs under the lock, hashes or verifies outside it, then writes
//! under the lock again, re-checking anything another request could have changed.

use super::sessions::{email_detail, factor};
use super::tokens::{self, Family};
use crate::app::App;
use crate::errors::ApiError;
use crate::hashing::{hash_blocking, verify_blocking};
use crate::ids;
use crate::state::{Data, Factor, PasswordRecord, Subject, TokenKind, TokenOwner};
use crate::strength;

/// What the password flows need to know about a user or member.
#[derive(Clone)]
pub struct Account {
    pub subject: Subject,
    pub email: String,
    pub email_id: String,
    pub password: Option<PasswordRecord>,
}

impl Account {
    fn is_member(&self) -> bool {
        matches!(self.subject, Subject::Member { .. })
    }

    /// The `password` factor, proven now.
    pub fn password_factor(&self, app: &App) -> Factor {
        factor(
            "password",
            "knowledge",
            email_detail(&self.email_id, &self.email),
            app,
        )
    }
}

pub fn user_not_found() -> ApiError {
    ApiError::not_found("user_not_found", "No user has this id.")
}

pub fn member_not_found() -> ApiError {
    ApiError::not_found(
        "member_not_found",
        "No member of this organization has this email address or id.",
    )
}

/// The account behind `subject` (a deleted member counts as missing).
pub fn account(data: &Data, subject: &Subject) -> Result<Account, ApiError> {
    match subject {
        Subject::User(user_id) => {
            let user = data.users.get(user_id).ok_or_else(user_not_found)?;
            let (email, email_id) = user
                .primary_email()
                .map(|e| (e.email.clone(), e.email_id.clone()))
                .unwrap_or_default();
            Ok(Account {
                subject: subject.clone(),
                email,
                email_id,
                password: user.password.clone(),
            })
        }
        Subject::Member { member_id, .. } => {
            let member = data
                .members
                .get(member_id)
                .filter(|m| m.status != "deleted")
                .ok_or_else(member_not_found)?;
            Ok(Account {
                subject: member.subject(),
                email: member.email.clone(),
                email_id: member.email_id.clone(),
                password: member.password.clone(),
            })
        }
    }
}

fn no_password(account: &Account) -> ApiError {
    if account.is_member() {
        ApiError::not_found(
            "member_password_not_found",
            "This member has no password; start a reset to set one.",
        )
    } else {
        ApiError::bad(
            "no_user_password",
            "This user has no password; start a reset to set one.",
        )
    }
}

/// Stores a new hash, keeping the password id if there was one.
pub fn set_password(data: &mut Data, subject: &Subject, hash: String) -> Result<(), ApiError> {
    let (slot, prefix) = match subject {
        Subject::User(id) => (
            &mut data.users.get_mut(id).ok_or_else(user_not_found)?.password,
            "password",
        ),
        Subject::Member { member_id, .. } => (
            &mut data
                .members
                .get_mut(member_id)
                .ok_or_else(member_not_found)?
                .password,
            "member-password",
        ),
    };
    let password_id = slot
        .as_ref()
        .map(|p| p.password_id.clone())
        .unwrap_or_else(|| ids::prefixed(prefix));
    *slot = Some(PasswordRecord { password_id, hash });
    Ok(())
}

/// Marks `email` proven for the account: the address is verified, and a pending user or an
/// invited or pending member becomes active.
pub fn email_proven(data: &mut Data, subject: &Subject, email: &str) {
    match subject {
        Subject::User(id) => {
            if let Some(user) = data.users.get_mut(id) {
                if let Some(record) = user
                    .emails
                    .iter_mut()
                    .find(|e| e.email.eq_ignore_ascii_case(email))
                {
                    record.verified = true;
                }
                user.status = "active".into();
            }
        }
        Subject::Member { member_id, .. } => {
            if let Some(member) = data.members.get_mut(member_id) {
                if member.email.eq_ignore_ascii_case(email) {
                    member.email_verified = true;
                }
                if member.status != "deleted" {
                    member.status = "active".into();
                }
            }
        }
    }
}

/// Checks `password` against the account's hash: 401 `unauthorized_credentials` if wrong.
pub async fn verify(account: &Account, password: String) -> Result<(), ApiError> {
    let record = account
        .password
        .clone()
        .ok_or_else(|| no_password(account))?;
    if !verify_blocking(password, record.hash).await? {
        return Err(ApiError::unauthorized(
            "The email address and password do not match.",
        ));
    }
    Ok(())
}

/// Finishes a sign-in under the lock: makes or extends a session (or an intermediate one)
/// and returns the caller's result with the id of the session to keep.
pub trait Finish<T>:
    FnOnce(&mut Data, &Account, Vec<Factor>) -> Result<(T, Option<String>), ApiError> + Send
{
}
impl<T, F> Finish<T> for F where
    F: FnOnce(&mut Data, &Account, Vec<Factor>) -> Result<(T, Option<String>), ApiError> + Send
{
}

/// Sets the new password and revokes the account's sessions other than `keep`.
fn complete(
    data: &mut Data,
    account: &Account,
    hash: String,
    keep: Option<&str>,
) -> Result<(), ApiError> {
    set_password(data, &account.subject, hash)?;
    data.revoke_sessions_of(&account.subject, keep);
    Ok(())
}

fn owner_account(data: &Data, owner: &TokenOwner, b2b: bool) -> Result<Account, ApiError> {
    match owner {
        TokenOwner::Subject(subject @ Subject::User(_)) if !b2b => account(data, subject),
        TokenOwner::Subject(subject @ Subject::Member { .. }) if b2b => account(data, subject),
        _ if b2b => Err(ApiError::bad(
            "invalid_b2b_endpoint",
            "This token belongs to a consumer user.",
        )),
        _ => Err(ApiError::bad(
            "invalid_consumer_endpoint",
            "This token belongs to a B2B member.",
        )),
    }
}

/// What a reset-start call asked for.
pub struct ResetStart<'a> {
    pub subject: Subject,
    pub email: &'a str,
    pub organization_id: Option<&'a str>,
    pub redirect_url: Option<&'a str>,
    pub minutes: Option<i64>,
    pub code_challenge: Option<String>,
}

/// Puts a reset link in the outbox: 30 minutes by default, from 5 minutes to a week.
pub fn start_reset(app: &App, data: &mut Data, start: ResetStart<'_>) -> Result<(), ApiError> {
    let lifetime =
        tokens::link_lifetime("reset_password_expiration_minutes", 30).pick(start.minutes)?;
    let token_type = match start.subject {
        Subject::User(_) => "reset_password",
        Subject::Member { .. } => "multi_tenant_passwords",
    };
    tokens::issue(
        app,
        data,
        tokens::Issue {
            kind: TokenKind::PasswordReset,
            owner: TokenOwner::Subject(start.subject),
            email: start.email,
            organization_id: start.organization_id,
            lifetime,
            code_challenge: start.code_challenge,
            delivery: Some((
                "password_reset",
                start.redirect_url.map(|url| (url, token_type)),
            )),
        },
    );
    Ok(())
}

/// Reset by emailed token: uses up the token, sets the password, verifies the email and
/// revokes the account's other sessions. A weak password leaves the token usable.
pub async fn reset_with_token<T>(
    app: &App,
    token: &str,
    code_verifier: Option<&str>,
    password: String,
    b2b: bool,
    finish: impl Finish<T>,
) -> Result<(Account, T), ApiError> {
    const KINDS: &[TokenKind] = &[TokenKind::PasswordReset];
    let account = {
        let data = app.store.lock();
        let entry = tokens::check(app, &data, token, KINDS, Family::PasswordReset)?;
        tokens::check_pkce(&entry, code_verifier)?;
        owner_account(&data, &entry.owner, b2b)?
    };
    strength::require_strong(&password, Some(&account.email))?;
    let hash = hash_blocking(password).await?;
    let mut data = app.store.lock();
    tokens::check(app, &data, token, KINDS, Family::PasswordReset)?;
    let factors = vec![
        factor(
            "magic_link",
            "email",
            email_detail(&account.email_id, &account.email),
            app,
        ),
        account.password_factor(app),
    ];
    // The session is settled first, so a bad session argument leaves the token unused.
    let (out, keep) = finish(&mut data, &account, factors)?;
    tokens::consume(app, &mut data, token, KINDS, Family::PasswordReset)?;
    email_proven(&mut data, &account.subject, &account.email);
    complete(&mut data, &account, hash, keep.as_deref())?;
    let account = self::account(&data, &account.subject)?;
    Ok((account, out))
}

/// Reset with the existing password.
pub async fn reset_existing<T>(
    app: &App,
    account: Account,
    existing: String,
    new: String,
    finish: impl Finish<T>,
) -> Result<(Account, T), ApiError> {
    verify(&account, existing).await?;
    strength::require_strong(&new, Some(&account.email))?;
    let hash = hash_blocking(new).await?;
    let mut data = app.store.lock();
    let factors = vec![account.password_factor(app)];
    let (out, keep) = finish(&mut data, &account, factors)?;
    complete(&mut data, &account, hash, keep.as_deref())?;
    let account = self::account(&data, &account.subject)?;
    Ok((account, out))
}

/// Reset by a session the caller has already checked is recent enough.
pub async fn reset_by_session<T>(
    app: &App,
    account: Account,
    password: String,
    finish: impl Finish<T>,
) -> Result<(Account, T), ApiError> {
    strength::require_strong(&password, Some(&account.email))?;
    let hash = hash_blocking(password).await?;
    let mut data = app.store.lock();
    let (out, keep) = finish(&mut data, &account, Vec::new())?;
    complete(&mut data, &account, hash, keep.as_deref())?;
    let account = self::account(&data, &account.subject)?;
    Ok((account, out))
}
