//! Stytch-shaped error bodies: `status_code`, `request_id`, `error_type`, `error_message`,
//! `error_url`. Every failure a handler can meet becomes one of these, never a panic.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::ids;

/// An error answered as Stytch answers it.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub error_type: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, error_type: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error_type,
            message: message.into(),
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

    /// 404 with the given type.
    pub fn not_found(error_type: &'static str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, error_type, message)
    }

    /// 401 `unauthorized_credentials`: wrong project credentials, or a wrong password.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized_credentials",
            message,
        )
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

    fn url(&self) -> String {
        format!(
            "https://stytch.com/docs/api/errors/{}#{}",
            self.status.as_u16(),
            self.error_type
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "status_code": self.status.as_u16(),
            "request_id": ids::request_id(),
            "error_type": self.error_type,
            "error_message": self.message,
            "error_url": self.url(),
        });
        (self.status, axum::Json(body)).into_response()
    }
}

/// What every handler returns.
pub type ApiResult = Result<axum::Json<serde_json::Value>, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_url_names_the_status_page_and_type() {
        let e = ApiError::bad("weak_password", "too short");
        assert_eq!(
            e.url(),
            "https://stytch.com/docs/api/errors/400#weak_password"
        );
    }
}
