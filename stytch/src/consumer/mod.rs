//! The consumer API, for projects whose users sign up as individuals.
//!
//! The project-level services (`m2m`, `connected_app`, `project`, `debug`, and `fraud` with its
//! feature) are declared here and also reached from the B2B client, so they compile with
//! either vertical's feature.

#[cfg(feature = "consumer")]
use crate::client::define_client;

pub mod connected_app;
#[cfg(feature = "consumer")]
pub mod crypto_wallets;
pub mod debug;
#[cfg(feature = "fraud")]
pub mod fraud;
#[cfg(feature = "consumer")]
pub mod idp;
#[cfg(feature = "consumer")]
pub mod impersonation;
pub mod m2m;
#[cfg(feature = "consumer")]
pub mod magic_links;
#[cfg(feature = "consumer")]
pub mod oauth;
#[cfg(feature = "consumer")]
pub mod otps;
#[cfg(feature = "consumer")]
pub mod passwords;
pub mod project;
#[cfg(feature = "consumer")]
pub mod rbac;
#[cfg(feature = "consumer")]
pub mod sessions;
#[cfg(feature = "consumer")]
pub mod totps;
#[cfg(feature = "consumer")]
pub mod users;
#[cfg(feature = "consumer")]
pub mod webauthn;

#[cfg(feature = "consumer")]
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
    "consumer", Consumer
}

#[cfg(feature = "consumer")]
impl Client {
    /// Users and their registered factors.
    pub fn users(&self) -> users::Users<'_> {
        users::Users::new(&self.core)
    }

    /// Sessions: checking, extending, listing and revoking them.
    pub fn sessions(&self) -> sessions::Sessions<'_> {
        sessions::Sessions::new(&self.core)
    }

    /// Password authentication, sign-up, migration and resets.
    pub fn passwords(&self) -> passwords::Passwords<'_> {
        passwords::Passwords::new(&self.core)
    }

    /// Magic links by email or embedded in your own messages.
    pub fn magic_links(&self) -> magic_links::MagicLinks<'_> {
        magic_links::MagicLinks::new(&self.core)
    }

    /// One-time passcodes by SMS, WhatsApp and email.
    pub fn otps(&self) -> otps::Otps<'_> {
        otps::Otps::new(&self.core)
    }

    /// Completing OAuth logins and linking providers to users.
    pub fn oauth(&self) -> oauth::OAuth<'_> {
        oauth::OAuth::new(&self.core)
    }

    /// Authenticator app (TOTP) codes and recovery codes.
    pub fn totps(&self) -> totps::Totps<'_> {
        totps::Totps::new(&self.core)
    }

    /// Passkeys and hardware security keys.
    pub fn webauthn(&self) -> webauthn::WebAuthn<'_> {
        webauthn::WebAuthn::new(&self.core)
    }

    /// Logging in by signing a challenge with a crypto wallet.
    pub fn crypto_wallets(&self) -> crypto_wallets::CryptoWallets<'_> {
        crypto_wallets::CryptoWallets::new(&self.core)
    }

    /// Sessions for dashboard users acting as one of your users.
    pub fn impersonation(&self) -> impersonation::Impersonation<'_> {
        impersonation::Impersonation::new(&self.core)
    }

    /// Stytch as an OAuth and OIDC identity provider for connected apps.
    pub fn idp(&self) -> idp::Idp<'_> {
        idp::Idp::new(&self.core)
    }

    /// The project's role-based access control policy.
    pub fn rbac(&self) -> rbac::Rbac<'_> {
        rbac::Rbac::new(&self.core)
    }

    /// Machine-to-machine clients and their secrets.
    pub fn m2m(&self) -> m2m::M2m<'_> {
        m2m::M2m::new(&self.core)
    }

    /// Applications that use Stytch as their identity provider.
    pub fn connected_app(&self) -> connected_app::ConnectedApp<'_> {
        connected_app::ConnectedApp::new(&self.core)
    }

    /// Device fingerprints, verdicts, rules and email risk.
    #[cfg(feature = "fraud")]
    pub fn fraud(&self) -> fraud::Fraud<'_> {
        fraud::Fraud::new(&self.core)
    }

    /// Facts about the project itself.
    pub fn project(&self) -> project::Project<'_> {
        project::Project::new(&self.core)
    }

    /// Checking which project the credentials belong to.
    pub fn debug(&self) -> debug::DebugTools<'_> {
        debug::DebugTools::new(&self.core)
    }
}
