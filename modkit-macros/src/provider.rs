//! `#[provider]`: a factory function as a provider. Its parameters are its dependencies, its
//! return value (or the `Ok` of its `Result`) the provided value.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::args::{parse_opts, provider_impl};
use crate::util::{Site, errors_to_tokens, pretty};
use crate::wire::{Life, ProviderPayload};
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
            syn::FnArg::Typed(pt) => match crate::util::arc_inner(&pt.ty) {
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
        syn::ReturnType::Type(_, ty) => match crate::util::result_ok(ty) {
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
    let payload = ProviderPayload {
        key: format!("{}::{name}#{hash}", site.krate),
        name: name.clone(),
        public: matches!(vis, syn::Visibility::Public(_)),
        generic: false,
        factory: true,
        life,
        is_async,
        hooks: opts.init.is_some() || opts.shutdown.is_some(),
        deps: params
            .iter()
            .filter_map(|p| crate::util::base_name(&p.dep))
            .collect(),
        output: syn::parse2::<syn::Type>(output.clone())
            .map(|t| crate::util::short_name(&t))
            .unwrap_or_default(),
        broken: !errors.is_empty(),
    };
    let companion = crate::chain::companion(
        // Explicit arguments: `format_ident!` strips `r#` from those, not from inline captures
        // (`r#Foo` panicked here before; found by fuzzing).
        &format_ident!("__modkit_fac_{}_{}", name, hash),
        name,
        vis,
        &quote::ToTokens::to_token_stream(&payload),
    );
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
    if !errors.is_empty() {
        // The function, its marker and its companion as usual: a module listing it stays quiet.
        let errs = errors_to_tokens(errors);
        return quote!(#errs #func #marker #companion);
    }

    let p = quote!(#krate::__private);
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
