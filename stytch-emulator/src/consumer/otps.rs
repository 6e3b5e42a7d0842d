//! `/v1/otps/*`: one-time passcodes by SMS, WhatsApp and email (`send`, `login_or_create`),
//! and `authenticate` with the `method_id` (the phone or email id) and the code.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::magic_links::target_user;
use super::signed_in_body;
use super::users::{self, duplicate_email, insert_user, NewUser};
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::{check_email, check_phone};
use crate::flows::otp::{self, consumer_lifetime};
use crate::flows::outbox::Recipient;
use crate::flows::passwords::user_not_found;
use crate::flows::sessions::{self, email_detail, factor, SessionArgs};
use crate::http::{ok, Body};
use crate::ids;
use crate::state::{Data, EmailRecord, FactorDetail, PhoneRecord, Subject, User};

/// How a passcode travels.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Channel {
    Sms,
    WhatsApp,
    Email,
}

impl Channel {
    fn name(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::WhatsApp => "whatsapp",
            Channel::Email => "email",
        }
    }

    fn check(self, address: &str) -> Result<(), ApiError> {
        match self {
            Channel::Email => check_email(address),
            _ => check_phone(address),
        }
    }

    /// The user with this address.
    fn owner(self, data: &Data, address: &str) -> Option<User> {
        match self {
            Channel::Email => data.user_by_email(address).cloned(),
            _ => data.user_by_phone(address).cloned(),
        }
    }

    fn not_found(self) -> ApiError {
        match self {
            Channel::Email => ApiError::not_found(
                "email_not_found",
                "No user in this project has this email address.",
            ),
            _ => ApiError::not_found(
                "phone_number_not_found",
                "No user in this project has this phone number.",
            ),
        }
    }

    /// The id of the user's record for this address (its `method_id`).
    fn method_id(self, user: &User, address: &str) -> Option<String> {
        match self {
            Channel::Email => user.email(address).map(|e| e.email_id.clone()),
            _ => user
                .phones
                .iter()
                .find(|p| p.phone_number == address)
                .map(|p| p.phone_id.clone()),
        }
    }

    /// Adds the address (unverified) to `user` unless it has it; refuses one another user
    /// has.
    fn attach(self, data: &mut Data, user: &User, address: &str) -> Result<User, ApiError> {
        if self.method_id(user, address).is_some() {
            return Ok(user.clone());
        }
        if self.owner(data, address).is_some() {
            return Err(match self {
                Channel::Email => duplicate_email(),
                _ => ApiError::bad(
                    "duplicate_phone_number",
                    "A user with this phone number already exists.",
                ),
            });
        }
        let stored = data
            .users
            .get_mut(&user.user_id)
            .ok_or_else(user_not_found)?;
        match self {
            Channel::Email => stored.emails.push(EmailRecord {
                email_id: ids::prefixed("email"),
                email: address.to_string(),
                verified: false,
            }),
            _ => stored.phones.push(PhoneRecord {
                phone_id: ids::prefixed("phone-number"),
                phone_number: address.to_string(),
                verified: false,
            }),
        }
        Ok(stored.clone())
    }

    fn id_field(self) -> &'static str {
        match self {
            Channel::Email => "email_id",
            _ => "phone_id",
        }
    }
}

fn send_code(
    app: &App,
    data: &mut Data,
    channel: Channel,
    user: &User,
    address: &str,
    minutes: Option<i64>,
) -> Result<String, ApiError> {
    let lifetime = consumer_lifetime().pick(minutes)?;
    let method_id = channel
        .method_id(user, address)
        .ok_or_else(|| channel.not_found())?;
    let to = match channel {
        Channel::Email => Recipient::Email(address),
        _ => Recipient::Phone(address, channel.name()),
    };
    otp::send(
        app,
        data,
        otp::Send {
            key: method_id.clone(),
            kind: "otp",
            to,
            organization_id: None,
            lifetime,
        },
    );
    Ok(method_id)
}

#[derive(Deserialize)]
pub struct SendRequest {
    pub phone_number: Option<String>,
    pub email: Option<String>,
    pub expiration_minutes: Option<i64>,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

impl SendRequest {
    fn address(&self, channel: Channel) -> Result<&str, ApiError> {
        let (value, name) = match channel {
            Channel::Email => (&self.email, "email"),
            _ => (&self.phone_number, "phone_number"),
        };
        value
            .as_deref()
            .ok_or_else(|| ApiError::bad_request(format!("The request needs {name}.")))
    }
}

async fn send(app: Shared, channel: Channel, req: SendRequest) -> ApiResult {
    let address = req.address(channel)?;
    channel.check(address)?;
    let mut data = app.store.lock();
    let target = target_user(
        &app,
        &mut data,
        req.user_id.as_deref(),
        req.session_token.as_deref(),
        req.session_jwt.as_deref(),
    )?;
    let user = match target {
        Some(user) => channel.attach(&mut data, &user, address)?,
        None => channel
            .owner(&data, address)
            .ok_or_else(|| channel.not_found())?,
    };
    let method_id = send_code(
        &app,
        &mut data,
        channel,
        &user,
        address,
        req.expiration_minutes,
    )?;
    ok(json!({ "user_id": user.user_id, channel.id_field(): method_id }))
}

#[derive(Deserialize)]
pub struct LoginOrCreateRequest {
    pub phone_number: Option<String>,
    pub email: Option<String>,
    pub expiration_minutes: Option<i64>,
    #[serde(default)]
    pub create_user_as_pending: bool,
}

async fn login_or_create(app: Shared, channel: Channel, req: LoginOrCreateRequest) -> ApiResult {
    let address = match channel {
        Channel::Email => req.email.as_deref(),
        _ => req.phone_number.as_deref(),
    }
    .ok_or_else(|| ApiError::bad_request("The request needs the address to send to."))?;
    channel.check(address)?;
    let mut data = app.store.lock();
    let (user, created) = match channel.owner(&data, address) {
        Some(user) => (user, false),
        None => {
            let new = NewUser {
                email: (channel == Channel::Email).then(|| address.to_string()),
                phone_number: (channel != Channel::Email).then(|| address.to_string()),
                pending: req.create_user_as_pending,
                ..NewUser::default()
            };
            (insert_user(&app, &mut data, new)?, true)
        }
    };
    let method_id = send_code(
        &app,
        &mut data,
        channel,
        &user,
        address,
        req.expiration_minutes,
    )?;
    ok(json!({
        "user_id": user.user_id,
        channel.id_field(): method_id,
        "user_created": created,
    }))
}

/// `POST /v1/otps/sms/send`
pub async fn sms_send(State(app): State<Shared>, Body(req): Body<SendRequest>) -> ApiResult {
    send(app, Channel::Sms, req).await
}

/// `POST /v1/otps/sms/login_or_create`
pub async fn sms_login_or_create(
    State(app): State<Shared>,
    Body(req): Body<LoginOrCreateRequest>,
) -> ApiResult {
    login_or_create(app, Channel::Sms, req).await
}

/// `POST /v1/otps/whatsapp/send`
pub async fn whatsapp_send(State(app): State<Shared>, Body(req): Body<SendRequest>) -> ApiResult {
    send(app, Channel::WhatsApp, req).await
}

/// `POST /v1/otps/whatsapp/login_or_create`
pub async fn whatsapp_login_or_create(
    State(app): State<Shared>,
    Body(req): Body<LoginOrCreateRequest>,
) -> ApiResult {
    login_or_create(app, Channel::WhatsApp, req).await
}

/// `POST /v1/otps/email/send`
pub async fn email_send(State(app): State<Shared>, Body(req): Body<SendRequest>) -> ApiResult {
    send(app, Channel::Email, req).await
}

/// `POST /v1/otps/email/login_or_create`
pub async fn email_login_or_create(
    State(app): State<Shared>,
    Body(req): Body<LoginOrCreateRequest>,
) -> ApiResult {
    login_or_create(app, Channel::Email, req).await
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub method_id: String,
    pub code: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/otps/authenticate`: checks the code sent to `method_id`, verifies the address
/// and makes or extends a session when asked.
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    req.session.validate()?;
    let mut data = app.store.lock();
    if req.session.has_session() {
        sessions::find_by_args(&app, &mut data, &req.session)?;
    }
    let delivery = otp::verify(&app, &mut data, &req.method_id, &req.code)?;
    let owner = data.users.values().find_map(|u| {
        if let Some(e) = u.emails.iter().find(|e| e.email_id == req.method_id) {
            return Some((u.user_id.clone(), email_detail(&e.email_id, &e.email)));
        }
        let p = u.phones.iter().find(|p| p.phone_id == req.method_id)?;
        Some((
            u.user_id.clone(),
            FactorDetail::Phone {
                phone_id: p.phone_id.clone(),
                phone_number: p.phone_number.clone(),
            },
        ))
    });
    let Some((user_id, detail)) = owner else {
        return Err(user_not_found());
    };
    let subject = Subject::User(user_id.clone());
    let session = sessions::start_or_extend(
        &app,
        &mut data,
        &subject,
        &req.session,
        vec![factor("otp", &delivery, detail.clone(), &app)],
        false,
    )?;
    prove(&mut data, &user_id, &detail);
    let user = users::user(&data, &user_id)?;
    drop(data);
    let mut body = signed_in_body(&app, &user, session.as_ref());
    body["method_id"] = json!(req.method_id);
    body["reset_sessions"] = json!(false);
    ok(body)
}

/// Marks the address the code went to verified, and the user active.
fn prove(data: &mut Data, user_id: &str, detail: &FactorDetail) {
    let Some(user) = data.users.get_mut(user_id) else {
        return;
    };
    user.status = "active".into();
    match detail {
        FactorDetail::Email { email_id, .. } => {
            if let Some(e) = user.emails.iter_mut().find(|e| &e.email_id == email_id) {
                e.verified = true;
            }
        }
        FactorDetail::Phone { phone_id, .. } => {
            if let Some(p) = user.phones.iter_mut().find(|p| &p.phone_id == phone_id) {
                p.verified = true;
            }
        }
        _ => {}
    }
}
