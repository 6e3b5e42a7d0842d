//! What every handler shares: the project's credentials, the store, the clock and the key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};

use crate::jwt::SigningKeys;
use crate::state::{Clock, Store};

/// Shared state behind every route. No `Debug`: it holds the project secret.
pub struct App {
    pub project_id: String,
    pub secret: String,
    pub store: Store,
    pub clock: Clock,
    pub keys: SigningKeys,
    pub requests: RequestCounts,
}

/// How many requests each served route received, by method and path template, so that tests
/// can tell how often a client really called.
#[derive(Default)]
pub struct RequestCounts(Mutex<HashMap<(String, String), u64>>);

impl RequestCounts {
    pub fn add(&self, method: &str, route: &str) {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *counts
            .entry((method.to_owned(), route.to_owned()))
            .or_default() += 1;
    }

    pub fn get(&self, method: &str, route: &str) -> u64 {
        let counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        counts
            .get(&(method.to_owned(), route.to_owned()))
            .copied()
            .unwrap_or(0)
    }
}

pub type Shared = Arc<App>;

impl App {
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// `iss` of every token the emulator signs.
    pub fn issuer(&self) -> String {
        format!("stytch.com/{}", self.project_id)
    }
}
