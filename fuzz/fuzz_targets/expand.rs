//! One macro invocation: `<selector><args> 0x1E <item>` (see `modkit_fuzz::split`).
//!
//! Checks: the expansion returns (no panic) and its text lexes again. An attribute macro's
//! expansion without `compile_error!` should parse as a Rust file: a failure is reported, not a
//! crash (see `modkit_fuzz::check_output`). `__join!` output is not reparsed: it names the
//! input's `krate` and `vis` tokens, which a hand-written input makes anything.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn one(data: &[u8]) {
    let Some((entry, args, item)) = modkit_fuzz::split(data) else {
        return;
    };
    let must_parse =
        entry != modkit_fuzz::Entry::Join && !modkit_fuzz::reparse_exempt(entry, &args, &item);
    let Some(out) = modkit_fuzz::guarded(|| modkit_fuzz::expand(entry, args, item)) else {
        return; // a known panic (modkit_fuzz::KNOWN)
    };
    modkit_fuzz::check_output(entry, &out, must_parse, data);
}

fuzz_target!(|data: &[u8]| modkit_fuzz::on_big_stack(data, one));
