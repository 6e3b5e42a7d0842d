//! Consumer products: one handler module per product, in Stytch's URL order.

pub mod m2m;
pub mod magic_links;
pub mod otps;
pub mod passwords;
pub mod project;
pub mod rbac;
pub mod sessions;
pub mod totps;
pub mod users;

use serde_json::{json, Value};

use crate::app::App;
use crate::flows::rbac::Vertical;
use crate::flows::sessions::sign_jwt;
use crate::render;
use crate::state::{Session, User};

/// `(session_token, session_jwt)` of a consumer session, or the empty strings Stytch sends
/// when a call made no session.
pub fn tokens(app: &App, session: Option<&Session>, user: &User) -> (String, String) {
    match session {
        Some(s) => (s.token.clone(), sign_jwt(app, s, &user.role_ids(), None)),
        None => (String::new(), String::new()),
    }
}

/// `user_id`, `user`, `session_token`, `session_jwt` and `session` of a signed-in user.
pub fn signed_in_body(app: &App, user: &User, session: Option<&Session>) -> Value {
    let (token, jwt) = tokens(app, session, user);
    json!({
        "user_id": user.user_id,
        "user": render::user(user),
        "session_token": token,
        "session_jwt": jwt,
        "session": session.map(|s| render::consumer_session(s, user)),
    })
}

pub const VERTICAL: Vertical = Vertical::Consumer;
