//! Per-route permissions, decided locally from the cached RBAC policy.

use crate::config::StytchAuth;
use crate::rejection::{Rejection, RejectionKind};
use crate::session::{MemberSession, Session};
use axum::extract::{FromRef, FromRequestParts, RawPathParams};
use axum::response::Response;
use http::request::Parts;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use std::ops::Deref;
use stytch::jwt::Claims;

/// Where a B2B request names the organization it acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OrganizationFrom {
    /// A path parameter of the route, e.g. `organization_id` in `/orgs/{organization_id}/docs`.
    PathParam(&'static str),
    /// A request header.
    Header(&'static str),
}

/// An action on a resource that a route requires. Declare one with [`permission!`](crate::permission!).
pub trait Permission: Send + Sync + 'static {
    /// The RBAC resource, e.g. `documents`.
    const RESOURCE: &'static str;
    /// The action on it, e.g. `edit`.
    const ACTION: &'static str;
    /// For B2B routes: where the request names its organization. The member must belong to
    /// it (checked first), then one of their roles must grant the action there. Default: the
    /// path parameter `organization_id`.
    const ORGANIZATION: OrganizationFrom = OrganizationFrom::PathParam("organization_id");
}

/// Declares a [`Permission`] type to name in a handler's signature.
///
/// ```
/// stytch_axum::permission!(
///     /// Editing documents.
///     pub EditDocuments = "documents", "edit"
/// );
/// stytch_axum::permission!(pub ReadReports = "reports", "read", organization = header "x-organization-id");
/// ```
#[macro_export]
macro_rules! permission {
    ($(#[$meta:meta])* $vis:vis $name:ident = $resource:literal, $action:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name;
        impl $crate::Permission for $name {
            const RESOURCE: &'static str = $resource;
            const ACTION: &'static str = $action;
        }
    };
    ($(#[$meta:meta])* $vis:vis $name:ident = $resource:literal, $action:literal, organization = path $param:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name;
        impl $crate::Permission for $name {
            const RESOURCE: &'static str = $resource;
            const ACTION: &'static str = $action;
            const ORGANIZATION: $crate::OrganizationFrom = $crate::OrganizationFrom::PathParam($param);
        }
    };
    ($(#[$meta:meta])* $vis:vis $name:ident = $resource:literal, $action:literal, organization = header $header:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug)]
        $vis struct $name;
        impl $crate::Permission for $name {
            const RESOURCE: &'static str = $resource;
            const ACTION: &'static str = $action;
            const ORGANIZATION: $crate::OrganizationFrom = $crate::OrganizationFrom::Header($header);
        }
    };
}

/// A consumer session whose roles grant `P`; derefs to the [`Session`].
///
/// ```no_run
/// stytch_axum::permission!(pub EditDocuments = "documents", "edit");
///
/// async fn edit(user: stytch_axum::Authorized<EditDocuments>) -> String {
///     format!("{} may edit", user.session.user_id)
/// }
/// ```
#[derive(Clone, Debug)]
pub struct Authorized<P, C = Claims> {
    pub user: Session<C>,
    /// The caller's roles that grant `P`.
    pub granting_roles: Vec<String>,
    permission: PhantomData<fn() -> P>,
}

/// A member session of the organization the request names, whose roles grant `P` there;
/// derefs to the [`MemberSession`].
///
/// ```no_run
/// stytch_axum::permission!(pub EditDocuments = "documents", "edit");
///
/// // GET /orgs/{organization_id}/documents
/// async fn edit(member: stytch_axum::AuthorizedMember<EditDocuments>) -> String {
///     member.member_session.member_id.clone()
/// }
/// ```
#[derive(Clone, Debug)]
pub struct AuthorizedMember<P, C = Claims> {
    pub member: MemberSession<C>,
    /// The member's roles that grant `P`.
    pub granting_roles: Vec<String>,
    permission: PhantomData<fn() -> P>,
}

impl<P, C> Deref for Authorized<P, C> {
    type Target = Session<C>;
    fn deref(&self) -> &Session<C> {
        &self.user
    }
}

impl<P, C> Deref for AuthorizedMember<P, C> {
    type Target = MemberSession<C>;
    fn deref(&self) -> &MemberSession<C> {
        &self.member
    }
}

impl StytchAuth {
    /// Checks a consumer's roles against the cached policy.
    pub(crate) async fn authorize_user(
        &self,
        roles: &[String],
        resource: &str,
        action: &str,
    ) -> Result<Vec<String>, Rejection> {
        let client = self
            .consumer()
            .ok_or_else(|| Rejection::new(RejectionKind::Internal))?;
        let check = stytch::consumer::sessions::AuthorizationCheck::new(resource, action);
        client
            .rbac()
            .authorize_user(roles, &check)
            .await
            .map_err(Rejection::from_policy_error)
    }

    /// Checks a member's organization, then roles, against the cached policy.
    pub(crate) async fn authorize_member(
        &self,
        member: &stytch::b2b::sessions::MemberSession,
        requested_organization: &str,
        resource: &str,
        action: &str,
    ) -> Result<Vec<String>, Rejection> {
        let client = self
            .b2b()
            .ok_or_else(|| Rejection::new(RejectionKind::Internal))?;
        let check = stytch::b2b::sessions::AuthorizationCheck::new(
            requested_organization,
            resource,
            action,
        );
        client
            .rbac()
            .authorize_member(&member.organization_id, &member.roles, &check)
            .await
            .map_err(Rejection::from_policy_error)
    }
}

/// The organization a request names, by `from`. An absent header names none (and fails the
/// tenancy check); an absent path parameter is a routing mistake.
pub(crate) async fn requested_organization<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
    from: OrganizationFrom,
) -> Result<String, Rejection> {
    match from {
        OrganizationFrom::Header(name) => Ok(parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()),
        OrganizationFrom::PathParam(name) => {
            let params = RawPathParams::from_request_parts(parts, state)
                .await
                .map_err(|_| Rejection::new(RejectionKind::Internal))?;
            params
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_owned())
                .ok_or_else(|| {
                    tracing::error!(
                        param = name,
                        "the route has no path parameter naming the organization"
                    );
                    Rejection::new(RejectionKind::Internal)
                })
        }
    }
}

impl<S, P, C> FromRequestParts<S> for Authorized<P, C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    P: Permission,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        let result = async {
            let user = auth.session::<C>(parts).await?;
            let granting_roles = auth
                .authorize_user(&user.session.roles, P::RESOURCE, P::ACTION)
                .await?;
            Ok(Authorized {
                user,
                granting_roles,
                permission: PhantomData,
            })
        }
        .await;
        result.map_err(|r| auth.reject(r))
    }
}

impl<S, P, C> FromRequestParts<S> for AuthorizedMember<P, C>
where
    StytchAuth: FromRef<S>,
    S: Send + Sync,
    P: Permission,
    C: DeserializeOwned + Send + 'static,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let auth = StytchAuth::from_ref(state);
        let result = async {
            let member = auth.member::<C>(parts).await?;
            let organization = requested_organization(parts, state, P::ORGANIZATION).await?;
            let granting_roles = auth
                .authorize_member(
                    &member.member_session,
                    &organization,
                    P::RESOURCE,
                    P::ACTION,
                )
                .await?;
            Ok(AuthorizedMember {
                member,
                granting_roles,
                permission: PhantomData,
            })
        }
        .await;
        result.map_err(|r| auth.reject(r))
    }
}
