//! The front end of modkit's macros, compiled as a plain library for the fuzz targets.
//!
//! A proc-macro crate cannot be linked into another binary, so the macro crate's modules are
//! compiled here directly (`#[path]`): the fuzzers run exactly the code in `modkit-macros/src`,
//! minus `lib.rs`, whose only job is to convert `proc_macro` tokens and build the `Site` from
//! compiler spans. [`injectable`], [`provider`], [`module`] and [`join`] are its four entry
//! points; [`pipeline`] runs a whole source file through them and plays the companion-macro
//! chain the way rustc would, so that `__join!` also sees the inputs real modules produce.

#![allow(dead_code, unreachable_pub, missing_docs, clippy::all, clippy::pedantic)]

#[path = "../../modkit-macros/src/args.rs"]
mod args;
#[path = "../../modkit-macros/src/chain.rs"]
mod chain;
#[path = "../../modkit-macros/src/diag.rs"]
mod diag;
#[path = "../../modkit-macros/src/injectable/mod.rs"]
mod injectable;
#[path = "../../modkit-macros/src/join/mod.rs"]
mod join;
#[path = "../../modkit-macros/src/module/mod.rs"]
mod module;
#[path = "../../modkit-macros/src/provider/mod.rs"]
mod provider;
#[path = "../../modkit-macros/src/util.rs"]
mod util;
#[path = "../../modkit-macros/src/wire.rs"]
pub mod wire;

use std::collections::HashMap;
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Which macro an input goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Injectable,
    Provider,
    Module,
    Join,
}

/// The `Site` that `modkit-macros/src/lib.rs` builds from compiler spans, by hand: the spans of
/// `proc_macro2`'s fallback carry no file or line.
fn site(line: usize) -> util::Site {
    util::Site {
        krate: "fuzz_crate".to_owned(),
        file: "src/lib.rs".to_owned(),
        line,
        column: 4,
    }
}

/// `#[injectable(args)] item`.
pub fn injectable(args: TokenStream, item: TokenStream) -> TokenStream {
    injectable::expand(args, &item, &site(1))
}

/// `#[provider(args)] item`.
pub fn provider(args: TokenStream, item: TokenStream) -> TokenStream {
    provider::expand(args, &item, &site(1))
}

/// `#[module(args)] item`.
pub fn module(args: TokenStream, item: TokenStream) -> TokenStream {
    module::expand(args, &item, &site(1))
}

/// `__join! { input }`.
pub fn join(input: TokenStream) -> TokenStream {
    join::expand(input)
}

/// Calls one entry point; `item` is ignored by `__join!`, which takes only `args` (its input).
pub fn expand(entry: Entry, args: TokenStream, item: TokenStream) -> TokenStream {
    match entry {
        Entry::Injectable => injectable(args, item),
        Entry::Provider => provider(args, item),
        Entry::Module => module(args, item),
        Entry::Join => join(args),
    }
}

// ---------------------------------------------------------------------------------------------
// the input format of the `expand` target

/// The separator between attribute arguments and the item: ASCII RS (0x1E), meaningless to Rust.
pub const SEP: u8 = 0x1e;

/// `<selector byte><args> 0x1E <item>`: the selector is `i`, `p`, `m` or `j` (any other byte picks
/// by its value mod 4); `__join!` takes everything after the selector as its input. `None` when
/// the input is not UTF-8 or a part does not lex.
pub fn split(data: &[u8]) -> Option<(Entry, TokenStream, TokenStream)> {
    let (&sel, rest) = data.split_first()?;
    let entry = match sel {
        b'i' => Entry::Injectable,
        b'p' => Entry::Provider,
        b'm' => Entry::Module,
        b'j' => Entry::Join,
        b => [Entry::Injectable, Entry::Provider, Entry::Module, Entry::Join][usize::from(b % 4)],
    };
    let text = std::str::from_utf8(rest).ok()?;
    if entry == Entry::Join {
        return Some((entry, TokenStream::from_str(text).ok()?, TokenStream::new()));
    }
    let (args, item) = match text.split_once(char::from(SEP)) {
        Some((a, i)) => (a, i),
        None => ("", text),
    };
    Some((
        entry,
        TokenStream::from_str(args).ok()?,
        TokenStream::from_str(item).ok()?,
    ))
}

/// Whether an expansion is (or contains) an error.
pub fn is_error(out: &TokenStream) -> bool {
    fn walk(ts: &TokenStream) -> bool {
        let mut prev_is_compile_error = false;
        for tt in ts.clone() {
            match &tt {
                TokenTree::Ident(i) if i == "compile_error" => prev_is_compile_error = true,
                TokenTree::Punct(p) if p.as_char() == '!' && prev_is_compile_error => return true,
                TokenTree::Group(g) => {
                    if walk(&g.stream()) {
                        return true;
                    }
                    prev_is_compile_error = false;
                }
                _ => prev_is_compile_error = false,
            }
        }
        false
    }
    walk(out)
}

// ---------------------------------------------------------------------------------------------
// the pipeline: a source file through the macros and the chain

/// What one run of [`pipeline`] did.
#[derive(Debug, Default)]
pub struct Run {
    /// Every expansion: (entry, output, whether it must parse; see [`reparse_exempt`]).
    pub expansions: Vec<(Entry, TokenStream, bool)>,
    /// The input of every `__join!` the chain reached.
    pub joins: Vec<TokenStream>,
    /// Chains that stopped at a link with no companion (rustc: "cannot find macro").
    pub stalled: usize,
}

/// Which modkit attribute `attr` is, by the last segment of its path.
fn modkit_attr(attr: &syn::Attribute) -> Option<Entry> {
    let last = attr.path().segments.last()?;
    match last.ident.to_string().as_str() {
        "injectable" => Some(Entry::Injectable),
        "provider" => Some(Entry::Provider),
        "module" => Some(Entry::Module),
        _ => None,
    }
}

/// The items of a file and of its inline `mod`s, depth first, in source order.
fn collect_items<'a>(items: &'a [syn::Item], out: &mut Vec<&'a syn::Item>) {
    for item in items {
        out.push(item);
        if let syn::Item::Mod(m) = item
            && let Some((_, inner)) = &m.content
        {
            collect_items(inner, out);
        }
    }
}

/// A `macro_rules! name { .. }` of an expansion, or a `use hidden as public;` re-export of one.
#[derive(Default)]
struct Companions {
    /// hidden macro name -> payload
    hidden: HashMap<String, TokenStream>,
    /// public name -> hidden name
    public: HashMap<String, String>,
}

impl Companions {
    /// Registers the companions an expansion defines (top level only, as the macros emit them).
    fn scan(&mut self, out: &TokenStream) {
        let tts: Vec<TokenTree> = out.clone().into_iter().collect();
        for i in 0..tts.len() {
            // macro_rules ! NAME { .. }
            if let (TokenTree::Ident(m), Some(TokenTree::Punct(bang)), Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                (&tts[i], tts.get(i + 1), tts.get(i + 2), tts.get(i + 3))
                && m == "macro_rules"
                && bang.as_char() == '!'
                && let Some(payload) = payload_of(&body.stream())
            {
                self.hidden.insert(name.to_string(), payload);
            }
            // use HIDDEN as PUBLIC ;
            if let (TokenTree::Ident(u), Some(TokenTree::Ident(hidden)), Some(TokenTree::Ident(as_)), Some(TokenTree::Ident(public))) =
                (&tts[i], tts.get(i + 1), tts.get(i + 2), tts.get(i + 3))
                && u == "use"
                && as_ == "as"
            {
                self.public.insert(public.to_string(), hidden.to_string());
            }
        }
    }

    fn payload(&self, name: &str) -> Option<&TokenStream> {
        let hidden = self.public.get(name).map_or(name, String::as_str);
        self.hidden.get(hidden)
    }
}

/// The payload a companion rule appends: in `(..) => { $($next)* ! { @modkit_chain { .. } { $($acc)* PAYLOAD } } };`
/// the tokens after `$($acc)*`.
fn payload_of(rules: &TokenStream) -> Option<TokenStream> {
    let body = rules.clone().into_iter().find_map(|tt| match tt {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
        _ => None,
    })?;
    let call = body.into_iter().find_map(|tt| match tt {
        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
        _ => None,
    })?;
    let acc = call
        .into_iter()
        .filter_map(|tt| match tt {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g.stream()),
            _ => None,
        })
        .nth(1)?;
    // `$`, `( $acc )`, `*`
    Some(acc.into_iter().skip(3).collect())
}

/// The chain a `#[module]` expansion starts: `FIRST ! { @modkit_chain { [link].. } { acc } }`.
struct Chain {
    link: TokenStream,
    rest: Vec<TokenStream>,
    acc: TokenStream,
}

fn chains_of(out: &TokenStream) -> Vec<Chain> {
    let tts: Vec<TokenTree> = out.clone().into_iter().collect();
    let mut found = Vec::new();
    let mut start = 0;
    for i in 0..tts.len() {
        let (TokenTree::Punct(bang), Some(TokenTree::Group(g))) = (&tts[i], tts.get(i + 1)) else {
            continue;
        };
        if bang.as_char() != '!' || g.delimiter() != Delimiter::Brace {
            continue;
        }
        let inner: Vec<TokenTree> = g.stream().into_iter().collect();
        let is_chain = matches!(&inner[..], [TokenTree::Punct(at), TokenTree::Ident(kw), TokenTree::Group(rest), TokenTree::Group(acc)]
            if at.as_char() == '@' && kw == "modkit_chain"
                && rest.delimiter() == Delimiter::Brace && acc.delimiter() == Delimiter::Brace);
        if !is_chain {
            continue;
        }
        // The path is every token since the end of the previous item (`;` or `}`) up to `!`.
        let mut p = i;
        while p > start {
            match &tts[p - 1] {
                TokenTree::Punct(x) if x.as_char() == ';' => break,
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
                _ => p -= 1,
            }
        }
        let link: TokenStream = tts[p..i].iter().cloned().collect();
        let (TokenTree::Group(rest), TokenTree::Group(acc)) = (&inner[2], &inner[3]) else {
            continue;
        };
        let rest = rest
            .stream()
            .into_iter()
            .filter_map(|tt| match tt {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => Some(g.stream()),
                _ => None,
            })
            .collect();
        found.push(Chain {
            link,
            rest,
            acc: acc.stream(),
        });
        start = i + 2;
    }
    found
}

/// Every payload a companion hands on is one record of the wire format (`wire::Payload`), and
/// writing what was read gives the same tokens: a macro that writes a payload the join cannot
/// read, or the format drifting between writer and reader, is a crash.
fn check_payload(payload: &TokenStream) {
    let read = syn::parse::Parser::parse2(
        |input: syn::parse::ParseStream<'_>| <wire::Payload as wire::Wire>::read(input),
        payload.clone(),
    );
    match read {
        Ok(p) => {
            let mut again = TokenStream::new();
            wire::Wire::write(&p, &mut again);
            assert_eq!(
                again.to_string(),
                payload.to_string(),
                "a payload does not round-trip through the wire format"
            );
        }
        Err(e) => panic!("a companion's payload is not a wire record ({e}): {payload}"),
    }
}

/// The last identifier of a macro path.
fn last_ident(path: &TokenStream) -> Option<String> {
    path.clone().into_iter().filter_map(|tt| match tt {
        TokenTree::Ident(i) => Some(i.to_string()),
        _ => None,
    }).last()
}

/// Runs every `#[injectable]`, `#[provider]` and `#[module]` item of `file` through its macro
/// (each at its own `Site` line), then plays each module's chain: a link appends the payload of
/// the companion macro of that name, `__join` ends the chain and its output may define the
/// companion a later chain waits for. `None` when `file` does not parse as a Rust file.
pub fn pipeline(file: &str) -> Option<Run> {
    let file = syn::parse_file(file).ok()?;
    let mut items = Vec::new();
    collect_items(&file.items, &mut items);
    let mut run = Run::default();
    let mut companions = Companions::default();
    let mut chains = Vec::new();
    for (n, item) in items.into_iter().enumerate() {
        let attrs = match item {
            syn::Item::Struct(s) => &s.attrs,
            syn::Item::Enum(e) => &e.attrs,
            syn::Item::Union(u) => &u.attrs,
            syn::Item::Fn(f) => &f.attrs,
            _ => continue,
        };
        let Some((at, entry)) = attrs.iter().enumerate().find_map(|(k, a)| Some((k, modkit_attr(a)?))) else {
            continue;
        };
        let args = match &attrs[at].meta {
            syn::Meta::List(l) => l.tokens.clone(),
            _ => TokenStream::new(),
        };
        // The item as the macro receives it: without the attribute being expanded.
        let mut item = item.clone();
        match &mut item {
            syn::Item::Struct(s) => { s.attrs.remove(at); }
            syn::Item::Enum(e) => { e.attrs.remove(at); }
            syn::Item::Union(u) => { u.attrs.remove(at); }
            syn::Item::Fn(f) => { f.attrs.remove(at); }
            _ => {}
        }
        let item = quote::quote!(#item);
        let site = site(n + 1);
        let must_parse = !reparse_exempt(entry, &args, &item);
        let out = match entry {
            Entry::Injectable => injectable::expand(args, &item, &site),
            Entry::Provider => provider::expand(args, &item, &site),
            Entry::Module => module::expand(args, &item, &site),
            Entry::Join => unreachable!(),
        };
        companions.scan(&out);
        chains.extend(chains_of(&out));
        run.expansions.push((entry, out, must_parse));
    }
    // Play the chains; a chain waits while its link is a module whose join has not run yet.
    loop {
        let mut progress = false;
        let mut waiting = Vec::new();
        for mut c in chains {
            loop {
                if last_ident(&c.link).as_deref() == Some("__join") {
                    let acc = &c.acc;
                    let input = quote::quote!(@modkit_chain {} { #acc });
                    let out = join::expand(input.clone());
                    companions.scan(&out);
                    run.joins.push(input);
                    run.expansions.push((Entry::Join, out, true));
                    progress = true;
                    break;
                }
                let Some(payload) = last_ident(&c.link).and_then(|n| companions.payload(&n)) else {
                    waiting.push(c);
                    break;
                };
                check_payload(payload);
                c.acc.extend(payload.clone());
                if c.rest.is_empty() {
                    // A companion always has a next link; a chain without one ends here.
                    break;
                }
                c.link = c.rest.remove(0);
                progress = true;
            }
        }
        chains = waiting;
        if !progress || chains.is_empty() {
            break;
        }
    }
    run.stalled = chains.len();
    Some(run)
}

// ---------------------------------------------------------------------------------------------
// output checks

/// What the reparse check does with an expansion that has no `compile_error!` and does not parse
/// as a Rust file. syn accepts some items rustc rejects before any macro runs (`struct S { _: T }`),
/// and for those the output need not parse: so by default a failure is not a crash but a report,
/// one per distinct (macro, syn message), written to `$MODKIT_FUZZ_REPARSE_DIR` for triage.
/// `MODKIT_FUZZ_REPARSE=strict` makes it a panic (a crash), `=0` turns the check off; with no
/// directory and no mode, the check is off.
enum Reparse {
    Off,
    Report(std::path::PathBuf),
    Strict,
}

fn reparse_mode() -> &'static Reparse {
    static MODE: std::sync::OnceLock<Reparse> = std::sync::OnceLock::new();
    MODE.get_or_init(|| {
        match (std::env::var("MODKIT_FUZZ_REPARSE").ok().as_deref(), std::env::var_os("MODKIT_FUZZ_REPARSE_DIR")) {
            (Some("0"), _) => Reparse::Off,
            (Some("strict"), _) => Reparse::Strict,
            (_, Some(dir)) => Reparse::Report(dir.into()),
            _ => Reparse::Off,
        }
    })
}

/// What must hold for every expansion: it exists (the caller got here without a panic) and its
/// text lexes again, else a panic. With `reparse` (and see [`Reparse`]), an expansion without
/// `compile_error!` should also parse as a Rust file (see [`reparse_exempt`] for the known
/// exception). `input` is the fuzz input, kept with a report.
pub fn check_output(entry: Entry, out: &TokenStream, reparse: bool, input: &[u8]) {
    let text = out.to_string();
    if let Err(e) = TokenStream::from_str(&text) {
        panic!("{entry:?}: the expansion does not lex again ({e}):\n{text}");
    }
    let mode = reparse_mode();
    if !reparse || matches!(mode, Reparse::Off) || is_error(out) {
        return;
    }
    let Err(e) = syn::parse2::<syn::File>(out.clone()) else {
        return;
    };
    match mode {
        Reparse::Off => {}
        Reparse::Strict => {
            panic!("{entry:?}: the expansion has no error and does not parse as a file ({e}):\n{text}")
        }
        Reparse::Report(dir) => {
            let message = e.to_string();
            let slug: String = format!("{entry:?}-{message}")
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
                .take(100)
                .collect();
            let path = dir.join(&slug);
            if path.exists() {
                return;
            }
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(&path, input);
            let _ = std::fs::write(
                dir.join(format!("{slug}.txt")),
                format!("{entry:?}: the expansion has no error and does not parse as a file: {message}\n\n{text}\n"),
            );
            eprintln!("modkit-fuzz: reparse report {}", path.display());
        }
    }
}

/// Known reasons an expansion without errors does not parse. None now: the one this held (a bare
/// hook name called as `Pool<u8>::close`) is fixed in the macro and pinned by
/// `tests/ui/lifecycle/pass/hook_on_generic_output.rs`.
pub fn reparse_exempt(entry: Entry, args: &TokenStream, item: &TokenStream) -> bool {
    let _ = (entry, args, item);
    false
}

// ---------------------------------------------------------------------------------------------
// known panics

/// Panics fuzzing found in files this crate must not fix (see wip/fuzz-findings.md), each as
/// (name, texts its panic message contains). While one is listed, the targets treat an input
/// that hits it as uninteresting instead of a crash, so the fuzzer goes on looking for others.
/// Remove the entry when the panic is fixed; `MODKIT_FUZZ_NO_EXCLUDE=1` ignores the list.
// The three panics this list once held (a raw identifier as an injectable or factory name, a
// hand-written `__join!` id without a `#hex` tail) are fixed in the macros; new findings go here
// only while they wait for a fix.
pub const KNOWN: &[(&str, &[&str])] = &[];

/// How many inputs hit each entry of [`KNOWN`] in this process.
pub static KNOWN_HITS: [std::sync::atomic::AtomicUsize; KNOWN.len()] =
    [const { std::sync::atomic::AtomicUsize::new(0) }; KNOWN.len()];

fn known(message: &str) -> Option<usize> {
    if std::env::var_os("MODKIT_FUZZ_NO_EXCLUDE").is_some_and(|v| v == "1") {
        return None;
    }
    KNOWN
        .iter()
        .position(|(_, texts)| texts.iter().all(|t| message.contains(t)))
}

/// Runs `f`; a panic listed in [`KNOWN`] returns `None`, any other panic goes to the hook that
/// was installed before (libfuzzer-sys: print and abort, a crash).
pub fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let message = info.payload_as_str().unwrap_or_default();
            if let Some(k) = known(message) {
                let hits = KNOWN_HITS[k].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if hits == 0 {
                    eprintln!("modkit-fuzz: known panic `{}` hit, input skipped: {message}", KNOWN[k].0);
                }
                return;
            }
            previous(info);
        }));
    });
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

// ---------------------------------------------------------------------------------------------
// a big stack

/// Runs `f(data)` on a worker thread with a 256 MiB stack, and waits for it.
///
/// syn parses by recursive descent: about 2,000 nested blocks (`{{{..}}}`) or 4,000 prefix
/// operators (`&&&..T`) overflow the 8 MiB main thread, which is syn's limit (any syn-based
/// macro has it), not a modkit bug. On this stack no input under 64 KiB gets there, so a crash
/// is always a finding. The thread lives as long as the process; libFuzzer's coverage counters
/// are global, so it sees the worker's coverage as its own.
pub fn on_big_stack(data: &[u8], f: fn(&[u8])) {
    type Job = (fn(&[u8]), Vec<u8>);
    struct Worker {
        jobs: std::sync::mpsc::Sender<Job>,
        done: std::sync::mpsc::Receiver<()>,
    }
    static WORKER: std::sync::OnceLock<std::sync::Mutex<Worker>> = std::sync::OnceLock::new();
    let worker = WORKER.get_or_init(|| {
        let (jobs, job_rx) = std::sync::mpsc::channel::<Job>();
        let (done_tx, done) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("modkit-fuzz".to_owned())
            .stack_size(256 << 20)
            .spawn(move || {
                for (f, data) in job_rx {
                    f(&data);
                    if done_tx.send(()).is_err() {
                        break;
                    }
                }
            })
            .expect("spawn the fuzz worker");
        std::sync::Mutex::new(Worker { jobs, done })
    });
    let worker = worker.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    worker.jobs.send((f, data.to_vec())).expect("the fuzz worker runs");
    worker.done.recv().expect("the fuzz worker answers");
}
