//! `#[model]`: response and nested models that decode leniently, and open string enums.

use crate::ctxt::Ctxt;
use crate::expand::{debug_entry, first_token};
use crate::names;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

pub fn model(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    if !args.is_empty() {
        cx.error_spanned_by(&args, "#[model] takes no arguments");
    }
    let mut item: DeriveInput = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(_) => {
            cx.error_spanned_by(
                first_token(&input),
                "#[model] goes on a struct with named fields or an enum of unit variants",
            );
            let errors = cx.into_compile_errors();
            return quote!(#input #errors);
        }
    };
    if !item.generics.params.is_empty() {
        cx.error_spanned_by(&item.generics, "#[model] types cannot be generic");
    }
    let expanded = match &item.data {
        Data::Struct(_) => model_struct(&mut cx, &mut item),
        Data::Enum(_) => model_enum(&mut cx, &mut item),
        Data::Union(data) => {
            cx.error_spanned_by(
                data.union_token,
                "#[model] goes on a struct or an enum, not a union",
            );
            TokenStream::new()
        }
    };
    match cx.into_compile_errors() {
        Some(errors) => quote!(#item #errors),
        None => expanded,
    }
}

/// Structs: every field tolerates being absent or `null`; unset options are not serialized.
/// A field that is not an `Option` is one Stytch's API always sends: when it is absent or
/// `null`, it decodes to its default and the runtime reports it (a warning, or an error in
/// strict mode). An `Option<String>` reads `""` as `None`, since Stytch sends an empty string
/// for "none" (a session token when no session was started, say).
///
/// serde's derives are not used: a derived `Deserialize` writes a field-name visitor, a
/// sequence visitor and a wrapper type per `deserialize_with` field for every struct. Here each
/// model gets one `match` on field names, and the object loop lives once in the runtime.
fn model_struct(cx: &mut Ctxt, item: &mut DeriveInput) -> TokenStream {
    let ident = item.ident.clone();
    let Data::Struct(data) = &mut item.data else {
        unreachable!("checked by the caller")
    };
    let Fields::Named(named) = &mut data.fields else {
        cx.error_spanned_by(&item.ident, "#[model] structs need named fields");
        return TokenStream::new();
    };
    let mut debug_fields = Vec::new();
    let mut read_arms = Vec::new();
    let mut write_fields = Vec::new();
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for field in named.named.iter_mut() {
        let attrs = crate::attr::take_field_attrs(cx, &mut field.attrs);
        if attrs.header.is_some() || attrs.query.is_some() || attrs.body.is_some() {
            cx.error_spanned_by(
                &field.ident,
                "model fields have no wire location; remove `header`, `query` or `body`",
            );
        }
        let member = field.ident.clone().expect("named fields have identifiers");
        let wire = attrs
            .rename
            .as_ref()
            .map_or_else(|| names::wire_name(&member), LitStr::value);
        let secret = attrs.secret.unwrap_or_else(|| names::is_secret_name(&wire));
        let option = names::generic_inner(&field.ty, "Option");
        let is = |ty: &syn::Type, name: &str| names::last_ident(ty).as_deref() == Some(name);
        read_arms.push(match option {
            Some(inner) => {
                let reader = if is(inner, "Timestamp") {
                    quote!(timestamp)
                } else if is(inner, "String") {
                    quote!(option_string)
                } else {
                    quote!(option)
                };
                quote!(#wire => self.#member = ::stytch::__private::de::#reader(map)?,)
            }
            None => {
                // A required field marks its bit in `seen` when it holds a value.
                let reader = if is(&field.ty, "Timestamp") {
                    quote!(required_timestamp)
                } else {
                    quote!(required)
                };
                let bit = required.len() as u32;
                quote!(#wire => ::stytch::__private::de::#reader(map, &mut self.#member, seen, #bit)?,)
            }
        });
        write_fields.push(if option.is_some() {
            optional.push(member.clone());
            quote!(::stytch::__private::serialize_if_some(&mut out, #wire, &self.#member)?;)
        } else {
            required.push(wire.clone());
            quote!(out.serialize_field(#wire, &self.#member)?;)
        });
        if required.len() > 64 {
            cx.error_spanned_by(
                &field.ident,
                "#[model] structs can have at most 64 fields that are not `Option`; \
                 make this one an `Option` or split the struct",
            );
        }
        debug_fields.push(debug_entry(
            &names::wire_name(&member),
            quote!(self.#member),
            secret,
            option.is_some(),
        ));
    }
    if cx.has_errors() {
        return TokenStream::new();
    }
    let name = ident.to_string();
    let required_count = required.len();
    let read_body = if read_arms.is_empty() {
        quote!(::core::result::Result::Ok({
            let _ = (key, map, seen);
            false
        }))
    } else {
        quote! {
            match key {
                #(#read_arms)*
                _ => return ::core::result::Result::Ok(false),
            }
            ::core::result::Result::Ok(true)
        }
    };
    quote! {
        #[derive(::core::clone::Clone, ::core::default::Default, ::core::cmp::PartialEq)]
        #[non_exhaustive]
        #item

        #[automatically_derived]
        impl ::core::fmt::Debug for #ident {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#name)
                    #(#debug_fields)*
                    .finish()
            }
        }

        #[automatically_derived]
        impl ::stytch::__private::de::Fields for #ident {
            const NAME: &'static str = #name;
            const REQUIRED: &'static [&'static str] = &[#(#required),*];
            fn read_field<'de, A: ::stytch::__private::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
                seen: &mut u64,
            ) -> ::core::result::Result<bool, A::Error> {
                #read_body
            }
        }

        #[automatically_derived]
        impl<'de> ::stytch::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::stytch::__private::serde::Deserializer<'de>,
            {
                ::stytch::__private::de::model(deserializer)
            }
        }

        #[automatically_derived]
        impl ::stytch::__private::serde::Serialize for #ident {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::stytch::__private::serde::Serializer,
            {
                use ::stytch::__private::serde::ser::SerializeStruct as _;
                let len = #required_count #(+ usize::from(self.#optional.is_some()))*;
                #[allow(unused_mut)]
                let mut out = serializer.serialize_struct(#name, len)?;
                #(#write_fields)*
                out.end()
            }
        }
    }
}

/// Enums: known wire values map to variants; anything else is kept in `Unknown`.
fn model_enum(cx: &mut Ctxt, item: &mut DeriveInput) -> TokenStream {
    let ident = item.ident.clone();
    let Data::Enum(data) = &mut item.data else {
        unreachable!("checked by the caller")
    };
    let mut variants = Vec::new();
    let mut wires = Vec::new();
    for variant in data.variants.iter_mut() {
        let attrs = crate::attr::take_field_attrs(cx, &mut variant.attrs);
        if !matches!(variant.fields, Fields::Unit) {
            cx.error_spanned_by(
                &variant.ident,
                "#[model] enum variants carry no data; each stands for one wire string",
            );
        }
        if variant.ident == "Unknown" {
            cx.error_spanned_by(
                &variant.ident,
                "#[model] adds `Unknown(String)` itself; remove this variant",
            );
        }
        let wire = attrs.rename.as_ref().map_or_else(
            || names::snake_case(&variant.ident.to_string()),
            LitStr::value,
        );
        if wires.contains(&wire) {
            cx.error_spanned_by(&variant.ident, format!("wire value {wire:?} is used twice"));
        }
        variants.push(variant.ident.clone());
        wires.push(wire);
    }
    if cx.has_errors() {
        return TokenStream::new();
    }
    let unknown_doc = "A value this version of the SDK does not know; `as_str` returns it as sent.";
    data.variants.push(syn::parse_quote! {
        #[doc = #unknown_doc]
        Unknown(::std::string::String)
    });
    quote! {
        #[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #[non_exhaustive]
        #item

        impl #ident {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wires,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for #ident {
            fn from(value: &str) -> Self {
                match value {
                    #(#wires => Self::#variants,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::stytch::__private::WireEnum for #ident {
            fn as_wire_str(&self) -> &str {
                self.as_str()
            }
        }

        impl ::core::str::FromStr for #ident {
            type Err = ::core::convert::Infallible;
            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::default::Default for #ident {
            /// An empty `Unknown`, which is what a missing value decodes to.
            fn default() -> Self {
                Self::Unknown(::std::string::String::new())
            }
        }

        impl ::stytch::__private::serde::Serialize for #ident {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: ::stytch::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::stytch::__private::serde::Deserialize<'de> for #ident {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: ::stytch::__private::serde::Deserializer<'de>,
            {
                ::stytch::__private::de::wire_enum(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    /// The expansion of a representative response model, kept in
    /// `tests/snapshots/member_model.expanded.rs` for review.
    #[test]
    fn representative_model_matches_the_snapshot() {
        let item = quote! {
            /// A member of an organization.
            pub struct Member {
                pub member_id: String,
                pub email_address: String,
                pub is_breakglass: bool,
                pub roles: Vec<MemberRole>,
                pub name: Option<String>,
                pub created_at: Option<Timestamp>,
                #[stytch(rename = "type")]
                pub kind: String,
            }
        };
        crate::snapshot::assert_matches("member_model", super::model(quote!(), item));
    }
}
