//! One evidence object of the JSON contract, read and written: the flat object checked
//! against its kind field by field (every error names the field and the item), and the list
//! of them with its item limit.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::evidence::*;
use crate::wire;

/// The evidence array: items read one by one into one reused raw item, each error naming its
/// position (and the path inside it) and ID; more than `max_items` items are refused as soon as
/// the next one begins. (Duplicate IDs are refused by evaluation, which checks Rust-built
/// records too.)
pub(super) struct EvidenceList {
    pub(super) max_items: usize,
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
pub(super) struct OptDate(pub(super) Option<NaiveDate>);

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
