//! The B2B API, for projects whose users are members of organizations.

use crate::client::define_client;

pub mod discovery;
pub mod idp;
pub mod impersonation;
pub mod magic_links;
pub mod mfa;
pub mod oauth;
pub mod organizations;
pub mod otps;
pub mod passwords;
pub mod rbac;
pub mod recovery_codes;
pub mod scim;
pub mod sessions;
pub mod sso;
pub mod totps;

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
    "b2b", B2b
}

impl Client {
    /// Member password authentication and resets.
    pub fn passwords(&self) -> passwords::Passwords<'_> {
        passwords::Passwords::new(&self.core)
    }

    /// Organizations and their members.
    pub fn organizations(&self) -> organizations::Organizations<'_> {
        organizations::Organizations::new(&self.core)
    }

    /// Single sign-on: SAML, OIDC and external connections, and SSO logins.
    pub fn sso(&self) -> sso::Sso<'_> {
        sso::Sso::new(&self.core)
    }

    /// SCIM provisioning connections.
    pub fn scim(&self) -> scim::Scim<'_> {
        scim::Scim::new(&self.core)
    }

    /// The project's role-based access control policy, and organizations' own roles.
    pub fn rbac(&self) -> rbac::Rbac<'_> {
        rbac::Rbac::new(&self.core)
    }

    /// Member sessions: checking, listing, exchanging, revoking.
    pub fn sessions(&self) -> sessions::Sessions<'_> {
        sessions::Sessions::new(&self.core)
    }

    /// Email magic links for members, including discovery links.
    pub fn magic_links(&self) -> magic_links::MagicLinks<'_> {
        magic_links::MagicLinks::new(&self.core)
    }

    /// One-time passcodes by SMS and email.
    pub fn otps(&self) -> otps::Otps<'_> {
        otps::Otps::new(&self.core)
    }

    /// Member login through OAuth providers.
    pub fn oauth(&self) -> oauth::OAuth<'_> {
        oauth::OAuth::new(&self.core)
    }

    /// Moving from a discovery login into an organization.
    pub fn discovery(&self) -> discovery::Discovery<'_> {
        discovery::Discovery::new(&self.core)
    }

    /// Recovery codes for members enrolled in TOTP.
    pub fn recovery_codes(&self) -> recovery_codes::RecoveryCodes<'_> {
        recovery_codes::RecoveryCodes::new(&self.core)
    }

    /// Authenticator-app (TOTP) second factors.
    pub fn totps(&self) -> totps::Totps<'_> {
        totps::Totps::new(&self.core)
    }

    /// Stytch as an OAuth identity provider for connected apps.
    pub fn idp(&self) -> idp::Idp<'_> {
        idp::Idp::new(&self.core)
    }

    /// Sessions for support staff acting as a member.
    pub fn impersonation(&self) -> impersonation::Impersonation<'_> {
        impersonation::Impersonation::new(&self.core)
    }
}

// The shared consumer services: Stytch serves these under the same paths for both kinds of
// project, so the B2B client reaches the consumer declarations.
impl Client {
    /// Machine-to-machine clients and their secrets.
    pub fn m2m(&self) -> crate::consumer::m2m::M2m<'_> {
        crate::consumer::m2m::M2m::new(&self.core)
    }

    /// Applications that use Stytch as their identity provider.
    pub fn connected_app(&self) -> crate::consumer::connected_app::ConnectedApp<'_> {
        crate::consumer::connected_app::ConnectedApp::new(&self.core)
    }

    /// Device fingerprints, verdicts, rules and email risk.
    #[cfg(feature = "fraud")]
    pub fn fraud(&self) -> crate::consumer::fraud::Fraud<'_> {
        crate::consumer::fraud::Fraud::new(&self.core)
    }

    /// Facts about the project itself.
    pub fn project(&self) -> crate::consumer::project::Project<'_> {
        crate::consumer::project::Project::new(&self.core)
    }

    /// Checking which project the credentials belong to.
    pub fn debug(&self) -> crate::consumer::debug::DebugTools<'_> {
        crate::consumer::debug::DebugTools::new(&self.core)
    }
}
