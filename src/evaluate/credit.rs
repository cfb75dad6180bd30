//! Crediting a claim, in record order: hours added within the policy's caps, a `credits`
//! entry's years, and the cursors that walk the first pass's per-item lists.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Clipped, Core, Scratch, Trace};
use crate::evidence::{Evidence, Kind, Subject};
use crate::finding::FindingCode;
use crate::policy::Policy;
use crate::record::Span;
use crate::rule::RuleId;
use crate::rules::{self, certificates};

impl Core<'_> {
    /// A `credits` entry's hours: spread over its years, within its yearly cap, professional
    /// first after the rest (deferred), or credited at once.
    pub(super) fn entry<'r, T: Trace<'r>>(
        s: &mut Scratch,
        policy: &Policy,
        span: Span,
        e: &'r Evidence,
        (subject, hours, date, by, first_year): (Subject, Decimal, NaiveDate, u16, i32),
        trace: &mut T,
        index: usize,
    ) {
        let Some(entry) = policy.credits.get(usize::from(by)) else {
            debug_assert!(false, "an entry claim names no entry");
            return;
        };
        use crate::policy::SpreadHow;
        // The first year and the number of years; whether each year takes the whole figure.
        let (from, years, each) = match entry.spread {
            None => (date.year(), 1, false),
            Some(sp) => match sp.how {
                SpreadHow::EachYearItRuns => {
                    let runs = i64::from(date.year()) - i64::from(first_year) + 1;
                    let runs = u32::try_from(runs.max(1)).unwrap_or(u32::MAX);
                    (first_year, runs.min(sp.years.max(1)), true)
                }
                how => (date.year(), sp.years.max(1), how == SpreadHow::EachYear),
            },
        };
        let mut outside = false;
        for j in 0..years {
            let part = rules::credits::spread_part(hours, years, each, j == 0);
            let year = i64::from(from) + i64::from(j);
            if year > i64::from(span.to) {
                // Every later part falls after the span too: at most the span's years are
                // visited, whatever the spread.
                outside = true;
                break;
            }
            let k = i32::try_from(year).ok().and_then(|y| span.index(y));
            let Some(k) = k else {
                outside = true;
                continue;
            };
            if certificates::is_certified(&s.certified, k) {
                trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                continue;
            }
            let mut part = part;
            if let Some(cap) = entry.year_cap {
                let at = usize::from(by)
                    .checked_mul(s.years.len())
                    .and_then(|i| i.checked_add(k));
                let Some(used) = at.and_then(|i| s.entry_used.get_mut(i)) else {
                    debug_assert!(false, "an entry's yearly cap has no slot");
                    continue;
                };
                let room = cap
                    .checked_sub(*used)
                    .unwrap_or_default()
                    .max(Decimal::ZERO);
                if part > room {
                    trace.finding(FindingCode::YearCapReached, entry.rule);
                    part = room;
                }
                *used = used.checked_add(part).unwrap_or(Decimal::MAX);
            }
            if entry.subject == Some(crate::policy::Routing::ProfessionalFirst) {
                s.deferred.push((index, k, part, by));
            } else {
                add(s, policy, trace, k, e.kind(), subject, part, entry.rule);
            }
        }
        if outside {
            trace.finding(FindingCode::OutsideSpan, policy.review_span.rule);
        }
    }
}

/// Walks the per-item lists of pass 1 (copies, clipped items, half days given) alongside
/// pass 2, which visits items in record order: each list is sorted by item, so a cursor per
/// list finds an item's entries in O(1) amortised.
#[derive(Default)]
pub(super) struct Cursor {
    copies: usize,
    clipped: usize,
    given: usize,
}

impl Cursor {
    pub(super) fn is_copy(&mut self, index: usize, copies: &[usize]) -> bool {
        while copies.get(self.copies).is_some_and(|&c| c < index) {
            self.copies += 1;
        }
        copies.get(self.copies) == Some(&index)
    }

    pub(super) fn clipped(&mut self, index: usize, clipped: &[Clipped]) -> Option<Clipped> {
        while clipped.get(self.clipped).is_some_and(|c| c.index < index) {
            self.clipped += 1;
        }
        clipped
            .get(self.clipped)
            .filter(|c| c.index == index)
            .copied()
    }

    /// The positions of item `index`'s entries in `given`.
    pub(super) fn given_range(
        &mut self,
        index: usize,
        given: &[(usize, usize, u32)],
    ) -> (usize, usize) {
        while given.get(self.given).is_some_and(|g| g.0 < index) {
            self.given += 1;
        }
        let from = self.given;
        let len = given
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|g| g.0 == index)
            .count();
        (from, from + len)
    }
}

/// Credits `hours` of `subject` in span year `k`, within the policy's caps and without
/// overflowing; a zero credit is not written.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site per claim kind; a struct would only rename them"
)]
pub(super) fn add<'r, T: Trace<'r>>(
    s: &mut Scratch,
    policy: &Policy,
    trace: &mut T,
    k: usize,
    kind: Kind,
    subject: Subject,
    hours: Decimal,
    rule: RuleId,
) {
    let mut hours = hours;
    let years = s.years.len();
    for (c, cap) in policy.caps.iter().enumerate() {
        if !cap.kinds.contains(&kind) {
            continue;
        }
        let Some(used) = c
            .checked_mul(years)
            .and_then(|i| i.checked_add(k))
            .and_then(|i| s.cap_used.get_mut(i))
        else {
            continue;
        };
        let room = cap
            .hours
            .checked_sub(*used)
            .unwrap_or_default()
            .max(Decimal::ZERO);
        if hours > room {
            trace.finding(FindingCode::YearCapReached, cap.rule);
            hours = room;
        }
    }
    if !rules::positive(hours) {
        return;
    }
    let Some(acc) = s.years.get_mut(k) else {
        return;
    };
    if !acc.add(subject, hours) {
        trace.finding(FindingCode::HoursOverflow, rule);
        return;
    }
    for (c, cap) in policy.caps.iter().enumerate() {
        if cap.kinds.contains(&kind) {
            if let Some(used) = c
                .checked_mul(years)
                .and_then(|i| i.checked_add(k))
                .and_then(|i| s.cap_used.get_mut(i))
            {
                *used = used.checked_add(hours).unwrap_or(Decimal::MAX);
            }
        }
    }
    trace.credit(k, subject, hours, rule);
}
