use stytch_macros::model;

#[model]
pub enum Factor {
    Password,
    Email(String),
}

fn main() {}
