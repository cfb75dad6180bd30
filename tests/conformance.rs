//! The conformance corpus (`tests/conformance/*.json`): hand-computed outcomes of the rules,
//! one test per file, named after the rule it checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, reason = "tests")]

use std::collections::BTreeMap;

use cehours::{Policy, Record, Report};
use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[allow(dead_code, reason = "documentation inside the case file")]
    about: String,
    record: Box<serde_json::value::RawValue>,
    expect: Expect,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expect {
    passed: Option<bool>,
    #[serde(default)]
    years: BTreeMap<i32, ExpectYear>,
    credits: Option<BTreeMap<String, String>>,
    findings: Option<Vec<[String; 4]>>,
    refused: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ExpectYear {
    public: Option<String>,
    professional: Option<String>,
    total: Option<String>,
    passed: Option<bool>,
    waived: Option<bool>,
    waived_by: Option<Vec<String>>,
    shortfall: Option<[String; 3]>,
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn run(name: &str, text: &str) {
    let case: Case = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: bad case file: {e}"));
    let parsed = serde_json::from_str::<Record>(case.record.get())
        .map_err(|e| e.to_string())
        .and_then(|record| {
            cehours::evaluate(&record, &Policy::hunan_2024()).map_err(|e| e.to_string())
        });
    if let Some(needle) = &case.expect.refused {
        match parsed {
            Ok(_) => panic!("{name}: expected the record to be refused ({needle})"),
            Err(message) => assert!(
                message.contains(needle.as_str()),
                "{name}: refusal `{message}` does not mention `{needle}`"
            ),
        }
        return;
    }
    let report = parsed.unwrap_or_else(|e| panic!("{name}: record refused: {e}"));
    check(name, &case.expect, &report);
    // The report's own invariant: each year's credits add up to its totals.
    for y in &report.years {
        let sum = |s: cehours::Subject| -> Decimal {
            y.credits.iter().filter(|c| c.subject == s).map(|c| c.hours).sum()
        };
        assert_eq!(sum(cehours::Subject::Public), y.public, "{name}: {} public credits", y.year);
        assert_eq!(sum(cehours::Subject::Professional), y.professional, "{name}: {} professional credits", y.year);
    }
}

fn check(name: &str, expect: &Expect, report: &Report) {
    if let Some(passed) = expect.passed {
        assert_eq!(report.passed, passed, "{name}: span verdict");
    }
    for (year, e) in &expect.years {
        let y = report.year(*year).unwrap_or_else(|| panic!("{name}: year {year} not in report"));
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
            assert_eq!((s.public, s.professional, s.total), (dec(p), dec(q), dec(t)), "{name}: {year} shortfall");
        }
    }
    if let Some(credits) = &expect.credits {
        let mut got: BTreeMap<String, Decimal> = BTreeMap::new();
        for c in report.years.iter().flat_map(|y| &y.credits) {
            *got.entry(c.evidence.to_string()).or_default() += c.hours;
        }
        let want: BTreeMap<String, Decimal> = credits.iter().map(|(k, v)| (k.clone(), dec(v))).collect();
        assert_eq!(got, want, "{name}: credits per item");
    }
    if let Some(findings) = &expect.findings {
        let got: Vec<[String; 4]> = report
            .findings
            .iter()
            .map(|f| [f.evidence.to_string(), f.severity().to_string(), f.code.to_string(), f.rule.to_string()])
            .collect();
        assert_eq!(&got, findings, "{name}: findings");
    }
}

macro_rules! cases {
    ($($name:ident),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                run(stringify!($name), include_str!(concat!("conformance/", stringify!($name), ".json")));
            }
        )+

        #[test]
        fn every_case_file_is_listed() {
            let listed = [$(stringify!($name)),+];
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/conformance");
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "json") {
                    let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
                    assert!(listed.contains(&stem.as_str()), "{stem}.json is not listed in tests/conformance.rs");
                }
            }
        }
    };
}

cases! {
    n_1_2_each_minimum_on_its_own,
    n_2_default_span_and_outside,
    n_2_custom_span,
    n_3_1_employer_training_filing,
    n_3_2_platform_training,
    n_3_3_prior_certificate_stands,
    a1_c1_day_based_hours,
    a1_c1_invalid_days,
    a1_c2_research_projects,
    a1_c3_books_and_papers,
    a1_c4_patents,
    a1_c5_awards,
    a1_c6_digital_exam,
    a1_c7_assignment_waivers,
    a1_c8_degree_courses,
    a1_c9_qualification_exams,
    a1_m3_online_course_hours,
    i_1_main_contributor,
    i_2_waiver_month_boundaries,
    i_3_online_hours_as_stated,
    i_4_special_grade,
    i_5_computer_exam,
    i_6_serial_numbers,
    i_8_same_work,
    i_8_same_days,
    i_9_certificates,
    i_10_unfiled_employer_training,
    worked_example_1,
    worked_example_2,
    worked_example_3,
    worked_example_4,
    worked_example_5,
    worked_example_6,
}
