//! The B2B API, for projects whose users are members of organizations.

use crate::client::define_client;

pub mod mfa;
pub mod organizations;
pub mod passwords;
pub mod rbac;
pub mod scim;
pub mod sessions;

define_client! {
    /// A client for a B2B Stytch project.
    ///
    /// Cheap to clone: clones share the credentials and the connection pool.
    ///
    /// ```no_run
    /// # async fn run() -> Result<(), stytch::Error> {
    /// let client = stytch::b2b::Client::new("project-test-...", "secret-test-...")?;
    /// let policy = client.rbac().policy().await?;
    /// for role in policy.policy.map(|p| p.roles).unwrap_or_default() {
    ///     println!("{}: {}", role.role_id, role.description);
    /// }
    /// # Ok(()) }
    /// ```
    "b2b"
}

impl Client {
    /// Member password authentication and resets.
    pub fn passwords(&self) -> passwords::Passwords<'_> {
        passwords::Passwords::new(&self.transport)
    }

    /// Organizations and their members.
    pub fn organizations(&self) -> organizations::Organizations<'_> {
        organizations::Organizations::new(&self.transport)
    }

    /// The project's role-based access control policy.
    pub fn rbac(&self) -> rbac::Rbac<'_> {
        rbac::Rbac::new(&self.transport)
    }
}

// The shared consumer services: Stytch serves these under the same paths for both kinds of
// project, so the B2B client reaches the consumer declarations.
impl Client {
    /// Machine-to-machine clients and their secrets.
    pub fn m2m(&self) -> crate::consumer::m2m::M2m<'_> {
        crate::consumer::m2m::M2m::new(&self.transport)
    }

    /// Applications that use Stytch as their identity provider.
    pub fn connected_app(&self) -> crate::consumer::connected_app::ConnectedApp<'_> {
        crate::consumer::connected_app::ConnectedApp::new(&self.transport)
    }

    /// Device fingerprints, verdicts, rules and email risk.
    pub fn fraud(&self) -> crate::consumer::fraud::Fraud<'_> {
        crate::consumer::fraud::Fraud::new(&self.transport)
    }

    /// Facts about the project itself.
    pub fn project(&self) -> crate::consumer::project::Project<'_> {
        crate::consumer::project::Project::new(&self.transport)
    }

    /// Checking which project the credentials belong to.
    pub fn debug(&self) -> crate::consumer::debug::Debug<'_> {
        crate::consumer::debug::Debug::new(&self.transport)
    }
}
