//! The emulator's password policy, applied by every endpoint that sets a password and
//! reported by the `strength_check` endpoints.
//!
//! A password is accepted when it
//! 1. has at least [`MIN_LENGTH`] characters (Unicode scalar values, so any script counts),
//! 2. uses at least [`MIN_DISTINCT`] different characters,
//! 3. is not in [`COMMON_PASSWORDS`] (compared case-insensitively), and
//! 4. does not contain the local part of the account's email address (when it has four or
//!    more characters).
//!
//! Rejected passwords fail with `400 weak_password`. The report uses Stytch's LUDS shape:
//! `strength_policy` is `"luds"`, `missing_characters` counts up to the minimum length, no
//! character classes are required (`missing_complexity` is always 0), and a common password
//! is reported as `breached_password: true`.

use serde_json::{json, Value};

use crate::errors::ApiError;

pub const MIN_LENGTH: usize = 10;
pub const MIN_DISTINCT: usize = 4;

/// Passwords long enough to pass the length rule that still top leaked-password lists.
pub const COMMON_PASSWORDS: &[&str] = &[
    "password123",
    "password1234",
    "passw0rd123",
    "1234567890",
    "12345678910",
    "0987654321",
    "qwertyuiop",
    "qwerty12345",
    "qwertyuiop123",
    "1q2w3e4r5t",
    "zaq12wsxcde",
    "asdfghjkl1",
    "iloveyou123",
    "letmein123",
    "welcome123",
    "football123",
    "changeme123",
    "administrator",
    "trustno1234",
    "abcdefghij",
    "correcthorsebatterystaple",
];

/// The verdict on one password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub valid: bool,
    pub common: bool,
    pub score: i32,
    pub warning: String,
    pub suggestions: Vec<String>,
    pub missing_characters: usize,
    classes: [bool; 4],
}

/// Judges `password` for an account with `email` (if known).
pub fn check(password: &str, email: Option<&str>) -> Verdict {
    let length = password.chars().count();
    let mut distinct: Vec<char> = password.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    let lower = password.to_lowercase();
    let common = COMMON_PASSWORDS.contains(&lower.as_str());
    let local_part = email
        .and_then(|e| e.split('@').next())
        .map(str::to_lowercase)
        .filter(|l| l.chars().count() >= 4);
    let contains_email = local_part.is_some_and(|l| lower.contains(&l));

    let (warning, suggestion) = if length < MIN_LENGTH {
        (
            "Password is too short.",
            format!("Use at least {MIN_LENGTH} characters."),
        )
    } else if distinct.len() < MIN_DISTINCT {
        (
            "Password repeats too few characters.",
            format!("Use at least {MIN_DISTINCT} different characters."),
        )
    } else if common {
        (
            "This is a commonly used password.",
            "Pick a phrase nobody else would choose.".to_string(),
        )
    } else if contains_email {
        (
            "Password contains the email address.",
            "Leave your email address out of the password.".to_string(),
        )
    } else {
        ("", String::new())
    };
    let valid = warning.is_empty();
    let score = match (valid, length) {
        (false, _) => 0,
        (true, n) if n >= 16 => 4,
        (true, _) => 3,
    };
    Verdict {
        valid,
        common,
        score,
        warning: warning.to_string(),
        suggestions: if valid { Vec::new() } else { vec![suggestion] },
        missing_characters: MIN_LENGTH.saturating_sub(length),
        classes: [
            password.chars().any(char::is_lowercase),
            password.chars().any(char::is_uppercase),
            password.chars().any(|c| c.is_ascii_digit()),
            password.chars().any(|c| !c.is_alphanumeric()),
        ],
    }
}

/// `Err(weak_password)` unless the policy accepts `password`.
pub fn require_strong(password: &str, email: Option<&str>) -> Result<(), ApiError> {
    let verdict = check(password, email);
    if verdict.valid {
        return Ok(());
    }
    Err(ApiError::bad(
        "weak_password",
        format!(
            "The password does not meet the strength policy: {} {}",
            verdict.warning,
            verdict.suggestions.join(" ")
        ),
    ))
}

impl Verdict {
    fn luds(&self) -> Value {
        json!({
            "has_lower_case": self.classes[0],
            "has_upper_case": self.classes[1],
            "has_digit": self.classes[2],
            "has_symbol": self.classes[3],
            "missing_complexity": 0,
            "missing_characters": self.missing_characters,
        })
    }

    fn common_fields(&self) -> Value {
        json!({
            "valid_password": self.valid,
            "score": self.score,
            "breached_password": self.common,
            "strength_policy": "luds",
            "breach_detection_on_create": true,
        })
    }

    /// The consumer `POST /v1/passwords/strength_check` response.
    pub fn consumer_response(&self) -> Value {
        let mut body = self.common_fields();
        body["feedback"] = json!({
            "warning": self.warning,
            "suggestions": self.suggestions,
            "luds_requirements": self.luds(),
        });
        body
    }

    /// The B2B `POST /v1/b2b/passwords/strength_check` response.
    pub fn b2b_response(&self) -> Value {
        let mut body = self.common_fields();
        body["luds_feedback"] = self.luds();
        body["zxcvbn_feedback"] =
            json!({ "warning": self.warning, "suggestions": self.suggestions });
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_rejects_on_its_own() {
        assert!(check("a long passphrase", None).valid);
        assert!(!check("short", None).valid);
        assert_eq!(check("short", None).missing_characters, 5);
        assert!(!check("aaaaabbbbbaaaaa", None).valid);
        let common = check("Password123", None);
        assert!(!common.valid && common.common);
        assert!(!check("ada.lovelace rocks", Some("ada.lovelace@example.com")).valid);
        assert!(
            check("ada rocks the engine", Some("ada@example.com")).valid,
            "short local parts are ignored"
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(!check("ééééé", None).valid);
        assert!(check("日本語のパスフレーズです", None).valid);
    }

    #[test]
    fn weak_passwords_fail_with_weak_password() {
        let error = require_strong("password123", None).unwrap_err();
        assert_eq!(error.error_type, "weak_password");
        assert!(require_strong("a long passphrase", None).is_ok());
    }

    #[test]
    fn scores_reward_length() {
        assert_eq!(check("a long passphrase", None).score, 4);
        assert_eq!(check("ten chars!", None).score, 3);
        assert_eq!(check("x", None).score, 0);
    }
}
