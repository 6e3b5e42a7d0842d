//! `/v1/passwords/*`: password authentication and resets.

use crate::service::service;

pub mod email;
pub mod existing_password;
pub mod sessions;

service! {
    /// Password endpoints.
    Passwords {
        email: email::Email,
        existing_password: existing_password::ExistingPassword,
        sessions: sessions::Sessions,
    }
}
