//! Client CPU per call: this SDK, the official `stytch` crate 11.1.0 and raw reqwest, against
//! one loopback HTTP/1.1 server (`stytch-tests`' `MockServer`) answering canned responses.
//!
//! - The server runs on a runtime thread of its own pinned to CPU 1; the client runs on a
//!   current-thread runtime on the main thread, pinned to CPU 0.
//! - The figure is the client thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`) over a round of
//!   calls, divided by the calls. Each row runs `ROUNDS` rounds; within a round every side runs
//!   once, in an order that rotates from round to round, and the table shows each side's median
//!   round.
//! - Raw reqwest is built from `stytch::http_client_builder()` (this SDK's TLS and HTTP setup),
//!   sends a pre-serialized body, reads the reply's bytes and checks their length, without
//!   parsing: the floor for any SDK on this HTTP stack.
//! - The local M2M check runs with warm keys on each side; its floor is bare `jsonwebtoken` (the
//!   official crate's JWT library, on AWS-LC as there) with the key parsed once.
//!
//! Run it (see BENCHMARKS.md) with
//! `cargo run --release --manifest-path benches/compare/Cargo.toml -- [ROUNDS]`.

use std::future::Future;
use std::rc::Rc;
use std::time::Duration;
use stytch_tests::calls::{raw_bytes_call, thread_cpu_of_calls, SignedIn};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

const IN_FLIGHT: usize = 16;
const EMAIL: &str = "ada@example.com";
const PASSWORD: &str = "a long new passphrase 42";
const M2M_CLIENT_ID: &str = "m2m-client-test-d731954d-dab3-4a2b-bdee-07f3ad1be885";

/// Pins the calling thread to one CPU; a no-op (with a note) where the kernel refuses.
fn pin_to(cpu: usize) {
    // SAFETY: `set` is a zeroed, valid cpu_set_t; pid 0 is the calling thread.
    let rc = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(cpu, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set)
    };
    if rc != 0 {
        eprintln!("could not pin a thread to CPU {cpu}; running unpinned");
    }
}

/// Runs `calls` calls of `call`, `in_flight` at a time, and returns the thread CPU per call.
fn per_call<F, Fut>(runtime: &tokio::runtime::Runtime, calls: u64, in_flight: usize, call: F) -> f64
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let cpu = thread_cpu_of_calls(runtime, calls, in_flight, call);
    cpu.as_secs_f64() * 1e6 / calls as f64
}

/// A boxed call, so that the sides of a row can sit in one list.
type Side = Box<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = ()>>>>;

fn side<F, Fut>(f: F) -> Side
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    Box::new(move || Box::pin(f()))
}

/// One row: each side's median µs per call over the rounds.
fn row(
    runtime: &tokio::runtime::Runtime,
    name: &str,
    rounds: usize,
    calls: u64,
    in_flight: usize,
    sides: Vec<(&str, Side)>,
) -> Vec<f64> {
    let sides: Vec<(&str, Rc<Side>)> = sides.into_iter().map(|(n, s)| (n, Rc::new(s))).collect();
    let run = |side: &Rc<Side>, calls: u64| {
        let side = side.clone();
        per_call(runtime, calls, in_flight, move || side())
    };
    // Warm-up: connections open, key sets fetched, caches filled.
    for (_, s) in &sides {
        run(s, calls / 10 + 16);
    }
    let mut figures: Vec<Vec<f64>> = vec![Vec::new(); sides.len()];
    for round in 0..rounds {
        for step in 0..sides.len() {
            let i = (round + step) % sides.len();
            figures[i].push(run(&sides[i].1, calls));
        }
    }
    let medians: Vec<f64> = figures
        .into_iter()
        .map(|mut f| {
            f.sort_by(f64::total_cmp);
            f[f.len() / 2]
        })
        .collect();
    let cells: Vec<String> = sides
        .iter()
        .zip(&medians)
        .map(|((n, _), m)| format!("{n} {m:.1} µs"))
        .collect();
    println!("{name:<40} {}", cells.join("  "));
    medians
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("ROUNDS is a number"))
        .unwrap_or(3);

    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .on_thread_start(|| pin_to(1))
        .enable_all()
        .build()
        .expect("server runtime");
    pin_to(0);

    let keys = ours::testing::TestKeys::new();
    let reset = fixture("seeds/consumer_passwords_email_reset.json");
    let organization = fixture("b2b_orgs/organizations_search.json")["organizations"][0].clone();
    let organization_id = organization["organization_id"]
        .as_str()
        .expect("organization id")
        .to_owned();
    let org_get = serde_json::json!({
        "request_id": "request-id-test-organization-get",
        "organization": organization,
        "status_code": 200,
    });
    let server = server_runtime.block_on(async {
        let server = MockServer::start().await;
        server.route("/v1/passwords/authenticate", Reply::json(200, &reset));
        server.route(
            &format!("/v1/b2b/organizations/{organization_id}"),
            Reply::json(200, &org_get),
        );
        // The official crate percent-encodes every non-alphanumeric byte of the id, `-` too.
        server.route(
            &format!(
                "/v1/b2b/organizations/{}",
                organization_id.replace('-', "%2D")
            ),
            Reply::json(200, &org_get),
        );
        server.route(
            "/v1/sessions/jwks/",
            Reply::json(200, &keys.jwks_json(&keys.jwks())),
        );
        server
    });
    let base = server.url();
    let reset_len = reset.to_string().len();
    let org_len = org_get.to_string().len();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let guard = runtime.enter();
    let raw = ours::http_client_builder()
        .expect("TLS setup")
        .build()
        .expect("raw client");
    let consumer = ours::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(base.clone())
        .build()
        .expect("client");
    let b2b = ours::b2b::Client::builder(PROJECT_ID, SECRET)
        .base_url(base.clone())
        .build()
        .expect("client");
    let official_http = |vertical| {
        official::client::Client::new_with_base_url(
            PROJECT_ID,
            SECRET,
            reqwest::Url::parse(&format!("{base}/")).expect("base URL"),
            vertical,
        )
        .expect("official client")
    };
    // Its clients are not `Clone`; the sides share them through an `Rc`.
    let official_consumer = Rc::new(official::consumer::client::Client::new_with_http_client(
        official_http(official::client::Vertical::Consumer),
        official_http(official::client::Vertical::Consumer),
    ));
    let official_b2b = Rc::new(official::b2b::client::Client::new_with_http_client(
        official_http(official::client::Vertical::B2B),
        official_http(official::client::Vertical::B2B),
    ));
    drop(guard);

    println!(
        "client CPU per call, median of {rounds} interleaved rounds (load average {})",
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    let mut table = Vec::new();

    // passwords.authenticate: the same request on every side.
    let body = bytes::Bytes::from(
        serde_json::to_vec(&serde_json::json!({
            "email": EMAIL,
            "password": PASSWORD,
            "session_duration_minutes": 60,
        }))
        .expect("JSON body"),
    );
    let url = format!("{base}/v1/passwords/authenticate");
    let authenticate_sides = || -> Vec<(&str, Side)> {
        let (c, o, r) = (consumer.clone(), official_consumer.clone(), raw.clone());
        let (url, body) = (url.clone(), body.clone());
        vec![
            (
                "ours",
                side(move || {
                    let c = c.clone();
                    async move {
                        let reply = c
                            .passwords()
                            .authenticate(EMAIL, PASSWORD)
                            .session_duration_minutes(60)
                            .await
                            .expect("ours");
                        std::hint::black_box(reply);
                    }
                }),
            ),
            (
                "official",
                side(move || {
                    let o = o.clone();
                    async move {
                        let reply = o
                            .passwords
                            .authenticate(official::consumer::passwords::AuthenticateRequest {
                                email: EMAIL.to_owned(),
                                password: PASSWORD.to_owned(),
                                session_duration_minutes: Some(60),
                                ..Default::default()
                            })
                            .await
                            .expect("official");
                        std::hint::black_box(reply);
                    }
                }),
            ),
            (
                "raw bytes",
                side(move || {
                    let (r, url, body) = (r.clone(), url.clone(), body.clone());
                    async move {
                        raw_bytes_call(&r, reqwest::Method::POST, &url, Some(&body), reset_len)
                            .await
                    }
                }),
            ),
        ]
    };
    table.push((
        "passwords.authenticate, sequential",
        row(
            &runtime,
            "passwords.authenticate, sequential",
            rounds,
            2000,
            1,
            authenticate_sides(),
        ),
    ));
    table.push((
        "passwords.authenticate, 16 in flight",
        row(
            &runtime,
            "passwords.authenticate, 16 in flight",
            rounds,
            4000,
            IN_FLIGHT,
            authenticate_sides(),
        ),
    ));

    // The same, with this SDK decoding into a two-field type of the caller's (`send_as`).
    let slim_sides: Vec<(&str, Side)> = {
        let mut sides = authenticate_sides();
        let c = consumer.clone();
        sides[0] = (
            "ours send_as",
            side(move || {
                let c = c.clone();
                async move {
                    let reply: SignedIn = c
                        .passwords()
                        .authenticate(EMAIL, PASSWORD)
                        .session_duration_minutes(60)
                        .send_as()
                        .await
                        .expect("ours");
                    std::hint::black_box(reply);
                }
            }),
        );
        sides
    };
    table.push((
        "the same, 16 in flight, `send_as` (2 fields)",
        row(
            &runtime,
            "the same, 16 in flight, send_as (2 fields)",
            rounds,
            4000,
            IN_FLIGHT,
            slim_sides,
        ),
    ));

    // B2B organizations.get.
    let org_url = format!("{base}/v1/b2b/organizations/{organization_id}");
    let org_sides: Vec<(&str, Side)> = {
        let (c, o, r) = (b2b.clone(), official_b2b.clone(), raw.clone());
        let (id, id2) = (organization_id.clone(), organization_id.clone());
        vec![
            (
                "ours",
                side(move || {
                    let (c, id) = (c.clone(), id.clone());
                    async move {
                        let reply = c.organizations().get(id).await.expect("ours");
                        std::hint::black_box(reply);
                    }
                }),
            ),
            (
                "official",
                side(move || {
                    let (o, id) = (o.clone(), id2.clone());
                    async move {
                        let reply = o
                            .organizations
                            .get(official::b2b::organizations::GetRequest {
                                organization_id: id,
                            })
                            .await
                            .expect("official");
                        std::hint::black_box(reply);
                    }
                }),
            ),
            (
                "raw bytes",
                side(move || {
                    let (r, url) = (r.clone(), org_url.clone());
                    async move { raw_bytes_call(&r, reqwest::Method::GET, &url, None, org_len).await }
                }),
            ),
        ]
    };
    table.push((
        "B2B organizations.get, sequential",
        row(
            &runtime,
            "B2B organizations.get, sequential",
            rounds,
            2000,
            1,
            org_sides,
        ),
    ));

    // Local M2M token check, warm keys.
    let token = keys
        .m2m_token(PROJECT_ID, M2M_CLIENT_ID, ["read:users", "write:users"])
        .lifetime(Duration::from_secs(3600))
        .sign();
    let jwk = &keys.jwks()[0];
    let key = jsonwebtoken::DecodingKey::from_rsa_components(&jwk.n, &jwk.e).expect("key");
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[PROJECT_ID]);
    validation.set_issuer(&[format!("stytch.com/{PROJECT_ID}")]);
    let m2m_sides: Vec<(&str, Side)> = {
        let (c, o) = (consumer.clone(), official_consumer.clone());
        let (t1, t2, t3) = (token.clone(), token.clone(), token.clone());
        let shared = Rc::new((key, validation));
        vec![
            (
                "ours",
                side(move || {
                    let (c, t) = (c.clone(), t1.clone());
                    async move {
                        let checked = c.m2m().authenticate_token(t).await.expect("ours");
                        std::hint::black_box(checked);
                    }
                }),
            ),
            (
                "official",
                side(move || {
                    let (o, t) = (o.clone(), t2.clone());
                    async move {
                        let checked = o
                            .m2m
                            .authenticate_token(official::consumer::m2m::AuthenticateTokenRequest {
                                access_token: t,
                                ..Default::default()
                            })
                            .await
                            .expect("official");
                        std::hint::black_box(checked);
                    }
                }),
            ),
            (
                "jsonwebtoken",
                side(move || {
                    let (shared, t) = (shared.clone(), t3.clone());
                    async move {
                        let data =
                            jsonwebtoken::decode::<serde_json::Value>(&t, &shared.0, &shared.1)
                                .expect("jsonwebtoken");
                        std::hint::black_box(data);
                    }
                }),
            ),
        ]
    };
    table.push((
        "local M2M token check (warm keys)",
        row(
            &runtime,
            "local M2M token check (warm keys)",
            rounds,
            4000,
            1,
            m2m_sides,
        ),
    ));

    println!("\n| call | this SDK | official 11.1.0 | floor | SDK − floor | SDK / official |");
    println!("|---|---|---|---|---|---|");
    for (name, m) in &table {
        println!(
            "| {name} | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} µs | {:.2} |",
            m[0],
            m[1],
            m[2],
            m[0] - m[2],
            m[0] / m[1]
        );
    }
    drop(server);
}
