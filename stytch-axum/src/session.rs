//! `Session` and `MemberSession`: a verified session JWT, as an extractor.

use crate::config::StytchAuth;
use crate::rejection::{Rejection, RejectionKind};
use crate::token;
use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum::response::Response;
use http::request::Parts;
use serde::de::DeserializeOwned;
use std::sync::{Arc, Mutex};
use stytch::jwt::{Claims, VerifiedBy};
use stytch::Timestamp;

/// A consumer session whose JWT verified: from the cookie (`stytch_session_jwt` by default) or
/// `Authorization: Bearer`. `C` receives the session's custom claims.
///
/// ```no_run
/// use stytch_axum::Session;
///
/// async fn me(session: Session) -> String {
///     format!("hello {}", session.session.user_id)
/// }
///
/// #[derive(serde::Deserialize)]
/// struct Plan { plan: String }
///
/// async fn plan(session: Session<Plan>) -> String {
///     session.custom_claims.plan
/// }
/// ```
///
/// `Option<Session>` serves routes where signing in is optional: no token, or one that does
/// not verify, gives `None`.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Session<C = Claims> {
    pub session: stytch::consumer::sessions::Session,
    pub custom_claims: C,
    /// Whether the JWT was checked locally or by asking Stytch.
    pub verified_by: VerifiedBy,
}

/// A B2B member session whose JWT verified, read like [`Session`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MemberSession<C = Claims> {
    pub member_session: stytch::b2b::sessions::MemberSession,
    pub custom_claims: C,
    pub verified_by: VerifiedBy,
}

/// A JWT that Stytch refreshed, and when its session expires.
pub(crate) type Refreshed = (String, Option<Timestamp>);

/// Where the layer collects a JWT that Stytch refreshed, to set it as a cookie on the way out.
#[derive(Clone, Default)]
pub(crate) struct RefreshSlot(pub(crate) Arc<Mutex<Option<Refreshed>>>);

impl RefreshSlot {
    fn fill(&self, jwt: String, expires_at: Option<Timestamp>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some((jwt, expires_at));
    }
}

/// A request's session credential.
enum Credential<'p> {
    Jwt(&'p str),
    /// The opaque session token, from its cookie.
    Token(&'p str),
}

/// Hands a JWT Stytch issued to the layer, if one listens, to set as the cookie.
fn refresh(parts: &Parts, jwt: Option<String>, expires_at: Option<Timestamp>) {
    if let (Some(jwt), Some(slot)) = (jwt, parts.extensions.get::<RefreshSlot>()) {
        slot.fill(jwt, expires_at);
    }
}

/// Custom claims from a session Stytch returned.
fn claims_value<C: DeserializeOwned>(claims: Option<&serde_json::Value>) -> Result<C, Rejection> {
    let empty = serde_json::Value::Object(Claims::new());
    serde_json::from_value(claims.unwrap_or(&empty).clone()).map_err(|_| {
        Rejection::from_error(stytch::Error::Unauthenticated(
            stytch::TokenError::Malformed("custom claims"),
        ))
    })
}

fn claims_into<C: DeserializeOwned>(claims: &Claims) -> Result<C, Rejection> {
    serde_json::from_value(serde_json::Value::Object(claims.clone())).map_err(|_| {
        Rejection::from_error(stytch::Error::Unauthenticated(
            stytch::TokenError::Malformed("custom claims"),
        ))
    })
}

impl StytchAuth {
    fn consumer_client(&self) -> Result<&stytch::consumer::Client, Rejection> {
        self.inner.consumer.as_ref().ok_or_else(|| {
            tracing::error!(
                "a consumer session was asked for, but StytchAuth has no consumer client"
            );
            Rejection::new(RejectionKind::Internal)
        })
    }

    fn b2b_client(&self) -> Result<&stytch::b2b::Client, Rejection> {
        self.inner.b2b.as_ref().ok_or_else(|| {
            tracing::error!("a member session was asked for, but StytchAuth has no B2B client");
            Rejection::new(RejectionKind::Internal)
        })
    }

    /// The request's session credential: its JWT, or else (unless local-only) its opaque
    /// session token's cookie.
    fn credential<'p>(&self, parts: &'p Parts) -> Result<Credential<'p>, Rejection> {
        let unauthenticated = || Rejection::new(RejectionKind::Unauthenticated);
        let inner = &self.inner;
        if let Some(jwt) = token::session_jwt(&parts.headers, &inner.cookie_name, inner.read_bearer)
            .map_err(|_| unauthenticated())?
        {
            return Ok(Credential::Jwt(jwt));
        }
        match &inner.token_cookie_name {
            Some(name) if !inner.local_only => token::cookie(&parts.headers, name)
                .map_err(|_| unauthenticated())?
                .map(Credential::Token)
                .ok_or_else(unauthenticated),
            _ => Err(unauthenticated()),
        }
    }

    /// Verifies the request's consumer session JWT (or session token).
    pub(crate) async fn verify_session<C>(&self, parts: &Parts) -> Result<Session<C>, Rejection>
    where
        C: DeserializeOwned + Send + 'static,
    {
        let client = self.consumer_client()?;
        let jwt = match self.credential(parts)? {
            Credential::Jwt(jwt) => jwt,
            Credential::Token(token) => {
                let response = client
                    .sessions()
                    .authenticate()
                    .session_token(token)
                    .await
                    .map_err(Rejection::from_error)?;
                let custom_claims = claims_value(response.session.custom_claims.as_ref())?;
                refresh(parts, response.session_jwt, response.session.expires_at);
                return Ok(Session {
                    session: response.session,
                    custom_claims,
                    verified_by: VerifiedBy::Stytch,
                });
            }
        };
        let inner = &self.inner;
        let mut call = if inner.local_only {
            client.sessions().authenticate_jwt_local(jwt)
        } else {
            client.sessions().authenticate_jwt(jwt)
        };
        if let Some(age) = inner.max_token_age {
            call = call.max_token_age(age);
        }
        if let Some(tolerance) = inner.clock_tolerance {
            call = call.clock_tolerance(tolerance);
        }
        let auth = call
            .custom_claims::<C>()
            .await
            .map_err(Rejection::from_error)?;
        refresh(parts, auth.session_jwt, auth.session.expires_at);
        Ok(Session {
            session: auth.session,
            custom_claims: auth.custom_claims,
            verified_by: auth.verified_by,
        })
    }

    /// Verifies the request's member session JWT (or session token).
    pub(crate) async fn verify_member<C>(
        &self,
        parts: &Parts,
    ) -> Result<MemberSession<C>, Rejection>
    where
        C: DeserializeOwned + Send + 'static,
    {
        let client = self.b2b_client()?;
        let jwt = match self.credential(parts)? {
            Credential::Jwt(jwt) => jwt,
            Credential::Token(token) => {
                let response = client
                    .sessions()
                    .authenticate()
                    .session_token(token)
                    .await
                    .map_err(Rejection::from_error)?;
                let session = response.member_session;
                let custom_claims = claims_value(session.custom_claims.as_ref())?;
                refresh(parts, response.session_jwt, Some(session.expires_at));
                return Ok(MemberSession {
                    member_session: session,
                    custom_claims,
                    verified_by: VerifiedBy::Stytch,
                });
            }
        };
        let inner = &self.inner;
        let mut call = if inner.local_only {
            client.sessions().authenticate_jwt_local(jwt)
        } else {
            client.sessions().authenticate_jwt(jwt)
        };
        if let Some(age) = inner.max_token_age {
            call = call.max_token_age(age);
        }
        if let Some(tolerance) = inner.clock_tolerance {
            call = call.clock_tolerance(tolerance);
        }
        let auth = call
            .custom_claims::<C>()
            .await
            .map_err(Rejection::from_error)?;
        refresh(
            parts,
            auth.session_jwt,
            Some(auth.member_session.expires_at),
        );
        Ok(MemberSession {
            member_session: auth.member_session,
            custom_claims: auth.custom_claims,
            verified_by: auth.verified_by,
        })
    }

    /// The consumer session of this request: the one a layer verified, or verified now.
    pub(crate) async fn session<C>(&self, parts: &Parts) -> Result<Session<C>, Rejection>
    where
        C: DeserializeOwned + Send + 'static,
    {
        match parts.extensions.get::<Session<Claims>>() {
            Some(verified) => Ok(Session {
                session: verified.session.clone(),
                custom_claims: claims_into(&verified.custom_claims)?,
                verified_by: verified.verified_by,
            }),
            None => self.verify_session(parts).await,
        }
    }

    /// The member session of this request: the one a layer verified, or verified now.
    pub(crate) async fn member<C>(&self, parts: &Parts) -> Result<MemberSession<C>, Rejection>
    where
        C: DeserializeOwned + Send + 'static,
    {
        match parts.extensions.get::<MemberSession<Claims>>() {
            Some(verified) => Ok(MemberSession {
                member_session: verified.member_session.clone(),
                custom_claims: claims_into(&verified.custom_claims)?,
                verified_by: verified.verified_by,
            }),
            None => self.verify_member(parts).await,
        }
    }
}

/// Turns an optional extractor's refusal into `None` when it only means "not signed in".
fn optional<T>(result: Result<T, Rejection>) -> Result<Option<T>, Rejection> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(rejection) if rejection.kind() == RejectionKind::Unauthenticated => Ok(None),
        Err(rejection) => Err(rejection),
    }
}

impl<S, C> FromRequestParts<S> for Session<C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        auth.session(parts).await.map_err(|r| auth.reject(r))
    }
}

impl<S, C> OptionalFromRequestParts<S> for Session<C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, Response> {
        let auth = StytchAuth::from_ref(state);
        optional(auth.session(parts).await).map_err(|r| auth.reject(r))
    }
}

impl<S, C> FromRequestParts<S> for MemberSession<C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        auth.member(parts).await.map_err(|r| auth.reject(r))
    }
}

impl<S, C> OptionalFromRequestParts<S> for MemberSession<C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Option<Self>, Response> {
        let auth = StytchAuth::from_ref(state);
        optional(auth.member(parts).await).map_err(|r| auth.reject(r))
    }
}
