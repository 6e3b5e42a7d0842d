use stytch_macros::endpoint;

#[endpoint(POST, "/v1/oauth2/token", body = xml)]
pub struct TokenRequest {
    pub client_id: String,
}

fn main() {}
