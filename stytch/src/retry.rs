//! When a failed attempt is tried again, and how long to wait first.

use crate::Error;
use reqwest::StatusCode;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How a client retries failed requests: bounded attempts, exponential backoff with full
/// jitter, and `Retry-After` honoured up to a cap. Every attempt and wait fits within the
/// call's deadline ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)); each attempt
/// has its own limit too ([`ClientBuilder::attempt_timeout`](crate::ClientBuilder::attempt_timeout)),
/// so that one that hangs leaves time for another.
///
/// What is retried:
/// - failures to connect, for every method (the request never left); with an HTTP client of
///   your own ([`ClientBuilder::http_client`](crate::ClientBuilder::http_client)), which may
///   follow redirects, only for requests safe to repeat, as below;
/// - `429 Too Many Requests`, for every method (Stytch did not act on it), after the
///   `Retry-After` delay when it is given and not above [`max_retry_after`](Self::max_retry_after);
/// - `502`, `503`, `504`, timeouts and connections lost mid-exchange, only for requests that are
///   safe to repeat: `GET`, `PUT`, `DELETE`, and a `POST` whose call opted in with
///   [`Call::assume_idempotent`](crate::Call::assume_idempotent).
///
/// ```
/// use std::time::Duration;
/// use stytch::RetryPolicy;
///
/// let patient = RetryPolicy::default()
///     .max_attempts(5)
///     .max_backoff(Duration::from_secs(4));
/// let never = RetryPolicy::disabled();
/// # let _ = (patient, never);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff from 100 ms up to 2 s, `Retry-After` up to 10 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// One attempt per call, never retried.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts per call, the first included (at least 1). Default: 3.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The upper bound of the first wait; each retry doubles it. Default: 100 ms.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The largest upper bound a wait can have. Default: 2 s.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` that is waited out; a 429 asking for more is returned to the
    /// caller at once (see [`ApiError::retry_after`](crate::ApiError::retry_after)). Default: 10 s.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    pub(crate) fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before attempt `failed + 1`, or `None` when `error` is not worth retrying.
    pub(crate) fn delay_after(
        &self,
        error: &Error,
        failed: u32,
        repeatable: bool,
        connect_failure_is_unsent: bool,
    ) -> Option<Duration> {
        match retry_class(error, connect_failure_is_unsent)? {
            RetryClass::NotSent => Some(self.backoff(failed)),
            RetryClass::RateLimited(Some(wait)) => (wait <= self.max_retry_after).then_some(wait),
            RetryClass::RateLimited(None) => Some(self.backoff(failed)),
            RetryClass::MaybeProcessed => repeatable.then(|| self.backoff(failed)),
        }
    }

    /// Full jitter: uniform in `[0, min(max_backoff, initial * 2^(failed - 1))]`.
    fn backoff(&self, failed: u32) -> Duration {
        let doublings = failed.saturating_sub(1).min(20);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

enum RetryClass {
    /// The request never reached Stytch.
    NotSent,
    /// Stytch refused it for now; it did not act on it.
    RateLimited(Option<Duration>),
    /// It may have reached Stytch: only a repeatable request is sent again.
    MaybeProcessed,
}

/// A failure to connect means the request never left, unless the HTTP client may have
/// followed a redirect: then the failed connection can be a later hop's, after the first
/// server had the request, and reqwest's error does not say which (`connect_failure_is_unsent`
/// is false for a client the caller supplied).
fn retry_class(error: &Error, connect_failure_is_unsent: bool) -> Option<RetryClass> {
    match error {
        Error::Network { source, .. } | Error::Timeout { source, .. }
            if source.is_connect() && connect_failure_is_unsent =>
        {
            Some(RetryClass::NotSent)
        }
        Error::Network { .. } | Error::Timeout { .. } => Some(RetryClass::MaybeProcessed),
        Error::Api(api) if api.status == StatusCode::TOO_MANY_REQUESTS => {
            Some(RetryClass::RateLimited(api.retry_after))
        }
        Error::Api(api)
            if matches!(
                api.status,
                StatusCode::BAD_GATEWAY
                    | StatusCode::SERVICE_UNAVAILABLE
                    | StatusCode::GATEWAY_TIMEOUT
            ) =>
        {
            Some(RetryClass::MaybeProcessed)
        }
        _ => None,
    }
}

/// Reads `Retry-After` as seconds or as an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// How the client waits between attempts.
pub(crate) type Sleep =
    Arc<dyn Fn(Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

pub(crate) fn tokio_sleep() -> Sleep {
    Arc::new(|duration| Box::pin(tokio::time::sleep(duration)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(" 0 ", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:05 GMT", now),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_is_jittered_under_a_doubling_ceiling() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        for _ in 0..200 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(2) <= Duration::from_millis(200));
            assert!(policy.backoff(3) <= Duration::from_millis(350));
            assert!(policy.backoff(40) <= Duration::from_millis(350));
        }
        let spread: std::collections::HashSet<_> = (0..50).map(|_| policy.backoff(3)).collect();
        assert!(spread.len() > 10, "waits are spread out, not fixed");
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
        assert_eq!(RetryPolicy::disabled().attempts(), 1);
    }
}
