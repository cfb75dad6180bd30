//! Policy validation: every problem of a policy, each named by its path.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::Serialize;

use super::documents::MaterialsPolicy;
use super::tree::{Tree, to_tree};
use super::{Limits, Policy, RankBand};
use crate::evidence::Kind;
use crate::record::Span;
use crate::rule::RuleId;

/// One problem of a policy, with the path of the value at fault (`papers.bands[1].hours`).
///
/// Serialises as `{"path": …, "message": …}`, the message being the problem's text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PolicyProblem {
    /// Where the problem is, written `group.field[index].field`.
    pub path: String,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl PolicyProblem {
    /// A problem of kind `kind` at `path`.
    pub fn new(path: impl Into<String>, kind: ProblemKind) -> Self {
        PolicyProblem {
            path: path.into(),
            kind,
        }
    }
}

impl std::fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl Serialize for PolicyProblem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = s.serialize_struct("PolicyProblem", 2)?;
        out.serialize_field("path", &self.path)?;
        out.serialize_field("message", &self.kind.to_string())?;
        out.end()
    }
}

/// What [`Policy::validate`] finds wrong with one value; its `Display` is the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A text that must not be empty is empty (`id`, a citation's `source` or `text`).
    #[error("must not be empty")]
    Empty,
    /// A date range ends before it starts.
    #[error("is before `effective.from`")]
    EndsBeforeStart,
    /// `review_span` is not a span the policy can use (N.2).
    #[error("{0}")]
    Span(crate::record::SpanError),
    /// A month outside 1–12.
    #[error("must be a month, 1–12")]
    NotAMonth,
    /// A credit that must be positive is zero or negative.
    #[error("must be positive, not `{}`", .value.normalize())]
    NotPositive {
        /// The value given.
        value: Decimal,
    },
    /// A figure that must not be negative is negative.
    #[error("must not be negative, not `{}`", .value.normalize())]
    Negative {
        /// The value given.
        value: Decimal,
    },
    /// The total minimum is zero or negative (N.1.2): it would pass an empty record.
    #[error("must be positive (a zero total passes an empty record), not `{}`", .total.normalize())]
    TotalNotPositive {
        /// The total given.
        total: Decimal,
    },
    /// The total minimum is below the public or the professional minimum (N.1.2).
    #[error(
        "total `{}` is below the public `{}` or professional `{}` minimum",
        .total.normalize(), .public.normalize(), .professional.normalize()
    )]
    TotalBelowParts {
        /// The total minimum.
        total: Decimal,
        /// The public minimum.
        public: Decimal,
        /// The professional minimum.
        professional: Decimal,
    },
    /// A half day is worth more than a whole day (A1.C1).
    #[error(
        "a half day `{}` is worth more than a whole day `{}`",
        .half_day.normalize(), .day.normalize()
    )]
    HalfDayAboveDay {
        /// `days.per_half_day`.
        half_day: Decimal,
        /// `days.per_day`.
        day: Decimal,
    },
    /// `online_courses.minutes_per_hour` outside [`Policy::MINUTES_PER_HOUR`] (A1.M3, I-3).
    #[error("must be from {min} to {max} minutes, not `{}`", .minutes.normalize())]
    MinutesOutOfRange {
        /// The value given.
        minutes: Decimal,
        /// The least allowed.
        min: u32,
        /// The most allowed.
        max: u32,
    },
    /// A count above its limit (`online_courses.rounding_scale`).
    #[error("must be at most {max}")]
    AboveMax {
        /// The most allowed.
        max: u32,
    },
    /// A count below 1 (`assignments.min_months`).
    #[error("must be at least 1")]
    Zero,
    /// `assignments.all_years_after_months` is below `assignments.min_months` (A1.C7, I-2).
    #[error("is below `assignments.min_months`")]
    BelowMinMonths,
    /// A cap names no kind.
    #[error("must name at least one kind")]
    NoKinds,
    /// A rank band starts at 0 (A1.C3, A1.C4).
    #[error("ranks start at 1")]
    RankZero,
    /// A rank band ends before it starts.
    #[error("band {from}–{to} is empty")]
    EmptyBand {
        /// Its first rank.
        from: u32,
        /// Its last rank.
        to: u32,
    },
    /// A rank table holds more bands than [`Policy::MAX_BANDS`].
    #[error("holds {len} bands; at most {max} are allowed")]
    TooManyBands {
        /// How many it holds.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// A rank band overlaps an earlier one.
    #[error("band overlaps band [{earlier}]")]
    Overlap {
        /// The position of the first band it overlaps.
        earlier: usize,
    },
    /// A list holds more entries than allowed.
    #[error("holds {len} entries; at most {max} are allowed")]
    TooManyEntries {
        /// How many it holds.
        len: usize,
        /// The most allowed.
        max: usize,
    },
    /// An entry repeats an earlier one.
    #[error("repeats [{first}]")]
    Repeats {
        /// The position of its first copy.
        first: usize,
    },
    /// A limit outside its range.
    #[error("must be from {min} to {max}, not {value}")]
    OutOfRange {
        /// The value given.
        value: u64,
        /// The least allowed.
        min: u64,
        /// The most allowed.
        max: u64,
    },
    /// A rule is cited twice in `citations`.
    #[error("`{rule}` is cited twice")]
    CitedTwice {
        /// The rule.
        rule: RuleId,
    },
    /// A rule the policy names has no citation.
    #[error("rule `{rule}` has no citation in `citations`")]
    Uncited {
        /// The rule.
        rule: RuleId,
    },
    /// An item of one kind could lack more requirements than [`Policy::MAX_MATERIALS_MISSING`]
    /// (A1.M).
    #[error(
        "an item could lack {lacking} requirements (every alternative with every condition); \
         at most {max} are allowed"
    )]
    TooManyMissing {
        /// How many it could lack.
        lacking: usize,
        /// The most allowed.
        max: usize,
    },
    /// A value of the open model that cannot be applied (`reason` says why).
    #[error("{reason}")]
    OpenModel {
        /// Why.
        reason: &'static str,
    },
    /// The policy cannot be written as a policy value (`reason` says why).
    #[error("{reason}")]
    Unwritable {
        /// Why.
        reason: String,
    },
}

/// A policy that breaks its own rules: every problem, each with its path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("policy is invalid: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
#[non_exhaustive]
pub struct InvalidPolicy {
    /// Every problem, in the order found; never empty.
    pub problems: Vec<PolicyProblem>,
}

struct Problems(Vec<PolicyProblem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, kind: ProblemKind) {
        self.0.push(PolicyProblem::new(path, kind));
    }

    /// A credit that must be positive.
    fn positive(&mut self, path: &str, value: Decimal) {
        if value <= Decimal::ZERO {
            self.add(path, ProblemKind::NotPositive { value });
        }
    }

    fn non_negative(&mut self, path: &str, value: Decimal) {
        if value < Decimal::ZERO {
            self.add(path, ProblemKind::Negative { value });
        }
    }

    /// A1.C3, A1.C4: ranks start at 1, a band is not empty, its hours are positive, a table
    /// holds at most [`Policy::MAX_BANDS`] bands, and no two bands overlap (each band that
    /// overlaps an earlier one is named with the first it overlaps).
    ///
    /// Overlaps are looked for pair by pair, so only in a table within the limit (at most
    /// 2,016 pairs); a longer table is refused for its length alone, and its overlaps are
    /// reported once it is cut down. Costs O(n) beyond the limit.
    fn bands(&mut self, path: &str, bands: &[RankBand]) {
        for (i, b) in bands.iter().enumerate() {
            let at = format!("{path}[{i}]");
            if b.from == 0 {
                self.add(format!("{at}.from"), ProblemKind::RankZero);
            }
            if let Some(to) = b.to {
                if to < b.from {
                    self.add(
                        format!("{at}.to"),
                        ProblemKind::EmptyBand { from: b.from, to },
                    );
                }
            }
            self.positive(&format!("{at}.hours"), b.hours);
        }
        if bands.len() > Policy::MAX_BANDS {
            self.add(
                path,
                ProblemKind::TooManyBands {
                    len: bands.len(),
                    max: Policy::MAX_BANDS,
                },
            );
            return;
        }
        let empty = |b: &RankBand| b.to.is_some_and(|t| t < b.from);
        for (j, b) in bands.iter().enumerate() {
            let first = bands
                .iter()
                .take(j)
                .position(|a| !empty(a) && !empty(b) && (a.contains(b.from) || b.contains(a.from)));
            if let Some(i) = first {
                self.add(format!("{path}[{j}]"), ProblemKind::Overlap { earlier: i });
            }
        }
    }

    /// A1.C1: positive day rates, a half day worth no more than a whole day.
    fn day_rate(&mut self, path: &str, per_day: Decimal, per_half_day: Decimal) {
        self.positive(&format!("{path}.per_day"), per_day);
        self.positive(&format!("{path}.per_half_day"), per_half_day);
        if per_half_day > per_day {
            self.add(
                format!("{path}.per_half_day"),
                ProblemKind::HalfDayAboveDay {
                    half_day: per_half_day,
                    day: per_day,
                },
            );
        }
    }

    /// Minutes per 学时, when set, in [`Policy::MINUTES_PER_HOUR`].
    fn minutes(&mut self, path: &str, minutes: Option<Decimal>) {
        let Some(minutes) = minutes else {
            return;
        };
        let (lo, hi) = (
            Decimal::from(*Policy::MINUTES_PER_HOUR.start()),
            Decimal::from(*Policy::MINUTES_PER_HOUR.end()),
        );
        if minutes < lo || minutes > hi {
            self.add(
                path,
                ProblemKind::MinutesOutOfRange {
                    minutes,
                    min: *Policy::MINUTES_PER_HOUR.start(),
                    max: *Policy::MINUTES_PER_HOUR.end(),
                },
            );
        }
    }

    fn model(&mut self, path: impl Into<String>, reason: &'static str) {
        self.add(path, ProblemKind::OpenModel { reason });
    }

    /// The minimums of one group: none negative, a positive total not below its parts, a
    /// share strictly between 0 and 1 with a denominator of at most 1000.
    fn minimums(&mut self, path: &str, m: &super::Minimums) {
        self.non_negative(&format!("{path}.public"), m.public);
        self.non_negative(&format!("{path}.professional"), m.professional);
        if let Some(elective) = m.elective {
            self.non_negative(&format!("{path}.elective"), elective);
        }
        if m.total <= Decimal::ZERO {
            self.add(
                format!("{path}.total"),
                ProblemKind::TotalNotPositive { total: m.total },
            );
        }
        if let Some(share) = m.professional_share {
            if share.numerator == 0
                || share.numerator >= share.denominator
                || share.denominator > 1000
            {
                self.model(
                    format!("{path}.professional_share"),
                    "a share is numerator / denominator with 0 < numerator < denominator ≤ 1000",
                );
            }
        }
    }

    /// Refuses a list longer than `max` (whose entries every evaluation may visit).
    fn at_most(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            self.add(path, ProblemKind::TooManyEntries { len, max });
        }
    }

    /// Refuses an entry listed twice (each later copy is named with the first one).
    fn unique<T: Eq + std::hash::Hash + std::fmt::Debug>(&mut self, path: &str, items: &[T]) {
        let mut first: HashMap<&T, usize> = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            if let Some(j) = first.get(item) {
                self.add(format!("{path}[{i}]"), ProblemKind::Repeats { first: *j });
            } else {
                first.insert(item, i);
            }
        }
    }
}

impl Policy {
    /// The open model: `credits`, `grades` and the share of the minimums.
    fn validate_open_model(&self, p: &mut Problems) {
        use super::{Method, Scope};
        use crate::evidence::Kind;
        p.at_most("credits", self.credits.len(), Policy::MAX_CREDITS);
        for (i, c) in self.credits.iter().enumerate() {
            let at = format!("credits[{i}]");
            let declared = c.kind == Kind::Declared;
            if declared
                != c.activity_type
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
            {
                p.model(
                    format!("{at}.type"),
                    "`type` names the kind of a `declared` entry, and only of one",
                );
            }
            if matches!(c.kind, Kind::Assignment | Kind::PriorCertificate) {
                p.model(
                    format!("{at}.kind"),
                    "assignments and earlier certificates are not credited by an entry",
                );
            }
            let m = format!("{at}.method");
            match &c.method {
                Method::Fixed(h) => p.positive(&format!("{m}.fixed"), *h),
                Method::PerCount(h) => p.positive(&format!("{m}.per_count"), *h),
                Method::PerHour(h) => p.positive(&format!("{m}.per_hour"), *h),
                Method::PerThousandCharacters(h) => {
                    p.positive(&format!("{m}.per_thousand_characters"), *h);
                }
                Method::Days(r) => p.day_rate(&format!("{m}.days"), r.per_day, r.per_half_day),
                Method::HoursOrDays(r) => {
                    p.day_rate(&format!("{m}.hours_or_days"), r.per_day, r.per_half_day);
                }
                Method::ByLevel(t) => {
                    for (name, h) in [
                        ("national", t.national),
                        ("provincial", t.provincial),
                        ("municipal", t.municipal),
                        ("other", t.other),
                    ] {
                        if let Some(h) = h {
                            p.positive(&format!("{m}.by_level.{name}"), h);
                        }
                    }
                }
                Method::ByRank(bands) => p.bands(&format!("{m}.by_rank"), bands),
                Method::CompletesSpan => {}
            }
            p.at_most(
                &format!("{at}.presenting"),
                c.presenting.len(),
                Policy::MAX_BANDS,
            );
            for (j, b) in c.presenting.iter().enumerate() {
                p.positive(&format!("{at}.presenting[{j}].hours"), b.hours);
                if b.to_characters.is_some_and(|to| to < b.from_characters) {
                    p.model(
                        format!("{at}.presenting[{j}].to_characters"),
                        "a length band ends before it starts",
                    );
                }
            }
            p.minutes(&format!("{at}.minutes_per_hour"), c.minutes_per_hour);
            for (name, v) in [
                ("max_per_item", c.max_per_item),
                ("max_per_day", c.max_per_day),
                ("year_cap", c.year_cap),
            ] {
                if let Some(v) = v {
                    p.positive(&format!("{at}.{name}"), v);
                }
            }
            if let Some(spread) = c.spread {
                if spread.years == 0 || spread.years > self.limits.max_span_years {
                    p.add(
                        format!("{at}.spread.years"),
                        ProblemKind::OutOfRange {
                            value: u64::from(spread.years),
                            min: 1,
                            max: u64::from(self.limits.max_span_years),
                        },
                    );
                }
            }
        }
        p.at_most("grades", self.grades.len(), Policy::MAX_GRADES);
        for (i, g) in self.grades.iter().enumerate() {
            let at = format!("grades[{i}]");
            if g.grades.is_empty() || g.grades.iter().any(|x| x.trim().is_empty()) {
                p.model(
                    format!("{at}.grades"),
                    "name at least one grade, none empty",
                );
            }
            if let Some(years) = g.years {
                if years == 0 || years > self.limits.max_span_years {
                    p.add(
                        format!("{at}.years"),
                        ProblemKind::OutOfRange {
                            value: u64::from(years),
                            min: 1,
                            max: u64::from(self.limits.max_span_years),
                        },
                    );
                }
            }
            p.minimums(&format!("{at}.minimums"), &g.minimums);
        }
        let mut seen = std::collections::HashSet::new();
        for (i, g) in self.grades.iter().enumerate() {
            for grade in &g.grades {
                if !seen.insert(grade.as_str()) {
                    p.model(format!("grades[{i}].grades"), "a grade is named twice");
                }
            }
        }
        if self.minimums.professional_share.is_some() || self.minimums.scope != Scope::PerYear {
            p.minimums("minimums", &self.minimums);
        } else if let Some(elective) = self.minimums.elective {
            p.non_negative("minimums.elective", elective);
        }
    }

    /// The most `credits` entries a policy may hold: every item looks its kind up among them.
    pub const MAX_CREDITS: usize = 256;
    /// The most `grades` entries a policy may hold.
    pub const MAX_GRADES: usize = 64;
    /// The most rank bands one table may hold (A1.C3, A1.C4): every ranked item looks its
    /// rank up.
    pub const MAX_BANDS: usize = 64;
    /// The most yearly caps a policy may hold: every credit is checked against each cap of its
    /// kind, and may raise a `year_cap_reached` finding for each.
    pub const MAX_CAPS: usize = 64;
    /// The most alternatives, requirements or conditionals one list of a kind's materials may
    /// hold (A1.M), and the most upload extensions (A2).
    pub const MAX_MATERIALS_LIST: usize = 100;
    /// The most requirements an item of one kind can lack, all its alternatives and
    /// conditions counted (A1.M): the longest `missing` a materials check can write.
    pub const MAX_MATERIALS_MISSING: usize = 256;
    /// The range of `online_courses.minutes_per_hour` (A1.M3, I-3): one minute to ten hours.
    pub const MINUTES_PER_HOUR: std::ops::RangeInclusive<u32> = 1..=600;
}

/// Every rule ID a policy value names (`rule` and `interpretation` fields at any depth).
fn cited_rules(tree: &Tree, out: &mut Vec<(String, RuleId)>, path: &mut Vec<String>) {
    match tree {
        Tree::Map(entries) => {
            for (k, v) in entries {
                path.push(k.clone());
                if let (true, Tree::Str(id)) = (k == "rule" || k == "interpretation", v) {
                    if let Ok(rule) = RuleId::declared(id) {
                        out.push((super::tree::join_path(path), rule));
                    }
                } else if k != "citations" {
                    cited_rules(v, out, path);
                }
                path.pop();
            }
        }
        Tree::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                cited_rules(item, out, path);
                path.pop();
            }
        }
        _ => {}
    }
}

impl Policy {
    /// Checks the policy and lists every problem, each with its path. Each check names the
    /// rule it protects:
    ///
    /// - `id` is not empty; `effective.to` is not before `effective.from` (nor in any citation).
    /// - N.2: `review_span` is a valid span (1–9999, not inverted) of at most
    ///   `limits.max_span_years` years.
    /// - N.1.2: no minimum is negative; the total minimum is positive (a zero total would pass
    ///   an empty record) and not below the public or the professional minimum.
    /// - A1.C1: `days.per_day` and `days.per_half_day` are positive, and a half day is worth no
    ///   more than a whole day.
    /// - A1.M3, I-3: `online_courses.minutes_per_hour`, when set, lies
    ///   in 1–600 minutes ([`Policy::MINUTES_PER_HOUR`]); `rounding_scale` is at most 28.
    /// - A1.C2, A1.C5, A1.C6, A1.C8, A1.C9: every credit figure is positive; A1.C2 and A1.C7:
    ///   no sponsor or program is listed twice.
    /// - A1.C3, A1.C4: rank bands start at 1, are not empty, and a table holds at most
    ///   [`Policy::MAX_BANDS`] bands, none overlapping another.
    /// - A1.C7, I-2: `assignments.min_months` is at least 1 and `all_years_after_months` not
    ///   below it.
    /// - Caps: each names at least one kind, no kind twice, and non-negative hours; at most
    ///   [`Policy::MAX_CAPS`] caps.
    /// - A1.M, A2: a kind's materials lists hold at most [`Policy::MAX_MATERIALS_LIST`] entries and
    ///   an item can lack at most [`Policy::MAX_MATERIALS_MISSING`] requirements; at most
    ///   [`Policy::MAX_MATERIALS_LIST`] upload extensions.
    /// - Limits (N.2 for spans): `limits.max_items` in 1–[`Limits::MAX_ITEMS`],
    ///   `limits.max_span_years` in 1–[`Limits::MAX_SPAN_YEARS`].
    /// - Citations: source and text not empty, no rule cited twice, and every rule the policy
    ///   names (`rule` and `interpretation` fields at any depth) cited.
    ///
    /// Costs O(n log n) in the size of the policy.
    ///
    /// # Errors
    ///
    /// The list of problems, when there is at least one.
    pub fn validate(&self) -> Result<(), InvalidPolicy> {
        let mut p = Problems(Vec::new());
        if self.id.trim().is_empty() {
            p.add("id", ProblemKind::Empty);
        }
        if self.effective.to.is_some_and(|to| to < self.effective.from) {
            p.add("effective.to", ProblemKind::EndsBeforeStart);
        }
        if let Err(e) = Span::new(self.review_span.from, self.review_span.to) {
            p.add("review_span", ProblemKind::Span(e));
        } else if let Err(e) = self.limits.check_span(Span {
            from: self.review_span.from,
            to: self.review_span.to,
        }) {
            p.add("review_span", ProblemKind::Span(e));
        }
        for (path, month) in [
            ("review_window.from_month", self.review_window.from_month),
            ("review_window.to_month", self.review_window.to_month),
        ] {
            if !(1..=12).contains(&month) {
                p.add(path, ProblemKind::NotAMonth);
            }
        }
        let m = &self.minimums;
        p.non_negative("minimums.public", m.public);
        p.non_negative("minimums.professional", m.professional);
        if m.total <= Decimal::ZERO {
            p.add(
                "minimums.total",
                ProblemKind::TotalNotPositive { total: m.total },
            );
        }
        if m.total < m.public || m.total < m.professional {
            p.add(
                "minimums.total",
                ProblemKind::TotalBelowParts {
                    total: m.total,
                    public: m.public,
                    professional: m.professional,
                },
            );
        }
        if let Some(days) = &self.days {
            p.day_rate("days", days.per_day, days.per_half_day);
        }
        if let Some(online) = &self.online_courses {
            p.minutes("online_courses.minutes_per_hour", online.minutes_per_hour);
            if online.rounding_scale > 28 {
                p.add(
                    "online_courses.rounding_scale",
                    ProblemKind::AboveMax { max: 28 },
                );
            }
        }
        if let Some(research) = &self.research {
            for (name, table) in [
                ("national", &research.national),
                ("provincial", &research.provincial),
                ("municipal", &research.municipal),
            ] {
                p.positive(&format!("research.{name}.host"), table.host);
                p.positive(
                    &format!("research.{name}.main_contributor"),
                    table.main_contributor,
                );
                p.positive(&format!("research.{name}.other"), table.other);
            }
            p.unique("research.sponsors", &research.sponsors);
        }
        if let Some(books) = &self.books {
            p.bands("books.bands", &books.bands);
        }
        if let Some(papers) = &self.papers {
            p.bands("papers.bands", &papers.bands);
        }
        if let Some(patents) = &self.patents {
            p.bands("patents.invention", &patents.invention);
            p.bands("patents.utility_model", &patents.utility_model);
            p.bands("patents.design", &patents.design);
        }
        if let Some(awards) = &self.awards {
            for (name, table) in [
                ("national", &awards.national),
                ("provincial", &awards.provincial),
                ("municipal", &awards.municipal),
            ] {
                p.positive(&format!("awards.{name}.first"), table.first);
                p.positive(&format!("awards.{name}.second"), table.second);
                p.positive(&format!("awards.{name}.third"), table.third);
            }
        }
        if let Some(exams) = &self.skills_exams {
            p.positive("skills_exams.digital_per_module", exams.digital_per_module);
            if let Some(rate) = exams.computer_per_module {
                p.positive("skills_exams.computer_per_module", rate);
            }
        }
        if let Some(courses) = &self.degree_courses {
            p.positive("degree_courses.hours", courses.hours);
        }
        if let Some(exams) = &self.qualification_exams {
            p.positive("qualification_exams.hours", exams.hours);
        }
        if let Some(assignments) = &self.assignments {
            p.unique("assignments.programs", &assignments.programs);
            if assignments.min_months == 0 {
                p.add("assignments.min_months", ProblemKind::Zero);
            }
            if assignments.all_years_after_months < assignments.min_months {
                p.add(
                    "assignments.all_years_after_months",
                    ProblemKind::BelowMinMonths,
                );
            }
        }
        self.validate_open_model(&mut p);
        p.at_most("caps", self.caps.len(), Policy::MAX_CAPS);
        for (i, cap) in self.caps.iter().enumerate() {
            p.non_negative(&format!("caps[{i}].hours"), cap.hours);
            if cap.kinds.is_empty() {
                p.add(format!("caps[{i}].kinds"), ProblemKind::NoKinds);
            }
            p.unique(&format!("caps[{i}].kinds"), &cap.kinds);
        }
        if let Some(m) = &self.materials {
            materials(&mut p, m);
        }
        if self.limits.max_items == 0 || self.limits.max_items > Limits::MAX_ITEMS {
            p.add(
                "limits.max_items",
                ProblemKind::OutOfRange {
                    value: u64::try_from(self.limits.max_items).unwrap_or(u64::MAX),
                    min: 1,
                    max: u64::try_from(Limits::MAX_ITEMS).unwrap_or(u64::MAX),
                },
            );
        }
        if self.limits.max_span_years == 0 || self.limits.max_span_years > Limits::MAX_SPAN_YEARS {
            p.add(
                "limits.max_span_years",
                ProblemKind::OutOfRange {
                    value: u64::from(self.limits.max_span_years),
                    min: 1,
                    max: u64::from(Limits::MAX_SPAN_YEARS),
                },
            );
        }
        let mut cited: HashSet<RuleId> = HashSet::with_capacity(self.citations.len());
        for (i, c) in self.citations.iter().enumerate() {
            if c.source.trim().is_empty() {
                p.add(format!("citations[{i}].source"), ProblemKind::Empty);
            }
            if c.text.trim().is_empty() {
                p.add(format!("citations[{i}].text"), ProblemKind::Empty);
            }
            if c.effective.to.is_some_and(|to| to < c.effective.from) {
                p.add(
                    format!("citations[{i}].effective.to"),
                    ProblemKind::EndsBeforeStart,
                );
            }
            if !cited.insert(c.rule) {
                p.add(
                    format!("citations[{i}].rule"),
                    ProblemKind::CitedTwice { rule: c.rule },
                );
            }
        }
        match to_tree(self) {
            Ok(tree) => {
                let mut named = Vec::new();
                cited_rules(&tree, &mut named, &mut Vec::new());
                for (path, rule) in named {
                    if !cited.contains(&rule) {
                        p.add(path, ProblemKind::Uncited { rule });
                    }
                }
            }
            Err(e) => p.add(
                "",
                ProblemKind::Unwritable {
                    reason: e.to_string(),
                },
            ),
        }
        if p.0.is_empty() {
            Ok(())
        } else {
            Err(InvalidPolicy { problems: p.0 })
        }
    }
}

/// A1.M, A2: bounds on the materials lists, so that one item's check costs and writes at most
/// a fixed amount whatever the policy.
fn materials(p: &mut Problems, materials: &MaterialsPolicy) {
    p.at_most(
        "materials.uploads.extensions",
        materials.uploads.extensions.len(),
        Policy::MAX_MATERIALS_LIST,
    );
    for kind in Kind::ALL {
        let form = materials.for_kind(kind);
        let at = format!("materials.kinds.{}", kind.as_str());
        p.at_most(
            &format!("{at}.alternatives"),
            form.alternatives.len(),
            Policy::MAX_MATERIALS_LIST,
        );
        p.at_most(
            &format!("{at}.conditional"),
            form.conditional.len(),
            Policy::MAX_MATERIALS_LIST,
        );
        let mut conditional = 0usize;
        for (i, c) in form.conditional.iter().enumerate() {
            p.at_most(
                &format!("{at}.conditional[{i}].requires"),
                c.requires.len(),
                Policy::MAX_MATERIALS_LIST,
            );
            conditional = conditional.saturating_add(c.requires.len());
        }
        let mut lacking = 0usize;
        for (i, a) in form.alternatives.iter().enumerate() {
            p.at_most(
                &format!("{at}.alternatives[{i}].requires"),
                a.requires.len(),
                Policy::MAX_MATERIALS_LIST,
            );
            lacking = lacking
                .saturating_add(a.requires.len())
                .saturating_add(conditional);
        }
        if lacking > Policy::MAX_MATERIALS_MISSING {
            p.add(
                at,
                ProblemKind::TooManyMissing {
                    lacking,
                    max: Policy::MAX_MATERIALS_MISSING,
                },
            );
        }
    }
}
