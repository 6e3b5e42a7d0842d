//! `/v1/b2b/idp/oauth/*`: a connected app's authorization request, seen from the consent screen.

use crate::b2b::organizations::{Member, Organization};
use crate::models::{ConnectedAppPublic, ScopeResult};
use crate::service::service;
use stytch_macros::{endpoint, model};

service! {
    /// OAuth authorization for connected apps.
    OAuth
}

/// Checks an authorization request for a member and says whether they must consent first.
#[endpoint(POST, "/v1/b2b/idp/oauth/authorize/start")]
pub struct AuthorizeStartRequest {
    pub client_id: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub scopes: Vec<String>,
    pub organization_id: Option<String>,
    pub member_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub prompt: Option<String>,
}

/// The app asking, the member, and which scopes need their consent.
#[model]
pub struct AuthorizeStartResponse {
    pub request_id: String,
    pub member_id: String,
    pub member: Member,
    pub organization: Organization,
    pub client: ConnectedAppPublic,
    pub consent_required: bool,
    pub scope_results: Vec<ScopeResult>,
    pub status_code: u16,
}

/// Records a member's consent decision and issues an authorization code if granted.
#[endpoint(POST, "/v1/b2b/idp/oauth/authorize")]
pub struct AuthorizeRequest {
    pub consent_granted: bool,
    pub scopes: Vec<String>,
    pub client_id: String,
    pub redirect_uri: String,
    pub response_type: String,
    pub organization_id: Option<String>,
    pub member_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub prompt: Option<String>,
    pub state: Option<String>,
    pub nonce: Option<String>,
    pub code_challenge: Option<String>,
    pub resources: Option<Vec<String>>,
}

/// Where to send the member next, with the authorization code when consent was granted.
#[model]
pub struct AuthorizeResponse {
    pub request_id: String,
    pub redirect_uri: String,
    pub status_code: u16,
    pub authorization_code: Option<String>,
}
