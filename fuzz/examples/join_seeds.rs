//! `join_seeds <pipeline corpus dir> <expand corpus dir>`: runs every pipeline input and writes
//! the `__join!` input of each chain that reached its end as an `expand` input (`j<input>`).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, from, to] = &args[..] else {
        eprintln!("usage: join_seeds <pipeline corpus dir> <expand corpus dir>");
        std::process::exit(2);
    };
    let mut files: Vec<_> = std::fs::read_dir(from)
        .expect("read the pipeline corpus")
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    files.sort();
    let (mut written, mut stalled) = (0, 0);
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else { continue };
        let Some(run) = modkit_fuzz::pipeline(&text) else {
            eprintln!("{}: does not parse as a file", f.display());
            continue;
        };
        stalled += run.stalled;
        for input in &run.joins {
            let data = format!("j{input}");
            let mut h = DefaultHasher::new();
            data.hash(&mut h);
            let path = std::path::Path::new(to).join(format!("join-{:016x}", h.finish()));
            std::fs::write(path, data).expect("write a seed");
            written += 1;
        }
    }
    println!("{written} __join! inputs -> {to} ({stalled} chains stalled)");
}
