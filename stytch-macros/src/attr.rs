//! Parses the arguments of `#[endpoint(...)]` and the `#[stytch(...)]` field attributes.

use crate::ctxt::Ctxt;
use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitBool, LitStr, Token, Type};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Methods whose non-path fields travel in the query string rather than a JSON body.
    pub fn has_body(self) -> bool {
        matches!(self, HttpMethod::Post | HttpMethod::Put)
    }
}

pub struct EndpointArgs {
    pub method: Option<(HttpMethod, Ident)>,
    pub path: Option<LitStr>,
    pub name: Option<Ident>,
    pub response: Option<Type>,
    pub service: Option<syn::Path>,
    pub host: Option<Ident>,
    /// `body = form`: the body is `application/x-www-form-urlencoded` instead of JSON.
    pub body: Option<Ident>,
}

const ARGUMENT_NAMES: &str = "`name`, `response`, `service`, `host` or `body`";

/// Parses `METHOD, "/path", key = value, ...`; every problem is reported through `cx`.
pub fn parse_endpoint_args(cx: &mut Ctxt, args: TokenStream) -> EndpointArgs {
    let mut out = EndpointArgs {
        method: None,
        path: None,
        name: None,
        response: None,
        service: None,
        host: None,
        body: None,
    };
    let parser = |input: ParseStream| parse_args_inner(cx, &mut out, input);
    if let Err(error) = parser.parse2(args) {
        cx.syn_error(error);
    }
    out
}

fn parse_args_inner(cx: &mut Ctxt, out: &mut EndpointArgs, input: ParseStream) -> syn::Result<()> {
    const USAGE: &str =
        "expected an HTTP method and a path, e.g. `#[endpoint(POST, \"/v1/users\")]`";
    if input.is_empty() {
        return Err(input.error(USAGE));
    }
    let method: Ident = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), USAGE))?;
    if input.is_empty() {
        return Err(syn::Error::new_spanned(
            &method,
            format!(
                "expected a path after `{method}`, e.g. `#[endpoint({method}, \"/v1/users\")]`"
            ),
        ));
    }
    match parse_method(&method) {
        Some(parsed) => out.method = Some((parsed, method)),
        None => cx.error_spanned_by(
            &method,
            format!("unsupported HTTP method `{method}`; use one of GET, POST, PUT or DELETE"),
        ),
    }
    input
        .parse::<Token![,]>()
        .map_err(|e| syn::Error::new(e.span(), USAGE))?;
    let path: LitStr = input.parse().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected the path as a string literal, e.g. \"/v1/users/{user_id}\"",
        )
    })?;
    out.path = Some(path);

    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        let key: Ident = input.parse()?;
        input
            .parse::<Token![=]>()
            .map_err(|e| syn::Error::new(e.span(), format!("expected `{key} = ...`")))?;
        let duplicate = |cx: &mut Ctxt| {
            cx.error_spanned_by(&key, format!("duplicate argument `{key}`; give it once"));
        };
        match key.to_string().as_str() {
            "name" => {
                let value: Ident = input.parse()?;
                if out.name.replace(value).is_some() {
                    duplicate(cx);
                }
            }
            "response" => {
                let value: Type = input.parse()?;
                if out.response.replace(value).is_some() {
                    duplicate(cx);
                }
            }
            "service" => {
                let value: syn::Path = input.parse()?;
                if out.service.replace(value).is_some() {
                    duplicate(cx);
                }
            }
            "host" => {
                let value: Ident = input.parse()?;
                if value != "api" && value != "fraud" {
                    cx.error_spanned_by(
                        &value,
                        format!("unknown host `{value}`; use `api` or `fraud`"),
                    );
                }
                if out.host.replace(value).is_some() {
                    duplicate(cx);
                }
            }
            "body" => {
                let value: Ident = input.parse()?;
                if value != "json" && value != "form" {
                    cx.error_spanned_by(
                        &value,
                        format!("unknown body encoding `{value}`; use `json` or `form`"),
                    );
                }
                if out.body.replace(value).is_some() {
                    duplicate(cx);
                }
            }
            _ => {
                cx.error_spanned_by(
                    &key,
                    format!("unknown argument `{key}`; expected {ARGUMENT_NAMES}"),
                );
                // Skip the value so the remaining arguments are still checked.
                let _: TokenStream = input.step(|cursor| {
                    let mut rest = *cursor;
                    let mut skipped = TokenStream::new();
                    while let Some((tt, next)) = rest.token_tree() {
                        if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                            break;
                        }
                        skipped.extend([tt]);
                        rest = next;
                    }
                    Ok((skipped, rest))
                })?;
            }
        }
    }
    Ok(())
}

fn parse_method(ident: &Ident) -> Option<HttpMethod> {
    match ident.to_string().as_str() {
        "GET" => Some(HttpMethod::Get),
        "POST" => Some(HttpMethod::Post),
        "PUT" => Some(HttpMethod::Put),
        "DELETE" => Some(HttpMethod::Delete),
        _ => None,
    }
}

/// What `#[stytch(...)]` says about one field.
#[derive(Default)]
pub struct FieldAttrs {
    pub header: Option<LitStr>,
    pub query: Option<Span>,
    pub body: Option<Span>,
    pub rename: Option<LitStr>,
    pub secret: Option<bool>,
    /// `project_id`: the client fills this path field with its project id.
    pub project_id: Option<Span>,
}

const FIELD_ATTR_NAMES: &str =
    "`header = \"...\"`, `query`, `body`, `rename = \"...\"`, `secret` or `project_id`";

/// Reads and removes the `#[stytch(...)]` attributes of a field.
pub fn take_field_attrs(cx: &mut Ctxt, attrs: &mut Vec<syn::Attribute>) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    attrs.retain(|attr| {
        if !attr.path().is_ident("stytch") {
            return true;
        }
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let dup = |cx: &mut Ctxt| {
                cx.error_spanned_by(&meta.path, format!("duplicate `{key}`; give it once"))
            };
            match key.as_str() {
                "header" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if out.header.replace(value).is_some() {
                        dup(cx);
                    }
                }
                "query" => {
                    if out
                        .query
                        .replace(
                            meta.path
                                .get_ident()
                                .map_or_else(Span::call_site, Ident::span),
                        )
                        .is_some()
                    {
                        dup(cx);
                    }
                }
                "body" => {
                    if out
                        .body
                        .replace(
                            meta.path
                                .get_ident()
                                .map_or_else(Span::call_site, Ident::span),
                        )
                        .is_some()
                    {
                        dup(cx);
                    }
                }
                "project_id" => {
                    if out
                        .project_id
                        .replace(
                            meta.path
                                .get_ident()
                                .map_or_else(Span::call_site, Ident::span),
                        )
                        .is_some()
                    {
                        dup(cx);
                    }
                }
                "rename" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if out.rename.replace(value).is_some() {
                        dup(cx);
                    }
                }
                "secret" => {
                    let value = if meta.input.peek(Token![=]) {
                        meta.value()?.parse::<LitBool>()?.value
                    } else {
                        true
                    };
                    if out.secret.replace(value).is_some() {
                        dup(cx);
                    }
                }
                _ => cx.error_spanned_by(
                    &meta.path,
                    format!("unknown field attribute `{key}`; expected {FIELD_ATTR_NAMES}"),
                ),
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
        false
    });
    out
}
