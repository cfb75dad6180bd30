//! The built-in sample of `yearly_total`: its report and table, pinned by snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use cehours::{Policy, Record, Report};

const SAMPLE: &str = include_str!("../examples/records/sample.json");

fn sample_report() -> Report {
    let record: Record = serde_json::from_str(SAMPLE).unwrap();
    cehours::evaluate(&record, &Policy::hunan_2024()).unwrap()
}

#[test]
fn yearly_total_sample_report() {
    insta::assert_snapshot!(serde_json::to_string_pretty(&sample_report()).unwrap());
}

#[test]
fn yearly_total_sample_table() {
    insta::assert_snapshot!(sample_report().table().to_string());
}

/// The sample is what the example promises: a mix of kinds, one year short (2023).
#[test]
fn yearly_total_sample_has_one_year_short() {
    let report = sample_report();
    let failing: Vec<i32> = report
        .years
        .iter()
        .filter(|y| !y.passed)
        .map(|y| y.year)
        .collect();
    assert_eq!(failing, [2023]);
    assert!(!report.passed);
}

/// The sample record, documents and all, survives a JSON round trip.
#[test]
fn sample_record_round_trips_with_its_documents() {
    let record: Record = serde_json::from_str(SAMPLE).unwrap();
    assert!(record.evidence.iter().all(|e| !e.documents.is_empty()));
    let back: Record = serde_json::from_str(&serde_json::to_string(&record).unwrap()).unwrap();
    assert_eq!(back, record);
}
