use stytch_macros::endpoint;

#[endpoint(POST, "/v1/users")]
pub struct CreateRequest<T> {
    pub email: T,
}

fn main() {}
