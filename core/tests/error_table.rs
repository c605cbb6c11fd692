//! The error-code table is derived, never kept by hand:
//! - every `impl ErrorCode for <Enum>` in `core/src` (its `fn code` arms and its `fn area`) and `CODES` list the
//!   same (area, code) pairs, so a variant cannot be added without its documented row, nor a row outlive its variant;
//! - the README's table (between `<!-- error-table:start -->` and `<!-- error-table:end -->`) is generated from
//!   `CODES`: `FLEETGATE_BLESS=1 cargo test -p fleetgate --test error_table` rewrites it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fleetgate::error::CODES;

const START: &str = "<!-- error-table:start -->";
const END: &str = "<!-- error-table:end -->";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("core/src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals of `"snake_case"` codes in `text`.
fn literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .map(str::to_owned)
        .collect()
}

/// (area, code) pairs declared by the `ErrorCode` impls of the core's error enums. An impl whose codes come from
/// elsewhere (`ArgError` carries its area and code as data) declares none here.
fn declared() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut pairs = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for block in text.split("impl ErrorCode for ").skip(1) {
            let body = &block[..block.find("\n}\n").unwrap_or(block.len())];
            let (Some(code_at), Some(area_at)) = (body.find("fn code("), body.find("fn area(")) else { continue };
            let (codes, area) = if code_at < area_at {
                (&body[code_at..area_at], &body[area_at..])
            } else {
                (&body[code_at..], &body[area_at..code_at])
            };
            let areas = literals(area);
            let Some(area) = areas.first() else { continue };
            let mut codes = literals(codes);
            if codes.is_empty() {
                // The trait delegates to the enum's inherent `code()`: read that one.
                if let Some(at) = text.find("pub fn code(&self) -> &'static str {") {
                    let inherent = &text[at..];
                    codes = literals(&inherent[..inherent.find("\n    }\n").unwrap_or(inherent.len())]);
                }
            }
            for code in codes {
                pairs.insert((area.clone(), code));
            }
        }
    }
    pairs
}

#[test]
fn codes_match_the_error_enums() {
    let declared = declared();
    let listed: BTreeSet<(String, String)> = CODES
        .iter()
        .filter(|c| c.area != "any" && c.area != "internal")
        .map(|c| (c.area.to_owned(), c.code.to_owned()))
        .collect();
    let missing: Vec<_> = declared.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&declared).collect();
    assert!(missing.is_empty(), "codes of error enums without a row in error::CODES: {missing:?}");
    assert!(stale.is_empty(), "rows of error::CODES that no error enum reports: {stale:?}");
}

fn generated_table() -> String {
    let mut out = String::from("| area | code | meaning |\n|---|---|---|\n");
    for info in CODES {
        out.push_str(&format!("| {} | `{}` | {} |\n", info.area, info.code, info.meaning));
    }
    out
}

#[test]
fn readme_table_is_generated_from_codes() {
    let path = root().join("../README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md needs the markers {START} and {END} around the error table");
    };
    let current = &readme[start + START.len()..end];
    let wanted = format!("\n{}", generated_table());
    if current != wanted {
        if std::env::var_os("FLEETGATE_BLESS").is_some() {
            let updated = format!("{}{wanted}{}", &readme[..start + START.len()], &readme[end..]);
            std::fs::write(&path, updated).expect("write README.md");
            return;
        }
        panic!("README.md's error table is stale: run FLEETGATE_BLESS=1 cargo test -p fleetgate --test error_table");
    }
}
