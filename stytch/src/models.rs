//! Models shared by the consumer and B2B APIs.

use crate::Timestamp;
use stytch_macros::model;

/// A language for the emails and texts Stytch sends on the caller's behalf.
#[model]
pub enum Locale {
    En,
    Es,
    #[stytch(rename = "pt-br")]
    PtBr,
    Fr,
    It,
    #[stytch(rename = "de-DE")]
    DeDe,
    #[stytch(rename = "zh-Hans")]
    ZhHans,
    #[stytch(rename = "ca-ES")]
    CaEs,
    Ja,
    Ru,
    Nl,
    Pl,
    Tr,
    Fa,
    Vi,
    Cs,
}

/// The caller's IP address and user agent, recorded with a session or checked against a later request.
#[model]
pub struct Attributes {
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

/// What Stytch knows about the device behind an authentication, when device history is enabled.
#[model]
pub struct DeviceInfo {
    pub visitor_id: String,
    pub visitor_id_details: Option<DeviceAttributeDetails>,
    pub ip_address: Option<String>,
    pub ip_address_details: Option<DeviceAttributeDetails>,
    pub ip_geo_city: Option<String>,
    pub ip_geo_region: Option<String>,
    pub ip_geo_country: Option<String>,
    pub ip_geo_country_details: Option<DeviceAttributeDetails>,
}

/// Whether one device attribute is new for this user, and when it was first and last seen.
#[model]
pub struct DeviceAttributeDetails {
    pub is_new: bool,
    pub first_seen_at: Option<Timestamp>,
    pub last_seen_at: Option<Timestamp>,
}

/// Where a paginated search stands: how many results match in all, and the cursor for the next page.
#[model]
pub struct ResultsMetadata {
    pub total: i32,
    /// `None` on the last page.
    pub next_cursor: Option<String>,
}

/// How the operands of a search query combine.
#[model]
pub enum SearchOperator {
    #[stytch(rename = "OR")]
    Or,
    #[stytch(rename = "AND")]
    And,
}

/// One public signing key from a JSON Web Key Set (RFC 7517), as Stytch publishes them for
/// checking session JWTs locally.
#[model]
pub struct Jwk {
    pub kty: String,
    pub r#use: String,
    pub key_ops: Vec<String>,
    pub alg: String,
    pub kid: String,
    pub x5c: Vec<String>,
    /// The certificate's SHA-256 thumbprint.
    #[stytch(rename = "x5tS256")]
    pub x5t_s256: String,
    pub n: String,
    pub e: String,
}

/// A project's RBAC policy.
#[model]
pub struct Policy {
    pub roles: Vec<PolicyRole>,
    pub resources: Vec<PolicyResource>,
    pub scopes: Vec<PolicyScope>,
}

/// A role: what its holders may do.
#[model]
pub struct PolicyRole {
    pub role_id: String,
    pub description: String,
    pub permissions: Vec<PolicyRolePermission>,
}

/// The actions a role allows on one resource.
#[model]
pub struct PolicyRolePermission {
    pub resource_id: String,
    pub actions: Vec<String>,
}

/// A resource the policy controls, with the actions it supports.
#[model]
pub struct PolicyResource {
    pub resource_id: String,
    pub description: String,
    pub actions: Vec<String>,
}

/// A scope a connected app can request, with the permissions it grants.
#[model]
pub struct PolicyScope {
    pub scope: String,
    pub description: String,
    pub permissions: Vec<PolicyScopePermission>,
}

/// The actions a scope allows on one resource.
#[model]
pub struct PolicyScopePermission {
    pub resource_id: String,
    pub actions: Vec<String>,
}

/// The algorithm that produced a password hash imported from another system.
#[model]
pub enum PasswordHashType {
    Bcrypt,
    #[stytch(rename = "md_5")]
    Md5,
    #[stytch(rename = "argon_2i")]
    Argon2i,
    #[stytch(rename = "argon_2id")]
    Argon2id,
    #[stytch(rename = "sha_1")]
    Sha1,
    #[stytch(rename = "sha_512")]
    Sha512,
    Scrypt,
    Phpass,
    #[stytch(rename = "pbkdf_2")]
    Pbkdf2,
}

/// Salt added before or after the password when it was hashed (MD5, SHA-1, SHA-512).
#[model]
pub struct SaltConfig {
    pub prepend_salt: String,
    pub append_salt: String,
}

/// Parameters an imported Argon2 hash was computed with.
#[model]
pub struct Argon2Config {
    pub salt: String,
    pub iteration_amount: i32,
    pub memory: i32,
    pub threads: i32,
    pub key_length: i32,
}

/// Parameters an imported scrypt hash was computed with.
#[model]
pub struct ScryptConfig {
    pub salt: String,
    pub n_parameter: i32,
    pub r_parameter: i32,
    pub p_parameter: i32,
    pub key_length: i32,
}

/// Parameters an imported PBKDF2 hash was computed with.
#[model]
pub struct Pbkdf2Config {
    pub salt: String,
    pub iteration_amount: i32,
    pub key_length: i32,
    /// The HMAC digest, `sha256` or `sha512`; Stytch assumes `sha256` when it is left out.
    pub algorithm: Option<String>,
}

/// What a password still lacks under the LUDS policy (lower case, upper case, digit, symbol).
#[model]
pub struct LudsRequirements {
    pub has_lower_case: bool,
    pub has_upper_case: bool,
    pub has_digit: bool,
    pub has_symbol: bool,
    pub missing_complexity: i32,
    pub missing_characters: i32,
}

/// The answer to a session authorization check: allowed or not, and which of the caller's roles allow it.
#[model]
pub struct AuthorizationVerdict {
    pub authorized: bool,
    pub granting_roles: Vec<String>,
}

/// What a consent screen may show about the connected app asking for access.
#[model]
pub struct ConnectedAppPublic {
    pub client_id: String,
    pub client_name: String,
    pub client_description: String,
    pub client_type: String,
    pub logo_url: Option<String>,
}

/// One scope a connected app asked for, and whether the signed-in user or member may grant it.
#[model]
pub struct ScopeResult {
    pub scope: String,
    pub description: String,
    pub is_grantable: bool,
}

/// A connected app a user or member has authorized, with the scopes they granted it.
#[model]
pub struct AuthorizedConnectedApp {
    pub connected_app_id: String,
    pub name: String,
    pub description: String,
    pub client_type: String,
    pub scopes_granted: String,
    pub logo_url: Option<String>,
}

/// A query for the search endpoints (users, M2M clients, organizations, members): filters
/// combined with AND or OR.
///
/// ```
/// use stytch::models::{SearchFilter, SearchQuery};
///
/// let query = SearchQuery::and([
///     SearchFilter::new("member_emails", ["ada@example.com"]),
///     SearchFilter::new("member_is_breakglass", false),
/// ]);
/// let wire = serde_json::to_value(&query).unwrap();
/// assert_eq!(wire["operator"], "AND");
/// assert_eq!(wire["operands"][0]["filter_name"], "member_emails");
/// ```
#[model]
pub struct SearchQuery {
    pub operator: SearchOperator,
    pub operands: Vec<SearchFilter>,
}

impl SearchQuery {
    /// Matches what every filter matches.
    pub fn and(filters: impl IntoIterator<Item = SearchFilter>) -> Self {
        SearchQuery {
            operator: SearchOperator::And,
            operands: filters.into_iter().collect(),
        }
    }

    /// Matches what any filter matches.
    pub fn or(filters: impl IntoIterator<Item = SearchFilter>) -> Self {
        SearchQuery {
            operator: SearchOperator::Or,
            operands: filters.into_iter().collect(),
        }
    }
}

/// One search condition: a filter name the endpoint defines (such as `email_address` for users,
/// `client_id` for M2M clients, `member_emails` or `organization_slugs` in B2B) and the value
/// to match.
#[model]
pub struct SearchFilter {
    pub filter_name: String,
    /// A string, a boolean, or a list, depending on the filter.
    pub filter_value: serde_json::Value,
}

impl SearchFilter {
    /// A condition that `filter_name` matches `filter_value`.
    pub fn new(filter_name: impl Into<String>, filter_value: impl Into<serde_json::Value>) -> Self {
        SearchFilter {
            filter_name: filter_name.into(),
            filter_value: filter_value.into(),
        }
    }
}

/// What Stytch says about a connected-app token it was asked to introspect. Inactive tokens
/// (expired, revoked, unknown) carry only `active: false`.
#[model]
pub struct TokenIntrospection {
    pub request_id: String,
    pub status_code: u16,
    pub active: bool,
    /// Space-separated scopes.
    pub scope: Option<String>,
    pub client_id: Option<String>,
    /// `access_token` or `refresh_token`.
    pub token_type: Option<String>,
    /// Expiry, Unix time.
    pub exp: Option<i64>,
    /// Issue time, Unix time.
    pub iat: Option<i64>,
    pub sub: Option<String>,
    pub iss: Option<String>,
    /// A string or a list of strings, as the token has it.
    pub aud: Option<serde_json::Value>,
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
