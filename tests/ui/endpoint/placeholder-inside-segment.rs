use stytch_macros::endpoint;

/// Fetches a user.
#[endpoint(GET, "/v1/users/{user_id}.json")]
pub struct GetRequest {
    pub user_id: String,
}

fn main() {}
