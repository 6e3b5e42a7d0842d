//! Client CPU per call: the SDK against raw reqwest (same TLS/HTTP stack, from
//! `stytch::http_client_builder`) sending a pre-serialized body and parsing the response into
//! `serde_json::Value`. Two endpoints: a POST with a nested response (consumer password reset)
//! and a GET with query parameters (B2B member get). Each runs sequentially and with 16
//! requests in flight.
//!
//! The loopback server runs on its own runtime thread; the client runs on a current-thread
//! runtime on the bench thread, and the figure is that thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`), so the server's work is not counted. At the end the bench prints
//! each SDK/raw ratio from the same run.
//!
//! Run with `cargo bench -p stytch-tests --bench call_cost`.

use criterion::{criterion_group, Criterion};
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;
use stytch_tests::{expected_basic_auth, fixture, MockServer, Reply, PROJECT_ID, SECRET};

const IN_FLIGHT: usize = 16;
const ORGANIZATION_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

/// Mean client CPU per call for each benchmark, as measured in this run.
static MEANS: Mutex<Vec<(String, f64)>> = Mutex::new(Vec::new());

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

async fn raw_call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&bytes::Bytes>,
) {
    let auth = HeaderValue::from_str(&expected_basic_auth()).unwrap();
    let mut request = client.request(method, url).header(AUTHORIZATION, auth);
    if let Some(body) = body {
        request = request
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body.clone());
    }
    let response = request.send().await.unwrap();
    assert!(response.status().is_success());
    let bytes = response.bytes().await.unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    std::hint::black_box(value);
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
        for (who, run) in [("sdk", 0), ("raw_value", 1)] {
            let name = format!("{who}/{mode}");
            let mut total = Duration::ZERO;
            let mut calls = 0u64;
            g.bench_function(&name, |b| {
                b.iter_custom(|iters| {
                    let spent = if run == 0 {
                        measure(runtime, iters, in_flight, sdk.clone())
                    } else {
                        measure(runtime, iters, in_flight, raw.clone())
                    };
                    total += spent;
                    calls += iters;
                    spent
                })
            });
            MEANS.lock().unwrap().push((
                format!("{group}/{name}"),
                total.as_nanos() as f64 / calls.max(1) as f64,
            ));
        }
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
            async move {
                let reset = client
                    .passwords()
                    .email()
                    .reset("token-test-reset-0123456789", "a long new passphrase 42")
                    .session_duration_minutes(60)
                    .await
                    .unwrap();
                std::hint::black_box(reset);
            }
        }
    };
    let reset_url = format!("{}/v1/passwords/email/reset", s.base);
    let reset_body = bytes::Bytes::from(
        serde_json::to_vec(&serde_json::json!({
            "token": "token-test-reset-0123456789",
            "password": "a long new passphrase 42",
            "session_duration_minutes": 60,
        }))
        .unwrap(),
    );
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
    let means = MEANS.lock().unwrap();
    let mean = |name: &str| means.iter().find(|(n, _)| n == name).map(|(_, m)| *m);
    println!("\nclient CPU per call (mean over the measured iterations), SDK / raw+Value:");
    for group in ["post_passwords_email_reset", "get_b2b_members_get"] {
        for mode in ["sequential", "in_flight_16"] {
            let (Some(sdk), Some(raw)) = (
                mean(&format!("{group}/sdk/{mode}")),
                mean(&format!("{group}/raw_value/{mode}")),
            ) else {
                continue;
            };
            println!(
                "  {group:<28} {mode:<13} sdk {:>7.1} us  raw {:>7.1} us  ratio {:.2}",
                sdk / 1000.0,
                raw / 1000.0,
                sdk / raw
            );
        }
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
