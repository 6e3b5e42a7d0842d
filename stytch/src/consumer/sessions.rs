//! `/v1/sessions/*`: consumer sessions and the factors that authenticated them.

use crate::consumer::users::User;
use crate::models::{Attributes, AuthorizationVerdict, DeviceInfo, Jwk};
use crate::service::service;
use crate::Timestamp;
use stytch_macros::{endpoint, model};

service! {
    /// Sessions: checking, extending, listing and revoking them.
    Sessions
}

/// Trades a token from a trusted token profile for a session.
#[endpoint(POST, "/v1/sessions/attest")]
pub struct AttestRequest {
    pub profile_id: String,
    pub token: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
    pub telemetry_id: Option<String>,
}

/// The user behind the attested token and their session.
#[model]
pub struct AttestResponse {
    pub request_id: String,
    pub user_id: String,
    pub session_token: String,
    pub session_jwt: String,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Checks that a session is still valid, optionally extending it and checking a permission.
#[endpoint(POST, "/v1/sessions/authenticate")]
pub struct AuthenticateRequest {
    pub session_token: Option<String>,
    pub session_duration_minutes: Option<i32>,
    pub session_jwt: Option<String>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub authorization_check: Option<AuthorizationCheck>,
}

/// The live session, its user, and the permission verdict when one was asked for.
#[model]
pub struct AuthenticateResponse {
    pub request_id: String,
    pub session: Session,
    pub session_token: String,
    pub session_jwt: String,
    pub user: User,
    pub status_code: u16,
    pub verdict: Option<AuthorizationVerdict>,
}

/// Turns a connected-app access token into a full session for its user.
#[endpoint(POST, "/v1/sessions/exchange_access_token")]
pub struct ExchangeAccessTokenRequest {
    pub access_token: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The session created from the access token.
#[model]
pub struct ExchangeAccessTokenResponse {
    pub request_id: String,
    pub user_id: String,
    pub session_token: String,
    pub session_jwt: String,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Lists the active sessions of a user.
#[endpoint(GET, "/v1/sessions")]
pub struct GetRequest {
    pub user_id: String,
}

/// The user's active sessions.
#[model]
pub struct GetResponse {
    pub request_id: String,
    pub sessions: Vec<Session>,
    pub status_code: u16,
}

/// Fetches the public keys that sign the project's session JWTs.
#[endpoint(GET, "/v1/sessions/jwks/{project_id}")]
pub struct GetJwksRequest {
    pub project_id: String,
}

/// The JSON Web Key Set for session JWTs.
#[model]
pub struct GetJwksResponse {
    pub keys: Vec<Jwk>,
    pub request_id: String,
    pub status_code: u16,
}

/// Imports a session from another identity provider by presenting that provider's token.
#[endpoint(POST, "/v1/sessions/migrate")]
pub struct MigrateRequest {
    pub session_token: String,
    pub session_duration_minutes: Option<i32>,
    pub session_custom_claims: Option<serde_json::Value>,
    pub telemetry_id: Option<String>,
}

/// The user and the Stytch session that replaces the imported one.
#[model]
pub struct MigrateResponse {
    pub request_id: String,
    pub user_id: String,
    pub session_token: String,
    pub session_jwt: String,
    pub user: User,
    pub status_code: u16,
    pub session: Option<Session>,
    pub user_device: Option<DeviceInfo>,
}

/// Ends a session, picked by id, token or JWT.
#[endpoint(POST, "/v1/sessions/revoke")]
pub struct RevokeRequest {
    pub session_id: Option<String>,
    pub session_token: Option<String>,
    pub session_jwt: Option<String>,
}

/// Confirms the session was revoked.
#[model]
pub struct RevokeResponse {
    pub request_id: String,
    pub status_code: u16,
}

/// A consumer session: who, since when, until when, and how they authenticated.
#[model]
pub struct Session {
    pub session_id: String,
    pub user_id: String,
    pub authentication_factors: Vec<AuthenticationFactor>,
    pub roles: Vec<String>,
    pub started_at: Option<Timestamp>,
    pub last_accessed_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
    pub attributes: Option<Attributes>,
    pub custom_claims: Option<serde_json::Value>,
}

/// A permission to test against the session's roles: an action on a resource.
#[model]
pub struct AuthorizationCheck {
    pub resource_id: String,
    pub action: String,
}

/// One way a session was authenticated.
///
/// `type` and `delivery_method` say which factor it was; the one matching `*_factor` field
/// carries its details and the others are `None`.
#[model]
pub struct AuthenticationFactor {
    pub r#type: AuthenticationFactorType,
    pub delivery_method: AuthenticationFactorDeliveryMethod,
    pub last_authenticated_at: Option<Timestamp>,
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
    pub email_factor: Option<EmailFactor>,
    pub phone_number_factor: Option<PhoneNumberFactor>,
    pub google_oauth_factor: Option<OAuthFactor>,
    pub microsoft_oauth_factor: Option<OAuthFactor>,
    pub apple_oauth_factor: Option<OAuthFactor>,
    pub webauthn_factor: Option<WebAuthnFactor>,
    pub authenticator_app_factor: Option<AuthenticatorAppFactor>,
    pub github_oauth_factor: Option<OAuthFactor>,
    pub recovery_code_factor: Option<RecoveryCodeFactor>,
    pub facebook_oauth_factor: Option<OAuthFactor>,
    pub crypto_wallet_factor: Option<CryptoWalletFactor>,
    pub amazon_oauth_factor: Option<OAuthFactor>,
    pub bitbucket_oauth_factor: Option<OAuthFactor>,
    pub coinbase_oauth_factor: Option<OAuthFactor>,
    pub discord_oauth_factor: Option<OAuthFactor>,
    pub figma_oauth_factor: Option<OAuthFactor>,
    pub git_lab_oauth_factor: Option<OAuthFactor>,
    pub instagram_oauth_factor: Option<OAuthFactor>,
    pub linked_in_oauth_factor: Option<OAuthFactor>,
    pub shopify_oauth_factor: Option<OAuthFactor>,
    pub slack_oauth_factor: Option<OAuthFactor>,
    pub snapchat_oauth_factor: Option<OAuthFactor>,
    pub spotify_oauth_factor: Option<OAuthFactor>,
    pub steam_oauth_factor: Option<OAuthFactor>,
    pub tik_tok_oauth_factor: Option<OAuthFactor>,
    pub twitch_oauth_factor: Option<OAuthFactor>,
    pub twitter_oauth_factor: Option<OAuthFactor>,
    pub embeddable_magic_link_factor: Option<EmbeddableMagicLinkFactor>,
    pub biometric_factor: Option<BiometricFactor>,
    pub saml_sso_factor: Option<SsoFactor>,
    pub oidc_sso_factor: Option<SsoFactor>,
    pub salesforce_oauth_factor: Option<OAuthFactor>,
    pub yahoo_oauth_factor: Option<OAuthFactor>,
    pub hubspot_oauth_factor: Option<OAuthFactor>,
    pub slack_oauth_exchange_factor: Option<OAuthExchangeFactor>,
    pub hubspot_oauth_exchange_factor: Option<OAuthExchangeFactor>,
    pub github_oauth_exchange_factor: Option<OAuthExchangeFactor>,
    pub google_oauth_exchange_factor: Option<OAuthExchangeFactor>,
    pub impersonated_factor: Option<ImpersonatedFactor>,
    pub oauth_access_token_exchange_factor: Option<OAuthAccessTokenExchangeFactor>,
    pub trusted_auth_token_factor: Option<TrustedAuthTokenFactor>,
}

/// The kind of factor that authenticated a session.
#[model]
pub enum AuthenticationFactorType {
    MagicLink,
    Otp,
    Oauth,
    Webauthn,
    Totp,
    Crypto,
    Password,
    SignatureChallenge,
    Sso,
    Imported,
    RecoveryCodes,
    EmailOtp,
    Impersonated,
    TrustedAuthToken,
}

/// How a factor was delivered or proven.
#[model]
pub enum AuthenticationFactorDeliveryMethod {
    Email,
    Sms,
    Whatsapp,
    Embedded,
    OauthGoogle,
    OauthMicrosoft,
    OauthApple,
    WebauthnRegistration,
    AuthenticatorApp,
    OauthGithub,
    RecoveryCode,
    OauthFacebook,
    CryptoWallet,
    OauthAmazon,
    OauthBitbucket,
    OauthCoinbase,
    OauthDiscord,
    OauthFigma,
    OauthGitlab,
    OauthInstagram,
    OauthLinkedin,
    OauthShopify,
    OauthSlack,
    OauthSnapchat,
    OauthSpotify,
    OauthSteam,
    OauthTiktok,
    OauthTwitch,
    OauthTwitter,
    Knowledge,
    Biometric,
    SsoSaml,
    SsoOidc,
    OauthSalesforce,
    OauthYahoo,
    OauthHubspot,
    ImportedAuth0,
    OauthExchangeSlack,
    OauthExchangeHubspot,
    OauthExchangeGithub,
    OauthExchangeGoogle,
    Impersonation,
    OauthAccessTokenExchange,
    TrustedTokenExchange,
}

/// An email address used as a factor.
#[model]
pub struct EmailFactor {
    pub email_id: String,
    pub email_address: String,
}

/// A phone number used as a factor.
#[model]
pub struct PhoneNumberFactor {
    pub phone_id: String,
    pub phone_number: String,
}

/// An identity from an OAuth provider used as a factor.
#[model]
pub struct OAuthFactor {
    pub id: String,
    pub provider_subject: String,
    pub email_id: Option<String>,
}

/// A passkey or security key used as a factor.
#[model]
pub struct WebAuthnFactor {
    pub webauthn_registration_id: String,
    pub domain: String,
    pub user_agent: Option<String>,
}

/// An authenticator app used as a factor.
#[model]
pub struct AuthenticatorAppFactor {
    pub totp_id: String,
}

/// A TOTP recovery code used as a factor.
#[model]
pub struct RecoveryCodeFactor {
    pub totp_recovery_code_id: String,
}

/// A crypto wallet used as a factor.
#[model]
pub struct CryptoWalletFactor {
    pub crypto_wallet_id: String,
    pub crypto_wallet_address: String,
    pub crypto_wallet_type: String,
}

/// An embeddable magic link used as a factor.
#[model]
pub struct EmbeddableMagicLinkFactor {
    pub embedded_id: String,
}

/// A mobile biometric key used as a factor.
#[model]
pub struct BiometricFactor {
    pub biometric_registration_id: String,
}

/// An SSO (SAML or OIDC) identity used as a factor.
#[model]
pub struct SsoFactor {
    pub id: String,
    pub provider_id: String,
    pub external_id: String,
}

/// An OAuth token exchange for the user with this email, used as a factor.
#[model]
pub struct OAuthExchangeFactor {
    pub email_id: String,
}

/// Marks a session started by a dashboard user impersonating the user.
#[model]
pub struct ImpersonatedFactor {
    pub impersonator_id: String,
    pub impersonator_email_address: String,
}

/// An OAuth access token exchanged for a session.
#[model]
pub struct OAuthAccessTokenExchangeFactor {
    pub client_id: String,
}

/// A token from a trusted identity provider exchanged for a session.
#[model]
pub struct TrustedAuthTokenFactor {
    pub token_id: String,
}
