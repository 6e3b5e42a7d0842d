//! The URL map: Stytch's paths, then the emulator's own under `/emulator/`.

use axum::middleware;
use axum::routing::{get, post};
use axum::Router;

use crate::app::Shared;
use crate::errors::ApiError;
use crate::{b2b, control, m2m, outbox, passwords, sessions, users};

pub fn router(app: Shared) -> Router {
    Router::new()
        // consumer
        .route("/v1/users", post(users::create))
        .route("/v1/passwords", post(passwords::create))
        .route("/v1/passwords/authenticate", post(passwords::authenticate))
        .route(
            "/v1/passwords/strength_check",
            post(passwords::strength_check),
        )
        .route("/v1/passwords/migrate", post(passwords::migrate))
        .route(
            "/v1/passwords/email/reset/start",
            post(passwords::email_reset_start),
        )
        .route("/v1/passwords/email/reset", post(passwords::email_reset))
        .route(
            "/v1/passwords/existing_password/reset",
            post(passwords::existing_password_reset),
        )
        .route(
            "/v1/passwords/session/reset",
            post(passwords::session_reset),
        )
        .route("/v1/sessions/authenticate", post(sessions::authenticate))
        .route("/v1/sessions/revoke", post(sessions::revoke))
        .route("/v1/sessions/jwks/{project_id}", get(sessions::jwks))
        // B2B
        .route("/v1/b2b/organizations", post(b2b::organizations::create))
        .route(
            "/v1/b2b/organizations/{organization_id}",
            get(b2b::organizations::get),
        )
        .route(
            "/v1/b2b/organizations/{organization_id}/members",
            post(b2b::organizations::create_member),
        )
        .route(
            "/v1/b2b/passwords/authenticate",
            post(b2b::passwords::authenticate),
        )
        .route(
            "/v1/b2b/passwords/strength_check",
            post(b2b::passwords::strength_check),
        )
        .route("/v1/b2b/passwords/migrate", post(b2b::passwords::migrate))
        .route(
            "/v1/b2b/passwords/email/reset/start",
            post(b2b::passwords::email_reset_start),
        )
        .route(
            "/v1/b2b/passwords/email/reset",
            post(b2b::passwords::email_reset),
        )
        .route(
            "/v1/b2b/passwords/existing_password/reset",
            post(b2b::passwords::existing_password_reset),
        )
        .route(
            "/v1/b2b/passwords/session/reset",
            post(b2b::passwords::session_reset),
        )
        .route(
            "/v1/b2b/sessions/authenticate",
            post(b2b::sessions::authenticate),
        )
        .route("/v1/b2b/sessions/revoke", post(b2b::sessions::revoke))
        .route("/v1/b2b/sessions/jwks/{project_id}", get(sessions::jwks))
        .route("/v1/b2b/rbac/policy", get(b2b::rbac::get_policy))
        // M2M
        .route("/v1/m2m/clients", post(m2m::create_client))
        .route("/v1/public/{project_id}/oauth2/token", post(m2m::token))
        // the emulator's own
        .route("/emulator/outbox", get(outbox::list).delete(outbox::clear))
        .route("/emulator/clock/advance", post(control::advance_clock))
        .fallback(|| async {
            ApiError::not_found("route_not_found", "The emulator does not serve this path.")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "This path does not take this HTTP method.",
            )
        })
        .layer(middleware::from_fn_with_state(
            app.clone(),
            crate::http::require_project_auth,
        ))
        .with_state(app)
}
