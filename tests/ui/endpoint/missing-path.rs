use stytch_macros::endpoint;

/// Creates a user.
#[endpoint(POST)]
pub struct CreateRequest {
    pub email: String,
}

fn main() {}
