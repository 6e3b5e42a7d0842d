//! The outbox: the emails Stytch would send, kept for tests and examples to read.
//!
//! Read it with [`crate::Emulator::outbox`] or `GET /emulator/outbox?email=...` (same Basic
//! auth as the API); `DELETE /emulator/outbox` empties it.

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::app::Shared;
use crate::errors::ApiResult;
use crate::ids;

/// One email the emulator "sent".
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutboxMessage {
    /// `message-test-<uuid>`.
    pub message_id: String,
    /// What the email is for; `"password_reset"` for now.
    pub kind: String,
    /// The recipient, as the caller spelled it.
    pub email: String,
    /// Set for B2B members.
    pub organization_id: Option<String>,
    /// The single-use token the link carries (`token` for consumer resets,
    /// `password_reset_token` for B2B).
    pub token: String,
    /// The redirect URL with `stytch_token_type` and `token` appended, when one was given.
    pub link: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339; the token is refused after this.
    pub expires_at: String,
}

impl OutboxMessage {
    pub(crate) fn password_reset(
        email: &str,
        organization_id: Option<&str>,
        token: &str,
        redirect_url: Option<&str>,
        created_at: String,
        expires_at: String,
    ) -> Self {
        let token_type = if organization_id.is_some() {
            "multi_tenant_passwords"
        } else {
            "reset_password"
        };
        let link = redirect_url.map(|url| {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}stytch_token_type={token_type}&token={token}")
        });
        OutboxMessage {
            message_id: ids::prefixed("message"),
            kind: "password_reset".into(),
            email: email.to_string(),
            organization_id: organization_id.map(str::to_string),
            token: token.to_string(),
            link,
            created_at,
            expires_at,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct OutboxQuery {
    pub email: Option<String>,
}

/// `GET /emulator/outbox[?email=...]`: messages oldest first, filtered by recipient
/// (case-insensitive) when `email` is given.
pub async fn list(State(app): State<Shared>, Query(query): Query<OutboxQuery>) -> ApiResult {
    let data = app.store.lock();
    let messages: Vec<&OutboxMessage> = data
        .outbox
        .iter()
        .filter(|m| {
            query
                .email
                .as_ref()
                .is_none_or(|e| m.email.eq_ignore_ascii_case(e))
        })
        .collect();
    Ok(Json(
        json!({ "status_code": 200, "request_id": ids::request_id(), "messages": messages }),
    ))
}

/// `DELETE /emulator/outbox`
pub async fn clear(State(app): State<Shared>) -> ApiResult {
    app.store.lock().outbox.clear();
    Ok(crate::sessions::ok_body())
}

impl std::fmt::Debug for OutboxMessage {
    /// The token (and the link that carries it) is a credential: shown redacted.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutboxMessage")
            .field("message_id", &self.message_id)
            .field("kind", &self.kind)
            .field("email", &self.email)
            .field("organization_id", &self.organization_id)
            .field("token", &"<redacted>")
            .field("link", &self.link.as_ref().map(|_| "<redacted>"))
            .field("created_at", &self.created_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

#[cfg(test)]
mod debug_tests {
    use super::OutboxMessage;

    #[test]
    fn debug_hides_the_token_and_its_link() {
        let message = OutboxMessage {
            message_id: "message-test-1".into(),
            kind: "password_reset".into(),
            email: "ada@example.com".into(),
            organization_id: None,
            token: "reset-token-SECRET".into(),
            link: Some("https://app.example/reset?token=reset-token-SECRET".into()),
            created_at: String::new(),
            expires_at: String::new(),
        };
        let shown = format!("{message:?}");
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("ada@example.com"));
    }
}
