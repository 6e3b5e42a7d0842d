//! The request struct as plain data: each field with where it goes on the wire.

use crate::attr::{self, EndpointArgs, FieldAttrs, HttpMethod};
use crate::ctxt::Ctxt;
use crate::names;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type};

pub struct Endpoint {
    pub item: DeriveInput,
    pub args: EndpointArgs,
    pub template: Option<PathTemplate>,
    pub fields: Vec<Field>,
}

pub struct Field {
    pub ident: Ident,
    pub ty: Type,
    pub wire: String,
    pub location: Location,
    pub shape: Shape,
    pub secret: bool,
    pub docs: Vec<syn::Attribute>,
    pub attrs: FieldAttrs,
}

#[derive(Clone)]
pub enum Location {
    Path,
    Query,
    Body,
    Header(LitStr),
}

/// How a field's Rust type decides whether it is sent.
pub enum Shape {
    /// Always sent; a constructor argument.
    Required,
    /// `Option<T>`: sent only when `Some`.
    Optional(Type),
    /// `Option<Nullable<T>>`: omitted, an explicit `null`, or a value.
    Nullable(Type),
}

/// A path template split at its `{placeholders}`.
pub struct PathTemplate {
    pub pieces: Vec<PathPiece>,
}

pub enum PathPiece {
    Literal(String),
    Param(String),
}

impl PathTemplate {
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|piece| match piece {
            PathPiece::Param(name) => Some(name.as_str()),
            PathPiece::Literal(_) => None,
        })
    }
}

impl Endpoint {
    pub fn method(&self) -> HttpMethod {
        self.args
            .method
            .as_ref()
            .map_or(HttpMethod::Post, |(method, _)| *method)
    }

    pub fn path_str(&self) -> String {
        self.args
            .path
            .as_ref()
            .map(LitStr::value)
            .unwrap_or_default()
    }

    /// The client method's name: `name = ...`, or the struct name less `Request`, in snake case.
    pub fn method_name(&self) -> Option<Ident> {
        if let Some(name) = &self.args.name {
            return Some(name.clone());
        }
        let stem = self
            .item
            .ident
            .to_string()
            .strip_suffix("Request")?
            .to_owned();
        (!stem.is_empty()).then(|| Ident::new(&names::snake_case(&stem), self.item.ident.span()))
    }

    /// The response type: `response = ...`, or the struct name with `Request` swapped for `Response`.
    pub fn response_type(&self) -> Option<Type> {
        if let Some(ty) = &self.args.response {
            return Some(ty.clone());
        }
        let stem = self
            .item
            .ident
            .to_string()
            .strip_suffix("Request")?
            .to_owned();
        let ident = Ident::new(&format!("{stem}Response"), self.item.ident.span());
        Some(syn::parse_quote!(#ident))
    }
}

/// Reads the struct; problems go to `cx` and the result holds whatever could be understood.
pub fn parse(cx: &mut Ctxt, args: EndpointArgs, mut item: DeriveInput) -> Endpoint {
    let template = args.path.as_ref().and_then(|lit| parse_template(cx, lit));
    let method = args.method.as_ref().map_or(HttpMethod::Post, |(m, _)| *m);
    let params: Vec<String> = template
        .as_ref()
        .map(|t| t.params().map(str::to_owned).collect())
        .unwrap_or_default();

    let mut fields = Vec::new();
    match &mut item.data {
        Data::Struct(data) => match &mut data.fields {
            Fields::Named(named) => {
                for field in named.named.iter_mut() {
                    let attrs = attr::take_field_attrs(cx, &mut field.attrs);
                    let ident = field.ident.clone().expect("named fields have identifiers");
                    let wire = attrs.rename.as_ref().map_or_else(|| names::wire_name(&ident), LitStr::value);
                    let location = if params.contains(&wire) {
                        Location::Path
                    } else if let Some(header) = &attrs.header {
                        Location::Header(header.clone())
                    } else if attrs.query.is_some() {
                        Location::Query
                    } else if attrs.body.is_some() || method.has_body() {
                        Location::Body
                    } else {
                        Location::Query
                    };
                    let shape = match names::generic_inner(&field.ty, "Option") {
                        Some(inner) => match names::generic_inner(inner, "Nullable") {
                            Some(value) => Shape::Nullable(value.clone()),
                            None => Shape::Optional(inner.clone()),
                        },
                        None => Shape::Required,
                    };
                    let secret = attrs.secret.unwrap_or_else(|| names::is_secret_name(&wire));
                    let docs = field.attrs.iter().filter(|a| a.path().is_ident("doc")).cloned().collect();
                    fields.push(Field {
                        ident,
                        ty: field.ty.clone(),
                        wire,
                        location,
                        shape,
                        secret,
                        docs,
                        attrs,
                    });
                }
            }
            Fields::Unnamed(_) | Fields::Unit => cx.error_spanned_by(
                &item.ident,
                format!(
                    "#[endpoint] needs a struct with named fields: `pub struct {} {{ pub field: String }}`",
                    item.ident
                ),
            ),
        },
        Data::Enum(data) => cx.error_spanned_by(
            data.enum_token,
            "#[endpoint] goes on a request struct, not an enum; for a wire enum use #[model]",
        ),
        Data::Union(data) => cx.error_spanned_by(data.union_token, "#[endpoint] goes on a request struct, not a union"),
    }
    Endpoint {
        item,
        args,
        template,
        fields,
    }
}

/// Splits `/v1/users/{user_id}` into literal pieces and parameters, rejecting malformed paths.
fn parse_template(cx: &mut Ctxt, lit: &LitStr) -> Option<PathTemplate> {
    let path = lit.value();
    let fail = |cx: &mut Ctxt, why: String| {
        cx.error_spanned_by(lit, format!("malformed path {path:?}: {why}"));
        None
    };
    if !path.starts_with('/') {
        return fail(cx, "it must start with `/`, e.g. \"/v1/users\"".into());
    }
    if let Some(bad) = path
        .chars()
        .find(|c| matches!(c, '?' | '#' | '%' | '\\') || c.is_whitespace())
    {
        return fail(
            cx,
            format!(
                "`{}` is not allowed; query fields come from the struct, not the path",
                bad.escape_default()
            ),
        );
    }
    let mut pieces = Vec::new();
    let mut seen = Vec::new();
    let mut literal = String::new();
    for (index, segment) in path.split('/').enumerate() {
        if index > 0 {
            literal.push('/');
        }
        if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if inner.is_empty() || !is_identifier(inner) {
                return fail(
                    cx,
                    format!("`{{{inner}}}` must name a field, e.g. `{{user_id}}`"),
                );
            }
            if seen.contains(&inner) {
                return fail(cx, format!("`{{{inner}}}` appears twice"));
            }
            seen.push(inner);
            pieces.push(PathPiece::Literal(std::mem::take(&mut literal)));
            pieces.push(PathPiece::Param(inner.to_owned()));
        } else if segment.contains('{') || segment.contains('}') {
            return fail(
                cx,
                format!(
                    "`{segment}`: a placeholder must fill a whole segment, like `/{{user_id}}/`"
                ),
            );
        } else if segment.is_empty() && index > 0 && index + 1 < path.split('/').count() {
            return fail(cx, "empty segment `//`".into());
        } else {
            literal.push_str(segment);
        }
    }
    if !literal.is_empty() {
        pieces.push(PathPiece::Literal(literal));
    }
    pieces.retain(|piece| !matches!(piece, PathPiece::Literal(s) if s.is_empty()));
    Some(PathTemplate { pieces })
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
