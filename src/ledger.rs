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
}

impl Shortfall {
    /// Whether nothing is missing.
    pub fn is_zero(&self) -> bool {
        self.public.is_zero() && self.professional.is_zero() && self.total.is_zero()
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
    /// Public plus professional.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
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
    /// The span reviewed.
    pub span: Span,
    /// True only when every year of the span passes.
    pub passed: bool,
    /// Exactly the span's years, in order.
    pub years: Vec<YearReport>,
    /// Every finding, in record order.
    pub findings: Vec<Finding>,
    /// The materials check of every item, in record order.
    pub materials: Vec<MaterialsCheck>,
}

impl Report {
    /// The report of `year`, when it lies in the span.
    pub fn year(&self, year: i32) -> Option<&YearReport> {
        self.span.index(year).and_then(|i| self.years.get(i))
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
            let result = match (y.passed, y.waived) {
                (true, true) => "视为完成(特定工作任务) / deemed complete (special task)",
                (true, false) => "合格 / pass",
                (false, _) => "不合格 / fail",
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
    /// Public plus professional.
    #[serde(with = "wire::decimal")]
    pub total: Decimal,
    /// Whether an assignment waives the year.
    pub waived: bool,
    /// Whether the year meets its minimums or is waived.
    pub passed: bool,
}

/// Per-year totals and the verdict, without credits or findings (bulk screening).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Totals {
    /// The policy applied.
    pub policy: String,
    /// The span reviewed.
    pub span: Span,
    /// True only when every year of the span passes.
    pub passed: bool,
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
            years: Vec::new(),
        }
    }
}

/// A year's hours while the record is being evaluated.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct YearAcc {
    pub public: Decimal,
    pub professional: Decimal,
    pub waived: bool,
}

impl YearAcc {
    /// Adds `hours` to `subject` unless the subject's sum or the year's total would overflow.
    pub(crate) fn add(&mut self, subject: Subject, hours: Decimal) -> bool {
        let (target, other) = match subject {
            Subject::Public => (&mut self.public, self.professional),
            Subject::Professional => (&mut self.professional, self.public),
        };
        match target.checked_add(hours) {
            Some(sum) if sum.checked_add(other).is_some() => {
                *target = sum;
                true
            }
            _ => false,
        }
    }

    /// Public plus professional (never overflows: [`YearAcc::add`] keeps it representable).
    pub(crate) fn total(&self) -> Decimal {
        self.public
            .checked_add(self.professional)
            .unwrap_or(Decimal::MAX)
    }
}

fn lack(minimum: Decimal, have: Decimal) -> Decimal {
    // Of one scale (the usual case: whole hours against whole minimums), the difference is
    // that of the mantissas, at that scale.
    if minimum.scale() == have.scale() {
        let short = minimum.mantissa().saturating_sub(have.mantissa());
        if short <= 0 {
            return Decimal::ZERO;
        }
        if let Ok(short) = Decimal::try_from_i128_with_scale(short, minimum.scale()) {
            return short;
        }
    }
    match minimum.checked_sub(have) {
        Some(short) if short.is_sign_positive() && !short.is_zero() => short,
        Some(_) => Decimal::ZERO,
        // Only a hugely negative minimum can overflow here: then nothing is lacking.
        None => Decimal::ZERO,
    }
}

/// N.1.2: whether a year meets every minimum (or is waived): [`shortfall`] is zero exactly
/// then, without working the differences out.
pub(crate) fn passes(policy: &Policy, acc: &YearAcc) -> bool {
    if acc.waived {
        return true;
    }
    let m = &policy.minimums;
    let professional_ok = at_least(acc.professional, m.professional)
        || (policy.public_surplus_counts_as_professional
            && shortfall(policy, acc).professional.is_zero());
    at_least(acc.public, m.public) && professional_ok && at_least(acc.total(), m.total)
}

/// `have >= minimum`; two decimals of one scale compare as their integer mantissas.
fn at_least(have: Decimal, minimum: Decimal) -> bool {
    if have.scale() == minimum.scale() {
        have.mantissa() >= minimum.mantissa()
    } else {
        have >= minimum
    }
}

/// N.1.2: what a year lacks of each minimum, checked on its own; nothing when waived (A1.C7).
pub(crate) fn shortfall(policy: &Policy, acc: &YearAcc) -> Shortfall {
    if acc.waived {
        return Shortfall::default();
    }
    let m = &policy.minimums;
    let public_surplus = if policy.public_surplus_counts_as_professional {
        acc.public
            .checked_sub(m.public)
            .filter(|s| s.is_sign_positive())
            .unwrap_or_default()
    } else {
        Decimal::ZERO
    };
    let professional = acc
        .professional
        .checked_add(public_surplus)
        .unwrap_or(Decimal::MAX);
    Shortfall {
        public: lack(m.public, acc.public),
        professional: lack(m.professional, professional),
        total: lack(m.total, acc.total()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `passes` (the totals path) agrees with `shortfall` (the full report) around every
    /// threshold, with and without the public-surplus rule and waivers.
    #[test]
    fn n_1_2_passes_agrees_with_the_shortfall() {
        let mut policy = Policy::hunan_2024();
        // Also a total minimum below public plus professional, where the surplus rule decides.
        for (surplus, total) in [(false, 90), (true, 90), (false, 80), (true, 80)] {
            policy.public_surplus_counts_as_professional = surplus;
            policy.minimums.total = Decimal::from(total);
            for public in [0, 29, 30, 31, 45, 60, 90] {
                for professional in [0, 30, 44, 45, 59, 60, 61, 90] {
                    for waived in [false, true] {
                        let acc = YearAcc {
                            public: Decimal::from(public),
                            professional: Decimal::from(professional),
                            waived,
                        };
                        assert_eq!(
                            passes(&policy, &acc),
                            shortfall(&policy, &acc).is_zero(),
                            "{public}/{professional} surplus {surplus} total {total} waived {waived}"
                        );
                    }
                }
            }
        }
    }

    /// The shortfall of one figure is what decimal subtraction gives, written alike.
    #[test]
    fn n_1_2_lack_is_the_decimal_difference() {
        let values = [
            "0",
            "29",
            "29.5",
            "30",
            "30.0",
            "30.01",
            "90",
            "-5",
            "0.0000000000000000000000000001",
        ];
        for minimum in values {
            for have in values {
                let (m, h) = (dec(minimum), dec(have));
                let expected = m
                    .checked_sub(h)
                    .filter(|d| d.is_sign_positive() && !d.is_zero())
                    .unwrap_or(Decimal::ZERO);
                assert_eq!(
                    lack(m, h).to_string(),
                    expected.to_string(),
                    "{minimum} - {have}"
                );
            }
        }
        let most = Decimal::MAX;
        assert_eq!(lack(most, -most), Decimal::ZERO);
    }

    #[test]
    fn n_1_2_at_least_is_the_decimal_order() {
        let values = [
            "0", "-0", "29.99", "30", "30.00", "30.01", "-30", "90", "1e-28", "-0.5",
        ];
        for a in values {
            for b in values {
                let (x, y) = (dec(a), dec(b));
                assert_eq!(at_least(x, y), x >= y, "{a} >= {b}");
            }
        }
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_scientific(text)
            .or_else(|_| text.parse())
            .unwrap_or_default()
    }

    /// With the surplus rule and a total minimum below the sum of the others, public hours
    /// above their minimum make up the professional shortfall, and only then.
    #[test]
    fn n_1_2_public_surplus_counts_only_when_enabled() {
        let mut policy = Policy::hunan_2024();
        policy.minimums.total = Decimal::from(80);
        let acc = |public: i64, professional: i64| YearAcc {
            public: Decimal::from(public),
            professional: Decimal::from(professional),
            waived: false,
        };
        assert!(!passes(&policy, &acc(40, 45)));
        policy.public_surplus_counts_as_professional = true;
        // 45 + (40 − 30) = 55 < 60: still short.
        assert!(!passes(&policy, &acc(40, 45)));
        // 50 + (40 − 30) = 60.
        assert!(passes(&policy, &acc(40, 50)));
        assert_eq!(
            shortfall(&policy, &acc(40, 45)).professional,
            Decimal::from(5)
        );
    }

    #[test]
    fn n_1_2_each_minimum_lacks_on_its_own() {
        let policy = Policy::hunan_2024();
        let acc = YearAcc {
            public: Decimal::from(45),
            professional: Decimal::from(44),
            waived: false,
        };
        let s = shortfall(&policy, &acc);
        assert_eq!(
            (s.public, s.professional, s.total),
            (Decimal::ZERO, Decimal::from(16), Decimal::from(1))
        );
        assert!(!passes(&policy, &acc));
    }
}
