//! Properties of the evaluation that must hold for every record (proptest, with the crate's own
//! strategies from `cehours::strategies`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use cehours::strategies::{self, numbered};
use cehours::{Activity, Evaluator, Kind, Policy, Record, Report, RuleId, Subject, YearCap};
use proptest::prelude::*;
use rust_decimal::Decimal;

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

/// Items whose identity as a work is unique (no two share a title or number), and at most one
/// certificate: the records on which the rules promise order independence of every total.
fn without_shared_identity(mut record: Record) -> Record {
    let mut seen_certificate = false;
    record.evidence.retain(|e| {
        if matches!(e.activity, Activity::PriorCertificate(_)) {
            let keep = !seen_certificate;
            seen_certificate = true;
            return keep;
        }
        true
    });
    for (n, e) in record.evidence.iter_mut().enumerate() {
        match &mut e.activity {
            Activity::Paper(p) => p.title = Some(format!("paper {n}")),
            Activity::Book(b) => b.title = Some(format!("book {n}")),
            Activity::Patent(p) => p.number = Some(format!("ZL {n}")),
            _ => {}
        }
    }
    record
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Day-based items share calendar days earliest-deadline-first, which finds the most half
    /// days that fit whatever the order; every other rule is per item. So each year's total and
    /// waiver do not depend on the order of the evidence.
    #[test]
    fn totals_never_depend_on_evidence_order(record in strategies::record(24), seed in any::<u64>()) {
        let record = without_shared_identity(record);
        let before = report(&record);
        let mut shuffled = record.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.evidence.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap();
            shuffled.evidence.swap(i, j);
        }
        let after = report(&shuffled);
        prop_assert_eq!(totals(&before), totals(&after));
    }

    /// Adding a valid item (anything but a certificate, which replaces a year's evidence)
    /// never lowers any year's total nor turns a passing year to failing.
    #[test]
    fn adding_a_valid_item_never_lowers_a_total(
        record in strategies::record(20),
        extra in strategies::valid_activity(2018..=2024),
    ) {
        let before = report(&record);
        let mut more = record.clone();
        let mut activities: Vec<Activity> = more.evidence.drain(..).map(|e| e.activity).collect();
        activities.push(extra);
        more.evidence = numbered(activities);
        let after = report(&more);
        for (b, a) in before.years.iter().zip(&after.years) {
            prop_assert!(a.total >= b.total, "{}: {} < {}", b.year, a.total, b.total);
            prop_assert!(a.passed || !b.passed, "{} turned from pass to fail", b.year);
        }
    }

    /// Claiming the same work again (a titled paper or book, a numbered patent), or the same
    /// whole days again, never raises a total.
    #[test]
    fn an_exact_duplicate_never_raises_a_total(record in strategies::record(20), pick in any::<prop::sample::Index>()) {
        let candidates: Vec<&Activity> = record.evidence.iter().map(|e| &e.activity).filter(|a| match a {
            Activity::Paper(p) => p.title.is_some(),
            Activity::Book(b) => b.title.is_some(),
            Activity::Patent(p) => p.number.is_some(),
            other => other.day_based().is_some_and(|(_, p)| {
                let range = (p.last_day() - p.start).num_days() + 1;
                p.days == Decimal::from(range)
            }),
        }).collect();
        prop_assume!(!candidates.is_empty());
        let copy: Activity = (*pick.get(&candidates)).clone();
        let before = report(&record);
        let mut activities: Vec<Activity> = record.evidence.iter().map(|e| e.activity.clone()).collect();
        activities.push(copy);
        let after = report(&Record { evidence: numbered(activities), ..record.clone() });
        prop_assert_eq!(totals(&before), totals(&after));
    }

    /// An item dated in year Y (a single credit date) changes no other year.
    #[test]
    fn an_item_changes_only_its_own_year(
        record in strategies::record(20),
        extra in strategies::valid_activity(2019..=2023),
    ) {
        prop_assume!(!matches!(extra, Activity::Assignment(_)));
        let year = match &extra {
            Activity::Training(t) => t.period.start,
            Activity::Practice(d) | Activity::OverseasExchange(d) => d.period.start,
            Activity::Conference(c) => c.period.start,
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => c.date,
            Activity::ResearchProject(p) => p.completed,
            Activity::Book(b) => b.published,
            Activity::Paper(p) => p.published,
            Activity::Patent(p) => p.granted,
            Activity::Award(a) => a.awarded,
            Activity::SkillsExam(x) => x.passed,
            Activity::DegreeCourse(x) => x.passed,
            Activity::QualificationExam(x) => x.passed,
            _ => unreachable!("only dated kinds are generated"),
        };
        let year = chrono::Datelike::year(&year);
        let before = report(&record);
        let mut activities: Vec<Activity> = record.evidence.iter().map(|e| e.activity.clone()).collect();
        activities.push(extra);
        let after = report(&Record { evidence: numbered(activities), ..record.clone() });
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
    fn credits_add_up_to_the_totals(record in strategies::hostile_record(30)) {
        let r = report(&record);
        for y in &r.years {
            let sum = |s: Subject| -> Decimal { y.credits.iter().filter(|c| c.subject == s).map(|c| c.hours).sum() };
            prop_assert_eq!(sum(Subject::Public), y.public);
            prop_assert_eq!(sum(Subject::Professional), y.professional);
            prop_assert_eq!(y.public + y.professional, y.total);
            prop_assert!(y.credits.iter().all(|c| c.hours > Decimal::ZERO));
            if !y.waived {
                let lack = |min: i64, have: Decimal| (Decimal::from(min) - have).max(Decimal::ZERO);
                prop_assert_eq!(y.shortfall.public, lack(30, y.public));
                prop_assert_eq!(y.shortfall.professional, lack(60, y.professional));
                prop_assert_eq!(y.shortfall.total, lack(90, y.total));
            }
        }
        prop_assert_eq!(r.passed, r.years.iter().all(|y| y.passed));
    }

    /// A waived year always passes, with nothing short.
    #[test]
    fn a_waived_year_always_passes(record in strategies::hostile_record(30)) {
        for y in report(&record).years.iter().filter(|y| y.waived) {
            prop_assert!(y.passed);
            prop_assert!(y.shortfall.is_zero());
            prop_assert!(!y.waived_by.is_empty());
        }
    }

    /// The totals-only path gives exactly the full report's figures, written alike (the same
    /// decimal scale), under hunan-2024 and under variants that switch the I-8 rules, add a
    /// year cap, count online hours by the 45-minute hour (scales above zero) or set a minimum
    /// of five decimals.
    #[test]
    fn totals_path_agrees_with_the_full_report(
        record in prop_oneof![strategies::record(30), strategies::hostile_record(30)],
        share_days in any::<bool>(),
        same_work_once in any::<bool>(),
        cap in any::<bool>(),
        minutes in any::<bool>(),
        fine_minimum in any::<bool>(),
    ) {
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
        if fine_minimum {
            // Five decimals: the totals path cannot compare it as an integer of 10⁻⁴ hours.
            policy.minimums.public = Decimal::new(2_999_999, 5);
        }
        if minutes {
            policy.online_courses.minutes_per_hour = Some(Decimal::from(45));
            policy.online_courses.rounding_scale = 2;
        }
        let mut evaluator = Evaluator::new(&policy);
        let full = evaluator.evaluate(&record).unwrap();
        let quick = evaluator.totals(&record).unwrap();
        prop_assert_eq!(full.passed, quick.passed);
        let full_years: Vec<String> = full.years.iter().map(|y| format!("{} {} {} {} {} {}", y.year, y.public, y.professional, y.total, y.waived, y.passed)).collect();
        let quick_years: Vec<String> = quick.years.iter().map(|y| format!("{} {} {} {} {} {}", y.year, y.public, y.professional, y.total, y.waived, y.passed)).collect();
        prop_assert_eq!(full_years, quick_years);
    }

    /// Records and reports survive a JSON round trip unchanged.
    #[test]
    fn serde_round_trip_is_lossless(record in strategies::hostile_record(20)) {
        let text = serde_json::to_string(&record).unwrap();
        let back: Record = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &record);
        let r = report(&record);
        let text = serde_json::to_string(&r).unwrap();
        let back: Report = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(back, r);
    }

    /// Arbitrary bytes given to the `evaluate` path never panic.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(record) = serde_json::from_slice::<Record>(&bytes) {
            let _ = cehours::evaluate(&record, &Policy::hunan_2024());
        }
    }

    /// Arbitrary JSON values shaped like records never panic: each is refused or evaluated.
    #[test]
    fn arbitrary_json_never_panics(value in json_record()) {
        let text = value.to_string();
        if let Ok(record) = serde_json::from_str::<Record>(&text) {
            let r = cehours::evaluate(&record, &Policy::hunan_2024());
            if let Ok(r) = r {
                prop_assert_eq!(r.materials.len(), record.evidence.len());
            }
        }
    }
}

/// JSON values built from the contract's own vocabulary, so that many of them get deep into
/// parsing and evaluation.
fn json_record() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::{Value, json};
    let keys = prop::sample::select(vec![
        "id",
        "kind",
        "subject",
        "start",
        "end",
        "days",
        "date",
        "hours",
        "level",
        "role",
        "rank",
        "completed",
        "author_rank",
        "published",
        "serial",
        "title",
        "class",
        "granted",
        "number",
        "grade",
        "awarded",
        "exam",
        "modules",
        "passed",
        "courses",
        "subjects",
        "program",
        "assessment_passed",
        "years",
        "documents",
        "provider",
        "filed",
        "foreign",
        "bogus",
    ]);
    let scalars = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        prop::sample::select(vec![
            "training",
            "paper",
            "patent",
            "assignment",
            "prior_certificate",
            "online_course",
            "2020-01-01",
            "2023-12-31",
            "0001-01-01",
            "9999-12-31",
            "2021-02-29",
            "1.5",
            "-1",
            "1e30",
            "0.5",
            "public",
            "professional",
            "national",
            "municipal",
            "host",
            "member",
            "invention",
            "utility_model",
            "first",
            "special",
            "digital",
            "computer",
            "east_west",
            "CN 43-1234/N",
            "ISSN 0028-0836",
            "",
            "99999999999999999999999999999",
        ])
        .prop_map(Value::from),
    ];
    let item = prop::collection::btree_map(keys, scalars, 0..10)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
    (
        prop::collection::vec(item, 0..8),
        any::<bool>(),
        2015i32..2030,
        2015i32..2030,
    )
        .prop_map(|(items, with_span, from, to)| {
            let items: Vec<Value> = items
                .into_iter()
                .enumerate()
                .map(|(n, mut v)| {
                    if let Value::Object(m) = &mut v {
                        m.entry("id").or_insert_with(|| json!(format!("i{n}")));
                    }
                    v
                })
                .collect();
            if with_span {
                json!({ "span": { "from": from, "to": to }, "evidence": items })
            } else {
                json!({ "evidence": items })
            }
        })
}
