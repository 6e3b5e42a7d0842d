//! `/v1/users/*`: the consumer user record and what hangs off it.

use crate::Timestamp;
use stytch_macros::model;

/// A consumer user: contact details, registered factors and metadata.
#[model]
pub struct User {
    pub user_id: String,
    pub emails: Vec<Email>,
    pub status: String,
    pub phone_numbers: Vec<PhoneNumber>,
    pub webauthn_registrations: Vec<WebAuthnRegistration>,
    pub providers: Vec<OAuthProvider>,
    pub totps: Vec<Totp>,
    pub crypto_wallets: Vec<CryptoWallet>,
    pub biometric_registrations: Vec<BiometricRegistration>,
    pub is_locked: bool,
    pub roles: Vec<String>,
    pub name: Option<Name>,
    pub created_at: Option<Timestamp>,
    pub password: Option<Password>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub external_id: Option<String>,
    pub lock_created_at: Option<Timestamp>,
    pub lock_expires_at: Option<Timestamp>,
}

/// An email address on a user.
#[model]
pub struct Email {
    pub email_id: String,
    pub email: String,
    pub verified: bool,
}

/// A phone number on a user.
#[model]
pub struct PhoneNumber {
    pub phone_id: String,
    pub phone_number: String,
    pub verified: bool,
}

/// A passkey or security key a user registered.
#[model]
pub struct WebAuthnRegistration {
    pub webauthn_registration_id: String,
    pub domain: String,
    pub user_agent: String,
    pub verified: bool,
    pub authenticator_type: String,
    pub name: String,
}

/// An OAuth identity linked to a user.
#[model]
pub struct OAuthProvider {
    pub provider_type: String,
    pub provider_subject: String,
    pub profile_picture_url: String,
    pub locale: String,
    pub oauth_user_registration_id: String,
}

/// An authenticator app registered to a user.
#[model]
pub struct Totp {
    pub totp_id: String,
    pub verified: bool,
}

/// A crypto wallet linked to a user.
#[model]
pub struct CryptoWallet {
    pub crypto_wallet_id: String,
    pub crypto_wallet_address: String,
    pub crypto_wallet_type: String,
    pub verified: bool,
}

/// A mobile biometric key a user registered.
#[model]
pub struct BiometricRegistration {
    pub biometric_registration_id: String,
    pub verified: bool,
}

/// A user's name, in parts.
#[model]
pub struct Name {
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
}

/// Whether a user has a password, and whether they must change it.
#[model]
pub struct Password {
    pub password_id: String,
    pub requires_reset: bool,
}
