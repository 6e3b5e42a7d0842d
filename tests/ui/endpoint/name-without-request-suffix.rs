use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateUser {
    pub email: String,
}

fn main() {}
