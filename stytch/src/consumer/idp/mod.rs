//! `/v1/idp/*`: Stytch as an OAuth and OIDC identity provider for connected apps.

use crate::service::service;
use stytch_macros::model;

pub mod oauth;

service! {
    /// Identity provider endpoints.
    Idp {
        oauth: oauth::OAuth,
    }
}

/// One scope a connected app asked for, and whether the user can grant it.
#[model]
pub struct ScopeResult {
    pub scope: String,
    pub description: String,
    pub is_grantable: bool,
}
