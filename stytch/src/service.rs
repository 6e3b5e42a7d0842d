//! Service handles: the `client.passwords().email()` accessor chain.

use crate::transport::Transport;

/// Implemented by every service handle; gives generated client methods the transport. The
/// caches beside it are reached through the handle's own `core()`.
pub trait ServiceHandle<'c> {
    fn transport(&self) -> &'c Transport;

    /// The transport with the caches beside it.
    #[doc(hidden)]
    fn client_core(&self) -> &'c crate::client_core::ClientCore;
}

/// Declares a service handle type and the `Service` alias that `#[endpoint]` attaches client
/// methods to, plus accessors for child services.
///
/// ```ignore
/// service! {
///     /// Password endpoints.
///     Passwords { email: email::Email, sessions: sessions::Sessions }
/// }
/// ```
macro_rules! service {
    ($(#[$meta:meta])* $name:ident $({ $($child:ident : $($child_ty:ident)::+),* $(,)? })?) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        pub struct $name<'c> {
            core: &'c $crate::client_core::ClientCore,
        }

        #[allow(dead_code)]
        type Service<'c> = $name<'c>;

        impl<'c> $name<'c> {
            pub(crate) fn new(core: &'c $crate::client_core::ClientCore) -> Self {
                Self { core }
            }

            /// The client's transport and caches.
            #[allow(dead_code)]
            pub(crate) fn core(&self) -> &'c $crate::client_core::ClientCore {
                self.core
            }
            $($(
                #[doc = concat!("The `", stringify!($child), "` endpoints.")]
                pub fn $child(&self) -> $($child_ty)::+<'c> {
                    $($child_ty)::+::new(self.core)
                }
            )*)?
        }

        impl<'c> $crate::service::ServiceHandle<'c> for $name<'c> {
            fn transport(&self) -> &'c $crate::transport::Transport {
                &self.core.transport
            }

            fn client_core(&self) -> &'c $crate::client_core::ClientCore {
                self.core
            }
        }

        impl ::core::fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(stringify!($name))
            }
        }
    };
}
pub(crate) use service;
