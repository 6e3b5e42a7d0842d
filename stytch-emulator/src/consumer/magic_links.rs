//! `/v1/magic_links/*`: email magic links (login or create, send, invite, revoke an invite),
//! embedded magic links, and authenticating either.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::signed_in_body;
use super::users::{self, duplicate_email, insert_user, NewUser, UserFields};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::check_email;
use crate::flows::passwords::email_proven;
use crate::flows::sessions::{self, email_detail, factor, SessionArgs};
use crate::flows::tokens::{self, link_lifetime, Family, Issue};
use crate::http::{ok, Body};
use crate::ids;
use crate::state::{Data, EmailRecord, FactorDetail, Subject, TokenKind, TokenOwner, User};

/// The `stytch_token_type` consumer magic links carry.
const TOKEN_TYPE: &str = "magic_links";

/// The kinds `POST /v1/magic_links/authenticate` takes.
const KINDS: &[TokenKind] = &[
    TokenKind::MagicLinkLogin,
    TokenKind::MagicLinkSignup,
    TokenKind::MagicLinkInvite,
    TokenKind::MagicLinkEmbedded,
];

/// Sends a login or signup link to `email` for `user`.
#[allow(clippy::too_many_arguments)]
fn send_link(
    app: &App,
    data: &mut Data,
    user: &User,
    email: &str,
    kind: TokenKind,
    minutes: Option<i64>,
    url: Option<&str>,
    code_challenge: Option<String>,
) -> Result<(), ApiError> {
    let (field, default, message) = match kind {
        TokenKind::MagicLinkSignup => ("signup_expiration_minutes", 60, "magic_link_signup"),
        TokenKind::MagicLinkInvite => ("invite_expiration_minutes", 10_080, "magic_link_invite"),
        _ => ("login_expiration_minutes", 60, "magic_link_login"),
    };
    let lifetime = link_lifetime(field, default).pick(minutes)?;
    tokens::issue(
        app,
        data,
        Issue {
            kind,
            owner: TokenOwner::Subject(Subject::User(user.user_id.clone())),
            email,
            organization_id: None,
            lifetime,
            code_challenge,
            delivery: Some((message, url.map(|u| (u, TOKEN_TYPE)))),
        },
    );
    Ok(())
}

fn email_id(user: &User, email: &str) -> String {
    user.email(email)
        .map(|e| e.email_id.clone())
        .unwrap_or_default()
}

#[derive(Deserialize)]
pub struct LoginOrCreateRequest {
    pub email: String,
    pub login_magic_link_url: Option<String>,
    pub signup_magic_link_url: Option<String>,
    pub login_expiration_minutes: Option<i64>,
    pub signup_expiration_minutes: Option<i64>,
    #[serde(default)]
    pub create_user_as_pending: bool,
    pub code_challenge: Option<String>,
}

/// `POST /v1/magic_links/email/login_or_create`: a login link for a known address, else a
/// new user and a signup link.
pub async fn login_or_create(
    State(app): State<Shared>,
    Body(req): Body<LoginOrCreateRequest>,
) -> ApiResult {
    check_email(&req.email)?;
    let mut data = app.store.lock();
    let (user, created) = match data.user_by_email(&req.email).cloned() {
        Some(user) => (user, false),
        None => {
            let new = NewUser {
                email: Some(req.email.clone()),
                pending: req.create_user_as_pending,
                ..NewUser::default()
            };
            (insert_user(&app, &mut data, new)?, true)
        }
    };
    let (kind, minutes, url) = if created {
        (
            TokenKind::MagicLinkSignup,
            req.signup_expiration_minutes,
            req.signup_magic_link_url.as_deref(),
        )
    } else {
        (
            TokenKind::MagicLinkLogin,
            req.login_expiration_minutes,
            req.login_magic_link_url.as_deref(),
        )
    };
    send_link(
        &app,
        &mut data,
        &user,
        &req.email,
        kind,
        minutes,
        url,
        req.code_challenge,
    )?;
    ok(json!({
        "user_id": user.user_id,
        "email_id": email_id(&user, &req.email),
        "user_created": created,
    }))
}

#[derive(Deserialize)]
pub struct SendRequest {
    pub email: String,
    pub login_magic_link_url: Option<String>,
    pub login_expiration_minutes: Option<i64>,
    pub code_challenge: Option<String>,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// The user a send with `user_id` or a session is for, if any.
pub fn target_user(
    app: &App,
    data: &mut Data,
    user_id: Option<&str>,
    session_token: Option<&str>,
    session_jwt: Option<&str>,
) -> Result<Option<User>, ApiError> {
    if let Some(id) = user_id {
        return users::user(data, id).map(Some);
    }
    if session_token.is_none() && session_jwt.is_none() {
        return Ok(None);
    }
    let session = sessions::find_live(app, data, session_token, session_jwt)?;
    match &session.subject {
        Subject::User(id) => users::user(data, id).map(Some),
        Subject::Member { .. } => Err(ApiError::bad(
            "invalid_consumer_endpoint",
            "This is a B2B member session.",
        )),
    }
}

/// Adds `email` (unverified) to `user` unless it has it; refuses an address another user
/// has.
fn attach_email(data: &mut Data, user: &User, email: &str) -> Result<User, ApiError> {
    if user.email(email).is_some() {
        return Ok(user.clone());
    }
    if data.user_by_email(email).is_some() {
        return Err(duplicate_email());
    }
    let stored = data
        .users
        .get_mut(&user.user_id)
        .ok_or_else(crate::flows::passwords::user_not_found)?;
    stored.emails.push(EmailRecord {
        email_id: ids::prefixed("email"),
        email: email.to_string(),
        verified: false,
    });
    Ok(stored.clone())
}

/// `POST /v1/magic_links/email/send`: a login link to a known address, or (with `user_id`
/// or a session) to a new address for that user, added once the link is used.
pub async fn send(State(app): State<Shared>, Body(req): Body<SendRequest>) -> ApiResult {
    check_email(&req.email)?;
    let mut data = app.store.lock();
    let target = target_user(
        &app,
        &mut data,
        req.user_id.as_deref(),
        req.session_token.as_deref(),
        req.session_jwt.as_deref(),
    )?;
    let user = match target {
        Some(user) => attach_email(&mut data, &user, &req.email)?,
        None => users::user_by_email(&data, &req.email)?,
    };
    send_link(
        &app,
        &mut data,
        &user,
        &req.email,
        TokenKind::MagicLinkLogin,
        req.login_expiration_minutes,
        req.login_magic_link_url.as_deref(),
        req.code_challenge,
    )?;
    ok(json!({ "user_id": user.user_id, "email_id": email_id(&user, &req.email) }))
}

#[derive(Deserialize)]
pub struct InviteRequest {
    pub email: String,
    pub invite_magic_link_url: Option<String>,
    pub invite_expiration_minutes: Option<i64>,
    pub name: Option<Value>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
}

/// `POST /v1/magic_links/email/invite`: a pending user and an invite link.
pub async fn invite(State(app): State<Shared>, Body(req): Body<InviteRequest>) -> ApiResult {
    check_email(&req.email)?;
    let mut data = app.store.lock();
    let user = match data.user_by_email(&req.email).cloned() {
        Some(user) if user.status == "pending" => user,
        Some(_) => return Err(duplicate_email()),
        None => {
            let new = NewUser {
                email: Some(req.email.clone()),
                fields: UserFields {
                    name: req.name,
                    trusted_metadata: req.trusted_metadata,
                    untrusted_metadata: req.untrusted_metadata,
                    ..UserFields::default()
                },
                pending: true,
                ..NewUser::default()
            };
            insert_user(&app, &mut data, new)?
        }
    };
    send_link(
        &app,
        &mut data,
        &user,
        &req.email,
        TokenKind::MagicLinkInvite,
        req.invite_expiration_minutes,
        req.invite_magic_link_url.as_deref(),
        None,
    )?;
    ok(json!({ "user_id": user.user_id, "email_id": email_id(&user, &req.email) }))
}

#[derive(Deserialize)]
pub struct RevokeInviteRequest {
    pub email: String,
}

/// `POST /v1/magic_links/email/revoke_invite`: the invite links to this address stop
/// working.
pub async fn revoke_invite(
    State(app): State<Shared>,
    Body(req): Body<RevokeInviteRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let mut revoked = 0;
    for token in data.tokens.values_mut() {
        if token.kind == TokenKind::MagicLinkInvite
            && !token.used
            && token.email.eq_ignore_ascii_case(&req.email)
        {
            token.used = true;
            revoked += 1;
        }
    }
    if revoked == 0 {
        return Err(ApiError::not_found(
            "email_not_found",
            "No pending invite was sent to this email address.",
        ));
    }
    ok(json!({}))
}

#[derive(Deserialize)]
pub struct CreateRequest {
    pub user_id: String,
    pub expiration_minutes: Option<i64>,
}

/// `POST /v1/magic_links`: an embedded magic link, returned rather than sent.
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    let lifetime = link_lifetime("expiration_minutes", 60).pick(req.expiration_minutes)?;
    let mut data = app.store.lock();
    let user = users::user(&data, &req.user_id)?;
    let token = tokens::issue(
        &app,
        &mut data,
        Issue {
            kind: TokenKind::MagicLinkEmbedded,
            owner: TokenOwner::Subject(Subject::User(user.user_id.clone())),
            email: "",
            organization_id: None,
            lifetime,
            code_challenge: None,
            delivery: None,
        },
    );
    ok(json!({ "user_id": user.user_id, "token": token }))
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub token: String,
    pub code_verifier: Option<String>,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/magic_links/authenticate`: uses up the link, verifies its address, and makes or
/// extends a session when asked.
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let entry = tokens::check(&app, &data, &req.token, KINDS, Family::MagicLink)?;
    tokens::check_pkce(&entry, req.code_verifier.as_deref())?;
    let TokenOwner::Subject(subject @ Subject::User(user_id)) = &entry.owner else {
        return Err(ApiError::not_found(
            "magic_link_not_found",
            "No magic link has this token.",
        ));
    };
    let user = users::user(&data, user_id)?;
    let (method_id, factor) = if entry.kind == TokenKind::MagicLinkEmbedded {
        let detail = FactorDetail::Embedded {
            embedded_id: user.user_id.clone(),
        };
        (
            user.user_id.clone(),
            factor("magic_link", "embedded", detail, &app),
        )
    } else {
        let id = email_id(&user, &entry.email);
        let detail = email_detail(&id, &entry.email);
        (id, factor("magic_link", "email", detail, &app))
    };
    let session =
        sessions::start_or_extend(&app, &mut data, subject, &req.session, vec![factor], false)?;
    tokens::consume(&app, &mut data, &req.token, KINDS, Family::MagicLink)?;
    if entry.kind == TokenKind::MagicLinkEmbedded {
        if let Some(stored) = data.users.get_mut(user_id) {
            stored.status = "active".into();
        }
    } else {
        email_proven(&mut data, subject, &entry.email);
    }
    let user = users::user(&data, user_id)?;
    drop(data);
    let mut body = signed_in_body(&app, &user, session.as_ref());
    body["method_id"] = json!(method_id);
    body["reset_sessions"] = json!(false);
    ok(body)
}
