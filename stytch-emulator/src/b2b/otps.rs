//! `/v1/b2b/otps/email/*`: email passcodes for an organization's members, and for discovery.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::discovery::discovery_body;
use super::magic_links::login_or_signup_member;
use super::members::{member_body, member_by_email};
use super::organizations::organization;
use super::signin;
use crate::app::Shared;
use crate::errors::ApiResult;
use crate::flows::accounts::check_email;
use crate::flows::otp;
use crate::flows::outbox::Recipient;
use crate::flows::sessions::{email_detail, factor, SessionArgs};
use crate::flows::tokens::Lifetime;
use crate::http::{ok, Body};

/// B2B email passcodes: 10 minutes by default, from 2 to 15.
fn lifetime(field: &'static str) -> Lifetime {
    Lifetime {
        field,
        default: 10,
        min: 2,
        max: 15,
    }
}

fn member_key(organization_id: &str, email: &str) -> String {
    format!("b2b:{organization_id}:{}", email.to_lowercase())
}

fn discovery_key(email: &str) -> String {
    format!("b2b-discovery:{}", email.to_lowercase())
}

#[derive(Deserialize)]
pub struct LoginOrSignupRequest {
    pub organization_id: String,
    pub email_address: String,
    pub login_expiration_minutes: Option<i64>,
    pub signup_expiration_minutes: Option<i64>,
}

/// `POST /v1/b2b/otps/email/login_or_signup`
pub async fn login_or_signup(
    State(app): State<Shared>,
    Body(req): Body<LoginOrSignupRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    let org = organization(&data, &req.organization_id)?;
    let (member, created) = login_or_signup_member(&app, &mut data, &org, &req.email_address)?;
    let lifetime = if created {
        lifetime("signup_expiration_minutes").pick(req.signup_expiration_minutes)?
    } else {
        lifetime("login_expiration_minutes").pick(req.login_expiration_minutes)?
    };
    otp::send(
        &app,
        &mut data,
        otp::Send {
            key: member_key(&org.organization_id, &member.email),
            kind: "otp",
            to: Recipient::Email(&req.email_address),
            organization_id: Some(&org.organization_id),
            lifetime,
        },
    );
    let mut body = member_body(&data, &member)?;
    body["member_created"] = json!(created);
    ok(body)
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub organization_id: String,
    pub email_address: String,
    pub code: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/b2b/otps/email/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    let member = member_by_email(&data, &req.organization_id, &req.email_address)?;
    otp::verify(
        &app,
        &mut data,
        &member_key(&req.organization_id, &member.email),
        &req.code,
    )?;
    let proof = factor(
        "otp",
        "email",
        email_detail(&member.email_id, &member.email),
        &app,
    );
    let outcome = signin::finish(&app, &mut data, &member, &req.session, vec![proof], true)?;
    let mut body = signin::body(&app, &data, &member.member_id, &outcome)?;
    body["method_id"] = json!(member.email_id);
    ok(body)
}

#[derive(Deserialize)]
pub struct DiscoverySendRequest {
    pub email_address: String,
    pub discovery_expiration_minutes: Option<i64>,
}

/// `POST /v1/b2b/otps/email/discovery/send`
pub async fn discovery_send(
    State(app): State<Shared>,
    Body(req): Body<DiscoverySendRequest>,
) -> ApiResult {
    check_email(&req.email_address)?;
    let lifetime =
        lifetime("discovery_expiration_minutes").pick(req.discovery_expiration_minutes)?;
    let mut data = app.store.lock();
    otp::send(
        &app,
        &mut data,
        otp::Send {
            key: discovery_key(&req.email_address),
            kind: "otp_discovery",
            to: Recipient::Email(&req.email_address),
            organization_id: None,
            lifetime,
        },
    );
    ok(json!({}))
}

#[derive(Deserialize)]
pub struct DiscoveryAuthenticateRequest {
    pub email_address: String,
    pub code: String,
}

/// `POST /v1/b2b/otps/email/discovery/authenticate`
pub async fn discovery_authenticate(
    State(app): State<Shared>,
    Body(req): Body<DiscoveryAuthenticateRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    otp::verify(
        &app,
        &mut data,
        &discovery_key(&req.email_address),
        &req.code,
    )?;
    let proof = factor("otp", "email", email_detail("", &req.email_address), &app);
    let body = discovery_body(&app, &mut data, &req.email_address, proof);
    ok(body)
}
