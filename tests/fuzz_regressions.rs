//! Inputs found by the fuzzers (`fuzz/`), replayed with the targets' own checks.
//!
//! `tests/fuzz_corpus/{record,policy,materials,whatif}/` hold a sample of each target's corpus
//! after some minutes of fuzzing; a crashing input, when one is found, goes there too, so
//! every `cargo test` replays it. The `whatif` target's checks are its own file, included
//! here as they are.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use cehours::{Evaluator, Evidence, Policy, PolicyFile, Record, Registry, Report, Subject};

#[path = "../fuzz/fuzz_targets/whatif_check.rs"]
mod whatif_check;
use rust_decimal::Decimal;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/tests/fuzz_corpus/{target}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (path.display().to_string(), std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir} is empty");
    files
}

#[test]
fn record_inputs_are_refused_or_evaluated_consistently() {
    let mut evaluated = 0;
    for (name, data) in inputs("record") {
        let Ok(record) = serde_json::from_slice::<Record>(&data) else {
            continue;
        };
        evaluated += 1;
        let registry = Registry::builtin();
        let Ok(policy) = registry.for_record(&record) else {
            continue;
        };
        let mut evaluator = Evaluator::new(policy);
        let Ok(report) = evaluator.evaluate(&record) else {
            continue;
        };
        let totals = evaluator.totals(&record).unwrap();
        assert_eq!(report.passed, totals.passed, "{name}");
        for (y, t) in report.years.iter().zip(&totals.years) {
            assert_eq!(
                (y.public, y.professional, y.total),
                (t.public, t.professional, t.total),
                "{name}"
            );
            let public: Decimal = y
                .credits
                .iter()
                .filter(|c| c.subject == Subject::Public)
                .map(|c| c.hours)
                .sum();
            assert_eq!(public, y.public, "{name}");
            assert!(!y.waived || y.passed, "{name}");
        }
        assert_eq!(report.materials.len(), record.evidence.len(), "{name}");
        let back: Report = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
        assert_eq!(back, report, "{name}");
    }
    assert!(
        evaluated > 0,
        "no record input parses: the sample no longer reaches evaluation"
    );
}

#[test]
fn policy_inputs_are_refused_or_valid() {
    let record: Record =
        serde_json::from_str(include_str!("../examples/records/sample.json")).unwrap();
    let registry = Registry::builtin();
    let mut loaded = 0;
    for (name, data) in inputs("policy") {
        let Ok(file) = serde_json::from_slice::<PolicyFile>(&data) else {
            continue;
        };
        let Ok(policy) = registry.load(&file) else {
            continue;
        };
        loaded += 1;
        // A loaded policy, written out as a complete policy file, loads back as itself.
        let written = serde_json::to_string(&policy).unwrap();
        let again: PolicyFile = serde_json::from_str(&written).unwrap();
        assert_eq!(registry.load(&again).as_ref(), Ok(&policy), "{name}");
        // It evaluates the sample record or refuses it as a whole; compared with itself it
        // changes nothing.
        let _ = cehours::evaluate(&record, &policy);
        if let Ok(same) = cehours::whatif(&record, &policy, &policy) {
            assert!(
                same.parameters.is_empty() && same.years.is_empty(),
                "{name}"
            );
            assert_eq!(same.passed[0], same.passed[1], "{name}");
        }
        let _ = cehours::whatif(&record, registry.get("hunan-2024").unwrap(), &policy);
    }
    assert!(
        loaded > 0,
        "no policy input loads: the sample no longer reaches evaluation"
    );
}

#[test]
fn materials_inputs_are_checked_consistently() {
    let policy = Policy::hunan_2024();
    let mut checked = 0;
    for (name, data) in inputs("materials") {
        let Ok(evidence) = serde_json::from_slice::<Evidence>(&data) else {
            continue;
        };
        checked += 1;
        let outcome = cehours::check_materials(&evidence, &policy);
        assert_eq!(
            outcome.check.satisfied,
            outcome.check.missing.is_empty(),
            "{name}"
        );
        assert!(
            outcome.refused.iter().all(|r| !r.reasons.is_empty()),
            "{name}"
        );
    }
    assert!(
        checked > 0,
        "no materials input parses: the sample no longer reaches the check"
    );
}

#[test]
fn whatif_inputs_agree_with_the_reports_they_compare() {
    let mut compared = 0;
    for (_, data) in inputs("whatif") {
        if whatif_check::run(&data) {
            compared += 1;
        }
        // Every input also serves, with its policies the other way round, as a new one.
        if let Ok((record, before, after)) =
            serde_json::from_slice::<(Record, serde_json::Value, serde_json::Value)>(&data)
        {
            let swapped = serde_json::to_vec(&(record, after, before)).unwrap();
            whatif_check::run(&swapped);
        }
    }
    assert!(
        compared > 0,
        "no whatif input loads: the sample no longer reaches whatif"
    );
}
