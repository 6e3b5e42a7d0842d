use stytch_macros::model;

#[model]
pub struct Member {
    #[stytch(query)]
    pub member_id: String,
}

fn main() {}
