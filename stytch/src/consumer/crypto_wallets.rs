//! `/v1/crypto_wallets/*`: logging in by signing a challenge with a crypto wallet.

use crate::consumer::sessions::Session;
use crate::consumer::users::User;
use crate::models::DeviceInfo;
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Crypto wallet login endpoints.
    CryptoWallets
}

/// Verifies the signed challenge, starting or extending a session.
#[endpoint(POST, "/v1/crypto_wallets/authenticate")]
pub struct AuthenticateRequest {
    /// `ethereum` (also any EVM-compatible chain) or `solana`.
    pub crypto_wallet_type: String,
    pub crypto_wallet_address: String,
    /// The wallet's signature over the challenge `authenticate_start` returned.
    pub signature: String,
    /// Token of an existing session to add this factor to, instead of starting a new session.
    pub session_token: Option<String>,
    /// Session lifetime in minutes (5 to 527040); left out, the call starts no session.
    pub session_duration_minutes: Option<i32>,
    /// JWT of an existing session to add this factor to, instead of starting a new session.
    pub session_jwt: Option<String>,
    /// JSON object merged into the session's custom claims and JWT; a `null` value deletes a key.
    pub session_custom_claims: Option<serde_json::Value>,
    /// Device Fingerprinting telemetry ID; Stytch looks up the device and records it on the user.
    pub telemetry_id: Option<String>,
}

/// The wallet's user, their session, and the Sign-In With Ethereum parameters used.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub user_id: String,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_token: Option<String>,
    /// `None` when the call started no session (Stytch sends an empty string then).
    pub session_jwt: Option<String>,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub siwe_params: Option<SiweParamsResponse>,
    pub user_device: Option<DeviceInfo>,
}

/// Creates the challenge a wallet must sign, linking the wallet to a user if needed.
#[endpoint(POST, "/v1/crypto_wallets/authenticate/start")]
pub struct AuthenticateStartRequest {
    /// `ethereum` (also any EVM-compatible chain) or `solana`.
    pub crypto_wallet_type: String,
    pub crypto_wallet_address: String,
    /// The user, by ID or external ID.
    pub user_id: Option<String>,
    /// Token of the user's current session, naming them instead of `user_id`.
    pub session_token: Option<String>,
    /// JWT of the user's current session, naming them instead of `user_id`.
    pub session_jwt: Option<String>,
    /// Sign-In With Ethereum message fields; only for `ethereum` wallets.
    pub siwe_params: Option<SiweParams>,
}

/// The challenge to sign, and whether a user was created for the wallet.
#[model]
pub struct AuthenticateStartResponse {
    pub request_id: String,
    pub user_id: String,
    pub challenge: String,
    pub user_created: bool,
    pub status_code: u16,
}

/// The Sign-In With Ethereum message fields the signed challenge carried.
#[model]
pub struct SiweParamsResponse {
    pub domain: String,
    pub uri: String,
    pub chain_id: String,
    pub resources: Vec<String>,
    pub status_code: u16,
    pub issued_at: Option<Timestamp>,
    pub message_request_id: Option<String>,
}

/// Sign-In With Ethereum (EIP-4361) message fields to build the challenge from.
#[model]
pub struct SiweParams {
    pub domain: String,
    pub uri: String,
    pub resources: Vec<String>,
    pub chain_id: Option<String>,
    pub statement: Option<String>,
    pub issued_at: Option<Timestamp>,
    pub not_before: Option<Timestamp>,
    pub message_request_id: Option<String>,
}
