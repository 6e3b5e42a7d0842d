//! A fixed number of session checks, for counting instructions with callgrind: the `Session`
//! extractor, or a bare `authenticate_jwt_local` on the same warm key cache (the same setup
//! and checks as `benches/extractor.rs`). Run each mode with N and with 0 calls, and
//! subtract, to get instructions per call:
//!
//! ```sh
//! cargo build --release -p stytch-axum --example extractor_loop
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/extractor_loop extractor 2000 2>&1 | grep refs
//! ```

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "extractor".to_owned());
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let fixture = support::Fixture::new();
    runtime.block_on(async {
        for _ in 0..calls {
            if mode == "bare" {
                fixture.bare().await;
            } else {
                fixture.extractor().await;
            }
        }
    });
}
