//! The emulator's memory: plain records behind one lock, and a clock tests can move forward.
//!
//! This module imports no handler and renders no JSON: it is the data every product shares.
//! Handlers take the lock only to read or write records; hashing and signing happen outside
//! it, so concurrent requests queue for microseconds, not milliseconds.
//!
//! Every record is serializable, so that `--state FILE` can write the whole store and read it
//! back; the lookup indexes are rebuilt on load rather than stored.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Wall-clock time plus an offset that only grows (see [`crate::Emulator::advance_clock`]).
/// Clones share the offset.
#[derive(Debug, Default, Clone)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

/// The clock moves at most a century ahead in all, far from the end of chrono's range, so
/// that adding a session or token lifetime to "now" can never overflow.
const MAX_OFFSET_MS: i64 = 100 * 366 * 24 * 3600 * 1000;

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms())
    }

    /// The same instant as a `SystemTime`.
    pub fn system_time(&self) -> SystemTime {
        let offset = Duration::from_millis(self.offset_ms().unsigned_abs());
        SystemTime::now() + offset
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(MAX_OFFSET_MS);
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
                Some(current.saturating_add(ms).min(MAX_OFFSET_MS))
            });
    }

    /// Restores an offset read from a snapshot (clamped to the same bounds).
    pub fn set_offset_ms(&self, ms: i64) {
        self.offset_ms
            .store(ms.clamp(0, MAX_OFFSET_MS), Ordering::Relaxed);
    }
}

/// A stored password: its id on the wire and its argon2 PHC string.
#[derive(Clone, Serialize, Deserialize)]
pub struct PasswordRecord {
    pub password_id: String,
    pub hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmailRecord {
    pub email_id: String,
    pub email: String,
    pub verified: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhoneRecord {
    pub phone_id: String,
    pub phone_number: String,
    pub verified: bool,
}

/// One TOTP registration with its recovery codes.
#[derive(Clone, Serialize, Deserialize)]
pub struct TotpRecord {
    pub totp_id: String,
    /// The shared secret, base32 as authenticator apps take it.
    pub secret: String,
    pub verified: bool,
    /// An unverified registration is unusable after this.
    pub expires_at: DateTime<Utc>,
    pub recovery_codes: Vec<RecoveryCode>,
    /// The last time step a code was accepted for; a code is not accepted twice.
    pub last_step: Option<u64>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct RecoveryCode {
    pub id: String,
    pub code: String,
    pub used: bool,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct User {
    pub user_id: String,
    /// `active` or `pending` (created as pending and not yet authenticated).
    pub status: String,
    pub emails: Vec<EmailRecord>,
    pub phones: Vec<PhoneRecord>,
    pub name: Option<Value>,
    pub password: Option<PasswordRecord>,
    pub totps: Vec<TotpRecord>,
    /// Roles assigned explicitly; every user also holds `stytch_user`.
    pub roles: Vec<String>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn email(&self, email: &str) -> Option<&EmailRecord> {
        self.emails
            .iter()
            .find(|e| e.email.eq_ignore_ascii_case(email))
    }

    /// The first email address, which password sign-in uses.
    pub fn primary_email(&self) -> Option<&EmailRecord> {
        self.emails.first()
    }

    /// Every role the user holds: `stytch_user`, then the assigned ones.
    pub fn role_ids(&self) -> Vec<String> {
        with_default_role("stytch_user", &self.roles)
    }
}

fn with_default_role(default: &str, assigned: &[String]) -> Vec<String> {
    let mut roles = vec![default.to_string()];
    for role in assigned {
        if !roles.contains(role) {
            roles.push(role.clone());
        }
    }
    roles
}

/// A role an organization or the project defines.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    pub role_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Permission {
    pub resource_id: String,
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    pub organization_id: String,
    pub name: String,
    pub slug: String,
    pub logo_url: String,
    pub trusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    /// The settings that are plain strings, lists or objects on the wire
    /// (`email_allowed_domains`, `mfa_policy`, ...), keyed by wire name.
    pub settings: Map<String, Value>,
    /// The organization's own roles (its RBAC policy).
    pub custom_roles: Vec<Role>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Organization {
    pub fn setting_str(&self, name: &str) -> &str {
        self.settings
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    pub fn setting_list(&self, name: &str) -> Vec<String> {
        self.settings
            .get(name)
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Member {
    pub member_id: String,
    pub organization_id: String,
    pub email: String,
    pub email_id: String,
    pub email_verified: bool,
    /// `active`, `invited`, `pending` or `deleted`.
    pub status: String,
    pub name: String,
    pub password: Option<PasswordRecord>,
    /// Roles assigned explicitly; every member also holds `stytch_member`.
    pub roles: Vec<String>,
    pub is_breakglass: bool,
    pub mfa_phone_number: String,
    pub mfa_phone_verified: bool,
    pub mfa_enrolled: bool,
    pub default_mfa_method: String,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Member {
    /// Every role the member holds: `stytch_member`, then the assigned ones.
    pub fn role_ids(&self) -> Vec<String> {
        with_default_role("stytch_member", &self.roles)
    }

    pub fn subject(&self) -> Subject {
        Subject::Member {
            member_id: self.member_id.clone(),
            organization_id: self.organization_id.clone(),
        }
    }
}

/// Whose session or token it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subject {
    User(String),
    Member {
        member_id: String,
        organization_id: String,
    },
}

/// What proved a factor: rendered as the factor's `*_factor` object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactorDetail {
    Email {
        email_id: String,
        email_address: String,
    },
    Phone {
        phone_id: String,
        phone_number: String,
    },
    AuthenticatorApp {
        totp_id: String,
    },
    RecoveryCode {
        totp_recovery_code_id: String,
    },
    Embedded {
        embedded_id: String,
    },
}

/// How a session was authenticated; rendered as an `authentication_factors` entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Factor {
    /// Wire value of `AuthenticationFactorType` (`password`, `magic_link`, `otp`, ...).
    pub kind: String,
    /// Wire value of `AuthenticationFactorDeliveryMethod` (`knowledge`, `email`, `sms`, ...).
    pub delivery_method: String,
    pub detail: FactorDetail,
    pub created_at: DateTime<Utc>,
    pub last_authenticated_at: DateTime<Utc>,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct Session {
    pub session_id: String,
    pub token: String,
    pub subject: Subject,
    pub factors: Vec<Factor>,
    pub started_at: DateTime<Utc>,
    pub last_accessed_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub custom_claims: Map<String, Value>,
}

/// A B2B intermediate session: an email proven by a primary factor, waiting for an
/// organization (discovery) or a second factor (MFA).
#[derive(Clone, Serialize, Deserialize)]
pub struct IntermediateSession {
    pub email: String,
    pub factors: Vec<Factor>,
    /// Set when the session is bound to one member (MFA pending).
    pub member: Option<Subject>,
    pub expires_at: DateTime<Utc>,
}

/// What an emailed (or embedded) single-use token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenKind {
    PasswordReset,
    MagicLinkLogin,
    MagicLinkSignup,
    MagicLinkInvite,
    MagicLinkEmbedded,
    Discovery,
}

/// Who a token is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenOwner {
    Subject(Subject),
    /// A discovery token: only an email address is proven.
    Email(String),
}

/// A single-use token delivered through the outbox (or returned, for embedded magic links).
#[derive(Clone, Serialize, Deserialize)]
pub struct Token {
    pub kind: TokenKind,
    pub owner: TokenOwner,
    /// The address the token was sent to; authenticating it verifies this address.
    pub email: String,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    /// PKCE `code_challenge` (base64url SHA-256 of the verifier), when one was sent.
    pub code_challenge: Option<String>,
}

/// A one-time passcode waiting for its `method_id`.
#[derive(Clone, Serialize, Deserialize)]
pub struct Otp {
    pub code: String,
    /// `sms`, `whatsapp` or `email`.
    pub channel: String,
    pub expires_at: DateTime<Utc>,
    pub failed_attempts: u32,
    pub used: bool,
}

#[derive(Clone, Serialize, Deserialize)]
pub struct M2mClient {
    pub client_id: String,
    pub secret_hash: String,
    pub secret_last_four: String,
    /// During a rotation: the next secret's digest and last four characters.
    pub next_secret: Option<(String, String)>,
    pub name: String,
    pub description: String,
    /// `active` or `inactive`.
    pub status: String,
    pub scopes: Vec<String>,
    pub trusted_metadata: Option<Value>,
    pub created_at: DateTime<Utc>,
}

/// One message the emulator "sent": an email, an SMS or a WhatsApp message.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutboxMessage {
    /// `message-test-<uuid>`.
    pub message_id: String,
    /// What it is for: `password_reset`, `magic_link_login`, `magic_link_signup`,
    /// `magic_link_invite`, `magic_link_discovery`, `otp`, `otp_discovery`.
    pub kind: String,
    /// `email`, `sms` or `whatsapp`.
    pub channel: String,
    /// The recipient address for emails, empty otherwise.
    pub email: String,
    /// The recipient number (E.164) for SMS and WhatsApp, empty otherwise.
    pub phone_number: String,
    /// Set for B2B members.
    pub organization_id: Option<String>,
    /// The single-use token a link carries, empty for passcodes.
    pub token: String,
    /// The one-time passcode, empty for links.
    pub code: String,
    /// The redirect URL with `stytch_token_type` and `token` appended, when one was given.
    pub link: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; the token or code is refused after this.
    pub expires_at: String,
}

impl OutboxMessage {
    /// The recipient: the email address or the phone number.
    pub fn recipient(&self) -> &str {
        if self.email.is_empty() {
            &self.phone_number
        } else {
            &self.email
        }
    }
}

impl std::fmt::Debug for OutboxMessage {
    /// The token and code (and the link that carries the token) are credentials: redacted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("message_id", &self.message_id)
            .field("kind", &self.kind)
            .field("channel", &self.channel)
            .field("email", &self.email)
            .field("phone_number", &self.phone_number)
            .field("organization_id", &self.organization_id)
            .field("token", &"<redacted>")
            .field("code", &"<redacted>")
            .field("link", &self.link.as_ref().map(|_| "<redacted>"))
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Every record the emulator keeps. Maps are keyed by id; the `#[serde(skip)]` indexes are
/// derived and rebuilt by [`Data::reindex`].
#[derive(Default, Serialize, Deserialize)]
pub struct Data {
    pub users: HashMap<String, User>,
    pub organizations: HashMap<String, Organization>,
    pub members: HashMap<String, Member>,
    pub sessions: HashMap<String, Session>,
    pub intermediate_sessions: HashMap<String, IntermediateSession>,
    pub tokens: HashMap<String, Token>,
    /// Keyed by `method_id` (consumer) or by a B2B delivery key.
    pub otps: HashMap<String, Otp>,
    pub m2m_clients: HashMap<String, M2mClient>,
    pub outbox: Vec<OutboxMessage>,
    #[serde(skip)]
    pub session_by_token: HashMap<String, String>,
}

/// The shared store. No `Debug`: it holds password hashes and session tokens.
#[derive(Default)]
pub struct Store {
    data: Mutex<Data>,
}

impl Store {
    pub fn new(data: Data) -> Self {
        Store {
            data: Mutex::new(data),
        }
    }

    /// Locks the data. A handler that panicked mid-update cannot leave the maps in a state
    /// that other requests must not read (each update is a few inserts), so a poisoned lock
    /// is taken over rather than turned into a cascade of failures.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Data {
    /// Rebuilds the derived indexes after a snapshot is loaded.
    pub fn reindex(&mut self) {
        self.session_by_token = self
            .sessions
            .values()
            .map(|s| (s.token.clone(), s.session_id.clone()))
            .collect();
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users.values().find(|u| u.email(email).is_some())
    }

    pub fn user_by_phone(&self, phone_number: &str) -> Option<&User> {
        self.users
            .values()
            .find(|u| u.phones.iter().any(|p| p.phone_number == phone_number))
    }

    /// A member of `organization_id` with this address, deleted ones included.
    pub fn member_by_email(&self, organization_id: &str, email: &str) -> Option<&Member> {
        self.members
            .values()
            .find(|m| m.organization_id == organization_id && m.email.eq_ignore_ascii_case(email))
    }

    pub fn insert_session(&mut self, session: Session) {
        self.session_by_token
            .insert(session.token.clone(), session.session_id.clone());
        self.sessions.insert(session.session_id.clone(), session);
    }

    pub fn remove_session(&mut self, session_id: &str) -> Option<Session> {
        let session = self.sessions.remove(session_id)?;
        self.session_by_token.remove(&session.token);
        Some(session)
    }

    /// Revokes every session of `subject` except `keep`.
    pub fn revoke_sessions_of(&mut self, subject: &Subject, keep: Option<&str>) -> usize {
        let doomed: Vec<String> = self
            .sessions
            .values()
            .filter(|s| &s.subject == subject && Some(s.session_id.as_str()) != keep)
            .map(|s| s.session_id.clone())
            .collect();
        for id in &doomed {
            self.remove_session(id);
        }
        doomed.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_forward_and_stops_at_a_century() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= chrono::Duration::minutes(59));
        let shared = clock.clone();
        shared.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        let far = clock.now();
        assert!(far - before <= chrono::Duration::days(100 * 366 + 1));
        assert_eq!(shared.offset_ms(), clock.offset_ms());
    }

    #[test]
    fn debug_hides_the_token_code_and_link() {
        let message = OutboxMessage {
            message_id: "message-test-1".into(),
            kind: "password_reset".into(),
            channel: "email".into(),
            email: "ada@example.com".into(),
            phone_number: String::new(),
            organization_id: None,
            token: "reset-token-SECRET".into(),
            code: "SECRET".into(),
            link: Some("https://app.example/reset?token=reset-token-SECRET".into()),
            created_at: String::new(),
            expires_at: String::new(),
        };
        let shown = format!("{message:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("ada@example.com"));
    }
}
