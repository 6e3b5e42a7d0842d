//! Putting messages into the outbox: what Stytch would email, text or send on WhatsApp.

use chrono::{DateTime, Utc};

use crate::ids;
use crate::render::timestamp;
use crate::state::{Data, OutboxMessage};

/// Who a message goes to.
pub enum Recipient<'a> {
    Email(&'a str),
    /// A phone number and the channel (`sms` or `whatsapp`).
    Phone(&'a str, &'a str),
}

/// One message about to be "sent".
pub struct Message<'a> {
    pub kind: &'a str,
    pub to: Recipient<'a>,
    pub organization_id: Option<&'a str>,
    pub token: &'a str,
    pub code: &'a str,
    /// The redirect URL and the `stytch_token_type` to append to it with the token.
    pub redirect: Option<(&'a str, &'a str)>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Appends `message` to the outbox.
pub fn deliver(data: &mut Data, message: Message<'_>) {
    let (channel, email, phone_number) = match message.to {
        Recipient::Email(email) => ("email", email, ""),
        Recipient::Phone(number, channel) => (channel, "", number),
    };
    let link = message.redirect.map(|(url, token_type)| {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!(
            "{url}{separator}stytch_token_type={token_type}&token={}",
            message.token
        )
    });
    data.outbox.push(OutboxMessage {
        message_id: ids::prefixed("message"),
        kind: message.kind.to_string(),
        channel: channel.to_string(),
        email: email.to_string(),
        phone_number: phone_number.to_string(),
        organization_id: message.organization_id.map(str::to_string),
        token: message.token.to_string(),
        code: message.code.to_string(),
        link,
        created_at: timestamp(message.created_at),
        expires_at: timestamp(message.expires_at),
    });
}
