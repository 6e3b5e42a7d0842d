//! Stytch-shaped error bodies: `status_code`, `request_id`, `error_type`, `error_message`,
//! `error_url`. Every failure a handler can meet becomes one of these, never a panic.
//!
//! A handler's error travels in the response's extensions; [`render`] (the outermost layer,
//! which knows the request path) writes the body, so that B2B paths link to the B2B error
//! pages and consumer paths to the consumer ones.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::ids;

/// An error answered as Stytch answers it.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub error_type: &'static str,
    pub message: String,
    /// For the OAuth 2.0 token endpoint: the RFC 6749 error code, sent as `error` (with
    /// `error_description` and `error_uri`) beside the usual fields.
    pub oauth_error: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, error_type: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error_type,
            message: message.into(),
            oauth_error: None,
        }
    }

    /// 400 with the given type.
    pub fn bad(error_type: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error_type, message)
    }

    /// 400 `bad_request`: the body could not be read as the endpoint's request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::bad("bad_request", message)
    }

    /// 401 with the given type.
    pub fn unauthorized_as(error_type: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, error_type, message)
    }

    /// 401 `unauthorized_credentials`: wrong project credentials, or a wrong password.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::unauthorized_as("unauthorized_credentials", message)
    }

    /// 403 with the given type.
    pub fn forbidden(error_type: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, error_type, message)
    }

    /// 404 with the given type.
    pub fn not_found(error_type: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, error_type, message)
    }

    pub fn session_not_found() -> Self {
        Self::not_found(
            "session_not_found",
            "No active session matches the given token, JWT or id.",
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_server_error",
            message,
        )
    }

    /// The same error, also carrying an OAuth 2.0 error code.
    pub fn oauth(mut self, code: &'static str) -> Self {
        self.oauth_error = Some(code);
        self
    }

    /// The documentation page for this error: consumer or B2B, by the request's path.
    pub fn url(&self, b2b: bool) -> String {
        let vertical = if b2b { "b2b" } else { "consumer" };
        format!(
            "https://stytch.com/docs/api-reference/{vertical}/api/errors/{}#{}",
            self.status.as_u16(),
            self.error_type
        )
    }

    /// The JSON body for a request to `path`.
    pub fn body(&self, path: &str) -> Value {
        let url = self.url(path.starts_with("/v1/b2b/"));
        let mut body = json!({
            "status_code": self.status.as_u16(),
            "request_id": ids::request_id(),
            "error_type": self.error_type,
            "error_message": self.message,
            "error_url": url,
        });
        if let Some(code) = self.oauth_error {
            body["error"] = json!(code);
            body["error_description"] = json!(self.message);
            body["error_uri"] = json!(url);
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The outermost layer: writes the body of every error a handler or extractor returned.
pub async fn render(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    if let Some(error) = response.extensions_mut().remove::<ApiError>() {
        let status = error.status;
        return (status, axum::Json(error.body(&path))).into_response();
    }
    response
}

/// What every handler returns.
pub type ApiResult = Result<axum::Json<Value>, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_urls_name_the_vertical_status_page_and_type() {
        let e = ApiError::bad("weak_password", "too short");
        assert_eq!(
            e.url(false),
            "https://stytch.com/docs/api-reference/consumer/api/errors/400#weak_password"
        );
        assert!(e
            .body("/v1/b2b/passwords")
            .to_string()
            .contains("/b2b/api/errors/400"));
    }

    #[test]
    fn oauth_errors_carry_both_sets_of_names() {
        let body = ApiError::bad("invalid_m2m_client_scope", "nope")
            .oauth("invalid_scope")
            .body("/v1/public/p/oauth2/token");
        assert_eq!(body["error"], "invalid_scope");
        assert_eq!(body["error_type"], "invalid_m2m_client_scope");
        assert_eq!(body["error_description"], body["error_message"]);
        assert_eq!(body["error_uri"], body["error_url"]);
    }
}
