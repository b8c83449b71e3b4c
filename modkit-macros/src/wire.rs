//! The wire format: every payload the macros pass to each other along a module's chain.
//!
//! This module is the one owner of that data. `#[injectable]` and `#[provider]` write a
//! [`ProviderPayload`], `#[module]` writes a [`Spec`], the join writes a [`Manifest`] for its
//! importers and reads all three back as a [`ChainInput`]. Each record is written as
//! `(tag field = value ..)`: fields are named, so they may come in any order and a new field is one
//! line in one [`record!`] below. An empty list or a `false` flag is left out, and read back as
//! such (most modules use few keys, and every token here costs every module). A value is a string, a bool, an integer, an identifier, a
//! [`Life`], a bracketed type or token list, a nested record, or a bracketed list of those.
//!
//! Only the macros write these tokens; a malformed one (a hand-written `__join!` call) is a
//! "modkit internal" error, never a panic.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};

/// A value that can travel on the wire.
pub(crate) trait Wire: Sized {
    /// Reads one value.
    fn read(input: ParseStream<'_>) -> syn::Result<Self>;
    /// Writes one value.
    fn write(&self, out: &mut TokenStream);
    /// The value of a field left out: an empty list, `false`; `None` where a field is required.
    fn absent() -> Option<Self> {
        None
    }
    /// Whether a field with this value is left out (it is [`Wire::absent`]): most lists are
    /// empty and most flags off, and every token on the wire is paid for by every module.
    fn omit(&self) -> bool {
        false
    }
}

/// An error in tokens only the macros write.
pub(crate) fn internal(span: Span, what: &str) -> syn::Error {
    syn::Error::new(span, format!("modkit internal: {what}"))
}

impl Wire for String {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let s: syn::LitStr = input
            .parse()
            .map_err(|e| internal(e.span(), "expected a string"))?;
        Ok(s.value())
    }
    fn write(&self, out: &mut TokenStream) {
        syn::LitStr::new(self, Span::call_site()).to_tokens(out);
    }
}

impl Wire for bool {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let b: syn::LitBool = input
            .parse()
            .map_err(|e| internal(e.span(), "expected a bool"))?;
        Ok(b.value)
    }
    fn write(&self, out: &mut TokenStream) {
        syn::LitBool::new(*self, Span::call_site()).to_tokens(out);
    }
    fn absent() -> Option<Self> {
        Some(false)
    }
    fn omit(&self) -> bool {
        !*self
    }
}

impl Wire for usize {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let i: syn::LitInt = input
            .parse()
            .map_err(|e| internal(e.span(), "expected an integer"))?;
        i.base10_parse()
    }
    fn write(&self, out: &mut TokenStream) {
        proc_macro2::Literal::usize_unsuffixed(*self).to_tokens(out);
    }
}

impl Wire for syn::Ident {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        input
            .call(syn::Ident::parse_any)
            .map_err(|e| internal(e.span(), "expected an identifier"))
    }
    fn write(&self, out: &mut TokenStream) {
        self.to_tokens(out);
    }
}

/// A type, in brackets (a type is not self-delimiting).
impl Wire for syn::Type {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        syn::bracketed!(content in input);
        content.parse()
    }
    fn write(&self, out: &mut TokenStream) {
        out.extend(quote!([#self]));
    }
}

/// Tokens as written (a path, a visibility), in brackets.
impl Wire for TokenStream {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        syn::bracketed!(content in input);
        content.parse()
    }
    fn write(&self, out: &mut TokenStream) {
        out.extend(quote!([#self]));
    }
}

/// A list, in brackets.
impl<T: Wire> Wire for Vec<T> {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        syn::bracketed!(content in input);
        let mut out = Vec::new();
        while !content.is_empty() {
            out.push(T::read(&content)?);
        }
        Ok(out)
    }
    fn write(&self, out: &mut TokenStream) {
        let mut inner = TokenStream::new();
        for v in self {
            v.write(&mut inner);
        }
        out.extend(quote!([#inner]));
    }
    fn absent() -> Option<Self> {
        Some(Vec::new())
    }
    fn omit(&self) -> bool {
        self.is_empty()
    }
}

/// Reads the tag of a record: `want`, or an error.
fn tag(input: ParseStream<'_>, want: &str) -> syn::Result<()> {
    let id = input.call(syn::Ident::parse_any)?;
    if id == want {
        Ok(())
    } else {
        Err(internal(
            id.span(),
            &format!("expected `{want}`, found `{id}`"),
        ))
    }
}

/// Whether the next record (a parenthesized group) carries `want` as its tag.
fn peek_tag(input: ParseStream<'_>, want: &str) -> bool {
    let fork = input.fork();
    let peek = |fork: ParseStream<'_>| -> syn::Result<bool> {
        let content;
        syn::parenthesized!(content in fork);
        let id = content.call(syn::Ident::parse_any)?;
        Ok(id == want)
    };
    peek(&fork).unwrap_or(false)
}

/// A struct whose value on the wire is `(tag field = value ..)`, with [`Wire`], [`Parse`] and
/// [`ToTokens`].
macro_rules! record {
    (
        $(#[$meta:meta])*
        $tag:literal struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub(crate) struct $name {
            $( $(#[$fmeta])* pub(crate) $field: $ty, )*
        }

        impl Wire for $name {
            fn read(input: ParseStream<'_>) -> syn::Result<Self> {
                let content;
                let paren = syn::parenthesized!(content in input);
                tag(&content, $tag)?;
                $( let mut $field: Option<$ty> = None; )*
                while !content.is_empty() {
                    let key = content.call(syn::Ident::parse_any)?;
                    content.parse::<syn::Token![=]>()?;
                    match key.to_string().as_str() {
                        $( stringify!($field) => $field = Some(Wire::read(&content)?), )*
                        other => {
                            return Err(internal(
                                key.span(),
                                &format!("unknown field `{other}` in `{}`", $tag),
                            ));
                        }
                    }
                }
                Ok($name {
                    $( $field: $field.or_else(<$ty as Wire>::absent).ok_or_else(|| internal(
                        paren.span.join(),
                        concat!("missing field `", stringify!($field), "` in `", $tag, "`"),
                    ))?, )*
                })
            }
            fn write(&self, out: &mut TokenStream) {
                let mut inner = TokenStream::new();
                inner.extend([proc_macro2::TokenTree::Ident(syn::Ident::new($tag, Span::call_site()))]);
                $(
                    if !Wire::omit(&self.$field) {
                        inner.extend(quote!($field =));
                        self.$field.write(&mut inner);
                    }
                )*
                out.extend(quote!((#inner)));
            }
        }

        impl Parse for $name {
            fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
                <$name as Wire>::read(input)
            }
        }

        impl ToTokens for $name {
            fn to_tokens(&self, out: &mut TokenStream) {
                self.write(out);
            }
        }
    };
}

/// How long an instance lives. The one encoding of a lifetime in the macros: parsed from
/// `scope = ..`, carried on the wire, turned into the runtime's marker types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Life {
    /// One instance per app.
    Singleton,
    /// A new instance on every resolve.
    Transient,
    /// One instance per request scope.
    Request,
}

impl Life {
    /// The word a user writes (`scope = transient`) and messages use.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Life::Singleton => "singleton",
            Life::Transient => "transient",
            Life::Request => "request",
        }
    }

    /// The lifetime a word names.
    pub(crate) fn from_word(s: &str) -> Option<Life> {
        match s {
            "singleton" => Some(Life::Singleton),
            "transient" => Some(Life::Transient),
            "request" => Some(Life::Request),
            _ => None,
        }
    }

    /// The runtime's marker type of this lifetime.
    pub(crate) fn marker(self, krate: &impl ToTokens) -> TokenStream {
        match self {
            Life::Singleton => quote!(#krate::__private::Singleton),
            Life::Transient => quote!(#krate::__private::Transient),
            Life::Request => quote!(#krate::__private::Request),
        }
    }
}

impl Wire for Life {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let id = input.call(syn::Ident::parse_any)?;
        Life::from_word(&id.to_string()).ok_or_else(|| internal(id.span(), "unknown lifetime"))
    }
    fn write(&self, out: &mut TokenStream) {
        syn::Ident::new(self.as_str(), Span::call_site()).to_tokens(out);
    }
}

record! {
    /// One dependency of a provider, as written in its field or parameter: how the join matches
    /// it against the types the module sees.
    "dep" struct Dep {
        /// The type's last path segment with its arguments (`Repo<User>`), or the whole type
        /// when it is not a path (`dyn Mailer`).
        spelling: String,
        /// Written with a path of several segments (`db::Pool`): the spelling alone may name
        /// another type than the module's type of that spelling.
        qualified: bool,
    }
}

impl Dep {
    /// The identifier hints match: the spelling without generic arguments; `None` for a type
    /// that is not a path.
    pub(crate) fn base(&self) -> Option<&str> {
        if self.spelling.starts_with("dyn ") || self.spelling.starts_with('(') {
            return None;
        }
        Some(
            self.spelling
                .split('<')
                .next()
                .unwrap_or(&self.spelling)
                .trim(),
        )
    }
}

record! {
    /// What `#[injectable]` and `#[provider]` hand to a module that lists them.
    "provider" struct ProviderPayload {
        /// Unique per definition: crate, file, line, column and name, hashed.
        key: String,
        /// The struct's or the factory function's name.
        name: syn::Ident,
        /// Whether the item is `pub` (a private module may name it in hints).
        public: bool,
        /// Whether it has generic parameters (its key is then completed by the arguments).
        generic: bool,
        /// A `#[provider]` function (provides its return type) rather than a struct.
        factory: bool,
        life: Life,
        /// An `async fn` factory.
        is_async: bool,
        /// Whether it has an `init` or `shutdown` hook.
        hooks: bool,
        /// Its dependency types, in field (or parameter) order.
        deps: Vec<Dep>,
        /// The provided type as written (a factory's return type): how a factory's output is
        /// matched against other providers of the same type.
        output: String,
        /// The item had errors of its own (already reported): modules listing it stay quiet.
        broken: bool,
    }
}

/// One `providers = [..]` entry of a module.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ProviderSpec {
    /// `Service` or `make_pool`.
    Plain(syn::Type),
    /// `SmtpMailer as dyn Mailer`: builds `SmtpMailer`, visible only as `dyn Mailer`.
    Bind(syn::Type, syn::Type),
    /// `dyn Mailer = SmtpMailer`: the provider `SmtpMailer`, also visible as `dyn Mailer`.
    Alias(syn::Type, syn::Type),
}

impl ProviderSpec {
    /// The type the module provides under this entry.
    pub(crate) fn provided(&self) -> &syn::Type {
        match self {
            ProviderSpec::Plain(t) => t,
            ProviderSpec::Bind(_, d) | ProviderSpec::Alias(d, _) => d,
        }
    }
}

impl Wire for ProviderSpec {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        syn::parenthesized!(content in input);
        let kind = content.call(syn::Ident::parse_any)?;
        let first = syn::Type::read(&content)?;
        let entry = match kind.to_string().as_str() {
            "plain" => ProviderSpec::Plain(first),
            "bind" => ProviderSpec::Bind(first, syn::Type::read(&content)?),
            "alias" => ProviderSpec::Alias(first, syn::Type::read(&content)?),
            _ => return Err(internal(kind.span(), "bad provider entry")),
        };
        Ok(entry)
    }
    fn write(&self, out: &mut TokenStream) {
        let t = match self {
            ProviderSpec::Plain(t) => quote!((plain [#t])),
            ProviderSpec::Bind(t, d) => quote!((bind [#t] [#d])),
            ProviderSpec::Alias(d, t) => quote!((alias [#d] [#t])),
        };
        out.extend(t);
    }
}

/// One `exports = [..]` entry of a module, as `#[module]` classified it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExportSpec {
    /// One of the module's providers.
    Provider(syn::Type),
    /// Every export of one of the module's imports.
    Import(syn::Type),
    /// A type to find among the imports' exports by its key (its companion is a chain link).
    Lookup(syn::Type),
    /// A trait object to find among the imports' exports by its spelling.
    Spelled(syn::Type),
    /// A collection (`All<T>`, `Keyed<T>`): the module's view of it.
    Collection(syn::Type),
}

impl Wire for ExportSpec {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        let content;
        syn::parenthesized!(content in input);
        let kind = content.call(syn::Ident::parse_any)?;
        let ty = syn::Type::read(&content)?;
        let entry = match kind.to_string().as_str() {
            "provider" => ExportSpec::Provider(ty),
            "import" => ExportSpec::Import(ty),
            "lookup" => ExportSpec::Lookup(ty),
            "spelled" => ExportSpec::Spelled(ty),
            "collection" => ExportSpec::Collection(ty),
            _ => return Err(internal(kind.span(), "bad export entry")),
        };
        Ok(entry)
    }
    fn write(&self, out: &mut TokenStream) {
        let (kind, ty) = match self {
            ExportSpec::Provider(t) => ("provider", t),
            ExportSpec::Import(t) => ("import", t),
            ExportSpec::Lookup(t) => ("lookup", t),
            ExportSpec::Spelled(t) => ("spelled", t),
            ExportSpec::Collection(t) => ("collection", t),
        };
        let kind = syn::Ident::new(kind, Span::call_site());
        out.extend(quote!((#kind [#ty])));
    }
}

record! {
    /// What `#[module]` hands to the join: the module's own lists, as written.
    "spec" struct Spec {
        /// The path to the runtime crate (`::modkit`, or `crate = path`).
        krate: TokenStream,
        /// The module struct's visibility.
        vis: TokenStream,
        name: syn::Ident,
        /// Unique per module definition.
        id: String,
        /// Whether the module struct is `pub`.
        public: bool,
        providers: Vec<ProviderSpec>,
        values: Vec<syn::Type>,
        /// `seeds = [..]`: request-scoped values a scope is opened with.
        seeds: Vec<syn::Type>,
        imports: Vec<syn::Type>,
        exports: Vec<ExportSpec>,
        /// `config = ..`: none or one.
        config: Vec<ConfigSpec>,
        /// `global`: its exports reach every module of an app that contains it.
        global: bool,
        /// `resolve = [Logger from LoggingModule]`: the import each colliding type is taken from.
        resolve: Vec<ResolveSpec>,
        /// `contribute = [..]`: providers built into collections.
        contribute: Vec<ContributionSpec>,
        /// `collect = [..]`: collections the module declares, which may then be empty.
        collect: Vec<CollectSpec>,
    }
}

record! {
    /// `Type from Import`: where two imports export `Type`, the module takes `Import`'s.
    "resolve" struct ResolveSpec {
        ty: syn::Type,
        import: syn::Type,
    }
}

record! {
    /// One `contribute = [..]` entry: a provider built into a collection.
    "contrib" struct ContributionSpec {
        /// The contributing provider (a struct or a `#[provider]` function), as listed.
        ty: syn::Type,
        /// `as dyn Trait`: the collection's element type; empty for the provider's own type.
        into: Vec<syn::Type>,
        /// `"key" =>`: its key in a `Keyed` collection; empty for an `All` list.
        key: Vec<String>,
    }
}

record! {
    /// One `collect = [..]` entry: `All<T>` or `Keyed<T>`.
    "collect" struct CollectSpec {
        /// As written, for errors.
        ty: syn::Type,
        keyed: bool,
        elem: syn::Type,
    }
}

record! {
    /// A module's config: its type and its name.
    "config" struct ConfigSpec {
        ty: syn::Type,
        name: String,
    }
}

record! {
    /// One export of a module, in its manifest.
    "export" struct ManifestExport {
        /// Its position: importers name it as `<M as ExportAt<k, _>>::Ty`.
        k: usize,
        key: String,
        /// How the graph names it (a factory by its function).
        name: String,
        /// Whether `key` identifies the type exactly (not a generic struct, a factory, a trait
        /// object or a value, which are matched by spelling).
        exact: bool,
        /// The type as written, last segment and arguments.
        spelling: String,
        /// The module that provides it, and that module's name.
        origin_id: String,
        origin: String,
        life: Life,
    }
}

record! {
    /// A type a module knows without handing it on: a private provider, a type seen through an
    /// import, a value some module below declares.
    "item" struct ManifestItem {
        /// Its position in the matching `Hidden` type list or `ValueAt` impls.
        k: usize,
        key: String,
        exact: bool,
        spelling: String,
    }
}

record! {
    /// What a built module hands to its importers: the payload of its companion macro.
    "module" struct Manifest {
        id: String,
        name: String,
        public: bool,
        /// Whether its graph has an `async fn` provider or a hook.
        is_async: bool,
        exports: Vec<ManifestExport>,
        privates: Vec<ManifestItem>,
        seen: Vec<ManifestItem>,
        values: Vec<ManifestItem>,
        /// Whether its graph (it or a module below it) declares seeds: a scope is opened with them.
        seeded: bool,
        /// The global modules of its graph (it included), each once: `key` is the module's id,
        /// `spelling` its name, `k` its position (`GlobalAt`).
        globals: Vec<ManifestItem>,
        /// The exported singletons of those global modules: `k` is the exporter's position in
        /// `globals`.
        global_exports: Vec<ManifestItem>,
        /// Whether a module of its graph takes an export of a global module it does not import
        /// (`NeedsGlobals`): the app must contain that global module.
        needs_globals: bool,
        /// The module had errors of its own (already reported): its importers stay quiet.
        broken: bool,
        /// The contributions each exported collection holds.
        collections: Vec<ManifestCollection>,
        /// The collections the module has and does not export (`All<dyn Check>`), for messages.
        kept: Vec<String>,
    }
}

record! {
    /// An exported collection: which contributions it holds, in order.
    "collection" struct ManifestCollection {
        /// Its position among the module's exports.
        k: usize,
        items: Vec<ManifestContribution>,
    }
}

record! {
    /// One contribution in an exported collection.
    "contribution" struct ManifestContribution {
        /// Unique per contribution: a hash of the contributing module's id and the provider's key.
        id: String,
        /// Its key in a `Keyed` collection; empty in an `All` list.
        key: Vec<String>,
        /// In a `Keyed` collection, the contributing provider and its module, for the message
        /// of a key given twice; empty in an `All` list (every importer's manifest lists every
        /// contribution it hands on, so an item is kept short).
        who: Vec<String>,
    }
}

/// The payload of one chain link.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    /// An `#[injectable]` struct or a `#[provider]` function.
    Provider(ProviderPayload),
    /// A module.
    Module(Manifest),
}

impl Wire for Payload {
    fn read(input: ParseStream<'_>) -> syn::Result<Self> {
        if peek_tag(input, "provider") {
            Ok(Payload::Provider(Wire::read(input)?))
        } else {
            Ok(Payload::Module(Wire::read(input)?))
        }
    }
    fn write(&self, out: &mut TokenStream) {
        match self {
            Payload::Provider(p) => p.write(out),
            Payload::Module(m) => m.write(out),
        }
    }
}

/// What `__join!` receives: `@modkit_chain { [rest..] } { spec payload.. }`.
pub(crate) struct ChainInput {
    pub(crate) spec: Spec,
    pub(crate) payloads: Vec<Payload>,
}

impl Parse for ChainInput {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        input.parse::<syn::Token![@]>()?;
        tag(input, "modkit_chain")?;
        let _rest;
        syn::braced!(_rest in input);
        let acc;
        syn::braced!(acc in input);
        let spec = Spec::read(&acc)?;
        let mut payloads = Vec::new();
        while !acc.is_empty() {
            payloads.push(Payload::read(&acc)?);
        }
        Ok(ChainInput { spec, payloads })
    }
}

impl ToTokens for ChainInput {
    fn to_tokens(&self, out: &mut TokenStream) {
        let spec = &self.spec;
        let mut acc = spec.to_token_stream();
        for p in &self.payloads {
            p.write(&mut acc);
        }
        out.extend(quote!(@modkit_chain {} { #acc }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written, read back and written again: the same tokens.
    fn round_trip<T: Wire>(v: &T) {
        let mut ts = TokenStream::new();
        v.write(&mut ts);
        let back =
            syn::parse::Parser::parse2(T::read, ts.clone()).unwrap_or_else(|e| panic!("{e}: {ts}"));
        let mut again = TokenStream::new();
        back.write(&mut again);
        assert_eq!(again.to_string(), ts.to_string());
    }

    fn provider() -> ProviderPayload {
        ProviderPayload {
            key: "app::Repo#0123".into(),
            name: syn::parse_quote!(Repo),
            public: true,
            generic: false,
            factory: true,
            life: Life::Request,
            is_async: true,
            hooks: false,
            deps: vec![
                Dep {
                    spelling: "Logger".into(),
                    qualified: false,
                },
                Dep {
                    spelling: "Repo<User>".into(),
                    qualified: true,
                },
            ],
            output: "Repo".into(),
            broken: false,
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            id: "app::DbModule#ff".into(),
            name: "DbModule".into(),
            public: false,
            is_async: true,
            exports: vec![ManifestExport {
                k: 0,
                key: "dyn:dyn Mailer".into(),
                name: "dyn Mailer".into(),
                exact: false,
                spelling: "dyn Mailer".into(),
                origin_id: "x#1".into(),
                origin: "MailModule".into(),
                life: Life::Transient,
            }],
            privates: vec![ManifestItem {
                k: 3,
                key: "k".into(),
                exact: true,
                spelling: "Pool".into(),
            }],
            seen: vec![],
            values: vec![ManifestItem {
                k: 0,
                key: "value:Config".into(),
                exact: false,
                spelling: "Config".into(),
            }],
            seeded: true,
            globals: vec![ManifestItem {
                k: 0,
                key: "app::LogModule#1".into(),
                exact: true,
                spelling: "LogModule".into(),
            }],
            global_exports: vec![],
            needs_globals: true,
            broken: true,
            collections: vec![ManifestCollection {
                k: 0,
                items: vec![ManifestContribution {
                    id: "0123456789abcdef".into(),
                    key: vec!["db".into()],
                    who: vec!["DbCheck".into(), "DbModule".into()],
                }],
            }],
            kept: vec!["Keyed<dyn Route>".into()],
        }
    }

    #[test]
    fn empty_lists_and_false_flags_are_left_out_and_read_back() {
        let mut m = manifest();
        m.privates.clear();
        m.needs_globals = false;
        let mut ts = TokenStream::new();
        m.write(&mut ts);
        let text = ts.to_string();
        assert!(
            !text.contains("privates") && !text.contains("needs_globals"),
            "{text}"
        );
        let back: Manifest = syn::parse2(ts).unwrap();
        assert!(back.privates.is_empty() && !back.needs_globals);
        assert_eq!(back.exports.len(), m.exports.len());
    }

    #[test]
    fn every_record_round_trips() {
        round_trip(&provider());
        round_trip(&manifest());
        round_trip(&Payload::Provider(provider()));
        round_trip(&Payload::Module(manifest()));
        round_trip(&Spec {
            krate: quote!(::modkit),
            vis: quote!(pub(crate)),
            name: syn::parse_quote!(AppModule),
            id: "a#1".into(),
            public: false,
            providers: vec![
                ProviderSpec::Plain(syn::parse_quote!(Repo<User>)),
                ProviderSpec::Bind(syn::parse_quote!(Smtp), syn::parse_quote!(dyn Mailer)),
                ProviderSpec::Alias(syn::parse_quote!(dyn Notify), syn::parse_quote!(Smtp)),
            ],
            values: vec![syn::parse_quote!(Config)],
            seeds: vec![syn::parse_quote!(RequestId)],
            imports: vec![syn::parse_quote!(crate::db::DbModule)],
            exports: vec![
                ExportSpec::Provider(syn::parse_quote!(Repo<User>)),
                ExportSpec::Import(syn::parse_quote!(DbModule)),
                ExportSpec::Lookup(syn::parse_quote!(Pool)),
                ExportSpec::Spelled(syn::parse_quote!(dyn Mailer)),
            ],
            config: vec![ConfigSpec {
                ty: syn::parse_quote!(db::DbConfig),
                name: "db_replica".into(),
            }],
            global: true,
            resolve: vec![ResolveSpec {
                ty: syn::parse_quote!(Logger),
                import: syn::parse_quote!(log::LoggingModule),
            }],
            contribute: vec![ContributionSpec {
                ty: syn::parse_quote!(DbCheck),
                into: vec![syn::parse_quote!(dyn Check)],
                key: vec!["db".into()],
            }],
            collect: vec![CollectSpec {
                ty: syn::parse_quote!(All<dyn Check>),
                keyed: false,
                elem: syn::parse_quote!(dyn Check),
            }],
        });
    }

    /// An optional field is left out when empty, and read back as empty when absent: payloads
    /// that do not use it are the tokens they were before it existed.
    #[test]
    fn an_empty_optional_field_is_not_written() {
        let mut m = manifest();
        m.collections.clear();
        let ts = m.to_token_stream().to_string();
        assert!(!ts.contains("collections"), "{ts}");
        let back: Manifest = syn::parse2(m.to_token_stream()).unwrap();
        assert!(back.collections.is_empty());
    }

    #[test]
    fn fields_may_come_in_any_order() {
        let ts = quote! {
            (item spelling = "Pool" exact = true key = "k" k = 2)
        };
        let item: ManifestItem = syn::parse2(ts).unwrap();
        assert_eq!(item.k, 2);
        assert_eq!(item.spelling, "Pool");
    }

    #[test]
    fn a_missing_or_unknown_field_is_an_internal_error() {
        let missing =
            syn::parse2::<ManifestItem>(quote!((item k = 1 key = "k" exact = true))).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `spelling`"),
            "{missing}"
        );
        let unknown = syn::parse2::<ManifestItem>(
            quote!((item k = 1 key = "k" exact = true spelling = "n" x = 1)),
        )
        .unwrap_err();
        assert!(
            unknown.to_string().contains("unknown field `x`"),
            "{unknown}"
        );
        let wrong = syn::parse2::<ManifestItem>(
            quote!((item k = "1" key = "k" exact = true spelling = "n")),
        )
        .unwrap_err();
        assert!(wrong.to_string().contains("expected an integer"), "{wrong}");
    }

    #[test]
    fn chain_input_round_trips() {
        let input = ChainInput {
            spec: syn::parse2(quote! {
                (spec krate = [::modkit] vis = [pub] name = M id = "m#1" public = true
                    providers = [] values = [] seeds = [] imports = [] exports = [] config = [] global = false)
            })
            .unwrap(),
            payloads: vec![Payload::Provider(provider()), Payload::Module(manifest())],
        };
        let back: ChainInput = syn::parse2(input.to_token_stream()).unwrap();
        assert_eq!(
            back.to_token_stream().to_string(),
            input.to_token_stream().to_string()
        );
        assert_eq!(back.payloads.len(), 2);
        assert!(matches!(back.payloads[1], Payload::Module(_)));
    }
}
