//! The URL map, the only one: Stytch's paths, then the emulator's own under `/emulator/`.
//! [`SERVED`] lists the same routes for tests and the README.

use axum::http::{Method, Uri};
use axum::middleware;
use axum::routing::{on, MethodFilter};
use axum::Router;

use crate::app::Shared;
use crate::errors::ApiError;
use crate::{b2b, consumer, control};

macro_rules! routes {
    ($($method:ident $path:literal => $handler:path,)*) => {
        /// Every `(method, path)` the emulator serves, in the order of the map.
        pub const SERVED: &[(&str, &str)] = &[$((stringify!($method), $path),)*];

        fn map() -> Router<Shared> {
            Router::new()$(.route($path, on(MethodFilter::$method, $handler)))*
        }
    };
}

routes! {
    // consumer
    POST "/v1/users" => consumer::users::create,
    POST "/v1/users/search" => consumer::users::search,
    GET "/v1/users/{user_id}" => consumer::users::get,
    PUT "/v1/users/{user_id}" => consumer::users::update,
    DELETE "/v1/users/{user_id}" => consumer::users::delete,
    DELETE "/v1/users/{user_id}/external_id" => consumer::users::delete_external_id,
    DELETE "/v1/users/emails/{email_id}" => consumer::users::delete_email,
    DELETE "/v1/users/phone_numbers/{phone_id}" => consumer::users::delete_phone_number,
    DELETE "/v1/users/passwords/{password_id}" => consumer::users::delete_password,
    DELETE "/v1/users/totps/{totp_id}" => consumer::users::delete_totp,
    POST "/v1/magic_links" => consumer::magic_links::create,
    POST "/v1/magic_links/authenticate" => consumer::magic_links::authenticate,
    POST "/v1/magic_links/email/login_or_create" => consumer::magic_links::login_or_create,
    POST "/v1/magic_links/email/send" => consumer::magic_links::send,
    POST "/v1/magic_links/email/invite" => consumer::magic_links::invite,
    POST "/v1/magic_links/email/revoke_invite" => consumer::magic_links::revoke_invite,
    POST "/v1/otps/authenticate" => consumer::otps::authenticate,
    POST "/v1/otps/sms/send" => consumer::otps::sms_send,
    POST "/v1/otps/sms/login_or_create" => consumer::otps::sms_login_or_create,
    POST "/v1/otps/whatsapp/send" => consumer::otps::whatsapp_send,
    POST "/v1/otps/whatsapp/login_or_create" => consumer::otps::whatsapp_login_or_create,
    POST "/v1/otps/email/send" => consumer::otps::email_send,
    POST "/v1/otps/email/login_or_create" => consumer::otps::email_login_or_create,
    POST "/v1/passwords" => consumer::passwords::create,
    POST "/v1/passwords/authenticate" => consumer::passwords::authenticate,
    POST "/v1/passwords/strength_check" => consumer::passwords::strength_check,
    POST "/v1/passwords/migrate" => consumer::passwords::migrate,
    POST "/v1/passwords/email/reset/start" => consumer::passwords::email_reset_start,
    POST "/v1/passwords/email/reset" => consumer::passwords::email_reset,
    POST "/v1/passwords/existing_password/reset" => consumer::passwords::existing_password_reset,
    POST "/v1/passwords/session/reset" => consumer::passwords::session_reset,
    GET "/v1/sessions" => consumer::sessions::get,
    POST "/v1/sessions/authenticate" => consumer::sessions::authenticate,
    POST "/v1/sessions/revoke" => consumer::sessions::revoke,
    GET "/v1/sessions/jwks/{project_id}" => consumer::sessions::jwks,
    POST "/v1/totps" => consumer::totps::create,
    POST "/v1/totps/authenticate" => consumer::totps::authenticate,
    POST "/v1/totps/recovery_codes" => consumer::totps::recovery_codes,
    POST "/v1/totps/recover" => consumer::totps::recover,
    GET "/v1/rbac/policy" => consumer::rbac::policy,
    GET "/v1/projects/metrics" => consumer::project::metrics,
    // M2M
    POST "/v1/m2m/clients" => consumer::m2m::create_client,
    POST "/v1/m2m/clients/search" => consumer::m2m::search_clients,
    GET "/v1/m2m/clients/{client_id}" => consumer::m2m::get_client,
    PUT "/v1/m2m/clients/{client_id}" => consumer::m2m::update_client,
    DELETE "/v1/m2m/clients/{client_id}" => consumer::m2m::delete_client,
    POST "/v1/m2m/clients/{client_id}/secrets/rotate/start" => consumer::m2m::rotate_start,
    POST "/v1/m2m/clients/{client_id}/secrets/rotate" => consumer::m2m::rotate,
    POST "/v1/m2m/clients/{client_id}/secrets/rotate/cancel" => consumer::m2m::rotate_cancel,
    POST "/v1/public/{project_id}/oauth2/token" => consumer::m2m::token,
    // B2B
    POST "/v1/b2b/organizations" => b2b::organizations::create,
    POST "/v1/b2b/organizations/search" => b2b::organizations::search,
    GET "/v1/b2b/organizations/{organization_id}" => b2b::organizations::get,
    PUT "/v1/b2b/organizations/{organization_id}" => b2b::organizations::update,
    DELETE "/v1/b2b/organizations/{organization_id}" => b2b::organizations::delete,
    GET "/v1/b2b/organizations/{organization_id}/metrics" => b2b::organizations::metrics,
    POST "/v1/b2b/organizations/{organization_id}/members" => b2b::members::create,
    GET "/v1/b2b/organizations/{organization_id}/member" => b2b::members::get,
    PUT "/v1/b2b/organizations/{organization_id}/members/{member_id}" => b2b::members::update,
    DELETE "/v1/b2b/organizations/{organization_id}/members/{member_id}" => b2b::members::delete,
    PUT "/v1/b2b/organizations/{organization_id}/members/{member_id}/reactivate" => b2b::members::reactivate,
    DELETE "/v1/b2b/organizations/{organization_id}/members/passwords/{member_password_id}" => b2b::members::delete_password,
    POST "/v1/b2b/organizations/members/search" => b2b::members::search,
    GET "/v1/b2b/organizations/members/dangerously_get/{member_id}" => b2b::members::dangerously_get,
    POST "/v1/b2b/magic_links/authenticate" => b2b::magic_links::authenticate,
    POST "/v1/b2b/magic_links/email/login_or_signup" => b2b::magic_links::login_or_signup,
    POST "/v1/b2b/magic_links/email/invite" => b2b::magic_links::invite,
    POST "/v1/b2b/magic_links/email/discovery/send" => b2b::magic_links::discovery_send,
    POST "/v1/b2b/magic_links/discovery/authenticate" => b2b::magic_links::discovery_authenticate,
    POST "/v1/b2b/otps/email/login_or_signup" => b2b::otps::login_or_signup,
    POST "/v1/b2b/otps/email/authenticate" => b2b::otps::authenticate,
    POST "/v1/b2b/otps/email/discovery/send" => b2b::otps::discovery_send,
    POST "/v1/b2b/otps/email/discovery/authenticate" => b2b::otps::discovery_authenticate,
    POST "/v1/b2b/discovery/organizations" => b2b::discovery::list,
    POST "/v1/b2b/discovery/organizations/create" => b2b::discovery::create,
    POST "/v1/b2b/discovery/intermediate_sessions/exchange" => b2b::discovery::exchange,
    POST "/v1/b2b/passwords/authenticate" => b2b::passwords::authenticate,
    POST "/v1/b2b/passwords/strength_check" => b2b::passwords::strength_check,
    POST "/v1/b2b/passwords/migrate" => b2b::passwords::migrate,
    POST "/v1/b2b/passwords/email/reset/start" => b2b::passwords::email_reset_start,
    POST "/v1/b2b/passwords/email/reset" => b2b::passwords::email_reset,
    POST "/v1/b2b/passwords/existing_password/reset" => b2b::passwords::existing_password_reset,
    POST "/v1/b2b/passwords/session/reset" => b2b::passwords::session_reset,
    GET "/v1/b2b/sessions" => b2b::sessions::get,
    POST "/v1/b2b/sessions/authenticate" => b2b::sessions::authenticate,
    POST "/v1/b2b/sessions/exchange" => b2b::sessions::exchange,
    POST "/v1/b2b/sessions/revoke" => b2b::sessions::revoke,
    GET "/v1/b2b/sessions/jwks/{project_id}" => b2b::sessions::jwks,
    GET "/v1/b2b/rbac/policy" => b2b::rbac::policy,
    GET "/v1/b2b/rbac/organizations/{organization_id}" => b2b::rbac::get_org_policy,
    PUT "/v1/b2b/rbac/organizations/{organization_id}" => b2b::rbac::set_org_policy,
    // the emulator's own
    GET "/emulator/outbox" => control::outbox,
    DELETE "/emulator/outbox" => control::clear_outbox,
    POST "/emulator/clock/advance" => control::advance_clock,
}

/// Any path or method the map does not serve: Stytch's 404, naming what was asked for.
async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(
        "route_not_found",
        format!("The route {method} {} does not exist.", uri.path()),
    )
}

pub fn router(app: Shared) -> Router {
    map()
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            crate::http::require_project_auth,
        ))
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            crate::http::count_request,
        ))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn(crate::errors::render))
        .with_state(app)
}
