//! Behaviour shared by the consumer and B2B handlers, with no HTTP in it: sessions and
//! their JWTs, single-use tokens, passwords, RBAC, and the outbox.

pub mod accounts;
pub mod otp;
pub mod outbox;
pub mod passwords;
pub mod rbac;
pub mod search;
pub mod sessions;
pub mod tokens;
pub mod totp;
