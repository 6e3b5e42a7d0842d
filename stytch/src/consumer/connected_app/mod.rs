//! `/v1/connected_apps/*`: applications that use Stytch as their OAuth and OIDC identity provider.

use crate::service::service;
use stytch_macros::model;

pub mod clients;

service! {
    /// Connected app endpoints.
    ConnectedApp {
        clients: clients::Clients,
    }
}

/// A connected app: its redirect URLs, token settings and status; secrets appear only as their last four characters.
#[model]
pub struct ConnectedAppClient {
    pub client_id: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub full_access_allowed: bool,
    pub client_type: String,
    pub redirect_urls: Vec<String>,
    pub access_token_expiry_minutes: i32,
    pub access_token_template_content: String,
    pub post_logout_redirect_urls: Vec<String>,
    pub bypass_consent_for_offline_access: bool,
    pub creation_method: String,
    pub id_token_template_content: String,
    pub client_secret_last_four: Option<String>,
    pub next_client_secret_last_four: Option<String>,
    pub access_token_custom_audience: Option<String>,
    pub logo_url: Option<String>,
    pub client_id_metadata_url: Option<String>,
}

/// A connected app as first created, with its full client secret (shown this once).
#[model]
pub struct ConnectedAppWithClientSecret {
    pub client_id: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub full_access_allowed: bool,
    pub client_type: String,
    pub redirect_urls: Vec<String>,
    pub access_token_expiry_minutes: i32,
    pub access_token_template_content: String,
    pub post_logout_redirect_urls: Vec<String>,
    pub bypass_consent_for_offline_access: bool,
    pub id_token_template_content: String,
    pub client_secret_last_four: Option<String>,
    pub next_client_secret_last_four: Option<String>,
    pub client_secret: Option<String>,
    pub access_token_custom_audience: Option<String>,
    pub logo_url: Option<String>,
    pub client_id_metadata_url: Option<String>,
}

/// A connected app mid-rotation, with the full secret that will replace the current one.
#[model]
pub struct ConnectedAppWithNextClientSecret {
    pub client_id: String,
    pub client_name: String,
    pub client_description: String,
    pub status: String,
    pub client_secret_last_four: String,
    pub full_access_allowed: bool,
    pub client_type: String,
    pub redirect_urls: Vec<String>,
    pub next_client_secret: String,
    pub access_token_expiry_minutes: i32,
    pub access_token_template_content: String,
    pub post_logout_redirect_urls: Vec<String>,
    pub bypass_consent_for_offline_access: bool,
    pub id_token_template_content: String,
    pub next_client_secret_last_four: Option<String>,
    pub access_token_custom_audience: Option<String>,
    pub logo_url: Option<String>,
    pub client_id_metadata_url: Option<String>,
}

/// What kind of connected app a client is: first or third party, confidential or public.
#[model]
pub enum ClientType {
    FirstParty,
    FirstPartyPublic,
    ThirdParty,
    ThirdPartyPublic,
}
