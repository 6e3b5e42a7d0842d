//! The emulator's memory: one lock around plain maps, and a clock tests can move forward.
//!
//! Handlers take the lock only to read or write records; hashing and signing happen outside
//! it, so concurrent requests queue for microseconds, not milliseconds.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::outbox::OutboxMessage;

/// Wall-clock time plus an offset that only grows (see [`crate::Emulator::advance_clock`]).
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

/// The clock moves at most a century ahead in all, far from the end of chrono's range, so
/// that adding a session or token lifetime to "now" can never overflow.
const MAX_OFFSET_MS: i64 = 100 * 366 * 24 * 3600 * 1000;

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        let offset = chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed));
        Utc::now() + offset
    }

    pub fn advance(&self, by: Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(MAX_OFFSET_MS);
        let _ = self
            .offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |current| {
                Some(current.saturating_add(ms).min(MAX_OFFSET_MS))
            });
    }
}

/// A stored password: its id on the wire and its argon2id PHC string.
#[derive(Clone)]
pub struct PasswordRecord {
    pub password_id: String,
    pub hash: String,
}

#[derive(Clone)]
pub struct User {
    pub user_id: String,
    pub email: String,
    pub email_id: String,
    pub email_verified: bool,
    pub name: Option<Value>,
    pub password: Option<PasswordRecord>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Organization {
    pub organization_id: String,
    pub name: String,
    pub slug: String,
    pub logo_url: String,
    pub email_allowed_domains: Vec<String>,
    pub trusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct Member {
    pub member_id: String,
    pub organization_id: String,
    pub email: String,
    pub email_id: String,
    pub email_verified: bool,
    pub name: String,
    pub password: Option<PasswordRecord>,
    pub roles: Vec<String>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Whose session it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    User(String),
    Member {
        member_id: String,
        organization_id: String,
    },
}

/// How a session was authenticated; rendered as an `authentication_factors` entry.
#[derive(Debug, Clone)]
pub struct Factor {
    /// Wire value of `AuthenticationFactorType` (`password`, `magic_link`).
    pub kind: &'static str,
    /// Wire value of `AuthenticationFactorDeliveryMethod` (`knowledge`, `email`).
    pub delivery_method: &'static str,
    pub email_id: String,
    pub email_address: String,
    pub created_at: DateTime<Utc>,
    pub last_authenticated_at: DateTime<Utc>,
}

#[derive(Clone)]
pub struct Session {
    pub session_id: String,
    pub token: String,
    pub subject: Subject,
    pub factors: Vec<Factor>,
    pub started_at: DateTime<Utc>,
    pub last_accessed_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub custom_claims: serde_json::Map<String, Value>,
}

/// A single-use password-reset token delivered to the outbox.
#[derive(Debug, Clone)]
pub struct ResetToken {
    pub subject: Subject,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

#[derive(Clone)]
pub struct M2mClient {
    pub client_id: String,
    pub secret_hash: String,
    pub secret_last_four: String,
    pub name: String,
    pub description: String,
    pub scopes: Vec<String>,
    pub trusted_metadata: Option<Value>,
}

/// Every record the emulator keeps.
#[derive(Default)]
pub struct Data {
    pub users: HashMap<String, User>,
    pub user_by_email: HashMap<String, String>,
    pub organizations: HashMap<String, Organization>,
    pub organization_by_slug: HashMap<String, String>,
    pub members: HashMap<String, Member>,
    /// (organization_id, lower-cased email) -> member_id
    pub member_by_email: HashMap<(String, String), String>,
    pub sessions: HashMap<String, Session>,
    pub session_by_token: HashMap<String, String>,
    pub reset_tokens: HashMap<String, ResetToken>,
    pub m2m_clients: HashMap<String, M2mClient>,
    pub outbox: Vec<OutboxMessage>,
}

/// The shared store. No `Debug`: it holds password hashes and session tokens.
#[derive(Default)]
pub struct Store {
    data: Mutex<Data>,
}

impl Store {
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
    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        let id = self.user_by_email.get(&email.to_lowercase())?;
        self.users.get(id)
    }

    pub fn member_by_email(&self, organization_id: &str, email: &str) -> Option<&Member> {
        let key = (organization_id.to_string(), email.to_lowercase());
        let id = self.member_by_email.get(&key)?;
        self.members.get(id)
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
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        let far = clock.now();
        assert!(far - before <= chrono::Duration::days(100 * 366 + 1));
    }
}
