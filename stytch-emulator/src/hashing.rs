//! Password hashing: argon2id, with parameters lighter than a production server's.
//!
//! The emulator holds throwaway test passwords and must answer quickly on a laptop or a CI
//! runner, so it uses 8 MiB and two passes (production guidance is 19 MiB or more). The
//! algorithm and the PHC string format are the real ones.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::errors::ApiError;

const MEMORY_KIB: u32 = 8 * 1024;
const PASSES: u32 = 2;

fn argon2() -> Argon2<'static> {
    let params =
        Params::new(MEMORY_KIB, PASSES, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes `password` into a PHC string (`$argon2id$v=19$...`).
///
/// Public so that tests can prepare hashes for the `passwords/migrate` endpoints.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .expect("argon2id hashing with a generated salt cannot fail")
}

/// Whether `password` matches a stored PHC string. Any argon2 variant and parameters are
/// accepted, as they appear in the string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// Checks that `phc` is an argon2 PHC string before it is stored by a migration.
pub fn check_migrated_hash(hash_type: &str, phc: &str) -> Result<(), ApiError> {
    if !matches!(hash_type, "argon_2i" | "argon_2id") {
        return Err(ApiError::bad(
            "invalid_hash_type",
            format!(
                "The emulator migrates argon2 hashes only (argon_2i or argon_2id), not {hash_type:?}."
            ),
        ));
    }
    let parsed = PasswordHash::new(phc).map_err(|_| {
        ApiError::bad(
            "invalid_hash",
            "The hash is not an argon2 PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash).",
        )
    })?;
    let expected = if hash_type == "argon_2i" {
        "argon2i"
    } else {
        "argon2id"
    };
    if parsed.algorithm.as_str() != expected {
        return Err(ApiError::bad(
            "invalid_hash",
            format!("The hash is not an {expected} hash."),
        ));
    }
    Ok(())
}

/// Runs hashing off the async runtime.
pub async fn hash_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|_| ApiError::internal("password hashing was interrupted"))
}

/// Runs verification off the async runtime.
pub async fn verify_blocking(password: String, phc: String) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .map_err(|_| ApiError::internal("password verification was interrupted"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_salted_argon2id_and_verify() {
        let a = hash_password("correct horse battery");
        let b = hash_password("correct horse battery");
        assert!(a.starts_with("$argon2id$v=19$m=8192,t=2,p=1$"));
        assert_ne!(a, b);
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse battery!", &a));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn migration_accepts_only_argon2_phc_strings() {
        let phc = hash_password("migrated passphrase");
        assert!(check_migrated_hash("argon_2id", &phc).is_ok());
        assert_eq!(
            check_migrated_hash("bcrypt", &phc).unwrap_err().error_type,
            "invalid_hash_type"
        );
        assert_eq!(
            check_migrated_hash("argon_2i", &phc)
                .unwrap_err()
                .error_type,
            "invalid_hash"
        );
        assert_eq!(
            check_migrated_hash("argon_2id", "$2b$10$abc")
                .unwrap_err()
                .error_type,
            "invalid_hash"
        );
    }
}
