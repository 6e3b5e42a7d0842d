//! `RedisStore` against a real redis-server: values expire, the lock is exclusive and is
//! released only by its holder (compare and delete, in a Lua script), and neither errors nor
//! `Debug` show the URL's password.

#[path = "support/redis_server.rs"]
mod redis_server;

use redis_server::RedisServer;
use std::time::Duration;
use stytch::cache::{CacheStore, RedisStore};

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test]
async fn values_are_stored_read_and_expire() {
    let server = RedisServer::start();
    let store = RedisStore::open(&server.url()).unwrap();
    assert_eq!(store.get("k").await.unwrap(), None);
    store.set("k", b"one", MINUTE).await.unwrap();
    assert_eq!(store.get("k").await.unwrap(), Some(b"one".to_vec()));
    store
        .set("k", b"two", Duration::from_millis(50))
        .await
        .unwrap();
    assert_eq!(store.get("k").await.unwrap(), Some(b"two".to_vec()));
    tokio::time::sleep(Duration::from_millis(80)).await;
    assert_eq!(store.get("k").await.unwrap(), None, "expired");
    store.set("k", b"three", MINUTE).await.unwrap();
    store.delete("k").await.unwrap();
    assert_eq!(store.get("k").await.unwrap(), None, "deleted");
}

#[tokio::test]
async fn set_if_absent_stores_only_once() {
    let server = RedisServer::start();
    let store = RedisStore::open(&server.url()).unwrap();
    assert!(store.set_if_absent("k", b"first", MINUTE).await.unwrap());
    assert!(!store.set_if_absent("k", b"second", MINUTE).await.unwrap());
    assert_eq!(store.get("k").await.unwrap(), Some(b"first".to_vec()));
}

#[tokio::test]
async fn a_lock_is_exclusive_and_released_only_by_its_holder() {
    let server = RedisServer::start();
    // Two connections, as two processes would have.
    let (a, b) = (
        RedisStore::open(&server.url()).unwrap(),
        RedisStore::open(&server.url()).unwrap(),
    );
    let held = a
        .lock("l", MINUTE)
        .await
        .unwrap()
        .expect("the lock is free");
    assert_eq!(b.lock("l", MINUTE).await.unwrap(), None, "a holds it");
    let stored = b.get("l").await.unwrap().expect("the lock's key");
    assert_eq!(
        stored,
        held.as_str().as_bytes(),
        "the holder's random token"
    );

    // Compare and delete: b cannot release a's lock, not even with a near miss.
    let mut lookalike = held.as_str().to_owned();
    lookalike.pop();
    assert!(!b.delete_if_equal("l", lookalike.as_bytes()).await.unwrap());
    assert_eq!(b.lock("l", MINUTE).await.unwrap(), None, "still held");

    assert!(a.unlock("l", &held).await.unwrap());
    assert!(!a.unlock("l", &held).await.unwrap(), "released once");
    let next = b.lock("l", MINUTE).await.unwrap().expect("free again");
    assert_ne!(next, held, "each holder gets its own token");
}

#[tokio::test]
async fn an_expired_lock_passes_on_and_its_old_holder_cannot_release_the_new_one() {
    let server = RedisServer::start();
    let (a, b) = (
        RedisStore::open(&server.url()).unwrap(),
        RedisStore::open(&server.url()).unwrap(),
    );
    let expired = a
        .lock("l", Duration::from_millis(50))
        .await
        .unwrap()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(80)).await;
    let current = b
        .lock("l", MINUTE)
        .await
        .unwrap()
        .expect("the lock expired");
    assert!(!a.unlock("l", &expired).await.unwrap());
    assert_eq!(
        b.get("l").await.unwrap(),
        Some(current.as_str().as_bytes().to_vec()),
        "the new holder keeps it"
    );
}

#[tokio::test]
async fn the_urls_password_stays_out_of_errors_and_debug() {
    let error = RedisStore::open("redis://:hunter2-secret@127.0.0.1:notaport/").unwrap_err();
    assert!(matches!(error, stytch::Error::Config(_)), "{error:?}");
    assert!(!error.to_string().contains("hunter2"), "{error}");
    let store = RedisStore::open("redis://:hunter2-secret@127.0.0.1:6390/").unwrap();
    assert!(!format!("{store:?}").contains("hunter2"));
}

#[tokio::test]
async fn a_stopped_server_is_an_error_not_a_hang() {
    let mut server = RedisServer::start();
    let store = RedisStore::open(&server.url()).unwrap();
    store.set("k", b"v", MINUTE).await.unwrap();
    server.stop();
    let outcome = tokio::time::timeout(Duration::from_secs(10), store.get("k")).await;
    let read = outcome.expect("the connection's own limits end the command");
    assert!(read.is_err(), "{read:?}");
}
