//! Naming conventions shared by `#[endpoint]` and `#[model]`.

use syn::{GenericArgument, PathArguments, Type};

/// Field names whose values are credentials: their `Debug` output is redacted.
///
/// Decided by how the name ends, so `password` and `session_token` are secret while
/// `reset_password_redirect_url` and `token_type` are not. A field the rule misjudges takes
/// `#[stytch(secret)]` or `#[stytch(secret = false)]`.
pub fn is_secret_name(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "password",
        "_token",
        "jwt",
        "secret",
        "private_key",
        "api_key",
        "code_verifier",
        "password_hash",
        "recovery_code",
        "recovery_codes",
        "backup_code",
        "backup_codes",
        "totp_code",
        "qr_code",
    ];
    matches!(name, "token" | "code" | "otp") || SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
}

/// `UpdateByUrlRequest` -> `update_by_url`.
pub fn snake_case(camel: &str) -> String {
    let mut out = String::with_capacity(camel.len() + 4);
    let chars: Vec<char> = camel.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if i > 0 && (prev_lower || (prev_upper && next_lower)) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The name a field has on the wire: its identifier without a raw `r#` prefix.
pub fn wire_name(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    name.strip_prefix("r#").map(str::to_owned).unwrap_or(name)
}

/// The `T` of a type written `Wrapper<T>` (matched on the last path segment).
pub fn generic_inner<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    if path.qself.is_some() {
        return None;
    }
    let last = path.path.segments.last()?;
    if last.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    if args.args.len() != 1 {
        return None;
    }
    match args.args.first()? {
        GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// The last path segment's identifier, e.g. `String` for `std::string::String`.
pub fn last_ident(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    path.path.segments.last().map(|s| s.ident.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_acronyms() {
        assert_eq!(snake_case("ResetStart"), "reset_start");
        assert_eq!(snake_case("UpdateByURL"), "update_by_url");
        assert_eq!(
            snake_case("DeleteMFAPhoneNumber"),
            "delete_mfa_phone_number"
        );
        assert_eq!(snake_case("GetJWKS"), "get_jwks");
        assert_eq!(snake_case("Policy"), "policy");
        assert_eq!(snake_case("Sha512Config"), "sha512_config");
    }

    #[test]
    fn secret_names() {
        for name in [
            "password",
            "new_password",
            "session_token",
            "session_jwt",
            "client_secret",
            "code",
            "code_verifier",
            "intermediate_session_token",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "organization_id",
            "email_address",
            "code_challenge",
            "locale",
            "telemetry_id",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
