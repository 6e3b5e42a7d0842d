//! 2,000 mixed SDK calls (consumer and B2B sessions, users, members, M2M tokens, policies,
//! magic links) from 16 concurrent tasks against one emulator: none may fail. Latencies are
//! measured by `examples/emulator_load.rs` (BENCHMARKS.md), not asserted here.

#[path = "support/emulator_load.rs"]
mod load;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_mixed_calls_from_sixteen_tasks_all_succeed() {
    let emulator = stytch_emulator::Emulator::start().await.unwrap();
    let report = load::run(&emulator, 16, 125).await;
    assert_eq!(report.latencies.len(), 2000);
    println!(
        "2000 calls: p50 {:?}, p99 {:?}, wall {:?} (figures: examples/emulator_load.rs)",
        report.percentile(50.0),
        report.percentile(99.0),
        report.elapsed
    );
    assert!(
        report.errors.is_empty(),
        "{} errors, first: {:?}",
        report.errors.len(),
        report.errors.first()
    );
}
