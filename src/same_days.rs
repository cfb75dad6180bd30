//! I-8, same days: day-based items share one day's hours — two half-day slots — per calendar
//! day.
//!
//! Slots are given out day by day, each to the waiting item whose range ends first (ties: the
//! item earlier in the record), and only while that item still lacks half days. This
//! earliest-deadline-first rule gives the most half days that fit. It sorts the items once
//! (O(n log n)) and then visits only days on which some item waits, each visit giving a slot or
//! retiring an item, so the whole costs O(n log n + d) for d half days claimed.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;

use crate::evidence::Subject;

/// Half-day slots in one calendar day.
pub(crate) const SLOTS_PER_DAY: u32 = 2;

/// One day-based item waiting for slots.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Want {
    /// The item's index in the record.
    pub index: usize,
    /// First day, as a day number (see [`day_number`]).
    pub start: i32,
    /// Last day, as a day number.
    pub end: i32,
    /// Half days claimed.
    pub half_days: u32,
    /// The span year the item counts in (carried for the caller).
    pub year: usize,
    /// The subject the item counts for (carried for the caller).
    pub subject: Subject,
}

impl Want {
    /// A want for `start..=end`.
    pub(crate) fn new(
        index: usize,
        (start, end): (NaiveDate, NaiveDate),
        half_days: u32,
        year: usize,
        subject: Subject,
    ) -> Want {
        Want {
            index,
            start: day_number(start),
            end: day_number(end),
            half_days,
            year,
            subject,
        }
    }
}

impl Want {
    /// Half days the item gets when no other item shares its days.
    fn alone(&self) -> u32 {
        let days = i64::from(self.end) - i64::from(self.start) + 1;
        let slots = days.saturating_mul(i64::from(SLOTS_PER_DAY)).max(0);
        u32::try_from(slots).map_or(self.half_days, |slots| self.half_days.min(slots))
    }
}

/// A number for each calendar day, increasing with the date: the year times 512 plus the day
/// of the year. Consecutive days of one year have consecutive numbers; numbers between years
/// belong to no day, and as a range never crosses a year (A1.C1) no item waits on them.
/// Cheaper than days since the common era, which need the calendar's cycles.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    // chrono's years lie within ±262,143, so the product fits 32 bits.
    date.year()
        .saturating_mul(512)
        .saturating_add(i32::try_from(date.ordinal()).unwrap_or(0))
}

/// Up to this many items, overlaps are looked for pair by pair.
const PAIRWISE: usize = 16;

/// Reusable buffers for [`SameDays::allocate`].
#[derive(Debug, Default)]
pub(crate) struct SameDays {
    wants: Vec<Want>,
    heap: BinaryHeap<Reverse<(i32, usize, usize)>>,
    /// (start, position in `wants`), by start.
    order: Vec<(i32, usize)>,
    /// Half days given, by position in `wants`.
    given: Vec<u32>,
}

impl SameDays {
    /// Forgets every want (keeps the memory).
    pub(crate) fn clear(&mut self) {
        self.wants.clear();
        self.heap.clear();
        self.order.clear();
        self.given.clear();
    }

    /// Adds an item's want.
    pub(crate) fn push(&mut self, want: Want) {
        self.wants.push(want);
    }

    /// Whether no item waits.
    pub(crate) fn is_empty(&self) -> bool {
        self.wants.is_empty()
    }

    /// Gives out the slots; afterwards [`SameDays::given`] answers for each item.
    pub(crate) fn allocate(&mut self) {
        // Wants arrive in record order; sorting positions by (start, position) keeps ties in
        // record order (and, unlike a stable sort, needs no buffer).
        self.given.clear();
        if let [only] = self.wants.as_slice() {
            self.given.push(only.alone());
            return;
        }
        // A few items: which ranges share a day with another, pair by pair without branching
        // (cheaper than sorting). An item that shares no day takes what it claims on its own;
        // only the others need the allocation below.
        let mut tangled = u32::MAX;
        if self.wants.len() <= PAIRWISE {
            tangled = 0;
            for (i, a) in self.wants.iter().enumerate() {
                for (j, b) in self.wants.iter().enumerate().skip(i + 1) {
                    let overlap = u32::from((a.start <= b.end) & (b.start <= a.end));
                    tangled |= (overlap << i) | (overlap << j);
                }
            }
        }
        self.given.extend(self.wants.iter().map(Want::alone));
        if tangled == 0 {
            return;
        }
        self.order.clear();
        self.order.extend(
            self.wants
                .iter()
                .enumerate()
                .filter(|(pos, _)| {
                    // Beyond the pairwise check (more than 32 items), every item takes part.
                    u32::try_from(*pos)
                        .ok()
                        .and_then(|p| tangled.checked_shr(p))
                        .is_none_or(|t| t & 1 == 1)
                })
                .map(|(pos, w)| (w.start, pos)),
        );
        self.order.sort_unstable();
        // Ranges that share no day (found here when there are too many items for the pairwise
        // check): each item has its own days.
        let mut last_end = i32::MIN;
        let disjoint = self
            .order
            .iter()
            .all(|&(_, pos)| match self.wants.get(pos) {
                Some(w) if w.start > last_end => {
                    last_end = last_end.max(w.end);
                    true
                }
                _ => false,
            });
        if disjoint {
            return;
        }
        for &(_, pos) in &self.order {
            if let Some(g) = self.given.get_mut(pos) {
                *g = 0;
            }
        }
        let mut next = 0usize;
        let mut day = i32::MIN;
        loop {
            if self.heap.is_empty() {
                match self
                    .order
                    .get(next)
                    .and_then(|&(_, pos)| self.wants.get(pos))
                {
                    Some(w) => day = day.max(w.start),
                    None => break,
                }
            }
            while let Some((pos, w)) = self
                .order
                .get(next)
                .and_then(|&(_, pos)| Some((pos, self.wants.get(pos)?)))
                .filter(|(_, w)| w.start <= day)
            {
                if w.half_days > 0 {
                    self.heap.push(Reverse((w.end, w.index, pos)));
                }
                next += 1;
            }
            // While the item that ends first still needs both slots of a day, it takes them
            // every day until it has enough, its range ends or another item arrives: those
            // days are given at once, so the loop runs per event rather than per day.
            while let Some(&Reverse((end, _, _))) = self.heap.peek() {
                if end >= day {
                    break;
                }
                self.heap.pop();
            }
            if let Some(&Reverse((end, _, pos))) = self.heap.peek() {
                if let (Some(got), Some(want)) = (self.given.get_mut(pos), self.wants.get(pos)) {
                    let remaining = want.half_days.saturating_sub(*got);
                    let arrival = self.order.get(next).map(|&(start, _)| start);
                    let full_days = i64::from(remaining / SLOTS_PER_DAY)
                        .min(i64::from(end) - i64::from(day) + 1)
                        .min(arrival.map_or(i64::MAX, |a| i64::from(a) - i64::from(day)));
                    if let (true, Ok(days), Ok(slots)) = (
                        full_days > 0,
                        i32::try_from(full_days),
                        u32::try_from(full_days.saturating_mul(i64::from(SLOTS_PER_DAY))),
                    ) {
                        *got = got.saturating_add(slots);
                        if *got >= want.half_days {
                            self.heap.pop();
                        }
                        match day.checked_add(days) {
                            Some(d) => day = d,
                            None => break,
                        }
                        continue;
                    }
                }
            }
            let mut slots = SLOTS_PER_DAY;
            while let Some(&Reverse((end, _, pos))) = self.heap.peek() {
                if end < day {
                    self.heap.pop();
                    continue;
                }
                if slots == 0 {
                    break;
                }
                let (Some(got), Some(want)) = (self.given.get_mut(pos), self.wants.get(pos)) else {
                    self.heap.pop();
                    continue;
                };
                let take = slots.min(want.half_days.saturating_sub(*got));
                *got = got.saturating_add(take);
                slots -= take;
                if *got >= want.half_days {
                    self.heap.pop();
                }
            }
            match day.checked_add(1) {
                Some(d) => day = d,
                None => break,
            }
        }
        self.heap.clear();
    }

    /// Each want with the half days given to it, in record order (after
    /// [`SameDays::allocate`]).
    pub(crate) fn allocation(&self) -> impl Iterator<Item = (&Want, u32)> + '_ {
        self.wants.iter().zip(self.given.iter().copied())
    }

    /// Half days given to the item at record index `index`, when it took part.
    pub(crate) fn given(&self, index: usize) -> Option<u32> {
        let pos = self.wants.binary_search_by_key(&index, |w| w.index).ok()?;
        self.given.get(pos).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule itself, day by day and slot by slot, for comparison.
    fn by_hand(wants: &[Want]) -> Vec<u32> {
        let mut given = vec![0u32; wants.len()];
        let first = wants.iter().map(|w| w.start).min().unwrap_or(0);
        let last = wants.iter().map(|w| w.end).max().unwrap_or(0);
        for day in first..=last {
            for _slot in 0..SLOTS_PER_DAY {
                let next = wants
                    .iter()
                    .zip(&given)
                    .enumerate()
                    .filter(|(_, (w, g))| w.start <= day && day <= w.end && **g < w.half_days)
                    .min_by_key(|(_, (w, _))| (w.end, w.index))
                    .map(|(pos, _)| pos);
                if let Some(g) = next.and_then(|pos| given.get_mut(pos)) {
                    *g += 1;
                }
            }
        }
        given
    }

    /// Alone, an item takes what it claims, at most two half days a day of its range.
    #[test]
    fn i_8_alone_an_item_takes_at_most_its_range() {
        let want = |start, end, half_days| Want {
            index: 0,
            start,
            end,
            half_days,
            year: 0,
            subject: Subject::Public,
        };
        assert_eq!(want(10, 10, 1).alone(), 1);
        assert_eq!(want(10, 10, 5).alone(), 2);
        assert_eq!(want(10, 12, 5).alone(), 5);
        assert_eq!(want(10, 12, 7).alone(), 6);
        assert_eq!(want(12, 10, 3).alone(), 0);
    }

    /// Day numbers follow the calendar: one apart within a year, increasing across years.
    #[test]
    fn i_8_day_numbers() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).map(day_number);
        assert_eq!(
            day(2020, 2, 29).zip(day(2020, 3, 1)).map(|(a, b)| b - a),
            Some(1)
        );
        assert_eq!(
            day(2019, 12, 31).zip(day(2020, 1, 1)).map(|(a, b)| a < b),
            Some(true)
        );
        assert_eq!(
            day(-5, 1, 1).zip(day(1, 1, 1)).map(|(a, b)| a < b),
            Some(true)
        );
        let numbers: Vec<i32> = NaiveDate::MIN
            .iter_days()
            .take(800)
            .map(day_number)
            .collect();
        assert!(numbers.windows(2).all(|w| w.first() < w.get(1)));
    }

    /// I-8: the allocation (with its shortcut for ranges that share no day) gives what the
    /// rule gives, day by day, on many small layouts.
    #[test]
    fn i_8_allocation_follows_the_rule() {
        let mut seed = 0x2024_0021_u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            i32::try_from((seed >> 33) % n).unwrap_or(0)
        };
        let mut disjoint_cases = 0;
        let mut wide_disjoint = 0;
        for case in 0..4000 {
            // Wide spreads with many items: ranges that share no day, beyond the pairwise
            // check.
            let (spread, count, length) = match case % 8 {
                0 => (1000, next(8) + 17, 1),
                1 | 2 => (40, next(24) + 1, 4),
                3 | 4 => (40, next(6) + 1, 20),
                _ => (8, next(6) + 1, 4),
            };
            let wants: Vec<Want> = (0..count)
                .map(|i| {
                    let start = next(spread);
                    let end = start + next(length);
                    let range = u64::try_from(2 * (end - start + 1)).unwrap_or(1);
                    let half_days = u32::try_from(next(range) + 1).unwrap_or(1);
                    Want {
                        index: usize::try_from(i).unwrap_or(0),
                        start,
                        end,
                        half_days,
                        year: 0,
                        subject: Subject::Public,
                    }
                })
                .collect();
            let mut same = SameDays::default();
            for w in &wants {
                same.push(*w);
            }
            same.allocate();
            let got: Vec<u32> = wants.iter().filter_map(|w| same.given(w.index)).collect();
            let expected = by_hand(&wants);
            if expected.iter().zip(&wants).all(|(g, w)| *g == w.half_days) {
                disjoint_cases += 1;
                if wants.len() > PAIRWISE {
                    wide_disjoint += 1;
                }
            }
            assert_eq!(got, expected, "{wants:?}");
        }
        assert!(disjoint_cases > 100, "{disjoint_cases}");
        assert!(wide_disjoint > 100, "{wide_disjoint}");
    }
}
