//! The B2B side: organizations and their members, member passwords and sessions, and the
//! RBAC policy.

pub mod organizations;
pub mod passwords;
pub mod rbac;
pub mod sessions;
