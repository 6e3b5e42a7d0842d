//! `M2mCaller`: a service calling with an M2M access token.

use crate::config::StytchAuth;
use crate::rejection::{Rejection, RejectionKind};
use crate::token;
use axum::extract::{FromRef, FromRequestParts};
use axum::response::Response;
use http::request::Parts;
use std::marker::PhantomData;
use std::ops::Deref;
use stytch::jwt::Claims;

/// A service that called with a valid M2M access token (`Authorization: Bearer ...`).
///
/// ```no_run
/// async fn orders(caller: stytch_axum::M2mCaller) -> String {
///     format!("{} may {:?}", caller.client_id, caller.scopes)
/// }
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct M2mCaller {
    /// The M2M client the token was issued to.
    pub client_id: String,
    /// The scopes the token grants.
    pub scopes: Vec<String>,
    /// The token's other claims.
    pub custom_claims: Claims,
}

/// Scopes a route requires of its M2M caller. Declare them with [`scopes!`](crate::scopes!).
pub trait Scopes: Send + Sync + 'static {
    /// Each `action:resource`; a granted `action:*` covers any resource.
    const SCOPES: &'static [&'static str];
}

/// Declares a [`Scopes`] type to name in a handler's signature.
///
/// ```
/// stytch_axum::scopes!(pub ReadOrders = ["read:orders"]);
/// ```
#[macro_export]
macro_rules! scopes {
    ($(#[$meta:meta])* $vis:vis $name:ident = [$($scope:literal),* $(,)?]) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name;
        impl $crate::Scopes for $name {
            const SCOPES: &'static [&'static str] = &[$($scope),*];
        }
    };
}

/// An [`M2mCaller`] whose token grants the scopes `S` (403 otherwise); derefs to it.
///
/// ```no_run
/// stytch_axum::scopes!(pub WriteOrders = ["write:orders"]);
///
/// async fn place(caller: stytch_axum::M2mScoped<WriteOrders>) -> String {
///     caller.client_id.clone()
/// }
/// ```
#[derive(Clone, Debug)]
pub struct M2mScoped<S> {
    pub caller: M2mCaller,
    scopes: PhantomData<fn() -> S>,
}

impl<S> Deref for M2mScoped<S> {
    type Target = M2mCaller;
    fn deref(&self) -> &M2mCaller {
        &self.caller
    }
}

impl StytchAuth {
    /// Verifies the request's M2M bearer token and the scopes it must grant.
    pub(crate) async fn verify_m2m(
        &self,
        parts: &Parts,
        required: &[&str],
    ) -> Result<M2mCaller, Rejection> {
        let token = token::bearer(&parts.headers)
            .ok()
            .flatten()
            .ok_or_else(|| Rejection::new(RejectionKind::Unauthenticated))?;
        let m2m = match (&self.inner.consumer, &self.inner.b2b) {
            (Some(client), _) => client.m2m(),
            (None, Some(client)) => client.m2m(),
            (None, None) => {
                tracing::error!("an M2M caller was asked for, but StytchAuth has no client");
                return Err(Rejection::new(RejectionKind::Internal));
            }
        };
        let mut call = m2m
            .authenticate_token(token)
            .required_scopes(required.iter().copied());
        if let Some(age) = self.inner.max_token_age {
            call = call.max_token_age(age);
        }
        if let Some(tolerance) = self.inner.clock_tolerance {
            call = call.clock_tolerance(tolerance);
        }
        let verified = call.await.map_err(Rejection::from_error)?;
        Ok(M2mCaller {
            client_id: verified.client_id,
            scopes: verified.scopes,
            custom_claims: verified.custom_claims,
        })
    }

    /// The M2M caller of this request: the one a layer verified (checking `required` again),
    /// or verified now.
    pub(crate) async fn m2m(
        &self,
        parts: &Parts,
        required: &[&str],
    ) -> Result<M2mCaller, Rejection> {
        match parts.extensions.get::<M2mCaller>() {
            Some(caller) => {
                let required: Vec<String> = required.iter().map(|s| (*s).to_owned()).collect();
                stytch::rbac::check_scopes(&caller.scopes, &required)
                    .map_err(|e| Rejection::from_error(stytch::Error::Forbidden(e)))?;
                Ok(caller.clone())
            }
            None => self.verify_m2m(parts, required).await,
        }
    }
}

impl<S> FromRequestParts<S> for M2mCaller
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        auth.m2m(parts, &[]).await.map_err(|r| auth.reject(r))
    }
}

impl<S, R> FromRequestParts<S> for M2mScoped<R>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    R: Scopes,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        match auth.m2m(parts, R::SCOPES).await {
            Ok(caller) => Ok(M2mScoped {
                caller,
                scopes: PhantomData,
            }),
            Err(rejection) => Err(auth.reject(rejection)),
        }
    }
}
