//! Every message the macros give a user, in one place and one voice: what is wrong (naming the
//! user's module and type), why, and the fix. Each function returns an error spanned at the
//! narrowest token the mistake is in.
//!
//! Messages the type system gives (a dependency a module cannot see, a captive dependency, a
//! value not supplied) are `#[diagnostic::on_unimplemented]` texts in the runtime crate.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::spanned::Spanned;

use crate::util::{pretty, short_name, unref};
use crate::wire::{Life, ResolveSpec};

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
            "`{a}` is listed twice in `providers = [..]`, `values = [..]` or `seeds = [..]` of module `{module}`"
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
             modkit does not pick one of two providers silently; fix: choose one with `resolve = [{spelling} from {a}]` \
             in `#[module(..)]` of `{module}`, remove one of the two imports, \
             or {own} (a module's own provider takes precedence over imported ones)"
        ),
    )
}

pub(crate) fn global_collision(
    ty: &syn::Type,
    module: &syn::Ident,
    (first, second): (&str, &str),
    spelling: &str,
) -> syn::Error {
    at(
        ty,
        format!(
            "two global modules export `{spelling}`: `{first}` and `{second}`, both in the graph of module `{module}`\n\
             a global module's exports reach every module of the app without an import, so a module using `{spelling}` \
             could take either; fix: remove `global` from one of them (its importers still see its exports), or stop \
             exporting `{spelling}` from one of them"
        ),
    )
}

/// `resolve = [T from J]` where `J` is not an import of the module.
pub(crate) fn resolve_not_imported(entry: &ResolveSpec, module: &syn::Ident) -> syn::Error {
    let (ty, import) = (pretty(&entry.ty), pretty(&entry.import));
    at(
        &entry.import,
        format!(
            "`resolve = [{ty} from {import}]` names `{import}`, which is not in `imports = [..]` of `{module}`\n\
             a module takes a type only from its own imports; fix: name the import whose `{ty}` `{module}` uses, \
             or add `{import}` to its `imports = [..]`"
        ),
    )
}

/// `resolve = [T from J]` where import `J` does not export `T`.
pub(crate) fn resolve_not_exported(entry: &ResolveSpec, import: &str) -> syn::Error {
    let ty = pretty(&entry.ty);
    at(
        &entry.import,
        format!(
            "`resolve = [{ty} from {import}]` chooses `{import}`, which does not export `{ty}`\n\
             fix: name the import that exports the `{ty}` to use, or add `{ty}` to `exports = [..]` of `{import}`"
        ),
    )
}

/// `resolve = [T from J]` where the module provides `T` itself.
pub(crate) fn resolve_own_provider(entry: &ResolveSpec, module: &syn::Ident) -> syn::Error {
    let ty = pretty(&entry.ty);
    at(
        &entry.ty,
        format!(
            "`resolve = [{ty} from {}]`: `{module}` provides `{ty}` itself, and a module's own provider \
             takes precedence over every import\n\
             fix: remove the entry, or remove `{ty}` from `providers = [..]` of `{module}` to use the import's",
            pretty(&entry.import)
        ),
    )
}

/// `resolve = [T from A, T from B]`.
pub(crate) fn resolve_twice(entry: &ResolveSpec, first: &ResolveSpec) -> syn::Error {
    let ty = pretty(&entry.ty);
    at(
        &entry.ty,
        format!(
            "`{ty}` is resolved twice: `{ty} from {}` and `{ty} from {}`\n\
             a module takes one provider of a type; fix: keep the entry of the import whose `{ty}` it uses",
            pretty(&first.import),
            pretty(&entry.import)
        ),
    )
}

/// `resolve = [T from J]` where no two imports export different `T`s.
pub(crate) fn resolve_no_collision(entry: &ResolveSpec, module: &syn::Ident) -> syn::Error {
    let ty = pretty(&entry.ty);
    at(
        &entry.ty,
        format!(
            "`resolve = [{ty} from {}]` chooses between imports, but only one provider of `{ty}` \
             reaches `{module}` through its imports: there is no collision to resolve\n\
             fix: remove the entry",
            pretty(&entry.import)
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

/// A cycle among a module's providers, seen by the macro; `path` closes it (`A -> B -> A`).
pub(crate) fn provider_cycle(ty: &syn::Type, module: &syn::Ident, path: &[String]) -> syn::Error {
    at(
        ty,
        format!(
            "dependency cycle among the providers of module `{module}`: {}\n\
             a provider is built after its dependencies, so none of these can be built first; \
             fix: remove one of these dependencies (a field of an `#[injectable]`, which may also be marked \
             `#[inject(default)]`, or a parameter of a `#[provider]` function), or move the state both sides share \
             into a third provider",
            path.join(" -> ")
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

fn at_span(span: Span, msg: String) -> syn::Error {
    syn::Error::new(span, msg)
}

// ---------------------------------------------------------------------------------------------
// #[module]: its arguments, its struct and what one invocation can see of its lists

/// A token where a key of `#[module(..)]` should be.
pub(crate) fn module_expected_key(span: Span) -> syn::Error {
    at_span(
        span,
        "expected `key = [..]`: the keys of `#[module]` are `imports`, `providers`, `values`, `seeds`, `exports` and `crate`".into(),
    )
}

pub(crate) fn module_expected_eq(key: &syn::Ident) -> syn::Error {
    at_span(
        key.span(),
        format!("expected `=` after `{key}`: write `{key} = [A, B]`"),
    )
}

pub(crate) fn module_expected_crate_path(span: Span) -> syn::Error {
    at_span(span, "expected a path: `crate = ::modkit`".into())
}

pub(crate) fn module_expected_type(span: Span, key: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "expected a type in `{key} = [..]`: entries are types or modules separated by commas"
        ),
    )
}

/// `key = Value` where `key = [..]` belongs; `bad` is the value as written.
/// `global = true`: a flag written with a value.
pub(crate) fn module_flag_with_value(key: &syn::Ident, value: &TokenStream) -> syn::Error {
    at(
        value,
        format!(
            "`{key}` is a flag and takes no value: write `{key}`, not `{key} {}`\n\
             a module is global when the flag is there and not otherwise",
            pretty(value)
        ),
    )
}

pub(crate) fn module_not_a_list(bad: &TokenStream, key: &syn::Ident) -> syn::Error {
    at(
        bad,
        format!(
            "`{key}` takes a list in brackets: write `{key} = [{}]`",
            pretty(bad)
        ),
    )
}

/// `as` or `=` in a list other than `providers = [..]`; `tail` is the type after it.
pub(crate) fn module_tail_outside_providers(
    tail: &syn::Type,
    word: &str,
    key: &str,
    ty: &syn::Type,
) -> syn::Error {
    let (what, home) = match word {
        "as" => ("`as` (a binding)", "providers"),
        "=" => ("`=` (an alias)", "providers"),
        _ => ("`from` (a chosen import)", "resolve"),
    };
    at(
        tail,
        format!(
            "{what} is written in `{home} = [..]`, and this is `{key} = [..]`\n\
             `{key}` lists types only; fix: move the entry to `{home} = [..]`, or write just `{}`",
            pretty(ty)
        ),
    )
}

/// `resolve = [Logger]`: an entry without the import it chooses.
pub(crate) fn module_resolve_without_from(ty: &syn::Type) -> syn::Error {
    at(
        ty,
        format!(
            "`resolve = [..]` chooses the import a type is taken from, and this entry names no import\n\
             fix: write `{0} from TheImport`, where `TheImport` is the module in `imports = [..]` whose `{0}` this module uses",
            pretty(ty)
        ),
    )
}

/// `T as U` where `U` is not a trait object.
pub(crate) fn module_bind_not_dyn(target: &syn::Type, ty: &syn::Type) -> syn::Error {
    at(
        target,
        format!(
            "`{} as {}` binds a provider to `{}`, which is not a trait object\n\
             a binding makes the provider visible as `dyn Trait` only; fix: write `{} as dyn Trait`",
            pretty(ty),
            pretty(target),
            pretty(target),
            pretty(ty)
        ),
    )
}

/// `T = U` where `T` is not a trait object.
pub(crate) fn module_alias_not_dyn(ty: &syn::Type, target: &syn::Type) -> syn::Error {
    at(
        ty,
        format!(
            "`{} = {}` is an alias, and an alias names a trait object\n\
             an alias makes an existing provider visible also as `dyn Trait`, the same instance; \
             fix: write `dyn Trait = {}`",
            pretty(ty),
            pretty(target),
            pretty(target)
        ),
    )
}

pub(crate) fn module_key_twice(key: &syn::Ident) -> syn::Error {
    let k = key.to_string();
    at_span(
        key.span(),
        format!("`{k}` is given twice; list every entry in one `{k} = [..]`"),
    )
}

/// A key `#[module]` does not take; `keys` are the ones it does, for the suggestion.
pub(crate) fn module_unknown_key(key: &syn::Ident, keys: &[&str]) -> syn::Error {
    let alts = darling::Error::unknown_field_with_alts(&key.to_string(), keys);
    at_span(
        key.span(),
        format!(
            "{alts}\n`#[module]` takes `imports = [..]`, `providers = [..]`, `values = [..]`, `seeds = [..]`, `exports = [..]`, `contribute = [..]`, `collect = [..]`, `resolve = [..]`, `config = Type`, `name = \"..\"`, `global` and `crate = path`"
        ),
    )
}

pub(crate) fn module_has_fields(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "module `{name}` has fields, and a module struct must not have any\n\
             `#[module]` generates the module's fields (its built providers); \
             fix: declare it as `struct {name};` and put state in a provider"
        ),
    )
}

pub(crate) fn module_is_enum(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "`#[module]` goes on a unit struct, and `{name}` is an enum; fix: `pub struct {name};`"
        ),
    )
}

pub(crate) fn module_is_union(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "`#[module]` goes on a unit struct, and `{name}` is a union; fix: `pub struct {name};`"
        ),
    )
}

pub(crate) fn module_generic(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "module `{name}` has generic parameters, and a module cannot have any\n\
             a module is one type with one list of providers, built once per app\n\
             fix: for instances, declare one module per instance, its providers generic over a marker type: \
             `#[module(providers = [Pool<Replica>], exports = [Pool<Replica>], name = \"db_replica\")] \
             pub struct ReplicaDb;` (a `macro_rules!` can write it once for every instance)"
        ),
    )
}

/// An entry of `list = [..]` that does not name a struct by its path.
pub(crate) fn module_not_a_path(ty: &syn::Type, list: &str) -> syn::Error {
    at(
        ty,
        format!(
            "`{}` cannot be listed in `{list} = [..]`: entries name a struct by its path, \
             such as `UserService`, `crate::users::UserModule` or `Repo<User>`",
            pretty(ty)
        ),
    )
}

/// A type in `providers = [..]`, `values = [..]` or `seeds = [..]` a second time, as spelled.
pub(crate) fn module_provided_twice(ty: &syn::Type, module: &syn::Ident) -> syn::Error {
    at(
        ty,
        format!(
            "`{}` is listed twice in `providers = [..]`, `values = [..]` or `seeds = [..]` of module `{module}`\n\
             a module builds one instance of each provider; fix: remove the second entry",
            pretty(ty)
        ),
    )
}

/// `alias = target` where `target` is not a plain entry of `providers = [..]`.
pub(crate) fn module_alias_target_unknown(
    target: &syn::Type,
    alias: &syn::Type,
    module: &syn::Ident,
) -> syn::Error {
    at(
        target,
        format!(
            "the alias `{} = {}` names `{}`, which is not a provider of module `{module}`\n\
             an alias makes one of the module's own providers visible under a second type; \
             fix: add `{}` to `providers = [..]` of `{module}`, or bind it with `{} as {}`",
            pretty(alias),
            pretty(target),
            pretty(target),
            pretty(target),
            pretty(target),
            pretty(alias)
        ),
    )
}

/// A type in `imports = [..]` or `exports = [..]` (`list`) a second time, as spelled.
pub(crate) fn module_listed_twice(ty: &syn::Type, list: &str, module: &syn::Ident) -> syn::Error {
    at(
        ty,
        format!(
            "`{}` is listed twice in `{list} = [..]` of module `{module}`; fix: remove the second entry",
            pretty(ty)
        ),
    )
}

/// `exports = [T]` where the module lists `T as Dyn`.
pub(crate) fn module_export_bound(
    ty: &syn::Type,
    bound: &syn::Type,
    module: &syn::Ident,
) -> syn::Error {
    at(
        ty,
        format!(
            "module `{module}` exports `{}`, which it binds as `{}`: the binding is visible only as the trait object\n\
             fix: export `{}`, or list `{}` without `as` to provide the concrete type",
            pretty(ty),
            pretty(bound),
            pretty(bound),
            pretty(ty)
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// #[injectable] and #[provider]: their arguments, the struct and the factory function

/// `scope = ..` that is not one of the three lifetimes.
pub(crate) fn unknown_scope(expr: &syn::Expr, macro_name: &str) -> syn::Error {
    at(
        expr,
        format!(
            "unknown scope `{}` in `#[{macro_name}(scope = ..)]`\n\
             a provider is `singleton` (one per app, the default), `transient` (new on every resolve) \
             or `request` (one per request scope); fix: `scope = transient` or `scope = request`",
            pretty(expr)
        ),
    )
}

/// `init = ..` or `shutdown = ..` on a provider that is not a singleton.
pub(crate) fn hook_not_singleton(hook: &syn::Path, life: Life) -> syn::Error {
    at(
        hook,
        format!(
            "lifecycle hooks run on singletons, and this provider is {}\n\
             `init` runs once after the app builds a singleton and `shutdown` once when the app shuts down; \
             a {} instance is made outside the build, so nothing would run them; \
             fix: remove the hook, or make the provider a singleton",
            life.as_str(),
            life.as_str()
        ),
    )
}

pub(crate) fn injectable_is_enum(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "`#[injectable]` goes on a struct, and `{name}` is an enum\n\
             an injectable's fields are its dependencies, so modkit only builds structs; \
             fix: wrap the enum in a struct (`struct {name}Provider {{ value: {name} }}`) and make that injectable"
        ),
    )
}

pub(crate) fn injectable_is_union(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "`#[injectable]` goes on a struct, and `{name}` is a union\n\
             an injectable's fields are its dependencies, so modkit only builds structs; \
             fix: wrap the union in a struct and make that injectable"
        ),
    )
}

pub(crate) fn injectable_lifetime(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "`{name}` has a lifetime parameter, and an injectable cannot have one\n\
             modkit keeps every provider for the whole life of the app (`'static`); \
             fix: own the data, or hold it in an `Arc`"
        ),
    )
}

/// A field that is neither `Arc<T>` nor `#[inject(default)]`; `field` is its name, if it has one.
pub(crate) fn injectable_field_not_arc(
    ty: &syn::Type,
    field: Option<&syn::Ident>,
    name: &syn::Ident,
) -> syn::Error {
    let what = field.map_or_else(|| "this field".to_owned(), |i| format!("field `{i}`"));
    at_span(
        ty.span(),
        format!(
            "{what} of `{name}` has type `{}`, which modkit cannot inject\n\
             a dependency is written `Arc<T>`, where `T` is a provider the module can see; \
             fix: use `Arc<{}>`, or mark the field `#[inject(default)]` to build it with `Default::default()`",
            pretty(ty),
            pretty(unref(ty)),
        ),
    )
}

/// `#[provider]` on an item that is not a function.
pub(crate) fn provider_not_fn() -> syn::Error {
    at_span(
        Span::call_site(),
        "`#[provider]` goes on a function that returns the provided value: \
         `#[provider] fn make_pool(config: Arc<DbConfig>) -> Pool`; \
         for a struct whose fields are its dependencies, use `#[injectable]`"
            .into(),
    )
}

pub(crate) fn provider_generic(param: &syn::GenericParam, name: &syn::Ident) -> syn::Error {
    at(
        param,
        format!(
            "provider function `{name}` has generic parameters, and a provider function cannot have any\n\
             a module lists the function once and builds one value of one type; \
             fix: write one non-generic function per type"
        ),
    )
}

/// An `unsafe`, `extern` or variadic factory; `what` says which.
pub(crate) fn provider_not_plain(span: Span, name: &syn::Ident, what: &str) -> syn::Error {
    at_span(
        span,
        format!(
            "provider function `{name}` is {what}, and modkit calls only plain Rust functions; fix: wrap it in a plain `fn`"
        ),
    )
}

pub(crate) fn provider_takes_self(receiver: &syn::Receiver, name: &syn::Ident) -> syn::Error {
    at(
        receiver,
        format!(
            "provider function `{name}` takes `self`, and a provider function is a free function\n\
             fix: make it a free function, outside any `impl` block, whose parameters are `Arc<T>` dependencies"
        ),
    )
}

/// A parameter that is not `Arc<T>`.
pub(crate) fn provider_param_not_arc(param: &syn::PatType, name: &syn::Ident) -> syn::Error {
    at(
        &param.ty,
        format!(
            "parameter `{}` of provider function `{name}` has type `{}`, which modkit cannot inject\n\
             each parameter is a dependency, written `Arc<T>` where `T` is a provider the module can see; \
             fix: take `Arc<{}>`",
            pretty(&param.pat),
            pretty(&param.ty),
            pretty(unref(&param.ty))
        ),
    )
}

/// A factory without a return type; `span` is its closing parenthesis.
pub(crate) fn provider_returns_nothing(span: Span, name: &syn::Ident) -> syn::Error {
    at_span(
        span,
        format!(
            "provider function `{name}` returns nothing, and a provider function returns the value it provides\n\
             fix: declare the return type, `fn {name}(..) -> T` or `-> Result<T, E>`"
        ),
    )
}

/// An `async fn` or fallible factory that is not a singleton; `tokens` are the signature (async)
/// or the return type (fallible).
pub(crate) fn provider_made_when_resolved(
    tokens: &TokenStream,
    name: &syn::Ident,
    is_async: bool,
    life: Life,
) -> syn::Error {
    let what = if is_async {
        "an `async fn`"
    } else {
        "fallible (`-> Result`)"
    };
    at(
        tokens,
        format!(
            "provider function `{name}` is {what}, and {} providers are made when resolved, by a plain call that cannot fail or wait\n\
             async and fallible construction happen once, in `App::build`; \
             fix: make `{name}` a singleton (drop `scope = ..`), or make it a plain `fn` returning the value",
            life.as_str()
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// #[derive(Config)]

pub(crate) fn config_not_struct(span: Span, name: &syn::Ident, what: &str) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "`#[derive(Config)]` on {what}: `{name}` has no fields to read settings into\n\
             a config type is a struct with named fields, one per setting; fix: make `{name}` a struct"
        ),
    )
}

pub(crate) fn config_tuple(span: Span, name: &syn::Ident) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "config `{name}` has unnamed fields\n\
             each setting is read by its field's name (`[db] url = ..`, `DB__URL`); fix: name the fields"
        ),
    )
}

pub(crate) fn config_generic(span: Span, name: &syn::Ident) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "config `{name}` has generic parameters\n\
             its schema is one list of settings, known when `{name}` is declared; fix: remove the parameters"
        ),
    )
}

pub(crate) fn config_unknown_arg(path: &syn::Path, valid: &[&str]) -> syn::Error {
    at(
        path,
        format!(
            "unknown `#[config(..)]` argument `{}`; the valid ones here are: {}",
            pretty(path),
            valid.join(", ")
        ),
    )
}

pub(crate) fn config_serde_refused(span: Span, attr: &str, name: &syn::Ident) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "`#[serde({attr})]` on config `{name}`: modkit names each setting's key and environment variable \
             after the field, and `{attr}` changes keys where it cannot see them\n\
             fix: rename fields one by one (`#[serde(rename = \"..\")]`), or nest a config (`#[config(nested)]`)"
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// #[module(config = .., name = "..")]

pub(crate) fn module_expected_config(span: Span) -> syn::Error {
    at_span(
        span,
        "expected the config's type: `config = DbConfig` (a struct that derives `modkit::Config`)"
            .into(),
    )
}

pub(crate) fn module_expected_name(span: Span) -> syn::Error {
    at_span(
        span,
        "expected the config's name as a string: `name = \"db\"`".into(),
    )
}

pub(crate) fn config_also_provided(ty: &syn::Type, module: &syn::Ident) -> syn::Error {
    at(
        ty,
        format!(
            "`{0}` is the config of module `{module}` and is also listed here\n\
             the module provides its config itself, loaded from the app's sources; \
             fix: remove `{0}` from this list (export it with `exports = [{0}]`)",
            pretty(ty)
        ),
    )
}

pub(crate) fn config_name_without_config(name: &syn::LitStr, module: &syn::Ident) -> syn::Error {
    at(
        name,
        format!(
            "`name = {}` names the config of module `{module}`, which has none\n\
             fix: add `config = MyConfig`, or remove `name`",
            name.token()
        ),
    )
}

pub(crate) fn config_bad_name(name: &syn::LitStr) -> syn::Error {
    at(
        name,
        format!(
            "config name {} is not a key: it names the file's table (`[db]`) and the environment variables (`DB__..`)\n\
             fix: lowercase letters, digits and `_`, starting with a letter (`name = \"db_replica\"`)",
            name.token()
        ),
    )
}

// ---------------------------------------------------------------------------------------------
// contributions: `contribute = [..]`, `collect = [..]`, `All<T>` and `Keyed<T>`

/// A token in `contribute = [..]` that is not an entry.
pub(crate) fn module_expected_contribution(span: Span) -> syn::Error {
    at_span(
        span,
        "expected a contribution: `Provider`, `Provider as dyn Trait` or `\"key\" => Provider as dyn Trait`".into(),
    )
}

/// `contribute = [Impl as NotDyn]`.
pub(crate) fn contribute_not_dyn(target: &syn::Type, ty: &syn::Type) -> syn::Error {
    let (t, d) = (pretty(ty), pretty(target));
    at(
        target,
        format!(
            "`{t} as {d}`: a contribution goes into a collection of trait objects, and `{d}` is not one\n\
             `contribute = [..]` takes `{t} as dyn Trait` (into `All<dyn Trait>`) or `{t}` (into `All<{t}>`); \
             fix: write `{t} as dyn {d}` if `{d}` is a trait, or `{t}` alone"
        ),
    )
}

/// `contribute = [dyn Trait = Impl]`.
pub(crate) fn contribute_alias(target: &syn::Type, ty: &syn::Type) -> syn::Error {
    let (t, d) = (pretty(target), pretty(ty));
    at(
        ty,
        format!(
            "`{d} = {t}` is an alias, and `contribute = [..]` lists providers to build into collections\n\
             fix: write `{t} as {d}`"
        ),
    )
}

/// `collect = [NotACollection]`.
pub(crate) fn collect_not_a_collection(ty: &syn::Type) -> syn::Error {
    let t = pretty(ty);
    at(
        ty,
        format!(
            "`{t}` is not a collection: `collect = [..]` declares the collections a module may use when \
             nothing contributes to them, `All<T>` or `Keyed<T>`\n\
             fix: write `All<{t}>` or `Keyed<{t}>`, or move `{t}` to `providers = [..]`"
        ),
    )
}

pub(crate) fn module_in_contribute(ty: &syn::Type, module: &syn::Ident, name: &str) -> syn::Error {
    at(
        ty,
        format!(
            "`{name}` is a module, and `contribute = [..]` of module `{module}` lists providers to build into collections\n\
             fix: move `{name}` to `imports = [..]`; what it contributes and exports reaches `{module}` that way"
        ),
    )
}

/// A transient or request-scoped provider in `contribute = [..]`.
pub(crate) fn contribution_not_singleton(
    ty: &syn::Type,
    life: Life,
    into: &str,
    module: &syn::Ident,
) -> syn::Error {
    let t = pretty(ty);
    let why = match life {
        Life::Request => "a request-scoped instance lives only as long as its request",
        _ => "a transient is made anew for each dependant",
    };
    at(
        ty,
        format!(
            "`{t}` is {}, and module `{module}` contributes it to `{into}`, a singleton built once for the app\n\
             {why}, so a collection built once cannot hold it; fix: make `{t}` a singleton (remove `scope = ..` \
             from its `#[injectable]` or `#[provider]`), or inject it where it is used instead of contributing it",
            match life {
                Life::Request => "request-scoped",
                _ => "transient",
            }
        ),
    )
}

/// One key contributed twice to a keyed collection a module sees.
pub(crate) fn keyed_twice(
    span: &syn::Type,
    module: &syn::Ident,
    coll: &str,
    key: &str,
    first: (&str, &str),
    second: (&str, &str),
) -> syn::Error {
    let ((a, a_origin), (b, b_origin)) = (first, second);
    at(
        span,
        format!(
            "key \"{key}\" is contributed twice to `{coll}` in module `{module}`: by `{a}` of module `{a_origin}` \
             and by `{b}` of module `{b_origin}`\n\
             a keyed collection holds one contribution per key, and modkit does not pick one silently; \
             fix: give one of them another key in its `contribute = [..]`, or keep one of the two out of \
             `{module}` (do not export `{coll}` from its module, or do not import that module)"
        ),
    )
}

/// A provider depends on a collection nothing fills in its module, and the module did not declare it.
pub(crate) fn collection_unfilled(
    ty: &syn::Type,
    module: &syn::Ident,
    keyed: bool,
    elem: &str,
    provider: &str,
) -> syn::Error {
    let (coll, entry) = if keyed {
        (
            format!("Keyed<{elem}>"),
            format!("\"key\" => Impl as {elem}"),
        )
    } else {
        (format!("All<{elem}>"), format!("Impl as {elem}"))
    };
    at(
        ty,
        format!(
            "`{provider}` depends on `{coll}`, and module `{module}` sees no contribution to it\n\
             `{module}` neither contributes to `{coll}` nor imports a module that exports it, and an empty \
             collection is allowed only where it is declared; fix: add `contribute = [{entry}]` to `{module}`, \
             import the module that contributes and exports `{coll}`, or declare it empty with \
             `collect = [{coll}]` on `{module}`"
        ),
    )
}

/// `exports = [All<T>]` in a module that sees no contribution to it and did not declare it.
pub(crate) fn export_collection_unknown(ty: &syn::Type, module: &syn::Ident) -> syn::Error {
    let t = pretty(ty);
    at(
        ty,
        format!(
            "module `{module}` exports `{t}`, and it sees no contribution to it\n\
             a module exports its view of a collection: its own contributions and those its imports export; \
             fix: contribute to it (`contribute = [..]`), import a module that exports `{t}`, or declare it \
             with `collect = [{t}]` to export an empty one"
        ),
    )
}

/// A provider depends on a collection its module sees nothing in, and an import has one it
/// keeps to itself.
pub(crate) fn collection_not_exported(
    ty: &syn::Type,
    module: &syn::Ident,
    coll: &str,
    provider: &str,
    keeper: &str,
) -> syn::Error {
    at(
        ty,
        format!(
            "`{provider}` depends on `{coll}`, and module `{module}` sees no contribution to it\n\
             the imported module `{keeper}` collects `{coll}` but does not export it, and a \
             module's contributions are private unless it exports the collection; fix: add `{coll}` to \
             `exports = [..]` of `{keeper}`"
        ),
    )
}
