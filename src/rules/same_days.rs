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

/// Half-day slots in one calendar day.
pub(crate) const SLOTS_PER_DAY: u32 = 2;

/// One day-based item waiting for slots.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Want {
    /// The item's index in the record.
    pub index: usize,
    /// First day, as a day number (consecutive days have consecutive numbers).
    pub start: i32,
    /// Last day, as a day number.
    pub end: i32,
    /// Half days claimed.
    pub half_days: u32,
}

/// Slots given to one item: `slots` on each of `days` days from day number `day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Grant {
    /// The item's index in the record.
    pub index: usize,
    /// The first day given.
    pub day: i32,
    /// How many consecutive days.
    pub days: i32,
    /// Half days on each of them (1 or 2).
    pub slots: u32,
}

impl Want {
    /// Half days the item gets when no other item shares its days.
    fn alone(&self) -> u32 {
        let days = i64::from(self.end) - i64::from(self.start) + 1;
        let slots = days.saturating_mul(i64::from(SLOTS_PER_DAY)).max(0);
        u32::try_from(slots).map_or(self.half_days, |slots| self.half_days.min(slots))
    }

    /// The grants of an item that shares no day: its half days from its first day on.
    fn alone_grants(&self, given: u32, into: &mut Vec<Grant>) {
        let full = i32::try_from(given / SLOTS_PER_DAY).unwrap_or(i32::MAX);
        if full > 0 {
            into.push(Grant {
                index: self.index,
                day: self.start,
                days: full,
                slots: SLOTS_PER_DAY,
            });
        }
        if given % SLOTS_PER_DAY == 1 {
            into.push(Grant {
                index: self.index,
                day: self.start.saturating_add(full),
                days: 1,
                slots: 1,
            });
        }
    }
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
    /// Whether each want (by position) took part in the day-by-day allocation.
    shared: Vec<bool>,
    /// The slots given, day by day or in runs of days.
    grants: Vec<Grant>,
}

impl SameDays {
    /// Forgets every want (keeps the memory).
    pub(crate) fn clear(&mut self) {
        self.wants.clear();
        self.heap.clear();
        self.order.clear();
        self.given.clear();
        self.shared.clear();
        self.grants.clear();
    }

    /// Adds an item's want.
    pub(crate) fn push(&mut self, want: Want) {
        self.wants.push(want);
    }

    /// Whether no item waits.
    pub(crate) fn is_empty(&self) -> bool {
        self.wants.is_empty()
    }

    /// Gives out the slots; afterwards [`SameDays::given`] and [`SameDays::grants`] answer.
    /// With `share` false, each item takes its half days alone, as if no other item existed.
    pub(crate) fn allocate(&mut self, share: bool) {
        self.given.clear();
        self.grants.clear();
        self.shared.clear();
        self.shared.resize(self.wants.len(), false);
        if share {
            self.share_days();
        } else {
            self.given.extend(self.wants.iter().map(Want::alone));
        }
        // Items that share no day with another take their half days from their first day on.
        for ((want, &given), &shared) in self.wants.iter().zip(&self.given).zip(&self.shared) {
            if !shared {
                want.alone_grants(given, &mut self.grants);
            }
        }
    }

    /// Earliest-deadline-first over the items that share a day with another.
    fn share_days(&mut self) {
        // Wants arrive in record order; sorting positions by (start, position) keeps ties in
        // record order (and, unlike a stable sort, needs no buffer).
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
                    // Beyond the pairwise check (more than 16 items), every item takes part.
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
            if let Some(shared) = self.shared.get_mut(pos) {
                *shared = true;
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
                        self.grants.push(Grant {
                            index: want.index,
                            day,
                            days,
                            slots: SLOTS_PER_DAY,
                        });
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
                if take > 0 {
                    self.grants.push(Grant {
                        index: want.index,
                        day,
                        days: 1,
                        slots: take,
                    });
                }
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

    /// The slots given (after [`SameDays::allocate`]), in no particular order.
    pub(crate) fn grants(&self) -> &[Grant] {
        &self.grants
    }

    /// Half days given to the item at record index `index`, when it took part.
    #[cfg(test)]
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
        };
        assert_eq!(want(10, 10, 1).alone(), 1);
        assert_eq!(want(10, 10, 5).alone(), 2);
        assert_eq!(want(10, 12, 5).alone(), 5);
        assert_eq!(want(10, 12, 7).alone(), 6);
        assert_eq!(want(12, 10, 3).alone(), 0);
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
                    }
                })
                .collect();
            let mut same = SameDays::default();
            for w in &wants {
                same.push(*w);
            }
            same.allocate(true);
            let got: Vec<u32> = wants.iter().filter_map(|w| same.given(w.index)).collect();
            // The grants add up to what each item was given, on days of its range, and no
            // day holds more than two half days.
            let mut from_grants = vec![0u32; wants.len()];
            let mut per_day = std::collections::HashMap::new();
            for g in same.grants() {
                let w = wants.get(g.index).copied();
                assert!(
                    w.is_some_and(|w| w.start <= g.day && g.day + g.days - 1 <= w.end),
                    "{g:?} {w:?}"
                );
                if let Some(n) = from_grants.get_mut(g.index) {
                    *n += g.slots * u32::try_from(g.days).unwrap_or(0);
                }
                for d in g.day..g.day + g.days {
                    *per_day.entry(d).or_insert(0u32) += g.slots;
                }
            }
            assert_eq!(from_grants, got, "{wants:?}");
            assert!(per_day.values().all(|&n| n <= SLOTS_PER_DAY));
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
