//! **N.1.2 — the yearly minimums** (and the waived year of A1.C7).
//!
//! Notice 一、(二): "学时要求。专技人员参加继续教育的时间,每年累计不少于90学时(分),其中,公需科目
//! 学习不少于30学时,专业科目学习不少于60学时。"
//!
//! What it means: per calendar year, public ≥ 30, professional ≥ 60, total ≥ 90. Each minimum
//! is checked on its own: extra public hours never make up for missing professional hours,
//! nor the reverse (unless a policy sets `public_surplus_counts_as_professional`). Nothing
//! carries over between years. A year waived by an assignment (A1.C7) passes whatever its
//! hours, and lacks nothing.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::ledger::{Shortfall, SpanCheck, YearAcc};
use crate::policy::{Minimums, Policy, Scope, Share};

/// What `have` lacks of `minimum`: the difference when positive, zero otherwise (a zero of
/// scale 0, whatever the figures' scales).
pub(crate) fn lack(minimum: Decimal, have: Decimal) -> Decimal {
    match minimum.checked_sub(have) {
        Some(short) if short.is_sign_positive() && !short.is_zero() => short,
        Some(_) => Decimal::ZERO,
        // Only a hugely negative minimum can overflow here: then nothing is lacking.
        None => Decimal::ZERO,
    }
}

/// N.1.2: what a year lacks of each minimum, checked on its own; nothing when waived (A1.C7).
pub(crate) fn shortfall(policy: &Policy, acc: &YearAcc) -> Shortfall {
    shortfall_with(policy, &policy.minimums, acc)
}

/// [`shortfall`] against the minimums `m`.
pub(crate) fn shortfall_with(policy: &Policy, m: &Minimums, acc: &YearAcc) -> Shortfall {
    if acc.waived {
        return Shortfall::default();
    }
    let professional = if policy.public_surplus_counts_as_professional {
        let surplus = acc
            .public
            .checked_sub(m.public)
            .filter(|s| s.is_sign_positive())
            .unwrap_or_default();
        acc.professional
            .checked_add(surplus)
            .unwrap_or(Decimal::MAX)
    } else {
        acc.professional
    };
    let mut professional = lack(m.professional, professional);
    if let Some(share) = m.professional_share {
        professional = professional.max(share_lack(share, acc));
    }
    Shortfall {
        public: lack(m.public, acc.public),
        professional,
        total: lack(m.total, acc.total()),
        elective: m.elective.map_or(Decimal::ZERO, |e| lack(e, acc.elective)),
    }
}

/// A minimum as a share of the actual total (专业科目一般不少于总学时的三分之二): the professional
/// hours still needed so that professional ≥ n/d × total, counting that each added hour also
/// adds to the total: x ≥ (n·total − d·professional) / (d − n), rounded up to two places.
fn share_lack(share: Share, acc: &YearAcc) -> Decimal {
    let (n, d) = (
        Decimal::from(share.numerator),
        Decimal::from(share.denominator),
    );
    let need = n
        .checked_mul(acc.total())
        .zip(d.checked_mul(acc.professional))
        .and_then(|(a, b)| a.checked_sub(b));
    match need {
        Some(need) if need > Decimal::ZERO => d
            .checked_sub(n)
            .filter(|gap| *gap > Decimal::ZERO)
            .and_then(|gap| need.checked_div(gap))
            .map_or(Decimal::MAX, |x| {
                x.round_dp_with_strategy(2, RoundingStrategy::AwayFromZero)
            }),
        _ => Decimal::ZERO,
    }
}

/// N.1.2 for a whole record, for both ledgers: `each` gets every year's verdict and what it
/// lacks; returns the verdict and, under minimums over the whole span, the span's check. Under
/// span minimums no year has a minimum of its own: each year passes and lacks nothing.
pub(crate) fn judge(
    policy: &Policy,
    m: &Minimums,
    years: &[YearAcc],
    mut each: impl FnMut(usize, bool, Shortfall),
) -> (bool, Option<SpanCheck>) {
    if m.scope == Scope::PerYear {
        let mut all = true;
        for (k, acc) in years.iter().enumerate() {
            let short = shortfall_with(policy, m, acc);
            let passed = short.is_zero();
            all &= passed;
            each(k, passed, short);
        }
        return (all, None);
    }
    for k in 0..years.len() {
        each(k, true, Shortfall::default());
    }
    let (sum, held) = over_span(m, years);
    let shortfall = shortfall_with(policy, &held, &sum);
    let check = SpanCheck {
        public: sum.public,
        professional: sum.professional,
        elective: sum.elective,
        total: sum.total(),
        passed: shortfall.is_zero(),
        shortfall,
    };
    (check.passed, Some(check))
}

/// Professional hours a year (or, under span minimums, the span) still lacks of `m`'s
/// professional minimum: where professional-first hours go before the rest is public.
pub(crate) fn professional_room(m: &Minimums, years: &[YearAcc], k: usize) -> Decimal {
    if m.scope == Scope::PerYear {
        return years
            .get(k)
            .map_or(Decimal::ZERO, |acc| lack(m.professional, acc.professional));
    }
    let (sum, held) = over_span(m, years);
    lack(held.professional, sum.professional)
}

/// The minimums a record is held to: those of its `grade` when the policy lists grades, with
/// the span length they set; the policy's own otherwise.
pub(crate) fn for_grade<'p>(
    policy: &'p Policy,
    grade: Option<&str>,
) -> Result<(&'p Minimums, Option<u32>), Vec<String>> {
    match grade {
        None => Ok((&policy.minimums, None)),
        Some(grade) => policy
            .grades
            .iter()
            .find(|g| g.grades.iter().any(|x| x == grade))
            .map(|g| (&g.minimums, g.years))
            .ok_or_else(|| {
                policy
                    .grades
                    .iter()
                    .flat_map(|g| g.grades.iter().cloned())
                    .collect()
            }),
    }
}

/// The span as one account, for minimums over the whole span: the years' hours summed (a
/// waived year counts its hours too), waived only when every year is; and the minimums it is
/// held to — as written (`span`), or times the years not waived (`span_average`).
pub(crate) fn over_span(m: &Minimums, years: &[YearAcc]) -> (YearAcc, Minimums) {
    let mut sum = YearAcc {
        waived: !years.is_empty() && years.iter().all(|y| y.waived),
        ..YearAcc::default()
    };
    for y in years {
        sum.public = sum.public.checked_add(y.public).unwrap_or(Decimal::MAX);
        sum.professional = sum
            .professional
            .checked_add(y.professional)
            .unwrap_or(Decimal::MAX);
        sum.elective = sum.elective.checked_add(y.elective).unwrap_or(Decimal::MAX);
    }
    let mut held = *m;
    if m.scope == Scope::SpanAverage {
        let open = Decimal::from(years.iter().filter(|y| !y.waived).count());
        let times = |x: Decimal| x.checked_mul(open).unwrap_or(Decimal::MAX);
        held.public = times(m.public);
        held.professional = times(m.professional);
        held.total = times(m.total);
        held.elective = m.elective.map(times);
    }
    (sum, held)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A year passes exactly when it lacks nothing (one function decides both).
    fn passes(policy: &Policy, acc: &YearAcc) -> bool {
        shortfall(policy, acc).is_zero()
    }
    use crate::ledger::YearTotals;

    /// N.1.2 for the totals path: `YearTotals::shortfall` gives the report's figures.
    #[test]
    fn n_1_2_year_totals_shortfall() {
        let policy = Policy::hunan_2024();
        let year = |public: i64, professional: i64, waived| YearTotals {
            year: 2020,
            public: Decimal::from(public),
            professional: Decimal::from(professional),
            total: Decimal::from(public + professional),
            elective: Decimal::ZERO,
            waived,
            passed: false,
            shortfall: Shortfall::default(),
        };
        let short = |public: i64, professional: i64, total: i64| Shortfall {
            public: Decimal::from(public),
            professional: Decimal::from(professional),
            total: Decimal::from(total),
            elective: Decimal::ZERO,
        };
        assert_eq!(year(20, 50, false).shortfall(&policy), short(10, 10, 20));
        assert_eq!(year(40, 45, false).shortfall(&policy), short(0, 15, 5));
        assert_eq!(year(30, 60, false).shortfall(&policy), short(0, 0, 0));
        assert_eq!(year(0, 0, true).shortfall(&policy), short(0, 0, 0));
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
            elective: Decimal::ZERO,
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
            elective: Decimal::ZERO,
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
