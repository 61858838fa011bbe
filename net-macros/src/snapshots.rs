//! The generated code, kept in review: each `tests/expand/NAME.network` (a
//! `network!` input) expands to the committed `tests/expand/NAME.expanded.rs`.
//! `NET_UPDATE_SNAPSHOTS=1 cargo test -p net-macros` rewrites them.

use std::fs;
use std::path::Path;

#[test]
fn expansions_match_the_committed_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let update = std::env::var_os("NET_UPDATE_SNAPSHOTS").is_some();
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/expand exists")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "network"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no .network files in {}", dir.display());
    let mut stale = Vec::new();
    for input in &inputs {
        let source = fs::read_to_string(input).expect("a readable input");
        let tokens: proc_macro2::TokenStream = source.parse().expect("the input tokenizes");
        let file: syn::File = syn::parse2(crate::generate(tokens)).expect("the expansion parses");
        let expanded = prettyplease::unparse(&file);
        // A rejected network's expansion is mostly its error: the snapshots
        // are of networks the macro accepts.
        assert!(
            !expanded.contains("compile_error"),
            "{} is rejected:\n{}",
            input.display(),
            expanded.lines().take(3).collect::<Vec<_>>().join("\n")
        );
        let snapshot = input.with_extension("expanded.rs");
        if update {
            fs::write(&snapshot, &expanded).expect("the snapshot is writable");
        } else if fs::read_to_string(&snapshot).ok().as_deref() != Some(expanded.as_str()) {
            stale.push(snapshot.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "the expansion changed for {stale:?}; review it with `NET_UPDATE_SNAPSHOTS=1 cargo test -p net-macros` and `git diff`"
    );
}
