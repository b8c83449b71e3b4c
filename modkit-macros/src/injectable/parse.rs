//! The struct of an `#[injectable]`, checked: how each field gets its value.

use darling::FromField;
use syn::spanned::Spanned;

use crate::diag;

#[derive(Debug, FromField)]
#[darling(attributes(inject))]
struct FieldOpts {
    ident: Option<syn::Ident>,
    ty: syn::Type,
    /// Not injected: built with `Default::default()`.
    #[darling(default)]
    default: bool,
}

/// How one field gets its value.
pub(super) enum FieldKind {
    /// `Arc<T>`: the module's singleton `T`.
    Dep(Box<syn::Type>),
    /// `#[inject(default)]`.
    Default,
}

/// Checks the item and its fields, and strips modkit's helper attributes (`#[inject(..)]`) from
/// them; `None` when the item is not a struct, which stops the expansion. Errors are pushed.
pub(super) fn fields(
    input: &mut syn::DeriveInput,
    errors: &mut Vec<syn::Error>,
) -> Option<Vec<FieldKind>> {
    let name = &input.ident;
    let fields = match &mut input.data {
        syn::Data::Struct(s) => &mut s.fields,
        syn::Data::Enum(e) => {
            errors.push(diag::injectable_is_enum(e.enum_token.span, name));
            return None;
        }
        syn::Data::Union(u) => {
            errors.push(diag::injectable_is_union(u.union_token.span, name));
            return None;
        }
    };

    if let Some(lt) = input.generics.lifetimes().next() {
        errors.push(diag::injectable_lifetime(lt.span(), name));
    }

    let mut kinds = Vec::new();
    for field in fields.iter() {
        let opts = match FieldOpts::from_field(field) {
            Ok(o) => o,
            Err(e) => {
                errors.push(e.into());
                continue;
            }
        };
        if opts.default {
            kinds.push(FieldKind::Default);
        } else if let Some(dep) = crate::util::arc_inner(&opts.ty) {
            kinds.push(FieldKind::Dep(Box::new(dep.clone())));
        } else {
            errors.push(diag::injectable_field_not_arc(
                &opts.ty,
                opts.ident.as_ref(),
                name,
            ));
        }
    }
    // The struct as the user wrote it, minus modkit's helper attributes.
    for field in fields.iter_mut() {
        field.attrs.retain(|a| !a.path().is_ident("inject"));
    }
    Some(kinds)
}
