//! Expansion snapshots: the pretty-printed output of a macro, kept under `tests/snapshots/`
//! for review. Set `UPDATE_SNAPSHOTS=1` to rewrite them after an intended change.

use proc_macro2::TokenStream;

/// Compares `expanded` with `tests/snapshots/{name}.expanded.rs`.
pub fn assert_matches(name: &str, expanded: TokenStream) {
    let file: syn::File = syn::parse2(expanded).expect("the expansion parses as a file");
    let pretty = prettyplease::unparse(&file);
    let path = format!(
        "{}/tests/snapshots/{name}.expanded.rs",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &pretty).expect("write snapshot");
    }
    let expected =
        std::fs::read_to_string(&path).expect("snapshot exists; run with UPDATE_SNAPSHOTS=1");
    assert_eq!(
        pretty, expected,
        "{name}: the expansion changed; review it and rerun with UPDATE_SNAPSHOTS=1"
    );
}
