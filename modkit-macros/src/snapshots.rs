//! Expansion snapshots: what each macro writes for one representative input, pretty-printed and
//! pinned in `src/snapshots/`. A change to the generated code shows up as a snapshot diff, to be
//! read like any other change (`INSTA_UPDATE=always`, then read `git diff`).
//!
//! Every expansion uses one fixed [`Site`], so keys, ids and hashed names are the same on every
//! machine. The `__join!` inputs are put together the way a chain does it: each payload is taken
//! from the companion macro the real expansion of its item writes, and the module's `Spec` from
//! the chain its `#[module]` starts; the pieces are joined with the wire types' `ToTokens`.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::util::Site;
use crate::wire::{ChainInput, Manifest, Payload, ProviderPayload, Spec};

fn site() -> Site {
    Site {
        krate: "snap".into(),
        file: "src/lib.rs".into(),
        line: 1,
        column: 1,
    }
}

/// What a snapshot helper returns: a test fails with the message when its input is not what the
/// macros write.
type Snap<T> = Result<T, String>;

/// The expansion as a person reads it, or why it is not a list of items.
fn unparse(tokens: &TokenStream) -> Snap<String> {
    syn::parse2::<syn::File>(tokens.clone())
        .map(|file| prettyplease::unparse(&file))
        .map_err(|e| format!("the expansion is not a list of items: {e}\n{tokens}"))
}

/// The first parenthesized record tagged `tag` anywhere in `tokens` (inside a companion macro).
fn record(tokens: &TokenStream, tag: &str) -> Option<TokenStream> {
    for tt in tokens.clone() {
        if let TokenTree::Group(g) = tt {
            if g.delimiter() == Delimiter::Parenthesis
                && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == tag)
            {
                return Some(g.to_token_stream());
            }
            if let Some(found) = record(&g.stream(), tag) {
                return Some(found);
            }
        }
    }
    None
}

/// The payload the companion macro in an `#[injectable]`/`#[provider]` expansion hands on.
fn provider_payload(expansion: &TokenStream) -> Snap<ProviderPayload> {
    let tokens = record(expansion, "provider").ok_or("no companion with a provider payload")?;
    syn::parse2(tokens).map_err(|e| format!("a malformed provider payload: {e}"))
}

/// The manifest the companion macro in a join's expansion hands to importers.
fn manifest(expansion: &TokenStream) -> Snap<Manifest> {
    let tokens = record(expansion, "module").ok_or("no companion with a manifest")?;
    syn::parse2(tokens).map_err(|e| format!("a malformed manifest: {e}"))
}

/// The chain `#[module]` starts (`First! { @modkit_chain { [next].. } { (spec ..) } }`), read
/// back: the module's `Spec`, no payloads yet.
fn chain_start(expansion: &TokenStream) -> Snap<ChainInput> {
    let file: syn::File = syn::parse2(expansion.clone()).map_err(|e| format!("not items: {e}"))?;
    let call = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Macro(m) => Some(m.mac.tokens.clone()),
            _ => None,
        })
        .ok_or("no chain call")?;
    // The accumulator is the last group; the links still to call come before it.
    let Some(TokenTree::Group(acc)) = call.into_iter().last() else {
        return Err("a chain call that does not end in its accumulator".into());
    };
    let spec: Spec = syn::parse2(acc.stream())
        .map_err(|e| format!("an accumulator that is not the spec alone: {e}"))?;
    Ok(ChainInput {
        spec,
        payloads: Vec::new(),
    })
}

fn injectable(args: TokenStream, item: &TokenStream) -> TokenStream {
    crate::injectable::expand(args, item, &site())
}

fn provider(args: TokenStream, item: &TokenStream) -> TokenStream {
    crate::provider::expand(args, item, &site())
}

fn module(args: TokenStream, item: &TokenStream) -> TokenStream {
    crate::module::expand(args, item, &site())
}

/// The `__join!` input of the module `#[module(args)] item`, the payloads appended in chain order.
fn join_input(args: TokenStream, item: &TokenStream, payloads: Vec<Payload>) -> Snap<TokenStream> {
    let mut input = chain_start(&module(args, item))?;
    input.payloads = payloads;
    Ok(input.to_token_stream())
}

#[test]
fn injectable_singleton_with_two_deps() -> Snap<()> {
    let out = injectable(
        quote!(),
        &quote! {
            pub struct UserService {
                repo: Arc<UserRepo>,
                log: Arc<Logger>,
            }
        },
    );
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn injectable_request_scoped() -> Snap<()> {
    let out = injectable(
        quote!(scope = request),
        &quote! {
            pub struct RequestCtx {
                log: Arc<Logger>,
                #[inject(default)]
                hits: AtomicUsize,
            }
        },
    );
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn injectable_with_hooks() -> Snap<()> {
    let out = injectable(
        quote!(init = start, shutdown = Pool::stop),
        &quote! {
            pub struct Pool {
                cfg: Arc<Config>,
            }
        },
    );
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn provider_async_fallible() -> Snap<()> {
    let out = provider(
        quote!(),
        &quote! {
            pub async fn make_pool(cfg: Arc<Config>, log: Arc<Logger>) -> Result<Pool, PoolError> {
                Pool::connect(&cfg.url, &log).await
            }
        },
    );
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn module_with_imports_providers_exports() -> Snap<()> {
    let out = module(
        quote!(
            imports = [LoggerModule],
            providers = [UserRepo, UserService],
            exports = [UserService]
        ),
        &quote!(
            pub struct UserModule;
        ),
    );
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

/// `LoggerModule` (provides and exports `Logger`) and its manifest, played through its own join.
fn logger_module() -> Snap<Manifest> {
    let logger = injectable(
        quote!(),
        &quote!(
            pub struct Logger;
        ),
    );
    let input = join_input(
        quote!(providers = [Logger], exports = [Logger]),
        &quote!(
            pub struct LoggerModule;
        ),
        vec![Payload::Provider(provider_payload(&logger)?)],
    )?;
    let joined = crate::join::expand(input);
    let m = manifest(&joined)?;
    assert_eq!(m.exports.len(), 1, "{joined}");
    assert!(!m.broken, "{joined}");
    Ok(m)
}

#[test]
fn join_one_local_one_import_one_export() -> Snap<()> {
    let service = injectable(
        quote!(),
        &quote! {
            pub struct UserService {
                log: Arc<Logger>,
            }
        },
    );
    let input = join_input(
        quote!(
            imports = [LoggerModule],
            providers = [UserService],
            exports = [UserService]
        ),
        &quote!(
            pub struct UserModule;
        ),
        vec![
            Payload::Provider(provider_payload(&service)?),
            Payload::Module(logger_module()?),
        ],
    )?;
    let out = crate::join::expand(input);
    assert!(!out.to_string().contains("compile_error"), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn join_with_an_error_writes_the_stub() -> Snap<()> {
    let factory = |name: &str| {
        let name = syn::Ident::new(name, proc_macro2::Span::call_site());
        provider_payload(&provider(
            quote!(),
            &quote! {
                pub fn #name() -> Pool {
                    Pool::default()
                }
            },
        ))
    };
    let input = join_input(
        quote!(providers = [make_a, make_b]),
        &quote!(
            pub struct DbModule;
        ),
        vec![
            Payload::Provider(factory("make_a")?),
            Payload::Provider(factory("make_b")?),
        ],
    )?;
    let out = crate::join::expand(input);
    assert!(out.to_string().contains("compile_error"), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn join_seed_and_the_request_provider_that_depends_on_it() -> Snap<()> {
    let handler = injectable(
        quote!(scope = request),
        &quote! {
            pub struct Handler {
                id: Arc<RequestId>,
            }
        },
    );
    let input = join_input(
        quote!(
            seeds = [RequestId],
            providers = [Handler],
            exports = [Handler]
        ),
        &quote!(
            pub struct HttpModule;
        ),
        vec![Payload::Provider(provider_payload(&handler)?)],
    )?;
    let out = crate::join::expand(input);
    assert!(!out.to_string().contains("compile_error"), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn join_with_a_config() -> Snap<()> {
    let db = injectable(
        quote!(),
        &quote! {
            pub struct Db {
                config: Arc<DbConfig>,
            }
        },
    );
    let input = join_input(
        quote!(config = DbConfig, providers = [Db], exports = [Db]),
        &quote!(
            pub struct UserDbModule;
        ),
        vec![Payload::Provider(provider_payload(&db)?)],
    )?;
    let out = crate::join::expand(input);
    assert!(!out.to_string().contains("compile_error"), "{out}");
    // The default name: without `Module`, in snake case.
    assert!(out.to_string().contains("\"user_db\""), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

#[test]
fn derive_config() -> Snap<()> {
    let out = crate::config::derive(quote! {
        #[config(validate = check_db)]
        pub struct DbConfig {
            /// Where the database is.
            pub url: String,
            #[serde(default = "port", rename = "db_port")]
            #[config(validate = port_ok)]
            pub port: u16,
            #[serde(default)]
            #[config(nested)]
            pub pool: PoolConfig,
            #[serde(skip)]
            pub cache: (),
        }
    });
    assert!(!out.to_string().contains("compile_error"), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}

/// `DbModule` contributes `DbCheck` and exports its collection; `AppModule` imports it,
/// contributes `AppCheck` and has a provider that injects the whole collection.
#[test]
fn join_contributions_own_and_imported() -> Snap<()> {
    let check = |name: &str| {
        let name = syn::Ident::new(name, proc_macro2::Span::call_site());
        provider_payload(&injectable(quote!(), &quote!(pub struct #name;)))
    };
    let input = join_input(
        quote!(contribute = [DbCheck as dyn Check], exports = [All<dyn Check>]),
        &quote!(
            pub struct DbModule;
        ),
        vec![Payload::Provider(check("DbCheck")?)],
    )?;
    let db = manifest(&crate::join::expand(input))?;
    assert_eq!(db.collections.len(), 1, "{db:?}");
    let health = injectable(
        quote!(),
        &quote! {
            pub struct Health {
                checks: Arc<All<dyn Check>>,
            }
        },
    );
    let input = join_input(
        quote!(
            imports = [DbModule],
            providers = [Health],
            contribute = [AppCheck as dyn Check]
        ),
        &quote!(
            pub struct AppModule;
        ),
        vec![
            Payload::Provider(provider_payload(&health)?),
            Payload::Module(db),
            Payload::Provider(check("AppCheck")?),
        ],
    )?;
    let out = crate::join::expand(input);
    assert!(!out.to_string().contains("compile_error"), "{out}");
    insta::assert_snapshot!(unparse(&out)?);
    Ok(())
}
