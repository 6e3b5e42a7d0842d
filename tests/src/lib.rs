//! Test support: a loopback HTTP/1.1 server that records every request and answers from a
//! script, including answers no real server should give (truncated bodies, dropped
//! connections, long silences).

pub mod calls;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const PROJECT_ID: &str = "project-test-11111111-2222-3333-4444-555555555555";
pub const SECRET: &str = "secret-test-abcdefghijklmnopqrstuvwxyz012345";

/// One request as it arrived.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }

    /// The pairs of a form-encoded body, decoded, in the order sent.
    pub fn form(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(&self.body).into_owned().collect()
    }

    /// The top-level keys of the JSON body, sorted.
    pub fn body_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .json()
            .as_object()
            .expect("request body is a JSON object")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }
}

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A status line, `Content-Type: application/json` and this body.
    Json(u16, String),
    /// These bytes exactly, then the connection is closed.
    Raw(Vec<u8>),
    /// Waits, then does the inner reply.
    Delay(Duration, Box<Reply>),
    /// Closes the connection without answering.
    Hangup,
    /// Resets the connection (TCP RST) without answering.
    Reset,
}

impl Reply {
    /// A JSON response with extra headers, e.g. `Retry-After`.
    pub fn json_with_headers(
        status: u16,
        headers: &[(&str, &str)],
        body: &serde_json::Value,
    ) -> Reply {
        let body = body.to_string();
        let mut head = format!(
            "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
            reason(status),
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        Reply::Raw([head.into_bytes(), body.into_bytes()].concat())
    }

    /// A bare confirmation: 200 with only a request id and the status code, as Stytch sends for
    /// revocations and sends. Enough for any response type, whose other fields default.
    pub fn ok() -> Reply {
        Reply::json(
            200,
            &serde_json::json!({"request_id": "request-id-test-1", "status_code": 200}),
        )
    }

    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::Json(status, body.to_string())
    }

    /// A response with this status line, content type and body, announced at its real length.
    pub fn with_type(status: u16, content_type: &str, body: &str) -> Reply {
        Reply::Raw(
            format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                reason(status),
                body.len()
            )
            .into_bytes(),
        )
    }
}

struct Shared {
    routes: Mutex<Vec<(String, Reply)>>,
    connections: Mutex<usize>,
    recorded: Mutex<Vec<Recorded>>,
    script: Mutex<VecDeque<Reply>>,
    fallback: Mutex<Option<Reply>>,
}

/// A server on 127.0.0.1 with an ephemeral port. Dropped with the test's runtime.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl MockServer {
    /// A server that answers every request with [`Reply::ok`], for tests that only look at what
    /// was sent.
    pub async fn confirming() -> MockServer {
        let server = MockServer::start().await;
        server.always(Reply::ok());
        server
    }

    pub async fn start() -> MockServer {
        MockServer::start_on("127.0.0.1").await
    }

    /// A server on another loopback address, e.g. `127.0.0.2` (Linux routes all of
    /// 127.0.0.0/8 to the loopback interface).
    pub async fn start_on(ip: &str) -> MockServer {
        let listener = TcpListener::bind((ip, 0))
            .await
            .unwrap_or_else(|e| panic!("bind {ip}: {e}"));
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            routes: Mutex::new(Vec::new()),
            connections: Mutex::new(0),
            recorded: Mutex::new(Vec::new()),
            script: Mutex::new(VecDeque::new()),
            fallback: Mutex::new(None),
        });
        let accept_shared = shared.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                *accept_shared.connections.lock().unwrap() += 1;
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, accept_shared.clone()));
            }
        });
        MockServer { addr, shared }
    }

    /// A server that publishes `keys` on the consumer and B2B key-set endpoints.
    pub async fn publishing(keys: &stytch::testing::TestKeys) -> MockServer {
        let server = MockServer::start().await;
        let jwks = Reply::json(200, &keys.jwks_json(&keys.jwks()));
        server.route("/v1/sessions/jwks/", jwks.clone());
        server.route("/v1/b2b/sessions/jwks/", jwks);
        server
    }

    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Answers every request for this path (query aside) with `reply`, ahead of the queue; a
    /// route ending in `/` covers every path below it. For concurrent requests to different
    /// paths, where queue order is a race. A later route for the same path replaces the earlier.
    pub fn route(&self, path_prefix: &str, reply: Reply) -> &Self {
        let mut routes = self.shared.routes.lock().unwrap();
        routes.retain(|(prefix, _)| prefix != path_prefix);
        routes.push((path_prefix.to_owned(), reply));
        self
    }

    /// The requests for this path (or below it, for a path ending in `/`).
    pub fn requests_to(&self, path_prefix: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| covers(path_prefix, r.path()))
            .collect()
    }

    /// Queues a reply for the next request that has none.
    pub fn push(&self, reply: Reply) -> &Self {
        self.shared.script.lock().unwrap().push_back(reply);
        self
    }

    /// The reply for requests once the queue is empty (default: a 500 saying so).
    pub fn always(&self, reply: Reply) -> &Self {
        *self.shared.fallback.lock().unwrap() = Some(reply);
        self
    }

    /// How many TCP connections clients opened.
    pub fn connections(&self) -> usize {
        *self.shared.connections.lock().unwrap()
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.recorded.lock().unwrap().clone()
    }

    /// The only request received; panics if there were none or several.
    pub fn single_request(&self) -> Recorded {
        let requests = self.requests();
        assert_eq!(
            requests.len(),
            1,
            "expected exactly one request, got {requests:#?}"
        );
        requests.into_iter().next().unwrap()
    }

    pub fn consumer_client(&self) -> stytch::consumer::Client {
        stytch::consumer::Client::builder(PROJECT_ID, SECRET)
            .base_url(self.url())
            .fraud_base_url(self.url())
            .build()
            .expect("client")
    }

    pub fn b2b_client(&self) -> stytch::b2b::Client {
        stytch::b2b::Client::builder(PROJECT_ID, SECRET)
            .base_url(self.url())
            .fraud_base_url(self.url())
            .build()
            .expect("client")
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let mut buffer = Vec::new();
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let routed = shared
            .routes
            .lock()
            .unwrap()
            .iter()
            .find(|(prefix, _)| covers(prefix, request.path()))
            .map(|(_, reply)| reply.clone());
        shared.recorded.lock().unwrap().push(request);
        let reply = if let Some(reply) = routed {
            reply
        } else {
            let next = shared.script.lock().unwrap().pop_front();
            next.or_else(|| shared.fallback.lock().unwrap().clone())
                .unwrap_or_else(|| {
                    Reply::json(
                        500,
                        &serde_json::json!({"error_message": "no reply scripted"}),
                    )
                })
        };
        if !answer(&mut stream, reply).await {
            return;
        }
    }
}

/// Writes the reply; returns whether the connection stays open.
async fn answer(stream: &mut TcpStream, mut reply: Reply) -> bool {
    loop {
        match reply {
            Reply::Delay(wait, inner) => {
                tokio::time::sleep(wait).await;
                reply = *inner;
            }
            Reply::Json(status, body) => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    reason(status),
                    body.len()
                );
                return stream.write_all(head.as_bytes()).await.is_ok()
                    && stream.write_all(body.as_bytes()).await.is_ok();
            }
            Reply::Raw(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return false;
            }
            Reply::Hangup => return false,
            Reply::Reset => {
                let _ = stream.set_zero_linger();
                return false;
            }
        }
    }
}

async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            break end;
        }
        if buffer.len() > 1 << 20 {
            return None;
        }
        let mut chunk = [0u8; 8192];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 8192];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}

/// Whether a route or filter for `route` applies to `path`.
fn covers(route: &str, path: &str) -> bool {
    path == route || (route.ends_with('/') && path.starts_with(route))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// The `Authorization` header the test credentials produce.
pub fn expected_basic_auth() -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{PROJECT_ID}:{SECRET}"))
    )
}

/// Asserts that `request` is a POST to `path` whose JSON body has exactly `keys` (sorted).
pub fn assert_post(request: &Recorded, path: &str, keys: &[&str]) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.target, path);
    assert_eq!(request.body_keys(), keys);
}

/// Reads a JSON fixture from `tests/fixtures/`.
pub fn fixture(name: &str) -> serde_json::Value {
    let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The Stytch API description, `../shared/api/stytch-api.json`, parsed.
pub fn api_spec() -> serde_json::Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/api/stytch-api.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A log sink for a `tracing_subscriber` writer: everything written, kept in memory.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}
