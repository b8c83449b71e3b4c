//! The `Config` impl: the schema as `const` data, the reader, the validators.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::parse::{Default, Field, Model};
use crate::util::pretty;

pub(super) fn config_impl(m: &Model) -> TokenStream {
    let Model { name, krate: k, .. } = m;
    let p = quote!(#k::__private);
    let title = name.to_string();
    let fields = m.fields.iter().map(|f| schema_field(m, f, &p));
    let validate = validators(m, &p);
    let read = quote_spanned! {name.span()=>
        fn __read(
            figment: &#p::Figment,
            key: &str,
        ) -> ::core::result::Result<Self, ::std::boxed::Box<#p::FigmentError>> {
            #p::read_as::<#name>(figment, key)
        }
    };
    quote! {
        #[automatically_derived]
        impl #p::Config for #name {
            const SCHEMA: &'static #p::Schema = {
                const FIELDS: &[#p::Field] = &[#(#fields),*];
                const SCHEMA: #p::Schema = #p::Schema::new(#title, FIELDS);
                &SCHEMA
            };
            #read
            #validate
        }
    }
}

fn schema_field(m: &Model, f: &Field, p: &TokenStream) -> TokenStream {
    let ty = &f.ty;
    let (key, shown, doc) = (&f.key, pretty(ty), &f.doc);
    let default = if let Some(value) = default_expr(m, f) {
        quote! {
            ::core::option::Option::Some({
                fn __modkit_default() -> ::std::string::String {
                    use #p::{ShowDebug as _, ShowNothing as _, ShowToml as _};
                    let value: #ty = #value;
                    (&&&#p::Shown(&value)).shown()
                }
                __modkit_default as fn() -> ::std::string::String
            })
        }
    } else {
        quote!(::core::option::Option::None)
    };
    let nested = if f.nested {
        quote_spanned!(ty.span()=> ::core::option::Option::Some(<#ty as #p::Config>::SCHEMA))
    } else {
        quote!(::core::option::Option::None)
    };
    let probe = if f.custom {
        quote!(#p::unprobed)
    } else {
        quote!(#p::probe::<#ty>)
    };
    quote!(#p::Field::new(#key, #shown, #doc, #default, #nested, #probe))
}

/// The expression of a field's default, when it has one (its own, or the struct's).
fn default_expr(m: &Model, f: &Field) -> Option<TokenStream> {
    let name = &m.name;
    let ident = &f.ident;
    Some(match (&f.default, &m.default) {
        (Some(Default::Trait), _) => quote!(::core::default::Default::default()),
        (Some(Default::Path(path)), _) => quote!(#path()),
        (None, Some(Default::Trait)) => {
            quote!(<#name as ::core::default::Default>::default().#ident)
        }
        (None, Some(Default::Path(path))) => quote!(#path().#ident),
        (None, None) => return None,
    })
}

fn validators(m: &Model, p: &TokenStream) -> TokenStream {
    let mut calls = Vec::new();
    for f in &m.fields {
        let (ident, key) = (&f.ident, &f.key);
        if f.nested {
            calls.push(quote!(checks.nested(#key, &self.#ident);));
        }
        if let Some(v) = &f.validate {
            calls.push(quote_spanned!(v.span()=> checks.field(#key, #v(&self.#ident));));
        }
    }
    if let Some(v) = &m.validate {
        calls.push(quote_spanned!(v.span()=> checks.whole(#v(self));));
    }
    if calls.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn __validate(&self, checks: &mut #p::Checks) {
            #(#calls)*
        }
    }
}
