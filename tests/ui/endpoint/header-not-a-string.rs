use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    pub email: String,
    #[stytch(header = "X-Retry-Count")]
    pub retries: Option<u32>,
}

fn main() {}
