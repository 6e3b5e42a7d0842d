//! Sends a declared request and reads its response. Everything endpoint-specific has been
//! turned into plain data (URL, body, headers) before `send` runs, so this code exists once.

use crate::catalogue::{EndpointInfo, Host, Method};
use crate::error::ApiError;
use crate::wire::{Endpoint, QueryWriter};
use crate::Error;
use bytes::Bytes;
use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use reqwest::StatusCode;
use std::time::Duration;
use tracing::Instrument;

/// The shared machinery behind every client: credentials, hosts, timeouts and the pooled
/// HTTP client. One per `Client` and its clones.
pub struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) project_id: String,
    pub(crate) authorization: HeaderValue,
    pub(crate) user_agent: HeaderValue,
    pub(crate) api_base: String,
    pub(crate) fraud_base: String,
    pub(crate) timeout: Duration,
}

/// Per-call settings a `Call` can override.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CallOptions {
    pub(crate) timeout: Option<Duration>,
}

/// A request reduced to what goes on the wire.
struct Prepared {
    info: &'static EndpointInfo,
    url: String,
    body: Option<Vec<u8>>,
    headers: Vec<(&'static str, HeaderValue)>,
}

struct RawResponse {
    status: StatusCode,
    request_id: Option<String>,
    body: Bytes,
}

impl Transport {
    pub(crate) async fn execute<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<E::Response, Error> {
        let prepared = self.prepare(request)?;
        let info = prepared.info;
        let raw = self.send(prepared, options).await?;
        decode(info, raw)
    }

    fn prepare<E: Endpoint>(&self, request: &E) -> Result<Prepared, Error> {
        let info = E::INFO;
        let base = match info.host {
            Host::Api => &self.api_base,
            Host::Fraud => &self.fraud_base,
        };
        let mut url = String::with_capacity(base.len() + info.path.len() + 32);
        url.push_str(base);
        request.write_path(&mut url)?;
        let mut query = QueryWriter::new();
        request.write_query(&mut query);
        if let Some(query) = query.finish() {
            url.push('?');
            url.push_str(&query);
        }
        let body = match info.method {
            Method::Post | Method::Put => Some(serde_json::to_vec(request).map_err(Error::Encode)?),
            Method::Get | Method::Delete => None,
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

    async fn send(&self, prepared: Prepared, options: CallOptions) -> Result<RawResponse, Error> {
        let info = prepared.info;
        let span = tracing::debug_span!(
            "stytch.request",
            stytch.endpoint = info.name,
            http.method = info.method.as_str(),
            url.path = info.path,
            http.status_code = tracing::field::Empty,
            stytch.request_id = tracing::field::Empty,
        );
        let result = self
            .send_once(prepared, options)
            .instrument(span.clone())
            .await;
        match &result {
            Ok(raw) => {
                span.record("http.status_code", raw.status.as_u16());
                if !span.is_disabled() {
                    if let Some(id) = raw.request_id.clone().or_else(|| request_id_of(&raw.body)) {
                        span.record("stytch.request_id", id.as_str());
                    }
                }
            }
            Err(error) => {
                if let Some(status) = error.status() {
                    span.record("http.status_code", status.as_u16());
                }
                if let Some(id) = error.request_id() {
                    span.record("stytch.request_id", id);
                }
                span.in_scope(|| tracing::debug!(error = %error, "stytch request failed"));
            }
        }
        result
    }

    async fn send_once(
        &self,
        prepared: Prepared,
        options: CallOptions,
    ) -> Result<RawResponse, Error> {
        let method = match prepared.info.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, prepared.url)
            .header(AUTHORIZATION, self.authorization.clone())
            .header(USER_AGENT, self.user_agent.clone())
            .timeout(options.timeout.unwrap_or(self.timeout));
        for (name, value) in prepared.headers {
            builder = builder.header(name, value);
        }
        if let Some(body) = prepared.body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        let response = builder.send().await.map_err(Error::from_reqwest)?;
        let status = response.status();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.bytes().await.map_err(Error::from_reqwest)?;
        if !status.is_success() {
            return Err(Error::Api(Box::new(ApiError::from_response(
                status, request_id, &body,
            ))));
        }
        Ok(RawResponse {
            status,
            request_id,
            body,
        })
    }
}

fn decode<T: serde::de::DeserializeOwned>(
    info: &'static EndpointInfo,
    raw: RawResponse,
) -> Result<T, Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(&raw.body);
    let result = match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => deserializer
            .end()
            .map(|()| value)
            .map_err(|e| (String::from("."), e)),
        Err(error) => Err((error.path().to_string(), error.into_inner())),
    };
    result.map_err(|(path, source)| Error::Decode {
        endpoint: info.path,
        status: raw.status,
        path,
        request_id: raw.request_id.clone().or_else(|| request_id_of(&raw.body)),
        source,
    })
}

/// The `request_id` of a JSON body, read without decoding the rest into values.
fn request_id_of(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct RequestId {
        request_id: Option<String>,
    }
    serde_json::from_slice::<RequestId>(body).ok()?.request_id
}
