use stytch_macros::endpoint;

/// Fetches a user.
#[endpoint(GET, "/v1/users/{user_id}")]
pub struct GetRequest {
    pub id: String,
}

fn main() {}
