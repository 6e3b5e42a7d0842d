//! `/v1/idp/*`: Stytch as an OAuth and OIDC identity provider for connected apps.

use crate::service::service;

pub mod oauth;

service! {
    /// Identity provider endpoints.
    Idp {
        oauth: oauth::OAuth,
    }
}
