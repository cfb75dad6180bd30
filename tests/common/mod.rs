//! The case format shared by the conformance and adversarial corpora (see
//! `tests/conformance/README.md`).

#![allow(dead_code, reason = "each test binary uses part of the shared runner")]

use std::collections::BTreeMap;

use cehours::{Activity, Evaluator, Policy, PolicyFile, Record, Registry, Report, Totals};
use chrono::Datelike;
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[allow(dead_code, reason = "documentation inside the case file")]
    pub about: String,
    /// A policy file (complete or overlay) to evaluate under instead of hunan-2024.
    pub policy: Option<Box<serde_json::value::RawValue>>,
    /// The record, as JSON.
    pub record: Option<Box<serde_json::value::RawValue>>,
    /// The record as raw text (for input that is not valid JSON).
    pub record_text: Option<String>,
    pub expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub passed: Option<bool>,
    #[serde(default)]
    pub years: BTreeMap<i32, ExpectYear>,
    /// Each item's hours: `"30"` (its credits, whatever their year), or `"2020:16 2021:16"`
    /// (its hours in each year, for an item split between years).
    pub credits: Option<BTreeMap<String, String>>,
    pub findings: Option<Vec<[String; 4]>>,
    pub refused: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExpectYear {
    pub public: Option<String>,
    pub professional: Option<String>,
    pub total: Option<String>,
    pub passed: Option<bool>,
    pub waived: Option<bool>,
    pub waived_by: Option<Vec<String>>,
    pub shortfall: Option<[String; 3]>,
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

pub fn parse_case(name: &str, text: &str) -> Case {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: bad case file: {e}"))
}

/// Parses and evaluates a case's record the way the `evaluate` example does.
pub fn outcome(case: &Case) -> Result<Report, String> {
    let registry = Registry::builtin();
    let policy: Policy = match &case.policy {
        Some(raw) => {
            let file: PolicyFile = serde_json::from_str(raw.get()).unwrap();
            registry.load(&file).unwrap()
        }
        None => Policy::hunan_2024(),
    };
    let text = match (&case.record, &case.record_text) {
        (Some(raw), None) => raw.get().to_owned(),
        (None, Some(text)) => text.clone(),
        _ => panic!("a case has exactly one of `record` and `record_text`"),
    };
    let record: Record = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let policy = if case.policy.is_none() {
        registry.for_record(&record).map_err(|e| e.to_string())?
    } else {
        &policy
    };
    let mut evaluator = Evaluator::new(policy);
    let report = evaluator.evaluate(&record).map_err(|e| e.to_string());
    let totals = evaluator.totals(&record).map_err(|e| e.to_string());
    same_totals(&report, &totals);
    report
}

/// Each year's figures as written (the decimal scale shows), for report and totals years alike.
macro_rules! rows {
    ($years:expr) => {
        $years
            .iter()
            .map(|y| {
                let (p, q, t) = (y.public, y.professional, y.total);
                format!("{} {p} {q} {t} {} {}", y.year, y.waived, y.passed)
            })
            .collect::<Vec<String>>()
    };
}

/// The totals path gives the full report's figures, written the same way (same decimal
/// scale), or the same refusal.
pub fn same_totals(report: &Result<Report, String>, totals: &Result<Totals, String>) {
    match (report, totals) {
        (Ok(report), Ok(totals)) => {
            let (full, quick) = (rows!(report.years), rows!(totals.years));
            assert_eq!(full, quick, "totals path against the full report");
            assert_eq!(report.passed, totals.passed);
            assert_eq!(report.span, totals.span);
            assert_eq!(report.policy, totals.policy);
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "refusals of both paths"),
        (a, b) => panic!(
            "the paths disagree: full {:?}, totals {:?}",
            a.as_ref().map(|r| r.passed),
            b.as_ref().map(|t| t.passed)
        ),
    }
}

pub fn run(name: &str, text: &str) {
    let case = parse_case(name, text);
    let result = outcome(&case);
    if let Some(needle) = &case.expect.refused {
        match result {
            Ok(_) => panic!("{name}: expected the record to be refused ({needle})"),
            Err(message) => assert!(
                message.contains(needle.as_str()),
                "{name}: refusal `{message}` does not mention `{needle}`"
            ),
        }
        return;
    }
    let report = result.unwrap_or_else(|e| panic!("{name}: record refused: {e}"));
    check(name, &case.expect, &report);
    if let Some(raw) = &case.record {
        let record: Record = serde_json::from_str(raw.get()).unwrap();
        credit_years(name, &record, &report);
    }
    // The report's own invariant: each year's credits add up to its totals.
    for y in &report.years {
        let sum = |s: cehours::Subject| -> Decimal {
            y.credits
                .iter()
                .filter(|c| c.subject == s)
                .map(|c| c.hours)
                .sum()
        };
        assert_eq!(
            sum(cehours::Subject::Public),
            y.public,
            "{name}: {} public credits",
            y.year
        );
        assert_eq!(
            sum(cehours::Subject::Professional),
            y.professional,
            "{name}: {} professional credits",
            y.year
        );
    }
}

fn check(name: &str, expect: &Expect, report: &Report) {
    if let Some(passed) = expect.passed {
        assert_eq!(report.passed, passed, "{name}: span verdict");
    }
    for (year, e) in &expect.years {
        let y = report
            .year(*year)
            .unwrap_or_else(|| panic!("{name}: year {year} not in report"));
        let field = |what: &str, got: Decimal, want: &Option<String>| {
            if let Some(want) = want {
                assert_eq!(got, dec(want), "{name}: {year} {what}");
            }
        };
        field("public", y.public, &e.public);
        field("professional", y.professional, &e.professional);
        field("total", y.total, &e.total);
        if let Some(p) = e.passed {
            assert_eq!(y.passed, p, "{name}: {year} passed");
        }
        if let Some(w) = e.waived {
            assert_eq!(y.waived, w, "{name}: {year} waived");
        }
        if let Some(by) = &e.waived_by {
            let got: Vec<&str> = y.waived_by.iter().map(|id| id.as_str()).collect();
            assert_eq!(got, *by, "{name}: {year} waived_by");
        }
        if let Some([p, q, t]) = &e.shortfall {
            let s = &y.shortfall;
            assert_eq!(
                (s.public, s.professional, s.total),
                (dec(p), dec(q), dec(t)),
                "{name}: {year} shortfall"
            );
        }
    }
    if let Some(credits) = &expect.credits {
        // Hours per item, and per item and year for the items given year by year.
        let mut got: BTreeMap<String, Decimal> = BTreeMap::new();
        let mut got_by_year: BTreeMap<(String, i32), Decimal> = BTreeMap::new();
        for y in &report.years {
            for c in &y.credits {
                *got.entry(c.evidence.to_string()).or_default() += c.hours;
                *got_by_year
                    .entry((c.evidence.to_string(), y.year))
                    .or_default() += c.hours;
            }
        }
        let mut want: BTreeMap<String, Decimal> = BTreeMap::new();
        for (id, text) in credits {
            if text.contains(':') {
                let mut sum = Decimal::ZERO;
                let mut years = Vec::new();
                for part in text.split_whitespace() {
                    let (year, hours) = part.split_once(':').unwrap();
                    let year: i32 = year.parse().unwrap();
                    years.push(year);
                    sum += dec(hours);
                    let got = got_by_year
                        .get(&(id.clone(), year))
                        .copied()
                        .unwrap_or_default();
                    assert_eq!(got, dec(hours), "{name}: {id}'s credits in {year}");
                }
                let others: Vec<i32> = got_by_year
                    .keys()
                    .filter(|(i, y)| i == id && !years.contains(y))
                    .map(|(_, y)| *y)
                    .collect();
                assert!(others.is_empty(), "{name}: {id} credited in {others:?} too");
                want.insert(id.clone(), sum);
            } else {
                want.insert(id.clone(), dec(text));
            }
        }
        assert_eq!(got, want, "{name}: credits per item");
    }
    if let Some(findings) = &expect.findings {
        let got: Vec<[String; 4]> = report
            .findings
            .iter()
            .map(|f| {
                [
                    f.evidence.to_string(),
                    f.severity().to_string(),
                    f.code.to_string(),
                    f.rule.to_string(),
                ]
            })
            .collect();
        assert_eq!(&got, findings, "{name}: findings");
    }
}

/// Every credit lies in a year its item can be credited in, whatever the case expects: the
/// year of the credit date for the kinds that have one (A1.C2–C9: completion, publication,
/// grant, award, pass; online courses and platform training: the certificate's date), a
/// year of the item's range for day-based items (A1.C1 credits each half-day in the year of
/// its date), a year the entry covers for an earlier certificate (N.3.3). Assignments credit
/// no hours (A1.C7 waives years).
fn credit_years(name: &str, record: &Record, report: &Report) {
    for y in &report.years {
        for c in &y.credits {
            let Some(item) = record.evidence.iter().find(|e| e.id == c.evidence) else {
                panic!(
                    "{name}: a credit for {}, which is not in the record",
                    c.evidence
                );
            };
            let single = match &item.activity {
                Activity::OnlineCourse(x) | Activity::PlatformTraining(x) => Some(x.date),
                Activity::ResearchProject(x) => Some(x.completed),
                Activity::Book(x) => Some(x.published),
                Activity::Paper(x) => Some(x.published),
                Activity::Patent(x) => Some(x.granted),
                Activity::Award(x) => Some(x.awarded),
                Activity::SkillsExam(x) => Some(x.passed),
                Activity::DegreeCourse(x) => Some(x.passed),
                Activity::QualificationExam(x) => Some(x.passed),
                _ => None,
            };
            let fits = match (&item.activity, single) {
                (_, Some(date)) => date.year() == y.year,
                (Activity::PriorCertificate(p), None) => p.years.iter().any(|e| e.year == y.year),
                (Activity::Assignment(_), None) => false,
                // A declared kind: from its first date on (a policy may spread its hours over
                // the following years).
                (Activity::Declared(d), None) => [d.date, d.start, d.end]
                    .into_iter()
                    .flatten()
                    .min()
                    .is_some_and(|first| first.year() <= y.year),
                (other, None) => other.day_based().is_some_and(|(_, p)| {
                    p.start.year() <= y.year && y.year <= p.last_day().year()
                }),
            };
            assert!(
                fits,
                "{name}: {} credited {} h in {}, a year it cannot be credited in",
                c.evidence, c.hours, y.year
            );
        }
    }
}

/// Checks that every `.json` file of `dir` is among `listed`.
pub fn all_listed(dir: &str, listed: &[&str]) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
            assert!(
                listed.contains(&stem.as_str()),
                "{stem}.json is not listed in its test file"
            );
        }
    }
}

/// Runs each named case file of `$dir` as a test named after it.
#[macro_export]
macro_rules! cases {
    ($dir:literal: $($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                common::run(stringify!($name), include_str!(concat!($dir, "/", stringify!($name), ".json")));
            }
        )+

        #[test]
        fn every_case_file_is_listed() {
            common::all_listed(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/", $dir), &[$(stringify!($name)),+]);
        }
    };
}

/// Hours credited to item `id` over the whole span.
pub fn hours_of(report: &Report, id: &str) -> rust_decimal::Decimal {
    report
        .years
        .iter()
        .flat_map(|y| &y.credits)
        .filter(|c| c.evidence.as_str() == id)
        .map(|c| c.hours)
        .sum()
}
