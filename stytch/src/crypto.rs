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

pub(crate) use backend::rand;
pub(crate) use backend::signature;

/// The hex SHA-256 of `parts`, each prefixed by its length so that no two lists of parts
/// hash alike (`["ab", "c"]` and `["a", "bc"]` differ).
pub(crate) fn sha256_hex(parts: &[&str]) -> String {
    let mut context = backend::digest::Context::new(&backend::digest::SHA256);
    for part in parts {
        context.update(&(part.len() as u64).to_be_bytes());
        context.update(part.as_bytes());
    }
    hex(context.finish().as_ref())
}

/// `bytes` random bytes from the system's generator, as lowercase hex.
pub(crate) fn random_hex(bytes: usize) -> Option<String> {
    use rand::SecureRandom as _;
    let mut buffer = vec![0u8; bytes];
    rand::SystemRandom::new().fill(&mut buffer).ok()?;
    Some(hex(&buffer))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// An RS256 public key from a key set, prepared once and used for every token it signed.
pub(crate) struct Rs256Key {
    /// AWS-LC parses the key once; verification then skips building it again.
    #[cfg(feature = "aws-lc-rs")]
    parsed: signature::ParsedPublicKey,
    /// ring has no parsed form for RSA verification keys: it takes the components each time.
    #[cfg(not(feature = "aws-lc-rs"))]
    n: Vec<u8>,
    #[cfg(not(feature = "aws-lc-rs"))]
    e: Vec<u8>,
}

impl Rs256Key {
    /// The key with big-endian modulus `n` and exponent `e`; `None` if they do not form one.
    pub(crate) fn new(n: Vec<u8>, e: Vec<u8>) -> Option<Self> {
        #[cfg(feature = "aws-lc-rs")]
        return signature::RsaPublicKeyComponents { n, e }
            .to_parsed_public_key(&signature::RSA_PKCS1_2048_8192_SHA256)
            .ok()
            .map(|parsed| Rs256Key { parsed });
        #[cfg(not(feature = "aws-lc-rs"))]
        return Some(Rs256Key { n, e });
    }

    /// Whether `signature` is this key's RS256 signature of `message`.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        #[cfg(feature = "aws-lc-rs")]
        return self.parsed.verify_sig(message, signature).is_ok();
        #[cfg(not(feature = "aws-lc-rs"))]
        return signature::RsaPublicKeyComponents {
            n: &self.n,
            e: &self.e,
        }
        .verify(&signature::RSA_PKCS1_2048_8192_SHA256, message, signature)
        .is_ok();
    }
}

/// The rustls provider built on the same library.
#[cfg(feature = "rustls")]
pub(crate) fn rustls_provider() -> rustls::crypto::CryptoProvider {
    #[cfg(feature = "aws-lc-rs")]
    return rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "aws-lc-rs"))]
    return rustls::crypto::ring::default_provider();
}
