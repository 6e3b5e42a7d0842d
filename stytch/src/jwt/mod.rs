//! Local verification of Stytch session JWTs, with the API as a fallback.
//!
//! `authenticate_jwt` checks a session JWT against the project's signing keys (fetched once
//! and cached) and the claims policy below. Stytch's sessions endpoint is asked instead in
//! exactly two cases, both for a token whose signature verified with the project's key:
//!
//! - it was issued longer ago than `max_token_age` (default 5 minutes), or
//! - it has expired (Stytch refreshes the JWT of a session that is still alive).
//!
//! Every other token is refused locally, without a request: a bad signature, an algorithm
//! other than RS256, a key id the project does not publish (even after the one refetch per
//! cooldown), a malformed token, a wrong issuer or audience, or a token of another kind (an
//! M2M or connected-app access token). When the signing keys cannot be had at all, the call
//! fails with [`Error::KeysUnavailable`] rather than pass an unchecked token on to Stytch.
//! Both paths return the same result type. `authenticate_jwt_local` never asks Stytch.
//!
//! An authorization check is decided locally from the cached RBAC policy; when the policy
//! cannot be fetched, Stytch is asked with the check, and only a `verdict` that confirms it
//! counts as an allow.
//!
//! A revoked session's JWT keeps verifying locally until it is older than `max_token_age`;
//! the README's "Logging out" says how to shorten that window.
//!
//! The claims policy, fail-closed: RS256 only, signed by an RSA key from the project's key set;
//! `iss` is `stytch.com/{project_id}` or the configured base URL; `aud` contains the project
//! id; `exp`, `nbf` and `iat` hold within the clock tolerance.

mod access;
mod jwks;
mod token;

pub use access::{
    AccessTokenOutput, AuthenticatedM2mToken, IntrospectedAccessToken, NoScopeCheck, Retype,
    ScopeCheck, VerifyAccessToken,
};

#[doc(hidden)]
pub use jwks::KeySource;
pub(crate) use jwks::{JwksCache, JwksTimings};

#[cfg(feature = "b2b")]
use crate::b2b::sessions::MemberSession;
use crate::client_core::ClientCore;
#[cfg(feature = "consumer")]
use crate::consumer::sessions::Session;
use crate::models::{Attributes, AuthenticationFactor};
use crate::{Error, Timestamp, TokenError, TokenType};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
#[cfg(feature = "b2b")]
use token::ORGANIZATION_CLAIM;
use token::{ClaimsPolicy, Registered, SESSION_CLAIM};

/// The default `max_token_age`: the lifetime of a Stytch session JWT.
pub const DEFAULT_MAX_TOKEN_AGE: Duration = Duration::from_secs(5 * 60);
/// The default clock tolerance for `exp`, `nbf` and `iat`.
pub const DEFAULT_CLOCK_TOLERANCE: Duration = Duration::from_secs(30);

/// Which path authenticated a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifiedBy {
    /// The JWT's signature and claims were checked locally.
    Local,
    /// Stytch's sessions endpoint was asked.
    Stytch,
}

/// Custom claims kept as a JSON object, the default for `authenticate_jwt`.
pub type Claims = Map<String, Value>;

/// A consumer session that passed `authenticate_jwt`.
#[non_exhaustive]
#[cfg(feature = "consumer")]
pub struct AuthenticatedSession<C = Claims> {
    pub session: Session,
    /// The session's custom claims, decoded into the caller's type.
    pub custom_claims: C,
    /// A fresh JWT when Stytch was asked (it refreshes expired ones); `None` locally.
    pub session_jwt: Option<String>,
    pub verified_by: VerifiedBy,
}

/// A B2B member session that passed `authenticate_jwt`.
#[non_exhaustive]
#[cfg(feature = "b2b")]
pub struct AuthenticatedMemberSession<C = Claims> {
    pub member_session: MemberSession,
    /// The session's custom claims, decoded into the caller's type.
    pub custom_claims: C,
    /// A fresh JWT when Stytch was asked (it refreshes expired ones); `None` locally.
    pub session_jwt: Option<String>,
    pub verified_by: VerifiedBy,
}

#[cfg(feature = "consumer")]
impl<C: fmt::Debug> fmt::Debug for AuthenticatedSession<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticatedSession")
            .field("session", &self.session)
            .field("custom_claims", &self.custom_claims)
            .field(
                "session_jwt",
                &self.session_jwt.as_ref().map(|_| crate::wire::Redacted),
            )
            .field("verified_by", &self.verified_by)
            .finish()
    }
}

#[cfg(feature = "b2b")]
impl<C: fmt::Debug> fmt::Debug for AuthenticatedMemberSession<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthenticatedMemberSession")
            .field("member_session", &self.member_session)
            .field("custom_claims", &self.custom_claims)
            .field(
                "session_jwt",
                &self.session_jwt.as_ref().map(|_| crate::wire::Redacted),
            )
            .field("verified_by", &self.verified_by)
            .finish()
    }
}

/// The `https://stytch.com/session` claim.
#[derive(Deserialize)]
struct SessionClaim {
    id: String,
    #[serde(default, deserialize_with = "crate::wire::de::lenient_timestamp")]
    started_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::wire::de::lenient_timestamp")]
    last_accessed_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "crate::wire::de::lenient_timestamp")]
    expires_at: Option<Timestamp>,
    // Member sessions carry no attributes; only the consumer session reads them.
    #[serde(default)]
    #[cfg_attr(not(feature = "consumer"), allow(dead_code))]
    attributes: Option<Attributes>,
    #[serde(default)]
    authentication_factors: Vec<AuthenticationFactor>,
    #[serde(default)]
    roles: Vec<String>,
}

/// The `https://stytch.com/organization` claim.
#[derive(Deserialize)]
#[cfg(feature = "b2b")]
struct OrganizationClaim {
    organization_id: String,
    #[serde(default)]
    slug: String,
}

/// Why a token was not verified locally.
pub(crate) enum Rejection {
    /// The token itself fails a check.
    Token(TokenError),
    /// The signing keys could not be had; the last fetch's failure, if any.
    KeysUnavailable(Option<Arc<Error>>),
}

impl From<TokenError> for Rejection {
    fn from(error: TokenError) -> Self {
        Rejection::Token(error)
    }
}

impl From<Rejection> for Error {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::Token(error) => Error::Unauthenticated(error),
            Rejection::KeysUnavailable(cause) => Error::KeysUnavailable(cause),
        }
    }
}

/// Verifies signature, token type and claims; returns the registered claims and the
/// remaining claim map.
async fn verify(
    core: &ClientCore,
    jwt: &str,
    expected: TokenType,
    max_age: Option<Duration>,
    leeway: Duration,
) -> Result<(Registered, Map<String, Value>), Rejection> {
    let unverified = token::parse(jwt)?;
    let key = core.jwks.key(core, &unverified.kid).await?;
    let mut claims = unverified.verify(&key)?;
    token::check_type(&claims, expected)?;
    let policy = ClaimsPolicy {
        project_id: &core.transport.project_id,
        issuers: &core.jwt_issuers,
        leeway,
        max_age,
        now: core.now(),
    };
    let registered = policy.check(&mut claims)?;
    Ok((registered, claims))
}

fn take_claim<T: DeserializeOwned>(
    claims: &mut Map<String, Value>,
    name: &'static str,
) -> Result<T, TokenError> {
    let value = claims.remove(name).ok_or(TokenError::Malformed(name))?;
    serde_json::from_value(value).map_err(|_| TokenError::Malformed(name))
}

fn custom_claims<C: DeserializeOwned>(value: Option<Value>) -> Result<C, TokenError> {
    let value = match value {
        None | Some(Value::Null) => Value::Object(Map::new()),
        Some(value) => value,
    };
    serde_json::from_value(value).map_err(|_| TokenError::Malformed("custom claims"))
}

/// Whether a local failure should be settled by asking Stytch instead: only for a token
/// whose signature verified, and that is merely old or expired (see the module docs).
fn ask_stytch(error: &TokenError) -> bool {
    matches!(error, TokenError::TooOld | TokenError::Expired)
}

/// Builder for consumer `authenticate_jwt` / `authenticate_jwt_local`; `.await` it.
#[must_use = "authentication does nothing until it is awaited"]
#[cfg(feature = "consumer")]
pub struct AuthenticateJwt<'c, C = Claims> {
    core: &'c ClientCore,
    session_jwt: String,
    max_token_age: Option<Duration>,
    clock_tolerance: Duration,
    authorization_check: Option<crate::consumer::sessions::AuthorizationCheck>,
    local_only: bool,
    claims: PhantomData<fn() -> C>,
}

/// Builder for B2B `authenticate_jwt` / `authenticate_jwt_local`; `.await` it.
#[must_use = "authentication does nothing until it is awaited"]
#[cfg(feature = "b2b")]
pub struct AuthenticateMemberJwt<'c, C = Claims> {
    core: &'c ClientCore,
    session_jwt: String,
    max_token_age: Option<Duration>,
    clock_tolerance: Duration,
    authorization_check: Option<crate::b2b::sessions::AuthorizationCheck>,
    local_only: bool,
    claims: PhantomData<fn() -> C>,
}

macro_rules! common_builder_methods {
    ($builder:ident, $check:ty) => {
        impl<'c, C: DeserializeOwned + Send + 'static> $builder<'c, C> {
            /// Tokens issued longer ago than this are checked with Stytch instead of locally
            /// (or refused, for the `_local` variant). Default: [`DEFAULT_MAX_TOKEN_AGE`].
            pub fn max_token_age(mut self, age: Duration) -> Self {
                self.max_token_age = Some(age);
                self
            }

            /// Allowed clock difference for `exp`, `nbf` and `iat`. Default:
            /// [`DEFAULT_CLOCK_TOLERANCE`].
            pub fn clock_tolerance(mut self, tolerance: Duration) -> Self {
                self.clock_tolerance = tolerance;
                self
            }

            /// Requires the session's roles to allow an action; never skipped, whichever
            /// path authenticates.
            pub fn authorization_check(mut self, check: $check) -> Self {
                self.authorization_check = Some(check);
                self
            }

            /// Decodes the session's custom claims into `T` instead of a JSON map.
            pub fn custom_claims<T: DeserializeOwned + Send + 'static>(self) -> $builder<'c, T> {
                $builder {
                    core: self.core,
                    session_jwt: self.session_jwt,
                    max_token_age: self.max_token_age,
                    clock_tolerance: self.clock_tolerance,
                    authorization_check: self.authorization_check,
                    local_only: self.local_only,
                    claims: PhantomData,
                }
            }
        }

        impl<C> fmt::Debug for $builder<'_, C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($builder))
                    .field("session_jwt", &crate::wire::Redacted)
                    .field("max_token_age", &self.max_token_age)
                    .field("clock_tolerance", &self.clock_tolerance)
                    .field("authorization_check", &self.authorization_check)
                    .field("local_only", &self.local_only)
                    .finish()
            }
        }
    };
}

#[cfg(feature = "consumer")]
common_builder_methods!(
    AuthenticateJwt,
    crate::consumer::sessions::AuthorizationCheck
);
#[cfg(feature = "b2b")]
common_builder_methods!(
    AuthenticateMemberJwt,
    crate::b2b::sessions::AuthorizationCheck
);

#[cfg(feature = "consumer")]
impl<'c> crate::consumer::sessions::Sessions<'c> {
    /// Authenticates a session JWT locally, asking Stytch only when the token verified but
    /// is older than `max_token_age` or expired (see the [module docs](crate::jwt)).
    ///
    /// ```no_run
    /// # async fn run(client: stytch::consumer::Client, jwt: &str) -> Result<(), stytch::Error> {
    /// let auth = client.sessions().authenticate_jwt(jwt).await?;
    /// println!("user {} ({:?})", auth.session.user_id, auth.verified_by);
    /// # Ok(()) }
    /// ```
    pub fn authenticate_jwt(&self, session_jwt: impl Into<String>) -> AuthenticateJwt<'c> {
        AuthenticateJwt {
            core: self.core(),
            session_jwt: session_jwt.into(),
            max_token_age: None,
            clock_tolerance: DEFAULT_CLOCK_TOLERANCE,
            authorization_check: None,
            local_only: false,
            claims: PhantomData,
        }
    }

    /// Authenticates a session JWT without calling Stytch (beyond fetching its signing keys);
    /// a token it cannot judge locally is refused.
    pub fn authenticate_jwt_local(&self, session_jwt: impl Into<String>) -> AuthenticateJwt<'c> {
        AuthenticateJwt {
            local_only: true,
            ..self.authenticate_jwt(session_jwt)
        }
    }
}

#[cfg(feature = "b2b")]
impl<'c> crate::b2b::sessions::Sessions<'c> {
    /// Authenticates a member session JWT locally, asking Stytch only when the token verified
    /// but is older than `max_token_age` or expired (see the [module docs](crate::jwt)).
    ///
    /// ```no_run
    /// # async fn run(client: stytch::b2b::Client, jwt: &str) -> Result<(), stytch::Error> {
    /// let auth = client.sessions().authenticate_jwt(jwt).await?;
    /// println!("member {} of {}", auth.member_session.member_id, auth.member_session.organization_id);
    /// # Ok(()) }
    /// ```
    pub fn authenticate_jwt(&self, session_jwt: impl Into<String>) -> AuthenticateMemberJwt<'c> {
        AuthenticateMemberJwt {
            core: self.core(),
            session_jwt: session_jwt.into(),
            max_token_age: None,
            clock_tolerance: DEFAULT_CLOCK_TOLERANCE,
            authorization_check: None,
            local_only: false,
            claims: PhantomData,
        }
    }

    /// Authenticates a member session JWT without calling Stytch (beyond fetching its signing
    /// keys); a token it cannot judge locally is refused.
    pub fn authenticate_jwt_local(
        &self,
        session_jwt: impl Into<String>,
    ) -> AuthenticateMemberJwt<'c> {
        AuthenticateMemberJwt {
            local_only: true,
            ..self.authenticate_jwt(session_jwt)
        }
    }
}

#[cfg(feature = "consumer")]
impl<C: DeserializeOwned + Send + 'static> AuthenticateJwt<'_, C> {
    /// Runs the authentication. The same as `.await`ing the builder.
    pub async fn send(self) -> Result<AuthenticatedSession<C>, Error> {
        let local = self.local().await;
        settle(local, self.local_only, self.remote()).await
    }

    async fn local(&self) -> Result<AuthenticatedSession<C>, LocalFailure> {
        let max_age = self.max_token_age.unwrap_or(DEFAULT_MAX_TOKEN_AGE);
        let (registered, mut claims) = verify(
            self.core,
            &self.session_jwt,
            TokenType::SessionJwt,
            Some(max_age),
            self.clock_tolerance,
        )
        .await?;
        let session: SessionClaim = take_claim(&mut claims, SESSION_CLAIM)?;
        if let Some(check) = &self.authorization_check {
            let rbac = crate::consumer::rbac::Rbac::new(self.core);
            match rbac.authorize_user(&session.roles, check).await {
                Ok(_) => {}
                Err(Error::Forbidden(denied)) => return Err(LocalFailure::Forbidden(denied)),
                Err(unavailable) => return Err(LocalFailure::PolicyUnavailable(unavailable)),
            }
        }
        let custom = Value::Object(claims);
        Ok(AuthenticatedSession {
            custom_claims: custom_claims(Some(custom.clone()))?,
            session: Session {
                session_id: session.id,
                user_id: registered.sub,
                authentication_factors: session.authentication_factors,
                roles: session.roles,
                started_at: session.started_at,
                last_accessed_at: session.last_accessed_at,
                expires_at: session.expires_at,
                attributes: session.attributes,
                custom_claims: Some(custom),
            },
            session_jwt: None,
            verified_by: VerifiedBy::Local,
        })
    }

    async fn remote(self) -> Result<AuthenticatedSession<C>, Error> {
        let mut request = crate::consumer::sessions::AuthenticateRequest::new();
        request.session_jwt = Some(self.session_jwt);
        let asked = self.authorization_check.is_some();
        request.authorization_check = self.authorization_check;
        let response = crate::Call::new(&self.core.transport, request)
            .send()
            .await
            .map_err(session_refusal)?;
        if asked {
            confirmed(response.verdict.as_ref())?;
        }
        let custom_claims = custom_claims(response.session.custom_claims.clone())
            .map_err(Error::Unauthenticated)?;
        Ok(AuthenticatedSession {
            session: response.session,
            custom_claims,
            session_jwt: response.session_jwt,
            verified_by: VerifiedBy::Stytch,
        })
    }
}

#[cfg(feature = "b2b")]
impl<C: DeserializeOwned + Send + 'static> AuthenticateMemberJwt<'_, C> {
    /// Runs the authentication. The same as `.await`ing the builder.
    pub async fn send(self) -> Result<AuthenticatedMemberSession<C>, Error> {
        let local = self.local().await;
        settle(local, self.local_only, self.remote()).await
    }

    async fn local(&self) -> Result<AuthenticatedMemberSession<C>, LocalFailure> {
        let max_age = self.max_token_age.unwrap_or(DEFAULT_MAX_TOKEN_AGE);
        let (registered, mut claims) = verify(
            self.core,
            &self.session_jwt,
            TokenType::SessionJwt,
            Some(max_age),
            self.clock_tolerance,
        )
        .await?;
        let session: SessionClaim = take_claim(&mut claims, SESSION_CLAIM)?;
        let organization: OrganizationClaim = take_claim(&mut claims, ORGANIZATION_CLAIM)?;
        if let Some(check) = &self.authorization_check {
            // Tenancy first (it needs nothing but the token), then the roles against the
            // project policy and the organization's own roles.
            let rbac = crate::b2b::rbac::Rbac::new(self.core);
            match rbac
                .authorize_member(&organization.organization_id, &session.roles, check)
                .await
            {
                Ok(_) => {}
                Err(Error::Forbidden(denied)) => return Err(LocalFailure::Forbidden(denied)),
                Err(unavailable) => return Err(LocalFailure::PolicyUnavailable(unavailable)),
            }
        }
        let custom = Value::Object(claims);
        let timestamp = |t: Option<Timestamp>| t.unwrap_or_default();
        Ok(AuthenticatedMemberSession {
            custom_claims: custom_claims(Some(custom.clone()))?,
            member_session: MemberSession {
                member_session_id: session.id,
                member_id: registered.sub,
                started_at: timestamp(session.started_at),
                last_accessed_at: timestamp(session.last_accessed_at),
                expires_at: timestamp(session.expires_at),
                authentication_factors: session.authentication_factors,
                organization_id: organization.organization_id,
                roles: session.roles,
                organization_slug: organization.slug,
                custom_claims: Some(custom),
            },
            session_jwt: None,
            verified_by: VerifiedBy::Local,
        })
    }

    async fn remote(self) -> Result<AuthenticatedMemberSession<C>, Error> {
        let mut request = crate::b2b::sessions::AuthenticateRequest::new();
        request.session_jwt = Some(self.session_jwt);
        let asked = self.authorization_check.is_some();
        request.authorization_check = self.authorization_check;
        let response = crate::Call::new(&self.core.transport, request)
            .send()
            .await
            .map_err(session_refusal)?;
        if asked {
            confirmed(response.verdict.as_ref())?;
        }
        let custom_claims = custom_claims(response.member_session.custom_claims.clone())
            .map_err(Error::Unauthenticated)?;
        Ok(AuthenticatedMemberSession {
            member_session: response.member_session,
            custom_claims,
            session_jwt: response.session_jwt,
            verified_by: VerifiedBy::Stytch,
        })
    }
}

/// Stytch's answers that mean the session JWT is no good, as token errors (401): the session
/// ended (expired, revoked or unknown, all `session_not_found`), or the JWT was refused.
fn session_refusal(error: Error) -> Error {
    const REFUSALS: &[&str] = &[
        "invalid_session_token",
        "unable_to_parse_session_jwt",
        "jwt_invalid_audience",
        "jwt_invalid_issuer",
        "jwt_invalid_claims",
    ];
    match error.error_type() {
        Some("session_not_found") => Error::Unauthenticated(TokenError::SessionNotFound),
        Some(other) if REFUSALS.contains(&other) => {
            Error::Unauthenticated(TokenError::RefusedByStytch(other.to_owned()))
        }
        _ => error,
    }
}

/// An allow from Stytch counts only when its verdict says so: `authorized`, with the roles
/// that grant it. A 200 without one is a refusal.
fn confirmed(verdict: Option<&crate::models::AuthorizationVerdict>) -> Result<(), Error> {
    match verdict {
        Some(verdict) if verdict.authorized && !verdict.granting_roles.is_empty() => Ok(()),
        _ => Err(Error::Forbidden(crate::AuthorizationError::NotConfirmed)),
    }
}

/// Turns the local outcome into the answer, asking Stytch (`remote`) only where the rules
/// say a token cannot be judged locally; `remote` is never polled otherwise.
async fn settle<T>(
    local: Result<T, LocalFailure>,
    local_only: bool,
    remote: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    match local {
        Ok(session) => Ok(session),
        Err(LocalFailure::Forbidden(error)) => Err(Error::Forbidden(error)),
        Err(LocalFailure::KeysUnavailable(cause)) => Err(Error::KeysUnavailable(cause)),
        Err(LocalFailure::Token(error)) if local_only || !ask_stytch(&error) => {
            Err(Error::Unauthenticated(error))
        }
        Err(LocalFailure::PolicyUnavailable(error)) if local_only => Err(error),
        Err(LocalFailure::Token(_) | LocalFailure::PolicyUnavailable(_)) => remote.await,
    }
}

enum LocalFailure {
    Token(TokenError),
    KeysUnavailable(Option<Arc<Error>>),
    Forbidden(crate::AuthorizationError),
    /// The token is valid, but the RBAC policy for the authorization check could not be had.
    PolicyUnavailable(Error),
}

impl From<TokenError> for LocalFailure {
    fn from(error: TokenError) -> Self {
        LocalFailure::Token(error)
    }
}

impl From<Rejection> for LocalFailure {
    fn from(rejection: Rejection) -> Self {
        match rejection {
            Rejection::Token(error) => LocalFailure::Token(error),
            Rejection::KeysUnavailable(cause) => LocalFailure::KeysUnavailable(cause),
        }
    }
}

#[cfg(feature = "consumer")]
impl<'c, C: DeserializeOwned + Send + 'static> IntoFuture for AuthenticateJwt<'c, C> {
    type Output = Result<AuthenticatedSession<C>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

#[cfg(feature = "b2b")]
impl<'c, C: DeserializeOwned + Send + 'static> IntoFuture for AuthenticateMemberJwt<'c, C> {
    type Output = Result<AuthenticatedMemberSession<C>, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
