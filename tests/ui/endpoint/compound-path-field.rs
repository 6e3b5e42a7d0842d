use stytch_macros::endpoint;

/// Deletes users.
#[endpoint(DELETE, "/v1/users/{user_id}")]
pub struct DeleteRequest {
    pub user_id: Vec<String>,
}

fn main() {}
