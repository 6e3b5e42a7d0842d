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
    /// Client ID of the connected app asking for access.
    pub client_id: String,
    /// Where the client wants the user sent back: the `redirect_uri` of its authorization request.
    pub redirect_uri: String,
    /// OAuth response type from the client's request; `code` for the authorization-code flow.
    pub response_type: String,
    /// Scopes the client asked for.
    pub scopes: Vec<String>,
    /// Organization of the member granting consent, by ID, slug or external ID.
    pub organization_id: Option<String>,
    /// The member granting consent, by ID or external ID, when no session names them.
    pub member_id: Option<String>,
    /// Token of the consenting member's session, instead of naming the member.
    pub session_token: Option<String>,
    /// JWT of the consenting member's session, instead of naming the member.
    pub session_jwt: Option<String>,
    /// The client's space-separated `prompt` values; only `consent` is supported.
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
    /// Whether the member approved the requested scopes.
    pub consent_granted: bool,
    /// Scopes the client asked for.
    pub scopes: Vec<String>,
    /// Client ID of the connected app asking for access.
    pub client_id: String,
    /// Where the client wants the user sent back: the `redirect_uri` of its authorization request.
    pub redirect_uri: String,
    /// OAuth response type from the client's request; `code` for the authorization-code flow.
    pub response_type: String,
    /// Organization of the member granting consent, by ID, slug or external ID.
    pub organization_id: Option<String>,
    /// The member granting consent, by ID or external ID, when no session names them.
    pub member_id: Option<String>,
    /// Token of the consenting member's session, instead of naming the member.
    pub session_token: Option<String>,
    /// JWT of the consenting member's session, instead of naming the member.
    pub session_jwt: Option<String>,
    /// The client's space-separated `prompt` values; only `consent` is supported.
    pub prompt: Option<String>,
    /// The client's opaque `state` value, handed back to it unchanged.
    pub state: Option<String>,
    /// The client's OIDC `nonce`, put into the ID token against replays.
    pub nonce: Option<String>,
    /// The client's PKCE code challenge (base64url), if it sent one.
    pub code_challenge: Option<String>,
    /// Resource indicators (RFC 8707) from the client's request, if any.
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
