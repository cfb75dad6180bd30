//! Policy as data: round trips, validation errors with their paths, overlays, the registry,
//! the variant files and what-if.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod common;
use cehours::{Policy, PolicyError, PolicyFile, ProblemKind, Record, Registry, RuleId};
use chrono::NaiveDate;
use common::hours_of;
use rust_decimal::Decimal;

fn load(text: &str) -> Result<Policy, PolicyError> {
    let file: PolicyFile = serde_json::from_str(text).unwrap();
    Registry::builtin().load(&file)
}

fn problems(text: &str) -> String {
    match load(text) {
        Ok(_) => panic!("policy accepted: {text}"),
        Err(e) => e.to_string(),
    }
}

fn record(text: &str) -> Record {
    serde_json::from_str(text).unwrap()
}

#[test]
fn every_builtin_policy_round_trips_through_json() {
    let registry = Registry::builtin();
    for id in registry.ids() {
        let policy = registry.get(&id).unwrap();
        let text = serde_json::to_string_pretty(policy).unwrap();
        let back: Policy = serde_json::from_str(&text).unwrap();
        assert_eq!(&back, policy, "{id} through serde");
        let loaded = registry
            .load(&serde_json::from_str(&text).unwrap())
            .unwrap();
        assert_eq!(&loaded, policy, "{id} through a policy file");
        assert_eq!(policy.validate(), Ok(()), "{id} is valid");
    }
}

#[test]
fn exported_hunan_2024_policy_snapshot() {
    let policy = Registry::builtin().get("hunan-2024").unwrap().clone();
    insta::assert_snapshot!(serde_json::to_string_pretty(&policy).unwrap());
}

#[test]
fn n_1_2_a_total_below_a_subject_minimum_is_refused() {
    let e = problems(r#"{ "extends": "hunan-2024", "minimums": { "total": "50" } }"#);
    assert!(
        e.contains(
            "minimums.total: total `50` is below the public `30` or professional `60` minimum"
        ),
        "{e}"
    );
    // public + professional above the total is allowed.
    assert!(load(r#"{ "extends": "hunan-2024", "minimums": { "public": "40", "professional": "60", "total": "90" } }"#).is_ok());
}

#[test]
fn a1_c2_non_positive_credit_hours_are_refused_with_their_paths() {
    let e = problems(
        r#"{ "extends": "hunan-2024", "research": { "national": { "host": "-60" } }, "days": { "per_day": "0" } }"#,
    );
    assert!(
        e.contains("research.national.host: must be positive, not `-60`"),
        "{e}"
    );
    assert!(e.contains("days.per_day: must be positive, not `0`"), "{e}");
}

#[test]
fn n_1_2_negative_minimums_given_as_numbers_are_refused() {
    let e = problems(
        r#"{ "extends": "hunan-2024", "minimums": { "public": -5, "professional": 60.5 } }"#,
    );
    assert!(
        e.contains("minimums.public: must not be negative, not `-5`"),
        "{e}"
    );
    let ok =
        load(r#"{ "extends": "hunan-2024", "minimums": { "professional": 60.5, "total": 90.5 } }"#)
            .unwrap();
    assert_eq!(ok.minimums.professional, "60.5".parse().unwrap());
}

#[test]
fn n_2_an_inverted_default_span_is_refused() {
    let e = problems(r#"{ "extends": "hunan-2024", "review_span": { "from": 2023, "to": 2019 } }"#);
    assert!(
        e.contains("review_span: span `from` 2023 is after `to` 2019"),
        "{e}"
    );
}

#[test]
fn a1_c4_empty_and_overlapping_rank_bands_are_refused() {
    let e = problems(
        r#"{ "extends": "hunan-2024", "patents": { "invention": [
            { "from": 1, "to": 1, "hours": "60" },
            { "from": 3, "to": 2, "hours": "30" },
            { "from": 1, "to": 5, "hours": "10" } ] } }"#,
    );
    assert!(
        e.contains("patents.invention[1].to: band 3–2 is empty"),
        "{e}"
    );
    assert!(
        e.contains("patents.invention[2]: band overlaps band [0]"),
        "{e}"
    );
}

#[test]
fn an_unknown_rule_id_is_refused_with_its_path() {
    let e = problems(r#"{ "extends": "hunan-2024", "minimums": { "rule": "Z.9" } }"#);
    // Rule IDs are open (another document numbers its own clauses): an ID no citation
    // declares is refused at its path.
    assert!(
        e.contains("minimums.rule: rule `Z.9` has no citation in `citations`"),
        "{e}"
    );
}

#[test]
fn a_rule_without_a_citation_is_refused() {
    let mut policy = Policy::hunan_2024();
    policy.citations.retain(|c| c.rule != RuleId::A1C5);
    let problems = policy.validate().unwrap_err().problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["awards.rule"]);
    assert_eq!(
        problems[0].kind,
        ProblemKind::Uncited { rule: RuleId::A1C5 }
    );
    assert_eq!(
        problems[0].kind.to_string(),
        "rule `A1.C5` has no citation in `citations`"
    );
    // On the wire a problem is its path and its message, as before.
    assert_eq!(
        serde_json::to_string(&problems[0]).unwrap(),
        r#"{"path":"awards.rule","message":"rule `A1.C5` has no citation in `citations`"}"#
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut policy = Policy::hunan_2024();
    policy.id = String::new();
    policy
        .degree_courses
        .as_mut()
        .expect("the policy has the section")
        .hours = Decimal::ZERO;
    policy
        .books
        .as_mut()
        .expect("the policy has the section")
        .bands
        .clear();
    policy
        .books
        .as_mut()
        .expect("the policy has the section")
        .bands
        .push(cehours::RankBand::new(0, None, Decimal::ONE));
    policy.limits.max_items = 0;
    let paths: Vec<String> = policy
        .validate()
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(
        paths,
        [
            "id",
            "books.bands[0].from",
            "degree_courses.hours",
            "limits.max_items"
        ]
    );
}

#[test]
fn an_overlay_changes_only_the_values_it_names() {
    let base = Policy::hunan_2024();
    let variant = load(
        r#"{ "extends": "hunan-2024", "id": "v", "awards": { "municipal": { "third": "6" } } }"#,
    )
    .unwrap();
    let mut expected = base.clone();
    expected.id = "v".to_owned();
    expected
        .awards
        .as_mut()
        .expect("the policy has the section")
        .municipal
        .third = Decimal::from(6);
    assert_eq!(variant, expected);
}

#[test]
fn an_overlay_of_an_unknown_base_is_refused() {
    let e = problems(r#"{ "extends": "hunan-2099" }"#);
    assert_eq!(e, "unknown policy `hunan-2099`; known policies: hunan-2024");
}

#[test]
fn n_2_registry_lookup_by_id_and_application_date() {
    let registry = Registry::builtin();
    assert_eq!(registry.get("hunan-2024").unwrap().id, "hunan-2024");
    let issued = NaiveDate::from_ymd_opt(2024, 6, 3).unwrap();
    assert_eq!(registry.for_date(issued).unwrap().id, "hunan-2024");
    let before = NaiveDate::from_ymd_opt(2024, 6, 2).unwrap();
    assert_eq!(
        registry.for_date(before).unwrap_err().to_string(),
        "no policy is in force on 2024-06-02; known policies: hunan-2024"
    );
    // A record naming an unknown policy is refused as a whole.
    let err = registry
        .evaluate(&record(r#"{ "policy": "x", "evidence": [] }"#))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "unknown policy `x`; known policies: hunan-2024"
    );
}

#[test]
fn effective_ranges_include_both_ends_and_citations_print_their_source() {
    let mut policy = Policy::hunan_2024();
    let from = NaiveDate::from_ymd_opt(2024, 6, 3).unwrap();
    let to = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    policy.effective.to = Some(to);
    assert!(policy.effective.contains(from));
    assert!(policy.effective.contains(to));
    assert!(!policy.effective.contains(to.succ_opt().unwrap()));
    assert!(!policy.effective.contains(from.pred_opt().unwrap()));
    let c = policy.citation(RuleId::A1C2).unwrap();
    assert!(
        c.to_string().starts_with(
            "A1.C2 湘人社办函〔2024〕21号 附件1 二、2: 参加政府或行业组织课题研究与项目开发"
        ),
        "{c}"
    );
    let i = policy.citation(RuleId::I1).unwrap().to_string();
    assert!(
        i.starts_with("I-1 interpretation: 谁是主要完成人") && i.ends_with(")"),
        "{i}"
    );
}

#[test]
fn a_later_policy_takes_over_from_its_effective_date() {
    let mut registry = Registry::builtin();
    let next = load(
        r#"{ "extends": "hunan-2024", "id": "hunan-2025", "effective": { "from": "2025-05-01" } }"#,
    )
    .unwrap();
    registry.insert(next).unwrap();
    let in_2025 = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    assert_eq!(registry.for_date(in_2025).unwrap().id, "hunan-2025");
    let in_2024 = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap();
    assert_eq!(registry.for_date(in_2024).unwrap().id, "hunan-2024");
}

const VARIANT_45: &str = include_str!("../examples/policies/online-45-minutes.json");
const VARIANT_SURPLUS: &str = include_str!("../examples/policies/public-surplus.json");

#[test]
fn i_3_variant_45_minute_online_hours_and_paper_cap() {
    let policy = load(VARIANT_45).unwrap();
    let r = record(
        r#"{ "evidence": [
        { "id": "o3", "kind": "online_course", "date": "2020-03-01", "hours": "3" },
        { "id": "o2", "kind": "online_course", "date": "2020-04-01", "hours": "2" },
        { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2020-01-01", "serial": "CN 43-1234/N", "title": "a" },
        { "id": "p2", "kind": "paper", "author_rank": 1, "published": "2020-02-01", "serial": "CN 43-1234/N", "title": "b" },
        { "id": "p3", "kind": "paper", "author_rank": 2, "published": "2020-03-01", "serial": "CN 43-1234/N", "title": "c" },
        { "id": "p4", "kind": "paper", "author_rank": 1, "published": "2021-03-01", "serial": "CN 43-1234/N", "title": "d" },
        { "id": "b1", "kind": "book", "author_rank": 1, "published": "2020-05-01", "title": "e" }
    ] }"#,
    );
    let report = cehours::evaluate(&r, &policy).unwrap();
    // 3 clock hours = 180 minutes = 4 hours of 45 minutes; 2 h = 120 min = 2.66… → 2.66.
    assert_eq!(hours_of(&report, "o3"), Decimal::from(4));
    assert_eq!(hours_of(&report, "o2"), "2.66".parse().unwrap());
    // Papers share a 40-hour yearly cap: 30, then 10 of 30, then nothing; a new year starts
    // afresh; books are not capped.
    assert_eq!(hours_of(&report, "p1"), Decimal::from(30));
    assert_eq!(hours_of(&report, "p2"), Decimal::from(10));
    assert_eq!(hours_of(&report, "p3"), Decimal::ZERO);
    assert_eq!(hours_of(&report, "p4"), Decimal::from(30));
    assert_eq!(hours_of(&report, "b1"), Decimal::from(60));
    let capped: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.evidence.as_str(), f.code.as_str()))
        .collect();
    assert_eq!(
        capped,
        [("p2", "year_cap_reached"), ("p3", "year_cap_reached")]
    );
    // Under hunan-2024 the same record has none of this.
    let base = cehours::evaluate(&r, &Policy::hunan_2024()).unwrap();
    assert_eq!(hours_of(&base, "o3"), Decimal::from(3));
    assert_eq!(hours_of(&base, "p3"), Decimal::from(10));
}

#[test]
fn n_1_2_variant_public_surplus_counts_toward_professional() {
    let policy = load(VARIANT_SURPLUS).unwrap();
    let r = record(
        r#"{ "evidence": [
        { "id": "pub", "kind": "online_course", "subject": "public", "date": "2020-03-01", "hours": "50" },
        { "id": "prof", "kind": "online_course", "date": "2020-04-01", "hours": "40" },
        { "id": "pub21", "kind": "online_course", "subject": "public", "date": "2021-03-01", "hours": "45" },
        { "id": "prof21", "kind": "online_course", "date": "2021-04-01", "hours": "40" }
    ] }"#,
    );
    let variant = cehours::evaluate(&r, &policy).unwrap();
    let base = cehours::evaluate(&r, &Policy::hunan_2024()).unwrap();
    // 2020: 50 public (20 above 30) + 40 professional → 60 professional with the surplus.
    let y = variant.year(2020).unwrap();
    assert!(y.passed);
    assert_eq!(
        (y.public, y.professional),
        (Decimal::from(50), Decimal::from(40))
    );
    assert!(!base.year(2020).unwrap().passed);
    assert_eq!(
        base.year(2020).unwrap().shortfall.professional,
        Decimal::from(20)
    );
    // 2021: 15 above 30 → 55 professional: still short by 5; the total 85 is short by 5 too.
    let y = variant.year(2021).unwrap();
    assert!(!y.passed);
    assert_eq!(y.shortfall.professional, Decimal::from(5));
    assert_eq!(y.shortfall.total, Decimal::from(5));
    // The totals-only path gives the same verdicts.
    let totals = cehours::Evaluator::new(&policy).totals(&r).unwrap();
    let quick: Vec<bool> = totals.years.iter().map(|y| y.passed).collect();
    let full: Vec<bool> = variant.years.iter().map(|y| y.passed).collect();
    assert_eq!(quick, full);
}

#[test]
fn whatif_names_the_parameter_that_caused_each_change() {
    let after = load(VARIANT_45).unwrap();
    let r = record(
        r#"{ "evidence": [
        { "id": "o1", "kind": "online_course", "date": "2020-03-01", "hours": "3" },
        { "id": "p1", "kind": "paper", "author_rank": 1, "published": "2021-01-01", "serial": "CN 43-1234/N", "title": "a" },
        { "id": "p2", "kind": "paper", "author_rank": 1, "published": "2021-02-01", "serial": "CN 43-1234/N", "title": "b" },
        { "id": "t1", "kind": "training", "start": "2022-03-01", "days": "1" }
    ] }"#,
    );
    let diff = cehours::whatif(&r, &Policy::hunan_2024(), &after).unwrap();
    let years: Vec<(i32, Vec<String>)> = diff
        .years
        .iter()
        .map(|y| (y.year, y.caused_by.clone()))
        .collect();
    assert_eq!(
        years,
        [
            (2020, vec!["online_courses.minutes_per_hour".to_owned()]),
            (2021, vec!["caps".to_owned()])
        ]
    );
    insta::assert_snapshot!(diff.to_string());
}

#[test]
fn a_policy_file_says_what_it_extends() {
    let overlay: PolicyFile =
        serde_json::from_str(r#"{ "extends": "hunan-2024", "id": "x" }"#).unwrap();
    assert_eq!(overlay.extends(), Some("hunan-2024"));
    let complete: PolicyFile =
        serde_json::from_str(&serde_json::to_string(&Policy::hunan_2024()).unwrap()).unwrap();
    assert_eq!(complete.extends(), None);
    // A policy file writes its numbers back as numbers.
    let file: PolicyFile =
        serde_json::from_str(r#"{ "extends": "hunan-2024", "limits": { "max_items": 3 } }"#)
            .unwrap();
    assert!(
        serde_json::to_string(&file)
            .unwrap()
            .contains(r#""max_items":3"#)
    );
}

#[test]
fn an_overlay_citation_changes_only_its_rule() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "citations": [ { "rule": "A1.C2", "source": "湘人社办函〔2025〕1号 附件1 二、2" } ] }"#,
    )
    .unwrap();
    let base = Policy::hunan_2024();
    assert_eq!(policy.citations.len(), base.citations.len());
    let changed = policy.citation(RuleId::A1C2).unwrap();
    assert_eq!(changed.source, "湘人社办函〔2025〕1号 附件1 二、2");
    assert_eq!(changed.text, base.citation(RuleId::A1C2).unwrap().text);
    assert_eq!(policy.citation(RuleId::A1C3), base.citation(RuleId::A1C3));
}

#[test]
fn whatif_traces_causes_through_findings_subjects_and_waivers() {
    let base = Policy::hunan_2024();
    let r = record(
        r#"{ "evidence": [
        { "id": "a", "kind": "training", "start": "2020-03-02", "days": "1" },
        { "id": "b", "kind": "training", "start": "2020-03-02", "days": "1" },
        { "id": "pub", "kind": "online_course", "subject": "public", "date": "2021-03-01", "hours": "50" },
        { "id": "prof", "kind": "online_course", "date": "2021-04-01", "hours": "40" },
        { "id": "w", "kind": "assignment", "program": "aid_tibet", "start": "2022-01-01", "end": "2022-06-30", "assessment_passed": true },
        { "id": "pub22", "kind": "online_course", "subject": "public", "date": "2022-03-01", "hours": "30" },
        { "id": "prof22", "kind": "online_course", "date": "2022-04-01", "hours": "60" }
    ] }"#,
    );
    // Day sharing off: only the overlap finding (I-8) ties the change to its parameter.
    let days =
        load(r#"{ "extends": "hunan-2024", "duplicates": { "share_days": false } }"#).unwrap();
    let diff = cehours::whatif(&r, &base, &days).unwrap();
    let y2020 = diff.years.iter().find(|y| y.year == 2020).unwrap();
    assert_eq!(y2020.caused_by, ["duplicates.share_days"]);
    assert_eq!(
        (y2020.total.before, y2020.total.after),
        (Decimal::from(8), Decimal::from(16))
    );
    // The public surplus rule (N.1.2) changes a verdict without changing any credit.
    let surplus = load(VARIANT_SURPLUS).unwrap();
    let diff = cehours::whatif(&r, &base, &surplus).unwrap();
    let p = diff
        .parameters
        .iter()
        .find(|p| p.path == "public_surplus_counts_as_professional")
        .unwrap();
    assert_eq!(p.rules, [RuleId::N1_2]);
    let y2021 = diff.years.iter().find(|y| y.year == 2021).unwrap();
    assert_eq!(y2021.passed, [false, true]);
    assert!(y2021.credits.is_empty());
    assert_eq!(y2021.caused_by, ["public_surplus_counts_as_professional"]);
    // A waiver that no longer applies to a year that passes anyway is still a change.
    let longer =
        load(r#"{ "extends": "hunan-2024", "assignments": { "min_months": 7 } }"#).unwrap();
    let diff = cehours::whatif(&r, &base, &longer).unwrap();
    let years: Vec<i32> = diff.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2022]);
    assert_eq!(diff.years[0].passed, [true, true]);
    // A band changed in place is named down to its field.
    let bands = load(r#"{ "extends": "hunan-2024", "papers": { "bands": [ { "from": 1, "to": 1, "hours": "35" }, { "from": 2, "hours": "10" } ] } }"#).unwrap();
    let diff = cehours::whatif(&r, &base, &bands).unwrap();
    let paths: Vec<&str> = diff.parameters.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["papers.bands[0].hours"]);
}

#[test]
fn a1_c3_bands_inside_bands_overlap_and_empty_bands_only_say_so() {
    let e = problems(
        r#"{ "extends": "hunan-2024", "books": { "bands": [ { "from": 1, "to": 5, "hours": "60" }, { "from": 3, "to": 4, "hours": "30" } ] } }"#,
    );
    assert!(e.contains("books.bands[1]: band overlaps band [0]"), "{e}");
    let e = problems(
        r#"{ "extends": "hunan-2024", "books": { "bands": [ { "from": 1, "to": 5, "hours": "60" }, { "from": 2, "to": 1, "hours": "30" } ] } }"#,
    );
    assert!(e.contains("books.bands[1].to: band 2–1 is empty"), "{e}");
    assert!(!e.contains("overlaps"), "{e}");
}

#[test]
fn n_1_2_zero_minimums_and_caps_are_allowed() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "0" }, "caps": [ { "rule": "A1.C3", "kinds": ["paper"], "hours": "0" } ] }"#,
    )
    .unwrap();
    assert_eq!(policy.minimums.public, Decimal::ZERO);
    let e = problems(
        r#"{ "extends": "hunan-2024", "caps": [ { "rule": "A1.C3", "kinds": [], "hours": "-1" } ] }"#,
    );
    assert!(
        e.contains("caps[0].hours: must not be negative, not `-1`"),
        "{e}"
    );
    assert!(
        e.contains("caps[0].kinds: must name at least one kind"),
        "{e}"
    );
}

/// Every bound that validation checks accepts its limit itself and refuses one step past it.
#[test]
fn validation_bounds_are_inclusive() {
    let ok = load(
        r#"{ "extends": "hunan-2024",
            "effective": { "from": "2024-06-03", "to": "2024-06-03" },
            "minimums": { "public": "0", "professional": "90", "total": "90" },
            "online_courses": { "rounding_scale": 28 },
            "assignments": { "min_months": 12, "all_years_after_months": 12 },
            "citations": [ { "rule": "A1.C2", "effective": { "from": "2024-06-03", "to": "2024-06-03" } } ] }"#,
    );
    assert!(ok.is_ok(), "{ok:?}");
    let e = problems(
        r#"{ "extends": "hunan-2024",
            "effective": { "from": "2024-06-03", "to": "2024-06-02" },
            "minimums": { "public": "0", "professional": "90", "total": "89" },
            "online_courses": { "rounding_scale": 29 },
            "assignments": { "min_months": 12, "all_years_after_months": 11 },
            "citations": [ { "rule": "A1.C2", "effective": { "from": "2024-06-03", "to": "2024-06-02" } } ] }"#,
    );
    for path in [
        "effective.to: is before `effective.from`",
        "minimums.total: total `89` is below",
        "online_courses.rounding_scale: must be at most 28",
        "assignments.all_years_after_months: is below `assignments.min_months`",
        "effective.to: is before `effective.from`",
    ] {
        assert!(e.contains(path), "{path} in {e}");
    }
    assert!(e.contains("citations["), "{e}");
}

/// Rules named inside lists (materials alternatives, caps) need citations too.
#[test]
fn i_7_a_rule_named_inside_a_list_needs_a_citation() {
    let mut policy = Policy::hunan_2024();
    policy.citations.retain(|c| c.rule != RuleId::I7);
    let problems = policy.validate().unwrap_err().problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["materials.kinds.conference.alternatives[1].rule"]);
}

/// A year whose shortfall changes while it fails under both policies is still a change.
#[test]
fn whatif_lists_a_year_whose_shortfall_alone_changes() {
    let higher = load(r#"{ "extends": "hunan-2024", "minimums": { "total": "100" } }"#).unwrap();
    let diff = cehours::whatif(
        &record(r#"{ "evidence": [] }"#),
        &Policy::hunan_2024(),
        &higher,
    )
    .unwrap();
    let years: Vec<(i32, [bool; 2])> = diff.years.iter().map(|y| (y.year, y.passed)).collect();
    assert_eq!(years.len(), 5);
    assert!(years.iter().all(|(_, p)| *p == [false, false]));
    assert!(diff.years.iter().all(|y| y.caused_by == ["minimums.total"]));
}

/// Lists other than citations are replaced whole by an overlay, even when their entries name
/// rules (materials alternatives).
#[test]
fn an_overlay_replaces_lists_other_than_citations() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "materials": { "kinds": { "conference": { "alternatives": [
            { "rule": "A1.M4", "requires": [ ["invitation"] ] } ] } } } }"#,
    )
    .unwrap();
    let alternatives = &policy
        .materials
        .as_ref()
        .expect("the policy lists materials")
        .for_kind(cehours::Kind::Conference)
        .alternatives;
    assert_eq!(alternatives.len(), 1);
    assert_eq!(alternatives[0].requires.len(), 1);
}

#[test]
fn n_1_2_the_total_minimum_against_the_public_one() {
    assert!(load(r#"{ "extends": "hunan-2024", "minimums": { "public": "90", "professional": "0", "total": "90" } }"#).is_ok());
    let e = problems(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "90", "professional": "0", "total": "89" } }"#,
    );
    assert!(
        e.contains("minimums.total: total `89` is below the public `90`"),
        "{e}"
    );
}

// ------------------------------------------------------------------ issue 13 (hardening, round 2)

/// Issue 13.2: two policies whose default spans differ (2019–2023 and 2020–2024) are compared
/// year by year: 2020 with 2020, and the years in one span only (2019, 2024) are reported, not
/// dropped.
#[test]
fn n_2_whatif_aligns_the_years_of_two_spans() {
    let mut items = Vec::new();
    for year in 2019..=2024 {
        items.push(format!(
            r#"{{ "id": "pub{year}", "kind": "online_course", "subject": "public", "date": "{year}-03-01", "hours": "30" }}"#
        ));
        items.push(format!(
            r#"{{ "id": "prof{year}", "kind": "online_course", "date": "{year}-04-01", "hours": "60" }}"#
        ));
    }
    // 2021 is short of one professional hour under both policies.
    items.push(
        r#"{ "id": "extra2022", "kind": "online_course", "date": "2022-05-01", "hours": "5" }"#
            .to_owned(),
    );
    let r = record(&format!(r#"{{ "evidence": [{}] }}"#, items.join(", ")));
    let later = load(
        r#"{ "extends": "hunan-2024", "id": "later", "review_span": { "from": 2020, "to": 2024 } }"#,
    )
    .unwrap();
    let diff = cehours::whatif(&r, &Policy::hunan_2024(), &later).unwrap();
    let years: Vec<(i32, [bool; 2], [bool; 2])> = diff
        .years
        .iter()
        .map(|y| (y.year, y.in_span, y.passed))
        .collect();
    // Every year in both spans has the same figures under both: only 2019 and 2024 differ.
    assert_eq!(
        years,
        [
            (2019, [true, false], [true, false]),
            (2024, [false, true], [false, true])
        ]
    );
    let y2019 = &diff.years[0];
    assert_eq!(
        (y2019.total.before, y2019.total.after),
        (Decimal::from(90), Decimal::ZERO)
    );
    let credits: Vec<(&str, Decimal, Decimal)> = y2019
        .credits
        .iter()
        .map(|c| (c.evidence.as_str(), c.before, c.after))
        .collect();
    assert_eq!(
        credits,
        [
            ("prof2019", Decimal::from(60), Decimal::ZERO),
            ("pub2019", Decimal::from(30), Decimal::ZERO)
        ]
    );
    assert_eq!(y2019.caused_by, ["review_span.from", "review_span.to"]);
    let y2024 = &diff.years[1];
    assert_eq!(
        (y2024.public.before, y2024.public.after),
        (Decimal::ZERO, Decimal::from(30))
    );
    assert_eq!(diff.passed, [true, true]);
    let text = diff.to_string();
    assert!(
        text.contains("2019: 公需/public 30 → 0, 专业/professional 60 → 0, 合计/total 90 → 0, 合格/pass → 不在跨度/outside span"),
        "{text}"
    );
    // Under the reverse comparison the sides swap.
    let back = cehours::whatif(&r, &later, &Policy::hunan_2024()).unwrap();
    let sides: Vec<(i32, [bool; 2])> = back.years.iter().map(|y| (y.year, y.in_span)).collect();
    assert_eq!(sides, [(2019, [false, true]), (2024, [true, false])]);
}

/// Issue 13.2: 32,000 credits that all change (a degree course worth 30 hours, then 31) are all
/// listed, each in its year, with the parameter that changed them.
#[test]
fn a1_c8_whatif_lists_32000_changed_credits() {
    let items: Vec<String> = (0..32_000)
        .map(|i| {
            let year = 2019 + i % 5;
            format!(
                r#"{{ "id": "d{i}", "kind": "degree_course", "courses": 1, "passed": "{year}-06-01" }}"#
            )
        })
        .collect();
    let r = record(&format!(r#"{{ "evidence": [{}] }}"#, items.join(", ")));
    let after =
        load(r#"{ "extends": "hunan-2024", "degree_courses": { "hours": "31" } }"#).unwrap();
    let diff = cehours::whatif(&r, &Policy::hunan_2024(), &after).unwrap();
    assert_eq!(diff.years.len(), 5);
    for y in &diff.years {
        // 6,400 courses a year: 192,000 hours, then 198,400.
        assert_eq!(y.credits.len(), 6_400, "{}", y.year);
        assert!(
            y.credits
                .iter()
                .all(|c| (c.before, c.after) == (Decimal::from(30), Decimal::from(31)))
        );
        assert_eq!(
            (y.professional.before, y.professional.after),
            (Decimal::from(192_000), Decimal::from(198_400))
        );
        assert_eq!(y.caused_by, ["degree_courses.hours"]);
    }
    // In order of ID text: 2019 holds d0, d5, d10, …
    assert_eq!(diff.years[0].credits[0].evidence.as_str(), "d0");
    assert_eq!(diff.years[0].credits[1].evidence.as_str(), "d10");
    // The item is an evidence ID, written as its text as before.
    let change = serde_json::to_value(&diff.years[0].credits[0]).unwrap();
    assert_eq!(change["evidence"], "d0");
}

/// Issue 13.3: a policy file of 100,000 keys is read and merged at once (map lookups, not
/// scans): the first unknown key is named, and a key given twice at the very end is caught.
#[test]
fn a_policy_file_of_100000_keys_is_read_and_refused_by_name() {
    let keys: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}": {i}"#)).collect();
    let text = format!(r#"{{ "extends": "hunan-2024", {} }}"#, keys.join(", "));
    let file: PolicyFile = serde_json::from_str(&text).unwrap();
    let e = Registry::builtin().load(&file).unwrap_err().to_string();
    assert!(
        e.starts_with("policy file refused: k0: unknown field `k0`"),
        "{e}"
    );
    let repeated = format!(
        r#"{{ "extends": "hunan-2024", {}, "k0": 1 }}"#,
        keys.join(", ")
    );
    let e = serde_json::from_str::<PolicyFile>(&repeated)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("duplicate field `k0`"), "{e}");
    // An overlay naming 100,000 nested keys of one group merges them all, then refuses the first.
    let nested = format!(
        r#"{{ "extends": "hunan-2024", "minimums": {{ {} }} }}"#,
        keys.join(", ")
    );
    let file: PolicyFile = serde_json::from_str(&nested).unwrap();
    let e = Registry::builtin().load(&file).unwrap_err().to_string();
    assert!(
        e.starts_with("policy file refused: minimums.k0: unknown field `k0`"),
        "{e}"
    );
}

/// Issue 13.3: 50,000 citations of one rule are each refused as a repeat, by path.
#[test]
fn fifty_thousand_repeated_citations_are_each_named() {
    let policy = Policy::hunan_2024();
    let mut value = serde_json::to_value(&policy).unwrap();
    let first = value["citations"][0].clone();
    let citations = value["citations"].as_array_mut().unwrap();
    let base = citations.len();
    citations.extend(std::iter::repeat_n(first, 50_000));
    let file: PolicyFile = serde_json::from_value(value).unwrap();
    let Err(PolicyError::Invalid { problems, .. }) = Registry::builtin().load(&file) else {
        panic!("50,000 repeated citations accepted");
    };
    assert_eq!(problems.len(), 50_000);
    assert_eq!(problems[0].path, format!("citations[{base}].rule"));
    assert_eq!(
        problems[0].kind,
        ProblemKind::CitedTwice { rule: RuleId::N1_1 }
    );
    assert_eq!(problems[0].kind.to_string(), "`N.1.1` is cited twice");
    assert_eq!(
        problems[49_999].path,
        format!("citations[{}].rule", base + 49_999)
    );
    // An overlay of 50,000 entries of one rule merges them into that rule's citation.
    let entries: Vec<String> = (0..50_000)
        .map(|i| format!(r#"{{ "rule": "N.1.1", "text": "text {i}" }}"#))
        .collect();
    let overlay = format!(
        r#"{{ "extends": "hunan-2024", "citations": [{}] }}"#,
        entries.join(", ")
    );
    let merged = load(&overlay).unwrap();
    assert_eq!(merged.citations.len(), base);
    assert_eq!(merged.citation(RuleId::N1_1).unwrap().text, "text 49999");
}

/// Issue 13.3: 50,000 rank bands are refused for their number in one pass, every other
/// problem of a band still named; within the limit, each band that overlaps an earlier one is
/// named with the first it overlaps.
#[test]
fn a1_c3_fifty_thousand_rank_bands_are_checked_at_once() {
    let band = |from: u32, to: Option<u32>| cehours::RankBand::new(from, to, Decimal::ONE);
    let mut policy = Policy::hunan_2024();
    policy
        .papers
        .as_mut()
        .expect("the policy has the section")
        .bands = (1..=50_000).map(|rank| band(rank, Some(rank))).collect();
    let messages = |policy: &Policy| -> Vec<String> {
        match policy.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.problems.iter().map(ToString::to_string).collect(),
        }
    };
    assert_eq!(
        messages(&policy),
        ["papers.bands: holds 50000 bands; at most 64 are allowed"]
    );
    policy
        .papers
        .as_mut()
        .expect("the policy has the section")
        .bands
        .push(band(0, Some(0)));
    policy
        .papers
        .as_mut()
        .expect("the policy has the section")
        .bands
        .push(band(7, Some(6)));
    assert_eq!(
        messages(&policy),
        [
            "papers.bands[50000].from: ranks start at 1",
            "papers.bands[50001].to: band 7–6 is empty",
            "papers.bands: holds 50002 bands; at most 64 are allowed"
        ]
    );
    // Sixty-four bands are allowed, in any order.
    policy
        .papers
        .as_mut()
        .expect("the policy has the section")
        .bands = (1..=64).rev().map(|rank| band(rank, Some(rank))).collect();
    assert_eq!(messages(&policy), Vec::<String>::new());
    // Band [3] (from 40 on) overlaps bands [0] and [1]: the first is named; [2] overlaps none.
    policy
        .papers
        .as_mut()
        .expect("the policy has the section")
        .bands = vec![
        band(40, Some(50)),
        band(45, Some(45)),
        band(1, Some(39)),
        band(40, None),
    ];
    assert_eq!(
        messages(&policy),
        [
            "papers.bands[1]: band overlaps band [0]",
            "papers.bands[3]: band overlaps band [0]"
        ]
    );
}

/// Issue 13.9: policies that validated although absurd are refused, each by its path.
#[test]
fn absurd_policies_are_refused_by_path() {
    // A1.C1: a half day worth more than a day.
    let e = problems(
        r#"{ "extends": "hunan-2024", "days": { "per_day": "1", "per_half_day": "100" } }"#,
    );
    assert!(
        e.contains("days.per_half_day: a half day `100` is worth more than a whole day `1`"),
        "{e}"
    );
    assert!(
        load(r#"{ "extends": "hunan-2024", "days": { "per_day": "8", "per_half_day": "8" } }"#)
            .is_ok()
    );
    // N.1.2: all minimums zero would pass an empty record.
    let e = problems(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "0", "professional": "0", "total": "0" } }"#,
    );
    assert!(
        e.contains(
            "minimums.total: must be positive (a zero total passes an empty record), not `0`"
        ),
        "{e}"
    );
    let e = problems(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "-1", "professional": "-1", "total": "-1" } }"#,
    );
    for path in [
        "minimums.public: must not be negative, not `-1`",
        "minimums.professional: must not be negative, not `-1`",
        "minimums.total: must be positive",
    ] {
        assert!(e.contains(path), "{path} in {e}");
    }
    // A1.M3, I-3: minutes per hour outside 1–600.
    for minutes in ["0.0000000000000000000000000001", "0.5", "600.01", "-45"] {
        let e = problems(&format!(
            r#"{{ "extends": "hunan-2024", "online_courses": {{ "minutes_per_hour": "{minutes}" }} }}"#
        ));
        assert!(
            e.contains("online_courses.minutes_per_hour: must be from 1 to 600 minutes"),
            "{minutes}: {e}"
        );
    }
    for minutes in ["1", "45", "600"] {
        assert!(
            load(&format!(
                r#"{{ "extends": "hunan-2024", "online_courses": {{ "minutes_per_hour": "{minutes}" }} }}"#
            ))
            .is_ok(),
            "{minutes}"
        );
    }
    // Limits beyond their hard ceilings.
    let e = problems(
        r#"{ "extends": "hunan-2024", "limits": { "max_items": 18446744073709551615, "max_span_years": 201 } }"#,
    );
    assert!(
        e.contains("limits.max_items: must be from 1 to 10000000, not 18446744073709551615"),
        "{e}"
    );
    assert!(
        e.contains("limits.max_span_years: must be from 1 to 200, not 201"),
        "{e}"
    );
    assert!(load(r#"{ "extends": "hunan-2024", "limits": { "max_items": 10000000, "max_span_years": 200 } }"#).is_ok());
    let e = problems(
        r#"{ "extends": "hunan-2024", "limits": { "max_items": 0, "max_span_years": 0 } }"#,
    );
    assert!(e.contains("limits.max_items: must be from 1"), "{e}");
    assert!(e.contains("limits.max_span_years: must be from 1"), "{e}");
    // N.2: a default span longer than the limit.
    let e = problems(r#"{ "extends": "hunan-2024", "review_span": { "from": 1, "to": 9999 } }"#);
    assert!(
        e.contains("review_span: span 1–9999 is longer than the 50 years the policy allows"),
        "{e}"
    );
    assert!(
        load(r#"{ "extends": "hunan-2024", "review_span": { "from": 1974, "to": 2023 } }"#).is_ok()
    );
}

/// Issue 13.9: lists every evaluation walks are bounded, and enum lists hold no repeats.
#[test]
fn lists_an_evaluation_walks_are_bounded() {
    let caps: Vec<&str> = vec![r#"{ "rule": "A1.C3", "kinds": ["paper"], "hours": "40" }"#; 65];
    let e = problems(&format!(
        r#"{{ "extends": "hunan-2024", "caps": [{}] }}"#,
        caps.join(", ")
    ));
    assert!(
        e.contains("caps: holds 65 entries; at most 64 are allowed"),
        "{e}"
    );
    assert!(
        load(&format!(
            r#"{{ "extends": "hunan-2024", "caps": [{}] }}"#,
            caps[..64].join(", ")
        ))
        .is_ok()
    );
    let e = problems(
        r#"{ "extends": "hunan-2024", "caps": [ { "rule": "A1.C3", "kinds": ["paper", "book", "paper"], "hours": "40" } ],
             "research": { "sponsors": ["government", "government"] },
             "assignments": { "programs": ["aid_tibet", "east_west", "aid_tibet"] } }"#,
    );
    for path in [
        "caps[0].kinds[2]: repeats [0]",
        "research.sponsors[1]: repeats [0]",
        "assignments.programs[2]: repeats [0]",
    ] {
        assert!(e.contains(path), "{path} in {e}");
    }
    let extensions: Vec<String> = (0..101).map(|i| format!(r#""e{i}""#)).collect();
    let e = problems(&format!(
        r#"{{ "extends": "hunan-2024", "materials": {{ "uploads": {{ "extensions": [{}] }} }} }}"#,
        extensions.join(", ")
    ));
    assert!(
        e.contains("materials.uploads.extensions: holds 101 entries; at most 100 are allowed"),
        "{e}"
    );
    // Three alternatives of 90 requirements: an item could lack 270.
    let alternative = format!(
        r#"{{ "rule": "A1.M7", "requires": [{}] }}"#,
        vec![r#"["patent_certificate"]"#; 90].join(", ")
    );
    let e = problems(&format!(
        r#"{{ "extends": "hunan-2024", "materials": {{ "kinds": {{ "patent": {{ "alternatives": [{a}, {a}, {a}] }} }} }} }}"#,
        a = alternative
    ));
    assert!(
        e.contains("materials.kinds.patent: an item could lack 270 requirements"),
        "{e}"
    );
}

/// Issue 14.4: a policy's identity cannot lie. A registry refuses another policy under an ID
/// it has; an overlay that keeps its base's ID while changing a figure is refused; one that
/// names no ID gets one of its own; every report carries the fingerprint of its policy.
#[test]
fn policy_identity_and_fingerprint() {
    let mut registry = cehours::Registry::builtin();
    let mut changed = Policy::hunan_2024();
    changed
        .days
        .as_mut()
        .expect("the policy has the section")
        .per_day = Decimal::from(10);
    assert_eq!(
        registry.insert(changed.clone()).unwrap_err().to_string(),
        "policy `hunan-2024` is already registered with other figures; give the changed policy an ID of its own"
    );
    // The very same policy again changes nothing.
    registry.insert(Policy::hunan_2024()).unwrap();
    assert_eq!(registry.ids(), ["hunan-2024"]);

    let keeps_id =
        load(r#"{ "extends": "hunan-2024", "id": "hunan-2024", "days": { "per_day": "10" } }"#);
    assert!(
        keeps_id
            .unwrap_err()
            .to_string()
            .contains("already registered"),
        "an overlay keeping its base's ID is refused"
    );
    let unnamed = load(r#"{ "extends": "hunan-2024", "days": { "per_day": "10" } }"#).unwrap();
    assert!(unnamed.id.starts_with("hunan-2024~"), "{}", unnamed.id);
    assert_eq!(unnamed.id.len(), "hunan-2024~".len() + 12);
    let same = load(r#"{ "extends": "hunan-2024" }"#).unwrap();
    assert_eq!(
        same.id, "hunan-2024",
        "an overlay that changes nothing is its base"
    );

    let record = Record::default();
    let base = Policy::hunan_2024();
    let report = cehours::evaluate(&record, &base).unwrap();
    assert_eq!(report.policy_fingerprint, base.fingerprint());
    let other = cehours::evaluate(&record, &unnamed).unwrap();
    assert_eq!(other.policy, unnamed.id);
    assert_ne!(other.policy_fingerprint, report.policy_fingerprint);
    assert_eq!(base.fingerprint().len(), "sha256:".len() + 64);
}

/// A file that does not fit says what is wrong and where, as fields of the error.
#[test]
fn a_misfit_policy_file_names_the_path_and_the_reason() {
    let e = load(r#"{ "extends": "hunan-2024", "minimums": { "totl": "1" } }"#).unwrap_err();
    let PolicyError::Field { path, reason } = &e else {
        panic!("not a field error: {e:?}");
    };
    assert_eq!(path, "minimums.totl");
    assert!(reason.starts_with("unknown field `totl`"), "{reason}");
    assert!(
        e.to_string()
            .starts_with("policy file refused: minimums.totl: unknown field `totl`"),
        "{e}"
    );
    let e = load(r#"{ "extends": 7 }"#).unwrap_err();
    assert_eq!(
        e,
        PolicyError::Extends {
            found: "7".to_owned()
        }
    );
    assert_eq!(
        e.to_string(),
        "policy file refused: extends: expected a policy ID, found 7"
    );
}

/// `Policy::validate` returns one error listing every problem, each of a typed kind.
#[test]
fn an_invalid_policy_is_one_error_listing_its_problems() {
    let mut policy = Policy::hunan_2024();
    policy.id = " ".to_owned();
    policy
        .assignments
        .as_mut()
        .expect("the policy has the section")
        .min_months = 0;
    let e = policy.validate().unwrap_err();
    let kinds: Vec<(&str, &ProblemKind)> = e
        .problems
        .iter()
        .map(|p| (p.path.as_str(), &p.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("id", &ProblemKind::Empty),
            ("assignments.min_months", &ProblemKind::Zero)
        ]
    );
    assert_eq!(
        e.to_string(),
        "policy is invalid: id: must not be empty; assignments.min_months: must be at least 1"
    );
}
