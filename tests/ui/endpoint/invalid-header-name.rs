use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest {
    pub email: String,
    #[stytch(header = "X Member Session")]
    pub member_session_token: Option<String>,
}

fn main() {}
