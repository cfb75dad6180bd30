//! Other jurisdictions as data: the policy files of `policies/` load and validate, and
//! conformance cases computed by hand from each document's figures, named after its clauses.
//!
//! Each case builds a record in the JSON contract (with `declared` items and `grade` where the
//! policy needs them), evaluates it under the file's policy and checks per-year hours, verdicts,
//! the span check and shortfalls against figures worked out by hand (the arithmetic is in the
//! comments).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod common;
use cehours::{
    EvaluateError, FindingCode, Policy, Record, Report, RuleId, Shortfall, Subject, YearReport,
};
use common::hours_of;
use rust_decimal::Decimal;

const NATIONAL: &str = include_str!("../policies/national-2015.json");
const ACCOUNTING: &str = include_str!("../policies/accounting-2018.json");
const SUQIAN: &str = include_str!("../policies/suqian.json");
const NINGXIA: &str = include_str!("../policies/ningxia-2022.json");

/// Every file of `policies/`, with its file name and the jurisdiction it must declare.
const FILES: &[(&str, &str, &str)] = &[
    ("national-2015.json", "CN", NATIONAL),
    ("accounting-2018.json", "CN/accounting", ACCOUNTING),
    ("suqian.json", "CN-JS/suqian", SUQIAN),
    ("ningxia-2022.json", "CN-NX", NINGXIA),
];

fn policy(text: &str) -> Policy {
    let policy: Policy = serde_json::from_str(text).unwrap();
    assert_eq!(policy.validate(), Ok(()), "{} is valid", policy.id);
    policy
}

fn record(text: &str) -> Record {
    serde_json::from_str(text).unwrap()
}

fn run(policy_text: &str, record_text: &str) -> Report {
    cehours::evaluate(&record(record_text), &policy(policy_text)).unwrap()
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn year(report: &Report, year: i32) -> &YearReport {
    report
        .years
        .iter()
        .find(|y| y.year == year)
        .unwrap_or_else(|| panic!("{year} is not in the span"))
}

/// Hours credited to item `id` in `y`.
fn hours_in(report: &Report, y: i32, id: &str) -> Decimal {
    year(report, y)
        .credits
        .iter()
        .filter(|c| c.evidence.as_str() == id)
        .map(|c| c.hours)
        .sum()
}

fn rule_of(report: &Report, id: &str) -> String {
    report
        .years
        .iter()
        .flat_map(|y| &y.credits)
        .find(|c| c.evidence.as_str() == id)
        .map(|c| c.rule.as_str().to_owned())
        .unwrap_or_else(|| panic!("{id} has no credit"))
}

fn short(public: &str, professional: &str, total: &str) -> Shortfall {
    serde_json::from_value(serde_json::json!({
        "public": public, "professional": professional, "total": total
    }))
    .unwrap()
}

fn codes(report: &Report, id: &str) -> Vec<FindingCode> {
    report
        .findings
        .iter()
        .filter(|f| f.evidence.as_str() == id)
        .map(|f| f.code)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The files

#[test]
fn every_policy_file_loads_and_validates() {
    for (file, jurisdiction, text) in FILES {
        let p = policy(text);
        assert_eq!(
            format!("{}.json", p.id),
            *file,
            "a file is named after its id"
        );
        assert_eq!(p.jurisdiction, *jurisdiction, "{file}");
        assert!(p.materials.is_none(), "{file}: no materials lists");
        for c in &p.citations {
            let summary = c.summary.as_deref().unwrap_or_default();
            assert!(
                summary.starts_with("partial: the clauses quoted"),
                "{file}: {}",
                c.rule
            );
        }
        // Through JSON and back, unchanged.
        let again: Policy = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(again, p, "{file} round trips");
    }
}

#[test]
fn every_file_in_the_policies_directory_is_tested() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut here: Vec<String> = FILES.iter().map(|f| f.0.to_owned()).collect();
    here.push("hunan-2024.json".to_owned());
    here.sort();
    assert_eq!(on_disk, here);
}

/// `policies/hunan-2024.json` is the built-in policy as printed (`cehours policy print`): the
/// file and the code say the same, figure for figure.
#[test]
fn hunan_2024_file_is_the_built_in_policy() {
    let printed: Policy =
        serde_json::from_str(include_str!("../policies/hunan-2024.json")).unwrap();
    assert_eq!(printed, Policy::hunan_2024());
    assert_eq!(printed.fingerprint(), Policy::hunan_2024().fingerprint());
}

/// The registry picks a policy by jurisdiction and date: each file under its own
/// jurisdiction, on a date it is in force, and none before it comes into force.
#[test]
fn the_registry_selects_by_jurisdiction_and_date() {
    let mut registry = cehours::Registry::builtin();
    for (_, _, text) in FILES {
        registry.insert(policy(text)).unwrap();
    }
    let on = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert_eq!(
        registry.select("CN-HN", on(2024, 6, 3)).unwrap().id,
        "hunan-2024"
    );
    assert_eq!(
        registry.select("CN-NX", on(2022, 6, 1)).unwrap().id,
        "ningxia-2022"
    );
    assert_eq!(
        registry.select("CN", on(2020, 1, 1)).unwrap().id,
        "national-2015"
    );
    assert_eq!(
        registry.select("CN/accounting", on(2020, 1, 1)).unwrap().id,
        "accounting-2018"
    );
    assert_eq!(
        registry.select("CN-JS/suqian", on(2020, 1, 1)).unwrap().id,
        "suqian"
    );
    // Before hunan-2024 came into force (2024-06-03), and a jurisdiction with no policy.
    assert!(matches!(
        registry.select("CN-HN", on(2024, 6, 2)),
        Err(cehours::PolicyError::NoneForJurisdiction { .. })
    ));
    let err = registry
        .select("CN-GD", on(2022, 1, 1))
        .unwrap_err()
        .to_string();
    assert!(err.contains("CN-NX") && err.contains("CN-HN"), "{err}");
}

/// A record naming a file's id is evaluated under it by a registry holding the files.
#[test]
fn a_registry_of_the_files_evaluates_by_the_record_s_policy() {
    let mut registry = cehours::Registry::builtin();
    for (_, _, text) in FILES {
        registry.insert(policy(text)).unwrap();
    }
    let report = registry
        .evaluate(&record(
            r#"{ "policy": "ningxia-2022", "grade": "intermediate", "evidence": [] }"#,
        ))
        .unwrap();
    assert_eq!(report.policy, "ningxia-2022");
    // 4 years, 2018–2021; 360 and 120 short.
    assert_eq!((report.span.from, report.span.to), (2018, 2021));
    assert_eq!(
        report.span_check.unwrap().shortfall,
        short("120", "0", "360")
    );
}

/// The files load through `Registry::load` (a `PolicyFile`, the path the command and
/// overlays take) as they do through serde.
#[test]
fn every_policy_file_loads_through_the_registry() {
    let registry = cehours::Registry::builtin();
    for (file, _, text) in FILES {
        let loaded = registry
            .load(&serde_json::from_str(text).unwrap())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(loaded, policy(text), "{file}");
    }
}

#[test]
fn a_record_naming_another_policy_is_refused() {
    let e = cehours::evaluate(
        &record(r#"{ "policy": "hunan-2024", "evidence": [] }"#),
        &policy(NATIONAL),
    )
    .unwrap_err();
    assert!(matches!(e, EvaluateError::PolicyMismatch { .. }), "{e}");
}

// ---------------------------------------------------------------------------------------------
// 人社部令第25号 (national-2015)

/// 第八条: 90 a year, professional at least two thirds of the year's actual total.
#[test]
fn national_25_professional_two_thirds_of_total() {
    let report = run(
        NATIONAL,
        r#"{ "policy": "national-2015", "span": { "from": 2020, "to": 2022 }, "evidence": [
            { "id": "o1", "kind": "online_course", "subject": "public", "date": "2020-03-01", "hours": "30" },
            { "id": "o2", "kind": "online_course", "date": "2020-04-01", "hours": "60" },
            { "id": "o3", "kind": "online_course", "subject": "public", "date": "2021-03-01", "hours": "40" },
            { "id": "o4", "kind": "platform_training", "date": "2021-04-01", "hours": "60" },
            { "id": "o5", "kind": "online_course", "subject": "public", "date": "2022-03-01", "hours": "50" },
            { "id": "d1", "kind": "declared", "type": "training", "date": "2022-05-01", "hours": "100" }
        ] }"#,
    );
    // 2020: 30 + 60 = 90 ≥ 90; 60 ≥ 2/3 × 90 = 60: passes.
    let y = year(&report, 2020);
    assert_eq!(
        (y.public, y.professional, y.total),
        (d("30"), d("60"), d("90"))
    );
    assert!(y.passed);
    assert_eq!(y.shortfall, short("0", "0", "0"));
    // 2021: 40 + 60 = 100 ≥ 90, but 60 < 2/3 × 100. A fixed 60 would pass; the share does not.
    // x more professional hours: 3(60 + x) ≥ 2(100 + x) ⇔ x ≥ 200 − 180 = 20.
    let y = year(&report, 2021);
    assert_eq!(
        (y.public, y.professional, y.total),
        (d("40"), d("60"), d("100"))
    );
    assert!(!y.passed);
    assert_eq!(y.shortfall, short("0", "20", "0"));
    // 2022: 50 + 100 = 150; 100 = 2/3 × 150 exactly: passes.
    let y = year(&report, 2022);
    assert_eq!(
        (y.public, y.professional, y.total),
        (d("50"), d("100"), d("150"))
    );
    assert!(y.passed);
    assert!(!report.passed);
    assert_eq!(report.span_check, None, "per-year minimums");
    assert_eq!(rule_of(&report, "d1"), "令25.第九条");
}

/// 第八条: no public minimum — a year of professional hours alone passes.
#[test]
fn national_25_no_separate_public_minimum() {
    let report = run(
        NATIONAL,
        r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "o1", "kind": "online_course", "date": "2021-03-01", "hours": "90" }
        ] }"#,
    );
    // public 0 ≥ 0, professional 90 ≥ 2/3 × 90, total 90 ≥ 90.
    let y = year(&report, 2021);
    assert_eq!((y.public, y.professional), (d("0"), d("90")));
    assert!(y.passed && report.passed);
}

/// 第九条: the document gives no day rate, so day-based items without stated hours earn nothing.
#[test]
fn national_25_days_without_stated_hours_are_not_credited() {
    let report = run(
        NATIONAL,
        r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "t1", "kind": "training", "start": "2021-03-01", "end": "2021-03-02", "days": "2" },
            { "id": "d1", "kind": "declared", "type": "training", "start": "2021-04-01", "days": "2" }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "t1"), d("0"));
    assert_eq!(codes(&report, "t1"), vec![FindingCode::KindNotCredited]);
    // The declared training entry credits stated hours: days alone lack the measure.
    assert_eq!(hours_of(&report, "d1"), d("0"));
    assert_eq!(codes(&report, "d1"), vec![FindingCode::MeasureMissing]);
    // total 0: shortfall 90.
    assert_eq!(year(&report, 2021).shortfall, short("0", "0", "90"));
}

// ---------------------------------------------------------------------------------------------
// 财会〔2018〕10号 (accounting-2018)

/// 第十六条(二): an accounting conference, 10 per day (5 per half day, our reading).
#[test]
fn accounting_conference_10_per_day() {
    let report = run(
        ACCOUNTING,
        r#"{ "policy": "accounting-2018", "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "c1", "kind": "conference", "start": "2021-05-10", "end": "2021-05-12", "days": "2.5" }
        ] }"#,
    );
    // 2 days × 10 + a half day × 5 = 25; total shortfall 90 − 25 = 65.
    assert_eq!(hours_in(&report, 2021, "c1"), d("25"));
    assert_eq!(rule_of(&report, "c1"), "财会10.第十六条");
    let y = year(&report, 2021);
    assert_eq!(y.shortfall, short("0", "0", "65"));
    assert!(!report.passed);
}

/// 第十六条(一) and 第十五条: an exam subject passed, 90; credits count in their own year only.
#[test]
fn accounting_exam_subject_90_credits_count_in_their_own_year() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2020, "to": 2021 }, "evidence": [
            { "id": "q1", "kind": "qualification_exam", "subjects": 2, "passed": "2020-10-18" }
        ] }"#,
    );
    // 2 subjects × 90 = 180 in 2020, nothing carried into 2021.
    let y = year(&report, 2020);
    assert_eq!((y.professional, y.total), (d("180"), d("180")));
    assert!(y.passed);
    let y = year(&report, 2021);
    assert_eq!(y.total, d("0"));
    assert!(!y.passed);
    assert_eq!(y.shortfall, short("0", "0", "90"));
}

/// 第十六条(三): degree education, 90 per course passed in the year.
#[test]
fn accounting_degree_course_90_per_course() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "g1", "kind": "degree_course", "courses": 1, "passed": "2022-01-15" },
            { "id": "g2", "kind": "degree_course", "courses": 2, "passed": "2022-06-20" }
        ] }"#,
    );
    // 1 × 90 and 2 × 90.
    assert_eq!(hours_of(&report, "g1"), d("90"));
    assert_eq!(hours_of(&report, "g2"), d("180"));
    assert_eq!(year(&report, 2022).total, d("270"));
}

/// 第十六条(四): research, sole or host 90, other participants 60 each.
#[test]
fn accounting_research_host_90_other_participants_60() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "r1", "kind": "research_project", "level": "provincial", "role": "host", "rank": 1, "completed": "2022-03-01" },
            { "id": "r2", "kind": "research_project", "level": "municipal", "role": "member", "rank": 2, "completed": "2022-04-01" },
            { "id": "r3", "kind": "research_project", "level": "national", "role": "member", "rank": 7, "completed": "2022-05-01" }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "r1"), d("90"));
    assert_eq!(hours_of(&report, "r2"), d("60"));
    assert_eq!(hours_of(&report, "r3"), d("60"));
    // 90 + 60 + 60 = 210, whatever the level.
    assert_eq!(year(&report, 2022).total, d("210"));
}

/// 第十六条(五): a paper, sole or first author 30, other authors 10.
#[test]
fn accounting_paper_first_author_30_others_10() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2022-03-01", "serial": "CN 11-1234/F", "title": "A" },
            { "id": "p2", "kind": "paper", "author_rank": 3, "published": "2022-04-01", "serial": "CN 11-1234/F", "title": "B" }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "p1"), d("30"));
    assert_eq!(hours_of(&report, "p2"), d("10"));
    // 30 + 10 = 40 of 90: 50 short.
    assert_eq!(year(&report, 2022).shortfall, short("0", "0", "50"));
}

/// 第十六条(六): a book, sole or first author 90, other authors 60.
#[test]
fn accounting_book_first_author_90_others_60() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "b1", "kind": "book", "author_rank": 1, "published": "2022-03-01", "title": "A" },
            { "id": "b2", "kind": "book", "author_rank": 2, "published": "2022-04-01", "title": "B" }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "b1"), d("90"));
    assert_eq!(hours_of(&report, "b2"), d("60"));
}

/// 第十五条: professional at least two thirds of the actual total.
#[test]
fn accounting_15_professional_two_thirds_of_total() {
    let report = run(
        ACCOUNTING,
        r#"{ "span": { "from": 2023, "to": 2023 }, "evidence": [
            { "id": "c1", "kind": "conference", "subject": "public", "start": "2023-03-01", "end": "2023-03-04", "days": "4" },
            { "id": "c2", "kind": "conference", "start": "2023-05-01", "end": "2023-05-05", "days": "5" }
        ] }"#,
    );
    // public 4 × 10 = 40, professional 5 × 10 = 50, total 90.
    // 3(50 + x) ≥ 2(90 + x) ⇔ x ≥ 180 − 150 = 30.
    let y = year(&report, 2023);
    assert_eq!(
        (y.public, y.professional, y.total),
        (d("40"), d("50"), d("90"))
    );
    assert!(!y.passed);
    assert_eq!(y.shortfall, short("0", "30", "0"));
}

// ---------------------------------------------------------------------------------------------
// 宿迁 (suqian)

/// SQ.training: full-time training 6 per day (a half day 3, our reading).
#[test]
fn suqian_full_time_training_6_per_day() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "t1", "kind": "training", "start": "2021-03-01", "end": "2021-03-03", "days": "2.5" },
            { "id": "t2", "kind": "declared", "type": "training", "mode": "full_time", "start": "2021-04-01", "end": "2021-04-01", "days": "1" }
        ] }"#,
    );
    // 2 × 6 + 3 = 15; 1 × 6 = 6.
    assert_eq!(hours_of(&report, "t1"), d("15"));
    assert_eq!(hours_of(&report, "t2"), d("6"));
    assert_eq!(rule_of(&report, "t1"), "SQ.training");
}

/// SQ.training: part-time training 3 per day.
#[test]
fn suqian_part_time_training_3_per_day() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "t1", "kind": "declared", "type": "training", "mode": "part_time", "start": "2021-04-01", "end": "2021-04-04", "days": "4" },
            { "id": "t2", "kind": "declared", "type": "training", "mode": "part_time", "start": "2021-05-01", "end": "2021-05-01", "days": "0.5" }
        ] }"#,
    );
    // 4 × 3 = 12; a half day 1.5.
    assert_eq!(hours_of(&report, "t1"), d("12"));
    assert_eq!(hours_of(&report, "t2"), d("1.5"));
    assert_eq!(year(&report, 2021).total, d("13.5"));
}

/// SQ.training on a built-in `training` item: the item cannot state its mode, so part-time
/// training is only reachable as a declared item.
#[test]
fn suqian_part_time_training_3_per_day_on_a_training_item() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
            { "id": "t1", "kind": "training", "mode": "part_time", "start": "2021-04-01", "end": "2021-04-04", "days": "4" }
        ] }"#,
    );
    // 4 × 3 = 12.
    assert_eq!(hours_of(&report, "t1"), d("12"));
}

/// SQ.degree: a degree 100, registered over two years.
#[test]
fn suqian_degree_100_over_two_years() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2020, "to": 2024 }, "evidence": [
            { "id": "g1", "kind": "declared", "type": "degree", "date": "2021-06-30" },
            { "id": "g2", "kind": "declared", "type": "degree", "date": "2024-07-01" }
        ] }"#,
    );
    // 100 / 2 = 50 in 2021 and 50 in 2022.
    assert_eq!(hours_in(&report, 2021, "g1"), d("50"));
    assert_eq!(hours_in(&report, 2022, "g1"), d("50"));
    assert_eq!(hours_of(&report, "g1"), d("100"));
    assert_eq!(rule_of(&report, "g1"), "SQ.degree");
    // Completed in 2024, the span's last year: 50 in 2024, the other 50 (2025) outside.
    assert_eq!(hours_in(&report, 2024, "g2"), d("50"));
    assert_eq!(hours_of(&report, "g2"), d("50"));
    assert_eq!(codes(&report, "g2"), vec![FindingCode::OutsideSpan]);
}

/// SQ.course: a single course completed, 10.
#[test]
fn suqian_single_course_10() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "g1", "kind": "degree_course", "courses": 3, "passed": "2022-01-15" }
        ] }"#,
    );
    // 3 × 10 = 30.
    assert_eq!(hours_of(&report, "g1"), d("30"));
}

/// SQ.self_study_exam: 15 per course passed.
#[test]
fn suqian_self_study_exam_15_per_course() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "s1", "kind": "declared", "type": "self_study_exam", "date": "2022-04-20", "count": 2 }
        ] }"#,
    );
    // 2 × 15 = 30.
    assert_eq!(hours_of(&report, "s1"), d("30"));
}

/// SQ.exam: professional English or a qualification exam, 40 per item.
#[test]
fn suqian_english_or_qualification_exam_40_per_item() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "q1", "kind": "qualification_exam", "subjects": 1, "passed": "2022-10-18" },
            { "id": "e1", "kind": "declared", "type": "professional_english", "date": "2022-11-01", "count": 1 }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "q1"), d("40"));
    assert_eq!(hours_of(&report, "e1"), d("40"));
    assert_eq!(year(&report, 2022).professional, d("80"));
}

/// SQ.public_course: a public-subject course passed, 72 per course, as public hours; the
/// national baseline (professional two thirds of the total) holds the year.
#[test]
fn suqian_public_course_72_per_course_under_the_national_baseline() {
    let report = run(
        SUQIAN,
        r#"{ "span": { "from": 2022, "to": 2022 }, "evidence": [
            { "id": "u1", "kind": "declared", "type": "public_course", "date": "2022-04-20", "count": 1 },
            { "id": "q1", "kind": "qualification_exam", "subjects": 1, "passed": "2022-10-18" }
        ] }"#,
    );
    let y = year(&report, 2022);
    // public 72 (routed public), professional 40, total 112 ≥ 90.
    assert_eq!(
        (y.public, y.professional, y.total),
        (d("72"), d("40"), d("112"))
    );
    assert!(
        y.credits
            .iter()
            .any(|c| c.subject == Subject::Public && c.hours == d("72"))
    );
    // 3(40 + x) ≥ 2(112 + x) ⇔ x ≥ 224 − 120 = 104.
    assert_eq!(y.shortfall, short("0", "104", "0"));
    assert!(!report.passed);
}

// ---------------------------------------------------------------------------------------------
// 宁夏 2022 (ningxia-2022)

/// NX.grades: intermediate, 360 over the last 4 years, public ≥ 120, cumulative.
#[test]
fn ningxia_intermediate_360_over_4_years_public_120() {
    let text = |tour_days: &str, taught: &str| {
        format!(
            r#"{{ "policy": "ningxia-2022", "grade": "intermediate", "evidence": [
            {{ "id": "s1", "kind": "declared", "type": "study_tour", "subject": "public", "start": "2018-05-07", "end": "2018-05-16", "days": "10" }},
            {{ "id": "s2", "kind": "declared", "type": "study_tour", "subject": "public", "start": "2019-05-06", "end": "2019-05-15", "days": "{tour_days}" }},
            {{ "id": "t1", "kind": "declared", "type": "teaching", "date": "2020-06-01", "hours": "50" }},
            {{ "id": "t2", "kind": "declared", "type": "teaching", "date": "2021-06-01", "hours": "{taught}" }}
        ] }}"#
        )
    };
    let report = run(NINGXIA, &text("10", "30"));
    // The intermediate span: 4 years ending with 2021.
    assert_eq!((report.span.from, report.span.to), (2018, 2021));
    // public 10 × 6 + 10 × 6 = 120; professional 50 × 3 + 30 × 3 = 240; total 360.
    let check = report.span_check.unwrap();
    assert_eq!(
        (check.public, check.professional, check.total),
        (d("120"), d("240"), d("360"))
    );
    assert!(check.passed && report.passed);
    assert_eq!(check.shortfall, short("0", "0", "0"));
    // No year has a minimum of its own: 2021 alone (90) passes.
    assert_eq!(year(&report, 2021).total, d("90"));
    assert!(report.years.iter().all(|y| y.passed));

    // One hour less taught in 2021: 29 × 3 = 87, total 357: 3 short.
    let report = run(NINGXIA, &text("10", "29"));
    let check = report.span_check.unwrap();
    assert_eq!(check.total, d("357"));
    assert!(!check.passed && !report.passed);
    assert_eq!(check.shortfall, short("0", "0", "3"));

    // Half a day less touring in 2019: 9.5 × 6 = 57, public 117 (3 short), total 357 (3 short).
    let report = run(NINGXIA, &text("9.5", "30"));
    let check = report.span_check.unwrap();
    assert_eq!((check.public, check.total), (d("117"), d("357")));
    assert_eq!(check.shortfall, short("3", "0", "3"));
    assert!(!report.passed);
}

/// NX.grades: deputy senior and above, 450 over 5 years, public ≥ 150.
#[test]
fn ningxia_deputy_senior_450_over_5_years_public_150() {
    let text = |grade: &str, taught: &str| {
        format!(
            r#"{{ "grade": "{grade}", "evidence": [
            {{ "id": "s1", "kind": "declared", "type": "study_tour", "subject": "public", "start": "2017-03-01", "end": "2017-03-25", "days": "25" }},
            {{ "id": "t1", "kind": "declared", "type": "teaching", "date": "2019-06-01", "hours": "{taught}" }}
        ] }}"#
        )
    };
    for grade in ["deputy_senior", "senior"] {
        let report = run(NINGXIA, &text(grade, "100"));
        // 5 years ending with 2021.
        assert_eq!((report.span.from, report.span.to), (2017, 2021), "{grade}");
        // public 25 × 6 = 150, professional 100 × 3 = 300, total 450.
        let check = report.span_check.unwrap();
        assert_eq!((check.public, check.total), (d("150"), d("450")), "{grade}");
        assert!(report.passed, "{grade}");
        // 99 × 3 = 297: total 447, 3 short.
        let report = run(NINGXIA, &text(grade, "99"));
        assert_eq!(
            report.span_check.unwrap().shortfall,
            short("0", "0", "3"),
            "{grade}"
        );
        assert!(!report.passed, "{grade}");
    }
    // The same record held to the intermediate figures: its span 2018–2021 leaves the 2017
    // tour out (public 0 of 120), professional 300 of total 360: 120 and 60 short.
    let report = run(NINGXIA, &text("intermediate", "100"));
    let check = report.span_check.unwrap();
    assert_eq!((check.public, check.total), (d("0"), d("300")));
    assert_eq!(check.shortfall, short("120", "0", "60"));
}

/// A record naming no grade is held to the policy's own minimums (the deputy-senior figures),
/// and a grade the policy does not list is refused.
#[test]
fn ningxia_record_without_grade_and_unknown_grade() {
    let report = run(NINGXIA, r#"{ "evidence": [] }"#);
    assert_eq!((report.span.from, report.span.to), (2017, 2021));
    assert_eq!(
        report.span_check.unwrap().shortfall,
        short("150", "0", "450")
    );
    let e = cehours::evaluate(
        &record(r#"{ "grade": "junior", "evidence": [] }"#),
        &policy(NINGXIA),
    )
    .unwrap_err();
    assert!(matches!(e, EvaluateError::UnknownGrade { .. }), "{e}");
}

/// NX.degree: a degree begun and completed within the span completes the whole span.
#[test]
fn ningxia_degree_completes_the_span() {
    let text = |start: &str| {
        format!(
            r#"{{ "grade": "intermediate", "evidence": [
            {{ "id": "g1", "kind": "declared", "type": "degree", "start": "{start}", "end": "2021-06-30" }}
        ] }}"#
        )
    };
    // Begun 2018-09, completed 2021-06, both within 2018–2021: every year passes with no hours.
    let report = run(NINGXIA, &text("2018-09-01"));
    assert!(report.passed);
    assert!(report.years.iter().all(|y| y.waived && y.passed));
    assert!(
        report
            .years
            .iter()
            .all(|y| y.waived_by.iter().any(|e| e.as_str() == "g1"))
    );
    let check = report.span_check.unwrap();
    assert_eq!(check.total, d("0"));
    assert!(check.passed);
    assert_eq!(check.shortfall, short("0", "0", "0"));

    // Begun 2016-09, before the span: it completes nothing; 120 public and 360 total short.
    let report = run(NINGXIA, &text("2016-09-01"));
    assert!(!report.passed);
    assert!(report.years.iter().all(|y| !y.waived));
    assert_eq!(codes(&report, "g1"), vec![FindingCode::OutsideSpan]);
    assert_eq!(
        report.span_check.unwrap().shortfall,
        short("120", "0", "360")
    );
}

/// NX.teaching: 3 per hour taught.
#[test]
fn ningxia_teaching_3_per_hour() {
    let report = run(
        NINGXIA,
        r#"{ "grade": "intermediate", "evidence": [
            { "id": "t1", "kind": "declared", "type": "teaching", "date": "2020-06-01", "hours": "7.5" }
        ] }"#,
    );
    // 7.5 × 3 = 22.5.
    assert_eq!(hours_in(&report, 2020, "t1"), d("22.5"));
    assert_eq!(rule_of(&report, "t1"), "NX.teaching");
    // 360 − 22.5 = 337.5 short of the total, 120 of the public minimum.
    assert_eq!(
        report.span_check.unwrap().shortfall,
        short("120", "0", "337.5")
    );
}

/// NX.study_tour: study tours and professional exchange, 6 per day.
#[test]
fn ningxia_study_tour_and_exchange_6_per_day() {
    let report = run(
        NINGXIA,
        r#"{ "grade": "intermediate", "evidence": [
            { "id": "s1", "kind": "declared", "type": "study_tour", "start": "2019-05-06", "end": "2019-05-07", "days": "1.5" },
            { "id": "x1", "kind": "declared", "type": "professional_exchange", "start": "2020-09-01", "end": "2020-09-02", "days": "2" }
        ] }"#,
    );
    // 6 + 3 = 9; 2 × 6 = 12.
    assert_eq!(hours_in(&report, 2019, "s1"), d("9"));
    assert_eq!(hours_in(&report, 2020, "x1"), d("12"));
    assert_eq!(rule_of(&report, "x1"), "NX.study_tour");
}

/// Hunan's own kinds have no entry in ningxia-2022: not credited there.
#[test]
fn ningxia_training_is_not_credited() {
    let report = run(
        NINGXIA,
        r#"{ "evidence": [
            { "id": "t1", "kind": "training", "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" }
        ] }"#,
    );
    assert_eq!(hours_of(&report, "t1"), d("0"));
    assert_eq!(codes(&report, "t1"), vec![FindingCode::KindNotCredited]);
}

// ---------------------------------------------------------------------------------------------
// Across jurisdictions

/// One Hunan record under hunan-2024 and under ningxia-2022: training earns 8 a day in Hunan
/// (A1.C1) and nothing in Ningxia, whose texts credit study tours and teaching instead.
#[test]
fn whatif_a_hunan_record_under_ningxia_2022() {
    let record = record(
        r#"{ "evidence": [
            { "id": "t1", "kind": "training", "subject": "public", "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" },
            { "id": "s1", "kind": "declared", "type": "teaching", "date": "2021-06-01", "hours": "10" }
        ] }"#,
    );
    let hunan = Policy::hunan_2024();
    let ningxia = policy(NINGXIA);
    let w = cehours::whatif(&record, &hunan, &ningxia).unwrap();
    assert_eq!(
        (w.before.as_str(), w.after.as_str()),
        ("hunan-2024", "ningxia-2022")
    );
    // 2020: 3 × 8 + 4 = 28 public hours in Hunan; 0 in Ningxia.
    let y2020 = w.years.iter().find(|y| y.year == 2020).unwrap();
    assert_eq!(y2020.in_span, [true, true]);
    assert_eq!((y2020.public.before, y2020.public.after), (d("28"), d("0")));
    // 2021: teaching is a declared kind Hunan does not credit (0); Ningxia 10 × 3 = 30.
    let y2021 = w.years.iter().find(|y| y.year == 2021).unwrap();
    assert_eq!(
        (y2021.professional.before, y2021.professional.after),
        (d("0"), d("30"))
    );
    // 2017–2018 lie in Ningxia's default span (2017–2021) only, 2022–2023 in Hunan's
    // (2019–2023) only: every year of either span differs, so all seven are listed.
    let in_span: Vec<(i32, [bool; 2])> = w.years.iter().map(|y| (y.year, y.in_span)).collect();
    let (both, hn, nx) = ([true, true], [true, false], [false, true]);
    assert_eq!(
        in_span,
        vec![
            (2017, nx),
            (2018, nx),
            (2019, both),
            (2020, both),
            (2021, both),
            (2022, hn),
            (2023, hn)
        ]
    );
    // Under Ningxia's span minimums no year has a minimum of its own (each year passes); the
    // span fails. Under Hunan every year fails its own 30/60/90.
    assert!(w.years.iter().all(|y| !y.passed[0]));
    assert_eq!(w.passed, [false, false]);
    // The rule IDs of the two documents differ.
    assert!(RuleId::declared("NX.teaching").unwrap() != RuleId::A1C1);
}
