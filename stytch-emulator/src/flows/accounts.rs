//! Checks on the identifiers accounts are found by: email addresses and organization slugs.

use crate::errors::ApiError;

/// A rough shape check: something before the `@`, a dotted domain after it, no spaces.
pub fn check_email(email: &str) -> Result<(), ApiError> {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad(
            "invalid_email",
            format!("{email:?} is not a valid email address."),
        ))
    }
}

/// E.164: `+`, then 8 to 15 digits, the first not zero.
pub fn check_phone(phone_number: &str) -> Result<(), ApiError> {
    let digits = phone_number.strip_prefix('+').unwrap_or("");
    let valid = (8..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad(
            "invalid_phone_number",
            format!("{phone_number:?} is not a phone number in E.164 format (+15555550123)."),
        ))
    }
}

/// The lower-cased domain of an address already checked by [`check_email`].
pub fn email_domain(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, d)| d.to_lowercase())
        .unwrap_or_default()
}

/// A slug from a name: lower-case letters and digits, other runs become one `-`.
pub fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

pub fn check_slug(slug: &str) -> Result<(), ApiError> {
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c);
    if (2..=128).contains(&slug.len()) && slug.chars().all(allowed) {
        return Ok(());
    }
    Err(ApiError::bad(
        "invalid_organization_slug",
        "organization_slug must be 2 to 128 characters of a-z, 0-9, '-', '.', '_' or '~'.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape_check() {
        for good in ["ada@example.com", "a.b+c@sub.example.co.uk"] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "ada",
            "@example.com",
            "ada@",
            "ada@example",
            "ada @example.com",
            "ada@.com",
            "a@b@c.com",
        ] {
            assert_eq!(
                check_email(bad).unwrap_err().error_type,
                "invalid_email",
                "{bad}"
            );
        }
        assert_eq!(email_domain("Ada@Example.COM"), "example.com");
        assert!(check_phone("+15555550123").is_ok());
        for bad in ["15555550123", "+0555550123", "+1555", "+1555555012a", ""] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_come_from_names() {
        assert_eq!(slug_from("Acme, Inc."), "acme-inc");
        assert_eq!(slug_from("  Ünïcode Org 2 "), "n-code-org-2");
        assert!(check_slug("acme-inc").is_ok());
        assert!(check_slug("a").is_err());
        assert!(check_slug("Acme").is_err());
    }
}
