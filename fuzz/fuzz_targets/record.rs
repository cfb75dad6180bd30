//! Record JSON → evaluate: any bytes are refused or evaluated, never a panic; an evaluated
//! record's report keeps its invariants.
#![no_main]

use cehours::{Evaluator, Record, Registry, Subject};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(record) = serde_json::from_slice::<Record>(data) else { return };
    let registry = Registry::builtin();
    let Ok(policy) = registry.for_record(&record) else { return };
    let mut evaluator = Evaluator::new(policy);
    let full = evaluator.evaluate(&record);
    let quick = evaluator.totals(&record);
    // Both paths refuse alike, or both evaluate.
    let (report, totals) = match (full, quick) {
        (Ok(report), Ok(totals)) => (report, totals),
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            return;
        }
        (a, b) => panic!("the paths disagree: {:?} / {:?}", a.err(), b.err()),
    };
    assert_eq!(report.passed, totals.passed);
    for (y, t) in report.years.iter().zip(&totals.years) {
        // The same figures, written alike (the same decimal scale).
        let written = |p: &rust_decimal::Decimal, q: &rust_decimal::Decimal, r: &rust_decimal::Decimal| {
            format!("{p} {q} {r}")
        };
        assert_eq!(
            written(&y.public, &y.professional, &y.total),
            written(&t.public, &t.professional, &t.total)
        );
        assert_eq!((y.waived, y.passed), (t.waived, t.passed));
        let public: rust_decimal::Decimal =
            y.credits.iter().filter(|c| c.subject == Subject::Public).map(|c| c.hours).sum();
        assert_eq!(public, y.public);
        assert!(!y.waived || y.passed);
    }
    assert_eq!(report.materials.len(), record.evidence.len());
    let text = serde_json::to_string(&report).expect("a report serialises");
    let back: cehours::Report = serde_json::from_str(&text).expect("a report reads back");
    assert_eq!(back, report);
});
