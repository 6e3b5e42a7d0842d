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

/// Writes an optional field of a request body or a model when it is set, and skips it
/// otherwise, so an unset field stays off the wire. One copy here instead of an `if let` per
/// optional field in every expansion.
pub fn serialize_if_some<S, T>(
    out: &mut S,
    key: &'static str,
    value: &Option<T>,
) -> Result<(), S::Error>
where
    S: serde::ser::SerializeStruct,
    T: serde::Serialize,
{
    match value {
        Some(value) => out.serialize_field(key, value),
        None => out.skip_field(key),
    }
}

/// Stands in for a secret value in `Debug` output.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Lenient decoding behind the `#[model]` expansion: one generic object reader here, and a
/// `match` on field names per model.
pub mod de {
    use crate::Timestamp;
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess};
    use serde::{Deserialize, Deserializer};
    use std::borrow::Cow;
    use std::fmt;
    use std::marker::PhantomData;

    /// Implemented by `#[model]` structs: read one field, named as on the wire, from a map.
    pub trait Fields: Default {
        /// The struct's name, for error messages.
        const NAME: &'static str;
        /// The wire names of the fields that are not `Option`: the ones Stytch always sends.
        /// Bit `i` of `seen` stands for `REQUIRED[i]`.
        const REQUIRED: &'static [&'static str];

        /// Reads the map's next value into the field called `key`, marking a required field
        /// in `seen` when it held a value. `Ok(false)` means the struct has no such field and
        /// the value is still unread.
        fn read_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
            seen: &mut u64,
        ) -> Result<bool, A::Error>;
    }

    /// Reads a JSON object into a model: fields start at their defaults, keys the model does
    /// not know are skipped, and a repeated key keeps its last value. A required field that
    /// is absent or `null` is reported: logged once, or an error in strict mode.
    pub fn model<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: Fields,
    {
        struct Visitor<T>(PhantomData<T>);
        impl<'de, T: Fields> serde::de::Visitor<'de> for Visitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "struct {}", T::NAME)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
                let mut out = T::default();
                let mut seen = 0u64;
                while let Some(Key(key)) = map.next_key()? {
                    if !out.read_field(&key, &mut map, &mut seen)? {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                let all = u64::MAX >> (64 - T::REQUIRED.len() as u32).min(63);
                if !T::REQUIRED.is_empty() && seen != all {
                    missing::<T, A::Error>(seen)?;
                }
                Ok(out)
            }
        }
        deserializer.deserialize_map(Visitor(PhantomData))
    }

    /// How the current thread decodes: set by the client for the length of one decode.
    #[derive(Clone, Copy)]
    struct Context {
        strict: bool,
        endpoint: &'static str,
        /// The required field a strict decode stopped at.
        missing: Option<&'static str>,
    }

    thread_local! {
        static CONTEXT: std::cell::Cell<Context> = const {
            std::cell::Cell::new(Context { strict: false, endpoint: "", missing: None })
        };
    }

    /// Runs `decode` with strict or lenient handling of missing required fields; returns its
    /// result and, after a strict failure on one, that field's wire name.
    pub(crate) fn with_mode<R>(
        strict: bool,
        endpoint: &'static str,
        decode: impl FnOnce() -> R,
    ) -> (R, Option<&'static str>) {
        let context = Context {
            strict,
            endpoint,
            missing: None,
        };
        let outer = CONTEXT.with(|c| c.replace(context));
        let result = decode();
        let missing = CONTEXT.with(|c| c.replace(outer)).missing;
        (result, missing)
    }

    /// Reports the required fields of `T` not in `seen`: in strict mode the first one fails
    /// the decode; otherwise each (type, field) is logged once per process at WARN. Only the
    /// error's construction is generic, so each model adds one call, not a copy of the loop.
    #[inline]
    fn missing<T: Fields, E: serde::de::Error>(seen: u64) -> Result<(), E> {
        match missing_field(T::NAME, T::REQUIRED, seen) {
            Some(message) => Err(E::custom(message)),
            None => Ok(()),
        }
    }

    /// The message that fails a strict decode, or `None` once the absent fields are logged.
    #[cold]
    fn missing_field(
        model: &'static str,
        required: &'static [&'static str],
        seen: u64,
    ) -> Option<String> {
        let context = CONTEXT.with(std::cell::Cell::get);
        for (bit, field) in required.iter().enumerate() {
            if seen & (1 << bit) != 0 {
                continue;
            }
            if context.strict {
                CONTEXT.with(|c| {
                    c.set(Context {
                        missing: Some(field),
                        ..context
                    })
                });
                return Some(format!(
                    "`{model}.{field}` is absent or null, but Stytch's API always sends it"
                ));
            }
            warn_once(model, field, context.endpoint);
        }
        None
    }

    fn warn_once(model: &'static str, field: &'static str, endpoint: &'static str) {
        static WARNED: std::sync::Mutex<std::collections::BTreeSet<(&str, &str)>> =
            std::sync::Mutex::new(std::collections::BTreeSet::new());
        let first = WARNED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert((model, field));
        if first {
            tracing::warn!(
                model,
                field,
                endpoint,
                "a field Stytch's API always sends was absent or null; it reads as its default \
                 (logged once per field)"
            );
        }
    }

    /// A field that is not an `Option`: `null` leaves its default, and only a value marks it
    /// as seen.
    #[inline]
    pub fn required<'de, A, T>(
        map: &mut A,
        slot: &mut T,
        seen: &mut u64,
        bit: u32,
    ) -> Result<(), A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        if let Some(value) = map.next_value::<Option<T>>()? {
            *slot = value;
            *seen |= 1 << bit;
        }
        Ok(())
    }

    /// A `Timestamp` field, read by [`lenient_timestamp`]: `null` and `""` leave the Unix
    /// epoch, and only a time marks it as seen.
    #[inline]
    pub fn required_timestamp<'de, A: MapAccess<'de>>(
        map: &mut A,
        slot: &mut Timestamp,
        seen: &mut u64,
        bit: u32,
    ) -> Result<(), A::Error> {
        if let Some(value) = timestamp(map)? {
            *slot = value;
            *seen |= 1 << bit;
        }
        Ok(())
    }

    /// An `Option<String>` field: `null` and `""` read as `None`.
    #[inline]
    pub fn option_string<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<String>, A::Error> {
        Ok(map
            .next_value::<Option<String>>()?
            .filter(|s| !s.is_empty()))
    }

    /// An object key, borrowed from the input when it has no escapes.
    struct Key<'de>(Cow<'de, str>);

    impl<'de> Deserialize<'de> for Key<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Key<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Borrowed(value)))
                }
                fn visit_str<E>(self, value: &str) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(value.to_owned())))
                }
                fn visit_string<E>(self, value: String) -> Result<Key<'de>, E> {
                    Ok(Key(Cow::Owned(value)))
                }
            }
            deserializer.deserialize_identifier(Visitor)
        }
    }

    /// An `Option` field: `null` reads as `None`.
    #[inline]
    pub fn option<'de, A, T>(map: &mut A) -> Result<Option<T>, A::Error>
    where
        A: MapAccess<'de>,
        T: Deserialize<'de>,
    {
        map.next_value()
    }

    /// An `Option<Timestamp>` field, read by [`lenient_timestamp`].
    #[inline]
    pub fn timestamp<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Timestamp>, A::Error> {
        struct Seed;
        impl<'de> DeserializeSeed<'de> for Seed {
            type Value = Option<Timestamp>;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                lenient_timestamp(d)
            }
        }
        map.next_value_seed(Seed)
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
                parse_timestamp(value).map(Some).map_err(E::custom)
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

    /// Parses an RFC 3339 timestamp. The form Stytch sends, UTC with a `Z` and optional
    /// fractional seconds, is read directly; anything else goes to chrono's full parser.
    pub(crate) fn parse_timestamp(value: &str) -> Result<Timestamp, chrono::ParseError> {
        match utc_fast_path(value.as_bytes()) {
            Some(timestamp) => Ok(timestamp),
            None => {
                chrono::DateTime::parse_from_rfc3339(value).map(|t| t.with_timezone(&chrono::Utc))
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or `None` to leave the value to chrono (other
    /// offsets, leap seconds, invalid dates).
    fn utc_fast_path(b: &[u8]) -> Option<Timestamp> {
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || b[10] != b'T'
            || b[13] != b':'
            || b[16] != b':'
            || b[b.len() - 1] != b'Z'
        {
            return None;
        }
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        let nanos = match &b[19..b.len() - 1] {
            [] => 0,
            [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
                number(digits)? * 10u32.pow(9 - digits.len() as u32)
            }
            _ => return None,
        };
        let date = chrono::NaiveDate::from_ymd_opt(
            number(&b[0..4])? as i32,
            number(&b[5..7])?,
            number(&b[8..10])?,
        )?;
        let time = chrono::NaiveTime::from_hms_nano_opt(
            number(&b[11..13])?,
            number(&b[14..16])?,
            number(&b[17..19])?,
            nanos,
        )?;
        Some(date.and_time(time).and_utc())
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

/// A response body as text for serde_json's str reader: borrowed when it is valid UTF-8, as
/// every body Stytch sends is, with U+FFFD for the bytes that are not otherwise.
/// (`String::from_utf8_lossy` alone walks a valid body byte by byte: about 17 K instructions
/// for a 3 KB body, against about 1 K for `str::from_utf8`.)
pub(crate) fn body_text(body: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(body) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(body),
    }
}

/// The JSON path (`user.emails[0].verified`, or `.` for the top level) of the value a decoding
/// error points at, found by scanning the body up to the error's line and column.
///
/// Finding it after the fact keeps path tracking off the success path and out of every
/// response type's generated code.
pub(crate) fn json_path_of_error(body: &[u8], error: &serde_json::Error) -> String {
    // serde_json counts lines from 1 and columns as bytes into the line.
    let line_start = match error.line() {
        0 | 1 => 0,
        line => body
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'\n')
            .nth(line - 2)
            .map_or(body.len(), |(i, _)| i + 1),
    };
    json_path_at(body, line_start.saturating_add(error.column()))
}

/// The path of the innermost value being read at byte `offset` of a JSON document.
fn json_path_at(body: &[u8], offset: usize) -> String {
    enum Frame {
        Object {
            key: Option<String>,
            expect_key: bool,
        },
        Array(usize),
    }
    let end = offset.min(body.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match body[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                expect_key: true,
            }),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i;
                i += 1;
                while i < body.len() && body[i] != b'"' {
                    i += if body[i] == b'\\' { 2 } else { 1 };
                }
                if i >= body.len() {
                    break; // the body ends inside this string
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut() {
                    if *expect_key {
                        let raw = body_text(&body[start..=i]);
                        *key = Some(
                            serde_json::from_str(&raw)
                                .unwrap_or_else(|_| raw.trim_matches('"').to_owned()),
                        );
                        *expect_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(key), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array(index) => {
                use fmt::Write as _;
                let _ = write!(path, "[{index}]");
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

#[cfg(test)]
mod tests {
    use super::json_path_of_error;

    /// Decodes `json` as `T` and returns the path the error points at.
    fn path_of<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
        let error = serde_json::from_str::<T>(json).expect_err("decoding fails");
        json_path_of_error(json.as_bytes(), &error)
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        user: Inner,
        #[serde(default)]
        tags: Vec<u32>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        id: String,
        emails: Vec<Email>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Email {
        verified: bool,
    }

    #[test]
    fn a_wrong_type_deep_inside_arrays_and_objects_is_located() {
        let json = r#"{"user": {"id": "u", "emails": [{"verified": true}, {"verified": "yes"}]}}"#;
        assert_eq!(path_of::<Outer>(json), "user.emails[1].verified");
    }

    #[test]
    fn strings_with_brackets_quotes_and_escapes_do_not_confuse_the_scan() {
        let json = r#"{"user": {"id": "a\"[{,:}]\\", "emails": [{"verified": 3}]}}"#;
        assert_eq!(path_of::<Outer>(json), "user.emails[0].verified");
        let escaped_key = r#"{"us\u0065r": {"id": 7, "emails": []}}"#;
        assert_eq!(path_of::<Outer>(escaped_key), "user.id");
    }

    #[test]
    fn errors_on_later_lines_use_the_line_and_column() {
        let json =
            "{\n  \"user\": {\"id\": \"u\", \"emails\": []},\n  \"tags\": [1, 2,\n \"x\"]\n}";
        assert_eq!(path_of::<Outer>(json), "tags[2]");
    }

    #[test]
    fn errors_outside_any_value_point_at_the_top_level() {
        assert_eq!(path_of::<Outer>("[]"), ".");
        assert_eq!(
            path_of::<Outer>(r#"{"user": {"id": "u", "emails": []}} trailing"#),
            "."
        );
        assert_eq!(path_of::<Outer>(""), ".");
    }

    #[test]
    fn timestamps_read_on_the_fast_path_equal_chronos_reading() {
        let same = [
            "2024-03-01T12:00:00Z",
            "2023-01-09T07:41:52.1Z",
            "2023-01-09T07:41:52.123456Z",
            "2023-01-09T07:41:52.123456789Z",
            "2024-02-29T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            // Not the fast path's shape: chrono reads them.
            "2024-03-01T12:00:00+02:00",
            "2024-03-01t12:00:00z",
            "2024-03-01 12:00:00Z",
            "2016-12-31T23:59:60Z",
            "2024-03-01T12:00:00.1234567890Z",
        ];
        for value in same {
            let expected = chrono::DateTime::parse_from_rfc3339(value)
                .unwrap()
                .with_timezone(&chrono::Utc);
            assert_eq!(super::de::parse_timestamp(value), Ok(expected), "{value}");
        }
        let refused = [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T12:00:00.Z",
            "2024-03-01T12:0a:00Z",
            "+024-03-01T12:00:00Z",
            "2024-03-01T12:00:00",
            "yesterday",
        ];
        for value in refused {
            assert!(super::de::parse_timestamp(value).is_err(), "{value}");
        }
    }

    #[test]
    fn a_truncated_body_points_at_the_value_being_read() {
        assert_eq!(path_of::<Outer>(r#"{"user": {"id": "u", "emai"#), "user");
    }
}
