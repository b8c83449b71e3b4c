//! What `#[injectable]` and `#[provider]` share (their arguments: `scope`, `init`, `shutdown`,
//! `crate`; the `Provider` impl with the lifecycle hooks), and `#[provider]` itself: a factory
//! function as a provider.

use darling::{FromMeta, ast::NestedMeta};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::util::{Site, errors_to_tokens, pretty};

/// The arguments of `#[injectable(..)]` and `#[provider(..)]`.
#[derive(Debug, Default, FromMeta)]
pub(crate) struct Opts {
    /// Path of the `modkit` crate, for crates that rename it.
    #[darling(rename = "crate")]
    pub(crate) krate: Option<syn::Path>,
    /// `singleton` (default), `transient` or `request`.
    pub(crate) scope: Option<syn::Expr>,
    /// `async fn(&T) -> Result<(), E>` run after the provider is built.
    pub(crate) init: Option<syn::Path>,
    /// `async fn(&T) -> Result<(), E>` run by `App::shutdown`.
    pub(crate) shutdown: Option<syn::Path>,
}

/// How long an instance lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Life {
    Singleton,
    Transient,
    Request,
}

impl Life {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Life::Singleton => "singleton",
            Life::Transient => "transient",
            Life::Request => "request",
        }
    }
    pub(crate) fn parse_str(s: &str) -> Option<Life> {
        match s {
            "singleton" => Some(Life::Singleton),
            "transient" => Some(Life::Transient),
            "request" => Some(Life::Request),
            _ => None,
        }
    }
    /// The marker type in `__private`.
    pub(crate) fn marker(self, krate: &impl quote::ToTokens) -> TokenStream {
        match self {
            Life::Singleton => quote!(#krate::__private::Singleton),
            Life::Transient => quote!(#krate::__private::Transient),
            Life::Request => quote!(#krate::__private::Request),
        }
    }
}

/// Parses the arguments; errors are pushed and defaults returned.
pub(crate) fn parse_opts(
    args: TokenStream,
    macro_name: &str,
    errors: &mut Vec<syn::Error>,
) -> (Opts, Life) {
    let opts = match NestedMeta::parse_meta_list(args) {
        Ok(list) => match Opts::from_list(&list) {
            Ok(a) => a,
            Err(e) => {
                errors.push(syn::Error::from(e.with_span(&Span::call_site())));
                Opts::default()
            }
        },
        Err(e) => {
            errors.push(e);
            Opts::default()
        }
    };
    let life = match &opts.scope {
        None => Life::Singleton,
        Some(expr) => {
            let word = match expr {
                syn::Expr::Path(p) => p.path.get_ident().map(ToString::to_string),
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            };
            if let Some(life) = word.as_deref().and_then(Life::parse_str) {
                life
            } else {
                errors.push(syn::Error::new_spanned(
                    expr,
                    format!(
                        "unknown scope `{}` in `#[{macro_name}(scope = ..)]`\n\
                         a provider is `singleton` (one per app, the default), `transient` (new on every resolve) \
                         or `request` (one per request scope); fix: `scope = transient` or `scope = request`",
                        pretty(expr)
                    ),
                ));
                Life::Singleton
            }
        }
    };
    if life != Life::Singleton
        && let Some(hook) = opts.init.as_ref().or(opts.shutdown.as_ref())
    {
        errors.push(syn::Error::new_spanned(
            hook,
            format!(
                "lifecycle hooks run on singletons, and this provider is {}\n\
                 `init` runs once after the app builds a singleton and `shutdown` once when the app shuts down; \
                 a {} instance is made outside the build, so nothing would run them; \
                 fix: remove the hook, or make the provider a singleton",
                life.as_str(),
                life.as_str()
            ),
        ));
    }
    (opts, life)
}

/// The `Provider` impl: output type, name and lifecycle hooks. `hook_self` is the type whose
/// associated functions a bare hook name (`init = start`) refers to.
pub(crate) fn provider_impl(
    krate: &syn::Path,
    impl_head: &TokenStream,
    output: &TokenStream,
    name: &str,
    hook_self: &TokenStream,
    opts: &Opts,
) -> TokenStream {
    let p = quote!(#krate::__private);
    let call = |hook: &syn::Path| -> TokenStream {
        let path = if hook.get_ident().is_some() {
            quote_spanned!(hook.span()=> <#hook_self>::#hook)
        } else {
            quote!(#hook)
        };
        // Only the call carries the user's span (errors point at the hook); the local variable
        // keeps the span of its declaration, or hygiene hides it when the path comes from a
        // `macro_rules!` argument.
        let hook_future = quote_spanned!(hook.span()=> #p::hook_future);
        quote!(#hook_future(#path(&*__modkit_v)))
    };
    // Only the hooks a provider has are written; the trait's defaults say "none" for the rest.
    let init = opts.init.as_ref().map(|h| {
        let c = call(h);
        quote! {
            fn init(__modkit_v: &#p::Arc<#output>) -> ::core::option::Option<#p::BoxFuture<'_, ::core::result::Result<(), #krate::BoxError>>> {
                ::core::option::Option::Some(::std::boxed::Box::pin(async move { #c.await }))
            }
        }
    });
    let shutdown = opts.shutdown.as_ref().map(|h| {
        let c = call(h);
        quote! {
            const HAS_SHUTDOWN: bool = true;
            fn shutdown(__modkit_v: #p::Arc<#output>) -> ::core::option::Option<#p::BoxFuture<'static, ::core::result::Result<(), #krate::BoxError>>> {
                ::core::option::Option::Some(::std::boxed::Box::pin(async move { #c.await }))
            }
        }
    });
    quote! {
        #[automatically_derived]
        #impl_head {
            type Output = #output;
            const NAME: &'static str = #name;
            #init
            #shutdown
        }
    }
}

/// The companion payload shared by both macros.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one provider"
)]
pub(crate) struct Payload<'a> {
    pub(crate) key: &'a str,
    pub(crate) name: &'a syn::Ident,
    pub(crate) public: bool,
    pub(crate) generics: usize,
    pub(crate) factory: bool,
    pub(crate) life: Life,
    pub(crate) is_async: bool,
    pub(crate) hooks: bool,
    /// The base names of the dependency types (see `crate::util::base_name`).
    pub(crate) deps: Vec<String>,
}

impl Payload<'_> {
    pub(crate) fn tokens(&self) -> TokenStream {
        let Payload {
            key,
            name,
            public,
            generics,
            factory,
            life,
            is_async,
            hooks,
            deps,
        } = self;
        let life = life.as_str();
        quote!((injectable key = #key name = #name public = #public generics = #generics
            factory = #factory life = #life async = #is_async hooks = #hooks deps = [#(#deps)*]))
    }
}

// ---------------------------------------------------------------------------------------------
// #[provider] fn

/// One parameter of a factory: `name: Arc<T>`.
struct Param {
    dep: syn::Type,
}

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let (opts, life) = parse_opts(args, "provider", &mut errors);
    let Ok(func) = syn::parse2::<syn::ItemFn>(item.clone()) else {
        {
            let err = syn::Error::new(
                Span::call_site(),
                "`#[provider]` goes on a function that returns the provided value: \
                 `#[provider] fn make_pool(config: Arc<DbConfig>) -> Pool`; \
                 for a struct whose fields are its dependencies, use `#[injectable]`",
            )
            .to_compile_error();
            return quote!(#err #item);
        }
    };
    let krate = opts
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let name = &func.sig.ident;
    let sig = &func.sig;

    if let Some(g) = sig.generics.params.first() {
        errors.push(syn::Error::new_spanned(
            g,
            format!(
                "provider function `{name}` has generic parameters, and a provider function cannot have any\n\
                 a module lists the function once and builds one value of one type; \
                 fix: write one non-generic function per type"
            ),
        ));
    }
    for bad in [
        match &sig.safety {
            syn::Safety::Unsafe(t) => Some((t.span(), "`unsafe`")),
            _ => None,
        },
        sig.abi.as_ref().map(|t| (t.span(), "`extern`")),
        sig.variadic.as_ref().map(|t| (t.span(), "variadic")),
    ]
    .into_iter()
    .flatten()
    {
        errors.push(syn::Error::new(
            bad.0,
            format!("provider function `{name}` is {}, and modkit calls only plain Rust functions; fix: wrap it in a plain `fn`", bad.1),
        ));
    }
    let mut params = Vec::new();
    for input in &sig.inputs {
        match input {
            syn::FnArg::Receiver(r) => errors.push(syn::Error::new_spanned(
                r,
                format!(
                    "provider function `{name}` takes `self`, and a provider function is a free function\n\
                     fix: make it a free function, outside any `impl` block, whose parameters are `Arc<T>` dependencies"
                ),
            )),
            syn::FnArg::Typed(pt) => match crate::injectable::arc_inner(&pt.ty) {
                Some(dep) => params.push(Param { dep: dep.clone() }),
                None => errors.push(syn::Error::new_spanned(
                    &pt.ty,
                    format!(
                        "parameter `{}` of provider function `{name}` has type `{}`, which modkit cannot inject\n\
                         each parameter is a dependency, written `Arc<T>` where `T` is a provider the module can see; \
                         fix: take `Arc<{}>`",
                        pretty(&pt.pat),
                        pretty(&pt.ty),
                        pretty(crate::util::unref(&pt.ty))
                    ),
                )),
            },
        }
    }
    let (output, fallible) = match &sig.output {
        syn::ReturnType::Default => {
            errors.push(syn::Error::new(
                sig.paren_token.span.close(),
                format!(
                    "provider function `{name}` returns nothing, and a provider function returns the value it provides\n\
                     fix: declare the return type, `fn {name}(..) -> T` or `-> Result<T, E>`"
                ),
            ));
            (quote!(()), false)
        }
        syn::ReturnType::Type(_, ty) => match result_ok(ty) {
            Some(ok) => (quote!(#ok), true),
            None => (quote!(#ty), false),
        },
    };
    let is_async = sig.asyncness.is_some();
    if life != Life::Singleton && (is_async || fallible) {
        let what = if is_async {
            "an `async fn`"
        } else {
            "fallible (`-> Result`)"
        };
        errors.push(syn::Error::new_spanned(
            if is_async { quote!(#sig) } else { let o = &sig.output; quote!(#o) },
            format!(
                "provider function `{name}` is {what}, and {} providers are made when resolved, by a plain call that cannot fail or wait\n\
                 async and fallible construction happen once, in `App::build`; \
                 fix: make `{name}` a singleton (drop `scope = ..`), or make it a plain `fn` returning the value",
                life.as_str()
            ),
        ));
    }

    let vis = &func.vis;
    let hash = site.hash("provider", &name.to_string());
    let key = format!("{}::{name}#{hash}", site.krate);
    let payload = Payload {
        key: &key,
        name,
        public: matches!(vis, syn::Visibility::Public(_)),
        generics: 0,
        factory: true,
        life,
        is_async,
        hooks: opts.init.is_some() || opts.shutdown.is_some(),
        deps: params
            .iter()
            .filter_map(|p| crate::util::base_name(&p.dep))
            .collect(),
    }
    .tokens();
    let companion = crate::chain::companion(
        // Explicit arguments: `format_ident!` strips `r#` from those, not from inline captures
        // (`r#Foo` panicked here before; found by fuzzing).
        &format_ident!("__modkit_fac_{}_{}", name, hash),
        name,
        vis,
        &payload,
    );
    if !errors.is_empty() {
        let errs = errors_to_tokens(errors);
        return quote!(#errs #func);
    }

    let p = quote!(#krate::__private);
    let marker_doc = format!(
        "The provider marker of the factory function [`{name}`]: list `{name}` in `providers = [..]`."
    );
    let marker = quote! {
        #[doc = #marker_doc]
        #[allow(non_camel_case_types)]
        #vis struct #name {
            #[doc(hidden)]
            __modkit: ::core::marker::PhantomData<()>,
        }
    };
    let provider = provider_impl(
        &krate,
        &quote!(impl #p::Provider for #name),
        &output,
        &name.to_string(),
        &quote!(#output),
        &opts,
    );
    let m = format_ident!("ModkitModule");
    let marker_life = life.marker(&krate);
    let preds = params.iter().map(|a| {
        let t = &a.dep;
        quote_spanned!(t.span()=> #m: #p::Inject<#t, #marker_life, #output>)
    });
    let deps = params.iter().map(|a| {
        let t = &a.dep;
        quote!(<#m as #p::Inject<#t, #marker_life, #output>>::DEP)
    });
    let arg_vars: Vec<syn::Ident> = (0..params.len())
        .map(|i| format_ident!("__modkit_a{}", i))
        .collect();
    let fetch = |via: TokenStream| -> Vec<TokenStream> {
        params
            .iter()
            .map(|a| {
                let t = &a.dep;
                quote!(<#m as #p::Inject<#t, #marker_life, #output>>::#via)
            })
            .collect()
    };
    let conv = if fallible {
        quote!(.map_err(#p::IntoBoxError::into_box_error))
    } else {
        quote!()
    };
    let ret = if fallible {
        quote!(__modkit_r #conv)
    } else {
        quote!(::core::result::Result::Ok(__modkit_r))
    };
    let construct = match (life, is_async) {
        (Life::Singleton, false) => {
            let f = fetch(quote!(build_get(__modkit_b)));
            quote! {
                impl<#m: #krate::Module> #p::Construct<#m> for #name where #(#preds,)* {
                    const DEPS: &'static [#krate::info::DepInfo] = &[#(#deps),*];
                    #[inline]
                    fn construct(__modkit_b: &<#m as #krate::Module>::Builder) -> ::core::result::Result<#output, #krate::BoxError> {
                        #(let #arg_vars = #f;)*
                        let __modkit_r = #name(#(#arg_vars),*);
                        #ret
                    }
                }
            }
        }
        (Life::Singleton, true) => {
            let f = fetch(quote!(build_get(__modkit_b)));
            quote! {
                impl<#m: #krate::Module> #p::ConstructAsync<#m> for #name where #(#preds,)* {
                    const DEPS: &'static [#krate::info::DepInfo] = &[#(#deps),*];
                    fn construct(__modkit_b: &<#m as #krate::Module>::Builder) -> impl ::core::future::Future<Output = ::core::result::Result<#output, #krate::BoxError>> + ::core::marker::Send {
                        #(let #arg_vars = #f;)*
                        async move {
                            let __modkit_r = #name(#(#arg_vars),*).await;
                            #ret
                        }
                    }
                }
            }
        }
        (Life::Transient, _) => {
            let f = fetch(quote!(get(__modkit_m)));
            quote! {
                impl<#m: #krate::Module> #p::Make<#m> for #name where #(#preds,)* {
                    const DEPS: &'static [#krate::info::DepInfo] = &[#(#deps),*];
                    #[inline]
                    fn make(__modkit_m: &#m) -> #output {
                        #name(#(#f),*)
                    }
                }
            }
        }
        (Life::Request, _) => {
            let f = fetch(quote!(get_in(__modkit_m, __modkit_c)));
            quote! {
                impl<#m: #krate::Module> #p::MakeIn<#m> for #name where #(#preds,)* {
                    const DEPS: &'static [#krate::info::DepInfo] = &[#(#deps),*];
                    #[inline]
                    fn make_in(__modkit_m: &#m, __modkit_c: &#p::Cells) -> #output {
                        #name(#(#f),*)
                    }
                }
            }
        }
    };
    // modkit dictates the `Arc<T>` by-value parameters: a lint against them would be noise.
    quote! {
        #[allow(clippy::needless_pass_by_value)]
        #func
        #marker
        #provider
        #[automatically_derived]
        #construct
        #companion
    }
}

/// `T` when `ty` is `Result<T, ..>` (any path ending in `Result`, so aliases such as
/// `anyhow::Result<T>` count).
fn result_ok(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(t)) => Some(t),
        _ => None,
    }
}
