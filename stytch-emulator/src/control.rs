//! The emulator's own endpoints under `/emulator/` (not part of Stytch's API): the outbox
//! and the clock.

use std::time::Duration;

use axum::extract::State;
use serde::Deserialize;
use serde_json::json;

use crate::app::Shared;
use crate::errors::{ApiError, ApiResult};
use crate::http::{ok, ok_empty, Body, QueryMap};
use crate::render::timestamp;

/// `GET /emulator/outbox[?email=...][&phone_number=...]`: messages oldest first, filtered by
/// recipient (email case-insensitively, phone number exactly) when asked.
pub async fn outbox(State(app): State<Shared>, query: QueryMap) -> ApiResult {
    let data = app.store.lock();
    let email = query.get("email");
    let phone = query.get("phone_number");
    let messages: Vec<_> = data
        .outbox
        .iter()
        .filter(|m| email.is_none_or(|e| m.email.eq_ignore_ascii_case(e)))
        .filter(|m| phone.is_none_or(|p| m.phone_number == p))
        .collect();
    ok(json!({ "messages": messages }))
}

/// `DELETE /emulator/outbox`
pub async fn clear_outbox(State(app): State<Shared>) -> ApiResult {
    app.store.lock().outbox.clear();
    ok_empty()
}

#[derive(Debug, Deserialize)]
pub struct AdvanceRequest {
    pub seconds: u64,
}

/// `POST /emulator/clock/advance` `{"seconds": N}`: moves the emulator's clock forward, so
/// tests can expire tokens and sessions without waiting. Answers with the new time.
pub async fn advance_clock(
    State(app): State<Shared>,
    Body(req): Body<AdvanceRequest>,
) -> ApiResult {
    const TEN_YEARS: u64 = 10 * 366 * 24 * 3600;
    if req.seconds > TEN_YEARS {
        return Err(ApiError::bad_request("seconds must be at most ten years."));
    }
    app.clock.advance(Duration::from_secs(req.seconds));
    ok(json!({ "now": timestamp(app.now()) }))
}
