//! Misuse of `#[endpoint]` and `#[model]` fails to compile with a spanned, actionable message.
//! Each case is `tests/ui/<attribute>/<mistake>.rs` with its reviewed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/endpoint/*.rs");
    cases.compile_fail("ui/model/*.rs");
}
