//! Every message the macros give a user, in one place and one voice: what is wrong (naming the
//! user's module and type), why, and the fix. Each function returns an error spanned at the
//! narrowest token the mistake is in.
//!
//! Messages the type system gives (a dependency a module cannot see, a captive dependency, a
//! value not supplied) are `#[diagnostic::on_unimplemented]` texts in the runtime crate.

use quote::ToTokens;

use crate::util::{pretty, short_name};

fn at(tokens: &impl ToTokens, msg: String) -> syn::Error {
    syn::Error::new_spanned(tokens, msg)
}

// ---------------------------------------------------------------------------------------------
// the join: what needs every payload of a module's chain

/// The chain delivered fewer payloads than the module lists (a hand-written `__join!`).
pub(crate) fn chain_ended(ty: &syn::Type) -> syn::Error {
    at(ty, "modkit internal: chain ended early".into())
}

pub(crate) fn module_in_providers(ty: &syn::Type, module: &syn::Ident, name: &str) -> syn::Error {
    at(
        ty,
        format!(
            "`{name}` is a module, and `providers = [..]` of module `{module}` lists types to build\n\
             fix: move `{name}` to `imports = [..]` to use what it exports"
        ),
    )
}

pub(crate) fn provider_in_imports(
    ty: &syn::Type,
    module: &syn::Ident,
    name: &syn::Ident,
) -> syn::Error {
    at(
        ty,
        format!(
            "`{name}` is a provider, and `imports = [..]` of module `{module}` lists modules\n\
             fix: move `{name}` to `providers = [..]`, or import the module that exports it"
        ),
    )
}

/// Two entries of one module provide the same type.
pub(crate) fn provided_twice(
    ty: &syn::Type,
    first: &syn::Type,
    spelling: &str,
    module: &syn::Ident,
) -> syn::Error {
    let (a, b) = (pretty(ty), pretty(first));
    let what = if a == b {
        format!(
            "`{a}` is listed twice in `providers = [..]` or `values = [..]` of module `{module}`"
        )
    } else if short_name(ty) == short_name(first) {
        format!("`{a}` and `{b}` name the same provider in module `{module}`")
    } else {
        format!("`{b}` and `{a}` both provide `{spelling}` in module `{module}`")
    };
    at(
        ty,
        format!(
            "{what}\n\
             a module builds one instance of each type, so it cannot tell which one a dependant means; \
             fix: remove one of the two entries"
        ),
    )
}

pub(crate) fn imports_itself(ty: &syn::Type, module: &syn::Ident) -> syn::Error {
    at(
        ty,
        format!(
            "module `{module}` imports itself\n\
             imports form a tree without cycles: `{module} -> {module}`; fix: remove `{module}` from its own `imports = [..]`"
        ),
    )
}

pub(crate) fn imported_twice(ty: &syn::Type, module: &syn::Ident, name: &str) -> syn::Error {
    at(
        ty,
        format!("module `{name}` is imported twice by `{module}`; fix: remove the second entry"),
    )
}

/// Two imports export one type, from two different providers.
pub(crate) fn import_collision(
    ty: &syn::Type,
    module: &syn::Ident,
    first: (&str, &str),
    second: (&str, &str),
    spelling: &str,
) -> syn::Error {
    let ((a, a_origin), (b, b_origin)) = (first, second);
    let own = if spelling.starts_with("dyn ") {
        format!("bind a provider of its own (`providers = [Impl as {spelling}]` of `{module}`)")
    } else {
        format!("add `{spelling}` to `providers = [..]` of `{module}`")
    };
    at(
        ty,
        format!(
            "`{spelling}` reaches module `{module}` from two imports: `{a}` exports the one provided by `{a_origin}`, \
             and `{b}` exports the one provided by `{b_origin}`\n\
             modkit does not pick one of two providers silently; fix: remove one of the two imports, \
             or {own} (a module's own provider takes precedence over imported ones)"
        ),
    )
}

pub(crate) fn export_dyn_unknown(ty: &syn::Type, module: &syn::Ident) -> syn::Error {
    at(
        ty,
        format!(
            "module `{module}` exports `{0}`, which it neither provides nor imports from a module that exports it\n\
             fix: bind a provider to it (`providers = [Impl as {0}]`), or import the module that exports `{0}`",
            pretty(ty)
        ),
    )
}

/// `exports = [T]`: `T` is neither a provider of the module nor an export of an import;
/// `keeper` is the import that has it privately, if one does.
pub(crate) fn export_unknown(
    ty: &syn::Type,
    module: &syn::Ident,
    keeper: Option<&str>,
) -> syn::Error {
    let name = short_name(ty);
    let why = match keeper {
        Some(m) => format!(
            "`{name}` is provided by the imported module `{m}`, which does not export it; \
             fix: add `{name}` to `exports = [..]` of `{m}` first"
        ),
        None => format!(
            "a module exports its own providers and what its imports export; fix: add `{name}` to \
             `providers = [..]` of `{module}`, or import the module that provides and exports `{name}`"
        ),
    };
    at(
        ty,
        format!(
            "module `{module}` exports `{name}`, which it neither provides nor imports from a module that exports it\n{why}"
        ),
    )
}

pub(crate) fn export_module_not_imported(
    ty: &syn::Type,
    module: &syn::Ident,
    name: &str,
) -> syn::Error {
    at(
        ty,
        format!(
            "module `{module}` exports the module `{name}`, which it does not import\n\
             re-exporting a module hands its exports on to importers, so the module must be imported; \
             fix: add `{name}` to `imports = [..]` of `{module}`"
        ),
    )
}
