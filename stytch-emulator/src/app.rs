//! What every handler shares: the project's credentials, the store, the clock and the key.

use std::sync::Arc;

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
