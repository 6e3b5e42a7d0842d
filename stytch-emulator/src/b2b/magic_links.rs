//! `/v1/b2b/magic_links/*`: email login-or-signup and invite links for an organization,
//! discovery links, and authenticating them.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::discovery::{discovery_body, eligible_by_domain};
use super::members::{insert_member, member_body, MemberFields};
use super::organizations::organization;
use super::signin;
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::check_email;
use crate::flows::sessions::{email_detail, factor, SessionArgs};
use crate::flows::tokens::{self, link_lifetime, Family, Issue};
use crate::http::{ok, Body};
use crate::state::{Data, Member, Organization, TokenKind, TokenOwner};

/// The `stytch_token_type` of organization links, and of discovery links.
const TOKEN_TYPE: &str = "multi_tenant_magic_links";
const DISCOVERY_TOKEN_TYPE: &str = "discovery";

/// The kinds `POST /v1/b2b/magic_links/authenticate` takes.
const KINDS: &[TokenKind] = &[
    TokenKind::MagicLinkLogin,
    TokenKind::MagicLinkSignup,
    TokenKind::MagicLinkInvite,
];

/// The live member with `email`, or a new pending one when the organization lets the
/// address's domain join; `(member, created)`.
pub fn login_or_signup_member(
    app: &App,
    data: &mut Data,
    org: &Organization,
    email: &str,
) -> Result<(Member, bool), ApiError> {
    check_email(email)?;
    if let Some(member) = data
        .member_by_email(&org.organization_id, email)
        .filter(|m| m.status != "deleted")
    {
        return Ok((member.clone(), false));
    }
    if !eligible_by_domain(org, email) {
        return Err(ApiError::forbidden(
            "email_jit_provisioning_not_allowed",
            "This email address is not a member of the organization, and the organization \
             does not let its domain join.",
        ));
    }
    let member = insert_member(
        app,
        data,
        &org.organization_id,
        email,
        MemberFields::default(),
        "pending",
        None,
    )?;
    Ok((member, true))
}

#[derive(Deserialize)]
pub struct LoginOrSignupRequest {
    pub organization_id: String,
    pub email_address: String,
    pub login_redirect_url: Option<String>,
    pub signup_redirect_url: Option<String>,
    pub pkce_code_challenge: Option<String>,
    pub login_expiration_minutes: Option<i64>,
    pub signup_expiration_minutes: Option<i64>,
}

/// `POST /v1/b2b/magic_links/email/login_or_signup`
pub async fn login_or_signup(
    State(app): State<Shared>,
    Body(req): Body<LoginOrSignupRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let org = organization(&data, &req.organization_id)?;
    let (member, created) = login_or_signup_member(&app, &mut data, &org, &req.email_address)?;
    let (kind, field, minutes, url, message) = if created {
        (
            TokenKind::MagicLinkSignup,
            "signup_expiration_minutes",
            req.signup_expiration_minutes,
            req.signup_redirect_url.as_deref(),
            "magic_link_signup",
        )
    } else {
        (
            TokenKind::MagicLinkLogin,
            "login_expiration_minutes",
            req.login_expiration_minutes,
            req.login_redirect_url.as_deref(),
            "magic_link_login",
        )
    };
    let lifetime = link_lifetime(field, 60).pick(minutes)?;
    tokens::issue(
        &app,
        &mut data,
        Issue {
            kind,
            owner: TokenOwner::Subject(member.subject()),
            email: &req.email_address,
            organization_id: Some(&org.organization_id),
            lifetime,
            code_challenge: req.pkce_code_challenge,
            delivery: Some((message, url.map(|u| (u, TOKEN_TYPE)))),
        },
    );
    let mut body = member_body(&data, &member)?;
    body["member_created"] = json!(created);
    ok(body)
}

#[derive(Deserialize)]
pub struct InviteRequest {
    pub organization_id: String,
    pub email_address: String,
    pub invite_redirect_url: Option<String>,
    pub invite_expiration_minutes: Option<i64>,
    #[serde(flatten)]
    pub fields: MemberFields,
}

/// `POST /v1/b2b/magic_links/email/invite`: an `invited` member and an invite link.
pub async fn invite(State(app): State<Shared>, Body(req): Body<InviteRequest>) -> ApiResult {
    let lifetime =
        link_lifetime("invite_expiration_minutes", 10_080).pick(req.invite_expiration_minutes)?;
    let mut data = app.store.lock();
    let org = organization(&data, &req.organization_id)?;
    let existing = data
        .member_by_email(&org.organization_id, &req.email_address)
        .cloned();
    let member = match existing {
        Some(m) if m.status == "invited" => m,
        Some(m) if m.status == "deleted" => {
            if let Some(stored) = data.members.get_mut(&m.member_id) {
                stored.status = "invited".into();
            }
            super::members::member(&data, &m.member_id)?
        }
        Some(_) => {
            return Err(ApiError::bad(
                "duplicate_member_email",
                "A member of this organization already has this email address.",
            ))
        }
        None => insert_member(
            &app,
            &mut data,
            &org.organization_id,
            &req.email_address,
            req.fields,
            "invited",
            None,
        )?,
    };
    tokens::issue(
        &app,
        &mut data,
        Issue {
            kind: TokenKind::MagicLinkInvite,
            owner: TokenOwner::Subject(member.subject()),
            email: &req.email_address,
            organization_id: Some(&org.organization_id),
            lifetime,
            code_challenge: None,
            delivery: Some((
                "magic_link_invite",
                req.invite_redirect_url.as_deref().map(|u| (u, TOKEN_TYPE)),
            )),
        },
    );
    ok(member_body(&data, &member)?)
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub magic_links_token: String,
    pub pkce_code_verifier: Option<String>,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/magic_links/authenticate`: a member session, or an intermediate session if
/// the organization requires MFA.
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let entry = tokens::check(
        &app,
        &data,
        &req.magic_links_token,
        KINDS,
        Family::MagicLink,
    )?;
    tokens::check_pkce(&entry, req.pkce_code_verifier.as_deref())?;
    let TokenOwner::Subject(crate::state::Subject::Member { member_id, .. }) = &entry.owner else {
        return Err(ApiError::not_found(
            "magic_link_not_found",
            "No organization magic link has this token.",
        ));
    };
    let member = super::members::member(&data, member_id)?;
    let proof = factor(
        "magic_link",
        "email",
        email_detail(&member.email_id, &member.email),
        &app,
    );
    let outcome = signin::finish(&app, &mut data, &member, &req.session, vec![proof], true)?;
    tokens::consume(
        &app,
        &mut data,
        &req.magic_links_token,
        KINDS,
        Family::MagicLink,
    )?;
    let mut body = signin::body(&app, &data, member_id, &outcome)?;
    body["method_id"] = json!(member.email_id);
    body["reset_sessions"] = json!(false);
    ok(body)
}

#[derive(Deserialize)]
pub struct DiscoverySendRequest {
    pub email_address: String,
    pub discovery_redirect_url: Option<String>,
    pub pkce_code_challenge: Option<String>,
    pub discovery_expiration_minutes: Option<i64>,
}

/// `POST /v1/b2b/magic_links/email/discovery/send`
pub async fn discovery_send(
    State(app): State<Shared>,
    Body(req): Body<DiscoverySendRequest>,
) -> ApiResult {
    check_email(&req.email_address)?;
    let lifetime =
        link_lifetime("discovery_expiration_minutes", 60).pick(req.discovery_expiration_minutes)?;
    let mut data = app.store.lock();
    tokens::issue(
        &app,
        &mut data,
        Issue {
            kind: TokenKind::Discovery,
            owner: TokenOwner::Email(req.email_address.clone()),
            email: &req.email_address,
            organization_id: None,
            lifetime,
            code_challenge: req.pkce_code_challenge,
            delivery: Some((
                "magic_link_discovery",
                req.discovery_redirect_url
                    .as_deref()
                    .map(|u| (u, DISCOVERY_TOKEN_TYPE)),
            )),
        },
    );
    ok(json!({}))
}

#[derive(Deserialize)]
pub struct DiscoveryAuthenticateRequest {
    pub discovery_magic_links_token: String,
    pub pkce_code_verifier: Option<String>,
}

/// `POST /v1/b2b/magic_links/discovery/authenticate`: an intermediate session and the
/// organizations the address can sign in to.
pub async fn discovery_authenticate(
    State(app): State<Shared>,
    Body(req): Body<DiscoveryAuthenticateRequest>,
) -> ApiResult {
    const DISCOVERY: &[TokenKind] = &[TokenKind::Discovery];
    let mut data = app.store.lock();
    let token = &req.discovery_magic_links_token;
    let entry = tokens::check(&app, &data, token, DISCOVERY, Family::MagicLink)?;
    tokens::check_pkce(&entry, req.pkce_code_verifier.as_deref())?;
    tokens::consume(&app, &mut data, token, DISCOVERY, Family::MagicLink)?;
    let proof = factor("magic_link", "email", email_detail("", &entry.email), &app);
    let body: Value = discovery_body(&app, &mut data, &entry.email, proof);
    ok(body)
}
