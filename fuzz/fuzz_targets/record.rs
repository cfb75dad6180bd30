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
    let Ok(report) = evaluator.evaluate(&record) else { return };
    let totals = evaluator.totals(&record).expect("the full report was produced");
    assert_eq!(report.passed, totals.passed);
    for (y, t) in report.years.iter().zip(&totals.years) {
        assert_eq!((y.public, y.professional, y.total), (t.public, t.professional, t.total));
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
