use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users", method_name = create)]
pub struct CreateRequest {
    pub email: String,
}

fn main() {}
