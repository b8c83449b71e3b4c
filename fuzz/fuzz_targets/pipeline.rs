//! A whole source file: every `#[injectable]`, `#[provider]` and `#[module]` item goes through its
//! macro, then each module's companion chain is played to its `__join!` (see
//! `modkit_fuzz::pipeline`). Checks every expansion as the `expand` target does; here `__join!`
//! output is reparsed too, since its input comes from `#[module]`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn one(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(Some(run)) = modkit_fuzz::guarded(|| modkit_fuzz::pipeline(text)) else {
        return; // not a file, or a known panic (modkit_fuzz::KNOWN)
    };
    for (entry, out, must_parse) in &run.expansions {
        modkit_fuzz::check_output(*entry, out, *must_parse, data);
    }
}

fuzz_target!(|data: &[u8]| modkit_fuzz::on_big_stack(data, one));
