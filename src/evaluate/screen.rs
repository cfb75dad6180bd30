//! The totals path's own evaluation (bulk screening): one pass over the items in which most
//! hours are added as soon as they are known, instead of the full report's second pass in
//! record order.
//!
//! The full report credits in record order because caps (I-3 style year caps) and overflow
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

use super::{Evaluator, non_negative};
use crate::credit::{self, Claim, Silent};
use crate::evidence::{Activity, Subject};
use crate::ledger::YearAcc;
use crate::record::{Record, Span};
use crate::same_days::Want;

/// The largest scale of an amount added out of order: rescaling a sum to it multiplies by at
/// most 10⁴ < 2¹⁴.
const MAX_SCALE: u32 = 4;
/// Amounts added out of order are below 2⁴⁰ (about 10¹² units of their scale).
const MAX_AMOUNT_BITS: u32 = 40;
/// Sums stay below 2⁸⁰: a sum rescaled by 10⁴, plus an amount, stays below 2⁹⁶, so every
/// addition is exact (the decimal type rounds only above 96 bits).
const MAX_SUM_BITS: u32 = 80;

/// Whether `hours` may be added out of order.
fn small(hours: Decimal) -> bool {
    hours.scale() <= MAX_SCALE && hours.mantissa().unsigned_abs() >> MAX_AMOUNT_BITS == 0
}

/// Adds `hours` to year `k` when that keeps the year's sums exact; `None` otherwise.
fn add(years: &mut [YearAcc], k: usize, subject: Subject, hours: Decimal) -> Option<()> {
    if !credit::positive(hours) {
        return Some(());
    }
    if !small(hours) {
        return None;
    }
    let acc = years.get_mut(k)?;
    let target = match subject {
        Subject::Public => &mut acc.public,
        Subject::Professional => &mut acc.professional,
    };
    // Both sums stay below 2⁸⁰, so the year's total cannot overflow either (the full report
    // checks that too, and would accept this addition).
    let sum = target.checked_add(hours)?;
    if sum.mantissa().unsigned_abs() >> MAX_SUM_BITS != 0 {
        return None;
    }
    *target = sum;
    Some(())
}

impl Evaluator<'_> {
    /// The totals of `record` into the scratch years, in one pass; `None` when the record
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
        s.years.clear();
        s.years.resize(n, YearAcc::default());
        s.certified.clear();
        s.certified.resize(n, None);
        s.same_work.clear();
        s.same_days.clear();
        s.works.clear();
        let share_days = policy.duplicates.share_days;
        let same_work_once = policy.duplicates.same_work_once;
        let mut any_certificate = false;

        s.ids.clear();
        for (index, e) in items.iter().enumerate() {
            if find_repeats {
                let key = e.id.key();
                let repeats = |&(k, i): &(u64, usize)| {
                    k == key && items.get(i).is_some_and(|earlier| earlier.id == e.id)
                };
                if s.ids.iter().any(repeats) {
                    return None;
                }
                s.ids.push((key, index));
            }
            match credit::assess(&e.activity, policy, &mut Silent) {
                Claim::Nothing => {}
                Claim::Hours {
                    subject,
                    hours,
                    date,
                    ..
                } => {
                    let k = span.index(date.year());
                    if same_work_once && s.same_work.offer(index, &e.activity) {
                        s.works.push((index, k, subject, hours));
                    } else if let Some(k) = k {
                        add(&mut s.years, k, subject, hours)?;
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
                            add(&mut s.years, k, subject, hours)?;
                        }
                    }
                }
                Claim::Waiver { from, to } => {
                    for year in from.max(span.from)..=to.min(span.to) {
                        if let Some(acc) = span.index(year).and_then(|k| s.years.get_mut(k)) {
                            acc.waived = true;
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

        // I-8, same work: later copies get nothing.
        if !s.works.is_empty() {
            s.same_work.settle(|i| items.get(i).map(|e| &e.activity));
            for &(index, k, subject, hours) in &s.works {
                if let (Some(k), false) = (k, s.same_work.is_copy(index)) {
                    add(&mut s.years, k, subject, hours)?;
                }
            }
        }

        // I-8, same days. Items in certified years take no part in the full report; here they
        // do, but a range lies within one year, so they share days only with each other and
        // their hours go with the year below.
        if !s.same_days.is_empty() {
            s.same_days.allocate();
            for (want, given) in s.same_days.allocation() {
                let hours = credit::day_hours(policy, given)?;
                add(&mut s.years, want.year, want.subject, hours)?;
            }
        }

        // I-9: a certified year holds the certificate's figures and nothing else.
        if any_certificate {
            for (k, slot) in s.certified.iter().enumerate() {
                let Some((index, entry)) = *slot else {
                    continue;
                };
                let Some(acc) = s.years.get_mut(k) else {
                    continue;
                };
                *acc = YearAcc::default();
                let year = items.get(index).and_then(|e| match &e.activity {
                    Activity::PriorCertificate(c) => c.years.get(entry),
                    _ => None,
                })?;
                add(&mut s.years, k, Subject::Public, year.public)?;
                add(&mut s.years, k, Subject::Professional, year.professional)?;
            }
        }
        Some(())
    }
}
