//! Every endpoint this SDK declares, as data: method, path template and fields.
//!
//! Each `#[endpoint]` declaration registers itself here, so tools and tests can enumerate the
//! API surface without a hand-kept list.
//!
//! ```
//! let reset = stytch::catalogue::endpoints()
//!     .find(|e| e.path == "/v1/passwords/session/reset")
//!     .expect("declared");
//! assert_eq!(reset.method, stytch::catalogue::Method::Post);
//! assert!(reset.fields.iter().any(|f| f.name == "password" && f.required && f.secret));
//! ```

/// An HTTP method Stytch endpoints use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    /// The method as written on the request line.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// Which Stytch host serves an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Host {
    /// The API host (`api.stytch.com` for live projects, `test.stytch.com` otherwise).
    Api,
    /// The fraud and risk telemetry host.
    Fraud,
}

/// How a request's body fields are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyFormat {
    /// A JSON object (`application/json`); nearly every endpoint.
    Json,
    /// `application/x-www-form-urlencoded`, as OAuth 2.0 endpoints such as token
    /// introspection expect.
    Form,
}

/// Where a request field travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldLocation {
    /// Fills a `{placeholder}` of the path.
    Path,
    /// A query-string parameter.
    Query,
    /// A key of the body (JSON or form, by the endpoint's [`BodyFormat`]).
    Body,
    /// A request header with this name.
    Header(&'static str),
}

/// One field of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldInfo {
    /// The name on the wire (for headers, the field's Rust name).
    pub name: &'static str,
    pub location: FieldLocation,
    /// Whether the request cannot be built without it.
    pub required: bool,
    /// Whether `Debug` output hides its value.
    pub secret: bool,
}

/// One declared endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndpointInfo {
    pub method: Method,
    /// The path template, e.g. `/v1/b2b/organizations/{organization_id}`.
    pub path: &'static str,
    pub host: Host,
    /// How the body is encoded, for `POST` and `PUT`.
    pub body: BodyFormat,
    /// The client method, e.g. `reset_start`.
    pub name: &'static str,
    /// The Rust module that declares it, e.g. `stytch::b2b::passwords::email`; after the
    /// vertical it mirrors the accessor chain (`client.passwords().email()`).
    pub module: &'static str,
    /// The request type's name.
    pub request: &'static str,
    /// The response type's name.
    pub response: &'static str,
    pub fields: &'static [FieldInfo],
}

impl EndpointInfo {
    /// `consumer` or `b2b`.
    pub fn vertical(&self) -> &'static str {
        self.module.split("::").nth(1).unwrap_or_default()
    }

    /// The accessor chain from the client, e.g. `["passwords", "email"]`.
    pub fn service_chain(&self) -> impl Iterator<Item = &'static str> {
        self.module.split("::").skip(2)
    }
}

#[doc(hidden)]
pub struct CatalogueEntry(pub &'static EndpointInfo);

inventory::collect!(CatalogueEntry);

/// All endpoints, in no particular order.
pub fn endpoints() -> impl Iterator<Item = &'static EndpointInfo> {
    inventory::iter::<CatalogueEntry>
        .into_iter()
        .map(|entry| entry.0)
}
