//! The config struct as the derive sees it: each field's key, type, doc, default, nesting and
//! validator, from `#[config(..)]` and serde's `default`, `rename`, `skip`.

use syn::spanned::Spanned;

use crate::diag;

/// Where a default comes from.
pub(super) enum Default {
    /// `#[serde(default)]`: `Default::default()`.
    Trait,
    /// `#[serde(default = "path")]`.
    Path(syn::ExprPath),
}

pub(super) struct Field {
    pub(super) ident: syn::Ident,
    /// The key in files and variables (serde's `rename` applied).
    pub(super) key: String,
    pub(super) ty: syn::Type,
    pub(super) doc: String,
    pub(super) default: Option<Default>,
    pub(super) nested: bool,
    pub(super) validate: Option<syn::Path>,
    /// `with`/`deserialize_with`: the field's type alone does not say how it is read.
    pub(super) custom: bool,
}

pub(super) struct Model {
    pub(super) name: syn::Ident,
    pub(super) krate: syn::Path,
    pub(super) validate: Option<syn::Path>,
    /// The struct's own `#[serde(default)]`: every field has one, read from it.
    pub(super) default: Option<Default>,
    pub(super) fields: Vec<Field>,
}

/// What serde's attributes on an item say, as far as keys and defaults go.
#[derive(Default)]
struct Serde {
    default: Option<Default>,
    rename: Option<String>,
    skip: bool,
    custom: bool,
    /// `rename_all` or `flatten`: the attribute's name, refused.
    refused: Option<(String, proc_macro2::Span)>,
}

pub(super) fn model(input: &syn::DeriveInput, errors: &mut Vec<syn::Error>) -> Option<Model> {
    let name = &input.ident;
    let fields = match &input.data {
        syn::Data::Struct(s) => match &s.fields {
            syn::Fields::Named(f) => f.named.iter().collect(),
            syn::Fields::Unit => Vec::new(),
            syn::Fields::Unnamed(f) => {
                errors.push(diag::config_tuple(f.span(), name));
                return None;
            }
        },
        syn::Data::Enum(e) => {
            errors.push(diag::config_not_struct(e.enum_token.span, name, "an enum"));
            return None;
        }
        syn::Data::Union(u) => {
            errors.push(diag::config_not_struct(u.union_token.span, name, "a union"));
            return None;
        }
    };
    if !input.generics.params.is_empty() {
        errors.push(diag::config_generic(input.generics.span(), name));
    }
    let (mut krate, mut validate) = (None, None);
    for a in input.attrs.iter().filter(|a| a.path().is_ident("config")) {
        let r = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("validate") {
                validate = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("crate") {
                krate = Some(meta.value()?.parse()?);
            } else {
                return Err(diag::config_unknown_arg(&meta.path, &["validate", "crate"]));
            }
            Ok(())
        });
        errors.extend(r.err());
    }
    let serde = serde_attrs(&input.attrs);
    refuse(&serde, name, errors);
    let fields = fields
        .into_iter()
        .filter_map(|f| field(f, name, errors))
        .collect();
    Some(Model {
        name: name.clone(),
        krate: krate.unwrap_or_else(|| syn::parse_quote!(::modkit)),
        validate,
        default: serde.default,
        fields,
    })
}

fn refuse(serde: &Serde, name: &syn::Ident, errors: &mut Vec<syn::Error>) {
    if let Some((attr, span)) = &serde.refused {
        errors.push(diag::config_serde_refused(*span, attr, name));
    }
}

/// One named field; `None` when serde skips it (it is not a setting).
fn field(f: &syn::Field, name: &syn::Ident, errors: &mut Vec<syn::Error>) -> Option<Field> {
    let ident = f.ident.clone()?;
    let serde = serde_attrs(&f.attrs);
    refuse(&serde, name, errors);
    if serde.skip {
        return None;
    }
    let (mut nested, mut validate) = (false, None);
    for a in f.attrs.iter().filter(|a| a.path().is_ident("config")) {
        let r = a.parse_nested_meta(|meta| {
            if meta.path.is_ident("validate") {
                validate = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("nested") {
                nested = true;
            } else {
                return Err(diag::config_unknown_arg(
                    &meta.path,
                    &["nested", "validate"],
                ));
            }
            Ok(())
        });
        errors.extend(r.err());
    }
    Some(Field {
        key: serde.rename.unwrap_or_else(|| unraw(&ident)),
        ident,
        ty: f.ty.clone(),
        doc: doc(&f.attrs),
        default: serde.default,
        nested,
        validate,
        custom: serde.custom,
    })
}

fn unraw(ident: &syn::Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#")
        .map_or_else(|| s.clone(), str::to_owned)
}

/// The doc comment, one leading space per line removed, trimmed.
fn doc(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }),
                ..
            }) => Some(s.value()),
            _ => None,
        })
        .map(|l| l.strip_prefix(' ').map_or_else(|| l.clone(), str::to_owned))
        .collect();
    lines.join("\n").trim().to_owned()
}

/// serde's attributes that matter here. A malformed one is serde's to report.
fn serde_attrs(attrs: &[syn::Attribute]) -> Serde {
    let mut out = Serde::default();
    for a in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = a.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(ToString::to_string);
            match key.as_deref() {
                Some("default") if meta.input.peek(syn::Token![=]) => {
                    let s: syn::LitStr = meta.value()?.parse()?;
                    out.default = Some(Default::Path(s.parse()?));
                }
                Some("default") => out.default = Some(Default::Trait),
                Some("rename") if meta.input.peek(syn::Token![=]) => {
                    let s: syn::LitStr = meta.value()?.parse()?;
                    out.rename = Some(s.value());
                }
                Some("skip" | "skip_deserializing") => out.skip = true,
                Some(k @ ("rename_all" | "flatten")) => {
                    out.refused = Some((k.to_owned(), meta.path.span()));
                    skip_value(&meta)?;
                }
                Some("with" | "deserialize_with") => {
                    out.custom = true;
                    skip_value(&meta)?;
                }
                _ => skip_value(&meta)?,
            }
            Ok(())
        });
    }
    out
}

/// Consumes `= value` or `(..)` after a serde key this derive does not read.
fn skip_value(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<proc_macro2::TokenStream>()?;
    }
    Ok(())
}
