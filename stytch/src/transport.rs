//! Sends a declared request and reads its response. Everything endpoint-specific has been
//! turned into plain data (URL, body, headers) before `send` runs, so this code exists once.

use crate::catalogue::{BodyFormat, EndpointInfo, Host, Method};
use crate::error::ApiError;
use crate::retry::{parse_retry_after, RetryPolicy, Sleep};
use crate::wire::{Endpoint, QueryWriter};
use crate::Error;
use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderValue, AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, LOCATION, RETRY_AFTER, USER_AGENT,
};
use reqwest::StatusCode;
use std::time::{Duration, SystemTime};
// The clock of the timers that enforce the timeouts (tokio's, which tests can pause).
use tokio::time::Instant;
use tracing::Instrument;

/// The machinery that sends requests: credentials, hosts, timeouts, retries and the pooled
/// HTTP client. One per `Client` and its clones, inside its `ClientCore`.
pub struct Transport {
    pub(crate) http: reqwest::Client,
    /// Whether `http` came from the caller, with a redirect policy the SDK does not know.
    pub(crate) own_http_client: bool,
    pub(crate) project_id: String,
    pub(crate) authorization: HeaderValue,
    pub(crate) user_agent: HeaderValue,
    /// The API base URL as configured, without a trailing slash.
    pub(crate) api_base: String,
    /// The base URLs, parsed once: a request only sets their path and query, so the scheme
    /// and host are not parsed again on every call.
    pub(crate) api_url: reqwest::Url,
    pub(crate) fraud_url: reqwest::Url,
    /// The most time a call may take, every attempt and wait included.
    pub(crate) timeout: Duration,
    /// The most time one attempt may take.
    pub(crate) attempt_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// Whether a response missing a field Stytch always sends fails to decode.
    pub(crate) strict_decoding: bool,
    pub(crate) max_response_bytes: usize,
    pub(crate) sleep: Sleep,
    /// Whether Stytch accepts the project's credentials: 0 unknown, 1 yes, 2 no.
    pub(crate) project_credentials: std::sync::atomic::AtomicU8,
    /// Asks Stytch whether it accepts the project's credentials (`None`: no telling).
    pub(crate) check_project_credentials: CredentialCheck,
}

/// See [`Transport::check_project_credentials`].
pub(crate) type CredentialCheck = for<'a> fn(
    &'a Transport,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Option<bool>> + Send + 'a>,
>;

/// Per-call settings a `Call` can override.
#[derive(Clone, Debug, Default)]
pub(crate) struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) assume_idempotent: bool,
}

/// A request reduced to what goes on the wire; cheap to send again.
struct Prepared {
    info: &'static EndpointInfo,
    url: reqwest::Url,
    body: Option<Bytes>,
    headers: Vec<(&'static str, HeaderValue)>,
}

struct RawResponse {
    status: StatusCode,
    request_id: Option<String>,
    /// `Cache-Control: max-age`, when the response allows caching.
    max_age: Option<Duration>,
    body: Bytes,
    attempts: u32,
}

impl Transport {
    pub(crate) async fn execute<E: Endpoint>(
        &self,
        request: &E,
        options: &CallOptions,
    ) -> Result<E::Response, Error> {
        Ok(self.execute_into(request, options).await?.0)
    }

    /// Like `execute`, but decodes the response into the caller's own type.
    pub(crate) async fn execute_as<E: Endpoint, T: serde::de::DeserializeOwned>(
        &self,
        request: &E,
        options: &CallOptions,
    ) -> Result<T, Error> {
        Ok(self.execute_into(request, options).await?.0)
    }

    /// Like `execute`, also returning how long the response may be cached (`max-age`).
    pub(crate) async fn execute_cacheable<E: Endpoint>(
        &self,
        request: &E,
        options: &CallOptions,
    ) -> Result<(E::Response, Option<Duration>), Error> {
        self.execute_into(request, options).await
    }

    async fn execute_into<E: Endpoint, T: serde::de::DeserializeOwned>(
        &self,
        request: &E,
        options: &CallOptions,
    ) -> Result<(T, Option<Duration>), Error> {
        let prepared = self.prepare(request)?;
        let info = prepared.info;
        let raw = match self.send(prepared, options).await {
            Ok(raw) => raw,
            Err(error) => return Err(self.attribute(error, info).await),
        };
        let max_age = raw.max_age;
        Ok((decode(info, raw, self.strict_decoding)?, max_age))
    }

    /// Notes which endpoint answered an API error and whose credential it can be about. A
    /// 401 from an endpoint that checks an end user's credential is ambiguous, since Stytch
    /// answers a wrong password and a wrong project secret alike; the project's credentials
    /// are then checked once per client.
    async fn attribute(&self, mut error: Error, info: &'static EndpointInfo) -> Error {
        if let Error::Api(api) = &mut error {
            api.endpoint = info.path;
            api.checks_end_user_credential = info
                .fields
                .iter()
                .any(|field| field.secret && field.name != "client_secret");
            if api.status == StatusCode::UNAUTHORIZED
                && !api.refuses_our_credentials()
                && !self.project_credentials_valid().await
            {
                api.project_credentials_rejected = true;
            }
        }
        error
    }

    /// Whether Stytch accepts the project's credentials, checked once and remembered (an
    /// answer that settles nothing, such as a network failure, is not).
    async fn project_credentials_valid(&self) -> bool {
        use std::sync::atomic::Ordering;
        const UNKNOWN: u8 = 0;
        const VALID: u8 = 1;
        const INVALID: u8 = 2;
        match self.project_credentials.load(Ordering::Acquire) {
            VALID => return true,
            INVALID => return false,
            _ => {}
        }
        match (self.check_project_credentials)(self).await {
            Some(true) => {
                self.project_credentials.store(VALID, Ordering::Release);
                true
            }
            Some(false) => {
                if self.project_credentials.swap(INVALID, Ordering::AcqRel) == UNKNOWN {
                    tracing::error!(
                        project_id = %self.project_id,
                        "Stytch refuses this project's id or secret; every call will fail"
                    );
                }
                false
            }
            None => false,
        }
    }

    fn prepare<E: Endpoint>(&self, request: &E) -> Result<Prepared, Error> {
        let info = E::INFO;
        let base = match info.host {
            Host::Api => &self.api_url,
            Host::Fraud => &self.fraud_url,
        };
        let prefix = base.path().trim_end_matches('/');
        let mut path = String::with_capacity(prefix.len() + info.path.len() + 32);
        path.push_str(prefix);
        request.write_path(&mut path)?;
        let mut query = QueryWriter::new();
        request.write_query(&mut query);
        let mut url = base.clone();
        url.set_path(&path);
        url.set_query(query.finish().as_deref());
        let body = match (info.method, info.body) {
            (Method::Post | Method::Put, BodyFormat::Json) => Some(Bytes::from(
                serde_json::to_vec(request).map_err(Error::Encode)?,
            )),
            (Method::Post | Method::Put, BodyFormat::Form) => Some(Bytes::from(
                serde_urlencoded::to_string(request)
                    .map_err(|e| Error::Encode(serde::ser::Error::custom(e)))?,
            )),
            (Method::Get | Method::Delete, _) => None,
        };
        let mut headers = Vec::new();
        let mut invalid = None;
        request.visit_headers(&mut |name, value| match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(true);
                headers.push((name, value));
            }
            Err(_) => invalid = Some(name),
        });
        if let Some(field) = invalid {
            return Err(Error::InvalidArgument {
                field,
                reason: "a header value cannot contain control characters or line breaks",
            });
        }
        Ok(Prepared {
            info,
            url,
            body,
            headers,
        })
    }

    /// Sends with retries, inside one `stytch.request` span.
    async fn send(&self, prepared: Prepared, options: &CallOptions) -> Result<RawResponse, Error> {
        let info = prepared.info;
        let span = tracing::debug_span!(
            "stytch.request",
            stytch.endpoint = info.name,
            http.method = info.method.as_str(),
            url.path = info.path,
            http.status_code = tracing::field::Empty,
            stytch.request_id = tracing::field::Empty,
            stytch.attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let result = self
            .send_with_retries(&prepared, options)
            .instrument(span.clone())
            .await;
        span.record("latency_ms", started.elapsed().as_millis() as u64);
        match &result {
            Ok(raw) => {
                span.record("http.status_code", raw.status.as_u16());
                span.record("stytch.attempts", raw.attempts);
                if !span.is_disabled() {
                    if let Some(id) = raw.request_id.clone().or_else(|| request_id_of(&raw.body)) {
                        span.record("stytch.request_id", id.as_str());
                    }
                }
                span.in_scope(|| tracing::debug!("stytch request succeeded"));
            }
            Err(error) => {
                if let Some(status) = error.status() {
                    span.record("http.status_code", status.as_u16());
                }
                if let Some(id) = error.request_id() {
                    span.record("stytch.request_id", id);
                }
                span.record("stytch.attempts", error.attempts());
                span.in_scope(|| tracing::debug!(error = %error, "stytch request failed"));
            }
        }
        result
    }

    async fn send_with_retries(
        &self,
        prepared: &Prepared,
        options: &CallOptions,
    ) -> Result<RawResponse, Error> {
        let policy = options.retry.as_ref().unwrap_or(&self.retry);
        let repeatable = options.assume_idempotent || prepared.info.method != Method::Post;
        let deadline = options.timeout.unwrap_or(self.timeout);
        let per_attempt = options.attempt_timeout.unwrap_or(self.attempt_timeout);
        // Time spent on the call so far: attempts as measured, waits as requested (so that an
        // injected sleep that returns at once still counts against the deadline).
        let mut spent = Duration::ZERO;
        let mut attempt = 1;
        loop {
            let attempt_started = Instant::now();
            let span = tracing::debug_span!(
                "stytch.attempt",
                attempt,
                http.status_code = tracing::field::Empty
            );
            // Each attempt gets its own limit, cut short by what is left of the deadline.
            let limit = per_attempt.min(deadline.saturating_sub(spent));
            let result = self
                .send_once(prepared, limit)
                .instrument(span.clone())
                .await;
            spent += attempt_started.elapsed();
            let error = match result {
                Ok(mut raw) => {
                    span.record("http.status_code", raw.status.as_u16());
                    raw.attempts = attempt;
                    return Ok(raw);
                }
                Err(error) => error.with_attempts(attempt),
            };
            if let Some(status) = error.status() {
                span.record("http.status_code", status.as_u16());
            }
            let wait = match policy.delay_after(&error, attempt, repeatable, !self.own_http_client)
            {
                Some(wait) if attempt < policy.attempts() && spent + wait < deadline => wait,
                _ => return Err(error),
            };
            span.in_scope(
                || tracing::debug!(error = %error, wait_ms = wait.as_millis() as u64, "retrying"),
            );
            (self.sleep)(wait).await;
            spent += wait;
            attempt += 1;
        }
    }

    async fn send_once(&self, prepared: &Prepared, limit: Duration) -> Result<RawResponse, Error> {
        let method = match prepared.info.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, prepared.url.clone())
            .header(AUTHORIZATION, self.authorization.clone())
            .header(USER_AGENT, self.user_agent.clone())
            .timeout(limit);
        for (name, value) in &prepared.headers {
            builder = builder.header(*name, value.clone());
        }
        if let Some(body) = &prepared.body {
            let content_type = match prepared.info.body {
                BodyFormat::Json => "application/json",
                BodyFormat::Form => "application/x-www-form-urlencoded",
            };
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static(content_type))
                .body(body.clone());
        }
        let mut response = builder.send().await.map_err(Error::from_reqwest)?;
        let status = response.status();
        let headers = response.headers();
        if status.is_redirection() {
            // Only a caller's own client could have followed it; the SDK's never does.
            return Err(Error::Redirect {
                status,
                location: headers
                    .get(LOCATION)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
                attempts: 1,
            });
        }
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let max_age = headers
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_max_age);
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let too_large = || Error::ResponseTooLarge {
            limit: self.max_response_bytes,
            status,
            attempts: 1,
        };
        let announced = response.content_length().unwrap_or(0);
        if announced > self.max_response_bytes as u64 {
            return Err(too_large());
        }
        let mut body = BytesMut::with_capacity(announced as usize);
        while let Some(chunk) = response.chunk().await.map_err(Error::from_reqwest)? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        let body = body.freeze();
        if !status.is_success() {
            return Err(Error::Api(Box::new(ApiError::from_response(
                status,
                request_id,
                retry_after,
                &body,
            ))));
        }
        Ok(RawResponse {
            status,
            request_id,
            max_age,
            body,
            attempts: 1,
        })
    }
}

fn decode<T: serde::de::DeserializeOwned>(
    info: &'static EndpointInfo,
    raw: RawResponse,
    strict: bool,
) -> Result<T, Error> {
    // UTF-8 is checked once for the whole body (every body Stytch sends passes), so that the
    // parser does not check each string again. Bytes that are not UTF-8 read as U+FFFD, as
    // lenient as the rest of decoding, and one parser serves both cases.
    let text = crate::wire::body_text(&raw.body);
    let (result, missing) =
        crate::wire::de::with_mode(strict, info.path, || serde_json::from_str(&text));
    result.map_err(|source| {
        let mut path = crate::wire::json_path_of_error(text.as_bytes(), &source);
        if let Some(field) = missing {
            // The error sits at the end of the object that lacks the field; `.` is the root.
            if path != "." {
                path.push('.');
            } else {
                path.clear();
            }
            path.push_str(field);
        }
        Error::Decode {
            endpoint: info.path,
            status: raw.status,
            path,
            request_id: raw.request_id.clone().or_else(|| request_id_of(&raw.body)),
            attempts: raw.attempts,
            source,
        }
    })
}

/// The `request_id` of a JSON body, read without decoding the rest into values.
fn request_id_of(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct RequestId {
        request_id: Option<String>,
    }
    serde_json::from_str::<RequestId>(&crate::wire::body_text(body))
        .ok()?
        .request_id
}

/// `max-age=N` from a `Cache-Control` value; `None` when absent or when caching is refused.
fn parse_max_age(value: &str) -> Option<Duration> {
    let mut max_age = None;
    for directive in value.split(',').map(str::trim) {
        let lower = directive.to_ascii_lowercase();
        if lower == "no-store" || lower == "no-cache" {
            return None;
        }
        if let Some(seconds) = lower.strip_prefix("max-age=") {
            max_age = seconds
                .trim_matches('"')
                .parse::<u64>()
                .ok()
                .map(Duration::from_secs);
        }
    }
    max_age
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_age_is_read_from_cache_control() {
        assert_eq!(
            parse_max_age("public, max-age=600"),
            Some(Duration::from_secs(600))
        );
        assert_eq!(
            parse_max_age("Max-Age=\"30\""),
            Some(Duration::from_secs(30))
        );
        assert_eq!(parse_max_age("no-store, max-age=600"), None);
        assert_eq!(parse_max_age("private"), None);
        assert_eq!(parse_max_age("max-age=soon"), None);
    }
}
