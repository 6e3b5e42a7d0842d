use stytch_macros::endpoint;

#[endpoint(GET, "/v1/users")]
pub struct SearchRequest {
    #[stytch(body)]
    pub query: Option<String>,
}

fn main() {}
