//! Properties of the evaluation that must hold for every record (proptest, with the crate's own
//! strategies from `cehours::strategies`, which reach every rule: see `docs/reach.md`).
//!
//! Case counts keep `cargo test` quick; `PROPTEST_CASES=N` runs every property N times
//! instead (and the mutation test on 8·N inputs, at least 512).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::collections::BTreeMap;

use cehours::strategies::{self, numbered, respell};
use cehours::{
    Activity, Evaluator, Evidence, EvidenceId, FindingCode, Kind, Policy, Record, Report, RuleId,
    Subject, YearCap,
};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use rust_decimal::Decimal;

/// `PROPTEST_CASES` when set, otherwise `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        ..ProptestConfig::default()
    }
}

fn report(record: &Record) -> Report {
    cehours::evaluate(record, &Policy::hunan_2024()).unwrap()
}

fn totals(report: &Report) -> Vec<(i32, Decimal, bool)> {
    report
        .years
        .iter()
        .map(|y| (y.year, y.total, y.waived))
        .collect()
}

fn activities(record: &Record) -> Vec<Activity> {
    record.evidence.iter().map(|e| e.activity.clone()).collect()
}

fn is_work(a: &Activity) -> bool {
    matches!(
        a,
        Activity::Paper(_) | Activity::Book(_) | Activity::Patent(_)
    )
}

/// An ISBN-13 of its own for the `n`-th book (978 7 111 n, with its check digit).
fn isbn(n: usize) -> String {
    let body = format!("978711{:06}", n % 1_000_000);
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// The record as one whose evaluation the rules make independent of the evidence order:
///
/// - at most one certificate (when two cover a year, the first in the record stands, I-9);
/// - every work (paper, book, patent) its own identity, then `copies` copies of works inserted
///   at given places, each [`respell`]ed (another spelling of the same title, number or
///   serial, same date and rank): which copy keeps the hours depends on the order (I-8 rev. 2),
///   but the copies earn alike, in one year;
/// - every day-based item of the subject `subject`: which of two items competing for a day
///   gets it depends on the order (ties go to the earlier, I-8), and with one subject the
///   hours land alike.
fn order_safe(
    record: Record,
    subject: Option<Subject>,
    copies: &[(Index, Index, usize)],
) -> Record {
    let mut seen_certificate = false;
    let mut items: Vec<Evidence> = Vec::new();
    for (n, mut e) in record.evidence.into_iter().enumerate() {
        match &mut e.activity {
            Activity::PriorCertificate(_) if seen_certificate => continue,
            Activity::PriorCertificate(_) => seen_certificate = true,
            Activity::Paper(p) => p.title = Some(format!("paper {n}")),
            Activity::Book(b) => {
                b.title = Some(format!("book {n}"));
                if b.isbn.is_some() {
                    b.isbn = Some(isbn(n));
                }
            }
            Activity::Patent(p) => p.number = Some(format!("ZL 2020 1 {n:07}.1")),
            Activity::Training(t) => t.subject = subject,
            Activity::Practice(d) | Activity::OverseasExchange(d) => d.subject = subject,
            Activity::Conference(c) => c.subject = subject,
            _ => {}
        }
        items.push(e);
    }
    let works: Vec<Evidence> = items
        .iter()
        .filter(|e| is_work(&e.activity))
        .cloned()
        .collect();
    for (k, (pick, at, variant)) in copies.iter().enumerate() {
        if works.is_empty() {
            break;
        }
        let original = &works[pick.index(works.len())];
        let copy = {
            let mut built = Evidence::new(
                EvidenceId::new(&format!("copy{k}")).unwrap(),
                respell(&original.activity, *variant),
            );
            built.documents = original.documents.clone();
            built
        };
        let position = at.index(items.len() + 1);
        items.insert(position, copy);
    }
    Record {
        evidence: items,
        ..record
    }
}

/// The parts of a report that the rules make independent of the evidence order (on an
/// [`order_safe`] record), each in a form that forgets the order:
///
/// - every year's figures, waiver, verdict and shortfall, and its waiving items as a set;
/// - every year's hours per subject and rule;
/// - the credits of items that neither share days nor are copies of a work, as a set;
/// - every finding as a set, but for `duplicate_work` and `day_overlap`, whose recipients
///   depend on the order: of those, the number of `duplicate_work` findings (one per copy
///   beyond the first that could earn) and whether any item lacks days (`day_overlap`: the
///   most half-days that fit is order-free, and so is what the items ask for);
/// - every item's materials check, by item.
fn order_free(record: &Record, report: &Report) -> String {
    let competing: Vec<&str> = record
        .evidence
        .iter()
        .filter(|e| e.activity.day_based().is_some() || is_work(&e.activity))
        .map(|e| e.id.as_str())
        .collect();
    let mut out = String::new();
    for y in &report.years {
        let mut waived_by: Vec<&str> = y.waived_by.iter().map(EvidenceId::as_str).collect();
        waived_by.sort_unstable();
        out += &format!(
            "{} {} {} {} {} {} {:?} {waived_by:?}\n",
            y.year, y.public, y.professional, y.total, y.waived, y.passed, y.shortfall
        );
        let mut by_rule: BTreeMap<(Subject, RuleId), Decimal> = BTreeMap::new();
        let mut credits: Vec<String> = Vec::new();
        for c in &y.credits {
            *by_rule.entry((c.subject, c.rule)).or_default() += c.hours;
            if !competing.contains(&c.evidence.as_str()) {
                credits.push(format!(
                    "{} {:?} {} {}",
                    c.evidence, c.subject, c.hours, c.rule
                ));
            }
        }
        credits.sort_unstable();
        out += &format!("  {by_rule:?}\n  {credits:?}\n");
    }
    let mut findings: Vec<String> = report
        .findings
        .iter()
        .filter(|f| !matches!(f.code, FindingCode::DuplicateWork | FindingCode::DayOverlap))
        .map(|f| format!("{} {} {}", f.evidence, f.code, f.rule))
        .collect();
    findings.sort_unstable();
    let duplicates = report
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::DuplicateWork)
        .count();
    let lacking = report
        .findings
        .iter()
        .any(|f| f.code == FindingCode::DayOverlap);
    out += &format!("{findings:?}\nduplicate_work × {duplicates}, day_overlap: {lacking}\n");
    let mut materials: Vec<String> = report.materials.iter().map(|m| format!("{m:?}")).collect();
    materials.sort_unstable();
    out += &format!("{materials:?}\n{} {}", report.passed, report.span.from);
    out
}

/// A deterministic shuffle from `seed`.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap();
        items.swap(i, j);
    }
}

/// A policy of hunan-2024 with some of its parameters changed.
fn variant(share_days: bool, same_work_once: bool, cap: bool, minutes: bool, fine: bool) -> Policy {
    let mut policy = Policy::hunan_2024();
    policy.duplicates.share_days = share_days;
    policy.duplicates.same_work_once = same_work_once;
    if cap {
        policy.caps.push(YearCap::new(
            RuleId::A1C4,
            vec![Kind::Paper, Kind::Book, Kind::OnlineCourse],
            Decimal::from(40),
        ));
    }
    if fine {
        // Five decimals: the totals path cannot compare it as an integer of 10⁻⁴ hours.
        policy.minimums.public = Decimal::new(2_999_999, 5);
    }
    if minutes {
        policy
            .online_courses
            .as_mut()
            .expect("the policy has the section")
            .minutes_per_hour = Some(Decimal::from(45));
        policy
            .online_courses
            .as_mut()
            .expect("the policy has the section")
            .rounding_scale = 2;
    }
    policy
}

fn policy_variant() -> impl Strategy<Value = Policy> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(a, b, c, d, e)| variant(a, b, c, d, e))
}

/// A figure for a random open-model policy: small, fractional, or as large as the contract
/// carries (28 nines).
fn figure() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (1i64..=100).prop_map(Decimal::from),
        (1i64..=999).prop_map(|n| Decimal::new(n, 2)),
        Just(Decimal::from_i128_with_scale(
            9_999_999_999_999_999_999_999_999_999,
            0
        )),
    ]
}

/// A random `credits` entry of any method, kind and option, citing a hunan-2024 clause.
fn credit_entry() -> impl Strategy<Value = cehours::KindCredit> {
    use cehours::policy::{DayRate, LevelHours, Method, Routing, Spread, SpreadHow};
    let method = prop_oneof![
        figure().prop_map(Method::Fixed),
        figure().prop_map(Method::PerCount),
        figure().prop_map(Method::PerHour),
        figure().prop_map(Method::PerThousandCharacters),
        figure().prop_map(|d| Method::Days(DayRate::new(d, d))),
        figure().prop_map(|d| Method::HoursOrDays(DayRate::new(d, d))),
        figure().prop_map(|d| Method::ByLevel(
            LevelHours::default()
                .with(cehours::Level::National, d)
                .with(cehours::Level::Provincial, d)
        )),
        figure().prop_map(|d| Method::ByRank(vec![cehours::RankBand::new(1, None, d)])),
        Just(Method::CompletesSpan),
    ];
    let kind = prop_oneof![
        Just((Kind::Training, None)),
        Just((Kind::Conference, None)),
        Just((Kind::Paper, None)),
        Just((Kind::OnlineCourse, None)),
        Just((Kind::DegreeCourse, None)),
        proptest::sample::select(strategies::DECLARED_TYPES.to_vec())
            .prop_map(|t| (Kind::Declared, Some(t))),
    ];
    (
        kind,
        method,
        prop_oneof![
            Just(None),
            Just(Some(Routing::Public)),
            Just(Some(Routing::Elective)),
            Just(Some(Routing::ProfessionalFirst)),
        ],
        prop::option::of(figure()),
        prop::option::of(figure()),
        prop::option::of((1u32..=6, 0u8..3)),
        prop::option::of(figure()),
        prop::option::of(prop_oneof![Just(45u32), Just(60), Just(1), Just(600)]),
    )
        .prop_map(
            |((kind, declared), method, subject, item, day, spread, cap, minutes)| {
                let mut c = match declared {
                    Some(t) => cehours::KindCredit::declared(RuleId::A1C1, t, method),
                    None => cehours::KindCredit::new(RuleId::A1C1, kind, method),
                };
                c.subject = subject;
                c.max_per_item = item;
                c.max_per_day = day;
                c.spread = spread.map(|(years, how)| {
                    let how = match how {
                        0 => SpreadHow::Even,
                        1 => SpreadHow::EachYear,
                        _ => SpreadHow::EachYearItRuns,
                    };
                    Spread::new(years, how)
                });
                c.year_cap = cap;
                c.minutes_per_hour = minutes.map(Decimal::from);
                c
            },
        )
}

proptest! {
    #![proptest_config(config(64))]

    /// Any valid open-model policy (random methods, routes, caps and spreads, figures up to the
    /// contract's 28 digits, a share, span minimums) over records with declared kinds and a
    /// window: no panic, and the totals path is still the full report without its trace.
    #[test]
    fn random_open_policies_never_panic_and_both_paths_agree(
        record in strategies::open_record(20),
        entries in prop::collection::vec(credit_entry(), 0..8),
        share in any::<bool>(),
        scope in 0u8..3,
    ) {
        let mut policy = strategies::open_policy();
        policy.credits = entries;
        if share {
            policy.minimums.professional_share = Some(cehours::policy::Share::new(RuleId::N1_2, 2, 3));
        }
        policy.minimums.scope = match scope {
            0 => cehours::policy::Scope::PerYear,
            1 => cehours::policy::Scope::Span,
            _ => cehours::policy::Scope::SpanAverage,
        };
        prop_assume!(policy.validate().is_ok());
        let mut evaluator = Evaluator::new(&policy);
        let full = evaluator.evaluate(&record);
        let quick = evaluator.totals(&record);
        match (full, quick) {
            (Ok(full), Ok(quick)) => {
                prop_assert_eq!(quick, full.totals());
                for y in &full.years {
                    prop_assert!(y.credits.iter().all(|c| c.hours > Decimal::ZERO));
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "the paths disagree: {:?} against {:?}", a.map(|r| r.passed), b.map(|t| t.passed)),
        }
    }

    /// The evaluation of an [`order_safe`] record does not depend on the order of its
    /// evidence: the [`order_free`] view of the report (every year's figures, verdict and
    /// shortfall, hours per subject and rule, the credits of items that neither share days
    /// nor are copies of a work, the findings but for who gets `duplicate_work` and
    /// `day_overlap`, the materials) is the same after any shuffle.
    #[test]
    fn whole_reports_never_depend_on_evidence_order(
        record in strategies::record(24),
        subject in prop_oneof![Just(None), Just(Some(Subject::Public))],
        copies in prop::collection::vec((any::<Index>(), any::<Index>(), 0usize..6), 0..4),
        seed in any::<u64>(),
    ) {
        let record = order_safe(record, subject, &copies);
        let before = report(&record);
        let mut shuffled = record.clone();
        shuffle(&mut shuffled.evidence, seed);
        let after = report(&shuffled);
        prop_assert_eq!(order_free(&record, &before), order_free(&shuffled, &after));
    }

    /// The generators keep their word: an item of `valid_activity` gets no `error` finding of
    /// its own and, dated inside the span, is credited or waives a year; an item of
    /// `refused_activity` gets an `error` finding and no hours.
    #[test]
    fn valid_items_are_creditable_and_refused_items_refused(
        valid in strategies::valid_activity(2019..=2023),
        refused in strategies::refused_activity(
            2019..=2023,
            vec![chrono::NaiveDate::from_ymd_opt(2020, 12, 30).unwrap(), chrono::NaiveDate::from_ymd_opt(2021, 5, 10).unwrap()],
        ),
    ) {
        let one = |a: Activity| Record { policy: None, span: None, evidence: numbered(vec![a]), grade: None, counts_from: None };
        let r = report(&one(valid.clone()));
        let errors: Vec<FindingCode> = r.findings.iter().filter(|f| f.severity() == cehours::Severity::Error).map(|f| f.code).collect();
        prop_assert!(errors.is_empty(), "{:?}: {:?}", valid, errors);
        let earned = r.years.iter().any(|y| !y.credits.is_empty() || y.waived);
        let outside = r.findings.iter().any(|f| f.code == FindingCode::OutsideSpan);
        prop_assert!(earned || outside, "{:?} earns nothing", valid);
        let r = report(&one(refused.clone()));
        prop_assert!(r.findings.iter().any(|f| f.severity() == cehours::Severity::Error), "{:?}", refused);
        prop_assert!(r.years.iter().all(|y| y.credits.is_empty() && !y.waived), "{:?}", refused);
    }

    /// Adding a valid item (anything but a certificate, which replaces a year's evidence)
    /// never lowers any year's total. Unless the item is day-based, it never turns a passing
    /// year to failing either (a day-based item can take a shared day from an item of the
    /// other subject, I-8, so a year's public or professional hours can fall).
    #[test]
    fn adding_a_valid_item_never_lowers_a_total(
        record in strategies::record(20),
        extra in strategies::valid_activity(2018..=2024),
    ) {
        let before = report(&record);
        let day_based = extra.day_based().is_some();
        let mut more = activities(&record);
        more.push(extra);
        let after = report(&Record { evidence: numbered(more), ..record.clone() });
        for (b, a) in before.years.iter().zip(&after.years) {
            prop_assert!(a.total >= b.total, "{}: {} < {}", b.year, a.total, b.total);
            prop_assert!(day_based || a.passed || !b.passed, "{} turned from pass to fail", b.year);
        }
    }

    /// Claiming the same work again (a titled paper or book, a numbered patent, in another
    /// spelling), or the same whole days again, at the end of the record never changes a
    /// year's total or waiver: the earlier copy keeps the hours, or neither copy can earn them.
    #[test]
    fn a_duplicate_never_raises_a_total(
        record in strategies::record(20),
        pick in any::<Index>(),
        variant in 0usize..6,
    ) {
        let candidates: Vec<&Activity> = record.evidence.iter().map(|e| &e.activity).filter(|a| match a {
            Activity::Paper(p) => p.title.is_some(),
            // A book without a title is keyed on its ISBN only when the ISBN is valid.
            Activity::Book(b) => b.title.is_some(),
            Activity::Patent(p) => p.number.is_some(),
            other => other.day_based().is_some_and(|(_, p)| {
                let range = (p.last_day() - p.start).num_days() + 1;
                p.days == Decimal::from(range)
            }),
        }).collect();
        prop_assume!(!candidates.is_empty());
        let chosen: &Activity = candidates[pick.index(candidates.len())];
        let copy = respell(chosen, variant);
        let before = report(&record);
        let mut more = activities(&record);
        more.push(copy);
        let after = report(&Record { evidence: numbered(more), ..record.clone() });
        prop_assert_eq!(totals(&before), totals(&after));
    }

    /// An item with a single credit date in year Y (any kind but the day-based ones, which
    /// can move another item's half-days across New Year, and assignments) changes no other
    /// year's report.
    #[test]
    fn an_item_changes_only_its_own_year(
        record in strategies::record(20),
        extra in strategies::valid_activity(2019..=2023),
    ) {
        let date = match &extra {
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => c.date,
            Activity::ResearchProject(p) => p.completed,
            Activity::Book(b) => b.published,
            Activity::Paper(p) => p.published,
            Activity::Patent(p) => p.granted,
            Activity::Award(a) => a.awarded,
            Activity::SkillsExam(x) => x.passed,
            Activity::DegreeCourse(x) => x.passed,
            Activity::QualificationExam(x) => x.passed,
            _ => return Ok(()),
        };
        let year = chrono::Datelike::year(&date);
        let before = report(&record);
        let mut more = activities(&record);
        more.push(extra);
        let after = report(&Record { evidence: numbered(more), ..record.clone() });
        for (b, a) in before.years.iter().zip(&after.years) {
            if b.year != year {
                prop_assert_eq!(b, a);
            }
        }
    }

    /// Every credited hour appears in one credit: a year's credits add up to its totals, the
    /// total is public plus professional, no credit is zero, and the shortfall is what the
    /// minimums still lack.
    #[test]
    fn credits_add_up_to_the_totals(
        record in prop_oneof![strategies::record(30), strategies::hostile_record(30)],
    ) {
        let r = report(&record);
        for y in &r.years {
            let sum = |s: Subject| -> Decimal { y.credits.iter().filter(|c| c.subject == s).map(|c| c.hours).sum() };
            prop_assert_eq!(sum(Subject::Public), y.public);
            prop_assert_eq!(sum(Subject::Professional), y.professional);
            prop_assert_eq!(y.public + y.professional, y.total);
            prop_assert!(y.credits.iter().all(|c| c.hours > Decimal::ZERO));
            if y.waived {
                prop_assert!(y.passed);
                prop_assert!(y.shortfall.is_zero());
                prop_assert!(!y.waived_by.is_empty());
            } else {
                let lack = |min: i64, have: Decimal| (Decimal::from(min) - have).max(Decimal::ZERO);
                prop_assert_eq!(y.shortfall.public, lack(30, y.public));
                prop_assert_eq!(y.shortfall.professional, lack(60, y.professional));
                prop_assert_eq!(y.shortfall.total, lack(90, y.total));
            }
        }
        prop_assert_eq!(r.passed, r.years.iter().all(|y| y.passed));
        prop_assert_eq!(r.materials.len(), record.evidence.len());
    }

    /// The totals path (`Evaluator::totals`) is the full report without its trace: the whole
    /// `Totals` equals the one built from the report's years, written alike (the same JSON,
    /// so the same decimal scale), or both paths refuse alike; under hunan-2024 and under
    /// variants that switch the I-8 rules, add a year cap, count online hours by the
    /// 45-minute hour or set a minimum of five decimals. Records of up to 24 items and longer
    /// ones take different paths; both are generated.
    #[test]
    fn totals_path_equals_the_full_report(
        record in prop_oneof![strategies::record(40), strategies::hostile_record(40)],
        policy in policy_variant(),
    ) {
        let mut evaluator = Evaluator::new(&policy);
        let full = evaluator.evaluate(&record);
        let quick = evaluator.totals(&record);
        match (full, quick) {
            (Ok(full), Ok(quick)) => {
                let expected = full.totals();
                prop_assert_eq!(serde_json::to_string(&quick).unwrap(), serde_json::to_string(&expected).unwrap());
                prop_assert_eq!(quick, expected);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "the paths disagree: {:?} against {:?}", a.map(|r| r.passed), b.map(|t| t.passed)),
        }
    }

    /// Under the open model (`credits` entries with spreads, professional-first routing, a
    /// yearly cap per entry, a degree completing the span, a per-person window), the totals
    /// path is still the full report without its trace, and every year's credits add up to
    /// its public, professional and total hours.
    #[test]
    fn open_model_totals_equal_the_full_report(record in strategies::open_record(24)) {
        let policy = strategies::open_policy();
        prop_assert_eq!(policy.validate(), Ok(()));
        let mut evaluator = Evaluator::new(&policy);
        let full = evaluator.evaluate(&record).unwrap();
        let quick = evaluator.totals(&record).unwrap();
        prop_assert_eq!(quick, full.totals());
        for y in &full.years {
            let sum = |s: Subject| -> Decimal { y.credits.iter().filter(|c| c.subject == s).map(|c| c.hours).sum() };
            prop_assert_eq!(sum(Subject::Public), y.public);
            prop_assert_eq!(sum(Subject::Professional), y.professional);
            prop_assert_eq!(y.public + y.professional + y.elective, y.total);
            prop_assert!(y.credits.iter().all(|c| c.hours > Decimal::ZERO));
        }
        // Nothing dated before the person's window is credited.
        if let Some(from) = record.counts_from {
            let first = chrono::Datelike::year(&from);
            for y in full.years.iter().filter(|y| y.year < first) {
                prop_assert!(y.credits.is_empty(), "{} credited before {}", y.year, from);
            }
        }
    }

    /// Comparing a policy with itself finds nothing: no parameter, no year, the same verdict.
    #[test]
    fn whatif_of_a_policy_with_itself_is_empty(
        record in strategies::record(24),
        policy in policy_variant(),
    ) {
        let w = cehours::whatif(&record, &policy, &policy).unwrap();
        prop_assert!(w.parameters.is_empty(), "{:?}", w.parameters);
        prop_assert!(w.years.is_empty(), "{:?}", w.years);
        prop_assert_eq!(w.passed[0], w.passed[1]);
        prop_assert_eq!(&w.before, &w.after);
    }

    /// A record and its report, stored as JSON and read back, are the ones stored: the same
    /// record evaluates to the same report, and the stored report equals the original.
    #[test]
    fn a_stored_report_equals_the_original(
        record in prop_oneof![strategies::record(24), strategies::hostile_record(20)],
    ) {
        let text = serde_json::to_string(&record).unwrap();
        let back: Record = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &record);
        let r = report(&record);
        prop_assert_eq!(&report(&back), &r);
        // Every figure stays within the contract's 28 significant digits (a larger sum is
        // `hours_overflow`), so every report reads back.
        prop_assert!(r.years.iter().all(|y| fits_the_contract(y.total)));
        let stored = serde_json::to_string(&r).unwrap();
        let read: Report = serde_json::from_str(&stored).unwrap();
        prop_assert_eq!(serde_json::to_string(&read).unwrap(), stored);
        prop_assert_eq!(read, r);
    }
}

/// Whether the JSON contract carries `d` (at most 28 significant digits).
fn fits_the_contract(d: Decimal) -> bool {
    d.abs() < Decimal::from_i128_with_scale(10_000_000_000_000_000_000_000_000_000, 0)
}

/// Two online courses of 2021, each certifying the largest hours the contract carries (28
/// nines), would add up to a figure of 29 digits, which the contract cannot read back: the
/// second is not added (`hours_overflow`), and the report reads back.
#[test]
fn a_report_with_a_29_digit_total_reads_back() {
    let nines = "9999999999999999999999999999";
    let record: Record = serde_json::from_value(serde_json::json!({ "evidence": [
        { "id": "a", "kind": "online_course", "date": "2021-06-01", "hours": nines },
        { "id": "b", "kind": "online_course", "date": "2021-06-02", "hours": nines },
    ]}))
    .unwrap();
    let r = report(&record);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["hours_overflow"]);
    assert_eq!(r.years[2].total.to_string(), nines);
    let stored = serde_json::to_string(&r).unwrap();
    let read: Result<Report, _> = serde_json::from_str(&stored);
    assert_eq!(read.ok(), Some(r));
}

// No panic on mutated input, deep enough to mean something.

/// One change to a record's JSON.
#[derive(Debug, Clone)]
enum Mutation {
    /// Give item `at` another kind (its fields stay: most such items are refused).
    SwapKind(Index, Kind),
    /// Drop a field other than `id` and `kind` of item `at` (optional or required).
    DropField(Index, Index),
    /// Copy a field of one item into another (a field foreign to its kind is refused).
    CopyField(Index, Index, Index),
    /// Write a key twice in the JSON text.
    DuplicateKey,
    /// Put an extreme number where an item has a number or decimal.
    ExtremeNumber(Index, Index, serde_json::Value),
    /// Put an extreme date where an item has a date.
    ExtremeDate(Index, Index, &'static str),
    /// Repeat an item under a new ID (or, one time in four, the same ID).
    DuplicateItem(Index, bool),
    /// Set the span to extreme or inverted years.
    Span(i32, i32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let numbers = prop::sample::select(vec![
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!(4_294_967_295u64),
        serde_json::json!(4_294_967_296u64),
        serde_json::json!("0.5"),
        serde_json::json!("1.3"),
        serde_json::json!("-0.5"),
        serde_json::json!("0.0000000000000000000000000001"),
        serde_json::json!("9999999999999999999999999999"),
        serde_json::json!("99999999999999999999999999999"),
        serde_json::json!("1e3"),
        serde_json::json!(1.5),
    ]);
    let dates = prop::sample::select(vec![
        "0001-01-01",
        "9999-12-31",
        "2020-02-29",
        "2021-02-29",
        "2019-12-31",
        "2023-12-31",
        "2024-01-01",
        "2018-12-30",
        "2020-13-01",
    ]);
    prop_oneof![
        1 => (any::<Index>(), prop::sample::select(Kind::ALL.to_vec())).prop_map(|(a, k)| Mutation::SwapKind(a, k)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, f)| Mutation::DropField(a, f)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(a, b, f)| Mutation::CopyField(a, b, f)),
        1 => Just(Mutation::DuplicateKey),
        4 => (any::<Index>(), any::<Index>(), numbers).prop_map(|(a, f, v)| Mutation::ExtremeNumber(a, f, v)),
        6 => (any::<Index>(), any::<Index>(), dates).prop_map(|(a, f, d)| Mutation::ExtremeDate(a, f, d)),
        3 => (any::<Index>(), prop::bool::weighted(0.25)).prop_map(|(a, same)| Mutation::DuplicateItem(a, same)),
        1 => prop::sample::select(vec![(2019, 2023), (1, 9999), (2023, 2019), (0, 0), (9999, 9999), (2000, 2030)])
            .prop_map(|(a, b)| Mutation::Span(a, b)),
    ]
}

const DATE_FIELDS: [&str; 10] = [
    "start",
    "end",
    "date",
    "completed",
    "published",
    "granted",
    "awarded",
    "passed",
    "year",
    "years",
];
const NUMBER_FIELDS: [&str; 9] = [
    "days",
    "hours",
    "rank",
    "author_rank",
    "modules",
    "courses",
    "subjects",
    "public",
    "professional",
];

/// The keys of `item` among `among` (all its keys when `among` is empty).
fn keys_of(item: &serde_json::Value, among: &[&str]) -> Vec<String> {
    item.as_object()
        .map(|m| {
            m.keys()
                .filter(|k| among.is_empty() || among.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// Applies `mutation` to a record's JSON; returns the text to parse.
fn mutate(value: &mut serde_json::Value, mutations: &[Mutation]) -> String {
    let mut duplicate_key = false;
    for m in mutations {
        let items = value["evidence"].as_array_mut().unwrap();
        if items.is_empty() && !matches!(m, Mutation::Span(..) | Mutation::DuplicateKey) {
            continue;
        }
        let n = items.len();
        match m {
            Mutation::SwapKind(a, k) => items[a.index(n)]["kind"] = serde_json::json!(k.as_str()),
            Mutation::DropField(a, f) => {
                let item = &mut items[a.index(n)];
                let keys: Vec<String> = keys_of(item, &[])
                    .into_iter()
                    .filter(|k| k != "id" && k != "kind")
                    .collect();
                if !keys.is_empty() {
                    item.as_object_mut()
                        .unwrap()
                        .remove(&keys[f.index(keys.len())]);
                }
            }
            Mutation::CopyField(a, b, f) => {
                let from = items[b.index(n)].clone();
                let keys = keys_of(&from, &[]);
                let key = &keys[f.index(keys.len())];
                if key != "id" {
                    items[a.index(n)][key] = from[key].clone();
                }
            }
            Mutation::DuplicateKey => duplicate_key = true,
            Mutation::ExtremeNumber(a, f, v) => {
                let item = &mut items[a.index(n)];
                let keys = keys_of(item, &NUMBER_FIELDS);
                if !keys.is_empty() {
                    item[&keys[f.index(keys.len())]] = v.clone();
                }
            }
            Mutation::ExtremeDate(a, f, d) => {
                let item = &mut items[a.index(n)];
                let keys = keys_of(item, &DATE_FIELDS);
                if let Some(key) = keys.get(f.index(keys.len().max(1))) {
                    if key == "years" {
                        // A certificate: an extreme year in its first entry.
                        let year: i64 = d[..4].parse().unwrap();
                        item["years"][0]["year"] = serde_json::json!(year);
                    } else {
                        item[key] = serde_json::json!(d);
                    }
                }
            }
            Mutation::DuplicateItem(a, same) => {
                let mut copy = items[a.index(n)].clone();
                if !same {
                    copy["id"] = serde_json::json!(format!("dup{n}"));
                }
                items.push(copy);
            }
            Mutation::Span(from, to) => {
                value["span"] = serde_json::json!({ "from": from, "to": to });
            }
        }
    }
    let text = value.to_string();
    if duplicate_key {
        // The first item's ID written twice.
        text.replacen("\"id\":", "\"id\":\"twice\",\"id\":", 1)
    } else {
        text
    }
}

/// Valid records, changed by one (five times in six) to three structure-aware mutations (another kind, a field
/// dropped or copied from another item, a key written twice, extreme numbers and dates, an
/// item repeated, an extreme span) and serialised, never make parsing or evaluation panic;
/// what evaluates keeps the report's invariants, and both paths agree. At least half of the
/// mutated inputs parse and evaluate, so the property is not vacuous.
#[test]
fn mutated_records_are_refused_or_evaluated() {
    let n = cases(64).max(64) * 8;
    // A fixed seed: the share that reaches evaluation is the same from run to run.
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases: n,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let evaluated = std::cell::Cell::new(0u32);
    let strategy = (
        strategies::record(16),
        prop_oneof![
            5 => prop::collection::vec(mutation(), 1..=1),
            1 => prop::collection::vec(mutation(), 2..=3),
        ],
    );
    runner
        .run(&strategy, |(record, mutations)| {
            let mut value = serde_json::to_value(&record).unwrap();
            let text = mutate(&mut value, &mutations);
            let Ok(record) = serde_json::from_str::<Record>(&text) else {
                return Ok(());
            };
            let policy = Policy::hunan_2024();
            let mut evaluator = Evaluator::new(&policy);
            let full = evaluator.evaluate(&record);
            let quick = evaluator.totals(&record);
            prop_assert_eq!(full.is_ok(), quick.is_ok());
            if let (Ok(r), Ok(t)) = (full, quick) {
                evaluated.set(evaluated.get() + 1);
                prop_assert_eq!(r.materials.len(), record.evidence.len());
                prop_assert_eq!(r.passed, t.passed);
                for (y, q) in r.years.iter().zip(&t.years) {
                    prop_assert_eq!(
                        (y.public, y.professional, y.waived),
                        (q.public, q.professional, q.waived)
                    );
                    let public: Decimal = y
                        .credits
                        .iter()
                        .filter(|c| c.subject == Subject::Public)
                        .map(|c| c.hours)
                        .sum();
                    prop_assert_eq!(public, y.public);
                }
            }
            Ok(())
        })
        .unwrap();
    let evaluated = evaluated.get();
    eprintln!("{evaluated} of {n} mutated records parsed and evaluated");
    assert!(
        2 * evaluated >= n,
        "only {evaluated} of {n} mutated records reach evaluation"
    );
}

/// The order property is not vacuous: of [`order_safe`] records as its strategies make them,
/// at least a quarter have items competing for days (`day_overlap`) and a quarter have copies
/// of a work (`duplicate_work`) — the cases where the order decides who gets the hours.
#[test]
fn order_safe_records_reach_the_order_dependent_rules() {
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::deterministic();
    let strategy = (
        strategies::record(24),
        prop_oneof![Just(None), Just(Some(Subject::Public))],
        prop::collection::vec((any::<Index>(), any::<Index>(), 0usize..6), 0..4),
    );
    let n = 200;
    let (mut overlaps, mut duplicates) = (0, 0);
    for _ in 0..n {
        let (record, subject, copies) = strategy.new_tree(&mut runner).unwrap().current();
        let r = report(&order_safe(record, subject, &copies));
        let has = |code: FindingCode| r.findings.iter().any(|f| f.code == code);
        overlaps += usize::from(has(FindingCode::DayOverlap));
        duplicates += usize::from(has(FindingCode::DuplicateWork));
    }
    eprintln!(
        "of {n} order-safe records: {overlaps} with day_overlap, {duplicates} with duplicate_work"
    );
    assert!(4 * overlaps >= n, "{overlaps} of {n} with day_overlap");
    assert!(
        4 * duplicates >= n,
        "{duplicates} of {n} with duplicate_work"
    );
}
