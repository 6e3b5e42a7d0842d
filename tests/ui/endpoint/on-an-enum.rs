use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub enum CreateRequest {
    Email(String),
}

fn main() {}
