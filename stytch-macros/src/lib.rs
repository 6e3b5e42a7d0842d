//! Attribute macros behind the [`stytch`](https://docs.rs/stytch) crate.
//!
//! These are used inside `stytch` to declare its endpoints and models; the crate re-exports
//! nothing from here that applications need. See [`macro@endpoint`] for the declaration syntax.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod model;
mod names;
#[cfg(test)]
mod snapshot;
mod valid;

use proc_macro::TokenStream;

/// Declares one Stytch HTTP endpoint on its request struct.
///
/// ```ignore
/// /// Resets a member's password using a session that authenticated recently.
/// #[endpoint(POST, "/v1/b2b/passwords/session/reset")]
/// pub struct ResetRequest {
///     pub organization_id: String,
///     pub password: String,
///     pub session_jwt: Option<String>,
/// }
/// ```
///
/// # Arguments
/// - the HTTP method: `GET`, `POST`, `PUT` or `DELETE`;
/// - the path, with `{field}` placeholders that must each fill a whole segment;
/// - `name = method_name`: the client method (default: the struct name less `Request`, in
///   snake case);
/// - `response = Type`: the response type (default: the struct name with `Request` replaced by
///   `Response`);
/// - `service = Type`: the service handle that gets the client method (default: `Service`,
///   the alias each service module declares with `service!`);
/// - `host = fraud`: send to the telemetry host instead of the API host;
/// - `body = form`: encode the body as `application/x-www-form-urlencoded` (OAuth 2.0
///   endpoints) instead of JSON; `POST` and `PUT` only.
///
/// # Fields
/// A field named like a placeholder fills that path segment (percent-encoded). Other fields go
/// to the query string for `GET`/`DELETE` and to the JSON body for `POST`/`PUT`. `Option`
/// fields are left off the wire when `None`; `Option<Nullable<T>>` can also send an explicit
/// `null`. Field attributes, all under `#[stytch(...)]`:
/// - `header = "X-Name"`: send the (`String` or `Option<String>`) field as a request header;
/// - `query` / `body`: override the default location;
/// - `rename = "wire_name"`: the field's name on the wire;
/// - `secret` / `secret = false`: override whether `Debug` redacts the value (by default
///   names ending in `password`, `_token`, `jwt`, `secret`, `code` and a few more are);
/// - `project_id`: a `String` path field that the client method fills with the client's
///   project id, so callers do not pass it (`new` still takes it).
///
/// # Generated
/// `new(required...)`, a redacting `Debug`, `Clone`, the body's `Serialize`, the
/// `Endpoint` impl, a catalogue entry, the client method on the service, and a setter (plus a
/// `set_` twin taking an `Option`) on `Call<'_, ThisRequest>` for every optional field.
#[proc_macro_attribute]
pub fn endpoint(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::endpoint(args.into(), item.into()).into()
}

/// Declares a model: a struct Stytch sends or receives, or an open string enum.
///
/// On a struct: derives `Clone`, `Default` and `PartialEq`, writes a redacting `Debug` and
/// serde's `Serialize`/`Deserialize` (without serde's derives: each model gets one `match` on
/// field names, the object loop is shared in the runtime), marks it `#[non_exhaustive]`, lets
/// every field be absent or `null` on the wire (it decodes to the default), skips unknown keys,
/// skips `None` fields when serializing, and reads `Timestamp` fields leniently (an empty
/// string is `None`). `#[stytch(rename = "...")]` sets a field's wire name.
///
/// On an enum of unit variants: each variant is a wire string (its name in snake case, or
/// `#[stytch(rename = "...")]`), and an `Unknown(String)` variant is added for values this
/// version does not know, so new values from Stytch never break decoding.
#[proc_macro_attribute]
pub fn model(args: TokenStream, item: TokenStream) -> TokenStream {
    model::model(args.into(), item.into()).into()
}
