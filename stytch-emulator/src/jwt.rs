//! RS256 JWTs: one RSA key per emulator, generated at start, published as a JWK.
//!
//! Signing is done here by hand (header and claims as base64url JSON, PKCS#1 v1.5 over
//! SHA-256), which keeps the emulator's dependencies to the `rsa` crate; tests check the
//! result with an independent verifier (`jsonwebtoken`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::ids;

/// Bits of the generated key; Stytch's keys are 2048-bit RSA.
const KEY_BITS: usize = 2048;

/// The emulator's signing key and its public half.
pub struct SigningKeys {
    kid: String,
    /// PKCS#8 DER of the private key, kept for snapshots.
    pkcs8: Vec<u8>,
    signing: SigningKey<Sha256>,
    verifying: VerifyingKey<Sha256>,
    n: String,
    e: String,
}

impl std::fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKeys")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKeys {
    /// Generates a fresh key (CPU-heavy: call it off the async runtime).
    pub fn generate() -> Result<Self, rsa::Error> {
        let private = RsaPrivateKey::new(&mut rand::thread_rng(), KEY_BITS)?;
        Self::from_private(ids::prefixed("jwk"), private)
    }

    /// Restores a key written by [`SigningKeys::export`].
    pub fn import(kid: String, pkcs8_base64: &str) -> Result<Self, String> {
        let der = URL_SAFE_NO_PAD
            .decode(pkcs8_base64)
            .map_err(|e| format!("the signing key is not base64url: {e}"))?;
        let private = RsaPrivateKey::from_pkcs8_der(&der)
            .map_err(|e| format!("the signing key is not a PKCS#8 RSA key: {e}"))?;
        Self::from_private(kid, private).map_err(|e| e.to_string())
    }

    /// The key id and the private key (PKCS#8 DER, base64url), for a snapshot.
    pub fn export(&self) -> (String, String) {
        (self.kid.clone(), URL_SAFE_NO_PAD.encode(&self.pkcs8))
    }

    fn from_private(kid: String, private: RsaPrivateKey) -> Result<Self, rsa::Error> {
        let pkcs8 = private
            .to_pkcs8_der()
            .map_err(|_| rsa::Error::Internal)?
            .as_bytes()
            .to_vec();
        let public = private.to_public_key();
        let n = URL_SAFE_NO_PAD.encode(public.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(public.e().to_bytes_be());
        Ok(SigningKeys {
            kid,
            pkcs8,
            signing: SigningKey::<Sha256>::new(private),
            verifying: VerifyingKey::<Sha256>::new(public),
            n,
            e,
        })
    }

    #[cfg(test)]
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// Signs `claims` as a compact RS256 JWT.
    pub fn sign(&self, claims: &Value) -> String {
        let header = json!({ "alg": "RS256", "typ": "JWT", "kid": self.kid });
        let signing_input = format!("{}.{}", encode_json(&header), encode_json(claims));
        let signature = self.signing.sign(signing_input.as_bytes());
        format!(
            "{signing_input}.{}",
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }

    /// The claims of a JWT this key signed, or `None` for anything else (bad shape, another
    /// algorithm or key, a wrong signature). Expiry is the caller's business.
    pub fn verify(&self, jwt: &str) -> Option<Value> {
        let mut parts = jwt.split('.');
        let (header, claims, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let header: Value = decode_json(header)?;
        if header.get("alg")?.as_str()? != "RS256" || header.get("kid")?.as_str()? != self.kid {
            return None;
        }
        let signature =
            Signature::try_from(URL_SAFE_NO_PAD.decode(signature).ok()?.as_slice()).ok()?;
        let (signing_input, _) = jwt.rsplit_once('.')?;
        self.verifying
            .verify(signing_input.as_bytes(), &signature)
            .ok()?;
        decode_json(claims)
    }

    /// The public key as a JWK, with the fields Stytch's JWKS endpoints return.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "key_ops": ["verify"],
            "alg": "RS256",
            "kid": self.kid,
            // No certificate chain is issued for the emulator's key, so there is nothing to
            // list or fingerprint.
            "x5c": [],
            "x5tS256": "",
            "n": self.n,
            "e": self.e,
        })
    }
}

fn encode_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(value.to_string())
}

fn decode_json(part: &str) -> Option<Value> {
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn keys() -> &'static SigningKeys {
        static KEYS: OnceLock<SigningKeys> = OnceLock::new();
        KEYS.get_or_init(|| SigningKeys::generate().expect("key generation"))
    }

    #[test]
    fn a_signed_token_verifies_and_returns_its_claims() {
        let jwt = keys().sign(&json!({ "sub": "user-test-1" }));
        assert_eq!(keys().verify(&jwt).unwrap()["sub"], "user-test-1");
    }

    #[test]
    fn tampered_or_malformed_tokens_do_not_verify() {
        let jwt = keys().sign(&json!({ "sub": "user-test-1" }));
        let (head, _) = jwt.rsplit_once('.').unwrap();
        let forged_claims = URL_SAFE_NO_PAD.encode(r#"{"sub":"user-test-2"}"#);
        let header = head.split('.').next().unwrap();
        let signature = jwt.rsplit('.').next().unwrap();
        let forged = format!("{header}.{forged_claims}.{signature}");
        assert!(keys().verify(&forged).is_none());
        for junk in ["", ".", "..", "a.b.c", "a.b.c.d", "ünïcode.ü.ü"] {
            assert!(keys().verify(junk).is_none(), "{junk:?}");
        }
    }

    #[test]
    fn an_exported_key_imports_and_verifies_old_tokens() {
        let jwt = keys().sign(&json!({ "sub": "user-test-1" }));
        let (kid, pkcs8) = keys().export();
        let restored = SigningKeys::import(kid, &pkcs8).unwrap();
        assert_eq!(restored.verify(&jwt).unwrap()["sub"], "user-test-1");
        assert!(SigningKeys::import("k".into(), "not base64!").is_err());
        assert!(SigningKeys::import("k".into(), "AAAA").is_err());
    }

    #[test]
    fn the_jwk_describes_an_rs256_signing_key() {
        let jwk = keys().jwk();
        assert_eq!(jwk["kty"], "RSA");
        assert_eq!(jwk["alg"], "RS256");
        assert_eq!(jwk["e"], "AQAB");
        assert_eq!(jwk["kid"], keys().kid());
    }
}
