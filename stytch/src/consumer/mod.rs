//! The consumer API, for projects whose users sign up as individuals.

use crate::client::define_client;

pub mod magic_links;
pub mod passwords;
pub mod sessions;
pub mod users;

define_client! {
    /// A client for a consumer Stytch project.
    ///
    /// Cheap to clone: clones share the credentials and the connection pool.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), stytch::Error> {
    /// let client = stytch::consumer::Client::new("project-test-...", "secret-test-...")?;
    /// let started = client.passwords().email().reset_start("ada@example.com").await?;
    /// println!("reset email sent to user {}", started.user_id);
    /// # Ok(()) }
    /// ```
    "consumer"
}

impl Client {
    /// Password authentication and resets.
    pub fn passwords(&self) -> passwords::Passwords<'_> {
        passwords::Passwords::new(&self.transport)
    }
}
