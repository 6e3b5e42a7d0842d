use stytch_macros::model;

#[model]
pub enum Factor {
    Password,
    Unknown,
}

fn main() {}
