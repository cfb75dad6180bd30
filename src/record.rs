//! A professional's record: the review span asked for and the evidence items, as the JSON
//! contract writes them.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::evidence::*;
use crate::wire;

/// An inclusive range of calendar years, `from` ≤ `to`, both within 1–9999.
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

    /// Whether `year` lies in the span.
    pub fn contains(&self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// The span's years in order.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.from..=self.to
    }

    /// The number of years in the span.
    pub fn len(&self) -> usize {
        usize::try_from(i64::from(self.to) - i64::from(self.from) + 1).unwrap_or(0)
    }

    /// Whether the span holds no year (never true for a span made by [`Span::new`]).
    pub fn is_empty(&self) -> bool {
        self.from > self.to
    }

    /// The position of `year` in the span, if it lies in it.
    pub fn index(&self, year: i32) -> Option<usize> {
        if self.contains(year) {
            usize::try_from(year - self.from).ok()
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
        map.serialize_entry("evidence", &self.evidence)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object with `evidence`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut policy: Option<Option<String>> = None;
        let mut span: Option<Option<Span>> = None;
        let mut evidence: Option<EvidenceList> = None;
        while let Some(key) = map.next_key::<String>()? {
            let dup = || de::Error::custom(format!("duplicate field `{key}`"));
            match key.as_str() {
                "policy" if policy.is_some() => return Err(dup()),
                "policy" => {
                    policy = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("policy: {e}")))?,
                    );
                }
                "span" if span.is_some() => return Err(dup()),
                "span" => {
                    span = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("span: {e}")))?,
                    );
                }
                "evidence" if evidence.is_some() => return Err(dup()),
                "evidence" => evidence = Some(map.next_value()?),
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown field `{other}`, expected `policy`, `span` or `evidence`"
                    )));
                }
            }
        }
        let evidence = evidence.ok_or_else(|| de::Error::missing_field("evidence"))?;
        Ok(Record {
            policy: policy.flatten(),
            span: span.flatten(),
            evidence: evidence.0,
        })
    }
}

/// The evidence array: items converted one by one, each error naming its position and ID.
/// (Duplicate IDs are refused by evaluation, which checks Rust-built records too.)
struct EvidenceList(Vec<Evidence>);

impl<'de> Deserialize<'de> for EvidenceList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = EvidenceList;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of evidence items")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EvidenceList, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                let mut index = 0usize;
                loop {
                    let raw = seq
                        .next_element::<RawEvidence>()
                        .map_err(|e| de::Error::custom(format!("evidence[{index}]: {e}")))?;
                    let Some(raw) = raw else { break };
                    let item = Evidence::try_from(raw)
                        .map_err(|e| de::Error::custom(format!("evidence[{index}]{e}")))?;
                    items.push(item);
                    index = index.saturating_add(1);
                }
                Ok(EvidenceList(items))
            }
        }
        d.deserialize_seq(ListVisitor)
    }
}

/// The flat JSON object of one evidence item, before it is checked against its kind.
#[derive(Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<Document>>,
}

/// Why one evidence object does not fit its kind; displayed after `evidence[i]`.
struct ItemError {
    id: Option<String>,
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
    raw: RawEvidence,
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
        years
    );
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
        }),
        Kind::Practice => Activity::Practice(DayActivity {
            subject: take!(f.subject),
            period: period(f)?,
        }),
        Kind::Conference => Activity::Conference(Conference {
            subject: take!(f.subject),
            activity: take!(f.activity),
            period: period(f)?,
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
    })
}

impl TryFrom<RawEvidence> for Evidence {
    type Error = ItemError;

    fn try_from(mut raw: RawEvidence) -> Result<Self, ItemError> {
        let id_text = raw.id.take();
        let fail = |message: String| ItemError {
            id: id_text.clone(),
            message,
        };
        let id = match &id_text {
            None => return Err(fail("missing field `id`".into())),
            Some(text) => EvidenceId::new(text).map_err(|e| fail(e.to_string()))?,
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
        let extra = leftover(&fields.raw);
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
            id: Some(e.id.as_str().to_owned()),
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
            }
            Activity::Practice(d) | Activity::OverseasExchange(d) => {
                raw_period(&mut raw, d.subject, &d.period);
            }
            Activity::Conference(c) => {
                raw_period(&mut raw, c.subject, &c.period);
                raw.activity = c.activity;
            }
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => raw_certified(&mut raw, c),
            Activity::ResearchProject(p) => {
                raw.level = Some(p.level);
                raw.sponsor = p.sponsor;
                raw.role = Some(p.role);
                raw.rank = Some(p.rank);
                raw.completed = Some(p.completed);
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
        let raw = RawEvidence::deserialize(d)?;
        Evidence::try_from(raw)
            .map_err(|e| de::Error::custom(e.to_string().trim_start_matches([':', ' '])))
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
