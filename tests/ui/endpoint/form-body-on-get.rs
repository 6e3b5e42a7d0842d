use stytch_macros::endpoint;

#[endpoint(GET, "/v1/oauth2/introspect", body = form)]
pub struct IntrospectRequest {
    pub token: String,
}

fn main() {}
