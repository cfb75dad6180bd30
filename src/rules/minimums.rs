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

use rust_decimal::Decimal;

use crate::ledger::{Shortfall, YearAcc};
use crate::policy::Policy;

pub(crate) fn lack(minimum: Decimal, have: Decimal) -> Decimal {
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
            waived,
            passed: false,
        };
        let short = |public: i64, professional: i64, total: i64| Shortfall {
            public: Decimal::from(public),
            professional: Decimal::from(professional),
            total: Decimal::from(total),
        };
        assert_eq!(year(20, 50, false).shortfall(&policy), short(10, 10, 20));
        assert_eq!(year(40, 45, false).shortfall(&policy), short(0, 15, 5));
        assert_eq!(year(30, 60, false).shortfall(&policy), short(0, 0, 0));
        assert_eq!(year(0, 0, true).shortfall(&policy), short(0, 0, 0));
    }

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
