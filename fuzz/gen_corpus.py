#!/usr/bin/env python3
"""Seed corpus of the fuzz targets, from the repository's real macro inputs.

For every `#[injectable(..)]`, `#[provider(..)]` and `#[module(..)]` in tests/ui/**/*.rs,
tests/*.rs and examples/*.rs (comments and string literals skipped), the attribute's arguments
and the item it decorates become:

- corpus/expand/<entry>-<hash>: one invocation, `<selector><args> 0x1E <item>` (selector `i`,
  `p` or `m`; see `split` in src/lib.rs);
- corpus/pipeline/<file>-<hash>: all of one file's attributed items, in source order (the input of
  the `pipeline` target, which plays the module chains).

Then `cargo run --example join_seeds` runs the pipeline seeds and writes the `__join!` input of
every chain that completes to corpus/expand/join-<hash> (selector `j`): real `__join!` inputs.

The corpus also holds `hand-*` seeds (paths the repository's inputs miss: an `unsafe`, `extern` or
`self` factory, a module imported under two spellings) and what `scripts/fuzz.sh --merge` added;
this script only writes files, so rerunning it keeps them.

Usage: python3 fuzz/gen_corpus.py   (from the repository root or from fuzz/)
"""

import hashlib
import pathlib
import re
import subprocess
import sys

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent
SEP = "\x1e"
SELECTOR = {"injectable": "i", "provider": "p", "module": "m"}


def skip_literal(src: str, i: int) -> int:
    """If a comment, string, char or raw string starts at i, the index after it; else i."""
    if src.startswith("//", i):
        j = src.find("\n", i)
        return len(src) if j < 0 else j
    if src.startswith("/*", i):
        depth, j = 0, i
        while j < len(src):
            if src.startswith("/*", j):
                depth, j = depth + 1, j + 2
            elif src.startswith("*/", j):
                depth, j = depth - 1, j + 2
                if depth == 0:
                    return j
            else:
                j += 1
        return j
    m = re.compile(r'(?:b|c)?r(#*)"').match(src, i)
    if m and (i == 0 or not (src[i - 1].isalnum() or src[i - 1] == "_")):
        end = '"' + m.group(1)
        j = src.find(end, m.end())
        return len(src) if j < 0 else j + len(end)
    if src[i] == '"' or (src[i] in "bc" and src.startswith('"', i + 1)):
        j = i + (1 if src[i] == '"' else 2)
        while j < len(src) and src[j] != '"':
            j += 2 if src[j] == "\\" else 1
        return j + 1
    if src[i] == "'":
        m = re.compile(r"'(?:\\(?:x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|.)|[^\\'])'").match(src, i)
        if m:
            return m.end()
    return i


def matching(src: str, i: int) -> int:
    """Index after the bracket that closes the one at i."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    j = i
    while j < len(src):
        k = skip_literal(src, j)
        if k != j:
            j = k
            continue
        c = src[j]
        if c in pairs:
            stack.append(pairs[c])
        elif c in ")]}":
            stack.pop()
            if not stack:
                return j + 1
        j += 1
    return len(src)


def item_end(src: str, i: int) -> int:
    """End of the item starting at i: a `;` at depth 0, or the `}` closing a depth-0 `{`."""
    j = i
    while j < len(src):
        k = skip_literal(src, j)
        if k != j:
            j = k
            continue
        c = src[j]
        if c in "([":
            j = matching(src, j)
            continue
        if c == "{":
            return matching(src, j)
        if c == ";":
            return j + 1
        if c == "#" and src.startswith("[", j + 1):
            j = matching(src, j + 1)
            continue
        j += 1
    return len(src)


ATTR = re.compile(r"#\[\s*(?:(?:::)?\s*modkit\s*::\s*)?(injectable|provider|module)\b")


def extract(src: str):
    """(macro, args, item) for every modkit attribute outside comments and strings."""
    out = []
    i = 0
    while i < len(src):
        k = skip_literal(src, i)
        if k != i:
            i = k
            continue
        m = ATTR.match(src, i)
        if not m:
            i += 1
            continue
        end = matching(src, i + 1)
        rest = src[m.end() : end - 1].strip()
        args = ""
        if rest.startswith("("):
            args = rest[1 : matching(rest, 0) - 1]
        item_start = end
        stop = item_end(src, item_start)
        out.append((m.group(1), args, src[item_start:stop].strip()))
        i = end
    return out


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()[:12]


def main() -> int:
    files = sorted(
        [*ROOT.glob("tests/ui/**/*.rs"), *ROOT.glob("tests/*.rs"), *ROOT.glob("examples/*.rs")]
    )
    expand = FUZZ / "corpus" / "expand"
    pipeline = FUZZ / "corpus" / "pipeline"
    expand.mkdir(parents=True, exist_ok=True)
    pipeline.mkdir(parents=True, exist_ok=True)
    n_inv = n_files = 0
    seen = set()
    for f in files:
        found = extract(f.read_text())
        if not found:
            continue
        snippets = []
        for macro, args, item in found:
            data = (SELECTOR[macro] + args + SEP + item).encode()
            if data not in seen:
                seen.add(data)
                (expand / f"{macro}-{digest(data)}").write_bytes(data)
                n_inv += 1
            if "$" in args or "$" in item:
                continue  # a macro_rules! template: not a file item
            attr = f"#[{macro}({args})]" if args else f"#[{macro}]"
            snippets.append(f"{attr}\n{item}\n")
        if not snippets:
            continue
        text = "\n".join(snippets).encode()
        (pipeline / f"{f.stem}-{digest(text)}").write_bytes(text)
        n_files += 1
    print(f"{n_inv} invocations from {len(files)} files -> {expand}")
    print(f"{n_files} files with modkit items -> {pipeline}")
    cmd = [
        "cargo", "+nightly", "run", "--quiet", "--release",
        "--manifest-path", str(FUZZ / "Cargo.toml"),
        "--example", "join_seeds", "--", str(pipeline), str(expand),
    ]
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
