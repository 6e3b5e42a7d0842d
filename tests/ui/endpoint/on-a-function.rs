use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub fn create_user() {}

fn main() {}
