//! With `serde_json`'s default features (no `arbitrary_precision`), fractional JSON numbers are
//! read exactly — from JSON text and from a `serde_json::Value` alike — and give exactly what the
//! same values written as strings give, for records, policy overlays and stored reports; a
//! number that cannot be the value as written is refused with a message saying to write it as a
//! string. Expected hours are stated by hand from the rules (docs/rules.md).

use std::error::Error;

use cehours::{Decimal, Policy, PolicyFile, Record, Registry, Report, evaluate};
use serde_json::Value;

type Result<T = ()> = std::result::Result<T, Box<dyn Error>>;

/// The message for a number that cannot be taken exactly.
fn inexact(number: &str) -> String {
    format!("`{number}` cannot be taken exactly as a JSON number; write it as a string")
}

fn dec(text: &str) -> Result<Decimal> {
    Ok(text.parse()?)
}

/// A record whose decimals are JSON numbers with fractions.
const RECORD_NUMBERS: &str = r#"{
  "span": { "from": 2019, "to": 2023 },
  "evidence": [
    { "id": "t1", "kind": "training", "subject": "public",
      "start": "2020-04-01", "end": "2020-04-04", "days": 3.5 },
    { "id": "oc", "kind": "online_course", "subject": "professional",
      "date": "2020-05-01", "hours": 12.5 },
    { "id": "cert", "kind": "prior_certificate",
      "years": [ { "year": 2021, "public": 30.5, "professional": 60.25 } ] }
  ]
}"#;

/// The same record with every decimal written as a string.
const RECORD_STRINGS: &str = r#"{
  "span": { "from": 2019, "to": 2023 },
  "evidence": [
    { "id": "t1", "kind": "training", "subject": "public",
      "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" },
    { "id": "oc", "kind": "online_course", "subject": "professional",
      "date": "2020-05-01", "hours": "12.5" },
    { "id": "cert", "kind": "prior_certificate",
      "years": [ { "year": 2021, "public": "30.5", "professional": "60.25" } ] }
  ]
}"#;

#[test]
fn this_build_has_no_arbitrary_precision() -> Result {
    // With `arbitrary_precision` a number keeps its text (`0.10`); without, it is an f64 (`0.1`).
    // Were the feature unified into this build, every test here would prove nothing.
    let number: serde_json::Number = serde_json::from_str("0.10")?;
    assert_eq!(number.to_string(), "0.1");
    assert!(serde_json::from_str::<Value>("3.5")?.is_f64());
    Ok(())
}

#[test]
fn records_with_fractional_numbers_read_exactly_from_text_and_from_value() -> Result {
    let from_strings: Record = serde_json::from_str(RECORD_STRINGS)?;
    let from_text: Record = serde_json::from_str(RECORD_NUMBERS)?;
    let value: Value = serde_json::from_str(RECORD_NUMBERS)?;
    let from_value: Record = serde_json::from_value(value)?;
    let from_string_value: Record = serde_json::from_value(serde_json::from_str(RECORD_STRINGS)?)?;
    assert_eq!(from_text, from_strings);
    assert_eq!(from_value, from_strings);
    assert_eq!(from_string_value, from_strings);

    let policy = Policy::hunan_2024();
    let report = evaluate(&from_value, &policy)?;
    assert_eq!(report, evaluate(&from_strings, &policy)?);
    let y2020 = report.year(2020).ok_or("2020 is in the span")?;
    // A1.C1: 3.5 days × 8 hours; A1.M3 / I-3: the 12.5 hours the certificate states.
    assert_eq!(y2020.public, dec("28")?);
    assert_eq!(y2020.professional, dec("12.5")?);
    // I-9: a certified year takes the certified figures.
    let y2021 = report.year(2021).ok_or("2021 is in the span")?;
    assert_eq!(y2021.public, dec("30.5")?);
    assert_eq!(y2021.professional, dec("60.25")?);
    Ok(())
}

#[test]
fn integers_and_exponents_are_exact() -> Result {
    let record = |days: &str| {
        format!(
            r#"{{ "evidence": [ {{ "id": "t", "kind": "training", "subject": "public",
                 "start": "2020-04-01", "end": "2020-04-10", "days": {days} }} ] }}"#
        )
    };
    let strings: Record = serde_json::from_str(&record("\"2.25\""))?;
    for number in ["2.25", "225e-2", "0.0225E2", "2.250"] {
        let text: Record = serde_json::from_str(&record(number))?;
        let value: Record = serde_json::from_value(serde_json::from_str(&record(number))?)?;
        assert_eq!(text, strings, "{number}");
        assert_eq!(value, strings, "{number}");
    }
    // 15 significant digits, the most a float carries exactly.
    for (number, string) in [
        ("0.123456789012345", "\"0.123456789012345\""),
        ("123456789012.345", "\"123456789012.345\""),
    ] {
        let text: Record = serde_json::from_str(&record(number))?;
        let value: Record = serde_json::from_value(serde_json::from_str(&record(number))?)?;
        let strings: Record = serde_json::from_str(&record(string))?;
        assert_eq!(text, strings, "{number}");
        assert_eq!(value, strings, "{number}");
    }
    let integer: Record = serde_json::from_value(serde_json::from_str(&record("3"))?)?;
    let three: Record = serde_json::from_str(&record("\"3\""))?;
    assert_eq!(integer, three);
    Ok(())
}

/// An overlay changing A1.C1's hours per day to 8.5, with the value written `per_day`.
fn overlay(per_day: &str) -> String {
    format!(
        r#"{{ "extends": "hunan-2024", "id": "hunan-2024-per-day-8-5",
              "days": {{ "per_day": {per_day} }} }}"#
    )
}

#[test]
fn overlays_with_fractional_numbers_read_exactly_from_text_and_from_value() -> Result {
    let registry = Registry::builtin();
    let strings = registry.load(&serde_json::from_str::<PolicyFile>(&overlay("\"8.5\""))?)?;
    let text = registry.load(&serde_json::from_str::<PolicyFile>(&overlay("8.5"))?)?;
    let value: Value = serde_json::from_str(&overlay("8.5"))?;
    let from_value = registry.load(&serde_json::from_value::<PolicyFile>(value)?)?;
    assert_eq!(text, strings);
    assert_eq!(from_value, strings);
    assert_eq!(from_value.days.as_ref().map(|d| d.per_day), Some(dec("8.5")?));

    // A1.C1 under the overlay: 2 days × 8.5 hours.
    let record: Record = serde_json::from_str(
        r#"{ "policy": "hunan-2024-per-day-8-5", "evidence": [ { "id": "t", "kind": "training",
             "subject": "public", "start": "2020-04-01", "end": "2020-04-02", "days": 2 } ] }"#,
    )?;
    let report = evaluate(&record, &from_value)?;
    let y2020 = report.year(2020).ok_or("2020 is in the span")?;
    assert_eq!(y2020.public, dec("17")?);
    Ok(())
}

/// Turns every short decimal string of a stored output into a JSON number (an f64 here), as a
/// system that stores decimals as numbers would.
fn decimals_as_numbers(value: &mut Value) -> Result {
    match value {
        Value::String(s)
            if s.len() <= 12
                && !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
                && s.bytes().any(|b| b.is_ascii_digit()) =>
        {
            let number: Value = serde_json::from_str(s)?;
            *value = number;
        }
        Value::Array(items) => {
            for item in items {
                decimals_as_numbers(item)?;
            }
        }
        Value::Object(map) => {
            for item in map.values_mut() {
                decimals_as_numbers(item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[test]
fn stored_reports_read_the_same_from_text_and_from_value() -> Result {
    let record: Record = serde_json::from_str(RECORD_NUMBERS)?;
    let report = evaluate(&record, &Policy::hunan_2024())?;
    let stored = serde_json::to_string(&report)?;
    assert!(
        stored.contains(r#""12.5""#),
        "decimals are written as strings"
    );
    let from_text: Report = serde_json::from_str(&stored)?;
    let from_value: Report = serde_json::from_value(serde_json::from_str(&stored)?)?;
    assert_eq!(from_text, report);
    assert_eq!(from_value, report);

    // The same row with its decimals stored as JSON numbers reads the same, both ways.
    let mut numbers: Value = serde_json::from_str(&stored)?;
    decimals_as_numbers(&mut numbers)?;
    let numbers_text = serde_json::to_string(&numbers)?;
    assert!(numbers_text.contains(":12.5"), "{numbers_text}");
    let from_numbers_text: Report = serde_json::from_str(&numbers_text)?;
    let from_numbers_value: Report = serde_json::from_value(numbers)?;
    assert_eq!(from_numbers_text, report);
    assert_eq!(from_numbers_value, report);
    Ok(())
}

fn record_error(days: &str) -> Result<(String, String)> {
    let text = format!(
        r#"{{ "evidence": [ {{ "id": "t", "kind": "training", "subject": "public",
             "start": "2020-04-01", "end": "2020-04-10", "days": {days} }} ] }}"#
    );
    let from_text = serde_json::from_str::<Record>(&text)
        .err()
        .ok_or("refused from text")?
        .to_string();
    let value: Value = serde_json::from_str(&text)?;
    let from_value = serde_json::from_value::<Record>(value)
        .err()
        .ok_or("refused from a Value")?
        .to_string();
    Ok((from_text, from_value))
}

#[test]
fn inexact_numbers_are_refused_with_a_message() -> Result {
    // 0.1 + 0.2 in binary floats: 17 significant digits, more than a float carries exactly.
    let (text, value) = record_error("0.30000000000000004")?;
    assert!(text.contains(&inexact("0.30000000000000004")), "{text}");
    assert!(value.contains(&inexact("0.30000000000000004")), "{value}");
    let (text, value) = record_error("0.1234567890123456")?;
    assert!(text.contains(&inexact("0.1234567890123456")), "{text}");
    assert!(value.contains(&inexact("0.1234567890123456")), "{value}");
    // Beyond the 28 decimal places a decimal holds. serde_json's default parser reads 1e-30 as
    // the float next to it (`0.0000000000000000000000000000009999999999999999`), which is
    // refused as inexact; read correctly rounded it would be refused as out of range.
    let (text, value) = record_error("1e-30")?;
    for message in [text, value] {
        assert!(
            message.contains("write it as a string") || message.contains("out of range"),
            "{message}"
        );
    }

    // An overlay is refused as it is read: its tree keeps a number only when it is exact.
    let text = overlay("0.30000000000000004");
    let from_text = serde_json::from_str::<PolicyFile>(&text)
        .err()
        .ok_or("refused from text")?
        .to_string();
    let from_value = serde_json::from_value::<PolicyFile>(serde_json::from_str(&text)?)
        .err()
        .ok_or("refused from a Value")?
        .to_string();
    for message in [from_text, from_value] {
        assert!(
            message.contains(&inexact("0.30000000000000004")),
            "{message}"
        );
    }
    Ok(())
}
