//! What a client and its clones share: the [`Transport`] that sends requests and, beside it,
//! the caches of what the project publishes (its signing keys and RBAC policy). The send path
//! knows no token, policy or endpoint; what does lives here and in the layers above.

use crate::cache::shared::SharedStore;
use crate::jwt::JwksCache;
use crate::rbac::PolicyCache;
use crate::transport::Transport;
use std::time::SystemTime;

/// Where the client reads the time, for token checks and key-set freshness.
pub(crate) type Clock = std::sync::Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// One per `Client` and its clones: the transport, and the caches that local JWT checks and
/// local authorization read.
pub struct ClientCore {
    pub(crate) transport: Transport,
    pub(crate) clock: Clock,
    /// The project's JWT signing keys (consumer or B2B key set, by client).
    pub(crate) jwks: JwksCache,
    /// Accepted `iss` values: `stytch.com/{project_id}` and the custom base URL, if any.
    pub(crate) jwt_issuers: Vec<String>,
    /// The RBAC policy cache (`client.rbac().authorize_*`).
    pub(crate) rbac: PolicyCache,
    /// The store the caches share with other processes, when configured: asked on a local
    /// miss, before Stytch.
    pub(crate) shared: Option<SharedStore>,
}

impl ClientCore {
    pub(crate) fn now(&self) -> SystemTime {
        (self.clock)()
    }
}
