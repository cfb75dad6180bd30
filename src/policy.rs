//! The policy: every figure and every interpretation of a notice, as one value.
//!
//! Evaluation code holds no hour figure of its own: it reads them all from a [`Policy`]. Each
//! group of figures names the rule it comes from, and [`Policy::citations`] gives for each rule
//! the document, part and item, the text and the dates it is in force, so any number in a report
//! can be traced to its clause.

pub(crate) mod documents;
mod load;
mod model;
pub(crate) mod tree;
pub(crate) mod uploads;
mod validate;

pub use load::{DEFAULT_POLICY, PolicyError, PolicyFile, Registry};
pub use model::{
    DayRate, GradeMinimums, KindCredit, LengthBand, LevelHours, Method, PersonWindow, Routing,
    Scope, Share, Spread, SpreadHow, When,
};
pub use validate::{InvalidPolicy, PolicyProblem, ProblemKind};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evidence::{Grade, Kind, Level, PatentClass, Program, Sponsor};
use crate::record::Span;
use crate::rule::RuleId;
use crate::wire;
use documents::MaterialsPolicy;

/// A continuing-education policy: one province's notice for one year, with our readings of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Stable ID that records name in their `policy` field (`hunan-2024`).
    pub id: String,
    /// Where the policy applies: an ISO 3166-2 code (`CN-HN` Hunan, `CN` the whole country),
    /// then `/` and a city or sector when it applies to one (`CN-JS/suqian`,
    /// `CN/accounting`). [`Registry::select`] picks a policy by it and a date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub jurisdiction: String,
    /// The issuing document's number (`湘人社办函〔2024〕21号`).
    pub document: String,
    /// The document's title.
    pub title: String,
    /// Application dates for which this policy is in force.
    pub effective: Effective,
    /// N.2: the default review span.
    pub review_span: ReviewSpan,
    /// N.2 (notice 二): the months of each year in which applications are handled; a
    /// submission outside them is refused unless the caller overrides it.
    #[serde(default, skip_serializing_if = "ReviewWindow::is_whole_year")]
    pub review_window: ReviewWindow,
    /// N.1.2: yearly minimums.
    pub minimums: Minimums,
    /// A1.C1: day-based activities. `None`: no built-in day rates (a kind with no `credits`
    /// entry is then not credited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<DayRates>,
    /// N.3.1, I-10: employer-run training (`None`: no filing condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_training: Option<EmployerTraining>,
    /// A1.M3, I-3: online courses (`None`: not credited unless a `credits` entry says how).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_courses: Option<OnlineCourses>,
    /// A1.C2, I-1: research projects (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub research: Option<Research>,
    /// A1.C3: books (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub books: Option<Books>,
    /// A1.C3, I-6: papers (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub papers: Option<Papers>,
    /// A1.C4: patents (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patents: Option<Patents>,
    /// A1.C5, I-4: awards (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awards: Option<Awards>,
    /// A1.C6, I-5: skills exams (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills_exams: Option<SkillsExams>,
    /// A1.C8: degree-study courses (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree_courses: Option<PerUnit>,
    /// A1.C9: qualification exam subjects (`None`: as above).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification_exams: Option<PerUnit>,
    /// A1.C7, I-2: assignment waivers (`None`: assignments waive nothing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignments: Option<Assignments>,
    /// I-8: the same evidence twice.
    pub duplicates: Duplicates,
    /// The open model: how kinds are credited, entry by entry (see [`KindCredit`]). An entry
    /// takes precedence over the built-in section of its kind. Empty in hunan-2024.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<KindCredit>,
    /// Minimums per title grade (the record's `grade`), each with its span length; a record
    /// naming no grade is held to `minimums`. Empty in hunan-2024.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<GradeMinimums>,
    /// A per-person date window (the record's `counts_from`); `None` in hunan-2024, where a
    /// record's `counts_from` is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_window: Option<PersonWindow>,
    /// Yearly caps on hours from some kinds (none in hunan-2024).
    #[serde(default)]
    pub caps: Vec<YearCap>,
    /// Whether public hours above the public minimum count toward the professional minimum
    /// (false in hunan-2024: N.1.2 checks each minimum on its own).
    #[serde(default)]
    pub public_surplus_counts_as_professional: bool,
    /// A1.M, A2: the documents each kind needs, and the upload rules. `None`: the policy lists
    /// no documents, and reports carry no materials checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub materials: Option<MaterialsPolicy>,
    /// Resource limits on a record (default: [`Limits::default`]).
    #[serde(default)]
    pub limits: Limits,
    /// Citation of every rule the policy names.
    pub citations: Vec<Citation>,
}

/// The application dates for which a policy is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Effective {
    /// First day in force.
    #[serde(with = "wire::date")]
    pub from: NaiveDate,
    /// Last day in force; `None` until superseded.
    #[serde(default, with = "wire::opt_date")]
    pub to: Option<NaiveDate>,
}

impl Effective {
    /// Whether `date` lies in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && self.to.is_none_or(|to| date <= to)
    }
}

/// N.2: the default review span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReviewSpan {
    /// The rule (N.2).
    pub rule: RuleId,
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl ReviewSpan {
    /// The span, when it is a valid one.
    pub fn span(&self) -> Option<Span> {
        Span::new(self.from, self.to).ok()
    }
}

/// N.2 (notice 二, `于6月至7月集中办理`): the months of each year in which applications are
/// handled, `from_month` to `to_month` inclusive (1–12; a window with `from_month` after
/// `to_month` runs across the new year). The default, for a policy that names none, is the
/// whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewWindow {
    /// The rule (N.2).
    pub rule: RuleId,
    /// First month of the window (1–12).
    pub from_month: u32,
    /// Last month of the window (1–12).
    pub to_month: u32,
}

impl Default for ReviewWindow {
    /// The whole year (January to December), citing N.2.
    fn default() -> Self {
        ReviewWindow {
            rule: RuleId::N2,
            from_month: 1,
            to_month: 12,
        }
    }
}

impl ReviewWindow {
    /// Whether this is the default window (the whole year), which a policy file may leave out
    /// and which is then not written either (so it names no rule the file must cite).
    pub fn is_whole_year(&self) -> bool {
        *self == ReviewWindow::default()
    }

    /// Whether `month` (1–12) lies in the window.
    pub fn contains_month(&self, month: u32) -> bool {
        if self.from_month <= self.to_month {
            (self.from_month..=self.to_month).contains(&month)
        } else {
            month >= self.from_month || month <= self.to_month
        }
    }

    /// Whether the date lies in the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        use chrono::Datelike as _;
        self.contains_month(date.month())
    }
}

/// N.1.2: what each year must reach. Each minimum is checked on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Minimums {
    /// The rule (N.1.2).
    pub rule: RuleId,
    /// Public hours (公需科目).
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours (专业科目).
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// Total hours.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Whether the figures apply to each year or to the whole span (default: each year).
    #[serde(default, skip_serializing_if = "Scope::is_per_year")]
    pub scope: Scope,
    /// Professional hours must be at least this share of the actual total
    /// (专业科目一般不少于总学时的三分之二), besides `professional`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub professional_share: Option<Share>,
    /// A minimum of the third bucket (选修), when the policy has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub elective: Option<Decimal>,
}

impl Minimums {
    /// Per-year minimums of `public`, `professional` and `total` hours, citing `rule`.
    pub fn new(rule: RuleId, public: Decimal, professional: Decimal, total: Decimal) -> Self {
        Minimums {
            rule,
            public,
            professional,
            total,
            scope: Scope::PerYear,
            professional_share: None,
            elective: None,
        }
    }
}

/// A1.C1: hours per day and per half day for the day-based kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayRates {
    /// The rule (A1.C1).
    pub rule: RuleId,
    /// Hours for a whole day.
    #[serde(with = "wire::decimal")]
    pub per_day: Decimal,
    /// Hours for a half day.
    #[serde(with = "wire::decimal")]
    pub per_half_day: Decimal,
}

/// N.3.1, I-10: employer-run training must be filed (备案) to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EmployerTraining {
    /// The rule (N.3.1).
    pub rule: RuleId,
    /// The interpretation (I-10).
    pub interpretation: RuleId,
    /// Whether training with `provider: employer` needs `filed: true` to be credited.
    pub requires_filing: bool,
}

/// A1.M3, I-3: online courses credit their certificate's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OnlineCourses {
    /// The rule (A1.M3).
    pub rule: RuleId,
    /// The interpretation (I-3).
    pub interpretation: RuleId,
    /// When set, a credited 学时 of an online course is this many minutes, and the stated
    /// hours are clock hours (60 minutes): credited = stated × 60 / this, rounded down to
    /// `rounding_scale` decimal places. `None` (hunan-2024): the stated hours are credited
    /// as they are.
    #[serde(default, with = "wire::opt_decimal")]
    pub minutes_per_hour: Option<Decimal>,
    /// Decimal places kept after a minute conversion (rounded down).
    pub rounding_scale: u32,
}

/// Hours by role on a project of one level (A1.C2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RoleHours {
    /// 主持人.
    #[serde(with = "wire::decimal")]
    pub host: Decimal,
    /// 主要完成人 (see I-1).
    #[serde(with = "wire::decimal")]
    pub main_contributor: Decimal,
    /// 其他参与人.
    #[serde(with = "wire::decimal")]
    pub other: Decimal,
}

/// A1.C2, I-1: research projects, credited at completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Research {
    /// The rule (A1.C2).
    pub rule: RuleId,
    /// National projects (省部级以上).
    pub national: RoleHours,
    /// Provincial projects (省部级以上).
    pub provincial: RoleHours,
    /// Municipal projects (市厅级).
    pub municipal: RoleHours,
    /// Sponsors whose projects count (政府或行业组织).
    pub sponsors: Vec<Sponsor>,
    /// The interpretation of 主要完成人 (I-1).
    pub interpretation: RuleId,
    /// A member whose signature rank is at most this is a main contributor (I-1: 4).
    pub main_contributor_max_rank: u32,
}

impl Research {
    /// The hours table of a level, `None` for a level that is not credited.
    pub fn level(&self, level: Level) -> Option<&RoleHours> {
        match level {
            Level::National => Some(&self.national),
            Level::Provincial => Some(&self.provincial),
            Level::Municipal => Some(&self.municipal),
            Level::Other => None,
        }
    }
}

/// Hours for ranks `from..=to` (or `from..` when `to` is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RankBand {
    /// First rank of the band (1 = sole or first).
    pub from: u32,
    /// Last rank, or `None` for every rank from `from` on.
    #[serde(default)]
    pub to: Option<u32>,
    /// Hours for a rank in the band.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

impl RankBand {
    /// Hours for ranks `from` to `to` (`None`: `from` and every rank after it).
    pub fn new(from: u32, to: Option<u32>, hours: Decimal) -> Self {
        RankBand { from, to, hours }
    }

    /// Whether `rank` is in the band.
    pub fn contains(&self, rank: u32) -> bool {
        rank >= self.from && self.to.is_none_or(|to| rank <= to)
    }
}

/// The hours of the first band holding `rank`, if any.
pub fn band_hours(bands: &[RankBand], rank: u32) -> Option<Decimal> {
    bands.iter().find(|b| b.contains(rank)).map(|b| b.hours)
}

/// A1.C3: books, translations and textbooks, at publication.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Books {
    /// The rule (A1.C3).
    pub rule: RuleId,
    /// Hours by author rank (1 = sole or first author).
    pub bands: Vec<RankBand>,
}

/// What to do with a paper whose serial number is of the other kind (I-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SerialMismatch {
    /// Credit it, with a `warning` for manual review.
    CreditWithWarning,
    /// Do not credit it (an `error` finding).
    Refuse,
}

/// A1.C3, I-6: papers in journals with a unified serial number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Papers {
    /// The rule (A1.C3).
    pub rule: RuleId,
    /// Hours per paper by author rank.
    pub bands: Vec<RankBand>,
    /// The interpretation of 统一刊号 (I-6).
    pub interpretation: RuleId,
    /// A domestic paper with only an ISSN.
    pub domestic_with_issn: SerialMismatch,
    /// A foreign paper with only a CN number.
    pub foreign_with_cn: SerialMismatch,
}

/// A1.C4: patents, at grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Patents {
    /// The rule (A1.C4).
    pub rule: RuleId,
    /// 发明专利 by rank.
    pub invention: Vec<RankBand>,
    /// 实用新型 by rank; ranks in no band are not credited.
    pub utility_model: Vec<RankBand>,
    /// 外观设计 by rank (none in hunan-2024).
    pub design: Vec<RankBand>,
}

impl Patents {
    /// The bands of a class.
    pub fn bands(&self, class: PatentClass) -> &[RankBand] {
        match class {
            PatentClass::Invention => &self.invention,
            PatentClass::UtilityModel => &self.utility_model,
            PatentClass::Design => &self.design,
        }
    }
}

/// Hours by grade at one level (A1.C5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GradeHours {
    /// 一等奖.
    #[serde(with = "wire::decimal")]
    pub first: Decimal,
    /// 二等奖.
    #[serde(with = "wire::decimal")]
    pub second: Decimal,
    /// 三等奖.
    #[serde(with = "wire::decimal")]
    pub third: Decimal,
}

/// A1.C5, I-4: science and technology awards, at award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Awards {
    /// The rule (A1.C5).
    pub rule: RuleId,
    /// National awards (省部级及以上).
    pub national: GradeHours,
    /// Provincial awards (省部级及以上).
    pub provincial: GradeHours,
    /// Municipal awards (市厅级).
    pub municipal: GradeHours,
    /// The interpretation of 特等奖 (I-4).
    pub interpretation: RuleId,
    /// The grade a special-grade award is credited as; `None`: not credited.
    pub special_as: Option<Grade>,
}

impl Awards {
    /// The hours table of a level, `None` for a level that is not credited.
    pub fn level(&self, level: Level) -> Option<&GradeHours> {
        match level {
            Level::National => Some(&self.national),
            Level::Provincial => Some(&self.provincial),
            Level::Municipal => Some(&self.municipal),
            Level::Other => None,
        }
    }
}

/// A1.C6, I-5: skills exams, per module, at pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SkillsExams {
    /// The rule (A1.C6).
    pub rule: RuleId,
    /// Hours per passed module of the digital-technology exam.
    #[serde(with = "wire::decimal")]
    pub digital_per_module: Decimal,
    /// The interpretation for the computer-application exam (I-5).
    pub interpretation: RuleId,
    /// Hours per passed module of the computer-application exam; `None`: not credited.
    #[serde(default, with = "wire::opt_decimal")]
    pub computer_per_module: Option<Decimal>,
}

/// Hours per passed unit (A1.C8 courses, A1.C9 exam subjects), in the year passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PerUnit {
    /// The rule (A1.C8 or A1.C9).
    pub rule: RuleId,
    /// Hours per passed unit.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

/// Which year a 6–12 month assignment waives (I-2: 视为完成当年).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum WaivedYear {
    /// *(rev. 2, the default)* The year the work was done: the calendar year that holds more
    /// of the assignment's days, counting start and end (ties: the year it ends).
    #[default]
    #[serde(rename = "larger_part")]
    LargerPart,
    /// The calendar year in which it ends (the assessment year; revision 1's reading).
    #[serde(rename = "end_year", alias = "end")]
    End,
    /// The calendar year in which it starts.
    #[serde(rename = "start_year", alias = "start")]
    Start,
}

/// What "超过1年以上" (a year or more) means for an assignment (I-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub enum YearOrMore {
    /// *(rev. 2, the default)* At least `all_years_after_months` months (以上 includes the
    /// figure): `end + 1 day ≥ start + months`.
    #[default]
    #[serde(rename = "at_least_12_months")]
    AtLeast,
    /// More than `all_years_after_months` months: `end + 1 day > start + months`.
    #[serde(rename = "more_than_12_months")]
    MoreThan,
}

/// A1.C7, I-2: assignment waivers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Assignments {
    /// The rule (A1.C7).
    pub rule: RuleId,
    /// Programs that qualify.
    pub programs: Vec<Program>,
    /// *(rev. 2)* Programs that qualify only when sent by a provincial-or-above body
    /// (A1.C7 省级以上: `public_health` and `other`); the 三援 and 东西部扶贫协作 programs are
    /// national and qualify as they are.
    #[serde(default)]
    pub need_provincial_level: Vec<Program>,
    /// Months an assignment must last to waive one year (6).
    pub min_months: u32,
    /// An assignment lasting this many months (see `year_or_more`) waives every calendar year
    /// from its start to its end (12).
    pub all_years_after_months: u32,
    /// The interpretation of 当年 and 超过1年以上 (I-2).
    pub interpretation: RuleId,
    /// The year a shorter assignment waives (I-2).
    #[serde(default)]
    pub waived_year: WaivedYear,
    /// Whether `all_years_after_months` is reached at exactly that many months (I-2).
    #[serde(default)]
    pub year_or_more: YearOrMore,
}

/// I-8: what happens to the same evidence twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Duplicates {
    /// The interpretation (I-8).
    pub rule: RuleId,
    /// The same paper, book or patent is credited once.
    pub same_work_once: bool,
    /// Day-based items share one day's hours per calendar day.
    pub share_days: bool,
}

/// A cap on the hours some kinds may credit in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct YearCap {
    /// The rule the cap comes from.
    pub rule: RuleId,
    /// The kinds whose hours the cap limits together.
    pub kinds: Vec<Kind>,
    /// Most hours those kinds credit in one year.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

impl YearCap {
    /// A yearly cap of `hours` on the hours from `kinds`, citing `rule`.
    pub fn new(rule: RuleId, kinds: Vec<Kind>, hours: Decimal) -> Self {
        YearCap { rule, kinds, hours }
    }
}

/// Resource limits on one record.
///
/// They bound what one evaluation costs: at most `max_items` items, each touching at most
/// `max_span_years` years (an assignment waives every span year it covers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Limits {
    /// Most evidence items a record may hold; a larger record is refused. At most
    /// [`Limits::MAX_ITEMS`].
    pub max_items: usize,
    /// N.2: most years a review span may hold: a record's span, the policy's default span and
    /// a certificate's span longer than this are refused. At most [`Limits::MAX_SPAN_YEARS`].
    /// Default 50 (hunan-2024's), so complete policy files written before the limit existed
    /// keep loading.
    #[serde(default = "default_max_span_years")]
    pub max_span_years: u32,
}

impl Limits {
    /// The hard ceiling of `max_items` (ten million): no policy may lift the item limit beyond it.
    pub const MAX_ITEMS: usize = 10_000_000;
    /// The hard ceiling of `max_span_years` (N.2): no policy may review more years at once.
    pub const MAX_SPAN_YEARS: u32 = 200;

    /// N.2: `span` itself when it is valid (see [`Span::new`]) and no longer than
    /// `max_span_years`. Every place that takes a span from outside (a record, a policy, a
    /// certificate) checks it here.
    ///
    /// # Errors
    ///
    /// [`SpanError`](crate::SpanError) naming what is wrong, [`SpanError::TooLong`](crate::SpanError::TooLong) for a span longer than the
    /// limit.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Policy, Span, SpanError};
    ///
    /// let limits = Policy::hunan_2024().limits;
    /// assert!(limits.check_span(Span { from: 2019, to: 2023 }).is_ok());
    /// assert_eq!(
    ///     limits.check_span(Span { from: 1, to: 9999 }),
    ///     Err(SpanError::TooLong { from: 1, to: 9999, max_years: 50 })
    /// );
    /// ```
    pub fn check_span(&self, span: Span) -> Result<Span, crate::record::SpanError> {
        span.within(self.max_span_years)
    }
}

impl Default for Limits {
    /// hunan-2024's limits: [`crate::MAX_ITEMS`] items and spans of at most 50 years.
    fn default() -> Self {
        Limits {
            max_items: crate::record::MAX_ITEMS,
            max_span_years: default_max_span_years(),
        }
    }
}

/// The default of [`Limits::max_span_years`].
fn default_max_span_years() -> u32 {
    50
}

/// Where a rule comes from: the document, part and item, its words, and when it is in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Citation {
    /// The rule cited.
    pub rule: RuleId,
    /// Document and place (`湘人社办函〔2024〕21号 附件1 二、2`), or `interpretation` for I-x.
    pub source: String,
    /// The clause quoted in the document's own words, nothing added (an omission inside the
    /// quote is marked `……`); for an interpretation, the question it answers.
    pub text: String,
    /// A short summary in our words of what the clause requires, as the policy applies it; it
    /// is not the document's text and may be absent. Omitted from JSON when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// For an interpretation, the reading adopted and why (absent for a clause of a document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When the rule is in force.
    pub effective: Effective,
}

impl std::fmt::Display for Citation {
    /// `source: text`, then the reason for an interpretation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.rule, self.source, self.text)?;
        if let Some(reason) = &self.reason {
            write!(f, " ({reason})")?;
        }
        Ok(())
    }
}

impl Policy {
    /// The citation of `rule`, if the policy has one.
    pub fn citation(&self, rule: RuleId) -> Option<&Citation> {
        self.citations.iter().find(|c| c.rule == rule)
    }

    /// The default review span (N.2), when it is valid and within `limits.max_span_years`.
    pub fn default_span(&self) -> Option<Span> {
        self.review_span
            .span()
            .and_then(|span| self.limits.check_span(span).ok())
    }

    /// A stable fingerprint of every figure and reading of the policy: `sha256:` and the
    /// hexadecimal SHA-256 of its canonical JSON form (object keys sorted, no spaces). Two
    /// policies with one fingerprint compute the same; any changed value changes it. Every
    /// report carries the fingerprint of the policy that produced it.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = cehours::Policy::hunan_2024();
    /// let mut changed = policy.clone();
    /// changed.days.as_mut().unwrap().per_day = 10.into();
    /// assert!(policy.fingerprint().starts_with("sha256:"));
    /// assert_eq!(policy.fingerprint(), cehours::Policy::hunan_2024().fingerprint());
    /// assert_ne!(policy.fingerprint(), changed.fingerprint());
    /// ```
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        use std::fmt::Write as _;
        let mut bytes = Vec::new();
        match tree::to_tree(self) {
            Ok(t) => tree::canonical(&t, &mut bytes),
            // A policy always serialises; were it not to, its ID still names it.
            Err(_) => bytes.extend_from_slice(self.id.as_bytes()),
        }
        let digest = Sha256::digest(&bytes);
        let mut out = String::with_capacity(7 + 64);
        out.push_str("sha256:");
        for b in digest {
            let _ = write!(out, "{b:02x}");
        }
        out
    }
}
