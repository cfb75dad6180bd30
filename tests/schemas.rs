#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]
//! The JSON Schemas of `schemas/` (draft 2020-12), for HR systems not written in Rust: every
//! example record, every corpus case's record and policy, the report the crate produces for
//! each, and the printed built-in policy validate; records the crate refuses for a reason a
//! schema can express fail; the schemas' lists of kinds, codes and rules are the crate's.

mod common;

use std::collections::BTreeSet;

use cehours::{DocumentType, FindingCode, Kind, Policy, Record, RuleId};
use jsonschema::Validator;
use serde_json::Value;

fn schema(name: &str) -> Value {
    let path = format!("{}/schemas/{name}.schema.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn validator(name: &str) -> Validator {
    jsonschema::draft202012::new(&schema(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Panics with every error when `instance` does not validate.
fn assert_valid(validator: &Validator, instance: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The `.json` files of a folder, as (file stem, text), sorted.
fn files(dir: &str) -> Vec<(String, String)> {
    let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().unwrap().to_str().unwrap().to_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn example_records_and_their_reports_validate() {
    let (records, reports) = (validator("record"), validator("report"));
    let examples = files("examples/records");
    assert!(!examples.is_empty());
    for (name, text) in examples {
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_valid(&records, &value, &name);
        let record: Record = serde_json::from_str(&text).unwrap();
        let report = cehours::evaluate(&record, &Policy::hunan_2024()).unwrap();
        assert_valid(&reports, &serde_json::to_value(&report).unwrap(), &name);
    }
}

#[test]
fn corpus_records_policies_and_reports_validate() {
    let (records, reports, policies) = (
        validator("record"),
        validator("report"),
        validator("policy"),
    );
    let mut checked = 0;
    for dir in ["tests/conformance", "tests/adversarial"] {
        for (name, text) in files(dir) {
            if name.starts_with("refused_") {
                continue;
            }
            let value: Value = serde_json::from_str(&text).unwrap();
            let what = format!("{dir}/{name}");
            assert_valid(&records, &value["record"], &what);
            if let Some(policy) = value.get("policy") {
                assert_valid(&policies, policy, &format!("{what} (policy)"));
            }
            if value["expect"].get("refused").is_some() {
                // Refused by a rule beyond the types (a span over the policy's limit): the
                // record fits the schema, and there is no report.
                checked += 1;
                continue;
            }
            let case = common::parse_case(&name, &text);
            let report = common::outcome(&case).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_valid(
                &reports,
                &serde_json::to_value(&report).unwrap(),
                &format!("{what} (report)"),
            );
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} cases");
}

#[test]
fn printed_policies_validate() {
    let policies = validator("policy");
    let builtin = serde_json::to_value(Policy::hunan_2024()).unwrap();
    assert_valid(&policies, &builtin, "hunan-2024");
    for dir in ["examples/policies", "policies"] {
        for (name, text) in files(dir) {
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_valid(&policies, &value, &name);
        }
    }
    // A misspelt figure, a figure of the wrong type, and a complete policy that lacks a part.
    let mut typo = builtin.clone();
    typo["days"]["per_dya"] = Value::from("8");
    assert!(!policies.is_valid(&typo));
    let mut wrong = builtin.clone();
    wrong["days"]["per_day"] = Value::from("eight");
    assert!(!policies.is_valid(&wrong));
    let mut partial = builtin;
    partial.as_object_mut().unwrap().remove("minimums");
    assert!(!policies.is_valid(&partial));
}

/// Refusals a schema can express: each of these corpus records fails the record schema.
#[test]
fn refused_records_fail_the_schema() {
    let records = validator("record");
    let must_fail = [
        "refused_bad_date_shape",
        "refused_count_too_large",
        "refused_days_exponent_string",
        "refused_decimal_as_object",
        "refused_empty_id",
        "refused_field_foreign_to_kind",
        "refused_fractional_count",
        "refused_missing_evidence",
        "refused_missing_id",
        "refused_missing_required_field",
        "refused_negative_rank",
        "refused_not_an_object",
        "refused_null_evidence",
        "refused_span_half_given",
        "refused_span_out_of_range",
        "refused_unknown_document_type",
        "refused_unknown_field",
        "refused_unknown_kind",
        "refused_unknown_top_level_field",
        "refused_wrong_type",
        "refused_year_zero",
    ];
    let corpus = files("tests/adversarial");
    for name in must_fail {
        let (_, text) = corpus
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name}.json is gone"));
        let value: Value = serde_json::from_str(text).unwrap();
        assert!(
            !records.is_valid(&value["record"]),
            "{name}: the schema accepts a record the crate refuses"
        );
    }
}

fn enum_of(schema: &Value, def: &str) -> BTreeSet<String> {
    schema["$defs"][def]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs/{def} has no enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

/// The schemas name exactly the crate's kinds, document types, finding codes and rules.
#[test]
fn schema_lists_are_the_crates() {
    let record = schema("record");
    let kinds: BTreeSet<String> = record["$defs"]["evidence"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let def = r["$ref"].as_str().unwrap().trim_start_matches("#/$defs/");
            record["$defs"][def]["properties"]["kind"]["const"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let crate_kinds: BTreeSet<String> = Kind::ALL.iter().map(|k| k.as_str().to_owned()).collect();
    assert_eq!(kinds, crate_kinds);
    let documents: BTreeSet<String> = DocumentType::ALL
        .iter()
        .map(|d| d.as_str().to_owned())
        .collect();
    assert_eq!(enum_of(&record, "document_type"), documents);

    let report = schema("report");
    let rules: BTreeSet<String> = RuleId::ALL.iter().map(|r| r.as_str().to_owned()).collect();
    assert_eq!(enum_of(&report, "rule"), rules);
    assert_eq!(enum_of(&schema("policy"), "rule"), rules);
    let codes: BTreeSet<String> = FindingCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect();
    assert_eq!(
        report["$defs"]["finding"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect::<BTreeSet<String>>(),
        codes
    );
}
