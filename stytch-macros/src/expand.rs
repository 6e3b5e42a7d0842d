//! Emits the code for one `#[endpoint]` declaration.
//!
//! The expansion stays small: a constructor, the `Endpoint` trait impl (method, path template,
//! how to fill the path, query and headers), a body `Serialize` impl, a redacting `Debug`, the
//! client method, the builder setters and a catalogue entry. Sending is done by the runtime.

use crate::ast::{self, Endpoint, Field, Location, PathPiece, Shape};
use crate::attr::{self, HttpMethod};
use crate::ctxt::Ctxt;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::{DeriveInput, Ident};

pub fn endpoint(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let args = attr::parse_endpoint_args(&mut cx, args);
    let item: DeriveInput = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(_) => {
            cx.error_spanned_by(
                first_token(&input),
                "#[endpoint] goes on a request struct, e.g. `pub struct ResetRequest { ... }`",
            );
            let errors = cx.into_compile_errors();
            return quote!(#input #errors);
        }
    };
    let endpoint = ast::parse(&mut cx, args, item);
    crate::valid::check(&mut cx, &endpoint);
    if let Some(errors) = cx.into_compile_errors() {
        // Keep the struct so that the rest of the crate (and rust-analyzer) still sees it.
        let item = &endpoint.item;
        return quote!(#item #errors);
    }
    generate(&endpoint)
}

pub(crate) fn first_token(input: &TokenStream) -> TokenStream {
    input.clone().into_iter().take(1).collect()
}

fn generate(endpoint: &Endpoint) -> TokenStream {
    let item = &endpoint.item;
    let ident = &item.ident;
    let vis = &item.vis;
    let method = endpoint.method_name().expect("validated");
    let response = endpoint.response_type().expect("validated");
    let service = endpoint
        .args
        .service
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(Service));
    let http = endpoint.method();
    let path = endpoint.path_str();
    let sends = format!(" Sends `{} {}`.", http.as_str(), path);
    let docs: Vec<_> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .collect();

    let required: Vec<&Field> = endpoint
        .fields
        .iter()
        .filter(|f| matches!(f.shape, Shape::Required))
        .collect();
    let req_idents: Vec<&Ident> = required.iter().map(|f| &f.ident).collect();
    let req_types: Vec<&syn::Type> = required.iter().map(|f| &f.ty).collect();
    // The client method asks for every required field but those the client fills itself.
    let from_caller: Vec<&Field> = required
        .iter()
        .copied()
        .filter(|f| f.attrs.project_id.is_none())
        .collect();
    let arg_idents: Vec<&Ident> = from_caller.iter().map(|f| &f.ident).collect();
    let arg_types: Vec<&syn::Type> = from_caller.iter().map(|f| &f.ty).collect();
    let new_args = required.iter().map(|f| {
        let ident = &f.ident;
        if f.attrs.project_id.is_some() {
            quote!(::core::clone::Clone::clone(&transport.project_id))
        } else {
            quote!(#ident)
        }
    });
    let optional_idents = endpoint
        .fields
        .iter()
        .filter(|f| !matches!(f.shape, Shape::Required))
        .map(|f| &f.ident);

    let setter_list = setter_list(&endpoint.fields);
    let info = catalogue_info(endpoint, &method, &response);
    let write_path = write_path(endpoint);
    let write_query = write_query(endpoint);
    let visit_headers = visit_headers(endpoint);
    let serialize = serialize_body(endpoint);
    let debug = debug_impl(ident, &endpoint.fields);
    let setters = endpoint.fields.iter().filter_map(setters);
    let probe = probe(endpoint, &service, &method, &from_caller);

    quote! {
        #[derive(::core::clone::Clone)]
        #item

        impl #ident {
            /// Builds the request from its required fields; optional fields start unset.
            #[allow(clippy::too_many_arguments)]
            #vis fn new(#(#req_idents: impl ::core::convert::Into<#req_types>),*) -> Self {
                Self {
                    #(#req_idents: ::core::convert::Into::into(#req_idents),)*
                    #(#optional_idents: ::core::option::Option::None,)*
                }
            }
        }

        #[automatically_derived]
        impl ::stytch::__private::Endpoint for #ident {
            type Response = #response;
            const INFO: &'static ::stytch::catalogue::EndpointInfo = &#info;
            #write_path
            #write_query
            #visit_headers
        }

        #serialize
        #debug

        impl<'c> #service<'c> {
            #(#docs)*
            #[doc = ""]
            #[doc = #sends]
            #(#[doc = #setter_list])*
            #[allow(clippy::too_many_arguments)]
            pub fn #method(&self, #(#arg_idents: impl ::core::convert::Into<#arg_types>),*) -> ::stytch::Call<'c, #ident> {
                let transport = ::stytch::__private::ServiceHandle::transport(self);
                ::stytch::Call::new(transport, #ident::new(#(#new_args),*))
            }
        }

        impl<'c> ::stytch::Call<'c, #ident> {
            #(#setters)*
        }

        ::stytch::__private::inventory::submit! {
            ::stytch::__private::CatalogueEntry(<#ident as ::stytch::__private::Endpoint>::INFO)
        }

        #probe
    }
}

/// The argument-mapping test's hook: builds the call through the client method and the
/// setters from values the test supplies. The runtime's `probe!` keeps it only with the
/// internal `__probe` feature, so no other build compiles it.
fn probe(
    endpoint: &Endpoint,
    service: &syn::Path,
    method: &Ident,
    from_caller: &[&Field],
) -> TokenStream {
    let ident = &endpoint.item.ident;
    let arguments = from_caller.iter().map(|field| {
        let (wire, ty) = (&field.wire, &field.ty);
        quote!(values.argument::<#ty>(#wire)?)
    });
    let setters = endpoint.fields.iter().filter_map(|field| {
        let set = format_ident!("set_{}", crate::names::wire_name(&field.ident));
        let wire = &field.wire;
        match field.shape {
            Shape::Required => None,
            Shape::Optional(_) => Some(quote!(.#set(values.optional(#wire)?))),
            Shape::Nullable(_) => {
                Some(quote!(.#set(values.optional(#wire)?.map(::stytch::Nullable::Value))))
            }
        }
    });
    quote! {
        ::stytch::__private::probe! {
            #[automatically_derived]
            impl ::stytch::__private::Probe for #ident {
                fn probe_call<'c>(
                    core: &'c ::stytch::__private::ClientCore,
                    values: &mut ::stytch::__private::ProbeValues<'_, '_>,
                ) -> ::core::result::Result<::stytch::Call<'c, Self>, ::stytch::Error> {
                    let call = #service::new(core).#method(#(#arguments),*);
                    ::core::result::Result::Ok(call #(#setters)*)
                }
            }
            ::stytch::__private::inventory::submit! {
                ::stytch::__private::ProbeEntry::of::<#ident>()
            }
        }
    }
}

fn catalogue_info(endpoint: &Endpoint, method: &Ident, response: &syn::Type) -> TokenStream {
    let http = match endpoint.method() {
        HttpMethod::Get => quote!(Get),
        HttpMethod::Post => quote!(Post),
        HttpMethod::Put => quote!(Put),
        HttpMethod::Delete => quote!(Delete),
    };
    let host = match endpoint
        .args
        .host
        .as_ref()
        .map(ToString::to_string)
        .as_deref()
    {
        Some("fraud") => quote!(Fraud),
        _ => quote!(Api),
    };
    let body = match endpoint
        .args
        .body
        .as_ref()
        .map(ToString::to_string)
        .as_deref()
    {
        Some("form") => quote!(Form),
        _ => quote!(Json),
    };
    let path = endpoint.path_str();
    let name = crate::names::wire_name(method);
    let request = endpoint.item.ident.to_string();
    let response = response.to_token_stream().to_string().replace(' ', "");
    let fields = endpoint.fields.iter().map(|field| {
        let wire = &field.wire;
        let location = match &field.location {
            Location::Path => quote!(Path),
            Location::Query => quote!(Query),
            Location::Body => quote!(Body),
            Location::Header(header) => quote!(Header(#header)),
        };
        let required = matches!(field.shape, Shape::Required);
        let secret = field.secret;
        quote! {
            ::stytch::catalogue::FieldInfo {
                name: #wire,
                location: ::stytch::catalogue::FieldLocation::#location,
                required: #required,
                secret: #secret,
            }
        }
    });
    quote! {
        ::stytch::catalogue::EndpointInfo {
            method: ::stytch::catalogue::Method::#http,
            path: #path,
            host: ::stytch::catalogue::Host::#host,
            body: ::stytch::catalogue::BodyFormat::#body,
            name: #name,
            module: ::core::module_path!(),
            request: #request,
            response: #response,
            fields: &[#(#fields),*],
        }
    }
}

fn write_path(endpoint: &Endpoint) -> TokenStream {
    let Some(template) = &endpoint.template else {
        return TokenStream::new();
    };
    if template.params().next().is_none() {
        // The runtime uses the template as it is.
        return TokenStream::new();
    }
    let steps = template.pieces.iter().map(|piece| match piece {
        PathPiece::Literal(text) => quote!(out.push_str(#text);),
        PathPiece::Param(name) => {
            let field = endpoint
                .fields
                .iter()
                .find(|f| &f.wire == name)
                .expect("validated");
            let ident = &field.ident;
            quote!(::stytch::__private::push_path_segment(out, #name, &self.#ident)?;)
        }
    });
    quote! {
        #[inline]
        fn write_path(&self, out: &mut ::std::string::String) -> ::core::result::Result<(), ::stytch::Error> {
            #(#steps)*
            ::core::result::Result::Ok(())
        }
    }
}

fn write_query(endpoint: &Endpoint) -> TokenStream {
    let appends: Vec<TokenStream> = endpoint
        .fields
        .iter()
        .filter(|f| matches!(f.location, Location::Query))
        .map(|field| {
            let wire = &field.wire;
            let ident = &field.ident;
            quote!(query.append(#wire, &self.#ident);)
        })
        .collect();
    if appends.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[inline]
        fn write_query(&self, query: &mut ::stytch::__private::QueryWriter) {
            #(#appends)*
        }
    }
}

fn visit_headers(endpoint: &Endpoint) -> TokenStream {
    let visits: Vec<TokenStream> = endpoint
        .fields
        .iter()
        .filter_map(|field| {
            let Location::Header(header) = &field.location else {
                return None;
            };
            let ident = &field.ident;
            Some(match field.shape {
                Shape::Required => quote!(visit(#header, self.#ident.as_str());),
                _ => quote! {
                    if let ::core::option::Option::Some(value) = &self.#ident {
                        visit(#header, value.as_str());
                    }
                },
            })
        })
        .collect();
    if visits.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[inline]
        fn visit_headers(&self, visit: &mut dyn ::core::ops::FnMut(&'static str, &str)) {
            #(#visits)*
        }
    }
}

fn serialize_body(endpoint: &Endpoint) -> TokenStream {
    let ident = &endpoint.item.ident;
    let name = ident.to_string();
    let body: Vec<&Field> = endpoint
        .fields
        .iter()
        .filter(|f| matches!(f.location, Location::Body))
        .collect();
    let required = body
        .iter()
        .filter(|f| matches!(f.shape, Shape::Required))
        .count();
    let optional = body
        .iter()
        .filter(|f| !matches!(f.shape, Shape::Required))
        .map(|f| &f.ident);
    let fields = body.iter().map(|field| {
        let wire = &field.wire;
        let member = &field.ident;
        match field.shape {
            Shape::Required => quote!(out.serialize_field(#wire, &self.#member)?;),
            _ => quote!(::stytch::__private::serialize_if_some(&mut out, #wire, &self.#member)?;),
        }
    });
    quote! {
        #[automatically_derived]
        impl ::stytch::__private::serde::Serialize for #ident {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::stytch::__private::serde::Serializer,
            {
                use ::stytch::__private::serde::ser::SerializeStruct as _;
                let len = #required #(+ usize::from(self.#optional.is_some()))*;
                #[allow(unused_mut)]
                let mut out = serializer.serialize_struct(#name, len)?;
                #(#fields)*
                out.end()
            }
        }
    }
}

/// A `Debug` that prints `<redacted>` in place of every secret field's value.
pub(crate) fn debug_impl(ident: &Ident, fields: &[Field]) -> TokenStream {
    let name = ident.to_string();
    let entries = fields.iter().map(|field| {
        let wire = crate::names::wire_name(&field.ident);
        let member = &field.ident;
        debug_entry(
            &wire,
            quote!(self.#member),
            field.secret,
            !matches!(field.shape, Shape::Required),
        )
    });
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name)
                    #(#entries)*
                    .finish()
            }
        }
    }
}

pub(crate) fn debug_entry(
    name: &str,
    value: TokenStream,
    secret: bool,
    optional: bool,
) -> TokenStream {
    match (secret, optional) {
        (false, _) => quote!(.field(#name, &#value)),
        (true, false) => quote!(.field(#name, &::stytch::__private::Redacted)),
        (true, true) => {
            quote!(.field(#name, &#value.as_ref().map(|_| ::stytch::__private::Redacted)))
        }
    }
}

/// The lines of the client method's doc that list its optional setters, one each, with the
/// first line of the field's own doc when it has one.
fn setter_list(fields: &[Field]) -> Vec<String> {
    let optional: Vec<&Field> = fields
        .iter()
        .filter(|f| !matches!(f.shape, Shape::Required))
        .collect();
    if optional.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new(), " Optional, as chained setters:".to_owned()];
    for field in optional {
        let name = crate::names::wire_name(&field.ident);
        let summary = field
            .docs
            .iter()
            .find_map(doc_text)
            .map_or_else(String::new, |text| format!(": {}", text.trim()));
        let clear = if matches!(field.shape, Shape::Nullable(_)) {
            format!(" (`.clear_{name}()` sends `null`)")
        } else {
            String::new()
        };
        lines.push(format!(" - `.{name}(..)`{clear}{summary}"));
    }
    lines
}

/// The text of a `#[doc = "..."]` attribute.
fn doc_text(attr: &syn::Attribute) -> Option<String> {
    match &attr.meta {
        syn::Meta::NameValue(syn::MetaNameValue {
            value:
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }),
            ..
        }) => Some(text.value()).filter(|t| !t.trim().is_empty()),
        _ => None,
    }
}

fn setters(field: &Field) -> Option<TokenStream> {
    let member = &field.ident;
    let plain = crate::names::wire_name(member);
    let set = format_ident!("set_{}", plain);
    let docs = if field.docs.is_empty() {
        let doc = format!(" Sets `{plain}`.");
        quote!(#[doc = #doc])
    } else {
        let docs = &field.docs;
        quote!(#(#docs)*)
    };
    let set_doc = format!(" Sets `{plain}` from an `Option`; `None` leaves it off the wire.");
    match &field.shape {
        Shape::Required => None,
        Shape::Optional(inner) => Some(quote! {
            #docs
            pub fn #member(self, #member: impl ::core::convert::Into<#inner>) -> Self {
                self.#set(::core::option::Option::Some(::core::convert::Into::into(#member)))
            }
            #[doc = #set_doc]
            #[inline]
            pub fn #set(mut self, #member: ::core::option::Option<#inner>) -> Self {
                self.request_mut().#member = #member;
                self
            }
        }),
        Shape::Nullable(inner) => {
            let clear = format_ident!("clear_{}", plain);
            let clear_doc = format!(
                " Sends `\"{}\": null`, clearing the stored value.",
                field.wire
            );
            Some(quote! {
                #docs
                pub fn #member(self, #member: impl ::core::convert::Into<#inner>) -> Self {
                    self.#set(::core::option::Option::Some(::stytch::Nullable::Value(::core::convert::Into::into(#member))))
                }
                #[doc = #clear_doc]
                #[inline]
                pub fn #clear(self) -> Self {
                    self.#set(::core::option::Option::Some(::stytch::Nullable::Null))
                }
                #[doc = #set_doc]
                #[inline]
                pub fn #set(mut self, #member: ::core::option::Option<::stytch::Nullable<#inner>>) -> Self {
                    self.request_mut().#member = #member;
                    self
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The expansion of a representative declaration, kept in
    /// `tests/snapshots/reset_request.expanded.rs` for review.
    #[test]
    fn representative_expansion_matches_the_snapshot() {
        let args = quote!(
            POST,
            "/v1/b2b/organizations/{organization_id}/members/{member_id}/reset"
        );
        let item = quote! {
            /// Resets a member's password.
            pub struct ResetRequest {
                pub organization_id: String,
                pub member_id: String,
                pub password: String,
                pub session_duration_minutes: Option<i32>,
                pub trusted_metadata: Option<Nullable<serde_json::Value>>,
                #[stytch(header = "X-Stytch-Member-Session")]
                pub member_session_token: Option<String>,
                #[stytch(query)]
                pub dry_run: Option<bool>,
            }
        };
        crate::snapshot::assert_matches("reset_request", super::endpoint(args, item));
    }
}
