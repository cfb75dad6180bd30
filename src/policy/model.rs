//! The open policy model: what a policy of any jurisdiction can say beyond Hunan's sections.
//!
//! - [`KindCredit`]: how one kind (a built-in kind, or a kind the policy declares) is credited
//!   — a [`Method`], the conditions it applies under, the subject it goes to, caps per item,
//!   a spread over several years and a yearly cap. A policy's `credits` entries take precedence
//!   over the built-in section of the kind they name.
//! - [`GradeMinimums`]: minimums per title grade, with their own span length.
//! - [`Scope`], [`Share`]: minimums per year or over the whole span, and a minimum as a share
//!   of the actual total (in [`super::Minimums`]).
//! - [`PersonWindow`]: a per-person date from which hours count.
//!
//! Every value names the clause it comes from (`rule`), which the policy's `citations`
//! declare. docs/policies.md describes the file format.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Minimums, RankBand};
use crate::evidence::{Kind, Level, Mode, Subject};
use crate::rule::RuleId;
use crate::wire;

/// How one kind is credited: one entry of a policy's `credits`.
///
/// An item is credited by the first entry whose `kind` (and `type`, for a declared kind) is
/// its own and whose `when` holds for it; an item whose kind has entries but none that holds
/// is not credited (`no_credit_rule`). A kind with no entry is credited by its built-in
/// section, when the policy has one, and otherwise not at all (`kind_not_credited`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct KindCredit {
    /// The clause the entry encodes.
    pub rule: RuleId,
    /// The kind it credits (`training`, or `declared` with `type`).
    pub kind: Kind,
    /// For `kind: declared`: the declared kind's name (`teaching`), as items write it.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub activity_type: Option<String>,
    /// The conditions under which the entry applies (all must hold; none: always).
    #[serde(default, skip_serializing_if = "When::is_always")]
    pub when: When,
    /// How the hours are worked out.
    pub method: Method,
    /// Where the hours go: a fixed subject, or professional first (default: the item's own
    /// subject, professional when it names none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Routing>,
    /// A bonus for presenting a paper at the event, by the paper's length in characters (the
    /// item's `presented_characters`); the first band holding the length applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presenting: Vec<LengthBand>,
    /// Stated hours are counted in 学时 of this many minutes (clock hours are 60): credited =
    /// stated × 60 / this, rounded down to two decimal places. `None`: as stated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub minutes_per_hour: Option<Decimal>,
    /// Most hours one item earns.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub max_per_item: Option<Decimal>,
    /// Most hours one item earns per day it lasts (its `days`): a cap tied to its duration.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub max_per_day: Option<Decimal>,
    /// The hours spread over several years from the year of the item's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread: Option<Spread>,
    /// Most hours this entry credits in one year, all items together.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub year_cap: Option<Decimal>,
}

impl KindCredit {
    /// An entry crediting `kind` by `method`, citing `rule`, with no condition or option.
    pub fn new(rule: RuleId, kind: Kind, method: Method) -> Self {
        KindCredit {
            rule,
            kind,
            activity_type: None,
            when: When::default(),
            method,
            subject: None,
            presenting: Vec::new(),
            minutes_per_hour: None,
            max_per_item: None,
            max_per_day: None,
            spread: None,
            year_cap: None,
        }
    }

    /// The entry for the declared kind `activity_type`.
    pub fn declared(rule: RuleId, activity_type: &str, method: Method) -> Self {
        KindCredit {
            activity_type: Some(activity_type.to_owned()),
            ..KindCredit::new(rule, Kind::Declared, method)
        }
    }
}

/// Conditions on an item (all that are set must hold).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct When {
    /// Full-time or part-time (an item that states none is full-time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The item's level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The item's tier (`sub_project`); an item that names none has no tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Whether the item states its hours (`true`: only items that do; `false`: only items
    /// that give days alone — a lower rate when only days are known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_stated: Option<bool>,
}

impl When {
    /// Whether no condition is set.
    pub fn is_always(&self) -> bool {
        *self == When::default()
    }
}

/// How an entry works out an item's hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// The same hours for every item.
    Fixed(#[serde(with = "wire::decimal")] Decimal),
    /// Hours per unit counted (`count`; courses, subjects or modules of the exam kinds).
    PerCount(#[serde(with = "wire::decimal")] Decimal),
    /// Hours per stated hour (`hours`): a multiplier (teaching 3 per hour taught; 1 credits
    /// the hours as stated, after `minutes_per_hour`).
    PerHour(#[serde(with = "wire::decimal")] Decimal),
    /// Hours per whole thousand characters (`characters`, rounded down to whole thousands).
    PerThousandCharacters(#[serde(with = "wire::decimal")] Decimal),
    /// Day-based: hours per day and per half day, each half day in its own year, sharing
    /// calendar days with other day-based items (I-8 when the policy shares days).
    Days(DayRate),
    /// The item's stated hours when it gives them (after `minutes_per_hour`, within
    /// `max_per_day`), otherwise its days at these rates.
    HoursOrDays(DayRate),
    /// Hours per item by the item's level; a level with no figure is not credited.
    ByLevel(LevelHours),
    /// Hours by the item's rank (author or member rank, 1 = sole or first); a rank in no
    /// band is not credited.
    ByRank(Vec<RankBand>),
    /// A degree begun and completed within the review span completes every year of it (each
    /// year passes, as a waived year does).
    CompletesSpan,
}

/// Hours per day and per half day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DayRate {
    /// Hours for a whole day.
    #[serde(with = "wire::decimal")]
    pub per_day: Decimal,
    /// Hours for a half day.
    #[serde(with = "wire::decimal")]
    pub per_half_day: Decimal,
}

impl DayRate {
    /// `per_day` a day and `per_half_day` a half day.
    pub fn new(per_day: Decimal, per_half_day: Decimal) -> Self {
        DayRate {
            per_day,
            per_half_day,
        }
    }
}

/// Hours per item by level; a level left out is not credited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LevelHours {
    /// 国家级.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub national: Option<Decimal>,
    /// 省级.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub provincial: Option<Decimal>,
    /// 市级.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub municipal: Option<Decimal>,
    /// Other levels.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    pub other: Option<Decimal>,
}

impl LevelHours {
    /// A table with `hours` for `level`, and the levels already set.
    #[must_use]
    pub fn with(mut self, level: Level, hours: Decimal) -> Self {
        match level {
            Level::National => self.national = Some(hours),
            Level::Provincial => self.provincial = Some(hours),
            Level::Municipal => self.municipal = Some(hours),
            Level::Other => self.other = Some(hours),
        }
        self
    }

    /// The figure of `level`.
    pub fn of(&self, level: Level) -> Option<Decimal> {
        match level {
            Level::National => self.national,
            Level::Provincial => self.provincial,
            Level::Municipal => self.municipal,
            Level::Other => self.other,
        }
    }
}

/// Hours for a length in characters `from..=to` (`to` absent: and longer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LengthBand {
    /// Shortest length of the band, in characters.
    pub from_characters: u64,
    /// Longest length, or `None` for every length from `from_characters` on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_characters: Option<u64>,
    /// Hours for a length in the band.
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
}

impl LengthBand {
    /// `hours` for lengths `from_characters..=to_characters` (`None`: and longer).
    pub fn new(from_characters: u64, to_characters: Option<u64>, hours: Decimal) -> Self {
        LengthBand {
            from_characters,
            to_characters,
            hours,
        }
    }

    /// Whether `characters` lies in the band.
    pub fn contains(&self, characters: u64) -> bool {
        characters >= self.from_characters && self.to_characters.is_none_or(|to| characters <= to)
    }
}

/// Where an entry's hours go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Routing {
    /// Always public (公需科目): a conversion into public hours.
    Public,
    /// Always professional (专业科目).
    Professional,
    /// Always the third bucket (选修/个人选学).
    Elective,
    /// Professional until the year's professional minimum is met, the rest public (credited
    /// after every other item of the year).
    ProfessionalFirst,
}

impl Routing {
    /// The subject of a fixed route.
    pub fn subject(self) -> Option<Subject> {
        match self {
            Routing::Public => Some(Subject::Public),
            Routing::Professional => Some(Subject::Professional),
            Routing::Elective => Some(Subject::Elective),
            Routing::ProfessionalFirst => None,
        }
    }
}

/// Hours spread over several years: from the year of the item's date (`even`, `each_year`),
/// or over the years the activity runs (`each_year_it_runs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Spread {
    /// How many calendar years, from the year of the item's date (at least 1, at most 50).
    pub years: u32,
    /// How the hours are shared.
    pub how: SpreadHow,
}

impl Spread {
    /// Over `years` years, shared as `how` says.
    pub fn new(years: u32, how: SpreadHow) -> Self {
        Spread { years, how }
    }
}

/// How hours spread over several years are shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpreadHow {
    /// In equal parts (to two decimal places, rounded down; the first year takes what is left,
    /// so the parts add up to the hours exactly).
    Even,
    /// The whole figure in each of the `years` years from the item's year.
    EachYear,
    /// The whole figure in each calendar year the activity runs, from the year of its `start`
    /// to the year of its date (its end), at most `years` years: an activity credited per year
    /// of a multi-year activity.
    EachYearItRuns,
}

/// Whether minimums apply to each year or to the span as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scope {
    /// Each year on its own (N.1.2 of hunan-2024).
    #[default]
    PerYear,
    /// The sums over the whole span against the figures as written (Ningxia: 360 in 4 years).
    Span,
    /// The sums over the whole span against the figures times the number of span years (an
    /// average of 72 a year over the cycle).
    SpanAverage,
}

impl Scope {
    /// Whether this is the per-year scope.
    pub fn is_per_year(&self) -> bool {
        *self == Scope::PerYear
    }
}

/// A share of a total, `numerator / denominator` (two thirds: 2 / 3), exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Share {
    /// The rule that sets the share.
    pub rule: RuleId,
    /// Numerator (at least 1, below the denominator).
    pub numerator: u32,
    /// Denominator (at most 1000).
    pub denominator: u32,
}

impl Share {
    /// `numerator / denominator`, citing `rule`.
    pub fn new(rule: RuleId, numerator: u32, denominator: u32) -> Self {
        Share {
            rule,
            numerator,
            denominator,
        }
    }
}

/// Minimums for the holders of some title grades, with the span they are checked over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GradeMinimums {
    /// The grades (as records write them in `grade`: `intermediate`, `deputy_senior` …).
    pub grades: Vec<String>,
    /// The span length in years, ending with the policy's `review_span.to` (used when the
    /// record gives no span); `None`: the policy's review span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// The minimums.
    pub minimums: Minimums,
}

impl GradeMinimums {
    /// `minimums` for the holders of `grades`, over a span of `years` years (`None`: the
    /// policy's review span).
    pub fn new(grades: Vec<String>, years: Option<u32>, minimums: Minimums) -> Self {
        GradeMinimums {
            grades,
            years,
            minimums,
        }
    }
}

/// A per-person date window: only hours earned on or after the record's `counts_from` count
/// (after a promotion, only hours after the qualification; after a transfer, only hours
/// after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PersonWindow {
    /// The rule.
    pub rule: RuleId,
}

impl PersonWindow {
    /// The window, citing `rule`.
    pub fn new(rule: RuleId) -> Self {
        PersonWindow { rule }
    }
}
