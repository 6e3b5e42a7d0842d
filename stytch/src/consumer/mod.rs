//! The consumer API, for projects whose users sign up as individuals.

use crate::client::define_client;

pub mod magic_links;
pub mod otps;
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
    /// Users and their registered factors.
    pub fn users(&self) -> users::Users<'_> {
        users::Users::new(&self.transport)
    }

    /// Sessions: checking, extending, listing and revoking them.
    pub fn sessions(&self) -> sessions::Sessions<'_> {
        sessions::Sessions::new(&self.transport)
    }

    /// Password authentication, sign-up, migration and resets.
    pub fn passwords(&self) -> passwords::Passwords<'_> {
        passwords::Passwords::new(&self.transport)
    }

    /// Magic links by email or embedded in your own messages.
    pub fn magic_links(&self) -> magic_links::MagicLinks<'_> {
        magic_links::MagicLinks::new(&self.transport)
    }

    /// One-time passcodes by SMS, WhatsApp and email.
    pub fn otps(&self) -> otps::Otps<'_> {
        otps::Otps::new(&self.transport)
    }
}
