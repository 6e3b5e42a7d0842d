//! Consumer users: `POST /v1/users` and the `User` object every consumer response carries.

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::app::{timestamp, App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::ids;
use crate::state::{Data, PasswordRecord, User};

/// A rough shape check: something before the `@`, a dotted domain after it, no spaces.
pub fn check_email(email: &str) -> Result<(), ApiError> {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad(
            "invalid_email",
            format!("{email:?} is not a valid email address."),
        ))
    }
}

/// Inserts a new user, failing with `duplicate_email` if the address is taken.
pub fn insert_user(
    app: &App,
    data: &mut Data,
    email: &str,
    fields: UserFields,
    password: Option<PasswordRecord>,
) -> Result<User, ApiError> {
    let key = email.to_lowercase();
    if !key.is_empty() && data.user_by_email.contains_key(&key) {
        return Err(ApiError::bad(
            "duplicate_email",
            "A user with this email address already exists.",
        ));
    }
    let user = User {
        user_id: ids::prefixed("user"),
        email: email.to_string(),
        email_id: if email.is_empty() {
            String::new()
        } else {
            ids::prefixed("email")
        },
        email_verified: false,
        name: fields.name,
        password,
        trusted_metadata: fields.trusted_metadata,
        untrusted_metadata: fields.untrusted_metadata,
        external_id: fields.external_id,
        created_at: app.now(),
    };
    if !key.is_empty() {
        data.user_by_email.insert(key, user.user_id.clone());
    }
    data.users.insert(user.user_id.clone(), user.clone());
    Ok(user)
}

/// Optional profile fields shared by the endpoints that create users.
#[derive(Debug, Default, Deserialize)]
pub struct UserFields {
    pub name: Option<Value>,
    pub trusted_metadata: Option<Value>,
    pub untrusted_metadata: Option<Value>,
    pub external_id: Option<String>,
}

/// The consumer `User` object.
pub fn user_json(user: &User) -> Value {
    let emails = if user.email.is_empty() {
        json!([])
    } else {
        json!([{ "email_id": user.email_id, "email": user.email, "verified": user.email_verified }])
    };
    json!({
        "user_id": user.user_id,
        "emails": emails,
        "status": "active",
        "phone_numbers": [],
        "webauthn_registrations": [],
        "providers": [],
        "totps": [],
        "crypto_wallets": [],
        "biometric_registrations": [],
        "is_locked": false,
        "roles": ["stytch_user"],
        "name": user.name.clone().unwrap_or_else(empty_name),
        "created_at": timestamp(user.created_at),
        "password": user.password.as_ref().map(|p| {
            json!({ "password_id": p.password_id, "requires_reset": false })
        }),
        "trusted_metadata": user.trusted_metadata.clone().unwrap_or_else(|| json!({})),
        "untrusted_metadata": user.untrusted_metadata.clone().unwrap_or_else(|| json!({})),
        "external_id": user.external_id,
        "lock_created_at": null,
        "lock_expires_at": null,
    })
}

fn empty_name() -> Value {
    json!({ "first_name": "", "middle_name": "", "last_name": "" })
}

#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    pub email: Option<String>,
    #[serde(flatten)]
    pub fields: UserFields,
}

/// `POST /v1/users`
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    let email = req.email.unwrap_or_default();
    if email.is_empty() {
        return Err(ApiError::bad(
            "invalid_email",
            "The emulator creates users by email; send an email.",
        ));
    }
    check_email(&email)?;
    let user = insert_user(&app, &mut app.store.lock(), &email, req.fields, None)?;
    Ok(Json(json!({
        "status_code": 200,
        "request_id": ids::request_id(),
        "user_id": user.user_id,
        "email_id": user.email_id,
        "status": "active",
        "phone_id": "",
        "user": user_json(&user),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape_check() {
        for good in ["ada@example.com", "a.b+c@sub.example.co.uk"] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "ada @example.com",
            "ada@.com",
            "a@b@c.com",
        ] {
            assert_eq!(
                check_email(bad).unwrap_err().error_type,
                "invalid_email",
                "{bad}"
            );
        }
    }
}
