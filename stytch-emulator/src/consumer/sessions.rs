//! `/v1/sessions/*`: authenticate, revoke, and the JWKS.

use axum::extract::State;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{tokens, users, VERTICAL};
use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::flows::sessions::{self, SessionArgs};
use crate::http::{ok, ok_empty, Body, PathArgs, QueryMap};
use crate::render;
use crate::state::Subject;

/// `authorization_check` of a consumer session authenticate.
#[derive(Deserialize)]
pub struct AuthorizationCheck {
    pub resource_id: String,
    pub action: String,
}

#[derive(Deserialize)]
pub struct AuthenticateRequest {
    #[serde(flatten)]
    pub session: SessionArgs,
    pub authorization_check: Option<AuthorizationCheck>,
}

/// `POST /v1/sessions/authenticate`
pub async fn authenticate(
    State(app): State<Shared>,
    Body(req): Body<AuthenticateRequest>,
) -> ApiResult {
    let (session, user) = {
        let mut data = app.store.lock();
        let found = sessions::find_by_args(&app, &mut data, &req.session)?;
        let Subject::User(user_id) = &found.subject else {
            return Err(ApiError::bad(
                "invalid_consumer_endpoint",
                "This is a B2B member session; use /v1/b2b/sessions/authenticate.",
            ));
        };
        let user = users::user(&data, user_id).map_err(|_| ApiError::session_not_found())?;
        (sessions::touch(&app, &mut data, &req.session)?, user)
    };
    let verdict = match &req.authorization_check {
        None => Value::Null,
        Some(check) => {
            let granting =
                VERTICAL.granting_roles(&user.role_ids(), &[], &check.resource_id, &check.action);
            if granting.is_empty() {
                return Err(ApiError::forbidden(
                    "consumer_session_authorization_error",
                    format!(
                        "The user's roles do not grant {} on {}.",
                        check.action, check.resource_id
                    ),
                ));
            }
            json!({ "authorized": true, "granting_roles": granting })
        }
    };
    let (token, jwt) = tokens(&app, Some(&session), &user);
    ok(json!({
        "session": render::consumer_session(&session, &user),
        "session_token": token,
        "session_jwt": jwt,
        "user": render::user(&user),
        "verdict": verdict,
    }))
}

#[derive(Default, Deserialize)]
pub struct RevokeRequest {
    pub session_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// `POST /v1/sessions/revoke`
pub async fn revoke(State(app): State<Shared>, Body(req): Body<RevokeRequest>) -> ApiResult {
    sessions::revoke(
        &app,
        &mut app.store.lock(),
        req.session_id.as_deref(),
        req.session_token.as_deref(),
        req.session_jwt.as_deref(),
    )?;
    ok_empty()
}

/// `GET /v1/sessions/jwks/{project_id}` and its B2B twin: public, like any key set.
pub async fn jwks(State(app): State<Shared>, PathArgs(project_id): PathArgs<String>) -> ApiResult {
    if project_id != app.project_id {
        return Err(ApiError::not_found(
            "project_not_found",
            "No project with this id runs on this emulator.",
        ));
    }
    ok(json!({ "keys": [app.keys.jwk()] }))
}

/// `GET /v1/sessions?user_id=...`: the user's live sessions.
pub async fn get(State(app): State<Shared>, query: QueryMap) -> ApiResult {
    let user_id = query.require("user_id")?;
    let data = app.store.lock();
    let user = users::user(&data, user_id)?;
    let live = sessions::live_sessions_of(&app, &data, &Subject::User(user.user_id.clone()));
    ok(json!({
        "sessions": live.iter().map(|s| render::consumer_session(s, &user)).collect::<Vec<_>>(),
    }))
}
