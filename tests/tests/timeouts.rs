//! The default timeouts and retries agree: each attempt has its own limit and the call a
//! deadline, so a GET to a server that never answers is tried again within the deadline, and
//! a POST, which the server may already have acted on, is sent once.
//!
//! The client runs on paused time (tokio's test clock jumps to the next timer whenever the
//! runtime is idle), so 30 s of timeouts pass at once; the server runs on its own thread in
//! real time and simply never answers.

use std::time::Duration;
use stytch::{DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_TIMEOUT};
use stytch_tests::{MockServer, Reply};

/// A server that reads requests and never answers, on a thread and runtime of its own.
fn silent_server() -> MockServer {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime for the server");
        runtime.block_on(async move {
            let server = MockServer::start().await;
            server.always(Reply::Delay(
                Duration::from_secs(24 * 3600),
                Box::new(Reply::ok()),
            ));
            sender.send(server).expect("the test is waiting");
            std::future::pending::<()>().await;
        });
    });
    receiver.recv().expect("the server started")
}

/// Waits (in real time) until the server has seen `count` requests, then a little longer to
/// catch any extra one.
fn settle(server: &MockServer, count: usize) -> usize {
    for _ in 0..500 {
        if server.requests().len() >= count {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    server.requests().len()
}

#[tokio::test(start_paused = true)]
async fn with_the_defaults_a_get_is_tried_again_within_the_deadline() {
    let server = silent_server();
    let client = server.b2b_client();
    let started = tokio::time::Instant::now();

    let error = client.rbac().policy().await.unwrap_err();

    let took = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), 3, "{error:?}");
    // Timers fire on whole milliseconds, so each attempt may end up to 1 ms late.
    assert!(
        took >= 2 * DEFAULT_ATTEMPT_TIMEOUT && took <= DEFAULT_TIMEOUT + Duration::from_millis(10),
        "three attempts fit in the deadline: {took:?} (virtual time)"
    );
    assert_eq!(settle(&server, 3), 3);
}

#[tokio::test(start_paused = true)]
async fn with_the_defaults_a_post_is_sent_once() {
    let server = silent_server();
    let client = server.b2b_client();

    let error = client
        .passwords()
        .email()
        .require_reset("ada@example.com")
        .await
        .unwrap_err();

    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), 1, "{error:?}");
    assert_eq!(
        settle(&server, 1),
        1,
        "a timed-out POST may have been processed"
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_cuts_the_last_attempt_short() {
    let server = silent_server();
    let client = server.b2b_client();
    let started = tokio::time::Instant::now();

    let error = client
        .rbac()
        .policy()
        .timeout(Duration::from_secs(15))
        .await
        .unwrap_err();

    assert!(error.is_timeout(), "{error:?}");
    assert_eq!(error.attempts(), 2, "{error:?}");
    assert!(
        started.elapsed() <= Duration::from_millis(15_010),
        "{:?} (virtual time)",
        started.elapsed()
    );
}
