//! Access tokens verified locally: M2M client tokens and connected-app (IdP) access tokens.
//!
//! Both are RS256 JWTs signed with the project's keys, so they go through the same key cache
//! and claims policy as session JWTs; what differs is what they carry (a client and its
//! scopes) and that there is no session endpoint to fall back to.

use super::token::ORGANIZATION_CLAIM;
use super::{custom_claims, verify, Claims, DEFAULT_CLOCK_TOLERANCE};
use crate::client_core::ClientCore;
use crate::rbac::{check_scopes, split_scopes};
use crate::{Error, TokenError, TokenType};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::time::Duration;

/// An M2M access token that passed `authenticate_token`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AuthenticatedM2mToken<C = Claims> {
    /// The M2M client the token was issued to (its `sub`).
    pub client_id: String,
    /// The scopes the token grants.
    pub scopes: Vec<String>,
    /// Claims beyond the registered ones and `scope`, decoded into the caller's type.
    pub custom_claims: C,
}

/// A connected-app access token that passed local introspection.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct IntrospectedAccessToken<C = Claims> {
    /// The user or member the token acts for.
    pub subject: String,
    pub scopes: Vec<String>,
    /// The connected-app client it was issued to.
    pub client_id: String,
    /// B2B: the organization of the member the token acts for (`organization_id` of the
    /// `https://stytch.com/organization` claim, which stays among the custom claims too).
    pub organization_id: Option<String>,
    pub audience: Vec<String>,
    pub issuer: String,
    /// Unix time.
    pub issued_at: i64,
    /// Unix time.
    pub expires_at: i64,
    pub custom_claims: C,
}

/// Builder for `m2m().authenticate_token(...)` and `idp().introspect_access_token_local(...)`;
/// `.await` it.
///
/// `A` is the authorization check that introspection can run against the token's scopes: the
/// consumer or B2B `AuthorizationCheck`, matching the client. M2M tokens take none.
#[must_use = "verification does nothing until it is awaited"]
pub struct VerifyAccessToken<'c, Out, C = Claims, A = NoScopeCheck> {
    core: &'c ClientCore,
    token: String,
    required_scopes: Vec<String>,
    authorization_check: Option<A>,
    max_token_age: Option<Duration>,
    clock_tolerance: Duration,
    output: PhantomData<fn() -> (Out, C)>,
}

/// A check that a token's scopes must pass against the project's RBAC policy, run by
/// [`VerifyAccessToken::authorization_check`]: the consumer and B2B `AuthorizationCheck`s.
#[doc(hidden)]
pub trait ScopeCheck: Send + Sync + 'static {
    /// Decides with the policy from the client's cache; `organization_id` is the token's.
    fn authorize<'a>(
        &'a self,
        core: &'a ClientCore,
        token_scopes: &'a [String],
        organization_id: Option<&'a str>,
    ) -> impl Future<Output = Result<(), Error>> + Send + 'a;
}

/// The check type of builders that take none (M2M tokens); it has no values.
#[doc(hidden)]
#[derive(Debug)]
pub enum NoScopeCheck {}

impl ScopeCheck for NoScopeCheck {
    async fn authorize(&self, _: &ClientCore, _: &[String], _: Option<&str>) -> Result<(), Error> {
        match *self {}
    }
}

#[cfg(feature = "consumer")]
impl ScopeCheck for crate::consumer::sessions::AuthorizationCheck {
    async fn authorize(
        &self,
        core: &ClientCore,
        token_scopes: &[String],
        _: Option<&str>,
    ) -> Result<(), Error> {
        let rbac = crate::consumer::rbac::Rbac::new(core);
        rbac.authorize_scopes(token_scopes, self).await.map(drop)
    }
}

#[cfg(feature = "b2b")]
impl ScopeCheck for crate::b2b::sessions::AuthorizationCheck {
    /// A token without an organization fails the tenancy check (an empty id never matches).
    async fn authorize(
        &self,
        core: &ClientCore,
        token_scopes: &[String],
        organization_id: Option<&str>,
    ) -> Result<(), Error> {
        let rbac = crate::b2b::rbac::Rbac::new(core);
        let organization_id = organization_id.unwrap_or_default();
        rbac.authorize_scopes(organization_id, token_scopes, self)
            .await
            .map(drop)
    }
}

/// The two results a [`VerifyAccessToken`] can build.
pub trait AccessTokenOutput<C>: Sized {
    /// The only kind of token this result is built from.
    #[doc(hidden)]
    const TOKEN_TYPE: TokenType;
    #[doc(hidden)]
    fn build(verified: Verified, custom_claims: C) -> Self;
}

/// What verification established, handed to [`AccessTokenOutput::build`].
#[doc(hidden)]
pub struct Verified {
    subject: String,
    scopes: Vec<String>,
    client_id: String,
    organization_id: Option<String>,
    audience: Vec<String>,
    issuer: String,
    issued_at: i64,
    expires_at: i64,
}

impl<C> AccessTokenOutput<C> for AuthenticatedM2mToken<C> {
    const TOKEN_TYPE: TokenType = TokenType::M2mAccessToken;

    fn build(verified: Verified, custom_claims: C) -> Self {
        AuthenticatedM2mToken {
            client_id: verified.subject,
            scopes: verified.scopes,
            custom_claims,
        }
    }
}

impl<C> AccessTokenOutput<C> for IntrospectedAccessToken<C> {
    const TOKEN_TYPE: TokenType = TokenType::ConnectedAppAccessToken;

    fn build(verified: Verified, custom_claims: C) -> Self {
        IntrospectedAccessToken {
            subject: verified.subject,
            scopes: verified.scopes,
            client_id: verified.client_id,
            organization_id: verified.organization_id,
            audience: verified.audience,
            issuer: verified.issuer,
            issued_at: verified.issued_at,
            expires_at: verified.expires_at,
            custom_claims,
        }
    }
}

impl<'c, Out: AccessTokenOutput<C>, C: DeserializeOwned, A: ScopeCheck>
    VerifyAccessToken<'c, Out, C, A>
{
    fn new(core: &'c ClientCore, token: String) -> Self {
        VerifyAccessToken {
            core,
            token,
            required_scopes: Vec::new(),
            authorization_check: None,
            max_token_age: None,
            clock_tolerance: DEFAULT_CLOCK_TOLERANCE,
            output: PhantomData,
        }
    }

    /// Scopes the token must grant (`action:resource`; a granted `action:*` covers any
    /// resource for that action). Missing ones fail with
    /// [`AuthorizationError::MissingScopes`](crate::AuthorizationError::MissingScopes).
    pub fn required_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.required_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Refuses tokens issued longer ago than this (default: only `exp` limits them).
    pub fn max_token_age(mut self, age: Duration) -> Self {
        self.max_token_age = Some(age);
        self
    }

    /// Allowed clock difference for `exp`, `nbf` and `iat`. Default:
    /// [`DEFAULT_CLOCK_TOLERANCE`](super::DEFAULT_CLOCK_TOLERANCE).
    pub fn clock_tolerance(mut self, tolerance: Duration) -> Self {
        self.clock_tolerance = tolerance;
        self
    }

    /// Decodes the token's custom claims into `T` instead of a JSON map.
    pub fn custom_claims<T: DeserializeOwned>(self) -> VerifyAccessToken<'c, Out::With<T>, T, A>
    where
        Out: Retype,
        Out::With<T>: AccessTokenOutput<T>,
    {
        VerifyAccessToken {
            core: self.core,
            token: self.token,
            required_scopes: self.required_scopes,
            authorization_check: self.authorization_check,
            max_token_age: self.max_token_age,
            clock_tolerance: self.clock_tolerance,
            output: PhantomData,
        }
    }

    /// Runs the verification. The same as `.await`ing the builder.
    pub async fn send(self) -> Result<Out, Error> {
        let (registered, mut claims) = verify(
            self.core,
            &self.token,
            Out::TOKEN_TYPE,
            self.max_token_age,
            self.clock_tolerance,
        )
        .await?;
        let scopes = match claims.remove("scope") {
            Some(Value::String(scope)) => split_scopes(&scope),
            None | Some(Value::Null) => Vec::new(),
            Some(_) => return Err(Error::Unauthenticated(TokenError::Malformed("scope"))),
        };
        check_scopes(&scopes, &self.required_scopes).map_err(Error::Forbidden)?;
        // `check_type` made sure a connected-app token names its client; M2M tokens need not.
        let client_id = match claims.remove("client_id") {
            Some(Value::String(id)) => id,
            _ => String::new(),
        };
        let organization_id = claims
            .get(ORGANIZATION_CLAIM)
            .and_then(|claim| claim.get("organization_id"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let custom = custom_claims(Some(Value::Object(claims))).map_err(Error::Unauthenticated)?;
        // Last: every reason to refuse the token itself (401) comes before a 403.
        if let Some(check) = &self.authorization_check {
            (check.authorize(self.core, &scopes, organization_id.as_deref())).await?;
        }
        let verified = Verified {
            subject: registered.sub,
            scopes,
            client_id,
            organization_id,
            audience: registered.aud,
            issuer: registered.iss,
            issued_at: registered.iat,
            expires_at: registered.exp,
        };
        Ok(Out::build(verified, custom))
    }
}

impl<C, A: ScopeCheck> VerifyAccessToken<'_, IntrospectedAccessToken<C>, C, A> {
    /// Requires the token's scopes to allow an action, decided locally against the `scopes`
    /// section of the project's RBAC policy (cached by the client, fetched when stale), as
    /// [`authorize_scopes`](crate::rbac::authorize_scopes) describes. The check is the
    /// client's `AuthorizationCheck`; for B2B, the token's organization must be the check's
    /// (else [`AuthorizationError::TenancyMismatch`](crate::AuthorizationError::TenancyMismatch),
    /// before the policy is looked at). A refusal is
    /// [`Error::Forbidden`]; it comes after every check of the token itself, so a bad token
    /// is still [`Error::Unauthenticated`].
    pub fn authorization_check(mut self, check: A) -> Self {
        self.authorization_check = Some(check);
        self
    }
}

/// Swaps the custom-claims type of a result type.
#[doc(hidden)]
pub trait Retype {
    type With<T>;
}

impl<C> Retype for AuthenticatedM2mToken<C> {
    type With<T> = AuthenticatedM2mToken<T>;
}

impl<C> Retype for IntrospectedAccessToken<C> {
    type With<T> = IntrospectedAccessToken<T>;
}

impl<'c, Out, C, A> IntoFuture for VerifyAccessToken<'c, Out, C, A>
where
    Out: AccessTokenOutput<C> + Send + 'static,
    C: DeserializeOwned + Send + 'static,
    A: ScopeCheck,
{
    type Output = Result<Out, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'c>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<Out, C, A: fmt::Debug> fmt::Debug for VerifyAccessToken<'_, Out, C, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyAccessToken")
            .field("token", &crate::wire::Redacted)
            .field("required_scopes", &self.required_scopes)
            .field("authorization_check", &self.authorization_check)
            .field("max_token_age", &self.max_token_age)
            .field("clock_tolerance", &self.clock_tolerance)
            .finish()
    }
}

impl<'c> crate::consumer::m2m::M2m<'c> {
    /// Verifies an M2M access token locally (signature, issuer, audience, expiry) and checks
    /// the scopes it grants; only the project's signing keys are fetched.
    ///
    /// ```no_run
    /// # async fn run(client: stytch::consumer::Client, token: &str) -> Result<(), stytch::Error> {
    /// let caller = client.m2m().authenticate_token(token).required_scopes(["read:users"]).await?;
    /// println!("request from M2M client {}", caller.client_id);
    /// # Ok(()) }
    /// ```
    pub fn authenticate_token(
        &self,
        access_token: impl Into<String>,
    ) -> VerifyAccessToken<'c, AuthenticatedM2mToken> {
        VerifyAccessToken::new(self.core(), access_token.into())
    }
}

#[cfg(feature = "consumer")]
impl<'c> crate::consumer::idp::Idp<'c> {
    /// Introspects a connected-app access token locally: no call to Stytch beyond fetching the
    /// project's signing keys (and the RBAC policy, for an
    /// [`authorization_check`](VerifyAccessToken::authorization_check)).
    ///
    /// ```no_run
    /// use stytch::consumer::sessions::AuthorizationCheck;
    ///
    /// # async fn run(client: stytch::consumer::Client, bearer: &str) -> Result<(), stytch::Error> {
    /// let token = client
    ///     .idp()
    ///     .introspect_access_token_local(bearer)
    ///     .authorization_check(AuthorizationCheck::new("documents", "read"))
    ///     .await?;
    /// println!("{} reads documents for user {}", token.client_id, token.subject);
    /// # Ok(()) }
    /// ```
    pub fn introspect_access_token_local(
        &self,
        access_token: impl Into<String>,
    ) -> VerifyAccessToken<
        'c,
        IntrospectedAccessToken,
        Claims,
        crate::consumer::sessions::AuthorizationCheck,
    > {
        VerifyAccessToken::new(self.core(), access_token.into())
    }
}

#[cfg(feature = "b2b")]
impl<'c> crate::b2b::idp::Idp<'c> {
    /// Introspects a connected-app access token locally: no call to Stytch beyond fetching the
    /// project's signing keys (and the RBAC policy, for an
    /// [`authorization_check`](VerifyAccessToken::authorization_check)).
    ///
    /// ```no_run
    /// use stytch::b2b::sessions::AuthorizationCheck;
    ///
    /// # async fn run(client: stytch::b2b::Client, bearer: &str, org: &str) -> Result<(), stytch::Error> {
    /// // `org` is the organization the request is about, e.g. from the URL.
    /// let token = client
    ///     .idp()
    ///     .introspect_access_token_local(bearer)
    ///     .authorization_check(AuthorizationCheck::new(org, "documents", "read"))
    ///     .await?;
    /// println!("{} reads documents for member {}", token.client_id, token.subject);
    /// # Ok(()) }
    /// ```
    pub fn introspect_access_token_local(
        &self,
        access_token: impl Into<String>,
    ) -> VerifyAccessToken<
        'c,
        IntrospectedAccessToken,
        Claims,
        crate::b2b::sessions::AuthorizationCheck,
    > {
        VerifyAccessToken::new(self.core(), access_token.into())
    }
}
