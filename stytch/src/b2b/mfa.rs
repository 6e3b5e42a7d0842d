//! Multi-factor authentication state shared by B2B flows.

use stytch_macros::model;

/// What a member must still do to finish MFA before they get a full session.
#[model]
pub struct MfaRequired {
    pub member_options: Option<MemberOptions>,
    pub secondary_auth_initiated: Option<String>,
}

/// The MFA factors a member already has set up.
#[model]
pub struct MemberOptions {
    pub mfa_phone_number: String,
    pub totp_registration_id: String,
}
