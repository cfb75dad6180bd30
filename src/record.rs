//! A professional's record: the review span asked for and the evidence items, as the JSON
//! contract writes them.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::evidence::*;
use crate::wire;

/// An inclusive range of calendar years, `from` ≤ `to`, both within 1–9999.
///
/// The fields are public, so a value built in Rust may break these bounds (an inverted span,
/// years far outside 1–9999): every method still answers without overflow, and
/// [`Span::new`], [`Span::within`] and [`crate::policy::Limits::check_span`] refuse such a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl std::fmt::Display for Span {
    /// `2019-2023`, or `2023` for a one-year span.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Years a span may name (the years a `YYYY-MM-DD` date can carry).
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

impl Span {
    /// A span of whole years, refusing an inverted one or years outside 1–9999.
    ///
    /// # Errors
    ///
    /// [`SpanError`] says which bound is wrong.
    pub fn new(from: i32, to: i32) -> Result<Self, SpanError> {
        if !YEARS.contains(&from) || !YEARS.contains(&to) {
            return Err(SpanError::OutOfRange { from, to });
        }
        if from > to {
            return Err(SpanError::Inverted { from, to });
        }
        Ok(Span { from, to })
    }

    /// N.2: the span itself when it is valid ([`Span::new`]) and holds at most `max_years`
    /// years (a policy's `limits.max_span_years`).
    ///
    /// # Errors
    ///
    /// As [`Span::new`], and [`SpanError::TooLong`] for a longer span.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Span, SpanError};
    ///
    /// let span = Span { from: 2019, to: 2023 };
    /// assert_eq!(span.within(5), Ok(span));
    /// assert_eq!(
    ///     span.within(4),
    ///     Err(SpanError::TooLong { from: 2019, to: 2023, max_years: 4 })
    /// );
    /// ```
    pub fn within(self, max_years: u32) -> Result<Span, SpanError> {
        let span = Span::new(self.from, self.to)?;
        if span.years_long() > u64::from(max_years) {
            return Err(SpanError::TooLong {
                from: self.from,
                to: self.to,
                max_years,
            });
        }
        Ok(span)
    }

    /// Whether `year` lies in the span.
    pub fn contains(&self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// The span's years in order.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.from..=self.to
    }

    /// The number of years in the span (0 for an inverted one; exact for any two `i32`s).
    pub fn len(&self) -> usize {
        usize::try_from(self.years_long()).unwrap_or(usize::MAX)
    }

    /// The number of years, in `u64`: at most 2³², so never saturated.
    fn years_long(&self) -> u64 {
        i64::from(self.to)
            .checked_sub(i64::from(self.from))
            .and_then(|d| d.checked_add(1))
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0)
    }

    /// Whether the span holds no year (never true for a span made by [`Span::new`]).
    pub fn is_empty(&self) -> bool {
        self.from > self.to
    }

    /// The position of `year` in the span, if it lies in it.
    pub fn index(&self, year: i32) -> Option<usize> {
        if self.contains(year) {
            i64::from(year)
                .checked_sub(i64::from(self.from))
                .and_then(|i| usize::try_from(i).ok())
        } else {
            None
        }
    }
}

/// A span that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// `from` is after `to`.
    #[error("span `from` {from} is after `to` {to}")]
    Inverted {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
    },
    /// A year outside 1–9999.
    #[error("span {from}–{to} lies outside the years 1–9999")]
    OutOfRange {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
    },
    /// N.2: more years than the policy's `limits.max_span_years`.
    #[error(
        "span {from}–{to} is longer than the {max_years} years the policy allows (limits.max_span_years)"
    )]
    TooLong {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
        /// The most years the policy allows.
        max_years: u32,
    },
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawSpan {
            from: i32,
            to: i32,
        }
        let raw = RawSpan::deserialize(d)?;
        Span::new(raw.from, raw.to).map_err(de::Error::custom)
    }
}

/// A professional's record: which policy, which span, and the evidence.
///
/// Reading one from JSON refuses anything that does not fit the contract (unknown fields or
/// kinds, repeated keys, fields foreign to a kind, bad dates, out-of-range numbers, an empty ID,
/// an inverted span), with a message naming the place. Two items with one ID are refused when
/// the record is evaluated ([`crate::EvaluateError::DuplicateId`]), which also covers records
/// built in Rust.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// Policy ID; `None` means the default, `hunan-2024`.
    pub policy: Option<String>,
    /// Review span; `None` means the policy's default span.
    pub span: Option<Span>,
    /// The evidence items, in the order the applicant listed them.
    pub evidence: Vec<Evidence>,
    /// The person's title grade (`intermediate`, `deputy_senior` …), for a policy whose
    /// minimums depend on it (its `grades`); `None`: the policy's own minimums.
    pub grade: Option<String>,
    /// Only hours earned on or after this date count (after a promotion, the date the
    /// qualification was published; after a transfer, the date of the transfer), for a policy
    /// with a `person_window`.
    pub counts_from: Option<NaiveDate>,
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        if let Some(policy) = &self.policy {
            map.serialize_entry("policy", policy)?;
        }
        if let Some(span) = &self.span {
            map.serialize_entry("span", span)?;
        }
        if let Some(grade) = &self.grade {
            map.serialize_entry("grade", grade)?;
        }
        if let Some(date) = &self.counts_from {
            map.serialize_entry("counts_from", &date.format("%Y-%m-%d").to_string())?;
        }
        map.serialize_entry("evidence", &self.evidence)?;
        map.end()
    }
}

/// Most evidence items a record read with plain [`Deserialize`] may hold: the built-in
/// policy's `limits.max_items`. Reading stops with an error as soon as the evidence list passes
/// it, before the rest is read. To read with a policy's own limit, use [`RecordSeed`] (or
/// [`Record::deserialize_with_limit`]); evaluation checks the policy's limit again
/// ([`crate::EvaluateError`]), which also covers records built in Rust.
pub const MAX_ITEMS: usize = 1_000_000;

impl<'de> Deserialize<'de> for Record {
    /// Reads a record of the JSON contract, refusing more than [`MAX_ITEMS`] items while reading.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Record::deserialize_with_limit(d, MAX_ITEMS)
    }
}

impl Record {
    /// Reads a record of the JSON contract, refusing it as soon as its evidence list holds more
    /// than `max_items` items (a policy's `limits.max_items`): a larger record is never read
    /// whole.
    ///
    /// # Errors
    ///
    /// As [`Deserialize`], and `evidence: more than N items` past the limit.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::Record;
    ///
    /// let text = r#"{"evidence": [
    ///     {"id": "a", "kind": "degree_course", "courses": 1, "passed": "2020-01-01"},
    ///     {"id": "b", "kind": "degree_course", "courses": 1, "passed": "2020-01-01"}]}"#;
    /// let mut json = serde_json::Deserializer::from_str(text);
    /// let err = Record::deserialize_with_limit(&mut json, 1).unwrap_err();
    /// assert!(err.to_string().starts_with("evidence: more than 1 item"));
    /// let mut json = serde_json::Deserializer::from_str(text);
    /// assert_eq!(Record::deserialize_with_limit(&mut json, 2)?.evidence.len(), 2);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deserialize_with_limit<'de, D: Deserializer<'de>>(
        d: D,
        max_items: usize,
    ) -> Result<Record, D::Error> {
        d.deserialize_map(RecordVisitor { max_items })
    }
}

/// Reads a [`Record`] with an item limit (a policy's `limits.max_items`), as
/// [`Record::deserialize_with_limit`] does: for `DeserializeSeed`-driven readers
/// (`seed.deserialize(&mut serde_json::Deserializer::from_str(text))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSeed {
    /// Most evidence items the record may hold.
    pub max_items: usize,
}

impl<'de> DeserializeSeed<'de> for RecordSeed {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        Record::deserialize_with_limit(d, self.max_items)
    }
}

struct RecordVisitor {
    max_items: usize,
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object with `evidence`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut policy: Option<Option<String>> = None;
        let mut span: Option<Option<Span>> = None;
        let mut evidence: Option<Vec<Evidence>> = None;
        let mut grade: Option<Option<String>> = None;
        let mut counts_from: Option<Option<NaiveDate>> = None;
        while let Some(key) = map.next_key::<RecordField>()? {
            let dup = |name: &str| de::Error::custom(format!("duplicate field `{name}`"));
            match key {
                RecordField::Policy if policy.is_some() => return Err(dup("policy")),
                RecordField::Policy => {
                    policy = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("policy: {e}")))?,
                    );
                }
                RecordField::Span if span.is_some() => return Err(dup("span")),
                RecordField::Span => {
                    span = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("span: {e}")))?,
                    );
                }
                RecordField::Grade if grade.is_some() => return Err(dup("grade")),
                RecordField::Grade => {
                    grade = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("grade: {e}")))?,
                    );
                }
                RecordField::CountsFrom if counts_from.is_some() => {
                    return Err(dup("counts_from"));
                }
                RecordField::CountsFrom => {
                    counts_from = Some(
                        map.next_value::<OptDate>()
                            .map_err(|e| de::Error::custom(format!("counts_from: {e}")))?
                            .0,
                    );
                }
                RecordField::Evidence if evidence.is_some() => return Err(dup("evidence")),
                RecordField::Evidence => {
                    evidence = Some(map.next_value_seed(EvidenceList {
                        max_items: self.max_items,
                    })?);
                }
            }
        }
        let evidence = evidence.ok_or_else(|| de::Error::missing_field("evidence"))?;
        Ok(Record {
            policy: policy.flatten(),
            span: span.flatten(),
            evidence,
            grade: grade.flatten(),
            counts_from: counts_from.flatten(),
        })
    }
}

/// A key of the record object, read without allocating.
enum RecordField {
    Policy,
    Span,
    Evidence,
    Grade,
    CountsFrom,
}

impl<'de> Deserialize<'de> for RecordField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Key;
        impl Visitor<'_> for Key {
            type Value = RecordField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<RecordField, E> {
                match key {
                    "policy" => Ok(RecordField::Policy),
                    "span" => Ok(RecordField::Span),
                    "evidence" => Ok(RecordField::Evidence),
                    "grade" => Ok(RecordField::Grade),
                    "counts_from" => Ok(RecordField::CountsFrom),
                    other => Err(E::custom(format!(
                        "unknown field `{other}`, expected `policy`, `span`, `evidence`, \
                         `grade` or `counts_from`"
                    ))),
                }
            }
        }
        d.deserialize_identifier(Key)
    }
}

/// The evidence array: items read one by one into one reused raw item, each error naming its
/// position (and the path inside it) and ID; more than `max_items` items are refused as soon as
/// the next one begins. (Duplicate IDs are refused by evaluation, which checks Rust-built
/// records too.)
struct EvidenceList {
    max_items: usize,
}

impl<'de> DeserializeSeed<'de> for EvidenceList {
    type Value = Vec<Evidence>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Evidence>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EvidenceList {
    type Value = Vec<Evidence>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of evidence items")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Evidence>, A::Error> {
        let hint = seq.size_hint().unwrap_or(0).min(4096).min(self.max_items);
        let mut items = Vec::with_capacity(hint);
        let mut raw = RawEvidence::default();
        loop {
            let index = items.len();
            if index >= self.max_items {
                // Past the limit: refuse at the next item, without reading further.
                return match seq.next_element::<IgnoredAny>()? {
                    None => Ok(items),
                    Some(_) => Err(de::Error::custom(format!(
                        "evidence: more than {} item{}, the limit",
                        self.max_items,
                        if self.max_items == 1 { "" } else { "s" }
                    ))),
                };
            }
            let mut nested = false;
            let read = seq.next_element_seed(RawSeed {
                raw: &mut raw,
                nested: &mut nested,
            });
            match read {
                Ok(Some(())) => {}
                Ok(None) => return Ok(items),
                Err(e) if nested => {
                    return Err(de::Error::custom(format!("evidence[{index}].{e}")));
                }
                Err(e) => return Err(de::Error::custom(format!("evidence[{index}]: {e}"))),
            }
            // On success every field has been taken, so `raw` is empty for the next item.
            let item = convert(&mut raw)
                .map_err(|e| de::Error::custom(format!("evidence[{index}]{e}")))?;
            items.push(item);
        }
    }
}

/// The flat JSON object of one evidence item, before it is checked against its kind. Written
/// by its derived `Serialize`; read by [`RawSeed`] (fields in the order of [`Field`]).
#[derive(Default, Serialize)]
struct RawEvidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<EvidenceId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<Subject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<TrainingFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provider: Option<Provider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    filed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    activity: Option<MeetingKind>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    start: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    end: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    days: Option<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    date: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    hours: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sponsor: Option<Sponsor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rank: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    completed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    work: Option<BookKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    author_rank: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    journal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    foreign: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    class: Option<PatentClass>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    granted: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grade: Option<Grade>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    awarded: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    exam: Option<SkillsExamKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    modules: Option<u32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    passed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    courses: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subjects: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    program: Option<Program>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessment_passed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    isbn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    years: Option<Vec<CertifiedYear>>,
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    activity_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    characters: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<Mode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    presented_characters: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<Document>>,
}

/// Why one evidence object does not fit its kind; displayed after `evidence[i]`.
struct ItemError {
    id: Option<EvidenceId>,
    message: String,
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, " (id `{id}`): {}", self.message),
            None => write!(f, ": {}", self.message),
        }
    }
}

/// Takes the fields a kind uses out of a raw item, then refuses any field left over.
struct Fields<'a> {
    raw: &'a mut RawEvidence,
    kind: &'a str,
}

impl Fields<'_> {
    fn missing(&self, field: &str) -> String {
        format!("missing field `{field}` for kind `{}`", self.kind)
    }
}

macro_rules! take {
    ($f:ident . $field:ident) => {
        $f.raw.$field.take()
    };
    ($f:ident . $field:ident ?) => {
        $f.raw
            .$field
            .take()
            .ok_or_else(|| $f.missing(stringify!($field)))?
    };
}

/// Names of the fields still set on a raw item (those its kind does not use).
fn leftover(raw: &RawEvidence) -> Vec<&'static str> {
    let mut names = Vec::new();
    macro_rules! check {
        ($($field:ident),*) => { $( if raw.$field.is_some() { names.push(stringify!($field)); } )* };
    }
    check!(
        subject,
        format,
        provider,
        filed,
        activity,
        start,
        end,
        days,
        date,
        hours,
        level,
        sponsor,
        role,
        rank,
        completed,
        work,
        author_rank,
        published,
        title,
        serial,
        journal,
        foreign,
        class,
        granted,
        number,
        grade,
        awarded,
        name,
        exam,
        modules,
        passed,
        courses,
        subjects,
        program,
        assessment_passed,
        isbn,
        years,
        activity_type,
        count,
        characters,
        mode,
        tier,
        presented_characters
    );
    // The contract's key for `activity_type`.
    for name in &mut names {
        if *name == "activity_type" {
            *name = "type";
        }
    }
    names
}

fn period(f: &mut Fields<'_>) -> Result<Period, String> {
    Ok(Period {
        start: take!(f.start?),
        end: take!(f.end),
        days: take!(f.days?),
    })
}

fn certified(f: &mut Fields<'_>) -> Result<CertifiedHours, String> {
    Ok(CertifiedHours {
        subject: take!(f.subject),
        date: take!(f.date?),
        hours: take!(f.hours?),
    })
}

fn activity(kind: Kind, f: &mut Fields<'_>) -> Result<Activity, String> {
    Ok(match kind {
        Kind::Training => Activity::Training(Training {
            subject: take!(f.subject),
            format: take!(f.format),
            provider: take!(f.provider),
            filed: take!(f.filed),
            period: period(f)?,
            mode: take!(f.mode),
            hours: take!(f.hours),
        }),
        Kind::Practice => Activity::Practice(DayActivity {
            subject: take!(f.subject),
            period: period(f)?,
        }),
        Kind::Conference => Activity::Conference(Conference {
            subject: take!(f.subject),
            activity: take!(f.activity),
            period: period(f)?,
            level: take!(f.level),
            presented_characters: take!(f.presented_characters),
        }),
        Kind::OverseasExchange => Activity::OverseasExchange(DayActivity {
            subject: take!(f.subject),
            period: period(f)?,
        }),
        Kind::OnlineCourse => Activity::OnlineCourse(certified(f)?),
        Kind::PlatformTraining => Activity::PlatformTraining(certified(f)?),
        Kind::ResearchProject => Activity::ResearchProject(ResearchProject {
            level: take!(f.level?),
            sponsor: take!(f.sponsor),
            role: take!(f.role?),
            rank: take!(f.rank?),
            completed: take!(f.completed?),
            tier: take!(f.tier),
        }),
        Kind::Book => Activity::Book(Book {
            work: take!(f.work),
            author_rank: take!(f.author_rank?),
            published: take!(f.published?),
            title: take!(f.title),
            isbn: take!(f.isbn),
        }),
        Kind::Paper => Activity::Paper(Paper {
            author_rank: take!(f.author_rank?),
            published: take!(f.published?),
            serial: take!(f.serial),
            journal: take!(f.journal),
            title: take!(f.title),
            foreign: take!(f.foreign),
        }),
        Kind::Patent => Activity::Patent(Patent {
            class: take!(f.class?),
            rank: take!(f.rank?),
            granted: take!(f.granted?),
            number: take!(f.number),
        }),
        Kind::Award => Activity::Award(Award {
            level: take!(f.level?),
            grade: take!(f.grade?),
            awarded: take!(f.awarded?),
            name: take!(f.name),
        }),
        Kind::SkillsExam => Activity::SkillsExam(SkillsExam {
            exam: take!(f.exam?),
            modules: take!(f.modules?),
            passed: take!(f.passed?),
        }),
        Kind::DegreeCourse => Activity::DegreeCourse(DegreeCourse {
            courses: take!(f.courses?),
            passed: take!(f.passed?),
        }),
        Kind::QualificationExam => Activity::QualificationExam(QualificationExam {
            subjects: take!(f.subjects?),
            passed: take!(f.passed?),
        }),
        Kind::Assignment => Activity::Assignment(Assignment {
            program: take!(f.program?),
            start: take!(f.start?),
            end: take!(f.end?),
            assessment_passed: take!(f.assessment_passed?),
            level: take!(f.level),
        }),
        Kind::PriorCertificate => Activity::PriorCertificate(PriorCertificate {
            years: take!(f.years?),
        }),
        Kind::Declared => Activity::Declared(DeclaredActivity {
            activity_type: f
                .raw
                .activity_type
                .take()
                .ok_or_else(|| f.missing("type"))?,
            subject: take!(f.subject),
            date: take!(f.date),
            start: take!(f.start),
            end: take!(f.end),
            days: take!(f.days),
            hours: take!(f.hours),
            count: take!(f.count),
            characters: take!(f.characters),
            level: take!(f.level),
            rank: take!(f.rank),
            mode: take!(f.mode),
            tier: take!(f.tier),
            presented_characters: take!(f.presented_characters),
        }),
    })
}

/// Checks a raw item against its kind and takes its fields out: on success `raw` is left
/// empty (every field `None`), ready for the next item.
fn convert(raw: &mut RawEvidence) -> Result<Evidence, ItemError> {
    let id_text = raw.id.take();
    let fail = |message: String| ItemError {
        id: id_text.clone(),
        message,
    };
    let Some(id) = id_text.clone() else {
        return Err(fail("missing field `id`".into()));
    };
    let kind = raw
        .kind
        .take()
        .ok_or_else(|| fail("missing field `kind`".into()))?;
    let documents = raw.documents.take().unwrap_or_default();
    let mut fields = Fields {
        raw,
        kind: kind.as_str(),
    };
    let activity = activity(kind, &mut fields).map_err(fail)?;
    let extra = leftover(fields.raw);
    if let Some(first) = extra.first() {
        return Err(fail(format!(
            "field `{first}` is not allowed for kind `{kind}`"
        )));
    }
    Ok(Evidence {
        id,
        activity,
        documents,
    })
}

fn raw_period(raw: &mut RawEvidence, subject: Option<Subject>, p: &Period) {
    raw.subject = subject;
    raw.start = Some(p.start);
    raw.end = p.end;
    raw.days = Some(p.days);
}

fn raw_certified(raw: &mut RawEvidence, c: &CertifiedHours) {
    raw.subject = c.subject;
    raw.date = Some(c.date);
    raw.hours = Some(c.hours);
}

impl From<&Evidence> for RawEvidence {
    fn from(e: &Evidence) -> Self {
        let mut raw = RawEvidence {
            id: Some(e.id.clone()),
            kind: Some(e.kind()),
            documents: (!e.documents.is_empty()).then(|| e.documents.clone()),
            ..RawEvidence::default()
        };
        match &e.activity {
            Activity::Training(t) => {
                raw_period(&mut raw, t.subject, &t.period);
                raw.format = t.format;
                raw.provider = t.provider;
                raw.filed = t.filed;
                raw.mode = t.mode;
                raw.hours = t.hours;
            }
            Activity::Practice(d) | Activity::OverseasExchange(d) => {
                raw_period(&mut raw, d.subject, &d.period);
            }
            Activity::Conference(c) => {
                raw_period(&mut raw, c.subject, &c.period);
                raw.activity = c.activity;
                raw.level = c.level;
                raw.presented_characters = c.presented_characters;
            }
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => raw_certified(&mut raw, c),
            Activity::ResearchProject(p) => {
                raw.level = Some(p.level);
                raw.sponsor = p.sponsor;
                raw.role = Some(p.role);
                raw.rank = Some(p.rank);
                raw.completed = Some(p.completed);
                raw.tier = p.tier.clone();
            }
            Activity::Book(b) => {
                raw.work = b.work;
                raw.author_rank = Some(b.author_rank);
                raw.published = Some(b.published);
                raw.title = b.title.clone();
                raw.isbn = b.isbn.clone();
            }
            Activity::Paper(p) => {
                raw.author_rank = Some(p.author_rank);
                raw.published = Some(p.published);
                raw.serial = p.serial.clone();
                raw.journal = p.journal.clone();
                raw.title = p.title.clone();
                raw.foreign = p.foreign;
            }
            Activity::Patent(p) => {
                raw.class = Some(p.class);
                raw.rank = Some(p.rank);
                raw.granted = Some(p.granted);
                raw.number = p.number.clone();
            }
            Activity::Award(a) => {
                raw.level = Some(a.level);
                raw.grade = Some(a.grade);
                raw.awarded = Some(a.awarded);
                raw.name = a.name.clone();
            }
            Activity::SkillsExam(x) => {
                raw.exam = Some(x.exam);
                raw.modules = Some(x.modules);
                raw.passed = Some(x.passed);
            }
            Activity::DegreeCourse(x) => {
                raw.courses = Some(x.courses);
                raw.passed = Some(x.passed);
            }
            Activity::QualificationExam(x) => {
                raw.subjects = Some(x.subjects);
                raw.passed = Some(x.passed);
            }
            Activity::Assignment(a) => {
                raw.program = Some(a.program);
                raw.start = Some(a.start);
                raw.end = Some(a.end);
                raw.assessment_passed = Some(a.assessment_passed);
                raw.level = a.level;
            }
            Activity::PriorCertificate(c) => raw.years = Some(c.years.clone()),
            Activity::Declared(d) => {
                raw.activity_type = Some(d.activity_type.clone());
                raw.subject = d.subject;
                raw.date = d.date;
                raw.start = d.start;
                raw.end = d.end;
                raw.days = d.days;
                raw.hours = d.hours;
                raw.count = d.count;
                raw.characters = d.characters;
                raw.level = d.level;
                raw.rank = d.rank;
                raw.mode = d.mode;
                raw.tier = d.tier.clone();
                raw.presented_characters = d.presented_characters;
            }
        }
        raw
    }
}

impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawEvidence::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Evidence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut raw = RawEvidence::default();
        let mut nested = false;
        RawSeed {
            raw: &mut raw,
            nested: &mut nested,
        }
        .deserialize(d)?;
        convert(&mut raw)
            .map_err(|e| de::Error::custom(e.to_string().trim_start_matches([':', ' '])))
    }
}

macro_rules! raw_fields {
    ($($field:ident => $variant:ident),* $(,)?) => {
        /// A key of an evidence object (one bit of a `u64` each, to find repeated keys).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Field {
            $($variant),*
        }

        /// The keys of an evidence object, as an unknown key's error lists them.
        const FIELDS: &[&str] = &[$(stringify!($field)),*];

        impl Field {
            fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => stringify!($field)),*
                }
            }

            fn parse(key: &str) -> Option<Field> {
                match key {
                    $(stringify!($field) => Some(Field::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

raw_fields! {
    id => Id, kind => Kind, subject => Subject, format => Format, provider => Provider,
    filed => Filed, activity => Activity, start => Start, end => End, days => Days,
    date => Date, hours => Hours, level => Level, sponsor => Sponsor, role => Role,
    rank => Rank, completed => Completed, work => Work, author_rank => AuthorRank,
    published => Published, title => Title, serial => Serial, journal => Journal,
    foreign => Foreign, class => Class, granted => Granted, number => Number, grade => Grade,
    awarded => Awarded, name => Name, exam => Exam, modules => Modules, passed => Passed,
    courses => Courses, subjects => Subjects, program => Program,
    assessment_passed => AssessmentPassed, isbn => Isbn,
    type => ActivityType, count => Count, characters => Characters, mode => Mode, tier => Tier,
    presented_characters => PresentedCharacters, years => Years, documents => Documents,
}

/// The fields of an item of `kind`, in the order its activity takes them, then `id`, `kind`
/// and `documents`: what an unknown key's error lists once the kind is known.
fn kind_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Training => &[
            "subject",
            "format",
            "provider",
            "filed",
            "start",
            "end",
            "days",
            "id",
            "kind",
            "documents",
            // Read only by policies that use them (after the contract's fields).
            "mode",
            "hours",
        ],
        Kind::Practice | Kind::OverseasExchange => {
            &["subject", "start", "end", "days", "id", "kind", "documents"]
        }
        Kind::Conference => &[
            "subject",
            "activity",
            "start",
            "end",
            "days",
            "id",
            "kind",
            "documents",
            // Read only by policies that use them.
            "level",
            "presented_characters",
        ],
        Kind::OnlineCourse | Kind::PlatformTraining => {
            &["subject", "date", "hours", "id", "kind", "documents"]
        }
        Kind::ResearchProject => &[
            "level",
            "sponsor",
            "role",
            "rank",
            "completed",
            "id",
            "kind",
            "documents",
            // Read only by policies that use it.
            "tier",
        ],
        Kind::Book => &[
            "work",
            "author_rank",
            "published",
            "title",
            "isbn",
            "id",
            "kind",
            "documents",
        ],
        Kind::Paper => &[
            "author_rank",
            "published",
            "serial",
            "journal",
            "title",
            "foreign",
            "id",
            "kind",
            "documents",
        ],
        Kind::Patent => &[
            "class",
            "rank",
            "granted",
            "number",
            "id",
            "kind",
            "documents",
        ],
        Kind::Award => &[
            "level",
            "grade",
            "awarded",
            "name",
            "id",
            "kind",
            "documents",
        ],
        Kind::SkillsExam => &["exam", "modules", "passed", "id", "kind", "documents"],
        Kind::DegreeCourse => &["courses", "passed", "id", "kind", "documents"],
        Kind::QualificationExam => &["subjects", "passed", "id", "kind", "documents"],
        Kind::Assignment => &[
            "program",
            "start",
            "end",
            "assessment_passed",
            "level",
            "id",
            "kind",
            "documents",
        ],
        Kind::PriorCertificate => &["years", "id", "kind", "documents"],
        Kind::Declared => &[
            "type",
            "subject",
            "date",
            "start",
            "end",
            "days",
            "hours",
            "count",
            "characters",
            "level",
            "rank",
            "mode",
            "tier",
            "presented_characters",
            "id",
            "kind",
            "documents",
        ],
    }
}

/// A key of an evidence object: one of [`FIELDS`], or a key no kind has (kept to be named
/// with the fields of the item's kind once that is known).
enum ItemKey {
    Known(Field),
    Unknown(String),
}

impl<'de> Deserialize<'de> for ItemKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = ItemKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<ItemKey, E> {
                Ok(Field::parse(key)
                    .map_or_else(|| ItemKey::Unknown(key.to_owned()), ItemKey::Known))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The error for an unknown key: it names the fields of the item's kind when the kind is
/// known, every field otherwise.
fn unknown_key<E: de::Error>(key: &str, kind: Option<Kind>) -> E {
    E::unknown_field(key, kind.map_or(FIELDS, kind_fields))
}

/// `Option<NaiveDate>` read as [`wire::opt_date`] reads it.
struct OptDate(Option<NaiveDate>);

impl<'de> Deserialize<'de> for OptDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire::opt_date::deserialize(d).map(OptDate)
    }
}

/// `Option<Decimal>` read as [`wire::opt_decimal`] reads it.
struct OptDecimal(Option<Decimal>);

impl<'de> Deserialize<'de> for OptDecimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire::opt_decimal::deserialize(d).map(OptDecimal)
    }
}

/// Reads one evidence object into a raw item, refusing unknown and repeated keys. An error
/// inside a nested value (`years[0].public`, `documents[2].bytes`) sets `nested` and starts
/// with that path; any other error is about the item itself.
struct RawSeed<'a> {
    raw: &'a mut RawEvidence,
    nested: &'a mut bool,
}

impl<'de> DeserializeSeed<'de> for RawSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RawSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an evidence object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let raw = self.raw;
        let mut seen = 0u64;
        // An unknown key met before `kind`: refused once the map is read (or `kind` is).
        let mut unknown: Option<String> = None;
        while let Some(key) = map.next_key::<ItemKey>()? {
            let field = match key {
                ItemKey::Known(field) => field,
                ItemKey::Unknown(name) => {
                    if raw.kind.is_some() {
                        return Err(unknown_key(&name, raw.kind));
                    }
                    unknown.get_or_insert(name);
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            let bit = 1u64 << (field as u32);
            if seen & bit != 0 {
                return Err(de::Error::duplicate_field(field.name()));
            }
            seen |= bit;
            match field {
                Field::Id => raw.id = map.next_value()?,
                Field::Kind => raw.kind = map.next_value()?,
                Field::Subject => raw.subject = map.next_value()?,
                Field::Format => raw.format = map.next_value()?,
                Field::Provider => raw.provider = map.next_value()?,
                Field::Filed => raw.filed = map.next_value()?,
                Field::Activity => raw.activity = map.next_value()?,
                Field::Start => raw.start = map.next_value::<OptDate>()?.0,
                Field::End => raw.end = map.next_value::<OptDate>()?.0,
                Field::Days => raw.days = map.next_value::<OptDecimal>()?.0,
                Field::Date => raw.date = map.next_value::<OptDate>()?.0,
                Field::Hours => raw.hours = map.next_value::<OptDecimal>()?.0,
                Field::Level => raw.level = map.next_value()?,
                Field::Sponsor => raw.sponsor = map.next_value()?,
                Field::Role => raw.role = map.next_value()?,
                Field::Rank => raw.rank = map.next_value()?,
                Field::Completed => raw.completed = map.next_value::<OptDate>()?.0,
                Field::Work => raw.work = map.next_value()?,
                Field::AuthorRank => raw.author_rank = map.next_value()?,
                Field::Published => raw.published = map.next_value::<OptDate>()?.0,
                Field::Title => raw.title = map.next_value()?,
                Field::Serial => raw.serial = map.next_value()?,
                Field::Journal => raw.journal = map.next_value()?,
                Field::Foreign => raw.foreign = map.next_value()?,
                Field::Class => raw.class = map.next_value()?,
                Field::Granted => raw.granted = map.next_value::<OptDate>()?.0,
                Field::Number => raw.number = map.next_value()?,
                Field::Grade => raw.grade = map.next_value()?,
                Field::Awarded => raw.awarded = map.next_value::<OptDate>()?.0,
                Field::Name => raw.name = map.next_value()?,
                Field::Exam => raw.exam = map.next_value()?,
                Field::Modules => raw.modules = map.next_value()?,
                Field::Passed => raw.passed = map.next_value::<OptDate>()?.0,
                Field::Courses => raw.courses = map.next_value()?,
                Field::Subjects => raw.subjects = map.next_value()?,
                Field::Program => raw.program = map.next_value()?,
                Field::AssessmentPassed => raw.assessment_passed = map.next_value()?,
                Field::Isbn => raw.isbn = map.next_value()?,
                Field::ActivityType => raw.activity_type = map.next_value()?,
                Field::Count => raw.count = map.next_value()?,
                Field::Characters => raw.characters = map.next_value()?,
                Field::Mode => raw.mode = map.next_value()?,
                Field::Tier => raw.tier = map.next_value()?,
                Field::PresentedCharacters => raw.presented_characters = map.next_value()?,
                Field::Years => {
                    raw.years = map.next_value_seed(List::new("years", &mut *self.nested))?;
                }
                Field::Documents => {
                    raw.documents =
                        map.next_value_seed(List::new("documents", &mut *self.nested))?;
                }
            }
            if let (Some(name), Some(_)) = (&unknown, raw.kind) {
                return Err(unknown_key(name, raw.kind));
            }
        }
        match unknown {
            Some(name) => Err(unknown_key(&name, raw.kind)),
            None => Ok(()),
        }
    }
}

/// An object of a nested list (a document, a certified year) read field by field, each error
/// of a field's value named by the field (`bytes: …`, flagged in `nested`).
trait Element: Sized {
    /// What the object is, for type errors.
    const EXPECTING: &'static str;

    fn visit<'de, A: MapAccess<'de>>(map: A, nested: &mut bool) -> Result<Self, A::Error>;
}

/// Reads one [`Element`].
struct ElementSeed<'a, T> {
    nested: &'a mut bool,
    element: std::marker::PhantomData<T>,
}

impl<'de, T: Element> DeserializeSeed<'de> for ElementSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: Element> Visitor<'de> for ElementSeed<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::visit(map, self.nested)
    }
}

/// Reads an optional list of [`Element`]s (`null` means absent), naming an element's error
/// by the list and its position (`documents[2].bytes: …`, `documents[2]: …`).
struct List<'a, T> {
    name: &'static str,
    nested: &'a mut bool,
    element: std::marker::PhantomData<T>,
}

impl<'a, T> List<'a, T> {
    fn new(name: &'static str, nested: &'a mut bool) -> Self {
        List {
            name,
            nested,
            element: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Element> DeserializeSeed<'de> for List<'_, T> {
    type Value = Option<Vec<T>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Vec<T>>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, T: Element> Visitor<'de> for List<'_, T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            let index = items.len();
            let mut inner = false;
            let read = seq.next_element_seed(ElementSeed::<T> {
                nested: &mut inner,
                element: std::marker::PhantomData,
            });
            match read {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Some(items)),
                Err(e) => {
                    *self.nested = true;
                    let sep = if inner { "." } else { ": " };
                    return Err(de::Error::custom(format!("{}[{index}]{sep}{e}", self.name)));
                }
            }
        }
    }
}

/// The error of a nested field's value, named by the field.
fn field_error<E: de::Error>(nested: &mut bool, name: &str, e: &E) -> E {
    *nested = true;
    E::custom(format!("{name}: {e}"))
}

impl Element for Document {
    const EXPECTING: &'static str = "a document object";

    fn visit<'de, A: MapAccess<'de>>(mut map: A, nested: &mut bool) -> Result<Self, A::Error> {
        const FIELDS: &[&str] = &["type", "file", "bytes"];
        let mut doc_type: Option<DocumentType> = None;
        let mut file: Option<Option<String>> = None;
        let mut bytes: Option<Option<u64>> = None;
        while let Some(key) = map.next_key::<Key<'_>>()? {
            match key.0.as_ref() {
                "type" if doc_type.is_some() => return Err(de::Error::duplicate_field("type")),
                "type" => {
                    doc_type = Some(
                        map.next_value()
                            .map_err(|e| field_error(nested, "type", &e))?,
                    );
                }
                "file" if file.is_some() => return Err(de::Error::duplicate_field("file")),
                "file" => {
                    file = Some(
                        map.next_value()
                            .map_err(|e| field_error(nested, "file", &e))?,
                    );
                }
                "bytes" if bytes.is_some() => return Err(de::Error::duplicate_field("bytes")),
                "bytes" => {
                    bytes = Some(
                        map.next_value()
                            .map_err(|e| field_error(nested, "bytes", &e))?,
                    );
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(Document {
            doc_type: doc_type.ok_or_else(|| de::Error::missing_field("type"))?,
            file: file.flatten(),
            bytes: bytes.flatten(),
        })
    }
}

impl Element for CertifiedYear {
    const EXPECTING: &'static str = "a certified year object";

    fn visit<'de, A: MapAccess<'de>>(mut map: A, nested: &mut bool) -> Result<Self, A::Error> {
        const FIELDS: &[&str] = &["year", "public", "professional"];
        /// A decimal read as [`wire::decimal`] reads it.
        struct Exact(Decimal);
        impl<'de> Deserialize<'de> for Exact {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                wire::decimal::deserialize(d).map(Exact)
            }
        }
        let mut year: Option<i32> = None;
        let mut public: Option<Decimal> = None;
        let mut professional: Option<Decimal> = None;
        while let Some(key) = map.next_key::<Key<'_>>()? {
            match key.0.as_ref() {
                "year" if year.is_some() => return Err(de::Error::duplicate_field("year")),
                "year" => {
                    year = Some(
                        map.next_value()
                            .map_err(|e| field_error(nested, "year", &e))?,
                    );
                }
                "public" if public.is_some() => return Err(de::Error::duplicate_field("public")),
                "public" => {
                    public = Some(
                        map.next_value::<Exact>()
                            .map_err(|e| field_error(nested, "public", &e))?
                            .0,
                    );
                }
                "professional" if professional.is_some() => {
                    return Err(de::Error::duplicate_field("professional"));
                }
                "professional" => {
                    professional = Some(
                        map.next_value::<Exact>()
                            .map_err(|e| field_error(nested, "professional", &e))?
                            .0,
                    );
                }
                other => return Err(de::Error::unknown_field(other, FIELDS)),
            }
        }
        Ok(CertifiedYear {
            year: year.ok_or_else(|| de::Error::missing_field("year"))?,
            public: public.ok_or_else(|| de::Error::missing_field("public"))?,
            professional: professional.ok_or_else(|| de::Error::missing_field("professional"))?,
        })
    }
}

/// A key of a nested object, borrowed from the input when it can be.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(key)))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(key.to_owned())))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Reads a document object alone, naming the field of a bad value (`bytes: …`).
impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ElementSeed::<Document> {
            nested: &mut false,
            element: std::marker::PhantomData,
        }
        .deserialize(d)
    }
}

/// Reads a certified year alone, naming the field of a bad value (`public: …`).
impl<'de> Deserialize<'de> for CertifiedYear {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ElementSeed::<CertifiedYear> {
            nested: &mut false,
            element: std::marker::PhantomData,
        }
        .deserialize(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_2_spans_count_their_years() {
        let span = Span::new(2019, 2023).unwrap_or(Span { from: 0, to: 0 });
        assert_eq!(span.len(), 5);
        assert!(!span.is_empty());
        assert_eq!(
            span.years().collect::<Vec<_>>(),
            [2019, 2020, 2021, 2022, 2023]
        );
        assert_eq!(span.index(2019), Some(0));
        assert_eq!(span.index(2023), Some(4));
        assert_eq!(span.index(2024), None);
        assert_eq!(span.index(2018), None);
        assert!(
            Span {
                from: 2020,
                to: 2019
            }
            .is_empty()
        );
        let one_year = Span {
            from: 2019,
            to: 2019,
        };
        assert!(!one_year.is_empty());
        assert_eq!(one_year.len(), 1);
        assert_eq!(
            Span::new(2020, 2019),
            Err(SpanError::Inverted {
                from: 2020,
                to: 2019
            })
        );
        assert_eq!(
            Span::new(0, 2019),
            Err(SpanError::OutOfRange { from: 0, to: 2019 })
        );
        assert_eq!(
            Span::new(2019, 10000),
            Err(SpanError::OutOfRange {
                from: 2019,
                to: 10000
            })
        );
        assert_eq!(Span::new(9999, 9999).map(|s| s.len()), Ok(1));
    }
}
