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
    open_model_kind_not_credited,
    open_model_no_credit_rule,
    open_model_measure_missing,
    open_model_level_not_credited,
    open_model_item_cap_reached,
    open_model_before_counts_from,
    n_2_refused_span_longer_than_the_limit,
    n_2_span_of_exactly_the_limit,
    n_2_refused_span_beyond_the_policy_limit,
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
        grade: None,
        counts_from: None,
    };
    let mut policy = Policy::hunan_2024();
    policy
        .online_courses
        .as_mut()
        .expect("the policy has the section")
        .minutes_per_hour = Some(rust_decimal::Decimal::new(1, 28));
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

// ------------------------------------------------------------------ issue 13 (hardening, round 2)

/// Issue 13.4: a span built from its public fields far outside 1–9999 never overflows: its
/// length and the position of a year in it are exact, and `Report::year` finds the entry of
/// the year asked for (or nothing).
#[test]
fn n_2_spans_from_public_fields_never_overflow() {
    use cehours::*;
    let wide = Span {
        from: -2_000_000_000,
        to: 2_000_000_000,
    };
    // 2,000,000,000 − (−2,000,000,000) + 1 years.
    assert_eq!(wide.len(), 4_000_000_001);
    assert_eq!(wide.index(2_000_000_000), Some(4_000_000_000));
    assert_eq!(wide.index(-2_000_000_000), Some(0));
    assert_eq!(wide.index(2_000_000_001), None);
    let all = Span {
        from: i32::MIN,
        to: i32::MAX,
    };
    assert_eq!(all.len(), 4_294_967_296);
    assert_eq!(all.index(i32::MAX), Some(4_294_967_295));
    let inverted = Span {
        from: i32::MAX,
        to: i32::MIN,
    };
    assert_eq!(inverted.len(), 0);
    assert!(inverted.is_empty());
    assert_eq!(inverted.index(0), None);
    // Every way in refuses such a span.
    assert_eq!(
        Policy::hunan_2024().limits.check_span(wide),
        Err(SpanError::OutOfRange {
            from: -2_000_000_000,
            to: 2_000_000_000
        })
    );
    let record = Record {
        span: Some(wide),
        ..Record::default()
    };
    assert!(matches!(
        evaluate(&record, &Policy::hunan_2024()),
        Err(EvaluateError::Span(SpanError::OutOfRange { .. }))
    ));
    // A report whose span was set by hand: `year` answers the entry of that year or nothing.
    let mut report = evaluate(&Record::default(), &Policy::hunan_2024()).unwrap();
    report.span = wide;
    assert_eq!(report.year(2_000_000_000), None);
    assert_eq!(report.year(2020).map(|y| y.year), Some(2020));
    assert_eq!(report.year(-2_000_000_000), None);
    report.span = all;
    assert_eq!(report.year(i32::MAX), None);
    assert_eq!(report.year(2023).map(|y| y.year), Some(2023));
    report.span = inverted;
    assert_eq!(report.year(2019).map(|y| y.year), Some(2019));
}

/// Issue 13.1: a thousand assignments over all of time in a span of the limit's 50 years: each
/// year is waived once per assignment, 50 × 1,000 entries in all (and not 9,999 × 1,000), and
/// a span one year longer is refused by both paths.
#[test]
fn a1_c7_waivers_cost_at_most_the_span_limit() {
    use cehours::*;
    let forever = |i: usize| {
        let mut built = Evidence::new(
            EvidenceId::new(&format!("w{i}")).unwrap(),
            Activity::Assignment({
                let mut built = Assignment::new(
                    Program::AidAbroad,
                    chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
                    chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
                    true,
                );
                built.level = None;
                built
            }),
        );
        built.documents = vec![];
        built
    };
    let mut record = Record {
        policy: None,
        span: Some(Span::new(1974, 2023).unwrap()),
        evidence: (0..1000).map(forever).collect(),
        grade: None,
        counts_from: None,
    };
    let policy = Policy::hunan_2024();
    let report = evaluate(&record, &policy).unwrap();
    assert_eq!(report.years.len(), 50);
    assert!(report.passed);
    let entries: usize = report.years.iter().map(|y| y.waived_by.len()).sum();
    assert_eq!(entries, 50_000);
    assert_eq!(report.years[49].waived_by[999].as_str(), "w999");
    record.span = Some(Span::new(1973, 2023).unwrap());
    let refused = Err(EvaluateError::Span(SpanError::TooLong {
        from: 1973,
        to: 2023,
        max_years: 50,
    }));
    assert_eq!(evaluate(&record, &policy).map(|r| r.passed), refused);
    let mut evaluator = Evaluator::new(&policy);
    assert_eq!(evaluator.totals(&record).map(|t| t.passed), refused);
}

/// Issue 13.1: a policy's default span is held to its own limit too, even when the policy
/// was built in Rust and never validated.
#[test]
fn n_2_a_default_span_beyond_the_limit_is_not_used() {
    use cehours::*;
    let mut policy = Policy::hunan_2024();
    policy.review_span.from = 1;
    policy.review_span.to = 9999;
    assert_eq!(policy.default_span(), None);
    assert_eq!(
        evaluate(&Record::default(), &policy).map(|r| r.passed),
        Err(EvaluateError::NoSpan("hunan-2024".to_owned()))
    );
    policy.limits.max_span_years = 9999;
    assert_eq!(policy.default_span(), Some(Span::new(1, 9999).unwrap()));
}

/// Issue 13.8: a paper's 65th conditional requirement counts like the first: a foreign paper
/// without the retrieval proof it asks for is incomplete.
#[test]
fn a2_the_65th_materials_condition_is_not_ignored() {
    use cehours::*;
    let mut conditional =
        vec![r#"{ "when": "foreign_paper", "rule": "A2", "requires": [ ["journal_cover"] ] }"#; 64];
    conditional
        .push(r#"{ "when": "foreign_paper", "rule": "A2", "requires": [ ["retrieval_proof"] ] }"#);
    let overlay = format!(
        r#"{{ "extends": "hunan-2024", "materials": {{ "kinds": {{ "paper": {{ "conditional": [{}] }} }} }} }}"#,
        conditional.join(", ")
    );
    let file: PolicyFile = serde_json::from_str(&overlay).unwrap();
    let policy = Registry::builtin().load(&file).unwrap();
    assert_eq!(
        policy
            .materials
            .as_ref()
            .expect("the policy lists materials")
            .for_kind(Kind::Paper)
            .conditional
            .len(),
        65
    );
    let paper: Evidence = serde_json::from_str(
        r#"{ "id": "p", "kind": "paper", "author_rank": 1, "published": "2020-05-01",
             "serial": "ISSN 0028-0836", "foreign": true, "journal": "Nature", "title": "T",
             "documents": [ { "type": "journal_cover" }, { "type": "serial_page" },
                            { "type": "table_of_contents" } ] }"#,
    )
    .unwrap();
    let outcome = check_materials(&paper, &policy);
    assert!(!outcome.check.satisfied);
    assert_eq!(outcome.check.missing, [vec!["retrieval_proof"]]);
    // The evaluator's report (which caches the lists) says the same.
    let record = Record {
        evidence: vec![paper.clone()],
        ..Record::default()
    };
    let report = evaluate(&record, &policy).unwrap();
    assert_eq!(report.materials[0].missing, [vec!["retrieval_proof"]]);
    // A domestic paper is not asked for it.
    let mut domestic = paper;
    if let Activity::Paper(p) = &mut domestic.activity {
        p.foreign = Some(false);
        p.serial = Some("CN 43-1234/N".to_owned());
    }
    assert!(check_materials(&domestic, &policy).check.satisfied);
}
