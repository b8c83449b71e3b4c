//! `#[injectable]`: parse the struct, check its fields, expand `Construct` and the companion macro.

use darling::FromField;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::args::{Opts, parse_opts};
use crate::util::{Site, errors_to_tokens, pretty};
use crate::wire::{Life, ProviderPayload};

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
enum FieldKind {
    /// `Arc<T>`: the module's singleton `T`.
    Dep(Box<syn::Type>),
    /// `#[inject(default)]`.
    Default,
}

pub(crate) fn expand(args: TokenStream, item: &TokenStream, site: &Site) -> TokenStream {
    let mut errors = Vec::new();
    let (opts, life) = parse_opts(args, "injectable", &mut errors);
    let mut input: syn::DeriveInput = match syn::parse2(item.clone()) {
        Ok(i) => i,
        Err(e) => {
            let err = e.to_compile_error();
            return quote!(#err #item);
        }
    };
    let krate = opts
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::modkit));
    let name = input.ident.clone();

    let fields = match &mut input.data {
        syn::Data::Struct(s) => &mut s.fields,
        syn::Data::Enum(e) => {
            errors.push(syn::Error::new(
                e.enum_token.span,
                format!(
                    "`#[injectable]` goes on a struct, and `{name}` is an enum\n\
                     an injectable's fields are its dependencies, so modkit only builds structs; \
                     fix: wrap the enum in a struct (`struct {name}Provider {{ value: {name} }}`) and make that injectable"
                ),
            ));
            return with_original(errors, &input, site, life, &opts);
        }
        syn::Data::Union(u) => {
            errors.push(syn::Error::new(
                u.union_token.span,
                format!(
                    "`#[injectable]` goes on a struct, and `{name}` is a union\n\
                     an injectable's fields are its dependencies, so modkit only builds structs; \
                     fix: wrap the union in a struct and make that injectable"
                ),
            ));
            return with_original(errors, &input, site, life, &opts);
        }
    };

    if let Some(lt) = input.generics.lifetimes().next() {
        errors.push(syn::Error::new(
            lt.span(),
            format!(
                "`{name}` has a lifetime parameter, and an injectable cannot have one\n\
                 modkit keeps every provider for the whole life of the app (`'static`); \
                 fix: own the data, or hold it in an `Arc`"
            ),
        ));
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
            let what = opts
                .ident
                .as_ref()
                .map_or_else(|| "this field".to_owned(), |i| format!("field `{i}`"));
            errors.push(syn::Error::new(
                opts.ty.span(),
                format!(
                    "{what} of `{name}` has type `{}`, which modkit cannot inject\n\
                     a dependency is written `Arc<T>`, where `T` is a provider the module can see; \
                     fix: use `Arc<{}>`, or mark the field `#[inject(default)]` to build it with `Default::default()`",
                    pretty(&opts.ty),
                    pretty(crate::util::unref(&opts.ty)),
                ),
            ));
        }
    }
    // The struct as the user wrote it, minus modkit's helper attributes.
    for field in fields.iter_mut() {
        field.attrs.retain(|a| !a.path().is_ident("inject"));
    }

    let dep_names: Vec<String> = kinds
        .iter()
        .filter_map(|k| match k {
            FieldKind::Dep(t) => crate::util::base_name(t),
            FieldKind::Default => None,
        })
        .collect();
    let manifest = manifest(&input, site, life, &opts, dep_names, !errors.is_empty());
    if !errors.is_empty() {
        let errs = errors_to_tokens(errors);
        return quote!(#errs #input #manifest);
    }

    let construct = construct_impl(&input, &kinds, &krate, life);
    let (impl_g, ty_g, where_clause) = input.generics.split_for_impl();
    let mut preds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();
    if input.generics.type_params().next().is_some() {
        preds.push(quote!(Self: ::core::marker::Send + ::core::marker::Sync + 'static));
    }
    let provider = crate::args::provider_impl(
        &krate,
        &quote!(impl #impl_g #krate::__private::Provider for #name #ty_g where #(#preds,)*),
        &quote!(Self),
        &name.to_string(),
        &quote!(Self),
        &opts,
    );
    quote! {
        #input
        #provider
        #construct
        #manifest
    }
}

/// On an error that stops the expansion: the errors, the item as written, and a companion that
/// says "broken", so that modules listing it stay quiet.
fn with_original(
    errors: Vec<syn::Error>,
    input: &syn::DeriveInput,
    site: &Site,
    life: Life,
    opts: &Opts,
) -> TokenStream {
    let errs = errors_to_tokens(errors);
    let companion = manifest(input, site, life, opts, Vec::new(), true);
    quote!(#errs #input #companion)
}

fn construct_impl(
    input: &syn::DeriveInput,
    kinds: &[FieldKind],
    krate: &syn::Path,
    life: Life,
) -> TokenStream {
    let name = &input.ident;
    let m = format_ident!("ModkitModule");
    let mut generics = input.generics.clone();
    let at = generics.lifetimes().count();
    generics
        .params
        .insert(at, syn::parse_quote!(#m: #krate::Module));
    let (impl_g, _, _) = generics.split_for_impl();
    let (_, ty_g, where_clause) = input.generics.split_for_impl();
    let mut preds: Vec<TokenStream> = where_clause
        .map(|w| w.predicates.iter().map(|p| quote!(#p)).collect())
        .unwrap_or_default();

    let p = quote!(#krate::__private);
    let marker = life.marker(krate);
    let fetch = match life {
        Life::Singleton => quote!(build_get(__modkit_b)),
        Life::Transient => quote!(get(__modkit_m)),
        Life::Request => quote!(get_in(__modkit_m, __modkit_c)),
    };
    let mut deps = Vec::new();
    let mut values = Vec::new();
    for kind in kinds {
        match kind {
            FieldKind::Dep(t) => {
                let inject = quote!(#p::Inject<#t, #marker, Self>);
                preds.push(quote_spanned!(t.span()=> #m: #inject));
                deps.push(quote!(<#m as #inject>::DEP));
                values.push(quote!(<#m as #inject>::#fetch));
            }
            FieldKind::Default => values.push(quote!(::core::default::Default::default())),
        }
    }
    #[allow(
        clippy::single_match_else,
        reason = "`construct_impl` runs for structs only; other shapes were rejected"
    )]
    let body = match &input.data {
        syn::Data::Struct(s) => match &s.fields {
            syn::Fields::Named(named) => {
                let idents = named.named.iter().map(|f| &f.ident);
                quote!(#name { #(#idents: #values),* })
            }
            syn::Fields::Unnamed(_) => quote!(#name ( #(#values),* )),
            syn::Fields::Unit => quote!(#name),
        },
        _ => quote!(::core::unreachable!()),
    };
    let (head, method) = match life {
        Life::Singleton => (
            quote!(#p::Construct<#m>),
            quote! {
                #[inline]
                fn construct(__modkit_b: &<#m as #krate::Module>::Builder) -> ::core::result::Result<Self, #krate::BoxError> {
                    ::core::result::Result::Ok(#body)
                }
            },
        ),
        Life::Transient => (
            quote!(#p::Make<#m>),
            quote! {
                #[inline]
                fn make(__modkit_m: &#m) -> Self {
                    #body
                }
            },
        ),
        Life::Request => (
            quote!(#p::MakeIn<#m>),
            quote! {
                #[inline]
                fn make_in(__modkit_m: &#m, __modkit_c: &#p::Cells) -> Self {
                    #body
                }
            },
        ),
    };
    quote! {
        #[automatically_derived]
        impl #impl_g #head for #name #ty_g
        where #(#preds,)*
        {
            const DEPS: &'static [#krate::info::DepInfo] = &[#(#deps),*];
            #method
        }
    }
}

/// The companion macro: same name as the struct (macro namespace), hands the struct's key to a
/// `#[module]` that lists it (see `crate::chain`).
fn manifest(
    input: &syn::DeriveInput,
    site: &Site,
    life: Life,
    opts: &Opts,
    deps: Vec<String>,
    broken: bool,
) -> TokenStream {
    let name = &input.ident;
    let hash = site.hash("injectable", &name.to_string());
    let key = format!("{}::{name}#{hash}", site.krate);
    let payload = ProviderPayload {
        key,
        name: name.clone(),
        public: matches!(input.vis, syn::Visibility::Public(_)),
        generic: input.generics.type_params().count() + input.generics.const_params().count() > 0,
        factory: false,
        life,
        is_async: false,
        hooks: opts.init.is_some() || opts.shutdown.is_some(),
        deps,
        output: name.to_string(),
        broken,
    };
    crate::chain::companion(
        // Explicit arguments: `format_ident!` strips `r#` from those, not from inline captures
        // (`r#Foo` panicked here before; found by fuzzing).
        &format_ident!("__modkit_inj_{}_{}", name, hash),
        name,
        &input.vis,
        &quote::ToTokens::to_token_stream(&payload),
    )
}
