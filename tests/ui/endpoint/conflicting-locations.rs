use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    #[stytch(query, header = "X-Email")]
    pub email: String,
}

fn main() {}
