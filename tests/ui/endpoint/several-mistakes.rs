use stytch_macros::endpoint;

#[endpoint(GET, "/v1/organizations/{organization_id}/members/{member_id}", color = blue)]
pub struct GetRequest {
    pub organization_id: Option<String>,
}

fn main() {}
