//! A fixed number of password-reset calls, through the SDK, through raw reqwest reading the
//! reply's bytes only (`bytes`), or through raw reqwest parsing them into `serde_json::Value`
//! (`raw`), as in the `call_cost` bench, for instruction counts that do not depend on the
//! machine's load:
//!
//! ```sh
//! cargo build --release -p stytch-tests --example call_loop
//! valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=/tmp/cg.sdk \
//!     target/release/examples/call_loop sdk 2000
//! valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file=/tmp/cg.bytes \
//!     target/release/examples/call_loop bytes 2000
//! grep summary /tmp/cg.sdk-01 /tmp/cg.bytes-01   # thread 1 is the client
//! ```
//!
//! Run it with 0 calls as well to subtract the setup. `m2m` checks an M2M access token locally
//! instead (warm keys, no HTTP), for the cost of the SDK's JWT path. `decode` decodes the reply
//! into the SDK's model as the SDK does, and `scan` parses it into `IgnoredAny`, building
//! nothing: both without HTTP. `sdk-as` is `sdk` with the reply decoded into a two-field type
//! of the caller's (`Call::send_as`).

use stytch_tests::calls::{
    raw_bytes_call, raw_call, reset_body, sdk_reset, sdk_reset_as_signed_in,
};
use stytch_tests::{fixture, MockServer, Reply, PROJECT_ID, SECRET};

fn main() {
    let mut args = std::env::args().skip(1);
    let (side, calls) = match (args.next(), args.next().map(|n| n.parse::<usize>())) {
        (Some(side), Some(Ok(calls)))
            if ["sdk", "sdk-as", "bytes", "raw", "m2m", "decode", "scan"]
                .contains(&side.as_str()) =>
        {
            (side, calls)
        }
        _ => {
            eprintln!("usage: call_loop sdk|sdk-as|bytes|raw|m2m|decode|scan CALLS");
            std::process::exit(2);
        }
    };
    let server_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("server runtime");
    let server = server_runtime.block_on(MockServer::start());
    let reply = fixture("seeds/consumer_passwords_email_reset.json");
    let reply_len = reply.to_string().len();
    server.route("/v1/passwords/email/reset", Reply::json(200, &reply));
    let base = server.url();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let _guard = runtime.enter();
    let client = stytch::consumer::Client::builder(PROJECT_ID, SECRET)
        .base_url(base.clone())
        .build()
        .expect("client");
    let raw = stytch::http_client_builder()
        .expect("TLS setup")
        .build()
        .expect("raw client");
    let url = format!("{base}/v1/passwords/email/reset");
    if side == "decode" || side == "scan" {
        type Reset = stytch::consumer::passwords::email::ResetResponse;
        let body = reply.to_string().into_bytes();
        for _ in 0..calls {
            let text = std::str::from_utf8(&body).expect("UTF-8");
            if side == "decode" {
                std::hint::black_box(serde_json::from_str::<Reset>(text).expect("decodes"));
            } else {
                let scanned: serde::de::IgnoredAny = serde_json::from_str(text).expect("parses");
                std::hint::black_box(scanned);
            }
        }
        return;
    }
    if side == "m2m" {
        let keys = stytch::testing::TestKeys::new();
        client.preload_keys(&keys.jwks());
        let token = keys
            .m2m_token(PROJECT_ID, "m2m-client-test-loop", ["read:users"])
            .lifetime(std::time::Duration::from_secs(3600))
            .sign();
        runtime.block_on(async {
            for _ in 0..calls {
                let checked = client.m2m().authenticate_token(token.as_str()).await;
                std::hint::black_box(checked.expect("valid token"));
            }
        });
        return;
    }
    let body = reset_body();
    runtime.block_on(async {
        for _ in 0..calls {
            match side.as_str() {
                "sdk" => sdk_reset(&client).await,
                "sdk-as" => sdk_reset_as_signed_in(&client).await,
                "bytes" => {
                    raw_bytes_call(&raw, reqwest::Method::POST, &url, Some(&body), reply_len).await
                }
                _ => raw_call(&raw, reqwest::Method::POST, &url, Some(&body)).await,
            }
        }
    });
    drop(server);
}
