use stytch_macros::model;

#[model]
pub enum Locale {
    PtBr,
    #[stytch(rename = "pt_br")]
    Portuguese,
}

fn main() {}
