//! Measures the emulator under the load test's mix: 2,000 SDK calls from 16 tasks, on a
//! 2-thread runtime, and prints p50, p99 and the wall time.
//!
//! `cargo run -p stytch-tests --example emulator_load` (the test profile's build, as the
//! emulator runs in tests); `-- ROUNDS` repeats the run on fresh emulators.

#[path = "../tests/support/emulator_load.rs"]
mod load;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for round in 1..=rounds {
        let report = runtime.block_on(async {
            let emulator = stytch_emulator::Emulator::start().await.expect("emulator");
            load::run(&emulator, 16, 125).await
        });
        println!(
            "round {round}: {} calls, {} errors, p50 {:?}, p99 {:?}, max {:?}, wall {:?}",
            report.latencies.len(),
            report.errors.len(),
            report.percentile(50.0),
            report.percentile(99.0),
            report.percentile(100.0),
            report.elapsed,
        );
    }
}
