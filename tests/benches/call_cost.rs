//! Client CPU per call: the SDK against raw reqwest (same TLS/HTTP stack, from
//! `stytch::http_client_builder`) sending a pre-serialized body and parsing the response into
//! `serde_json::Value`. Two endpoints: a POST with a nested response (consumer password reset)
//! and a GET with query parameters (B2B member get). Each runs sequentially and with 16
//! requests in flight.
//!
//! The loopback server runs on its own runtime thread; the client runs on a current-thread
//! runtime on the bench thread, and the figure is that thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`), so the server's work is not counted. Criterion reports each side;
//! the SDK/raw ratios printed at the end come from rounds that alternate the two sides.
//!
//! Run with `cargo bench -p stytch-tests --bench call_cost`.

use criterion::{criterion_group, Criterion};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;
use stytch_tests::calls::{raw_call, reset_body, sdk_reset};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

const IN_FLIGHT: usize = 16;
const ORGANIZATION_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

/// Rounds of the interleaved comparison behind the printed ratios, and calls per side and round.
const ROUNDS: usize = 12;
const CALLS_PER_ROUND: u64 = 400;

/// One row of the final table: endpoint, mode, SDK and raw CPU per call, and the ratio's
/// spread over the rounds.
struct Ratio {
    group: String,
    mode: &'static str,
    sdk: Duration,
    raw: Duration,
    lowest: f64,
    highest: f64,
}

static RATIOS: Mutex<Vec<Ratio>> = Mutex::new(Vec::new());

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Runs `calls` calls of `call` with `in_flight` at a time and returns the thread CPU used.
fn measure<F, Fut>(
    runtime: &tokio::runtime::Runtime,
    calls: u64,
    in_flight: usize,
    call: F,
) -> Duration
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let start = thread_cpu();
    runtime.block_on(async {
        let local = tokio::task::LocalSet::new();
        local
            .run_until(async {
                let mut tasks = Vec::with_capacity(in_flight);
                for i in 0..in_flight as u64 {
                    let share = calls / in_flight as u64 + u64::from(i < calls % in_flight as u64);
                    let call = call.clone();
                    tasks.push(tokio::task::spawn_local(async move {
                        for _ in 0..share {
                            call().await;
                        }
                    }));
                }
                for task in tasks {
                    task.await.expect("bench task");
                }
            })
            .await
    });
    thread_cpu() - start
}

struct Setup {
    runtime: tokio::runtime::Runtime,
    // Keeps the server's runtime alive for the whole bench.
    _server_runtime: tokio::runtime::Runtime,
    base: String,
    raw: reqwest::Client,
    consumer: stytch::consumer::Client,
    b2b: stytch::b2b::Client,
}

fn setup() -> Setup {
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = server_runtime.block_on(MockServer::start());
    server.route(
        "/v1/passwords/email/reset",
        Reply::json(200, &fixture("seeds/consumer_passwords_email_reset.json")),
    );
    let search = fixture("b2b_orgs/members_search.json");
    let member_get = serde_json::json!({
        "request_id": "request-id-test-member-get",
        "member_id": MEMBER_ID,
        "member": search["members"][0],
        "organization": search["organizations"][ORGANIZATION_ID],
        "status_code": 200,
    });
    server.route(
        &format!("/v1/b2b/organizations/{ORGANIZATION_ID}/member"),
        Reply::json(200, &member_get),
    );
    let base = server.url();
    // The server lives as long as its runtime's tasks; the handle itself can go.
    std::mem::forget(server);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let _guard = runtime.enter();
    let raw = stytch::http_client_builder().unwrap().build().unwrap();
    let consumer = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(base.clone())
        .build()
        .unwrap();
    let b2b = stytch::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(base.clone())
        .build()
        .unwrap();
    drop(_guard);
    Setup {
        runtime,
        _server_runtime: server_runtime,
        base,
        raw,
        consumer,
        b2b,
    }
}

fn bench_pair<S, SF, R, RF>(
    c: &mut Criterion,
    runtime: &tokio::runtime::Runtime,
    group: &str,
    sdk: S,
    raw: R,
) where
    S: Fn() -> SF + Clone + 'static,
    SF: Future<Output = ()> + 'static,
    R: Fn() -> RF + Clone + 'static,
    RF: Future<Output = ()> + 'static,
{
    let mut g = c.benchmark_group(group);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    for (mode, in_flight) in [("sequential", 1), ("in_flight_16", IN_FLIGHT)] {
        g.bench_function(format!("sdk/{mode}"), |b| {
            b.iter_custom(|iters| measure(runtime, iters, in_flight, sdk.clone()))
        });
        g.bench_function(format!("raw_value/{mode}"), |b| {
            b.iter_custom(|iters| measure(runtime, iters, in_flight, raw.clone()))
        });
        // The ratio comes from rounds that alternate the two sides (and which goes first), so
        // a change in the machine's load during the run reaches both alike.
        let (mut sdk_total, mut raw_total) = (Duration::ZERO, Duration::ZERO);
        let (mut lowest, mut highest) = (f64::MAX, f64::MIN);
        for round in 0..ROUNDS {
            let (sdk_cpu, raw_cpu) = if round % 2 == 0 {
                let s = measure(runtime, CALLS_PER_ROUND, in_flight, sdk.clone());
                (s, measure(runtime, CALLS_PER_ROUND, in_flight, raw.clone()))
            } else {
                let r = measure(runtime, CALLS_PER_ROUND, in_flight, raw.clone());
                (measure(runtime, CALLS_PER_ROUND, in_flight, sdk.clone()), r)
            };
            let ratio = sdk_cpu.as_secs_f64() / raw_cpu.as_secs_f64();
            lowest = lowest.min(ratio);
            highest = highest.max(ratio);
            sdk_total += sdk_cpu;
            raw_total += raw_cpu;
        }
        let calls = (ROUNDS as u32) * (CALLS_PER_ROUND as u32);
        RATIOS.lock().unwrap().push(Ratio {
            group: group.to_owned(),
            mode,
            sdk: sdk_total / calls,
            raw: raw_total / calls,
            lowest,
            highest,
        });
    }
    g.finish();
}

fn call_cost(c: &mut Criterion) {
    let s = setup();
    let runtime = &s.runtime;

    // POST with a nested response: consumer passwords.email.reset.
    let reset = {
        let client = s.consumer.clone();
        move || {
            let client = client.clone();
            async move { sdk_reset(&client).await }
        }
    };
    let reset_url = format!("{}/v1/passwords/email/reset", s.base);
    let reset_body = reset_body();
    let raw_reset = {
        let client = s.raw.clone();
        move || {
            let (client, url, body) = (client.clone(), reset_url.clone(), reset_body.clone());
            async move { raw_call(&client, reqwest::Method::POST, &url, Some(&body)).await }
        }
    };
    bench_pair(c, runtime, "post_passwords_email_reset", reset, raw_reset);

    // GET with query parameters: b2b organizations.members.get.
    let get = {
        let client = s.b2b.clone();
        move || {
            let client = client.clone();
            async move {
                let member = client
                    .organizations()
                    .members()
                    .get(ORGANIZATION_ID)
                    .member_id(MEMBER_ID)
                    .await
                    .unwrap();
                std::hint::black_box(member);
            }
        }
    };
    let get_url = format!(
        "{}/v1/b2b/organizations/{ORGANIZATION_ID}/member?member_id={MEMBER_ID}",
        s.base
    );
    let raw_get = {
        let client = s.raw.clone();
        move || {
            let (client, url) = (client.clone(), get_url.clone());
            async move { raw_call(&client, reqwest::Method::GET, &url, None).await }
        }
    };
    bench_pair(c, runtime, "get_b2b_members_get", get, raw_get);
}

fn print_ratios() {
    println!(
        "\nclient CPU per call, SDK / raw+Value ({ROUNDS} alternating rounds of {CALLS_PER_ROUND} calls a side):"
    );
    for r in RATIOS.lock().unwrap().iter() {
        println!(
            "  {:<28} {:<13} sdk {:>7.1} us  raw {:>7.1} us  ratio {:.2}  (rounds {:.2}..{:.2})",
            r.group,
            r.mode,
            r.sdk.as_secs_f64() * 1e6,
            r.raw.as_secs_f64() * 1e6,
            r.sdk.as_secs_f64() / r.raw.as_secs_f64(),
            r.lowest,
            r.highest,
        );
    }
}

/// Decoding alone, no HTTP: where the typed path gains or loses against `Value`.
fn decode_cost(c: &mut Criterion) {
    let body = serde_json::to_vec(&fixture("seeds/consumer_passwords_email_reset.json")).unwrap();
    type Reset = stytch::consumer::passwords::email::ResetResponse;
    let mut g = c.benchmark_group("decode_passwords_email_reset");
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(2));
    g.bench_function("value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(&body).unwrap())
    });
    g.bench_function("typed", |b| {
        b.iter(|| serde_json::from_slice::<Reset>(&body).unwrap())
    });
    g.finish();
}

criterion_group!(benches, call_cost, decode_cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios();
}
