//! Whose mistake an error is, and what an application should answer its own client with.

use crate::error::ApiError;
use crate::{AuthorizationError, Error, StatusCode};

/// Whose mistake an [`Error`] is, with the HTTP status a service should answer its own client
/// with. See [`Error::fault`].
///
/// ```
/// use stytch::{Error, Fault, StatusCode};
///
/// fn status_for(error: &Error) -> StatusCode {
///     match error.fault() {
///         Fault::Caller(status) => status, // 400, 401, 403 or 429: the request was bad
///         Fault::Service(status) => {
///             // 500, 502 or 503: ours to fix or wait out; log it
///             eprintln!("stytch: {error}");
///             status
///         }
///     }
/// }
/// # let _ = status_for;
/// ```
// Not `non_exhaustive`: an error is either the caller's or ours, and matches can rely on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The request the application passed on was bad: invalid input (400), a wrong password,
    /// an unknown account or a dead session (401), a refused permission (403), or too many
    /// attempts (429).
    Caller(StatusCode),
    /// Not the caller's doing: the project's configuration or credentials (500), an answer
    /// the SDK could not use (502), or Stytch or the network being unavailable (503).
    Service(StatusCode),
}

impl Fault {
    /// The status to answer with.
    pub fn status(self) -> StatusCode {
        match self {
            Fault::Caller(status) | Fault::Service(status) => status,
        }
    }

    /// Whether the caller is at fault (a 4xx).
    pub fn is_caller(self) -> bool {
        matches!(self, Fault::Caller(_))
    }
}

/// Error types Stytch sends when the project's own credentials (the Basic auth of every call)
/// are wrong, whatever the endpoint.
const PROJECT_CREDENTIAL_ERRORS: &[&str] = &[
    "invalid_secret_authentication",
    "invalid_project_id_authentication",
    "unauthorized_credentials_homepage",
    "invalid_authorization_header",
];

impl Error {
    /// Whose mistake this is, and the HTTP status to answer with:
    ///
    /// | error | fault |
    /// |---|---|
    /// | Stytch's 400 (bad input), `InvalidArgument` | `Caller(400)` |
    /// | `Unauthenticated`; Stytch's 401 or 404 from an endpoint that checks an end user's credential (wrong password, unknown email, used token, ended session) | `Caller(401)` |
    /// | `Forbidden`; Stytch's 403 | `Caller(403)` |
    /// | Stytch's 429 | `Caller(429)` |
    /// | Stytch's other 404s with its error body (an unknown user id, say) | `Caller(404)` |
    /// | the project's credentials refused; a 401 from an endpoint that takes no end-user credential; `Config`, `Encode` | `Service(500)` |
    /// | a 404 without Stytch's error body (an unknown route); `Decode`, `Redirect`, `ResponseTooLarge` | `Service(502)` |
    /// | Stytch's 5xx, `Timeout`, `Network`, `KeysUnavailable` | `Service(503)` |
    pub fn fault(&self) -> Fault {
        match self {
            Error::Api(api) => api.fault(),
            Error::Unauthenticated(_) => Fault::Caller(StatusCode::UNAUTHORIZED),
            Error::Forbidden(_) => Fault::Caller(StatusCode::FORBIDDEN),
            Error::InvalidArgument { .. } => Fault::Caller(StatusCode::BAD_REQUEST),
            Error::Config(_) | Error::Encode(_) => {
                Fault::Service(StatusCode::INTERNAL_SERVER_ERROR)
            }
            Error::Decode { .. } | Error::Redirect { .. } | Error::ResponseTooLarge { .. } => {
                Fault::Service(StatusCode::BAD_GATEWAY)
            }
            Error::Timeout { .. } | Error::Network { .. } | Error::KeysUnavailable(_) => {
                Fault::Service(StatusCode::SERVICE_UNAVAILABLE)
            }
            Error::Shared(inner) => inner.fault(),
        }
    }

    /// Whether this error's text (`Display`) may be shown to the end user: only for mistakes
    /// they can fix themselves from it, such as a weak password or a malformed email (400), or
    /// being rate limited (429). Authentication and permission failures are not: their
    /// details (which of email or password was wrong, why a token failed) help an attacker
    /// more than a user, so show a generic message. Nothing about our side is either.
    /// `Display` never contains a secret, whatever this says.
    pub fn is_safe_to_show(&self) -> bool {
        match self {
            Error::Shared(inner) => inner.is_safe_to_show(),
            Error::Forbidden(AuthorizationError::MissingScopes { .. }) => false,
            other => matches!(
                other.fault(),
                Fault::Caller(StatusCode::BAD_REQUEST | StatusCode::TOO_MANY_REQUESTS)
            ),
        }
    }
}

impl ApiError {
    /// Whether Stytch refused credentials that belong to the application rather than to an
    /// end user: the project's id or secret (an error type that only means that, or a 401 the
    /// SDK checked; see the README's "Errors"), or an M2M client's secret, or any 401 from an
    /// endpoint that takes no end-user credential. Never the caller's fault.
    pub fn refuses_our_credentials(&self) -> bool {
        self.project_credentials_rejected
            || self
                .error_type
                .as_deref()
                .is_some_and(|t| PROJECT_CREDENTIAL_ERRORS.contains(&t))
            || (self.status == StatusCode::UNAUTHORIZED && !self.checks_end_user_credential)
    }

    fn fault(&self) -> Fault {
        if self.refuses_our_credentials() {
            return Fault::Service(StatusCode::INTERNAL_SERVER_ERROR);
        }
        match self.status.as_u16() {
            401 => Fault::Caller(StatusCode::UNAUTHORIZED),
            403 => Fault::Caller(StatusCode::FORBIDDEN),
            404 if self.error_type.is_none() => Fault::Service(StatusCode::BAD_GATEWAY),
            404 if self.checks_end_user_credential => Fault::Caller(StatusCode::UNAUTHORIZED),
            404 => Fault::Caller(StatusCode::NOT_FOUND),
            429 => Fault::Caller(StatusCode::TOO_MANY_REQUESTS),
            500..=599 => Fault::Service(StatusCode::SERVICE_UNAVAILABLE),
            // 400, and other 4xx (409, 413, ...): Stytch refused this request as sent.
            400..=499 => Fault::Caller(StatusCode::BAD_REQUEST),
            // A 1xx or 2xx is never an error status; anything else is an answer we cannot use.
            _ => Fault::Service(StatusCode::BAD_GATEWAY),
        }
    }
}
