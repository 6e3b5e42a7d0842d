use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest(pub String);

fn main() {}
