//! `/v1/totps/*`: TOTP registration, authentication, recovery codes and recovery.

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use super::signed_in_body;
use super::users;
use crate::app::{App, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::flows::sessions::{self, factor, SessionArgs};
use crate::flows::totp;
use crate::http::{ok, Body};
use crate::render;
use crate::state::{Data, FactorDetail, Subject, TotpRecord};

fn totp_not_found() -> ApiError {
    ApiError::not_found("totp_not_found", "The user has no TOTP registration.")
}

/// The registration to authenticate against: the verified one, else the newest pending one
/// that has not expired.
fn usable<'a>(app: &App, totps: &'a mut [TotpRecord]) -> Option<&'a mut TotpRecord> {
    let now = app.now();
    if let Some(i) = totps.iter().position(|t| t.verified) {
        return totps.get_mut(i);
    }
    totps.iter_mut().rev().find(|t| t.expires_at > now)
}

#[derive(Deserialize)]
pub struct CreateRequest {
    pub user_id: String,
    pub expiration_minutes: Option<i64>,
}

/// `POST /v1/totps`: a new registration (replacing a pending one); refused while the user
/// has a verified one.
pub async fn create(State(app): State<Shared>, Body(req): Body<CreateRequest>) -> ApiResult {
    let lifetime = totp::lifetime().pick(req.expiration_minutes)?;
    let mut data = app.store.lock();
    users::user(&data, &req.user_id)?;
    let record = totp::new_record(&app, lifetime);
    let stored = data
        .users
        .get_mut(&req.user_id)
        .ok_or_else(crate::flows::passwords::user_not_found)?;
    if stored.totps.iter().any(|t| t.verified) {
        return Err(ApiError::bad(
            "active_totp_exists",
            "The user already has a verified TOTP; delete it first.",
        ));
    }
    stored.totps.clear();
    stored.totps.push(record.clone());
    let user = stored.clone();
    let account = user
        .primary_email()
        .map(|e| e.email.clone())
        .unwrap_or_else(|| user.user_id.clone());
    ok(json!({
        "totp_id": record.totp_id,
        "secret": record.secret,
        "qr_code": totp::qr_code(&record, &app.project_id, &account),
        "recovery_codes": record.recovery_codes.iter().map(|c| &c.code).collect::<Vec<_>>(),
        "user_id": user.user_id,
        "user": render::user(&user),
    }))
}

/// Runs `check` on the user's usable registration, then signs in with `factor`.
async fn sign_in(
    app: Shared,
    user_id: &str,
    args: &SessionArgs,
    check: impl FnOnce(
        &App,
        &mut TotpRecord,
    ) -> Result<(String, FactorDetail, &'static str, &'static str), ApiError>,
) -> ApiResult {
    args.validate()?;
    let mut data: std::sync::MutexGuard<'_, Data> = app.store.lock();
    users::user(&data, user_id)?;
    if args.has_session() {
        sessions::find_by_args(&app, &mut data, args)?;
    }
    let stored = data
        .users
        .get_mut(user_id)
        .ok_or_else(crate::flows::passwords::user_not_found)?;
    let record = usable(&app, &mut stored.totps).ok_or_else(totp_not_found)?;
    let (totp_id, detail, kind, delivery) = check(&app, record)?;
    stored.status = "active".into();
    let subject = Subject::User(user_id.to_string());
    let session = sessions::start_or_extend(
        &app,
        &mut data,
        &subject,
        args,
        vec![factor(kind, delivery, detail, &app)],
        false,
    )?;
    let user = users::user(&data, user_id)?;
    drop(data);
    let mut body = signed_in_body(&app, &user, session.as_ref());
    body["totp_id"] = json!(totp_id);
    ok(body)
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    pub user_id: String,
    pub totp_code: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/totps/authenticate`: the current code verifies the registration and signs in.
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    let code = req.totp_code.clone();
    sign_in(app, &req.user_id, &req.session, move |app, record| {
        totp::authenticate(app, record, &code)?;
        let detail = FactorDetail::AuthenticatorApp {
            totp_id: record.totp_id.clone(),
        };
        Ok((record.totp_id.clone(), detail, "totp", "authenticator_app"))
    })
    .await
}

#[derive(Deserialize)]
pub struct RecoveryCodesRequest {
    pub user_id: String,
}

/// `POST /v1/totps/recovery_codes`: the unused recovery codes of each registration.
pub async fn recovery_codes(
    State(app): State<Shared>,
    Body(req): Body<RecoveryCodesRequest>,
) -> ApiResult {
    let user = users::user(&app.store.lock(), &req.user_id)?;
    ok(json!({
        "user_id": user.user_id,
        "totps": user.totps.iter().map(render::totp_with_codes).collect::<Vec<_>>(),
    }))
}

#[derive(Deserialize)]
pub struct RecoverRequest {
    pub user_id: String,
    pub recovery_code: String,
    #[serde(flatten)]
    pub session: SessionArgs,
}

/// `POST /v1/totps/recover`: signs in with a recovery code, which is then used up.
pub async fn recover(State(app): State<Shared>, Body(req): Body<RecoverRequest>) -> ApiResult {
    let code = req.recovery_code.clone();
    sign_in(app, &req.user_id, &req.session, move |_, record| {
        if !record.verified {
            return Err(totp_not_found());
        }
        let id = totp::recover(record, &code)?;
        let detail = FactorDetail::RecoveryCode {
            totp_recovery_code_id: id,
        };
        Ok((
            record.totp_id.clone(),
            detail,
            "recovery_codes",
            "recovery_code",
        ))
    })
    .await
}
