//! The open policy model feature by feature: each test writes a policy overlay (hunan-2024
//! with `credits` entries, other minimums or a window), evaluates a record and checks figures
//! worked out by hand in its comment. Named after the model feature they check
//! (`docs/policies.md`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use cehours::{
    EvaluateError, FindingCode, Policy, PolicyFile, Record, Registry, Report, RuleId, Subject,
};
use rust_decimal::Decimal;

fn load(overlay: &str) -> Policy {
    let file: PolicyFile = serde_json::from_str(overlay).unwrap();
    Registry::builtin().load(&file).unwrap()
}

fn record(text: &str) -> Record {
    serde_json::from_str(text).unwrap()
}

fn run(policy: &Policy, text: &str) -> Report {
    let report = cehours::evaluate(&record(text), policy).unwrap();
    // Both ledgers agree under every feature.
    let totals = cehours::Evaluator::new(policy)
        .totals(&record(text))
        .unwrap();
    assert_eq!(totals, report.totals());
    report
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Every credit of item `id`: (year, subject, hours).
fn credits(report: &Report, id: &str) -> Vec<(i32, Subject, Decimal)> {
    report
        .years
        .iter()
        .flat_map(|y| {
            y.credits
                .iter()
                .filter(|c| c.evidence.as_str() == id)
                .map(move |c| (y.year, c.subject, c.hours))
        })
        .collect()
}

fn codes(report: &Report, id: &str) -> Vec<FindingCode> {
    report
        .findings
        .iter()
        .filter(|f| f.evidence.as_str() == id)
        .map(|f| f.code)
        .collect()
}

const P: Subject = Subject::Professional;

/// Day rates per kind and per condition: full-time training 6 a day, part-time 3 a day
/// (宿迁). 2 full-time days = 12; 3 part-time days = 9; 1.5 part-time days = 3 + 1.5 = 4.5.
#[test]
fn day_rates_per_kind_and_mode() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C1", "kind": "training", "when": { "mode": "full_time" },
          "method": { "days": { "per_day": "6", "per_half_day": "3" } } },
        { "rule": "A1.C1", "kind": "training", "when": { "mode": "part_time" },
          "method": { "days": { "per_day": "3", "per_half_day": "1.5" } } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "f", "kind": "training", "start": "2020-03-02", "end": "2020-03-03", "days": "2" },
        { "id": "p", "kind": "training", "start": "2020-04-06", "end": "2020-04-08", "days": "3", "mode": "part_time" },
        { "id": "h", "kind": "training", "start": "2020-05-06", "end": "2020-05-07", "days": "1.5", "mode": "part_time" } ] }"#,
    );
    assert_eq!(credits(&r, "f"), [(2020, P, d("12"))]);
    assert_eq!(credits(&r, "p"), [(2020, P, d("9"))]);
    assert_eq!(credits(&r, "h"), [(2020, P, d("4.5"))]);
}

/// Training credited by stated hours, or at a lower rate when only days are known: stated
/// hours one for one; days alone 4 a day. 7.5 stated hours = 7.5; 2 days without hours = 8.
#[test]
fn stated_hours_or_a_lower_rate_for_days_alone() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C1", "kind": "training", "when": { "hours_stated": true }, "method": { "per_hour": "1" } },
        { "rule": "A1.C1", "kind": "training", "when": { "hours_stated": false },
          "method": { "days": { "per_day": "4", "per_half_day": "2" } } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "s", "kind": "training", "start": "2021-03-02", "days": "1", "hours": "7.5" },
        { "id": "n", "kind": "training", "start": "2021-04-06", "end": "2021-04-07", "days": "2" } ] }"#,
    );
    assert_eq!(credits(&r, "s"), [(2021, P, d("7.5"))]);
    assert_eq!(credits(&r, "n"), [(2021, P, d("8"))]);
}

/// A 学时 of 45 minutes and a cap tied to the duration: stated clock hours × 60 / 45, at most
/// 8 a day. 6 h → 8 (at the cap, no warning); 9 h over one day → 12 → 8 (warning);
/// 9 h over two days → 12 (cap 16). Days alone at 6 a day: 1 day = 6.
#[test]
fn minutes_per_hour_and_a_cap_per_day() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C1", "kind": "training", "minutes_per_hour": "45", "max_per_day": "8",
          "method": { "hours_or_days": { "per_day": "6", "per_half_day": "3" } } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "a", "kind": "training", "start": "2022-03-01", "days": "1", "hours": "6" },
        { "id": "b", "kind": "training", "start": "2022-03-02", "days": "1", "hours": "9" },
        { "id": "c", "kind": "training", "start": "2022-03-03", "end": "2022-03-04", "days": "2", "hours": "9" },
        { "id": "e", "kind": "training", "start": "2022-03-07", "days": "1" } ] }"#,
    );
    assert_eq!(credits(&r, "a"), [(2022, P, d("8"))]);
    assert!(codes(&r, "a").is_empty());
    assert_eq!(credits(&r, "b"), [(2022, P, d("8"))]);
    assert_eq!(codes(&r, "b"), [FindingCode::ItemCapReached]);
    assert_eq!(credits(&r, "c"), [(2022, P, d("12"))]);
    assert_eq!(credits(&r, "e"), [(2022, P, d("6"))]);
}

/// A minimum as a share of the actual total (专业科目一般不少于总学时的三分之二), no fixed subject
/// minimum. 2020: 40 public + 50 professional = 90: professional must reach 2/3 of the total;
/// x more professional hours: 3(50 + x) ≥ 2(90 + x) → x ≥ 30. 2021: 30 + 60 = 90: 60 = 2/3 × 90,
/// passes.
#[test]
fn professional_share_of_the_actual_total() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "0", "professional": "0",
        "professional_share": { "rule": "N.1.2", "numerator": 2, "denominator": 3 } } }"#,
    );
    let r = run(
        &policy,
        r#"{ "span": { "from": 2020, "to": 2021 }, "evidence": [
        { "id": "a", "kind": "online_course", "subject": "public", "date": "2020-03-01", "hours": "40" },
        { "id": "b", "kind": "online_course", "date": "2020-03-01", "hours": "50" },
        { "id": "c", "kind": "online_course", "subject": "public", "date": "2021-03-01", "hours": "30" },
        { "id": "e", "kind": "online_course", "date": "2021-03-01", "hours": "60" } ] }"#,
    );
    let y2020 = &r.years[0];
    assert!(!y2020.passed);
    assert_eq!(y2020.shortfall.professional, d("30"));
    assert_eq!(y2020.shortfall.total, Decimal::ZERO);
    assert!(r.years[1].passed);
    assert!(!r.passed);
}

/// Minimums over the whole span (Ningxia-like): 360 with public ≥ 120 over 2019–2022, no
/// yearly minimum. 4 years × (30 public + 60 professional) = 120 + 240 = 360: passes; each
/// year passes on its own (no yearly figure).
#[test]
fn minimums_over_the_span() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "120", "professional": "0",
        "total": "360", "scope": "span" } }"#,
    );
    let mut items = String::new();
    for (i, year) in (2019..=2022).enumerate() {
        items += &format!(
            r#"{{ "id": "p{i}", "kind": "online_course", "subject": "public", "date": "{year}-03-01", "hours": "30" }},
               {{ "id": "q{i}", "kind": "online_course", "date": "{year}-03-01", "hours": "60" }},"#
        );
    }
    let text = format!(
        r#"{{ "span": {{ "from": 2019, "to": 2022 }}, "evidence": [{}] }}"#,
        items.trim_end_matches(',')
    );
    let r = run(&policy, &text);
    let check = r.span_check.unwrap();
    assert_eq!((check.public, check.total), (d("120"), d("360")));
    assert!(check.passed && r.passed);
    assert!(r.years.iter().all(|y| y.passed && y.shortfall.is_zero()));
    // One public hour less in 2022: 119 public, 359 in all.
    let less = text.replacen(
        r#""date": "2022-03-01", "hours": "30""#,
        r#""date": "2022-03-01", "hours": "29""#,
        1,
    );
    let r = run(&policy, &less);
    let check = r.span_check.unwrap();
    assert!(!check.passed && !r.passed);
    assert_eq!(
        (check.shortfall.public, check.shortfall.total),
        (d("1"), d("1"))
    );
}

/// An average a year over the span (徐州: 72 a year over the cycle): 72 × the years not
/// waived. 2019–2023 with 2020 waived by a 12-month assignment: 4 × 72 = 288 needed; 300
/// credited (5 × 60 professional) passes. Without the waiver: 360 needed, 60 short.
#[test]
fn minimums_as_an_average_over_the_span() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "0", "professional": "0",
        "total": "72", "scope": "span_average" } }"#,
    );
    let mut items: Vec<String> = (2019..=2023)
        .map(|y| {
            format!(
                r#"{{ "id": "c{y}", "kind": "online_course", "date": "{y}-03-01", "hours": "60" }}"#
            )
        })
        .collect();
    let plain = format!(r#"{{ "evidence": [{}] }}"#, items.join(","));
    let r = run(&policy, &plain);
    assert_eq!(r.span_check.unwrap().shortfall.total, d("60"));
    items.push(r#"{ "id": "w", "kind": "assignment", "program": "aid_tibet", "start": "2020-01-01", "end": "2020-12-31", "assessment_passed": true }"#.to_owned());
    let waived = format!(r#"{{ "evidence": [{}] }}"#, items.join(","));
    let r = run(&policy, &waived);
    let check = r.span_check.unwrap();
    assert_eq!(check.total, d("300"));
    assert!(check.passed && r.passed);
}

/// Minimums per title grade with their own span length: a junior grade held to 120 over
/// its last 3 years (2021–2023, ending with hunan-2024's 2023); an unknown grade is refused.
#[test]
fn minimums_per_title_grade() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "grades": [ { "grades": ["junior"], "years": 3,
        "minimums": { "rule": "N.1.2", "public": "0", "professional": "0", "total": "120", "scope": "span" } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "grade": "junior", "evidence": [
        { "id": "a", "kind": "online_course", "date": "2021-03-01", "hours": "50" },
        { "id": "b", "kind": "online_course", "date": "2023-03-01", "hours": "50" } ] }"#,
    );
    assert_eq!((r.span.from, r.span.to), (2021, 2023));
    assert_eq!(r.span_check.unwrap().shortfall.total, d("20"));
    // No grade: hunan-2024's own minimums, each year.
    let r = run(&policy, r#"{ "evidence": [] }"#);
    assert!(r.span_check.is_none());
    assert_eq!(r.years.len(), 5);
    let err = cehours::evaluate(&record(r#"{ "grade": "senior", "evidence": [] }"#), &policy)
        .unwrap_err();
    assert!(
        matches!(err, EvaluateError::UnknownGrade { ref grade, ref known } if grade == "senior" && known == &["junior"])
    );
}

/// Hours spread over several years: a degree's 100 in equal parts over 3 years (33.33 each,
/// the first year takes the rest: 33.34); a membership's 10 in each of 2 years.
#[test]
fn hours_spread_over_years() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C8", "kind": "declared", "type": "degree", "method": { "fixed": "100" },
          "spread": { "years": 3, "how": "even" } },
        { "rule": "A1.C8", "kind": "declared", "type": "membership", "method": { "fixed": "10" },
          "spread": { "years": 2, "how": "each_year" } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "g", "kind": "declared", "type": "degree", "date": "2020-07-01" },
        { "id": "m", "kind": "declared", "type": "membership", "date": "2022-01-01" },
        { "id": "late", "kind": "declared", "type": "degree", "date": "2023-07-01" } ] }"#,
    );
    assert_eq!(
        credits(&r, "g"),
        [
            (2020, P, d("33.34")),
            (2021, P, d("33.33")),
            (2022, P, d("33.33"))
        ]
    );
    assert_eq!(credits(&r, "m"), [(2022, P, d("10")), (2023, P, d("10"))]);
    // Completed in the span's last year: the first part counts, the rest is outside it.
    assert_eq!(credits(&r, "late"), [(2023, P, d("33.34"))]);
    assert_eq!(codes(&r, "late"), [FindingCode::OutsideSpan]);
}

/// Hours credited per year of a multi-year activity: a programme run from September 2019 to
/// June 2021 earns its 10 in each of 2019, 2020 and 2021 (at most 5 years); one of two years
/// (2022–2023) earns 10 in each.
#[test]
fn hours_credited_per_year_of_a_multi_year_activity() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C8", "kind": "declared", "type": "programme", "method": { "fixed": "10" },
          "spread": { "years": 5, "how": "each_year_it_runs" } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "p", "kind": "declared", "type": "programme", "start": "2019-09-01", "end": "2021-06-30" },
        { "id": "q", "kind": "declared", "type": "programme", "start": "2022-03-01", "end": "2023-01-31" } ] }"#,
    );
    assert_eq!(
        credits(&r, "p"),
        [(2019, P, d("10")), (2020, P, d("10")), (2021, P, d("10"))]
    );
    assert_eq!(credits(&r, "q"), [(2022, P, d("10")), (2023, P, d("10"))]);
}

/// Subject routing: awards converted into public hours (安徽 2025); converted credits filling
/// professional first, then public (the accountants' provincial rule). 2020: 30 professional
/// from an online course, then 50 converted: 30 professional (to the minimum 60) + 20 public.
#[test]
fn routing_into_public_and_professional_first() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C5", "kind": "award", "subject": "public",
          "method": { "by_level": { "municipal": "5" } } },
        { "rule": "A1.C3", "kind": "declared", "type": "converted", "subject": "professional_first",
          "method": { "fixed": "50" } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "x", "kind": "declared", "type": "converted", "date": "2020-06-01" },
        { "id": "o", "kind": "online_course", "date": "2020-09-01", "hours": "30" },
        { "id": "a", "kind": "award", "level": "municipal", "grade": "third", "awarded": "2021-05-01" } ] }"#,
    );
    assert_eq!(
        credits(&r, "x"),
        [(2020, P, d("30")), (2020, Subject::Public, d("20"))]
    );
    assert_eq!(credits(&r, "a"), [(2021, Subject::Public, d("5"))]);
    assert_eq!(
        (r.years[1].public, r.years[1].professional),
        (d("20"), d("60"))
    );
}

/// Per-event hours by level with a bonus for presenting a paper, by its length: national 10,
/// provincial 6; a paper of 5,000–9,999 characters adds 2, of 10,000 or more 4. National with
/// 12,000 characters: 14; provincial with 3,000 (no band): 6; municipal: no figure.
#[test]
fn per_event_hours_by_level_with_a_presenting_bonus() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C1", "kind": "conference",
          "method": { "by_level": { "national": "10", "provincial": "6" } },
          "presenting": [ { "from_characters": 5000, "to_characters": 9999, "hours": "2" },
                          { "from_characters": 10000, "hours": "4" } ] } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "n", "kind": "conference", "start": "2021-10-10", "days": "1", "level": "national", "presented_characters": 12000 },
        { "id": "p", "kind": "conference", "start": "2021-10-11", "days": "1", "level": "provincial", "presented_characters": 3000 },
        { "id": "m", "kind": "conference", "start": "2021-10-12", "days": "1", "level": "municipal" } ] }"#,
    );
    assert_eq!(credits(&r, "n"), [(2021, P, d("14"))]);
    assert_eq!(credits(&r, "p"), [(2021, P, d("6"))]);
    assert_eq!(codes(&r, "m"), [FindingCode::LevelNotCredited]);
}

/// Self-study output per thousand characters with a yearly cap (四川: 1 per thousand, capped
/// each year): 3,500 characters → 3; 4,200 → 4, but only 5 − 3 = 2 fit under the cap of 5.
#[test]
fn per_thousand_characters_with_a_yearly_cap() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C3", "kind": "declared", "type": "self_study",
          "method": { "per_thousand_characters": "1" }, "year_cap": "5" } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "a", "kind": "declared", "type": "self_study", "date": "2022-02-01", "characters": 3500 },
        { "id": "b", "kind": "declared", "type": "self_study", "date": "2022-08-01", "characters": 4200 },
        { "id": "c", "kind": "declared", "type": "self_study", "date": "2023-08-01", "characters": 4200 } ] }"#,
    );
    assert_eq!(credits(&r, "a"), [(2022, P, d("3"))]);
    assert_eq!(credits(&r, "b"), [(2022, P, d("2"))]);
    assert_eq!(codes(&r, "b"), [FindingCode::YearCapReached]);
    assert_eq!(credits(&r, "c"), [(2023, P, d("4"))]);
}

/// Teaching and lectures by a multiplier, and a cap per item: 3 per hour taught, at most 30
/// an item. 8 hours → 24; 12 hours → 36 → 30 with a warning.
#[test]
fn teaching_multiplier_and_a_cap_per_item() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C1", "kind": "declared", "type": "teaching", "method": { "per_hour": "3" },
          "max_per_item": "30" } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "a", "kind": "declared", "type": "teaching", "date": "2021-03-01", "hours": "8" },
        { "id": "b", "kind": "declared", "type": "teaching", "date": "2021-04-01", "hours": "12" } ] }"#,
    );
    assert_eq!(credits(&r, "a"), [(2021, P, d("24"))]);
    assert_eq!(credits(&r, "b"), [(2021, P, d("30"))]);
    assert_eq!(codes(&r, "b"), [FindingCode::ItemCapReached]);
}

/// A third subject bucket (广东: public ≥ 30, professional ≥ 42, electives ≥ 18): elective
/// hours count toward the total and their own minimum. 30 + 42 + 10 = 82: 8 elective and 8
/// in all short; adding 8 elective passes.
#[test]
fn a_third_subject_bucket() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "minimums": { "public": "30", "professional": "42",
        "total": "90", "elective": "18" }, "credits": [
        { "rule": "N.1.2", "kind": "declared", "type": "elective_course", "subject": "elective",
          "method": { "per_hour": "1" } } ] }"#,
    );
    let text = r#"{ "span": { "from": 2021, "to": 2021 }, "evidence": [
        { "id": "p", "kind": "online_course", "subject": "public", "date": "2021-03-01", "hours": "30" },
        { "id": "q", "kind": "online_course", "date": "2021-03-01", "hours": "42" },
        { "id": "e", "kind": "declared", "type": "elective_course", "date": "2021-03-01", "hours": "10" } ] }"#;
    let r = run(&policy, text);
    let y = &r.years[0];
    assert_eq!((y.elective, y.total), (d("10"), d("82")));
    assert_eq!((y.shortfall.elective, y.shortfall.total), (d("8"), d("8")));
    assert_eq!(credits(&r, "e"), [(2021, Subject::Elective, d("10"))]);
    let more = text.replace(r#""hours": "10""#, r#""hours": "18""#);
    assert!(run(&policy, &more).passed);
}

/// Sub-project tiers: a 子课题 credited at its own table (host 20, members 10) beside the
/// project table (host 60, members 30).
#[test]
fn sub_project_tiers() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "A1.C2", "kind": "research_project", "when": { "tier": "sub_project" },
          "method": { "by_rank": [ { "from": 1, "to": 1, "hours": "20" }, { "from": 2, "hours": "10" } ] } },
        { "rule": "A1.C2", "kind": "research_project",
          "method": { "by_rank": [ { "from": 1, "to": 1, "hours": "60" }, { "from": 2, "hours": "30" } ] } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [
        { "id": "s", "kind": "research_project", "level": "provincial", "role": "host", "rank": 1, "completed": "2021-12-01", "tier": "sub_project" },
        { "id": "t", "kind": "research_project", "level": "provincial", "role": "member", "rank": 3, "completed": "2021-12-01" } ] }"#,
    );
    assert_eq!(credits(&r, "s"), [(2021, P, d("20"))]);
    assert_eq!(credits(&r, "t"), [(2021, P, d("30"))]);
}

/// Open clause IDs: a policy numbers its own clauses; a credit cites the clause of its entry,
/// and a clause no citation declares is refused with its path.
#[test]
fn open_clause_ids() {
    let policy = load(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "第十条", "kind": "declared", "type": "teaching", "method": { "per_hour": "2" } } ],
        "citations": [ { "rule": "第十条", "source": "某省规定 第十条", "text": "授课每学时折算2学时。",
          "effective": { "from": "2024-01-01", "to": null } } ] }"#,
    );
    let r = run(
        &policy,
        r#"{ "evidence": [ { "id": "t", "kind": "declared", "type": "teaching", "date": "2021-03-01", "hours": "4" } ] }"#,
    );
    let credit = &r.years[2].credits[0];
    assert_eq!(credit.rule.as_str(), "第十条");
    assert_eq!(credit.rule, RuleId::declared("第十条").unwrap());
    assert_eq!(credit.hours, d("8"));
    let cited = policy.citation(credit.rule).unwrap();
    assert_eq!(cited.text, "授课每学时折算2学时。");

    let file: PolicyFile = serde_json::from_str(
        r#"{ "extends": "hunan-2024", "credits": [
        { "rule": "第十一条", "kind": "declared", "type": "teaching", "method": { "per_hour": "2" } } ] }"#,
    )
    .unwrap();
    let err = Registry::builtin().load(&file).unwrap_err().to_string();
    assert!(
        err.contains("credits[0].rule: rule `第十一条` has no citation"),
        "{err}"
    );
}

/// A per-person window is a policy's clause: under hunan-2024, which has none, a record giving
/// `counts_from` is refused rather than silently read.
#[test]
fn counts_from_needs_a_person_window() {
    let err = cehours::evaluate(
        &record(r#"{ "counts_from": "2021-01-01", "evidence": [] }"#),
        &Policy::hunan_2024(),
    )
    .unwrap_err();
    assert_eq!(err, EvaluateError::NoPersonWindow("hunan-2024".to_owned()));
}

/// The minimal file of `docs/policies.md` (`examples/policies/open-model-minimal.json`) loads
/// as it is and computes: 2023 — training 2 days stating 18 hours (at most 8 a day: 16),
/// training 3 days without hours (6 a day: 18), an online course of 9 clock hours (45-minute
/// 学时: 12) in public, 30 hours taught (× 2 = 60, at most 40): professional 74, public 12,
/// total 86; public lacks 12 of 24; professional 74 ≥ 2/3 × 86.
#[test]
fn the_minimal_file_of_the_docs() {
    let policy: Policy =
        serde_json::from_str(include_str!("../examples/policies/open-model-minimal.json")).unwrap();
    assert_eq!(policy.validate(), Ok(()));
    let r = run(
        &policy,
        r#"{ "span": { "from": 2023, "to": 2023 }, "evidence": [
        { "id": "a", "kind": "training", "start": "2023-03-01", "end": "2023-03-02", "days": "2", "hours": "18" },
        { "id": "b", "kind": "training", "start": "2023-04-03", "end": "2023-04-05", "days": "3" },
        { "id": "c", "kind": "online_course", "subject": "public", "date": "2023-05-01", "hours": "9" },
        { "id": "t", "kind": "declared", "type": "teaching", "date": "2023-06-01", "hours": "30" } ] }"#,
    );
    let y = &r.years[0];
    assert_eq!(
        (y.professional, y.public, y.total),
        (d("74"), d("12"), d("86"))
    );
    assert_eq!(y.shortfall.public, d("12"));
    assert_eq!(y.shortfall.professional, Decimal::ZERO);
    assert_eq!(y.shortfall.total, Decimal::ZERO);
    assert!(!r.passed);
    assert_eq!(credits(&r, "a"), [(2023, P, d("16"))]);
    assert_eq!(credits(&r, "t"), [(2023, P, d("40"))]);
}
