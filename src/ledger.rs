//! The yearly ledger and the verdict (N.1.2, N.2): hours per year and subject, each credit
//! with its rule, and whether every year of the span meets its minimums.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evidence::{EvidenceId, Subject};
use crate::finding::Finding;
use crate::materials::MaterialsCheck;
use crate::policy::Policy;
use crate::record::Span;
use crate::rule::RuleId;
use crate::wire;

/// Hours granted to one evidence item in one year, with the rule that granted them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credit {
    /// The item credited.
    pub evidence: EvidenceId,
    /// The subject the hours count for.
    pub subject: Subject,
    /// The hours (never zero).
    #[serde(with = "wire::decimal")]
    pub hours: Decimal,
    /// The rule that granted them.
    pub rule: RuleId,
}

/// What each minimum of a year still lacks (all zero when met or waived).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Shortfall {
    /// Public hours missing.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours missing.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// Total hours missing.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Elective hours missing (the third bucket; omitted when zero).
    #[serde(
        default,
        skip_serializing_if = "Decimal::is_zero",
        with = "wire::decimal"
    )]
    pub elective: Decimal,
}

impl Shortfall {
    /// Whether nothing is missing.
    pub fn is_zero(&self) -> bool {
        self.public.is_zero()
            && self.professional.is_zero()
            && self.total.is_zero()
            && self.elective.is_zero()
    }
}

/// One year of the span: its hours, whether it is waived, and whether it passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct YearReport {
    /// The calendar year.
    pub year: i32,
    /// Public hours credited.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours credited.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// Public plus professional (plus elective).
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Elective hours (the third bucket of some policies; omitted when zero).
    #[serde(
        default,
        skip_serializing_if = "Decimal::is_zero",
        with = "wire::decimal"
    )]
    pub elective: Decimal,
    /// Whether an assignment (A1.C7) waives the year.
    pub waived: bool,
    /// The assignments that waive it, in record order.
    pub waived_by: Vec<EvidenceId>,
    /// Whether the year meets its minimums or is waived.
    pub passed: bool,
    /// What each minimum still lacks.
    pub shortfall: Shortfall,
    /// Every credit of the year, in record order; they add up to `public` and `professional`.
    pub credits: Vec<Credit>,
}

/// The full answer for one record: years, findings, materials and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The policy applied.
    pub policy: String,
    /// The fingerprint of the policy applied ([`Policy::fingerprint`]): two reports with one
    /// fingerprint were computed under the same figures and readings. Empty in reports stored
    /// before it existed.
    ///
    /// [`Policy::fingerprint`]: crate::Policy::fingerprint
    #[serde(default)]
    pub policy_fingerprint: String,
    /// The span reviewed.
    pub span: Span,
    /// True only when every year of the span passes (and, under minimums over the whole
    /// span, when the span passes them).
    pub passed: bool,
    /// Under minimums over the whole span (Ningxia: 360 in 4 years): the span's sums and what
    /// they lack. Absent under yearly minimums (hunan-2024), where each year carries its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_check: Option<SpanCheck>,
    /// Exactly the span's years, in order.
    pub years: Vec<YearReport>,
    /// Every finding, in record order.
    pub findings: Vec<Finding>,
    /// The materials check of every item, in record order.
    pub materials: Vec<MaterialsCheck>,
}

impl Report {
    /// The per-year totals and verdict this report holds: what [`Evaluator::totals`] gives for
    /// the same record and policy.
    ///
    /// [`Evaluator::totals`]: crate::Evaluator::totals
    pub fn totals(&self) -> Totals {
        Totals {
            policy: self.policy.clone(),
            span: self.span,
            passed: self.passed,
            span_check: self.span_check,
            years: self
                .years
                .iter()
                .map(|y| YearTotals {
                    year: y.year,
                    public: y.public,
                    professional: y.professional,
                    total: y.total,
                    elective: y.elective,
                    waived: y.waived,
                    passed: y.passed,
                    shortfall: y.shortfall,
                })
                .collect(),
        }
    }

    /// The report of `year`, when the report holds it.
    ///
    /// Found by its place in the span; a report whose fields were set by hand (a span that
    /// does not match `years`) is searched by year instead (`years` in order), so the answer
    /// is always the entry of that year or `None`, never another year's, and never an
    /// overflow, whatever the span.
    pub fn year(&self, year: i32) -> Option<&YearReport> {
        match self.span.index(year).and_then(|i| self.years.get(i)) {
            Some(found) if found.year == year => Some(found),
            _ => self
                .years
                .binary_search_by_key(&year, |y| y.year)
                .ok()
                .and_then(|i| self.years.get(i)),
        }
    }

    /// A plain-text table of the years (public, professional, total, shortfall, verdict) with
    /// Chinese and English headings, followed by the span verdict.
    ///
    /// # Example
    ///
    /// ```
    /// let policy = cehours::Policy::hunan_2024();
    /// let report = cehours::evaluate(&cehours::Record::default(), &policy)?;
    /// let text = report.table().to_string();
    /// assert!(text.contains("2019"));
    /// assert!(text.contains("不合格 / fail"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn table(&self) -> impl std::fmt::Display + '_ {
        YearTable(self)
    }
}

struct YearTable<'a>(&'a Report);

impl std::fmt::Display for YearTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self.0;
        writeln!(
            f,
            "年度    公需科目  专业科目  合计      缺口(公需/专业/合计)      结果"
        )?;
        writeln!(
            f,
            "Year    Public    Prof.     Total     Short (pub/prof/total)    Result"
        )?;
        for y in &r.years {
            let short = format!(
                "{}/{}/{}",
                y.shortfall.public.normalize(),
                y.shortfall.professional.normalize(),
                y.shortfall.total.normalize()
            );
            let result = match (y.passed, y.waived, r.span_check.is_some()) {
                (true, true, _) => "视为完成(特定工作任务) / deemed complete (special task)",
                // Under span minimums a year has no minimum of its own.
                (true, false, true) => "按跨度合计核认 / checked over the span",
                (true, false, false) => "合格 / pass",
                (false, _, _) => "不合格 / fail",
            };
            writeln!(
                f,
                "{:<8}{:<10}{:<10}{:<10}{:<26}{}",
                y.year,
                y.public.normalize().to_string(),
                y.professional.normalize().to_string(),
                y.total.normalize().to_string(),
                short,
                result
            )?;
        }
        if let Some(c) = &r.span_check {
            let short = format!(
                "{}/{}/{}",
                c.shortfall.public.normalize(),
                c.shortfall.professional.normalize(),
                c.shortfall.total.normalize()
            );
            writeln!(
                f,
                "{:<8}{:<10}{:<10}{:<10}{:<26}{}",
                "跨度/span",
                c.public.normalize().to_string(),
                c.professional.normalize().to_string(),
                c.total.normalize().to_string(),
                short,
                if c.passed {
                    "合格 / pass"
                } else {
                    "不合格 / fail"
                }
            )?;
        }
        let verdict = if r.passed {
            "合格 / pass"
        } else {
            "不合格 / fail"
        };
        write!(
            f,
            "{}–{} 核认结论 / verdict: {verdict}",
            r.span.from, r.span.to
        )
    }
}

/// The check of minimums that apply to the whole span: the span's sums, and what they lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpanCheck {
    /// Public hours over the span.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours over the span.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// Elective hours over the span (omitted when zero).
    #[serde(
        default,
        skip_serializing_if = "Decimal::is_zero",
        with = "wire::decimal"
    )]
    pub elective: Decimal,
    /// All hours over the span.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Whether the span meets the minimums (or every year is waived).
    pub passed: bool,
    /// What each minimum still lacks.
    pub shortfall: Shortfall,
}

/// One year's figures without their trace (the totals-only path).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct YearTotals {
    /// The calendar year.
    pub year: i32,
    /// Public hours credited.
    #[serde(with = "wire::decimal")]
    pub public: Decimal,
    /// Professional hours credited.
    #[serde(with = "wire::decimal")]
    pub professional: Decimal,
    /// Public plus professional (plus elective).
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Elective hours (the third bucket of some policies; omitted when zero).
    #[serde(
        default,
        skip_serializing_if = "Decimal::is_zero",
        with = "wire::decimal"
    )]
    pub elective: Decimal,
    /// Whether an assignment waives the year.
    pub waived: bool,
    /// Whether the year meets its minimums or is waived.
    pub passed: bool,
    /// What each minimum of the year still lacks, as [`YearReport::shortfall`] holds it
    /// (the record's grade's minimums; nothing under minimums over the span).
    #[serde(default)]
    pub shortfall: Shortfall,
}

impl YearTotals {
    /// N.1.2: what the year lacks of each of `policy`'s own yearly minimums (all zero when met
    /// or waived). The figures the evaluation held the record to, its grade's included, are
    /// its `shortfall` field.
    pub fn shortfall(&self, policy: &Policy) -> Shortfall {
        crate::rules::minimums::shortfall(
            policy,
            &YearAcc {
                public: self.public,
                professional: self.professional,
                elective: self.elective,
                waived: self.waived,
            },
        )
    }
}

/// Per-year totals and the verdict, without credits or findings (bulk screening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Totals {
    /// The policy applied.
    pub policy: String,
    /// The span reviewed.
    pub span: Span,
    /// True only when every year of the span passes (and the span, under span minimums).
    pub passed: bool,
    /// Under minimums over the whole span: the span's sums and what they lack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span_check: Option<SpanCheck>,
    /// Exactly the span's years, in order.
    pub years: Vec<YearTotals>,
}

impl Default for Totals {
    /// Empty totals to fill with [`Evaluator::totals_into`](crate::Evaluator::totals_into): no
    /// policy, the span of year 1 (every field is overwritten), not passed, no years.
    fn default() -> Self {
        Totals {
            policy: String::new(),
            span: Span { from: 1, to: 1 },
            passed: false,
            span_check: None,
            years: Vec::new(),
        }
    }
}

/// A year's hours while the record is being evaluated.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct YearAcc {
    pub public: Decimal,
    pub professional: Decimal,
    /// The third bucket (zero under a policy without one).
    pub elective: Decimal,
    pub waived: bool,
}

/// Whether a figure can be written and read back by the JSON contract: at most 28
/// significant digits (a mantissa below 10²⁸).
fn readable(x: Decimal) -> bool {
    const LIMIT: u128 = 10_000_000_000_000_000_000_000_000_000;
    x.mantissa().unsigned_abs() < LIMIT
}

/// Whether `a + b` is [`readable`]: at once when both are of one scale and below half the
/// limit (the usual case: whole hours), by adding them otherwise.
#[inline]
fn total_readable(a: Decimal, b: Decimal) -> bool {
    const HALF: u128 = 5_000_000_000_000_000_000_000_000_000;
    let small = |x: Decimal| x.mantissa().unsigned_abs() < HALF;
    (a.scale() == b.scale() && small(a) && small(b)) || a.checked_add(b).is_some_and(readable)
}

impl YearAcc {
    /// Adds `hours` to `subject` unless the subject's sum or the year's total would overflow
    /// or need more than the 28 significant digits the contract reads back.
    pub(crate) fn add(&mut self, subject: Subject, hours: Decimal) -> bool {
        let (target, a, b) = match subject {
            Subject::Public => (&mut self.public, self.professional, self.elective),
            Subject::Professional => (&mut self.professional, self.public, self.elective),
            Subject::Elective => (&mut self.elective, self.public, self.professional),
        };
        // The other two subjects; the elective bucket is zero except under policies that have
        // one, and then nothing is added.
        let other = if b.is_zero() {
            a
        } else {
            match a.checked_add(b) {
                Some(other) => other,
                None => return false,
            }
        };
        match target.checked_add(hours) {
            Some(sum) if readable(sum) && total_readable(sum, other) => {
                *target = sum;
                true
            }
            _ => false,
        }
    }

    /// Public plus professional plus elective (never overflows: [`YearAcc::add`] keeps it
    /// representable).
    pub(crate) fn total(&self) -> Decimal {
        let two = self.public.checked_add(self.professional);
        if self.elective.is_zero() {
            return two.unwrap_or(Decimal::MAX);
        }
        two.and_then(|t| t.checked_add(self.elective))
            .unwrap_or(Decimal::MAX)
    }
}
