//! `/v1/b2b/otps/*`: one-time passcodes for members, by SMS and email.

use crate::service::service;

pub mod email;
pub mod sms;

service! {
    /// Member one-time passcodes.
    Otps {
        sms: sms::Sms,
        email: email::Email,
    }
}
