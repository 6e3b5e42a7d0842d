use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users", name = create, name = make)]
pub struct CreateRequest {
    pub email: String,
}

fn main() {}
