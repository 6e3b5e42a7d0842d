//! `POST /v1/public/{project_id}/oauth2/token`: access tokens for M2M clients.
//!
//! Written by hand rather than with `#[endpoint]`: the path's `project_id` is the client's
//! own, and the scopes travel as one space-separated `scope` string, while callers pass them
//! as a list. The body is form-encoded (`grant_type`, `client_id`, `client_secret`, `scope`),
//! the client credentials grant of OAuth 2.0 (RFC 6749, section 4.4); Stytch also takes JSON,
//! but a token endpoint is expected to read forms.

use crate::catalogue::{BodyFormat, EndpointInfo, FieldInfo, FieldLocation, Host, Method};
use crate::consumer::m2m::M2m;
use crate::service::ServiceHandle;
use crate::wire::{push_path_segment, Endpoint, Redacted};
use crate::{Call, Error};
use std::fmt;
use stytch_macros::model;

/// The only grant type Stytch issues M2M tokens for.
pub const CLIENT_CREDENTIALS: &str = "client_credentials";

/// Exchanges an M2M client's id and secret for an access token (the OAuth 2.0 client
/// credentials grant).
#[derive(Clone)]
pub struct TokenRequest {
    /// The project the client belongs to; [`M2m::token`] fills in the client's own.
    pub project_id: String,
    pub client_id: String,
    pub client_secret: String,
    /// The scopes to ask for, sent space-separated as `scope`. `None` or an empty list: every
    /// scope the M2M client has. A scope cannot be empty or contain whitespace.
    pub scopes: Option<Vec<String>>,
    /// Always [`CLIENT_CREDENTIALS`] when built with [`TokenRequest::new`].
    pub grant_type: String,
}

impl TokenRequest {
    /// A request for a token with every scope the M2M client has.
    pub fn new(
        project_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        TokenRequest {
            project_id: project_id.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: None,
            grant_type: CLIENT_CREDENTIALS.to_owned(),
        }
    }

    fn scope(&self) -> Option<String> {
        self.scopes
            .as_ref()
            .filter(|scopes| !scopes.is_empty())
            .map(|scopes| scopes.join(" "))
    }
}

/// Refuses a scope that would change meaning once joined with spaces.
pub(crate) fn validate_scope(scope: &str) -> Result<(), Error> {
    if scope.is_empty() || scope.chars().any(char::is_whitespace) {
        return Err(Error::InvalidArgument {
            field: "scopes",
            reason: "a scope cannot be empty or contain whitespace",
        });
    }
    Ok(())
}

const FIELDS: &[FieldInfo] = &[
    FieldInfo {
        name: "project_id",
        location: FieldLocation::Path,
        required: true,
        secret: false,
    },
    FieldInfo {
        name: "client_id",
        location: FieldLocation::Body,
        required: true,
        secret: false,
    },
    FieldInfo {
        name: "client_secret",
        location: FieldLocation::Body,
        required: true,
        secret: true,
    },
    FieldInfo {
        name: "scope",
        location: FieldLocation::Body,
        required: false,
        secret: false,
    },
    FieldInfo {
        name: "grant_type",
        location: FieldLocation::Body,
        required: true,
        secret: false,
    },
];

// Not registered in `stytch::catalogue`: the spec lists this endpoint among the hand-written
// ones, which the conformance test does not compare field by field.
impl Endpoint for TokenRequest {
    type Response = TokenResponse;
    const INFO: &'static EndpointInfo = &EndpointInfo {
        method: Method::Post,
        path: "/v1/public/{project_id}/oauth2/token",
        host: Host::Api,
        body: BodyFormat::Form,
        name: "token",
        module: "stytch::consumer::m2m",
        request: "TokenRequest",
        response: "TokenResponse",
        fields: FIELDS,
    };

    fn write_path(&self, out: &mut String) -> Result<(), Error> {
        // Checked here because this runs before anything is sent, like the path checks.
        for scope in self.scopes.iter().flatten() {
            validate_scope(scope)?;
        }
        out.push_str("/v1/public/");
        push_path_segment(out, "project_id", &self.project_id)?;
        out.push_str("/oauth2/token");
        Ok(())
    }
}

impl serde::Serialize for TokenRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("grant_type", &self.grant_type)?;
        map.serialize_entry("client_id", &self.client_id)?;
        map.serialize_entry("client_secret", &self.client_secret)?;
        if let Some(scope) = self.scope() {
            map.serialize_entry("scope", &scope)?;
        }
        map.end()
    }
}

impl fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenRequest")
            .field("project_id", &self.project_id)
            .field("client_id", &self.client_id)
            .field("client_secret", &Redacted)
            .field("scopes", &self.scopes)
            .field("grant_type", &self.grant_type)
            .finish()
    }
}

/// An M2M access token: a JWT to send as `Authorization: Bearer ...`.
#[model]
pub struct TokenResponse {
    pub request_id: String,
    pub status_code: u16,
    pub access_token: String,
    /// `bearer`.
    pub token_type: String,
    /// Seconds from the response until the token expires (3600 unless configured otherwise).
    pub expires_in: i32,
}

impl<'c> M2m<'c> {
    /// Gets an access token for an M2M client from its id and secret; add `.scopes([...])` to
    /// ask for fewer scopes than the client has. To reuse tokens until they near expiry, use
    /// [`M2mTokenProvider`](crate::consumer::m2m::M2mTokenProvider).
    ///
    /// Sends `POST /v1/public/{project_id}/oauth2/token`, form-encoded with
    /// `grant_type=client_credentials`, for this client's project.
    ///
    /// ```no_run
    /// # async fn run(client: stytch::consumer::Client) -> Result<(), stytch::Error> {
    /// let token = client
    ///     .m2m()
    ///     .token("m2m-client-test-...", "client secret")
    ///     .scopes(["read:orders", "write:orders"])
    ///     .await?;
    /// println!("valid for {} s", token.expires_in);
    /// # Ok(()) }
    /// ```
    pub fn token(
        &self,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Call<'c, TokenRequest> {
        let transport = self.transport();
        let request = TokenRequest::new(transport.project_id.clone(), client_id, client_secret);
        Call::new(transport, request)
    }
}

impl Call<'_, TokenRequest> {
    /// The scopes to ask for (each `action:resource` or a plain name), sent space-separated.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.request_mut().scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the scopes from an `Option`; `None` asks for every scope the client has.
    pub fn set_scopes(mut self, scopes: Option<Vec<String>>) -> Self {
        self.request_mut().scopes = scopes;
        self
    }
}
