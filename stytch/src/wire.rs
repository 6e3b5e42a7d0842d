//! The runtime half of `#[endpoint]`: the trait the expansion implements and the small
//! helpers it calls to fill paths, query strings and headers.

use crate::catalogue::EndpointInfo;
use crate::Error;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;

/// A request type that knows how to put itself on the wire. Implemented by `#[endpoint]`.
pub trait Endpoint: serde::Serialize + Send + Sync + 'static {
    /// What a successful call decodes into.
    type Response: DeserializeOwned + Send + 'static;
    /// The endpoint's catalogue entry: method, path template, host and fields.
    const INFO: &'static EndpointInfo;

    /// Appends the filled-in path to `out`.
    fn write_path(&self, out: &mut String) -> Result<(), Error> {
        out.push_str(Self::INFO.path);
        Ok(())
    }

    /// Appends the query-string fields.
    fn write_query(&self, _query: &mut QueryWriter) {}

    /// Calls `visit` with each header field that is set.
    fn visit_headers(&self, _visit: &mut dyn FnMut(&'static str, &str)) {}
}

/// Characters left as they are in a path segment: the RFC 3986 unreserved ones. Values that
/// would read as a `.` or `..` segment are refused by [`push_path_segment`].
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A value that can fill a path placeholder.
pub trait PathValue {
    fn to_segment(&self) -> Cow<'_, str>;
}

impl PathValue for String {
    fn to_segment(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! integer_path_values {
    ($($ty:ty)*) => {$(
        impl PathValue for $ty {
            fn to_segment(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}
integer_path_values!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

/// Percent-encodes one path parameter onto `out`.
///
/// Empty values, `.` and `..` are refused: URL normalisation would turn them into a different
/// path (even encoded, `%2e%2e` still means `..`), so they could reach another endpoint.
pub fn push_path_segment<V: PathValue + ?Sized>(
    out: &mut String,
    field: &'static str,
    value: &V,
) -> Result<(), Error> {
    let segment = value.to_segment();
    if segment.is_empty() || segment == "." || segment == ".." {
        return Err(Error::InvalidArgument {
            field,
            reason: "a path parameter cannot be empty, `.` or `..`",
        });
    }
    out.extend(percent_encoding::utf8_percent_encode(&segment, SEGMENT));
    Ok(())
}

/// Builds a query string; `None` values are skipped and sequences repeat their key.
pub struct QueryWriter {
    serializer: form_urlencoded::Serializer<'static, String>,
    empty: bool,
}

impl QueryWriter {
    pub(crate) fn new() -> Self {
        QueryWriter {
            serializer: form_urlencoded::Serializer::new(String::new()),
            empty: true,
        }
    }

    pub fn append<V: QueryValue + ?Sized>(&mut self, key: &str, value: &V) {
        value.append_to(key, self);
    }

    fn pair(&mut self, key: &str, value: &str) {
        self.serializer.append_pair(key, value);
        self.empty = false;
    }

    /// The encoded query, or `None` when no field was set.
    pub(crate) fn finish(mut self) -> Option<String> {
        (!self.empty).then(|| self.serializer.finish())
    }
}

/// A value that can go in the query string.
pub trait QueryValue {
    fn append_to(&self, key: &str, query: &mut QueryWriter);
}

impl QueryValue for str {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        query.pair(key, self);
    }
}

impl QueryValue for String {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        query.pair(key, self);
    }
}

impl QueryValue for bool {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        query.pair(key, if *self { "true" } else { "false" });
    }
}

macro_rules! integer_query_values {
    ($($ty:ty)*) => {$(
        impl QueryValue for $ty {
            fn append_to(&self, key: &str, query: &mut QueryWriter) {
                query.pair(key, &self.to_string());
            }
        }
    )*};
}
integer_query_values!(u8 u16 u32 u64 usize i8 i16 i32 i64 isize);

impl<T: QueryValue> QueryValue for Option<T> {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        if let Some(value) = self {
            value.append_to(key, query);
        }
    }
}

impl<T: QueryValue> QueryValue for Vec<T> {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        for value in self {
            value.append_to(key, query);
        }
    }
}

/// Marks the open string enums `#[model]` generates.
pub trait WireEnum: for<'a> From<&'a str> {
    fn as_wire_str(&self) -> &str;
}

impl<T: WireEnum> QueryValue for T {
    fn append_to(&self, key: &str, query: &mut QueryWriter) {
        query.pair(key, self.as_wire_str());
    }
}

/// Writes `key: value` into a body map when the optional field is set; an unset field stays
/// off the wire. One copy here instead of an `if let` per optional field in every expansion.
pub fn serialize_if_some<M, T>(
    map: &mut M,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), M::Error>
where
    M: serde::ser::SerializeMap,
    T: serde::Serialize,
{
    match value {
        Some(value) => map.serialize_entry(key, value),
        None => Ok(()),
    }
}

/// Stands in for a secret value in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Lenient deserializers the `#[model]` expansion points serde at.
pub mod de {
    use crate::Timestamp;
    use serde::{Deserialize, Deserializer};
    use std::marker::PhantomData;

    /// `null` (as well as a missing field, via `#[serde(default)]`) becomes `T::default()`.
    pub fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de> + Default,
    {
        Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
    }

    /// An RFC 3339 timestamp; `null` and `""` read as `None`.
    pub fn lenient_timestamp<'de, D>(deserializer: D) -> Result<Option<Timestamp>, D::Error>
    where
        D: Deserializer<'de>,
    {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Option<Timestamp>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an RFC 3339 timestamp or null")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
                if value.is_empty() {
                    return Ok(None);
                }
                chrono::DateTime::parse_from_rfc3339(value)
                    .map(|t| Some(t.with_timezone(&chrono::Utc)))
                    .map_err(E::custom)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Self::Value, D::Error> {
                deserializer.deserialize_any(self)
            }
        }
        deserializer.deserialize_option(Visitor)
    }

    /// Like [`lenient_timestamp`], for fields that are not optional: a missing value is the
    /// Unix epoch.
    pub fn lenient_timestamp_or_default<'de, D>(deserializer: D) -> Result<Timestamp, D::Error>
    where
        D: Deserializer<'de>,
    {
        Ok(lenient_timestamp(deserializer)?.unwrap_or_default())
    }

    /// Reads a string into an open enum without an intermediate allocation.
    pub fn wire_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: for<'a> From<&'a str>,
    {
        struct Visitor<T>(PhantomData<T>);
        impl<'de, T: for<'a> From<&'a str>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
                Ok(T::from(value))
            }
        }
        deserializer.deserialize_str(Visitor(PhantomData))
    }
}
