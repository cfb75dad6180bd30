//! **A1.C1, N.3.1, I-10 — day-based activities.**
//!
//! 附件1 二、1: "参加有关培训、会议等,每天折算为8学时,半天折算4学时。" Notice 三、(一):
//! "鼓励用人单位自行开展线下继续教育培训……专业科目报主管部门备案,公需科目按程序报人社部门备案后
//! 组织,培训结果直接认定为当年度继续教育学时。国家级、省级专业技术人员继续教育基地……所取得的学时
//! 全省范围内认可。"
//!
//! What it means: training, practice, conferences (lectures, visits, exchanges) and overseas
//! exchanges earn 8 hours a day and 4 a half day. `days` must be a positive multiple of 0.5
//! and no more than the calendar days from start to end; an item that breaks either is not
//! credited, with one error per broken condition. Training run by the employer counts only
//! when it was filed beforehand (I-10: otherwise not credited, an error citing N.3.1).
//!
//! *(rev. 2)* Each half day counts in the calendar year of its own date: a range may cross
//! 31 December (a 4-day conference 2020-12-30..2021-01-02 gives 16 h in each year). Only the
//! days in an open year (a span year not certified, I-9) can be credited: the range is
//! clipped to them ([`DayAxis::clip`]), at most two half days per clipped day; the cut part
//! gets `outside_span` (info) or `year_already_certified` (warning). Which half days an item
//! is given is decided by I-8 ([`super::same_days`]); an item that shares no day takes them
//! from the clipped range's first day on.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::same_days::Grant;
use super::{Claim, Counted, Findings, positive, subject_or_default};
use crate::evidence::{Period, Provider, Subject, Training};
use crate::finding::FindingCode;
use crate::policy::{DayRate, Method, Policy};
use crate::record::Span;
use crate::rule::RuleId;

/// Hours for `half_days` half days: whole days at the day rate, a remaining half at the
/// half-day rate (A1.C1).
#[inline]
pub(crate) fn day_hours(rate: DayRate, half_days: u32) -> Option<Decimal> {
    let whole = Decimal::from(half_days / 2).checked_mul(rate.per_day)?;
    if half_days % 2 == 1 {
        whole.checked_add(rate.per_half_day)
    } else {
        Some(whole)
    }
}

/// The day rate and rule of a day-based claim: the `credits` entry `by`, or the built-in
/// `days` section (A1.C1) when `by` is `None`.
#[inline]
pub(crate) fn rate(policy: &Policy, by: Option<u16>) -> Option<(DayRate, RuleId)> {
    match by {
        None => policy
            .days
            .as_ref()
            .map(|d| (DayRate::new(d.per_day, d.per_half_day), d.rule)),
        Some(i) => {
            let entry = policy.credits.get(usize::from(i))?;
            match entry.method {
                Method::Days(rate) | Method::HoursOrDays(rate) => Some((rate, entry.rule)),
                _ => None,
            }
        }
    }
}

/// `days` as a count of half days, when it is a positive multiple of 0.5 (integer arithmetic on
/// the decimal's mantissa: exact, and no decimal division).
#[inline]
fn half_days_of(days: Decimal) -> Option<i128> {
    if !positive(days) {
        return None;
    }
    // Day counts are small: 64-bit arithmetic covers them (and every scale that keeps
    // 10^scale below 2^64); wider mantissas take the 128-bit path.
    if let Ok(m) = u64::try_from(days.mantissa()) {
        let twice = m.checked_mul(2)?;
        // Constant divisors for the usual scales (the compiler multiplies instead).
        let whole = match days.scale() {
            0 => Some(twice),
            1 => (twice % 10 == 0).then_some(twice / 10),
            2 => (twice % 100 == 0).then_some(twice / 100),
            scale => match 10u64.checked_pow(scale) {
                Some(unit) => (twice % unit == 0).then_some(twice / unit),
                None => return wide_half_days(days),
            },
        };
        return whole.map(i128::from);
    }
    wide_half_days(days)
}

/// [`half_days_of`] for mantissas or scales beyond 64-bit arithmetic.
fn wide_half_days(days: Decimal) -> Option<i128> {
    let twice = days.mantissa().checked_mul(2)?;
    let unit = 10i128.checked_pow(days.scale())?;
    (twice.checked_rem(unit)? == 0)
        .then(|| twice.checked_div(unit))
        .flatten()
}

/// A1.C1: checks a period and returns the half days it claims.
pub(crate) fn period_half_days<F: Findings>(
    p: &Period,
    rule: RuleId,
    f: &mut Counted<'_, F>,
) -> Option<u32> {
    let half_days = half_days_of(p.days);
    if half_days.is_none() {
        f.error(FindingCode::InvalidDays, rule);
    }
    let end = p.last_day();
    if end < p.start {
        f.error(FindingCode::EndBeforeStart, rule);
        return None;
    }
    // *(rev. 2)* A range may cross 31 December: its days are counted across the years (each
    // half day is credited in its own year by the evaluator). Both dates are valid, so the
    // difference of their day numbers fits easily.
    let range = if end.year() == p.start.year() {
        i128::from(end.ordinal()) - i128::from(p.start.ordinal()) + 1
    } else {
        i128::from(end.num_days_from_ce()) - i128::from(p.start.num_days_from_ce()) + 1
    };
    if half_days.is_some_and(|h| h > range.saturating_mul(2)) {
        f.error(FindingCode::DaysExceedRange, rule);
    }
    if f.errors > 0 {
        return None;
    }
    half_days.and_then(|h| u32::try_from(h).ok())
}

pub(crate) fn day_based<F: Findings>(
    subject: Option<Subject>,
    p: &Period,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(days) = &policy.days else {
        return super::not_credited(policy, f);
    };
    // `period_half_days` gives nothing once any rule of the item is broken.
    match period_half_days(p, days.rule, f) {
        Some(half_days) => Claim::Days {
            subject: subject_or_default(subject),
            start: p.start,
            end: p.last_day(),
            half_days,
            by: None,
        },
        None => Claim::Nothing,
    }
}

/// N.3.1, I-10: employer-run training counts only when filed; then A1.C1.
pub(crate) fn training<F: Findings>(
    t: &Training,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    if let Some(rules) = &policy.employer_training {
        if rules.requires_filing && t.provider == Some(Provider::Employer) && t.filed != Some(true)
        {
            f.error(FindingCode::EmployerTrainingNotFiled, rules.rule);
        }
    }
    day_based(t.subject, &t.period, policy, f)
}

/// A1.C1 *(rev. 2)*: the days of the open years (span years not certified, I-9), numbered
/// one after another, so that a range clipped to them is one run of day numbers even when
/// it crosses 31 December or a certified year lies inside it.
#[derive(Debug, Default)]
pub(crate) struct DayAxis {
    /// Per span year: the day number of its 1 January when open.
    start: Vec<Option<i32>>,
    /// Per span year: the nearest open year at or after it.
    next_open: Vec<Option<usize>>,
    /// Per span year: the nearest open year at or before it.
    prev_open: Vec<Option<usize>>,
    /// Certified years before each span year (prefix counts; one more entry than years).
    certified_before: Vec<usize>,
    /// (day number of 1 January, span year) of each open year, in order.
    open: Vec<(i32, usize)>,
    /// The span last laid out when none of its years was certified: the layout depends on
    /// nothing else, so the next record of that span reuses it.
    plain: Option<Span>,
}

/// Days in `year` (365 or 366).
fn days_in(year: i32) -> i32 {
    // The Gregorian rule, as chrono applies it; a year chrono cannot represent counts 365.
    if !(NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&year) {
        return 365;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    365 + i32::from(leap)
}

impl DayAxis {
    /// Lays out the open years of `span`; `certified(k)` says whether span year `k` is certified.
    pub(crate) fn build(&mut self, span: Span, certified: impl Fn(usize) -> bool) {
        let n = span.len();
        let plain = !(0..n).any(&certified);
        if plain && self.plain == Some(span) {
            return;
        }
        self.plain = plain.then_some(span);
        self.start.clear();
        self.open.clear();
        self.certified_before.clear();
        self.certified_before.push(0);
        let mut next_day = 0i32;
        for (k, year) in span.years().enumerate() {
            let closed = certified(k);
            let before = self.certified_before.last().copied().unwrap_or(0);
            self.certified_before.push(before + usize::from(closed));
            if closed {
                self.start.push(None);
            } else {
                self.start.push(Some(next_day));
                self.open.push((next_day, k));
                next_day = next_day.saturating_add(days_in(year));
            }
        }
        self.prev_open.clear();
        let mut last = None;
        for k in 0..n {
            if self.start.get(k).is_some_and(Option::is_some) {
                last = Some(k);
            }
            self.prev_open.push(last);
        }
        self.next_open.clear();
        self.next_open.resize(n, None);
        let mut next = None;
        for k in (0..n).rev() {
            if self.start.get(k).is_some_and(Option::is_some) {
                next = Some(k);
            }
            if let Some(slot) = self.next_open.get_mut(k) {
                *slot = next;
            }
        }
    }

    /// The day number of `date`, in open span year `k`.
    pub(crate) fn day(&self, k: usize, date: NaiveDate) -> Option<i32> {
        let start = (*self.start.get(k)?)?;
        start.checked_add(i32::try_from(date.ordinal0()).ok()?)
    }

    /// Clips `start..=end` to the open years of `span`.
    pub(crate) fn clip(&self, span: Span, start: NaiveDate, end: NaiveDate) -> Clip {
        // The usual range: within one open span year, so nothing is cut.
        if start.year() == end.year() {
            let first = span.index(start.year()).and_then(|k| self.day(k, start));
            let len = end.ordinal0().checked_sub(start.ordinal0());
            let len = len.and_then(|len| i32::try_from(len).ok());
            if let (Some(first), Some(len)) = (first, len) {
                return Clip {
                    days: Some((first, first.saturating_add(len))),
                    cut_outside: false,
                    cut_certified: false,
                };
            }
        }
        let (from, to) = (start.year().max(span.from), end.year().min(span.to));
        let cut_outside = start.year() < span.from || end.year() > span.to;
        let (Some(lo), Some(hi)) = (span.index(from), span.index(to)) else {
            return Clip {
                days: None,
                cut_outside: true,
                cut_certified: false,
            };
        };
        let certified = |a: usize, b: usize| {
            self.certified_before.get(b + 1).copied().unwrap_or(0)
                > self.certified_before.get(a).copied().unwrap_or(0)
        };
        let cut_certified = lo <= hi && certified(lo, hi);
        let first = self.next_open.get(lo).copied().flatten();
        let last = self.prev_open.get(hi).copied().flatten();
        let days = match (first, last) {
            (Some(k1), Some(k2)) if lo <= hi && k1 <= k2 => {
                let year = |k: usize| span.from.checked_add(i32::try_from(k).ok()?);
                let first_day = if year(k1) == Some(start.year()) {
                    Some(start)
                } else {
                    year(k1).and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
                };
                let last_day = if year(k2) == Some(end.year()) {
                    Some(end)
                } else {
                    year(k2).and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31))
                };
                match (first_day, last_day) {
                    (Some(a), Some(b)) => self.day(k1, a).zip(self.day(k2, b)),
                    _ => None,
                }
            }
            _ => None,
        };
        Clip {
            days,
            cut_outside,
            cut_certified,
        }
    }

    /// Adds the half days of `grant` to `into`, split by span year.
    pub(crate) fn split(&self, grant: Grant, into: &mut Vec<(usize, usize, u32)>) {
        let (mut day, mut days) = (grant.day, grant.days);
        while days > 0 {
            // The open year holding `day`: the last whose first day is at or before it.
            let at = self.open.partition_point(|&(first, _)| first <= day);
            let Some(&(_, k)) = at.checked_sub(1).and_then(|i| self.open.get(i)) else {
                debug_assert!(false, "a granted day before the first open year");
                return;
            };
            let next = self.open.get(at).map_or(i32::MAX, |&(first, _)| first);
            let take = days.min(next.saturating_sub(day));
            let half_days = u32::try_from(take).unwrap_or(0).saturating_mul(grant.slots);
            // The item's entry for the year when it was just written (a whole-day grant and
            // its half day): one entry per item and year, as the evaluator reads them.
            match into.last_mut() {
                Some(last) if (last.0, last.1) == (grant.index, k) => {
                    last.2 = last.2.saturating_add(half_days);
                }
                _ => into.push((grant.index, k, half_days)),
            }
            day = day.saturating_add(take);
            days -= take;
        }
    }
}

/// A day-based range clipped to the open years.
pub(crate) struct Clip {
    /// The clipped range as day numbers, when any day is left.
    pub(crate) days: Option<(i32, i32)>,
    /// Part of the range lies outside the span.
    pub(crate) cut_outside: bool,
    /// Part of the range lies in a certified year.
    pub(crate) cut_certified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A1.C1: the days of a year are chrono's, leap years and the calendar's ends included.
    #[test]
    fn a1_c1_days_in_a_year() {
        let (min, max) = (NaiveDate::MIN.year(), NaiveDate::MAX.year());
        let years = (1890..2110)
            .chain([-4, -1, 0, 1600, 1700, 2400])
            .chain([min - 1, min, min + 1, max - 1, max, max + 1])
            .chain([i32::MIN, i32::MAX]);
        for year in years {
            let by_chrono = NaiveDate::from_ymd_opt(year, 12, 31)
                .map_or(365, |d| i32::try_from(d.ordinal()).unwrap_or(365));
            assert_eq!(days_in(year), by_chrono, "{year}");
        }
    }

    /// A1.C1: days count in half days; any other fraction, zero or a negative count is not a
    /// count of half days, at every scale (64-bit and 128-bit arithmetic alike).
    #[test]
    fn a1_c1_days_as_half_days() {
        let cases = [
            ("1", Some(2)),
            ("0.5", Some(1)),
            ("1.50", Some(3)),
            ("2.500", Some(5)),
            ("3.0000000000000000000000000000", Some(6)),
            ("0.5000000000000000000000000000", Some(1)),
            (
                "79228162514264337593543950335",
                Some(158_456_325_028_528_675_187_087_900_670),
            ),
            (
                "39614081257132168796771975167",
                Some(79_228_162_514_264_337_593_543_950_334),
            ),
            ("1.25", None),
            ("0.005", None),
            ("0.0000000000000000000000000005", None),
            ("0", None),
            ("0.00", None),
            ("-1", None),
        ];
        for (text, expected) in cases {
            let days: Decimal = text.parse().unwrap_or(Decimal::MIN);
            assert_eq!(half_days_of(days), expected, "{text}");
        }
    }
}
