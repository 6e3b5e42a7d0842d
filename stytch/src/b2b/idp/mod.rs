//! `/v1/b2b/idp/*`: Stytch as an OAuth identity provider for connected apps.

use crate::service::service;

pub mod oauth;

service! {
    /// Identity provider endpoints.
    Idp { oauth: oauth::OAuth }
}
