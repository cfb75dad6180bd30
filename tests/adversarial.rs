//! The adversarial corpus (`tests/adversarial/*.json`): every refusal of the JSON contract,
//! every finding code, duplicates, overlaps, certified years, far-off dates and huge numbers.
//! Same case format as the conformance corpus (see `tests/conformance/README.md`), with an
//! optional `policy` (a policy file, usually an overlay) and `record_text` for input that is
//! not JSON.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod common;

use cehours::FindingCode;

cases! {
    "adversarial":
    refused_invalid_json,
    refused_unknown_kind,
    refused_unknown_field,
    refused_unknown_top_level_field,
    refused_field_foreign_to_kind,
    refused_missing_required_field,
    refused_wrong_type,
    refused_bad_date,
    refused_bad_date_shape,
    refused_year_zero,
    refused_duplicate_id,
    refused_empty_id,
    refused_missing_id,
    refused_missing_evidence,
    refused_null_evidence,
    refused_inverted_span,
    refused_span_half_given,
    refused_span_out_of_range,
    refused_unknown_policy,
    refused_negative_rank,
    refused_count_too_large,
    refused_fractional_count,
    refused_days_exponent_string,
    refused_days_huge_number,
    refused_29_significant_digits,
    refused_repeated_key,
    refused_repeated_top_level_key,
    refused_unknown_document_type,
    refused_too_many_items,
    null_means_absent,
    i_6_mismatch_refused_by_policy,
    i_4_special_grade_not_credited_by_policy,
    i_5_computer_exam_not_credited_by_policy,
    a1_c7_program_not_in_policy,
    cap_reached,
    hours_overflow,
    upload_refused,
    duplicates_credited_once,
    overlapping_and_nested_days,
    certified_year_takes_nothing_else,
    far_past_and_future_dates,
    span_at_the_end_of_time,
    huge_counts_are_exact,
    rule_violations_never_hide_others,
    i_3_minute_conversion_rounds_to_nothing,
    i_5_zero_computer_modules,
    ids_differing_in_the_middle,
    limit_is_inclusive,
    a1_c7_one_day_assignment,
    cap_filled_exactly,
    refused_not_an_object,
    refused_repeated_span,
    refused_repeated_policy,
    i_8_titles_without_letters_and_mixed_scripts,
    refused_decimal_as_object,
}

/// Every finding code is produced by at least one case of the two corpora.
#[test]
fn every_finding_code_has_a_case() {
    let mut seen = std::collections::BTreeSet::new();
    for dir in ["tests/adversarial", "tests/conformance"] {
        for entry in
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/").to_owned() + dir).unwrap()
        {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                let case = common::parse_case(
                    &path.display().to_string(),
                    &std::fs::read_to_string(&path).unwrap(),
                );
                for [_, _, code, _] in case.expect.findings.unwrap_or_default() {
                    seen.insert(code);
                }
            }
        }
    }
    let missing: Vec<&str> = FindingCode::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(
        missing.is_empty(),
        "finding codes without a case: {missing:?}"
    );
}

/// A Rust-built record can hold values the JSON contract refuses (29-digit decimals); the
/// evaluator still never panics on them.
#[test]
fn extreme_rust_values_never_panic() {
    use cehours::*;
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let (max, min) = (rust_decimal::Decimal::MAX, rust_decimal::Decimal::MIN);
    let items = [
        Activity::OnlineCourse(CertifiedHours::new(date, max)),
        Activity::OnlineCourse(CertifiedHours::new(date, max).with_subject(Subject::Public)),
        Activity::PlatformTraining(CertifiedHours::new(date, min)),
        Activity::Training(Training::new(Period::new(date, max))),
        Activity::PriorCertificate(PriorCertificate::new(vec![CertifiedYear::new(
            2021, max, max,
        )])),
        Activity::SkillsExam(SkillsExam::new(SkillsExamKind::Digital, u32::MAX, date)),
    ];
    let record = Record {
        policy: None,
        span: None,
        evidence: items
            .into_iter()
            .enumerate()
            .map(|(i, activity)| {
                Evidence::new(EvidenceId::new(&format!("x{i}")).unwrap(), activity)
            })
            .collect(),
    };
    let mut policy = Policy::hunan_2024();
    policy.online_courses.minutes_per_hour = Some(rust_decimal::Decimal::new(1, 28));
    for policy in [Policy::hunan_2024(), policy] {
        let report = evaluate(&record, &policy).unwrap();
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.code == FindingCode::HoursOverflow)
        );
        let y2020 = report.year(2020).unwrap();
        assert_eq!(y2020.total, y2020.public + y2020.professional);
    }
}
