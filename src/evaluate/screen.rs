//! The totals path's own evaluation (bulk screening): one pass over the items in which most
//! hours are added as soon as they are known, instead of the full report's second pass in
//! record order.
//!
//! The full report credits in record order because year caps (`Policy::caps`) and overflow
//! depend on the order of additions. Without caps, and while every amount is small enough that
//! every sum is exact, addition is order-free: the same totals come out whatever the order.
//! This pass checks those conditions as it goes and gives up (the caller then runs the
//! ordered evaluation) as soon as one fails, so it never returns other figures than the full
//! report.
//!
//! What still needs the whole record is settled after the pass: certificates (I-9) replace
//! the years they certify, the same work (I-8) is credited once, and day-based items share
//! their days (I-8).

use chrono::Datelike;
use rust_decimal::Decimal;

use super::{Evaluator, Repeats, non_negative};
use crate::credit::{self, Claim, Silent};
use crate::evidence::{Activity, Subject};
use crate::ledger::{YearAcc, YearTotals};
use crate::policy::Policy;
use crate::record::{Record, Span};
use crate::same_days::Want;

/// The largest scale of an amount added out of order.
const MAX_SCALE: u32 = 4;
/// Amounts added out of order are below 2⁴⁰ units of their own scale, so below 2⁵⁴ units of
/// 10⁻⁴ (10⁴ < 2¹⁴).
const MAX_AMOUNT_BITS: u32 = 40;
/// Sums stay below 2⁶²: both subjects together fit 64 bits, and far inside the decimal type's
/// 96 bits, so every addition the full report makes for the same items is exact too.
const MAX_SUM: u64 = 1 << 62;

/// One year's hours as integers: each subject in units of 10⁻⁴ hour, with the largest scale
/// added (the scale the decimal sum would have).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Tally {
    units: [u64; 2],
    scale: [u32; 2],
    waived: bool,
}

/// 10ⁿ for the scales a tally holds.
#[inline]
fn ten_to(n: u32) -> Option<u64> {
    match n {
        0 => Some(1),
        1 => Some(10),
        2 => Some(100),
        3 => Some(1_000),
        4 => Some(10_000),
        _ => None,
    }
}

fn slot(subject: Subject) -> usize {
    match subject {
        Subject::Public => 0,
        Subject::Professional => 1,
    }
}

impl Tally {
    /// Adds `hours` (positive) to `subject`; `None` when it is too fine or too large for
    /// exact out-of-order addition.
    #[inline]
    fn add(&mut self, subject: Subject, hours: Decimal) -> Option<()> {
        let (units, scale) = amount(hours)?;
        self.add_units(subject, units, scale)
    }

    /// Adds an amount of `units` (of 10⁻⁴) written at `scale`; nothing when it is zero.
    #[inline]
    fn add_units(&mut self, subject: Subject, units: u64, scale: u32) -> Option<()> {
        if units == 0 {
            return Some(());
        }
        let i = slot(subject);
        let sum = self.units.get(i)?.checked_add(units)?;
        if sum >= MAX_SUM {
            return None;
        }
        *self.units.get_mut(i)? = sum;
        let max = self.scale.get_mut(i)?;
        *max = (*max).max(scale);
        Some(())
    }

    /// The decimal sum of `subject`: what adding its amounts one by one gives, at the largest
    /// scale added (zero when nothing was added).
    fn hours(&self, subject: Subject) -> Option<Decimal> {
        let i = slot(subject);
        decimal(*self.units.get(i)?, *self.scale.get(i)?)
    }

    pub(super) fn acc(&self) -> Option<YearAcc> {
        Some(YearAcc {
            public: self.hours(Subject::Public)?,
            professional: self.hours(Subject::Professional)?,
            waived: self.waived,
        })
    }
}

/// A non-negative amount as (units of 10⁻⁴, scale), when it has at most four decimals and is
/// below 2⁴⁰ units of its own scale.
#[inline]
fn amount(hours: Decimal) -> Option<(u64, u32)> {
    let scale = hours.scale();
    let mantissa = u64::try_from(hours.mantissa()).ok()?;
    if scale > MAX_SCALE || mantissa >> MAX_AMOUNT_BITS != 0 {
        return None;
    }
    Some((mantissa.checked_mul(ten_to(MAX_SCALE - scale)?)?, scale))
}

/// The day rates (A1.C1) as tally amounts, worked out once per evaluator.
#[derive(Debug, Clone, Copy)]
pub(super) struct DayRates {
    day: (u64, u32),
    half_day: (u64, u32),
}

impl DayRates {
    /// The rates of `policy`, when both are small amounts.
    pub(super) fn of(policy: &Policy) -> Option<DayRates> {
        Some(DayRates {
            day: amount(policy.days.per_day)?,
            half_day: amount(policy.days.per_half_day)?,
        })
    }

    /// What [`credit::day_hours`] gives for `half_days`, as a tally amount: whole days at the
    /// day rate, a remaining half day at the half-day rate, written at the larger scale of
    /// the parts that are not zero.
    fn hours(&self, half_days: u32) -> Option<(u64, u32)> {
        let whole = u64::from(half_days / 2).checked_mul(self.day.0)?;
        let half = if half_days % 2 == 1 {
            self.half_day.0
        } else {
            0
        };
        let scale = match (whole, half) {
            (0, _) => self.half_day.1,
            (_, 0) => self.day.1,
            _ => self.day.1.max(self.half_day.1),
        };
        Some((whole.checked_add(half)?, scale))
    }
}

/// A non-negative amount in units of 10⁻⁴, when it has at most four decimals and fits.
fn units_of(amount: Decimal) -> Option<u64> {
    let mantissa = u64::try_from(amount.mantissa()).ok()?;
    mantissa.checked_mul(ten_to(MAX_SCALE.checked_sub(amount.scale())?)?)
}

/// The policy's minimums (N.1.2) in units of 10⁻⁴ hour: worked out once per evaluator, so
/// that screening compares integers.
#[derive(Debug, Clone, Copy)]
pub(super) struct Minimums {
    public: u64,
    professional: u64,
    total: u64,
    /// Public hours above the public minimum count toward the professional one.
    surplus: bool,
}

impl Minimums {
    /// The minimums of `policy`, when each is a non-negative amount of at most four decimals.
    pub(super) fn of(policy: &Policy) -> Option<Minimums> {
        let m = &policy.minimums;
        Some(Minimums {
            public: units_of(m.public)?,
            professional: units_of(m.professional)?,
            total: units_of(m.total)?,
            surplus: policy.public_surplus_counts_as_professional,
        })
    }
}

/// The decimal of `units` (units of 10⁻⁴) at `scale`, whose finer digits are all zero.
#[inline]
fn decimal(units: u64, scale: u32) -> Option<Decimal> {
    if units == 0 {
        return Some(Decimal::ZERO);
    }
    let value = match MAX_SCALE.checked_sub(scale)? {
        // Constant divisors: the compiler multiplies instead of dividing.
        0 => units,
        1 => units / 10,
        2 => units / 100,
        3 => units / 1_000,
        4 => units / 10_000,
        _ => return None,
    };
    Decimal::try_from_i128_with_scale(i128::from(value), scale).ok()
}

impl Tally {
    /// The year's figures and verdict (N.1.2), as the full report gives them: each sum at the
    /// largest scale added to it, the total at the larger scale of the two sums that are
    /// not zero.
    #[inline]
    pub(super) fn totals(&self, year: i32, m: &Minimums) -> Option<YearTotals> {
        let [public, professional] = self.units;
        let [public_scale, professional_scale] = self.scale;
        let total = public.checked_add(professional)?;
        // A sum to which nothing was added has scale 0, so the larger scale is that of the
        // sums that are not zero.
        let total_scale = public_scale.max(professional_scale);
        let professional_ok = professional >= m.professional
            || (m.surplus
                && professional.saturating_add(public.saturating_sub(m.public)) >= m.professional);
        let met = public >= m.public && professional_ok && total >= m.total;
        Some(YearTotals {
            year,
            public: decimal(public, public_scale)?,
            professional: decimal(professional, professional_scale)?,
            total: decimal(total, total_scale)?,
            waived: self.waived,
            passed: self.waived || met,
        })
    }
}

/// Adds `hours` to year `k` when that keeps the sums exact; `None` otherwise.
fn add(years: &mut [Tally], k: usize, subject: Subject, hours: Decimal) -> Option<()> {
    if !credit::positive(hours) {
        return Some(());
    }
    years.get_mut(k)?.add(subject, hours)
}

impl Evaluator<'_> {
    /// The totals of `record` into the scratch tallies, in one pass; `None` when the record
    /// needs the ordered evaluation (the scratch is then left in any state). With
    /// `find_repeats`, the pass also compares each item's ID with the earlier ones and gives
    /// up on a repeat (for the caller's check to report).
    pub(super) fn screen(&mut self, record: &Record, span: Span, find_repeats: bool) -> Option<()> {
        let policy = self.policy;
        if !policy.caps.is_empty() {
            return None;
        }
        let items = &record.evidence;
        let s = &mut self.scratch;
        let n = span.len();
        s.reset(n);
        s.tallies.clear();
        s.tallies.resize(n, Tally::default());
        let share_days = policy.duplicates.share_days;
        let same_work_once = policy.duplicates.same_work_once;
        let mut any_certificate = false;

        let activity = |i: usize| items.get(i).map(|e| &e.activity);
        let mut repeats = Repeats::default();
        for (index, e) in items.iter().enumerate() {
            if find_repeats && repeats.repeats(items, index, &mut s.ids) {
                return None;
            }
            match credit::assess(&e.activity, policy, &mut Silent) {
                Claim::Nothing => {}
                Claim::Hours {
                    subject,
                    hours,
                    date,
                    ..
                } => {
                    // I-8, same work: a later copy gets nothing (a record naming more works
                    // than are compared pair by pair takes the ordered evaluation).
                    let copy = same_work_once
                        && s.same_work.offer_in_order(index, &e.activity, activity)?;
                    if let (false, Some(k)) = (copy, span.index(date.year())) {
                        add(&mut s.tallies, k, subject, hours)?;
                    }
                }
                Claim::Days {
                    subject,
                    start,
                    end,
                    half_days,
                } => {
                    if let Some(k) = span.index(start.year()) {
                        if share_days {
                            let want = Want::new(index, (start, end), half_days, k, subject);
                            s.same_days.push(want);
                        } else {
                            let hours = credit::day_hours(policy, half_days)?;
                            add(&mut s.tallies, k, subject, hours)?;
                        }
                    }
                }
                Claim::Waiver { from, to } => {
                    for year in from.max(span.from)..=to.min(span.to) {
                        if let Some(tally) = span.index(year).and_then(|k| s.tallies.get_mut(k)) {
                            tally.waived = true;
                        }
                    }
                }
                Claim::Certificate => {
                    any_certificate = true;
                    if let Activity::PriorCertificate(c) = &e.activity {
                        for (entry, y) in c.years.iter().enumerate() {
                            if !non_negative(y.public, y.professional) {
                                continue;
                            }
                            if let Some(slot @ None) =
                                span.index(y.year).and_then(|k| s.certified.get_mut(k))
                            {
                                *slot = Some((index, entry));
                            }
                        }
                    }
                }
            }
        }

        // I-8, same days. Items in certified years take no part in the full report; here they
        // do, but a range lies within one year, so they share days only with each other and
        // their hours go with the year below.
        if !s.same_days.is_empty() {
            s.same_days.allocate();
            let rates = self.day_rates.as_ref()?;
            for (want, given) in s.same_days.allocation() {
                let (units, scale) = rates.hours(given)?;
                s.tallies
                    .get_mut(want.year)?
                    .add_units(want.subject, units, scale)?;
            }
        }

        // I-9: a certified year holds the certificate's figures and nothing else.
        if any_certificate {
            for (k, slot) in s.certified.iter().enumerate() {
                let Some((index, entry)) = *slot else {
                    continue;
                };
                let Some(tally) = s.tallies.get_mut(k) else {
                    continue;
                };
                *tally = Tally::default();
                let year = items.get(index).and_then(|e| match &e.activity {
                    Activity::PriorCertificate(c) => c.years.get(entry),
                    _ => None,
                })?;
                add(&mut s.tallies, k, Subject::Public, year.public)?;
                add(&mut s.tallies, k, Subject::Professional, year.professional)?;
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Integer tallies give what adding the decimals one by one gives, written alike (the
    /// same scale), for amounts of every allowed scale and size, in any order.
    #[test]
    fn tallies_add_as_the_decimals_do() {
        let mut seed = 0x21_u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 24) % n
        };
        let mut verdicts = [0u32; 2];
        for case in 0..3000 {
            let mut tally = Tally::default();
            let mut acc = YearAcc::default();
            tally.waived = case % 7 == 0;
            acc.waived = tally.waived;
            let count = next(6);
            for _ in 0..count {
                let scale = u32::try_from(next(u64::from(MAX_SCALE) + 1)).unwrap_or(0);
                let bits = match case % 3 {
                    0 => MAX_AMOUNT_BITS,
                    1 => 12,
                    _ => 6,
                };
                let mantissa = next(1 << bits).max(1);
                let hours = Decimal::from_i128_with_scale(i128::from(mantissa), scale);
                let subject = if next(2) == 0 {
                    Subject::Public
                } else {
                    Subject::Professional
                };
                assert_eq!(tally.add(subject, hours), Some(()), "{hours}");
                assert!(acc.add(subject, hours));
            }
            let quick = tally
                .acc()
                .map(|a| (a.public.to_string(), a.professional.to_string()));
            assert_eq!(
                quick,
                Some((acc.public.to_string(), acc.professional.to_string()))
            );
            // The year's figures and verdict, with and without the public surplus rule (and
            // with a total minimum below the sum of the others, where that rule decides).
            for (surplus, total) in [(false, 90), (true, 90), (true, 80)] {
                let mut policy = Policy::hunan_2024();
                policy.public_surplus_counts_as_professional = surplus;
                policy.minimums.total = Decimal::from(total);
                let m = Minimums::of(&policy);
                let year = m
                    .and_then(|m| tally.totals(2020, &m))
                    .map(|y| format!("{} {} {} {}", y.public, y.professional, y.total, y.passed));
                let expected = format!(
                    "{} {} {} {}",
                    acc.public,
                    acc.professional,
                    acc.total(),
                    crate::ledger::passes(&policy, &acc)
                );
                assert_eq!(year, Some(expected));
                if let Some(n) = verdicts.get_mut(usize::from(crate::ledger::passes(&policy, &acc)))
                {
                    *n += 1;
                }
            }
        }
        assert!(verdicts.iter().all(|&n| n > 500), "{verdicts:?}");
    }

    /// A1.C1: day hours as tally amounts are what the decimal computation gives, written
    /// alike, for rates of several scales and zero rates.
    #[test]
    fn a1_c1_day_hours_as_amounts() {
        let rates = ["8", "8.0", "7.5", "4", "4.00", "3.75", "0", "0.0"];
        for day in rates {
            for half in rates {
                let mut policy = Policy::hunan_2024();
                policy.days.per_day = day.parse().unwrap_or_default();
                policy.days.per_half_day = half.parse().unwrap_or_default();
                let compiled = DayRates::of(&policy);
                assert!(compiled.is_some(), "{day} {half}");
                let Some(compiled) = compiled else { continue };
                for half_days in 0..7 {
                    let expected = credit::day_hours(&policy, half_days).map(|h| h.to_string());
                    let got = compiled.hours(half_days).and_then(|(units, scale)| {
                        if units == 0 {
                            Some(Decimal::ZERO.to_string())
                        } else {
                            decimal(units, scale).map(|d| d.to_string())
                        }
                    });
                    let zero = |t: &Option<String>| {
                        t.as_deref()
                            .and_then(|t| t.parse::<Decimal>().ok())
                            .is_some_and(|d| d.is_zero())
                    };
                    // A zero is never credited, whatever its scale.
                    if !(zero(&expected) && zero(&got)) {
                        assert_eq!(got, expected, "{day} {half} {half_days}");
                    }
                }
            }
        }
    }

    /// Typical records are screened in one pass (the ordered evaluation is only a fallback):
    /// with overlapping days, a copied paper, a certificate and fractional hours; and they are
    /// not under a year cap, with an amount of five decimals, or with a repeated ID.
    #[test]
    fn typical_records_are_screened() {
        let record = |extra: &str| -> Option<Record> {
            let text = format!(
                r#"{{ "evidence": [
                {{ "id": "t1", "kind": "training", "start": "2020-03-02", "end": "2020-03-04", "days": "3" }},
                {{ "id": "t2", "kind": "training", "start": "2020-03-03", "days": "1" }},
                {{ "id": "o1", "kind": "online_course", "date": "2021-05-01", "hours": "12.5" }},
                {{ "id": "p1", "kind": "paper", "author_rank": 1, "published": "2021-01-15", "serial": "CN 43-1234/N", "title": "P" }},
                {{ "id": "p2", "kind": "paper", "author_rank": 1, "published": "2022-01-15", "serial": "CN 43-1234/N", "title": "p" }},
                {{ "id": "c1", "kind": "prior_certificate", "years": [ {{ "year": 2019, "public": "30", "professional": "60" }} ] }}
                {extra} ] }}"#
            );
            serde_json::from_str(&text).ok()
        };
        let policy = Policy::hunan_2024();
        let span = Span {
            from: 2019,
            to: 2023,
        };
        let mut evaluator = Evaluator::new(&policy);
        let screened = |evaluator: &mut Evaluator<'_>, extra: &str| {
            record(extra).map(|r| evaluator.screen(&r, span, true).is_some())
        };
        assert_eq!(screened(&mut evaluator, ""), Some(true));
        let fine = r#", { "id": "o2", "kind": "online_course", "date": "2021-06-01", "hours": "0.00001" }"#;
        assert_eq!(screened(&mut evaluator, fine), Some(false));
        let repeat =
            r#", { "id": "t1", "kind": "online_course", "date": "2021-06-01", "hours": "1" }"#;
        assert_eq!(screened(&mut evaluator, repeat), Some(false));
        let mut capped = Policy::hunan_2024();
        capped.caps.push(crate::policy::YearCap {
            rule: crate::rule::RuleId::A1C4,
            kinds: vec![crate::evidence::Kind::Paper],
            hours: Decimal::from(40),
        });
        assert_eq!(screened(&mut Evaluator::new(&capped), ""), Some(false));
    }

    #[test]
    fn amounts_too_fine_or_too_large_are_refused() {
        let mut tally = Tally::default();
        let fine = Decimal::from_i128_with_scale(1, MAX_SCALE + 1);
        let large = Decimal::from(1u64 << MAX_AMOUNT_BITS);
        assert_eq!(tally.add(Subject::Public, fine), None);
        assert_eq!(tally.add(Subject::Public, large), None);
        let most = Decimal::from((1u64 << MAX_AMOUNT_BITS) - 1);
        assert_eq!(tally.add(Subject::Public, most), Some(()));
    }
}
