use stytch_macros::endpoint;

/// Updates a user.
#[endpoint(PATCH, "/v1/users/{user_id}")]
pub struct UpdateRequest {
    pub user_id: String,
}

fn main() {}
