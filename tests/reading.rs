//! Reading records (issue 13, item 10): the item limit enforced while the evidence list is
//! read, errors inside nested values named by their full path, and dates past year 9999
//! refused both when written and when read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

use std::cell::Cell;

use cehours::{
    Activity, DegreeCourse, Evidence, EvidenceId, MAX_ITEMS, Policy, Record, RecordSeed,
};
use chrono::NaiveDate;
use serde::de::DeserializeSeed;
use serde::de::value::{Error as ValueError, MapDeserializer, SeqDeserializer};

fn refused(text: &str) -> String {
    serde_json::from_str::<Record>(text)
        .map(|_| ())
        .unwrap_err()
        .to_string()
}

const ITEM: &str = r#"{"id":"a","kind":"degree_course","courses":1,"passed":"2020-01-01"}"#;

/// A policy's limit stops reading at the first item past it: what follows (here not even
/// JSON) is never read.
#[test]
fn the_item_limit_stops_reading() {
    let text = format!(r#"{{"evidence":[{ITEM},{ITEM},{ITEM}, this is never read ]}}"#);
    let mut json = serde_json::Deserializer::from_str(&text);
    let err = RecordSeed { max_items: 2 }
        .deserialize(&mut json)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("evidence: more than 2 items, the limit"),
        "{err}"
    );
    // At the limit exactly, the record is read.
    let text = format!(r#"{{"evidence":[{ITEM},{ITEM}]}}"#);
    let mut json = serde_json::Deserializer::from_str(&text);
    let record = Record::deserialize_with_limit(&mut json, 2).unwrap();
    assert_eq!(record.evidence.len(), 2);
    // A limit of 0 admits only an empty list.
    let mut json = serde_json::Deserializer::from_str(r#"{"evidence":[]}"#);
    assert!(Record::deserialize_with_limit(&mut json, 0).is_ok());
}

/// Plain `Deserialize` uses the built-in policy's limit as a hard ceiling: of an endless
/// evidence list, it reads 1,000,000 items and the first of the next, then stops with an
/// error before reading the rest.
#[test]
fn plain_reading_refuses_past_the_ceiling() {
    assert_eq!(MAX_ITEMS, 1_000_000);
    assert_eq!(MAX_ITEMS, Policy::hunan_2024().limits.max_items);
    let pulled = Cell::new(0usize);
    let items = std::iter::from_fn(|| {
        pulled.set(pulled.get() + 1);
        Some(MapDeserializer::<_, ValueError>::new(
            [
                ("id", "a"),
                ("kind", "degree_course"),
                ("passed", "2020-01-01"),
            ]
            .into_iter()
            .map(|(k, v)| (k, Value::Str(v)))
            .chain(std::iter::once(("courses", Value::U32(1)))),
        ))
    })
    // A few past the ceiling (an endless list would never end if reading did not stop).
    .take(MAX_ITEMS + 5);
    let evidence = SeqDeserializer::<_, ValueError>::new(items);
    let record = MapDeserializer::<_, ValueError>::new(std::iter::once(("evidence", evidence)));
    let err = <Record as serde::Deserialize>::deserialize(record)
        .map(|_| ())
        .unwrap_err()
        .to_string();
    assert_eq!(err, "evidence: more than 1000000 items, the limit");
    assert_eq!(pulled.get(), MAX_ITEMS + 1, "not one item more is read");
}

/// A string or a `u32`, as a `MapDeserializer` value.
#[derive(Clone, Copy)]
enum Value {
    Str(&'static str),
    U32(u32),
}

impl<'de> serde::de::IntoDeserializer<'de, ValueError> for Value {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> serde::Deserializer<'de> for Value {
    type Error = ValueError;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        match self {
            Value::Str(s) => v.visit_borrowed_str(s),
            Value::U32(n) => v.visit_u32(n),
        }
    }
    fn deserialize_option<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, ValueError> {
        v.visit_some(self)
    }
    fn deserialize_enum<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, ValueError> {
        match self {
            Value::Str(s) => serde::de::value::BorrowedStrDeserializer::new(s)
                .deserialize_enum(name, variants, v),
            Value::U32(n) => v.visit_u32(n),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[test]
fn nested_errors_name_their_full_path() {
    let prior = |years: &str| {
        format!(
            r#"{{"evidence":[{ITEM},{{"id":"c","kind":"prior_certificate","years":{years}}}]}}"#
        )
    };
    let err = refused(&prior(
        r#"[{"year":2019,"public":"x","professional":"60"}]"#,
    ));
    assert!(
        err.starts_with("evidence[1].years[0].public: `x` is not a decimal"),
        "{err}"
    );
    let err = refused(&prior(
        r#"[{"year":2019,"public":"30","professional":"60"},{"year":"2020","public":"1","professional":"2"}]"#,
    ));
    assert!(
        err.starts_with("evidence[1].years[1].year: invalid type: string \"2020\", expected i32"),
        "{err}"
    );
    let err = refused(&prior(r#"[{"year":2019,"public":"30"}]"#));
    assert!(
        err.starts_with("evidence[1].years[0]: missing field `professional`"),
        "{err}"
    );
    let err = refused(&prior(
        r#"[{"year":2019,"public":"1","public":"2","professional":"3"}]"#,
    ));
    assert!(
        err.starts_with("evidence[1].years[0]: duplicate field `public`"),
        "{err}"
    );
    let documents = |docs: &str| {
        format!(
            r#"{{"evidence":[{{"id":"a","kind":"degree_course","courses":1,"passed":"2020-01-01","documents":{docs}}}]}}"#
        )
    };
    let err = refused(&documents(
        r#"[{"type":"transcript"},{"type":"notice"},{"type":"notice","bytes":"12"}]"#,
    ));
    assert!(
        err.starts_with(
            "evidence[0].documents[2].bytes: invalid type: string \"12\", expected u64"
        ),
        "{err}"
    );
    let err = refused(&documents(r#"[{"type":"selfie"}]"#));
    assert!(
        err.starts_with("evidence[0].documents[0].type: unknown variant `selfie`"),
        "{err}"
    );
    let err = refused(&documents(r#"[{"type":"notice","size":1}]"#));
    assert!(
        err.starts_with("evidence[0].documents[0]: unknown field `size`"),
        "{err}"
    );
    // A document read alone names the field.
    let err = serde_json::from_str::<cehours::Document>(r#"{"type":"notice","bytes":-1}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("bytes: invalid value: integer `-1`"),
        "{err}"
    );
    // Errors of an item's own fields still name the item.
    let err = refused(
        r#"{"evidence":[{"id":"p","kind":"patent","class":"invention","rank":"one","granted":"2020-01-01"}]}"#,
    );
    assert!(
        err.starts_with("evidence[0]: invalid type: string \"one\", expected u32"),
        "{err}"
    );
}

/// chrono allows year 10000; the contract's `YYYY-MM-DD` does not. Such a date is refused
/// when written (rather than written `+10000-01-01`, which reading refuses) and when read.
#[test]
fn dates_past_year_9999_are_refused_both_ways() {
    let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    let record = Record {
        policy: None,
        span: None,
        evidence: vec![{
            let mut built = Evidence::new(
                EvidenceId::new("d").unwrap(),
                Activity::DegreeCourse(DegreeCourse::new(1, far)),
            );
            built.documents = vec![];
            built
        }],
        grade: None,
        counts_from: None,
    };
    let err = serde_json::to_string(&record).unwrap_err().to_string();
    assert!(
        err.contains("date +10000-01-01 lies outside the years 0001–9999"),
        "{err}"
    );
    // Year 9999 is written and read back.
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let mut ok = record.clone();
    ok.evidence[0].activity = Activity::DegreeCourse(DegreeCourse::new(1, last));
    let text = serde_json::to_string(&ok).unwrap();
    assert!(text.contains(r#""passed":"9999-12-31""#), "{text}");
    assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), ok);
    // Year 0 and before: refused too.
    let zero = NaiveDate::from_ymd_opt(0, 6, 1).unwrap();
    ok.evidence[0].activity = Activity::DegreeCourse(DegreeCourse::new(1, zero));
    assert!(serde_json::to_string(&ok).is_err());
    // Reading: both the signed form chrono writes and a five-digit year are refused.
    for text in ["+10000-01-01", "10000-01-01"] {
        let err = refused(&format!(
            r#"{{"evidence":[{{"id":"d","kind":"degree_course","courses":1,"passed":"{text}"}}]}}"#
        ));
        assert!(err.contains("is not a date written YYYY-MM-DD"), "{err}");
    }
}

/// Issue 14: a mistyped field names the fields of the item's kind, whether the kind comes
/// before or after it; without a kind every field is listed.
#[test]
fn a_mistyped_field_names_the_kind_s_own_fields() {
    let paper = "unknown field `publsihed`, expected one of `author_rank`, `published`, \
                 `serial`, `journal`, `title`, `foreign`, `id`, `kind`, `documents`";
    for item in [
        r#"{"id":"p","kind":"paper","author_rank":1,"publsihed":"2020-01-01"}"#,
        r#"{"id":"p","publsihed":"2020-01-01","author_rank":1,"kind":"paper"}"#,
    ] {
        let err = refused(&format!(r#"{{"evidence":[{item}]}}"#));
        assert!(err.starts_with(&format!("evidence[0]: {paper}")), "{err}");
        let err = serde_json::from_str::<cehours::Evidence>(item)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(paper), "{err}");
    }
    let err =
        refused(r#"{"evidence":[{"id":"t","kind":"training","start":"2020-01-01","dyas":"1"}]}"#);
    assert!(
        err.starts_with(
            "evidence[0]: unknown field `dyas`, expected one of `subject`, `format`, \
             `provider`, `filed`, `start`, `end`, `days`, `id`, `kind`, `documents`"
        ),
        "{err}"
    );
    // No kind: every field of every kind is listed.
    let err = refused(r#"{"evidence":[{"id":"x","publsihed":"2020-01-01"}]}"#);
    assert!(
        err.starts_with(
            "evidence[0]: unknown field `publsihed`, expected one of `id`, `kind`, `subject`"
        ),
        "{err}"
    );
    assert!(err.contains("`years`, `documents`"), "{err}");
}

/// The fields listed for a kind cover every field its items use in the sample record and
/// the conformance corpus.
#[test]
fn the_fields_listed_for_a_kind_cover_its_items_in_the_corpus() {
    let listed = |kind: &str| -> Vec<String> {
        let item = format!(r#"{{"id":"x","kind":"{kind}","zzz":1}}"#);
        let err = serde_json::from_str::<cehours::Evidence>(&item)
            .unwrap_err()
            .to_string();
        let list = err.split("expected one of ").nth(1).unwrap_or_default();
        let list = list.split(" at line").next().unwrap_or_default();
        list.split(", ")
            .map(|f| f.trim_matches('`').to_owned())
            .collect()
    };
    let mut files = vec![std::path::PathBuf::from("examples/records/sample.json")];
    for entry in std::fs::read_dir("tests/conformance").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    let mut checked = 0;
    for path in files {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let record = value.get("record").unwrap_or(&value);
        let Some(items) = record.get("evidence").and_then(|e| e.as_array()) else {
            continue;
        };
        for item in items {
            let (Some(object), Some(kind)) =
                (item.as_object(), item.get("kind").and_then(|k| k.as_str()))
            else {
                continue;
            };
            if cehours::Kind::ALL.iter().all(|k| k.as_str() != kind) {
                continue;
            }
            let fields = listed(kind);
            for key in object.keys() {
                assert!(
                    fields.contains(key),
                    "{}: `{key}` of a {kind} is not listed: {fields:?}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} fields checked");
}
