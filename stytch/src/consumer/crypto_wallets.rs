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
    pub crypto_wallet_type: String,
    pub crypto_wallet_address: String,
    pub signature: String,
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
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
    pub crypto_wallet_type: String,
    pub crypto_wallet_address: String,
    pub user_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
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
