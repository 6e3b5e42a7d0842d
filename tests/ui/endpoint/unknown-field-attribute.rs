use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    #[stytch(form)]
    pub email: String,
}

fn main() {}
