use stytch_macros::endpoint;

#[endpoint(POST, "/v1/oauth2/introspect", body = form)]
pub struct IntrospectRequest {
    #[stytch(project_id)]
    pub project_id: String,
    pub token: String,
}

fn main() {}
