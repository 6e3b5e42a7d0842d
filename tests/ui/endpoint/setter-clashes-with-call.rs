use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    pub email: String,
    pub timeout: Option<u32>,
}

fn main() {}
