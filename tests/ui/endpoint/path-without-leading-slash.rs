use stytch_macros::endpoint;

/// Creates a user.
#[endpoint(POST, "v1/users")]
pub struct CreateRequest {
    pub email: String,
}

fn main() {}
