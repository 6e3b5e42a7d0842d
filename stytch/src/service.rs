//! Service handles: the `client.passwords().email()` accessor chain.

use crate::transport::Transport;

/// Implemented by every service handle; gives generated client methods the transport.
pub trait ServiceHandle<'c> {
    fn transport(&self) -> &'c Transport;
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
            transport: &'c $crate::transport::Transport,
        }

        #[allow(dead_code)]
        type Service<'c> = $name<'c>;

        impl<'c> $name<'c> {
            pub(crate) fn new(transport: &'c $crate::transport::Transport) -> Self {
                Self { transport }
            }
            $($(
                #[doc = concat!("The `", stringify!($child), "` endpoints.")]
                pub fn $child(&self) -> $($child_ty)::+<'c> {
                    $($child_ty)::+::new(self.transport)
                }
            )*)?
        }

        impl<'c> $crate::service::ServiceHandle<'c> for $name<'c> {
            fn transport(&self) -> &'c $crate::transport::Transport {
                self.transport
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
