//! Why a request was refused, and the default answer.

use axum::response::{IntoResponse, Response};
use http::header::{HeaderValue, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::StatusCode;
use std::sync::Arc;
use std::time::Duration;
use stytch::{Error, Fault};

pub(crate) type RejectionHook = Arc<dyn Fn(&Rejection) -> Response + Send + Sync>;

/// What went wrong, as an HTTP answer would put it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectionKind {
    /// No token, or one that is malformed, forged, expired or revoked (401).
    Unauthenticated,
    /// Authenticated, but not allowed: another organization, a role or scope short (403).
    Forbidden,
    /// The keys or the policy cannot be had and nothing usable is cached (503).
    Unavailable,
    /// Our own configuration is wrong, e.g. no client for this kind of session (500).
    Internal,
}

/// A refused request: its kind, and the SDK's error behind it when there is one. Handed to
/// the hook set with [`StytchAuthBuilder::on_rejection`](crate::StytchAuthBuilder::on_rejection).
#[derive(Debug)]
pub struct Rejection {
    kind: RejectionKind,
    error: Option<Error>,
    /// Scopes an M2M caller lacked, for `WWW-Authenticate`.
    missing_scopes: Vec<String>,
}

impl Rejection {
    pub(crate) fn new(kind: RejectionKind) -> Self {
        Rejection {
            kind,
            error: None,
            missing_scopes: Vec::new(),
        }
    }

    /// Sorts a token verification's error by whose fault it is: the caller's 403 is
    /// `Forbidden`, Stytch rate limiting us `Unavailable`, any other fault of the caller's
    /// `Unauthenticated`; Stytch or the network failing is `Unavailable`, our configuration
    /// `Internal`.
    pub(crate) fn from_error(error: Error) -> Self {
        let kind = match error.fault() {
            Fault::Caller(StatusCode::FORBIDDEN) => RejectionKind::Forbidden,
            Fault::Caller(StatusCode::TOO_MANY_REQUESTS) => RejectionKind::Unavailable,
            Fault::Caller(_) => RejectionKind::Unauthenticated,
            Fault::Service(StatusCode::INTERNAL_SERVER_ERROR) => RejectionKind::Internal,
            Fault::Service(_) => RejectionKind::Unavailable,
        };
        let missing_scopes = match &error {
            Error::Forbidden(stytch::AuthorizationError::MissingScopes { missing }) => {
                missing.clone()
            }
            _ => Vec::new(),
        };
        Rejection {
            kind,
            error: Some(error),
            missing_scopes,
        }
    }

    /// Sorts the failure of an authorization check: a refusal is `Forbidden`; a policy that
    /// cannot be had is `Unavailable`, or `Internal` when Stytch refuses our credentials.
    pub(crate) fn from_policy_error(error: Error) -> Self {
        let kind = match error.fault() {
            Fault::Caller(StatusCode::FORBIDDEN) => RejectionKind::Forbidden,
            Fault::Service(StatusCode::INTERNAL_SERVER_ERROR) => RejectionKind::Internal,
            _ => RejectionKind::Unavailable,
        };
        Rejection {
            kind,
            error: Some(error),
            missing_scopes: Vec::new(),
        }
    }

    pub fn kind(&self) -> RejectionKind {
        self.kind
    }

    /// The SDK's error, when the refusal came from one (not for a missing token).
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }

    /// The status of the default answer.
    pub fn status(&self) -> StatusCode {
        match self.kind {
            RejectionKind::Unauthenticated => StatusCode::UNAUTHORIZED,
            RejectionKind::Forbidden => StatusCode::FORBIDDEN,
            RejectionKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            RejectionKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The default answer: the status, `WWW-Authenticate` for 401 (and for a scope an M2M
    /// caller lacks), `Retry-After` for 503, and a small JSON body that names the kind and
    /// nothing about the token.
    pub(crate) fn into_response_with(self, retry_after: Duration) -> Response {
        let (status, code) = match self.kind {
            RejectionKind::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            RejectionKind::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            RejectionKind::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            RejectionKind::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        };
        match (&self.kind, &self.error) {
            (RejectionKind::Internal | RejectionKind::Unavailable, Some(error)) => {
                tracing::error!(error = %error, "stytch-axum could not authenticate a request")
            }
            (_, Some(error)) => tracing::debug!(error = %error, "request refused"),
            _ => {}
        }
        let body = format!("{{\"error\":\"{code}\"}}");
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        match self.kind {
            RejectionKind::Unauthenticated => {
                headers.insert(
                    WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer error=\"invalid_token\""),
                );
            }
            RejectionKind::Forbidden if !self.missing_scopes.is_empty() => {
                let value = format!(
                    "Bearer error=\"insufficient_scope\", scope=\"{}\"",
                    self.missing_scopes.join(" ")
                );
                if let Ok(value) = HeaderValue::try_from(value) {
                    headers.insert(WWW_AUTHENTICATE, value);
                }
            }
            RejectionKind::Unavailable => {
                headers.insert(RETRY_AFTER, HeaderValue::from(retry_after.as_secs().max(1)));
            }
            _ => {}
        }
        response
    }
}
