//! `/v1/b2b/impersonation/*`: support staff acting as a member.

use crate::b2b::mfa::MfaRequired;
use crate::b2b::organizations::{Member, Organization};
use crate::b2b::sessions::MemberSession;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Member impersonation.
    Impersonation
}

/// Redeems an impersonation token for a session as the member it names.
#[endpoint(POST, "/v1/b2b/impersonation/authenticate")]
pub struct AuthenticateRequest {
    /// The impersonation token to redeem; it lasts 5 minutes by default.
    pub impersonation_token: String,
}

/// The impersonated member and the session acting as them.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub member_id: String,
    pub organization_id: String,
    pub member: Member,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub organization: Organization,
    /// `None` when no further step is needed (Stytch sends an empty string then).
    pub intermediate_session_token: Option<String>,
    pub member_authenticated: bool,
    pub status_code: u16,
    pub member_session: Option<MemberSession>,
    pub mfa_required: Option<MfaRequired>,
    pub intermediate_session_token_expires_at: Option<Timestamp>,
}
