//! A cached value that expires and is refetched by one caller at a time: the building block
//! of the RBAC policy cache and the M2M token provider.

use crate::Error;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// Where caches read the time. Replaceable so that tests can move time forward.
pub(crate) type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

pub(crate) fn system_clock() -> Clock {
    Arc::new(Instant::now)
}

/// A value with an expiry, refreshed by at most one fetch at a time.
///
/// Callers that find the value stale queue behind the fetch in progress and take its outcome,
/// success or failure, instead of starting their own: a burst of callers costs one request,
/// and when Stytch is down they all fail at once rather than one timeout after another.
pub(crate) struct RefreshCell<T> {
    state: Mutex<State<T>>,
    /// Held for the whole of a fetch; its queue is the set of callers waiting for it.
    fetching: tokio::sync::Mutex<()>,
}

struct State<T> {
    value: Option<Entry<T>>,
    /// Completed fetches, successful or not; tells a waiter whether a fetch ended while it
    /// waited.
    fetches: u64,
    /// The failure of the last fetch, for the callers that waited on it.
    last_failure: Option<Arc<Error>>,
}

struct Entry<T> {
    value: T,
    /// `None`: never goes stale (a lifetime too long to represent).
    fresh_until: Option<Instant>,
}

impl<T> Entry<T> {
    fn is_fresh(&self, now: Instant) -> bool {
        self.fresh_until.is_none_or(|until| now < until)
    }
}

impl<T: Clone> RefreshCell<T> {
    pub(crate) fn new() -> Self {
        RefreshCell {
            state: Mutex::new(State {
                value: None,
                fetches: 0,
                last_failure: None,
            }),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State<T>> {
        // The lock is never held across code that can panic; recover the data regardless.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value if it is still fresh.
    pub(crate) fn fresh(&self, now: Instant) -> Option<T> {
        let state = self.state();
        state
            .value
            .as_ref()
            .filter(|entry| entry.is_fresh(now))
            .map(|entry| entry.value.clone())
    }

    /// Stores a value as if it had just been fetched.
    pub(crate) fn set(&self, value: T, now: Instant, lifetime: Duration) {
        let mut state = self.state();
        state.value = Some(Entry {
            value,
            fresh_until: now.checked_add(lifetime),
        });
        state.last_failure = None;
    }

    /// Forgets the value; the next caller fetches it again.
    pub(crate) fn clear(&self) {
        self.state().value = None;
    }

    /// Forgets the value if `matches` says so (e.g. only the very token that was refused, not
    /// a newer one another caller already fetched).
    // Only the consumer-only M2M token provider calls this.
    #[cfg_attr(not(feature = "consumer"), allow(dead_code))]
    pub(crate) fn clear_if(&self, matches: impl FnOnce(&T) -> bool) {
        let mut state = self.state();
        if state
            .value
            .as_ref()
            .is_some_and(|entry| matches(&entry.value))
        {
            state.value = None;
        }
    }

    /// Whether the cell holds a value, fresh or not.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.state().value.is_none()
    }

    /// Whether the value is stale (or absent) and no fetch is running; such a cell can be
    /// dropped from a bounded map without losing anything.
    pub(crate) fn is_idle_and_stale(&self, now: Instant) -> bool {
        self.fetching.try_lock().is_ok() && self.fresh(now).is_none()
    }

    /// The fresh value, or the outcome of one fetch shared with every caller waiting for it.
    ///
    /// `fetch` returns the value and how long it stays fresh, counted from when the fetch
    /// started (so that the time spent on the request is never credited to the value). A
    /// failed fetch is returned as [`Error::Shared`] to its caller and to every caller that
    /// waited for it; the next caller after them tries again.
    pub(crate) async fn get_or_fetch<F, Fut>(&self, clock: &Clock, fetch: F) -> Result<T, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(T, Duration), Error>>,
    {
        let seen = {
            let state = self.state();
            if let Some(entry) = state.value.as_ref().filter(|e| e.is_fresh(clock())) {
                return Ok(entry.value.clone());
            }
            state.fetches
        };
        let _fetching = self.fetching.lock().await;
        {
            let state = self.state();
            if state.fetches != seen {
                // A fetch ended while this caller waited: its outcome is this caller's.
                if let Some(failure) = &state.last_failure {
                    return Err(Error::Shared(failure.clone()));
                }
                if let Some(entry) = &state.value {
                    return Ok(entry.value.clone());
                }
            } else if let Some(entry) = state.value.as_ref().filter(|e| e.is_fresh(clock())) {
                return Ok(entry.value.clone());
            }
        }
        let started = clock();
        let outcome = fetch().await;
        let mut state = self.state();
        state.fetches = state.fetches.wrapping_add(1);
        match outcome {
            Ok((value, lifetime)) => {
                state.value = Some(Entry {
                    value: value.clone(),
                    fresh_until: started.checked_add(lifetime),
                });
                state.last_failure = None;
                Ok(value)
            }
            Err(error) => {
                let failure = Arc::new(error);
                state.last_failure = Some(failure.clone());
                Err(Error::Shared(failure))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

    fn manual_clock() -> (Clock, Arc<AtomicU64>) {
        let start = Instant::now();
        let offset = Arc::new(AtomicU64::new(0));
        let read = offset.clone();
        let clock: Clock =
            Arc::new(move || start + Duration::from_millis(read.load(Ordering::SeqCst)));
        (clock, offset)
    }

    #[tokio::test]
    async fn fresh_values_are_reused_and_stale_ones_refetched() {
        let (clock, offset) = manual_clock();
        let cell = RefreshCell::new();
        let calls = AtomicUsize::new(0);
        let fetch = || async {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            Ok((n, Duration::from_secs(10)))
        };
        assert_eq!(cell.get_or_fetch(&clock, fetch).await.unwrap(), 0);
        assert_eq!(cell.get_or_fetch(&clock, fetch).await.unwrap(), 0);
        offset.store(10_000, Ordering::SeqCst);
        assert_eq!(cell.get_or_fetch(&clock, fetch).await.unwrap(), 1);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_huge_lifetime_never_overflows() {
        let (clock, offset) = manual_clock();
        let cell = RefreshCell::new();
        cell.get_or_fetch(&clock, || async { Ok((1, Duration::MAX)) })
            .await
            .unwrap();
        offset.store(u64::MAX / 2, Ordering::SeqCst);
        assert_eq!(cell.fresh(clock()), Some(1));
    }

    #[tokio::test]
    async fn waiters_share_a_failure_and_the_next_caller_retries() {
        let (clock, _) = manual_clock();
        let cell = Arc::new(RefreshCell::<u32>::new());
        let calls = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (cell, calls, clock) = (cell.clone(), calls.clone(), clock.clone());
            tasks.push(tokio::spawn(async move {
                cell.get_or_fetch(&clock, || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err(Error::Config("down".into()))
                })
                .await
            }));
        }
        for task in tasks {
            let shared = task.await.unwrap();
            assert!(
                matches!(&shared, Err(Error::Shared(failure)) if matches!(&**failure, Error::Config(why) if why == "down")),
                "{shared:?}"
            );
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        let retried = cell
            .get_or_fetch(&clock, || async { Ok((7, Duration::from_secs(1))) })
            .await;
        assert_eq!(retried.unwrap(), 7);
    }
}
