//! Client CPU per call: the SDK against raw reqwest (same TLS/HTTP stack, from
//! `stytch::http_client_builder`) sending a pre-serialized body. The baseline reads the
//! response bytes and checks their length without parsing them, the floor for any SDK on this
//! HTTP stack; a second raw side also parses them into `serde_json::Value`, for reference. Two
//! endpoints: a POST with a nested response (consumer password reset) and a GET with query
//! parameters (B2B member get). Each runs sequentially and with 16 requests in flight.
//!
//! The loopback server runs on its own runtime thread; the client runs on a current-thread
//! runtime on the bench thread, and the figure is that thread's CPU time
//! (`CLOCK_THREAD_CPUTIME_ID`), so the server's work is not counted. Criterion reports each side;
//! the table printed at the end (SDK over raw bytes in µs and as a ratio) comes from rounds that
//! alternate the sides.
//!
//! Run with `cargo bench -p stytch-tests --bench call_cost`.

use criterion::{criterion_group, Criterion};
use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;
use stytch_tests::calls::{raw_bytes_call, raw_call, reset_body, sdk_reset, thread_cpu_of_calls};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

const IN_FLIGHT: usize = 16;
const ORGANIZATION_ID: &str = "organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931";
const MEMBER_ID: &str = "member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f";

/// Rounds of the interleaved comparison behind the printed ratios, and calls per side and round.
const ROUNDS: usize = 12;
const CALLS_PER_ROUND: u64 = 400;

/// One row of the final table: endpoint, mode, CPU per call of the SDK, raw bytes and raw +
/// `Value`, and the spread over the rounds of the SDK / raw bytes ratio.
struct Ratio {
    group: String,
    mode: &'static str,
    sdk: Duration,
    raw: Duration,
    raw_value: Duration,
    lowest: f64,
    highest: f64,
}

static RATIOS: Mutex<Vec<Ratio>> = Mutex::new(Vec::new());

struct Setup {
    runtime: tokio::runtime::Runtime,
    // Keeps the server's runtime alive for the whole bench.
    _server_runtime: tokio::runtime::Runtime,
    base: String,
    raw: reqwest::Client,
    /// Body lengths of the two canned replies, which the raw-bytes side checks.
    reset_reply_len: usize,
    member_reply_len: usize,
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
    let reset_reply = fixture("seeds/consumer_passwords_email_reset.json");
    let reset_reply_len = reset_reply.to_string().len();
    server.route("/v1/passwords/email/reset", Reply::json(200, &reset_reply));
    let search = fixture("b2b_orgs/members_search.json");
    let member_get = serde_json::json!({
        "request_id": "request-id-test-member-get",
        "member_id": MEMBER_ID,
        "member": search["members"][0],
        "organization": search["organizations"][ORGANIZATION_ID],
        "status_code": 200,
    });
    let member_reply_len = member_get.to_string().len();
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
        reset_reply_len,
        member_reply_len,
        consumer,
        b2b,
    }
}

/// Criterion figures for each side, then the interleaved rounds behind the final table.
fn bench_sides<S, SF, R, RF, V, VF>(
    c: &mut Criterion,
    runtime: &tokio::runtime::Runtime,
    group: &str,
    sdk: S,
    raw: R,
    raw_value: V,
) where
    S: Fn() -> SF + Clone + 'static,
    SF: Future<Output = ()> + 'static,
    R: Fn() -> RF + Clone + 'static,
    RF: Future<Output = ()> + 'static,
    V: Fn() -> VF + Clone + 'static,
    VF: Future<Output = ()> + 'static,
{
    let mut g = c.benchmark_group(group);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    for (mode, in_flight) in [("sequential", 1), ("in_flight_16", IN_FLIGHT)] {
        g.bench_function(format!("sdk/{mode}"), |b| {
            b.iter_custom(|iters| thread_cpu_of_calls(runtime, iters, in_flight, sdk.clone()))
        });
        g.bench_function(format!("raw_bytes/{mode}"), |b| {
            b.iter_custom(|iters| thread_cpu_of_calls(runtime, iters, in_flight, raw.clone()))
        });
        g.bench_function(format!("raw_value/{mode}"), |b| {
            b.iter_custom(|iters| thread_cpu_of_calls(runtime, iters, in_flight, raw_value.clone()))
        });
        // The table comes from rounds that alternate the sides (and which goes first), so a
        // change in the machine's load during the run reaches them alike.
        let mut totals = [Duration::ZERO; 3];
        let (mut lowest, mut highest) = (f64::MAX, f64::MIN);
        for round in 0..ROUNDS {
            let mut cpu = [Duration::ZERO; 3];
            for step in 0..3 {
                let side = (round + step) % 3;
                cpu[side] = match side {
                    0 => thread_cpu_of_calls(runtime, CALLS_PER_ROUND, in_flight, sdk.clone()),
                    1 => thread_cpu_of_calls(runtime, CALLS_PER_ROUND, in_flight, raw.clone()),
                    _ => {
                        thread_cpu_of_calls(runtime, CALLS_PER_ROUND, in_flight, raw_value.clone())
                    }
                };
            }
            let ratio = cpu[0].as_secs_f64() / cpu[1].as_secs_f64();
            lowest = lowest.min(ratio);
            highest = highest.max(ratio);
            for (total, cpu) in totals.iter_mut().zip(cpu) {
                *total += cpu;
            }
        }
        let calls = (ROUNDS as u32) * (CALLS_PER_ROUND as u32);
        RATIOS.lock().unwrap().push(Ratio {
            group: group.to_owned(),
            mode,
            sdk: totals[0] / calls,
            raw: totals[1] / calls,
            raw_value: totals[2] / calls,
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
    let reset_len = s.reset_reply_len;
    let raw_reset = {
        let (client, url, body) = (s.raw.clone(), reset_url.clone(), reset_body.clone());
        move || {
            let (client, url, body) = (client.clone(), url.clone(), body.clone());
            async move {
                raw_bytes_call(&client, reqwest::Method::POST, &url, Some(&body), reset_len).await
            }
        }
    };
    let raw_value_reset = {
        let client = s.raw.clone();
        move || {
            let (client, url, body) = (client.clone(), reset_url.clone(), reset_body.clone());
            async move { raw_call(&client, reqwest::Method::POST, &url, Some(&body)).await }
        }
    };
    bench_sides(
        c,
        runtime,
        "post_passwords_email_reset",
        reset,
        raw_reset,
        raw_value_reset,
    );

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
    let get_len = s.member_reply_len;
    let raw_get = {
        let (client, url) = (s.raw.clone(), get_url.clone());
        move || {
            let (client, url) = (client.clone(), url.clone());
            async move { raw_bytes_call(&client, reqwest::Method::GET, &url, None, get_len).await }
        }
    };
    let raw_value_get = {
        let client = s.raw.clone();
        move || {
            let (client, url) = (client.clone(), get_url.clone());
            async move { raw_call(&client, reqwest::Method::GET, &url, None).await }
        }
    };
    bench_sides(
        c,
        runtime,
        "get_b2b_members_get",
        get,
        raw_get,
        raw_value_get,
    );
}

fn print_ratios() {
    println!(
        "\nclient CPU per call ({ROUNDS} rounds of {CALLS_PER_ROUND} calls a side, sides alternating):"
    );
    for r in RATIOS.lock().unwrap().iter() {
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        println!(
            "  {:<28} {:<13} sdk {:>6.1} us  raw bytes {:>6.1} us  raw+Value {:>6.1} us  \
             sdk - raw bytes {:>5.1} us  sdk / raw bytes {:.2} (rounds {:.2}..{:.2})",
            r.group,
            r.mode,
            us(r.sdk),
            us(r.raw),
            us(r.raw_value),
            us(r.sdk) - us(r.raw),
            r.sdk.as_secs_f64() / r.raw.as_secs_f64(),
            r.lowest,
            r.highest,
        );
    }
}

/// Decoding alone, no HTTP, each result dropped inside the loop: the SDK's models (read as the
/// SDK reads a body: one UTF-8 check, then serde_json's str reader), `Value`, and `scan`, which
/// parses the same body into `IgnoredAny` and so builds nothing: the least any decoder on
/// serde_json spends on it.
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
        b.iter(|| serde_json::from_str::<Reset>(std::str::from_utf8(&body).unwrap()).unwrap())
    });
    g.bench_function("scan", |b| {
        b.iter(|| {
            serde_json::from_str::<serde::de::IgnoredAny>(std::str::from_utf8(&body).unwrap())
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, call_cost, decode_cost);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    print_ratios();
}
