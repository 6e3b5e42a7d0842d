//! B2B products: one handler module per product, in Stytch's URL order, and `signin`, the
//! way every B2B sign-in ends (a member session, or an intermediate session).

pub mod discovery;
pub mod magic_links;
pub mod members;
pub mod organizations;
pub mod otps;
pub mod passwords;
pub mod rbac;
pub mod sessions;
pub mod signin;

use crate::flows::rbac::Vertical;

pub const VERTICAL: Vertical = Vertical::B2b;
