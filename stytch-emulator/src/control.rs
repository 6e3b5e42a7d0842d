//! Emulator-only endpoints under `/emulator/` (not part of Stytch's API): moving the clock.
//! The outbox endpoints live in `outbox.rs`.

use std::time::Duration;

use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use crate::app::{timestamp, Shared};
use crate::errors::{ApiError, ApiResult};
use crate::http::Body;
use crate::ids;

#[derive(Debug, Deserialize)]
pub struct AdvanceRequest {
    pub seconds: u64,
}

/// `POST /emulator/clock/advance` `{"seconds": N}`: moves the emulator's clock forward, so
/// tests can expire reset tokens and sessions without waiting. Answers with the new time.
pub async fn advance_clock(
    State(app): State<Shared>,
    Body(req): Body<AdvanceRequest>,
) -> ApiResult {
    const TEN_YEARS: u64 = 10 * 366 * 24 * 3600;
    if req.seconds > TEN_YEARS {
        return Err(ApiError::bad_request("seconds must be at most ten years."));
    }
    app.clock.advance(Duration::from_secs(req.seconds));
    Ok(Json(
        json!({ "status_code": 200, "request_id": ids::request_id(), "now": timestamp(app.now()) }),
    ))
}
