//! The one error type every call returns.

use reqwest::StatusCode;
use serde::Deserialize;
use std::fmt;

/// Why a call failed.
///
/// ```no_run
/// # async fn run(client: stytch::consumer::Client) {
/// match client.passwords().email().reset("token", "new password").await {
///     Ok(reset) => println!("reset for {}", reset.user_id),
///     Err(stytch::Error::Api(api)) if api.error_type.as_deref() == Some("weak_password") => {
///         println!("pick a stronger password: {}", api.error_message.unwrap_or_default());
///     }
///     Err(other) => eprintln!("{other} (request id: {:?})", other.request_id()),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Stytch answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request did not complete within its timeout.
    #[error("the request to Stytch timed out{}", after(*attempts))]
    Timeout {
        /// How many times the request was tried.
        attempts: u32,
        #[source]
        source: reqwest::Error,
    },
    /// The request could not be sent or its response could not be read.
    #[error("could not talk to Stytch{}", after(*attempts))]
    Network {
        /// How many times the request was tried.
        attempts: u32,
        #[source]
        source: reqwest::Error,
    },
    /// A success response did not have the expected shape.
    #[error("could not decode the {status} response of `{endpoint}` at `{path}`")]
    Decode {
        /// The endpoint's path template.
        endpoint: &'static str,
        status: StatusCode,
        /// Where in the JSON document decoding failed, e.g. `user.emails[0].verified`.
        path: String,
        request_id: Option<String>,
        attempts: u32,
        #[source]
        source: serde_json::Error,
    },
    /// The server answered with a redirect (`3xx`). Stytch's API never redirects, so the SDK's
    /// client does not follow it: nothing (no credential, header or body) goes to the other
    /// address. A proxy or a wrong base URL is the usual cause.
    #[error(
        "got a {status} redirect{}; redirects are not followed",
        location_of(location)
    )]
    Redirect {
        status: StatusCode,
        /// The `Location` the server named, if any.
        location: Option<String>,
        attempts: u32,
    },
    /// The response body was larger than the client's limit; reading stopped there.
    #[error("the response from Stytch exceeds the {limit}-byte limit")]
    ResponseTooLarge {
        /// The limit, from [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes).
        limit: usize,
        status: StatusCode,
        attempts: u32,
    },
    /// A request value cannot be sent as it is (for example an empty path parameter or a
    /// header value with a line break); nothing was sent.
    #[error("invalid `{field}`: {reason}")]
    InvalidArgument {
        field: &'static str,
        reason: &'static str,
    },
    /// The request body could not be encoded as JSON; nothing was sent.
    #[error("could not encode the request body")]
    Encode(#[source] serde_json::Error),
    /// The client configuration is unusable.
    #[error("invalid client configuration: {0}")]
    Config(String),
    /// A session JWT or access token was rejected locally: the caller is not authenticated
    /// (answer 401).
    #[error("token rejected: {0}")]
    Unauthenticated(TokenError),
    /// The caller is authenticated but may not do this (answer 403).
    #[error("not allowed: {0}")]
    Forbidden(AuthorizationError),
    /// The project's signing keys could not be fetched and no usable copy is cached, so a
    /// token could not be checked either way (answer 503). `source()` is the last fetch's
    /// failure, when there was one. No token is sent to Stytch instead: see
    /// [`jwt`](crate::jwt) for when the API is asked.
    #[error("the project's signing keys are unavailable")]
    KeysUnavailable(#[source] Option<std::sync::Arc<Error>>),
    /// A fetch that several calls waited on together (a cache refresh: the RBAC policy, an
    /// M2M token) failed; each of them gets the same failure. It reads as the inner error:
    /// the same `Display` and `source()`, and [`status`](Error::status),
    /// [`request_id`](Error::request_id), [`is_retryable`](Error::is_retryable) and the
    /// other accessors look through it.
    #[error(transparent)]
    Shared(std::sync::Arc<Error>),
}

/// Why a token failed local verification. Every case fails closed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenError {
    /// Not three base64url parts of JSON, or a required claim is missing or mistyped.
    #[error("malformed token ({0})")]
    Malformed(&'static str),
    /// The header names an algorithm other than RS256 (including `none` and HMAC).
    #[error("algorithm `{0}` is not accepted; only RS256 is")]
    UnsupportedAlgorithm(String),
    /// No key in the project's JWKS has this `kid`, even after refreshing it.
    #[error("no signing key `{0}` in the project's key set")]
    UnknownKey(String),
    /// The signature does not match the header and payload.
    #[error("bad signature")]
    BadSignature,
    #[error("wrong issuer `{0}`")]
    WrongIssuer(String),
    #[error("the audience does not include this project")]
    WrongAudience,
    #[error("expired")]
    Expired,
    #[error("not valid yet")]
    NotYetValid,
    #[error("issued in the future")]
    IssuedInFuture,
    /// Issued longer ago than the allowed maximum age.
    #[error("older than the allowed maximum age")]
    TooOld,
    /// Stytch has no live session for the token: it expired, was revoked, or never existed
    /// (Stytch answers all three alike, `session_not_found`).
    #[error("the session has ended")]
    SessionNotFound,
    /// Stytch refused the token for another reason, named by its `error_type` (for example
    /// `unable_to_parse_session_jwt`).
    #[error("refused by Stytch ({0})")]
    RefusedByStytch(String),
    /// A genuine Stytch token of another kind: a session JWT where an access token was
    /// expected, or the other way round.
    #[error("not a {expected}")]
    WrongTokenType {
        /// What the verification asked for.
        expected: TokenType,
    },
}

/// The kinds of Stytch-signed JWTs; each verification accepts only its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenType {
    /// A consumer or B2B session JWT (it carries the `https://stytch.com/session` claim).
    SessionJwt,
    /// An M2M client's access token: a `scope` claim, no session, no other client.
    M2mAccessToken,
    /// A connected-app access token: a `scope` and the connected app's `client_id`.
    ConnectedAppAccessToken,
}

impl fmt::Display for TokenType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TokenType::SessionJwt => "session JWT",
            TokenType::M2mAccessToken => "M2M access token",
            TokenType::ConnectedAppAccessToken => "connected-app access token",
        })
    }
}

/// Why an authenticated caller was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthorizationError {
    /// None of the caller's roles, or of an access token's scopes, grants the action on the
    /// resource.
    #[error("no role or scope grants `{action}` on `{resource_id}`")]
    PermissionDenied { resource_id: String, action: String },
    /// The request names another organization than the member's own.
    #[error("the member belongs to organization `{member_organization_id}`, not `{requested_organization_id}`")]
    TenancyMismatch {
        member_organization_id: String,
        requested_organization_id: String,
    },
    /// The token lacks scopes the call requires.
    #[error("missing scopes: {}", missing.join(" "))]
    MissingScopes { missing: Vec<String> },
    /// Stytch answered an authorization check without confirming it (no `verdict`, or one
    /// that does not say `authorized` with the roles that grant it); treated as a refusal.
    #[error("Stytch did not confirm the authorization check")]
    NotConfirmed,
}

fn location_of(location: &Option<String>) -> String {
    match location {
        Some(location) => format!(" to {location}"),
        None => String::new(),
    }
}

fn after(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

impl Error {
    /// The HTTP status Stytch answered with, if it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. }
            | Error::Redirect { status, .. } => Some(*status),
            Error::Shared(inner) => inner.status(),
            _ => None,
        }
    }

    /// Stytch's id for the request, to quote when asking their support about it.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            Error::Shared(inner) => inner.request_id(),
            _ => None,
        }
    }

    /// Stytch's `error_type` (e.g. `weak_password`), for API errors that carry one.
    pub fn error_type(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.error_type.as_deref(),
            Error::Shared(inner) => inner.error_type(),
            _ => None,
        }
    }

    /// How many times the request was sent, retries included; 0 when it never was.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Api(api) => api.attempts,
            Error::Timeout { attempts, .. }
            | Error::Network { attempts, .. }
            | Error::Decode { attempts, .. }
            | Error::ResponseTooLarge { attempts, .. }
            | Error::Redirect { attempts, .. } => *attempts,
            Error::Shared(inner) => inner.attempts(),
            Error::InvalidArgument { .. }
            | Error::Encode(_)
            | Error::Config(_)
            | Error::Unauthenticated(_)
            | Error::Forbidden(_)
            | Error::KeysUnavailable(_) => 0,
        }
    }

    /// Whether the same request may succeed if tried again later: timeouts, network
    /// failures, rate limiting (429) and server errors (5xx).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Network { .. } | Error::KeysUnavailable(_) => true,
            Error::Api(api) => {
                api.status == StatusCode::TOO_MANY_REQUESTS || api.status.is_server_error()
            }
            Error::Shared(inner) => inner.is_retryable(),
            _ => false,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Shared(inner) => inner.is_timeout(),
            other => matches!(other, Error::Timeout { .. }),
        }
    }

    /// Whether the end user failed to authenticate or is not allowed (answer 401 or 403).
    pub fn is_auth_failure(&self) -> bool {
        self.is_unauthenticated() || self.is_forbidden()
    }

    /// Whether the end user is not authenticated (answer 401): a token was rejected locally,
    /// Stytch found no live session for it, or a credential endpoint refused a password,
    /// email, token or code. A refusal of the project's own credentials is not this: see
    /// [`fault`](Error::fault).
    pub fn is_unauthenticated(&self) -> bool {
        self.fault() == crate::Fault::Caller(StatusCode::UNAUTHORIZED)
    }

    /// Whether the end user is authenticated but not allowed (answer 403): Stytch answered
    /// 403, or a local RBAC, tenancy or scope check failed.
    pub fn is_forbidden(&self) -> bool {
        self.fault() == crate::Fault::Caller(StatusCode::FORBIDDEN)
    }

    /// Whether Stytch is rate limiting the project (429).
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether Stytch (or a proxy in front of it) failed with a 5xx status.
    pub fn is_server_error(&self) -> bool {
        match self {
            Error::Api(api) => api.status.is_server_error(),
            Error::Shared(inner) => inner.is_server_error(),
            _ => false,
        }
    }

    pub(crate) fn from_reqwest(source: reqwest::Error) -> Self {
        if source.is_timeout() {
            Error::Timeout {
                attempts: 1,
                source,
            }
        } else {
            Error::Network {
                attempts: 1,
                source,
            }
        }
    }

    /// A success response without a field the SDK cannot do without.
    pub(crate) fn missing_field(
        endpoint: &'static str,
        field: &'static str,
        request_id: Option<String>,
    ) -> Self {
        Error::Decode {
            endpoint,
            status: StatusCode::OK,
            path: field.to_owned(),
            request_id,
            attempts: 1,
            source: serde::de::Error::missing_field(field),
        }
    }

    /// Records how many attempts the call made before failing with this error.
    pub(crate) fn with_attempts(mut self, count: u32) -> Self {
        match &mut self {
            Error::Api(api) => api.attempts = count,
            Error::Timeout { attempts, .. }
            | Error::Network { attempts, .. }
            | Error::Decode { attempts, .. }
            | Error::ResponseTooLarge { attempts, .. }
            | Error::Redirect { attempts, .. } => *attempts = count,
            Error::InvalidArgument { .. }
            | Error::Encode(_)
            | Error::Config(_)
            | Error::Unauthenticated(_)
            | Error::Forbidden(_)
            | Error::KeysUnavailable(_)
            | Error::Shared(_) => {}
        }
        self
    }
}

/// An error response from Stytch.
///
/// When the body is Stytch's JSON error document, its fields are filled in. When it is not
/// (an HTML page from a proxy, an empty or truncated body) `body` keeps the start of it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    pub status: StatusCode,
    pub request_id: Option<String>,
    /// A stable, machine-readable code such as `invalid_credentials` or `weak_password`.
    pub error_type: Option<String>,
    /// A human-readable explanation.
    pub error_message: Option<String>,
    /// A link to Stytch's documentation of this error.
    pub error_url: Option<String>,
    /// Extra structured detail some errors carry.
    pub error_details: Option<serde_json::Value>,
    /// The start of the body (at most [`ApiError::BODY_EXCERPT_LEN`] bytes) when it was not
    /// a Stytch error document.
    pub body: Option<String>,
    /// How long Stytch asked the client to wait (`Retry-After`), if it said.
    pub retry_after: Option<std::time::Duration>,
    /// How many times the request was sent, retries included.
    pub attempts: u32,
    /// The path template of the endpoint that answered, e.g. `/v1/passwords/authenticate`.
    pub endpoint: &'static str,
    /// Whether the request carried an end user's credential (a password, token, code or
    /// session), so that a 401 or 404 can mean that credential failed.
    pub(crate) checks_end_user_credential: bool,
    /// Set when the SDK established that Stytch refused the project's own credentials.
    pub(crate) project_credentials_rejected: bool,
}

impl ApiError {
    /// How much of a non-JSON error body is kept.
    pub const BODY_EXCERPT_LEN: usize = 512;

    /// Reads an error response; never fails, whatever the body holds.
    pub(crate) fn from_response(
        status: StatusCode,
        header_request_id: Option<String>,
        retry_after: Option<std::time::Duration>,
        body: &[u8],
    ) -> Self {
        ApiError {
            retry_after,
            ..Self::from_body(status, header_request_id, body)
        }
    }

    fn from_body(status: StatusCode, header_request_id: Option<String>, body: &[u8]) -> Self {
        #[derive(Deserialize)]
        struct WireError {
            request_id: Option<String>,
            error_type: Option<String>,
            error_message: Option<String>,
            error_url: Option<String>,
            error_details: Option<serde_json::Value>,
            // OAuth 2.0's names (RFC 6749, section 5.2), which Stytch's token endpoints use.
            error: Option<serde_json::Value>,
            error_description: Option<serde_json::Value>,
            error_uri: Option<serde_json::Value>,
        }
        let text = |value: Option<serde_json::Value>| match value {
            Some(serde_json::Value::String(text)) => Some(text),
            _ => None,
        };
        // The str reader, as for success bodies (one reader's code in the binary, not two).
        let wire =
            serde_json::from_str::<WireError>(&crate::wire::body_text(body)).map(|mut wire| {
                wire.error_type = wire.error_type.or_else(|| text(wire.error.take()));
                wire.error_message = wire
                    .error_message
                    .or_else(|| text(wire.error_description.take()));
                wire.error_url = wire.error_url.or_else(|| text(wire.error_uri.take()));
                wire
            });
        match wire {
            Ok(wire) if wire.error_type.is_some() || wire.error_message.is_some() => ApiError {
                status,
                request_id: wire.request_id.or(header_request_id),
                error_type: wire.error_type,
                error_message: wire.error_message,
                error_url: wire.error_url,
                error_details: wire.error_details,
                body: None,
                retry_after: None,
                attempts: 1,
                endpoint: "",
                checks_end_user_credential: false,
                project_credentials_rejected: false,
            },
            Ok(wire) => ApiError {
                request_id: wire.request_id.or(header_request_id),
                ..ApiError::bare(status, body)
            },
            Err(_) => ApiError {
                request_id: header_request_id,
                ..ApiError::bare(status, body)
            },
        }
    }

    fn bare(status: StatusCode, body: &[u8]) -> Self {
        ApiError {
            status,
            request_id: None,
            error_type: None,
            error_message: None,
            error_url: None,
            error_details: None,
            body: Some(excerpt(body, Self::BODY_EXCERPT_LEN)),
            retry_after: None,
            attempts: 1,
            endpoint: "",
            checks_end_user_credential: false,
            project_credentials_rejected: false,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stytch answered {}", self.status)?;
        if let Some(error_type) = &self.error_type {
            write!(f, " ({error_type})")?;
        }
        if let Some(message) = &self.error_message {
            write!(f, ": {}", message.trim())?;
        } else if let Some(body) = self.body.as_deref().filter(|b| !b.trim().is_empty()) {
            let first_line = body
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or_default();
            write!(f, ": {}", first_line.chars().take(120).collect::<String>())?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " [request {request_id}]")?;
        }
        f.write_str(&after(self.attempts))
    }
}

impl std::error::Error for ApiError {}

/// At most `max` bytes of `body` as text, cut on a character boundary.
fn excerpt(body: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(max)]);
    let mut text = text.into_owned();
    // A cut through a multi-byte character shows up as a trailing replacement character.
    if body.len() > max && text.ends_with('\u{FFFD}') {
        text.pop();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_bounded_and_safe_on_multibyte_cuts() {
        let body = "é".repeat(600);
        let cut = excerpt(body.as_bytes(), 511);
        assert!(cut.len() <= 511);
        assert!(cut.chars().all(|c| c == 'é'));
    }

    #[test]
    fn oauth_error_names_read_as_stytchs() {
        let err = ApiError::from_response(
            StatusCode::UNAUTHORIZED,
            None,
            None,
            br#"{"error": "invalid_client", "error_description": "Unknown client.",
                "error_uri": "https://example.com/errors#invalid_client", "request_id": "r-1"}"#,
        );
        assert_eq!(err.error_type.as_deref(), Some("invalid_client"));
        assert_eq!(err.error_message.as_deref(), Some("Unknown client."));
        assert_eq!(
            err.error_url.as_deref(),
            Some("https://example.com/errors#invalid_client")
        );
        assert_eq!(err.request_id.as_deref(), Some("r-1"));
        let both = ApiError::from_response(
            StatusCode::BAD_REQUEST,
            None,
            None,
            br#"{"error_type": "bad_request", "error": "invalid_request"}"#,
        );
        assert_eq!(
            both.error_type.as_deref(),
            Some("bad_request"),
            "Stytch's own wins"
        );
        let odd = ApiError::from_response(StatusCode::BAD_REQUEST, None, None, br#"{"error": {}}"#);
        assert_eq!(odd.error_type, None);
    }

    #[test]
    fn html_body_keeps_status_and_excerpt() {
        let err = ApiError::from_response(
            StatusCode::BAD_GATEWAY,
            None,
            None,
            b"<html><body>502 Bad Gateway</body></html>",
        );
        assert_eq!(err.status, StatusCode::BAD_GATEWAY);
        assert!(err.body.as_deref().unwrap().contains("502 Bad Gateway"));
        assert!(err
            .to_string()
            .starts_with("Stytch answered 502 Bad Gateway"));
    }
}
