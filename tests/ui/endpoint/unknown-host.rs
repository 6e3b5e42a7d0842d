use stytch_macros::endpoint;

#[endpoint(POST, "/v1/email/risk", host = telemetry)]
pub struct RiskRequest {
    pub email_address: String,
}

fn main() {}
