//! Checks a parsed declaration; every problem becomes a spanned compile error.

use crate::ast::{Endpoint, Location, Shape};
use crate::ctxt::Ctxt;
use crate::names;

pub fn check(cx: &mut Ctxt, endpoint: &Endpoint) {
    check_struct(cx, endpoint);
    check_body_encoding(cx, endpoint);
    check_path_params(cx, endpoint);
    for field in &endpoint.fields {
        check_field(cx, endpoint, field);
    }
    check_setter_names(cx, endpoint);
}

/// Methods `Call` already has, which a generated setter must not shadow.
const CALL_METHODS: &[&str] = &[
    "new",
    "send",
    "timeout",
    "request",
    "request_mut",
    "into_request",
    "into_future",
];

fn check_setter_names(cx: &mut Ctxt, endpoint: &Endpoint) {
    let mut seen: Vec<String> = Vec::new();
    for field in endpoint
        .fields
        .iter()
        .filter(|f| !matches!(f.shape, Shape::Required))
    {
        let plain = names::wire_name(&field.ident);
        let mut setters = vec![plain.clone(), format!("set_{plain}")];
        if matches!(field.shape, Shape::Nullable(_)) {
            setters.push(format!("clear_{plain}"));
        }
        for setter in setters {
            if CALL_METHODS.contains(&setter.as_str()) {
                cx.error_spanned_by(
                    &field.ident,
                    format!("the setter `{setter}` would clash with `Call::{setter}`; rename the field and keep its wire name with `#[stytch(rename = \"{}\")]`", field.wire),
                );
            } else if seen.contains(&setter) {
                cx.error_spanned_by(
                    &field.ident,
                    format!("two fields would generate the setter `{setter}`; rename one and keep its wire name with `#[stytch(rename = \"...\")]`"),
                );
            }
            seen.push(setter);
        }
    }
}

fn check_struct(cx: &mut Ctxt, endpoint: &Endpoint) {
    let item = &endpoint.item;
    if !item.generics.params.is_empty() {
        cx.error_spanned_by(
            &item.generics,
            "#[endpoint] structs cannot be generic; use concrete field types",
        );
    }
    if endpoint.method_name().is_none() {
        cx.error_spanned_by(
            &item.ident,
            format!(
                "cannot derive a method name from `{}`; end the struct name in `Request` or add `name = method_name`",
                item.ident
            ),
        );
    }
    if endpoint.response_type().is_none() {
        cx.error_spanned_by(
            &item.ident,
            format!(
                "cannot derive a response type from `{}`; end the struct name in `Request` or add `response = SomeResponse`",
                item.ident
            ),
        );
    }
}

fn check_body_encoding(cx: &mut Ctxt, endpoint: &Endpoint) {
    if let Some(body) = &endpoint.args.body {
        if body == "form" && !endpoint.method().has_body() {
            let method = endpoint.method().as_str();
            cx.error_spanned_by(
                body,
                format!("{method} requests have no body to encode; remove `body = form` or use POST or PUT"),
            );
        }
    }
}

fn check_path_params(cx: &mut Ctxt, endpoint: &Endpoint) {
    let (Some(template), Some(lit)) = (&endpoint.template, &endpoint.args.path) else {
        return;
    };
    for param in template.params() {
        if !endpoint.fields.iter().any(|f| f.wire == param) {
            cx.error_spanned_by(
                lit,
                format!("no field named `{param}` for `{{{param}}}` in the path; add `pub {param}: String` or fix the path"),
            );
        }
    }
}

fn check_field(cx: &mut Ctxt, endpoint: &Endpoint, field: &crate::ast::Field) {
    let name = &field.ident;
    let explicit: Vec<&str> = [
        field.attrs.header.as_ref().map(|_| "header"),
        field.attrs.query.map(|_| "query"),
        field.attrs.body.map(|_| "body"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if explicit.len() > 1 {
        cx.error_spanned_by(
            name,
            format!(
                "`{name}` is given conflicting locations ({}); keep one",
                explicit.join(", ")
            ),
        );
    }
    if let Some(span) = field.attrs.project_id {
        if !matches!(field.location, Location::Path)
            || names::last_ident(&field.ty).as_deref() != Some("String")
        {
            cx.error_spanned_by(
                quote::quote_spanned!(span=> project_id),
                format!("`#[stytch(project_id)]` fills a path placeholder with the client's project id; `{name}` must be a `String` named in the path, e.g. \"/v1/public/{{{name}}}/...\""),
            );
        }
    }
    if names::generic_inner(&field.ty, "Nullable").is_some() {
        cx.error_spanned_by(
            &field.ty,
            format!("`{name}` must be `Option<Nullable<..>>` so it can also be left out; wrap it in `Option`"),
        );
    }
    match &field.location {
        Location::Path => {
            if let Some(kind) = explicit.first() {
                cx.error_spanned_by(
                    name,
                    format!(
                        "`{name}` fills `{{{}}}` in the path; remove `#[stytch({kind})]`",
                        field.wire
                    ),
                );
            }
            if !matches!(field.shape, Shape::Required) || !is_path_type(&field.ty) {
                cx.error_spanned_by(
                    &field.ty,
                    format!(
                        "`{name}` fills `{{{}}}` in the path, so it must be a required `String` or integer; \
                         an optional or compound value cannot go in a path",
                        field.wire
                    ),
                );
            }
        }
        Location::Header(header) => {
            let value = header.value();
            let valid = !value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !valid {
                cx.error_spanned_by(header, format!("{value:?} is not a valid HTTP header name"));
            }
            let inner = match &field.shape {
                Shape::Optional(inner) => inner,
                _ => &field.ty,
            };
            if matches!(field.shape, Shape::Nullable(_))
                || names::last_ident(inner).as_deref() != Some("String")
            {
                cx.error_spanned_by(
                    &field.ty,
                    format!("header field `{name}` must be `String` or `Option<String>`"),
                );
            }
        }
        Location::Body => {
            if !endpoint.method().has_body() {
                let method = endpoint.method().as_str();
                cx.error_spanned_by(
                    name,
                    format!("{method} requests have no JSON body; remove `#[stytch(body)]` to send `{name}` in the query"),
                );
            }
        }
        Location::Query => {}
    }
}

fn is_path_type(ty: &syn::Type) -> bool {
    const ALLOWED: &[&str] = &[
        "String", "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ];
    names::last_ident(ty).is_some_and(|ident| ALLOWED.contains(&ident.as_str()))
        && names::generic_inner(ty, "Option").is_none()
}
