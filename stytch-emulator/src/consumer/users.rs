//! `/v1/users`: creating users, and the lookups every consumer product shares.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::VERTICAL;
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::accounts::{check_email, check_phone, email_domain};
use crate::flows::passwords::user_not_found;
use crate::flows::search::{Filters, Kind, Operand};
use crate::http::{ok, Body, PathArgs};
use crate::ids;
use crate::render;
use crate::state::{Data, EmailRecord, PasswordRecord, PhoneRecord, Subject, TokenOwner, User};

/// Optional profile fields the endpoints that create users accept.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct UserFields {
    pub name: Option<Value>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
    pub roles: Option<Vec<String>>,
}

/// What a new user starts with.
#[derive(Default)]
pub struct NewUser {
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub fields: UserFields,
    pub pending: bool,
    pub password: Option<PasswordRecord>,
}

pub fn duplicate_email() -> ApiError {
    ApiError::bad(
        "duplicate_email",
        "A user with this email address already exists.",
    )
}

fn check_external_id(data: &Data, external_id: Option<&str>, except: &str) -> Result<(), ApiError> {
    if let Some(id) = external_id {
        if data
            .users
            .values()
            .any(|u| u.user_id != except && u.external_id.as_deref() == Some(id))
        {
            return Err(ApiError::bad(
                "duplicate_user_external_id",
                "Another user has this external_id.",
            ));
        }
    }
    Ok(())
}

/// Inserts a new user after checking its identifiers are free.
pub fn insert_user(app: &App, data: &mut Data, new: NewUser) -> Result<User, ApiError> {
    if let Some(email) = &new.email {
        check_email(email)?;
        if data.user_by_email(email).is_some() {
            return Err(duplicate_email());
        }
    }
    if let Some(phone) = &new.phone_number {
        check_phone(phone)?;
        if data.user_by_phone(phone).is_some() {
            return Err(ApiError::bad(
                "duplicate_phone_number",
                "A user with this phone number already exists.",
            ));
        }
    }
    check_external_id(data, new.fields.external_id.as_deref(), "")?;
    let roles = new.fields.roles.unwrap_or_default();
    VERTICAL.check_assignable(&roles, &[])?;
    let user = User {
        user_id: ids::prefixed("user"),
        status: if new.pending { "pending" } else { "active" }.into(),
        emails: new
            .email
            .into_iter()
            .map(|email| EmailRecord {
                email_id: ids::prefixed("email"),
                email,
                verified: false,
            })
            .collect(),
        phones: new
            .phone_number
            .into_iter()
            .map(|phone_number| PhoneRecord {
                phone_id: ids::prefixed("phone-number"),
                phone_number,
                verified: false,
            })
            .collect(),
        name: new.fields.name,
        password: new.password,
        totps: Vec::new(),
        roles,
        trusted_metadata: new.fields.trusted_metadata,
        untrusted_metadata: new.fields.untrusted_metadata,
        external_id: new.fields.external_id,
        created_at: app.now(),
    };
    data.users.insert(user.user_id.clone(), user.clone());
    Ok(user)
}

pub fn user(data: &Data, user_id: &str) -> Result<User, ApiError> {
    data.users.get(user_id).cloned().ok_or_else(user_not_found)
}

pub fn user_by_email(data: &Data, email: &str) -> Result<User, ApiError> {
    data.user_by_email(email).cloned().ok_or_else(|| {
        ApiError::not_found(
            "email_not_found",
            "No user in this project has this email address.",
        )
    })
}

#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    pub email: Option<String>,
    pub phone_number: Option<String>,
    #[serde(default)]
    pub create_user_as_pending: bool,
    #[serde(flatten)]
    pub fields: UserFields,
}

/// `POST /v1/users`
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    let email = req.email.filter(|e| !e.is_empty());
    let phone_number = req.phone_number.filter(|p| !p.is_empty());
    if email.is_none() && phone_number.is_none() {
        return Err(ApiError::bad(
            "invalid_create_user_request",
            "Send an email or a phone_number to create a user.",
        ));
    }
    let user = insert_user(
        &app,
        &mut app.store.lock(),
        NewUser {
            email,
            phone_number,
            fields: req.fields,
            pending: req.create_user_as_pending,
            password: None,
        },
    )?;
    ok(json!({
        "user_id": user.user_id,
        "email_id": user.emails.first().map(|e| e.email_id.as_str()).unwrap_or(""),
        "status": user.status,
        "phone_id": user.phones.first().map(|p| p.phone_id.as_str()).unwrap_or(""),
        "user": render::user(&user),
    }))
}

/// `GET /v1/users/{user_id}`: the user's fields at the top level.
pub async fn get(State(app): State<Shared>, PathArgs(user_id): PathArgs<String>) -> ApiResult {
    let user = user(&app.store.lock(), &user_id)?;
    ok(render::user(&user))
}

#[derive(Debug, Deserialize)]
pub struct UpdateRequest {
    #[serde(flatten)]
    pub fields: UserFields,
}

/// `PUT /v1/users/{user_id}`: name, metadata, external id and roles; absent fields are
/// left as they are.
pub async fn update(
    State(app): State<Shared>,
    PathArgs(user_id): PathArgs<String>,
    Body(req): Body<UpdateRequest>,
) -> ApiResult {
    let mut data = app.store.lock();
    user(&data, &user_id)?;
    check_external_id(&data, req.fields.external_id.as_deref(), &user_id)?;
    if let Some(roles) = &req.fields.roles {
        VERTICAL.check_assignable(roles, &[])?;
    }
    let stored = data.users.get_mut(&user_id).ok_or_else(user_not_found)?;
    let fields = req.fields;
    if let Some(name) = fields.name {
        stored.name = Some(name);
    }
    if let Some(v) = fields.trusted_metadata {
        stored.trusted_metadata = Some(v);
    }
    if let Some(v) = fields.untrusted_metadata {
        stored.untrusted_metadata = Some(v);
    }
    if let Some(v) = fields.external_id {
        stored.external_id = Some(v);
    }
    if let Some(v) = fields.roles {
        stored.roles = v;
    }
    let user = stored.clone();
    let rendered = render::user(&user);
    ok(json!({
        "user_id": user.user_id,
        "emails": rendered["emails"],
        "phone_numbers": rendered["phone_numbers"],
        "crypto_wallets": rendered["crypto_wallets"],
        "user": rendered,
    }))
}

/// `DELETE /v1/users/{user_id}`: the user, their sessions, and their outstanding tokens.
pub async fn delete(State(app): State<Shared>, PathArgs(user_id): PathArgs<String>) -> ApiResult {
    let mut data = app.store.lock();
    user(&data, &user_id)?;
    data.users.remove(&user_id);
    let subject = Subject::User(user_id.clone());
    data.revoke_sessions_of(&subject, None);
    data.tokens
        .retain(|_, t| t.owner != TokenOwner::Subject(subject.clone()));
    ok(json!({ "user_id": user_id }))
}

/// The user owning a factor, found by `find`, which also removes it.
fn remove_factor(
    app: &App,
    missing: fn() -> ApiError,
    mut find: impl FnMut(&mut User) -> bool,
) -> ApiResult {
    let mut data = app.store.lock();
    let Some(user) = data
        .users
        .values_mut()
        .find_map(|u| find(u).then(|| u.clone()))
    else {
        return Err(missing());
    };
    ok(json!({ "user_id": user.user_id, "user": render::user(&user) }))
}

fn take<T>(items: &mut Vec<T>, matches: impl Fn(&T) -> bool) -> bool {
    let before = items.len();
    items.retain(|item| !matches(item));
    items.len() != before
}

/// `DELETE /v1/users/emails/{email_id}`
pub async fn delete_email(
    State(app): State<Shared>,
    PathArgs(email_id): PathArgs<String>,
) -> ApiResult {
    remove_factor(
        &app,
        || ApiError::not_found("email_not_found", "No user has an email with this id."),
        |u| take(&mut u.emails, |e| e.email_id == email_id),
    )
}

/// `DELETE /v1/users/phone_numbers/{phone_id}`
pub async fn delete_phone_number(
    State(app): State<Shared>,
    PathArgs(phone_id): PathArgs<String>,
) -> ApiResult {
    remove_factor(
        &app,
        || {
            ApiError::not_found(
                "phone_number_not_found",
                "No user has a phone number with this id.",
            )
        },
        |u| take(&mut u.phones, |p| p.phone_id == phone_id),
    )
}

/// `DELETE /v1/users/passwords/{password_id}`
pub async fn delete_password(
    State(app): State<Shared>,
    PathArgs(password_id): PathArgs<String>,
) -> ApiResult {
    remove_factor(
        &app,
        || ApiError::not_found("password_not_found", "No user has a password with this id."),
        |u| {
            let found = u
                .password
                .as_ref()
                .is_some_and(|p| p.password_id == password_id);
            if found {
                u.password = None;
            }
            found
        },
    )
}

/// `DELETE /v1/users/totps/{totp_id}`
pub async fn delete_totp(
    State(app): State<Shared>,
    PathArgs(totp_id): PathArgs<String>,
) -> ApiResult {
    remove_factor(
        &app,
        || ApiError::not_found("totp_not_found", "No user has a TOTP with this id."),
        |u| take(&mut u.totps, |t| t.totp_id == totp_id),
    )
}

/// `DELETE /v1/users/{user_id}/external_id`
pub async fn delete_external_id(
    State(app): State<Shared>,
    PathArgs(user_id): PathArgs<String>,
) -> ApiResult {
    let mut data = app.store.lock();
    let stored = data.users.get_mut(&user_id).ok_or_else(user_not_found)?;
    stored.external_id = None;
    let user = stored.clone();
    ok(json!({ "user_id": user.user_id, "user": render::user(&user) }))
}

const SEARCH: Filters = Filters {
    filters: &[
        ("created_at_between", Kind::Range),
        ("created_at_greater_than", Kind::Time),
        ("created_at_less_than", Kind::Time),
        ("user_id", Kind::Strings),
        ("full_name_fuzzy", Kind::Text),
        ("status", Kind::Text),
        ("phone_number", Kind::Strings),
        ("phone_number_fuzzy", Kind::Text),
        ("phone_id", Kind::Strings),
        ("phone_verified", Kind::Bool),
        ("email_address", Kind::Strings),
        ("email_address_fuzzy", Kind::Text),
        ("email_id", Kind::Strings),
        ("email_verified", Kind::Bool),
        ("email_domain", Kind::Strings),
        ("totp_id", Kind::Strings),
        ("totp_verified", Kind::Bool),
    ],
    unknown_filter: "user_search_filter_name_not_recognized",
    invalid_cursor: "user_search_invalid_cursor",
    invalid_limit: "user_search_invalid_limit",
};

fn full_name(user: &User) -> String {
    let part = |key: &str| {
        user.name
            .as_ref()
            .and_then(|n| n.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    [part("first_name"), part("middle_name"), part("last_name")].join(" ")
}

fn user_matches(op: &Operand, user: &User) -> bool {
    let emails = || user.emails.iter();
    let phones = || user.phones.iter();
    match op.name {
        "created_at_between" => {
            let (after, before) = op.range();
            after.is_none_or(|t| user.created_at > t) && before.is_none_or(|t| user.created_at < t)
        }
        "created_at_greater_than" => op.time().is_some_and(|t| user.created_at > t),
        "created_at_less_than" => op.time().is_some_and(|t| user.created_at < t),
        "user_id" => op.any_equals(&user.user_id),
        "full_name_fuzzy" => op.contained_in(&full_name(user)),
        "status" => op.text().eq_ignore_ascii_case(&user.status),
        "phone_number" => phones().any(|p| op.any_equals(&p.phone_number)),
        "phone_number_fuzzy" => phones().any(|p| op.contained_in(&p.phone_number)),
        "phone_id" => phones().any(|p| op.any_equals(&p.phone_id)),
        "phone_verified" => phones().any(|p| p.verified) == op.bool(),
        "email_address" => emails().any(|e| op.any_equals(&e.email)),
        "email_address_fuzzy" => emails().any(|e| op.contained_in(&e.email)),
        "email_id" => emails().any(|e| op.any_equals(&e.email_id)),
        "email_verified" => emails().any(|e| e.verified) == op.bool(),
        "email_domain" => emails().any(|e| op.any_equals(&email_domain(&e.email))),
        "totp_id" => user.totps.iter().any(|t| op.any_equals(&t.totp_id)),
        "totp_verified" => user.totps.iter().any(|t| t.verified) == op.bool(),
        _ => false,
    }
}

#[derive(Debug, Deserialize)]
pub struct SearchRequest {
    pub cursor: Option<String>,
    pub limit: Option<i64>,
    pub query: Option<Value>,
}

/// `POST /v1/users/search`: oldest first, a page at a time.
pub async fn search(State(app): State<Shared>, Body(req): Body<SearchRequest>) -> ApiResult {
    let query = SEARCH.parse(req.query.as_ref())?;
    let mut found: Vec<User> = app
        .store
        .lock()
        .users
        .values()
        .filter(|u| query.matches(|op| user_matches(op, u)))
        .cloned()
        .collect();
    found.sort_by(|a, b| (a.created_at, &a.user_id).cmp(&(b.created_at, &b.user_id)));
    let (page, metadata) = SEARCH.page(found, req.cursor.as_deref(), req.limit)?;
    ok(json!({
        "results": page.iter().map(render::user).collect::<Vec<_>>(),
        "results_metadata": metadata,
    }))
}
