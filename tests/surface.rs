#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]
//! The library's surface as a service links it: common traits, messages per language, and
//! stored outputs that stay readable when a later version (or a service) adds fields.

use cehours::{
    Actor, Applicant, Application, Certificate, Declaration, FindingCode, Holder, Kind, Level,
    Locale, Party, Policy, Record, Report, Route, RuleId, Span, Subject, SubjectDeclaration,
    Totals, Track, Upload, Uploads,
};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde_json::Value;

const SAMPLE: &str = include_str!("../examples/records/sample.json");
const ID: &str = "11010519491231002X";
const CITY_HRSS: &str = "长沙市人力资源和社会保障局";

fn sample_report() -> Report {
    let record: Record = serde_json::from_str(SAMPLE).unwrap();
    cehours::evaluate(&record, &Policy::hunan_2024()).unwrap()
}

/// Adds `"added_later": 1` to every object of a JSON value (what a later version or a
/// service's own column would leave in a stored row), except inside the inputs a row quotes:
/// the span (a value of the record, `{from, to}` for good), the declaration (the form) and the
/// policy's minimums a certificate quotes (a part of the policy file).
fn with_extra_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                // Inputs kept inside stored outputs (a declaration, a policy's window and
                // upload rules) stay strict: only the outputs' own fields may grow.
                if !["span", "declaration", "minimums", "window", "uploads"].contains(&key.as_str())
                {
                    with_extra_fields(v);
                }
            }
            map.insert("added_later".into(), Value::from(1));
        }
        Value::Array(items) => items.iter_mut().for_each(with_extra_fields),
        _ => {}
    }
}

fn declaration(year: i32) -> Declaration {
    let mut applicant = Applicant::new(ID, "李华");
    applicant.gender = None;
    applicant.ethnicity = "汉族".into();
    applicant.unit = "湖南省地质研究所".into();
    applicant.proposed_title = "正高级工程师".into();
    applicant.phone = "18890987651".into();
    applicant.education = "硕士研究生".into();
    applicant.category = "工程".into();
    applicant.sub_specialty = "地质勘查".into();
    Declaration::new(
        applicant,
        year,
        SubjectDeclaration::new(format!("{year}公需科目"), "培训班", Decimal::from(30)),
        SubjectDeclaration::new(format!("{year}专业科目"), "论文", Decimal::from(60)),
        Decimal::from(90),
    )
    .with_uploads(Uploads {
        education: vec![Upload::new("学历证书.pdf")],
        entrustment: vec![],
        hours: vec![Upload::new(&format!("{year}学时材料.pdf"))],
    })
}

fn at(hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 6, 3)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

/// An application for `year` approved on the non-public route (N.2.3).
fn approved(year: i32) -> Application {
    let route = Route::new(Track::NonPublic, CITY_HRSS).unwrap();
    let mut app = Application::new(&format!("HN-{year}"), declaration(year), route).unwrap();
    app.submit(
        &Actor::new("李华", Party::Applicant, "湖南省地质研究所"),
        at(9),
    )
    .unwrap();
    app.approve(
        &Actor::new("赵核认", Party::Agency, CITY_HRSS),
        None,
        at(10),
    )
    .unwrap();
    app
}

#[test]
fn reports_read_back_with_fields_added_later() {
    let report = sample_report();
    let mut json = serde_json::to_value(&report).unwrap();
    with_extra_fields(&mut json);
    assert_eq!(json["years"][0]["added_later"], 1);
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn reports_read_back_without_the_per_language_messages() {
    let report = sample_report();
    let mut json = serde_json::to_value(&report).unwrap();
    let findings = json["findings"].as_array_mut().unwrap();
    assert!(!findings.is_empty());
    for finding in findings {
        let map = finding.as_object_mut().unwrap();
        assert!(map.remove("message_zh").is_some());
        assert!(map.remove("message_en").is_some());
    }
    let back: Report = serde_json::from_value(json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn each_finding_carries_its_message_in_both_languages() {
    let json = serde_json::to_value(sample_report()).unwrap();
    let finding = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "outside_span")
        .unwrap();
    assert_eq!(finding["message_zh"], "不在本次学时核认跨度内,不计入");
    assert_eq!(
        finding["message_en"],
        "outside the review span; not counted"
    );
    assert_eq!(
        finding["message"],
        "不在本次学时核认跨度内,不计入 / outside the review span; not counted"
    );
    assert_eq!(
        FindingCode::OutsideSpan.message_in(Locale::En),
        "outside the review span; not counted"
    );
}

#[test]
fn totals_read_back_with_fields_added_later() {
    let record: Record = serde_json::from_str(SAMPLE).unwrap();
    let policy = Policy::hunan_2024();
    let mut evaluator = cehours::Evaluator::new(&policy);
    let mut totals = Totals::default();
    evaluator.totals_into(&record, &mut totals).unwrap();
    assert_eq!(totals.span, Span::new(2019, 2023).unwrap());
    let mut json = serde_json::to_value(&totals).unwrap();
    with_extra_fields(&mut json);
    let back: Totals = serde_json::from_value(json).unwrap();
    assert_eq!(back, totals);
}

#[test]
fn applications_certificates_and_audit_entries_read_back_with_fields_added_later() {
    let app = approved(2020);
    let mut json = serde_json::to_value(&app).unwrap();
    with_extra_fields(&mut json);
    assert_eq!(json["audit"][0]["added_later"], 1);
    let back: Application = serde_json::from_value(json).unwrap();
    assert_eq!(back, app);

    let holder = Holder::new(ID, "李华");
    let cert = Certificate::issue(
        &holder,
        Span::new(2020, 2020).unwrap(),
        &[app],
        &[],
        &Policy::hunan_2024(),
        NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
    )
    .unwrap();
    let mut json = serde_json::to_value(&cert).unwrap();
    with_extra_fields(&mut json);
    let back: Certificate = serde_json::from_value(json).unwrap();
    assert_eq!(back, cert);
}

#[test]
fn inputs_still_refuse_unknown_fields() {
    let mut record: Value = serde_json::from_str(SAMPLE).unwrap();
    record["added_later"] = Value::from(1);
    assert!(serde_json::from_value::<Record>(record).is_err());
    let mut decl = serde_json::to_value(declaration(2020)).unwrap();
    decl["added_later"] = Value::from(1);
    assert!(serde_json::from_value::<Declaration>(decl).is_err());
}

#[test]
fn names_parse_with_from_str() {
    assert_eq!("paper".parse::<Kind>(), Ok(Kind::Paper));
    assert!("papers".parse::<Kind>().is_err());
    assert_eq!("A1.C2".parse::<RuleId>(), Ok(RuleId::A1C2));
    assert_eq!("I-8".parse::<RuleId>(), Ok(RuleId::I8));
    assert!("A1.C99".parse::<RuleId>().is_err());
    let id: cehours::IdNumber = "11010519491231002x".parse().unwrap();
    assert_eq!(id.as_str(), ID);
    assert!("110105194912310021".parse::<cehours::IdNumber>().is_err());
}

#[test]
fn values_display_as_written() {
    assert_eq!(Subject::Public.to_string(), "public");
    assert_eq!(Level::Provincial.to_string(), "provincial");
    assert_eq!(Track::CityPrefecture.to_string(), "city_prefecture");
    assert_eq!(
        serde_json::to_value(Track::CentralUnit).unwrap(),
        Track::CentralUnit.to_string()
    );
    assert_eq!(Span::new(2019, 2023).unwrap().to_string(), "2019-2023");
    assert_eq!(Span::new(2023, 2023).unwrap().to_string(), "2023");
}

#[test]
fn party_labels_per_language() {
    assert_eq!(Party::Employer.label(), "用人单位");
    assert_eq!(Party::Employer.label_in(Locale::Zh), "用人单位");
    assert_eq!(Party::Employer.label_in(Locale::En), "employer");
    assert_eq!(Party::Agency.label_in(Locale::En), "handling agency");
    for party in [
        Party::Applicant,
        Party::Employer,
        Party::SuperiorUnit,
        Party::Agency,
    ] {
        assert_eq!(party.to_string(), party.label_in(Locale::En));
        assert_eq!(party.label(), party.label_in(Locale::Zh));
    }
}

/// The records of the sample and of every corpus case the crate accepts.
fn accepted_records() -> Vec<(String, Value)> {
    let mut out = vec![("sample".to_owned(), serde_json::from_str(SAMPLE).unwrap())];
    for dir in ["tests/conformance", "tests/adversarial"] {
        let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.extension().is_none_or(|e| e != "json") || name.starts_with("refused_") {
                continue;
            }
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            if case["record"].is_object() {
                out.push((name, case["record"].clone()));
            }
        }
    }
    out
}

/// `Activity` reads and writes the contract's flat shape (without `id` and `documents`): every
/// item of the sample and of every accepted corpus record, read on its own, is the activity the
/// record holds, and writes back to the same value.
#[test]
fn activities_read_the_contract_shape() {
    let records = accepted_records();
    assert!(records.len() > 50, "{} records", records.len());
    for (name, json) in records {
        let record: Record = serde_json::from_str(&json.to_string()).unwrap();
        let items = json["evidence"].as_array().unwrap();
        assert_eq!(items.len(), record.evidence.len());
        for (item, evidence) in items.iter().zip(&record.evidence) {
            let mut flat = item.as_object().unwrap().clone();
            flat.remove("id");
            flat.remove("documents");
            let text = serde_json::to_string(&flat).unwrap();
            let activity: cehours::Activity =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {text}: {e}"));
            assert_eq!(activity, evidence.activity, "{name}: {text}");
            let back = serde_json::to_string(&activity).unwrap();
            let again: cehours::Activity = serde_json::from_str(&back).unwrap();
            assert_eq!(again, activity, "{name}: {back}");
        }
    }
}

#[test]
fn activities_refuse_fields_of_other_kinds() {
    let ok = r#"{"kind": "paper", "author_rank": 1, "published": "2020-06-15"}"#;
    let paper: cehours::Paper = serde_json::from_str(
        r#"{"author_rank": 1, "published": "2020-06-15", "serial": "CN 43-1234/N"}"#,
    )
    .unwrap();
    let expected = cehours::Paper::new(1, NaiveDate::from_ymd_opt(2020, 6, 15).unwrap())
        .with_serial("CN 43-1234/N");
    assert_eq!(paper, expected);
    assert!(serde_json::from_str::<cehours::Activity>(ok).is_ok());
    let foreign = r#"{"kind": "paper", "author_rank": 1, "published": "2020-06-15", "days": "1"}"#;
    assert!(serde_json::from_str::<cehours::Activity>(foreign).is_err());
    let training = r#"{"kind": "training", "start": "2020-04-01", "days": "1", "rank": 1}"#;
    assert!(serde_json::from_str::<cehours::Activity>(training).is_err());
    let day = r#"{"kind": "practice", "start": "2020-04-01", "end": null, "days": 2}"#;
    let practice: cehours::Activity = serde_json::from_str(day).unwrap();
    let period = cehours::Period::new(NaiveDate::from_ymd_opt(2020, 4, 1).unwrap(), Decimal::TWO);
    assert_eq!(
        practice,
        cehours::Activity::Practice(cehours::DayActivity::new(period))
    );
}
