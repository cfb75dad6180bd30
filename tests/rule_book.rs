//! The rule book (`docs/rules.md`) covers every rule the crate cites, and every rule has a test
//! named after it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::path::Path;

use cehours::RuleId;

/// `A1.C2` → `a1_c2`, `I-10` → `i_10`, `N.2.1` → `n_2_1`: how a test name spells a rule.
fn test_prefix(rule: RuleId) -> String {
    rule.as_str().to_lowercase().replace(['.', '-'], "_")
}

/// Every file below `dir` with one of `endings`, as text.
fn sources(dir: &Path, endings: &[&str], out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, endings, out);
        } else if endings
            .iter()
            .any(|e| path.extension().is_some_and(|x| x == *e))
        {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The names of every test: functions in `tests/` and `src/`, and corpus cases (each case is a
/// test named after its file).
fn test_names() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("tests"), &["rs", "json"], &mut files);
    sources(&root.join("src"), &["rs"], &mut files);
    let mut names = Vec::new();
    for (stem, text) in files {
        names.push(stem);
        for line in text.lines() {
            if let Some(rest) = line.trim_start().strip_prefix("fn ") {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.push(name);
            }
        }
    }
    names
}

#[test]
fn every_rule_is_in_the_rule_book() {
    let book =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    let missing: Vec<&str> = RuleId::ALL
        .iter()
        .map(|r| r.as_str())
        .filter(|id| !book.contains(&format!("`{id}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules missing from docs/rules.md: {missing:?}"
    );
}

#[test]
fn every_rule_has_a_test_named_after_it() {
    let names = test_names();
    let named = |prefix: &str| {
        names.iter().any(|n| {
            n == prefix
                || n.starts_with(&format!("{prefix}_"))
                || n.contains(&format!("_{prefix}_"))
        })
    };
    let missing: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|r| !named(&test_prefix(**r)))
        .map(|r| r.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a test named after them: {missing:?}"
    );
}

/// The spelling of rule IDs in test names.
#[test]
fn rule_ids_are_spelled_as_test_names() {
    assert_eq!(test_prefix(RuleId::A1C2), "a1_c2");
    assert_eq!(test_prefix(RuleId::I10), "i_10");
    assert_eq!(test_prefix(RuleId::N2_1), "n_2_1");
    assert_eq!(test_prefix(RuleId::A4), "a4");
}
