//! `/v1/users/*`: the consumer user record and what hangs off it.

use crate::models::{Attributes, AuthorizedConnectedApp, ResultsMetadata, SearchQuery};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Users and their registered factors.
    Users
}

/// Lists the connected apps a user has granted access to.
#[endpoint(GET, "/v1/users/{user_id}/connected_apps")]
pub struct ConnectedAppsRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
}

/// The connected apps the user has authorized.
#[model]
pub struct ConnectedAppsResponse {
    pub request_id: String,
    pub connected_apps: Vec<AuthorizedConnectedApp>,
    pub status_code: u16,
}

/// Creates a user from an email address or phone number (or neither, for a pending user).
#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    pub email: Option<String>,
    pub name: Option<Name>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    pub phone_number: Option<String>,
    /// Creates the user as `pending` until their first login, not `active`; default `false`.
    pub create_user_as_pending: Option<bool>,
    /// Your own JSON data on the user; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the user; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Your own ID for the user (at most 128 characters), accepted wherever a user ID is.
    pub external_id: Option<String>,
    /// Role IDs to assign to the user explicitly.
    pub roles: Option<Vec<String>>,
}

/// The new user and the ids of the contact details they were created with.
#[model]
pub struct CreateResponse {
    pub request_id: String,
    pub user_id: String,
    pub email_id: String,
    pub status: String,
    pub phone_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Deletes a user and everything registered to them.
#[endpoint(DELETE, "/v1/users/{user_id}")]
pub struct DeleteRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
}

/// The id of the deleted user.
#[model]
pub struct DeleteResponse {
    pub request_id: String,
    pub user_id: String,
    pub status_code: u16,
}

/// Removes a biometric key from its user.
#[endpoint(
    DELETE,
    "/v1/users/biometric_registrations/{biometric_registration_id}"
)]
pub struct DeleteBiometricRegistrationRequest {
    pub biometric_registration_id: String,
}

/// The user the biometric key was removed from.
#[model]
pub struct DeleteBiometricRegistrationResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Unlinks a crypto wallet from its user.
#[endpoint(DELETE, "/v1/users/crypto_wallets/{crypto_wallet_id}")]
pub struct DeleteCryptoWalletRequest {
    pub crypto_wallet_id: String,
}

/// The user the wallet was unlinked from.
#[model]
pub struct DeleteCryptoWalletResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Removes an email address from its user.
#[endpoint(DELETE, "/v1/users/emails/{email_id}")]
pub struct DeleteEmailRequest {
    pub email_id: String,
}

/// The user the email address was removed from.
#[model]
pub struct DeleteEmailResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Clears the external id set on a user.
#[endpoint(DELETE, "/v1/users/{user_id}/external_id")]
pub struct DeleteExternalIdRequest {
    pub user_id: String,
}

/// The user whose external id was cleared.
#[model]
pub struct DeleteExternalIdResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Unlinks an OAuth identity from its user.
#[endpoint(DELETE, "/v1/users/oauth/{oauth_user_registration_id}", name = delete_oauth_registration)]
pub struct DeleteOAuthRegistrationRequest {
    pub oauth_user_registration_id: String,
}

/// The user the OAuth identity was unlinked from.
#[model]
pub struct DeleteOAuthRegistrationResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Removes the password from its user.
#[endpoint(DELETE, "/v1/users/passwords/{password_id}")]
pub struct DeletePasswordRequest {
    pub password_id: String,
}

/// The user whose password was removed.
#[model]
pub struct DeletePasswordResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Removes a phone number from its user.
#[endpoint(DELETE, "/v1/users/phone_numbers/{phone_id}")]
pub struct DeletePhoneNumberRequest {
    pub phone_id: String,
}

/// The user the phone number was removed from.
#[model]
pub struct DeletePhoneNumberResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Removes an authenticator app registration from its user.
#[endpoint(DELETE, "/v1/users/totps/{totp_id}")]
pub struct DeleteTotpRequest {
    pub totp_id: String,
}

/// The user the authenticator app was removed from.
#[model]
pub struct DeleteTotpResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Removes a passkey or security key from its user.
#[endpoint(DELETE, "/v1/users/webauthn_registrations/{webauthn_registration_id}", name = delete_webauthn_registration)]
pub struct DeleteWebAuthnRegistrationRequest {
    pub webauthn_registration_id: String,
}

/// The user the WebAuthn registration was removed from.
#[model]
pub struct DeleteWebAuthnRegistrationResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Swaps a user's primary email address or phone number for a new one.
#[endpoint(PUT, "/v1/users/{user_id}/exchange_primary_factor")]
pub struct ExchangePrimaryFactorRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    /// Email address to replace the user's only factor with (or give `phone_number`).
    pub email_address: Option<String>,
    /// Phone number (E.164) to replace the user's only factor with (or give `email_address`).
    pub phone_number: Option<String>,
}

/// The user with their new primary factor.
#[model]
pub struct ExchangePrimaryFactorResponse {
    pub request_id: String,
    pub user_id: String,
    pub user: User,
    pub status_code: u16,
}

/// Fetches a user by id.
#[endpoint(GET, "/v1/users/{user_id}")]
pub struct GetRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
}

/// The user record, flattened into the response.
#[model]
pub struct GetResponse {
    pub request_id: String,
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
    pub status_code: u16,
    pub name: Option<Name>,
    pub created_at: Option<Timestamp>,
    pub password: Option<Password>,
    pub trusted_metadata: Option<serde_json::Value>,
    pub untrusted_metadata: Option<serde_json::Value>,
    pub external_id: Option<String>,
    pub lock_created_at: Option<Timestamp>,
    pub lock_expires_at: Option<Timestamp>,
}

/// Revokes a connected app's access to a user's account.
#[endpoint(POST, "/v1/users/{user_id}/connected_apps/{connected_app_id}/revoke")]
pub struct RevokeRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    pub connected_app_id: String,
}

/// Confirms the connected app lost access.
#[model]
pub struct RevokeResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// Searches the users of the project, a page at a time.
#[endpoint(POST, "/v1/users/search")]
pub struct SearchRequest {
    /// Where to resume: the `next_cursor` of the previous page; left out, the first page.
    pub cursor: Option<String>,
    /// Results per page: 100 when left out, at most 1000.
    pub limit: Option<u32>,
    /// Filters joined by `AND` or `OR`; left out, everything matches.
    pub query: Option<SearchQuery>,
}

/// One page of matching users and a cursor for the next.
#[model]
pub struct SearchResponse {
    pub request_id: String,
    pub results: Vec<User>,
    pub results_metadata: ResultsMetadata,
    pub status_code: u16,
}

/// Changes a user's name, attributes, metadata, external id or roles.
#[endpoint(PUT, "/v1/users/{user_id}")]
pub struct UpdateRequest {
    /// The user, by ID or external ID.
    pub user_id: String,
    pub name: Option<Name>,
    /// The end user's IP address and user agent, passed on for fraud detection.
    pub attributes: Option<Attributes>,
    /// Your own JSON data on the user; only your backend can change it.
    pub trusted_metadata: Option<serde_json::Value>,
    /// Your own JSON data on the user; the frontend SDK can edit it, so keep secrets out.
    pub untrusted_metadata: Option<serde_json::Value>,
    /// Your own ID for the user (at most 128 characters), accepted wherever a user ID is.
    pub external_id: Option<String>,
    /// Role IDs to assign to the user explicitly.
    pub roles: Option<Vec<String>>,
}

/// The user after the update.
#[model]
pub struct UpdateResponse {
    pub request_id: String,
    pub user_id: String,
    pub emails: Vec<Email>,
    pub phone_numbers: Vec<PhoneNumber>,
    pub crypto_wallets: Vec<CryptoWallet>,
    pub user: User,
    pub status_code: u16,
}

/// A user's name, in parts.
#[model]
pub struct Name {
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
}

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

/// Whether a user has a password, and whether they must change it.
#[model]
pub struct Password {
    pub password_id: String,
    pub requires_reset: bool,
}
