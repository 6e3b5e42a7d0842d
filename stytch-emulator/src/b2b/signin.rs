//! How every B2B sign-in ends: a member session, or, when the organization requires MFA
//! and the caller's session does not already have a second factor, an intermediate session
//! token with `mfa_required`.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::organizations::organization;
use crate::app::App;
use crate::errors::ApiError;
use crate::flows::passwords::email_proven;
use crate::flows::sessions::{self, sign_jwt, OrgClaim, SessionArgs};
use crate::ids;
use crate::render;
use crate::state::{Data, Factor, IntermediateSession, Member, Organization, Session};

/// Intermediate sessions live ten minutes.
pub const INTERMEDIATE_MINUTES: i64 = 10;

/// The outcome of a primary sign-in.
pub enum SignIn {
    Session(Session),
    Intermediate {
        token: String,
        expires_at: DateTime<Utc>,
    },
}

impl SignIn {
    /// The session to keep when a reset revokes the member's others.
    pub fn session_id(&self) -> Option<String> {
        match self {
            SignIn::Session(s) => Some(s.session_id.clone()),
            SignIn::Intermediate { .. } => None,
        }
    }
}

/// Factor kinds that count as a second factor.
fn is_second_factor(f: &Factor) -> bool {
    matches!(f.kind.as_str(), "totp" | "recovery_codes")
        || (f.kind == "otp" && f.delivery_method == "sms")
}

/// Whether signing in to `org` needs a second factor the factors do not include.
fn needs_mfa(org: &Organization, member: &Member, factors: &[Factor]) -> bool {
    let required = org.setting_str("mfa_policy") == "REQUIRED_FOR_ALL" || member.mfa_enrolled;
    required && !factors.iter().any(is_second_factor)
}

/// Starts an intermediate session for `email` (bound to `member` when MFA is pending).
pub fn start_intermediate(
    app: &App,
    data: &mut Data,
    email: &str,
    factors: Vec<Factor>,
    member: Option<&Member>,
) -> (String, DateTime<Utc>) {
    let token = ids::secret_token(32);
    let expires_at = app.now() + Duration::minutes(INTERMEDIATE_MINUTES);
    data.intermediate_sessions.insert(
        token.clone(),
        IntermediateSession {
            email: email.to_string(),
            factors,
            member: member.map(Member::subject),
            expires_at,
        },
    );
    (token, expires_at)
}

/// Ends a member's sign-in with `factors` (already proven): the member becomes active and
/// their email verified when an email factor was used, then a session is started or
/// extended, or an intermediate session is returned if MFA is still needed.
pub fn finish(
    app: &App,
    data: &mut Data,
    member: &Member,
    args: &SessionArgs,
    factors: Vec<Factor>,
    email_factor: bool,
) -> Result<SignIn, ApiError> {
    let org = organization(data, &member.organization_id)?;
    let mut all = factors.clone();
    if args.has_session() {
        let existing = sessions::find_by_args(app, data, args)?;
        all.extend(existing.factors);
    }
    if email_factor {
        email_proven(data, &member.subject(), &member.email);
    } else if member.status != "deleted" {
        if let Some(stored) = data.members.get_mut(&member.member_id) {
            stored.status = "active".into();
        }
    }
    if needs_mfa(&org, member, &all) {
        let (token, expires_at) =
            start_intermediate(app, data, &member.email, factors, Some(member));
        return Ok(SignIn::Intermediate { token, expires_at });
    }
    let session = sessions::start_or_extend(app, data, &member.subject(), args, factors, true)?
        .ok_or_else(|| ApiError::internal("a B2B sign-in made no session"))?;
    Ok(SignIn::Session(session))
}

/// `(session_token, session_jwt)` of a member session.
pub fn tokens(
    app: &App,
    session: &Session,
    member: &Member,
    org: &Organization,
) -> (String, String) {
    let jwt = sign_jwt(
        app,
        session,
        &member.role_ids(),
        Some(OrgClaim {
            organization_id: &org.organization_id,
            slug: &org.slug,
        }),
    );
    (session.token.clone(), jwt)
}

/// The fields every B2B sign-in response shares. `member` is read afresh from `data`.
pub fn body(app: &App, data: &Data, member_id: &str, outcome: &SignIn) -> Result<Value, ApiError> {
    let member = data
        .members
        .get(member_id)
        .cloned()
        .ok_or_else(crate::flows::passwords::member_not_found)?;
    let org = organization(data, &member.organization_id)?;
    let mut body = json!({
        "member_id": member.member_id,
        "organization_id": org.organization_id,
        "member": render::member(&member),
        "organization": render::organization(&org),
        "primary_required": null,
        "member_device": null,
    });
    match outcome {
        SignIn::Session(session) => {
            let (token, jwt) = tokens(app, session, &member, &org);
            body["session_token"] = json!(token);
            body["session_jwt"] = json!(jwt);
            body["member_session"] = render::member_session(session, &member, &org);
            body["intermediate_session_token"] = json!("");
            body["member_authenticated"] = json!(true);
            body["mfa_required"] = Value::Null;
        }
        SignIn::Intermediate { token, expires_at } => {
            body["session_token"] = json!("");
            body["session_jwt"] = json!("");
            body["member_session"] = Value::Null;
            body["intermediate_session_token"] = json!(token);
            body["intermediate_session_token_expires_at"] = json!(render::timestamp(*expires_at));
            body["member_authenticated"] = json!(false);
            body["mfa_required"] = json!({
                "member_options": {
                    "mfa_phone_number": member.mfa_phone_number,
                    "totp_registration_id": "",
                },
                "secondary_auth_initiated": null,
            });
        }
    }
    Ok(body)
}
