//! The crypto library chosen by the `ring` and `aws-lc-rs` features, under one name.
//!
//! Both crates expose the same `signature` and `rand` APIs, so JWT verification, test signing
//! and the rustls provider are written once against `crate::crypto`.

#[cfg(not(any(feature = "ring", feature = "aws-lc-rs")))]
compile_error!(
    "stytch needs a crypto backend for JWT signatures: enable its `ring` feature (the default) \
     or `aws-lc-rs`"
);

// Both on: aws-lc-rs, which the user must have asked for, since `ring` is the default.
#[cfg(feature = "aws-lc-rs")]
use aws_lc_rs as backend;
#[cfg(all(feature = "ring", not(feature = "aws-lc-rs")))]
use ring as backend;

#[cfg(feature = "testing")]
pub(crate) use backend::rand;
pub(crate) use backend::signature;

/// The rustls provider built on the same library (unused when `native-tls` wins over rustls).
#[cfg(all(feature = "rustls", not(feature = "native-tls")))]
pub(crate) fn rustls_provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "aws-lc-rs")]
    return rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "aws-lc-rs"))]
    return rustls::crypto::ring::default_provider();
}
