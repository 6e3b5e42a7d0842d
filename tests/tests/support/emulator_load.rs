//! A mixed workload against the emulator through the SDK, shared by the load test
//! (`tests/emulator_load.rs`, which asserts no errors) and the example that measures it
//! (`examples/emulator_load.rs`, which prints p50 and p99).

use std::time::{Duration, Instant};

use stytch_emulator::Emulator;
use tokio::task::JoinSet;

/// The outcome of a run: every call's latency, and the errors met.
pub struct Report {
    pub latencies: Vec<Duration>,
    pub errors: Vec<String>,
    pub elapsed: Duration,
}

impl Report {
    /// The `p`-th percentile latency (0 < p <= 100).
    pub fn percentile(&self, p: f64) -> Duration {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }
}

struct Fixture {
    consumer: stytch::consumer::Client,
    b2b: stytch::b2b::Client,
    user_ids: Vec<String>,
    user_tokens: Vec<String>,
    organization_id: String,
    member_ids: Vec<String>,
    member_tokens: Vec<String>,
    m2m: (String, String),
}

async fn fixture(emulator: &Emulator, tasks: usize) -> Fixture {
    let consumer = stytch::consumer::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()
        .expect("client builds");
    let b2b = stytch::b2b::Client::builder(emulator.project_id(), emulator.secret())
        .base_url(emulator.base_url())
        .build()
        .expect("client builds");
    let (mut user_ids, mut user_tokens) = (Vec::new(), Vec::new());
    for i in 0..tasks {
        let email = format!("load{i}@example.com");
        let sent = consumer
            .magic_links()
            .email()
            .login_or_create(&email)
            .await
            .unwrap();
        let token = emulator.latest_token(&email).unwrap();
        let signed_in = consumer
            .magic_links()
            .authenticate(token)
            .session_duration_minutes(60)
            .await
            .unwrap();
        user_ids.push(sent.user_id);
        user_tokens.push(signed_in.session_token.expect("a session"));
    }
    let organization_id = b2b
        .organizations()
        .create("Load")
        .email_allowed_domains(vec!["load.test".to_string()])
        .email_jit_provisioning("RESTRICTED")
        .await
        .unwrap()
        .organization
        .organization_id;
    let (mut member_ids, mut member_tokens) = (Vec::new(), Vec::new());
    for i in 0..tasks {
        let email = format!("member{i}@load.test");
        b2b.magic_links()
            .email()
            .login_or_signup(&organization_id, &email)
            .await
            .unwrap();
        let token = emulator.latest_token(&email).unwrap();
        let signed_in = b2b.magic_links().authenticate(token).await.unwrap();
        member_ids.push(signed_in.member_id);
        member_tokens.push(signed_in.session_token.expect("a session"));
    }
    let m2m = consumer
        .m2m()
        .clients()
        .create(vec!["read:users".to_string()])
        .await
        .unwrap()
        .m2m_client;
    Fixture {
        consumer,
        b2b,
        user_ids,
        user_tokens,
        organization_id,
        member_ids,
        member_tokens,
        m2m: (m2m.client_id, m2m.client_secret),
    }
}

/// One call of the mix; `Err` carries the SDK's error as text.
async fn call(f: &Fixture, task: usize, i: usize) -> Result<(), String> {
    let user = &f.user_ids[task];
    let member = &f.member_ids[task];
    let result = match i % 10 {
        0 => f
            .consumer
            .sessions()
            .authenticate()
            .session_token(&f.user_tokens[task])
            .await
            .map(drop),
        1 => f.consumer.users().get(user).await.map(drop),
        2 => f
            .consumer
            .users()
            .update(user)
            .untrusted_metadata(serde_json::json!({ "i": i }))
            .await
            .map(drop),
        3 => f
            .b2b
            .sessions()
            .authenticate()
            .session_token(&f.member_tokens[task])
            .await
            .map(drop),
        4 => f
            .b2b
            .organizations()
            .members()
            .get(&f.organization_id)
            .member_id(member)
            .await
            .map(drop),
        5 => f.consumer.m2m().token(&f.m2m.0, &f.m2m.1).await.map(drop),
        6 => f.consumer.rbac().policy().await.map(drop),
        7 => f.b2b.rbac().policy().await.map(drop),
        8 => f
            .consumer
            .magic_links()
            .email()
            .send(format!("load{task}@example.com"))
            .await
            .map(drop),
        _ => f.consumer.sessions().get(user).await.map(drop),
    };
    result.map_err(|e| e.to_string())
}

/// Runs `tasks` tasks of `calls_per_task` calls each, all at once.
pub async fn run(emulator: &Emulator, tasks: usize, calls_per_task: usize) -> Report {
    let fixture = std::sync::Arc::new(fixture(emulator, tasks).await);
    let started = Instant::now();
    let mut set = JoinSet::new();
    for task in 0..tasks {
        let fixture = fixture.clone();
        set.spawn(async move {
            let mut latencies = Vec::with_capacity(calls_per_task);
            let mut errors = Vec::new();
            for i in 0..calls_per_task {
                let at = Instant::now();
                if let Err(e) = call(&fixture, task, i + task).await {
                    errors.push(e);
                }
                latencies.push(at.elapsed());
            }
            (latencies, errors)
        });
    }
    let mut report = Report {
        latencies: Vec::new(),
        errors: Vec::new(),
        elapsed: Duration::ZERO,
    };
    while let Some(joined) = set.join_next().await {
        let (latencies, errors) = joined.expect("no task panicked");
        report.latencies.extend(latencies);
        report.errors.extend(errors);
    }
    report.elapsed = started.elapsed();
    report
}
