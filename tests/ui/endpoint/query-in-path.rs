use stytch_macros::endpoint;

/// Searches users.
#[endpoint(GET, "/v1/users?limit=10")]
pub struct SearchRequest {
    pub cursor: Option<String>,
}

fn main() {}
