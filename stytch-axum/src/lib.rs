//! Stytch authentication for [axum](https://docs.rs/axum) services: extractors that hand a
//! handler its verified caller, per-route permissions decided from the cached RBAC policy, and
//! a tower layer that does the same for a whole router.
//!
//! ```no_run
//! use axum::{routing::get, Router};
//! use stytch_axum::{AuthorizedMember, M2mScoped, MemberSession, StytchAuth};
//!
//! stytch_axum::permission!(pub EditDocuments = "documents", "edit");
//! stytch_axum::scopes!(pub ReadOrders = ["read:orders"]);
//!
//! async fn me(member: MemberSession) -> String {
//!     member.member_session.member_id
//! }
//!
//! async fn edit(member: AuthorizedMember<EditDocuments>) -> &'static str {
//!     "edited" // the member belongs to {organization_id} and may edit documents there
//! }
//!
//! async fn orders(caller: M2mScoped<ReadOrders>) -> String {
//!     caller.client_id.clone()
//! }
//!
//! # async fn run() -> Result<(), stytch::Error> {
//! let auth = StytchAuth::builder()
//!     .b2b(stytch::b2b::Client::from_env()?)
//!     .build();
//! let app: Router = Router::new()
//!     .route("/me", get(me))
//!     .route("/orgs/{organization_id}/documents", get(edit))
//!     .route("/orders", get(orders))
//!     .layer(auth.cookie_layer()) // sets JWTs Stytch refreshed as cookies
//!     .with_state(auth);
//! # let _ = app; Ok(()) }
//! ```
//!
//! # Answers
//!
//! | case | answer |
//! |---|---|
//! | no token, or a malformed, forged, expired or revoked one | 401, `WWW-Authenticate: Bearer error="invalid_token"` |
//! | authenticated but not allowed (another organization, a role or scope short) | 403 |
//! | the keys or the policy cannot be had, and nothing usable is cached | 503 with `Retry-After` |
//! | our configuration is wrong (no client for the session kind, no such path parameter, a refused project secret) | 500 |
//!
//! Each has a small JSON body (`{"error":"unauthenticated"}`, ...) that says nothing about the
//! token; [`StytchAuthBuilder::on_rejection`] puts your own answer in its place. Input that
//! cannot be read as a token (bytes that are not text, two `Authorization` headers, more
//! than 16 KiB of cookies, the session cookie twice with different values) is a 401.
//!
//! # Tokens
//!
//! Session JWTs come from `Authorization: Bearer` or, when there is none, from the cookie
//! (`stytch_session_jwt` by default). They are verified with the SDK's `authenticate_jwt`:
//! locally, asking Stytch only for a genuine JWT that is older than the maximum age or
//! expired (unless [`local_only`](StytchAuthBuilder::local_only)). A request with no JWT but
//! the opaque session token's cookie (`stytch_session`) is asked of Stytch with that token.
//! When Stytch hands back a fresh JWT, the [layer](AuthLayer) sets it in the JWT cookie. M2M
//! tokens come as `Authorization: Bearer` only.

mod config;
mod layer;
mod m2m;
mod permission;
mod rejection;
mod session;
mod token;

pub use config::{StytchAuth, StytchAuthBuilder, SESSION_JWT_COOKIE, SESSION_TOKEN_COOKIE};
pub use layer::{AuthLayer, AuthService};
pub use m2m::{M2mCaller, M2mScoped, Scopes};
pub use permission::{Authorized, AuthorizedMember, OrganizationFrom, Permission};
pub use rejection::{Rejection, RejectionKind};
pub use session::{MemberSession, Session};
