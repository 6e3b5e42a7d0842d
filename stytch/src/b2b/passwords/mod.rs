//! `/v1/b2b/passwords/*`: member password authentication and resets.

use crate::service::service;

pub mod email;
pub mod existing_password;
pub mod sessions;

service! {
    /// Member password endpoints.
    Passwords {
        email: email::Email,
        existing_password: existing_password::ExistingPassword,
        sessions: sessions::Sessions,
    }
}
