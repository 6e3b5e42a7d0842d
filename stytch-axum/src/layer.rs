//! A tower layer that authenticates (and authorizes) every request of a service, and writes
//! refreshed session JWTs back as cookies.

use crate::config::StytchAuth;
use crate::m2m::Scopes;
use crate::permission::{requested_organization, OrganizationFrom, Permission};
use crate::rejection::Rejection;
use crate::session::{MemberSession, RefreshSlot, Session};
use axum::body::{Body, Bytes, HttpBody};
use axum::BoxError;
use http::header::{HeaderValue, SET_COOKIE};
use http::{Request, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use stytch::jwt::Claims;

#[derive(Clone, Debug)]
enum Requirement {
    /// Nothing checked; refreshed JWTs from extractors are written back.
    Nothing,
    Session,
    Member,
    Permission {
        resource: &'static str,
        action: &'static str,
    },
    MemberPermission {
        resource: &'static str,
        action: &'static str,
        organization: OrganizationFrom,
    },
    M2m(Arc<[&'static str]>),
}

/// Authenticates every request before the service it wraps sees it: build one with
/// [`StytchAuth::require_session`] and its siblings. The verified identity goes into the
/// request's extensions ([`Session`], [`MemberSession`] or
/// [`M2mCaller`](crate::M2mCaller), custom claims as a JSON map), where the extractors find it
/// without verifying again. A JWT that Stytch refreshed on the way is set in the session
/// cookie of the response. Any tower service with an `http` body works, not only axum's.
#[derive(Clone, Debug)]
pub struct AuthLayer {
    auth: StytchAuth,
    requirement: Requirement,
}

impl StytchAuth {
    fn layer_with(&self, requirement: Requirement) -> AuthLayer {
        AuthLayer {
            auth: self.clone(),
            requirement,
        }
    }

    /// Checks nothing, and writes back the JWTs that the extractors below it had refreshed:
    /// put it around a router whose handlers use [`Session`] or [`MemberSession`].
    pub fn cookie_layer(&self) -> AuthLayer {
        self.layer_with(Requirement::Nothing)
    }

    /// Requires a valid consumer session.
    pub fn require_session(&self) -> AuthLayer {
        self.layer_with(Requirement::Session)
    }

    /// Requires a valid member session.
    pub fn require_member(&self) -> AuthLayer {
        self.layer_with(Requirement::Member)
    }

    /// Requires a consumer session whose roles grant `P`.
    pub fn require_permission<P: Permission>(&self) -> AuthLayer {
        self.layer_with(Requirement::Permission {
            resource: P::RESOURCE,
            action: P::ACTION,
        })
    }

    /// Requires a member session of the organization the request names, whose roles grant
    /// `P` there. With a path parameter as the source, apply it with axum's `route_layer`, so
    /// that the route has been matched.
    pub fn require_member_permission<P: Permission>(&self) -> AuthLayer {
        self.layer_with(Requirement::MemberPermission {
            resource: P::RESOURCE,
            action: P::ACTION,
            organization: P::ORGANIZATION,
        })
    }

    /// Requires an M2M access token that grants the scopes `S`.
    pub fn require_m2m<S: Scopes>(&self) -> AuthLayer {
        self.layer_with(Requirement::M2m(Arc::from(S::SCOPES)))
    }
}

impl<S> tower::Layer<S> for AuthLayer {
    type Service = AuthService<S>;

    fn layer(&self, inner: S) -> AuthService<S> {
        AuthService {
            inner,
            auth: self.auth.clone(),
            requirement: self.requirement.clone(),
        }
    }
}

/// The service an [`AuthLayer`] wraps around another.
#[derive(Clone, Debug)]
pub struct AuthService<S> {
    inner: S,
    auth: StytchAuth,
    requirement: Requirement,
}

impl<S, B, ResBody> tower::Service<Request<B>> for AuthService<S>
where
    S: tower::Service<Request<B>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    B: Send + 'static,
    ResBody: HttpBody<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The clone that was driven to readiness serves this request.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let auth = self.auth.clone();
        let requirement = self.requirement.clone();
        Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let slot = RefreshSlot::default();
            parts.extensions.insert(slot.clone());
            if let Err(rejection) = authenticate(&auth, &requirement, &mut parts).await {
                return Ok(auth.reject(rejection));
            }
            let response = inner.call(Request::from_parts(parts, body)).await?;
            let mut response = response.map(Body::new);
            write_cookie(&auth, &slot, &mut response);
            Ok(response)
        })
    }
}

async fn authenticate(
    auth: &StytchAuth,
    requirement: &Requirement,
    parts: &mut http::request::Parts,
) -> Result<(), Rejection> {
    match requirement {
        Requirement::Nothing => {}
        Requirement::Session => {
            let session: Session<Claims> = auth.verify_session(parts).await?;
            parts.extensions.insert(session);
        }
        Requirement::Member => {
            let member: MemberSession<Claims> = auth.verify_member(parts).await?;
            parts.extensions.insert(member);
        }
        Requirement::Permission { resource, action } => {
            let session: Session<Claims> = auth.verify_session(parts).await?;
            auth.authorize_user(&session.session.roles, resource, action)
                .await?;
            parts.extensions.insert(session);
        }
        Requirement::MemberPermission {
            resource,
            action,
            organization,
        } => {
            let member: MemberSession<Claims> = auth.verify_member(parts).await?;
            let requested = requested_organization(parts, &(), *organization).await?;
            auth.authorize_member(&member.member_session, &requested, resource, action)
                .await?;
            parts.extensions.insert(member);
        }
        Requirement::M2m(scopes) => {
            let caller = auth.verify_m2m(parts, scopes).await?;
            parts.extensions.insert(caller);
        }
    }
    Ok(())
}

/// Sets a JWT that Stytch refreshed during the request in the session cookie: `HttpOnly`,
/// `SameSite=Lax`, `Secure` unless configured off, for the session's remaining lifetime.
fn write_cookie(auth: &StytchAuth, slot: &RefreshSlot, response: &mut Response<Body>) {
    let Some((jwt, expires_at)) = slot.0.lock().unwrap_or_else(|e| e.into_inner()).take() else {
        return;
    };
    let mut cookie = format!(
        "{}={jwt}; Path=/; HttpOnly; SameSite=Lax",
        auth.inner.cookie_name
    );
    if auth.inner.secure_cookie {
        cookie.push_str("; Secure");
    }
    if let Some(expires_at) = expires_at {
        let seconds = (expires_at - stytch::Timestamp::from(std::time::SystemTime::now()))
            .num_seconds()
            .max(0);
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    match HeaderValue::try_from(cookie) {
        Ok(value) => {
            response.headers_mut().append(SET_COOKIE, value);
        }
        Err(_) => tracing::warn!("a refreshed session JWT could not be set as a cookie"),
    }
}
