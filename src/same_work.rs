//! I-8, same work: the same paper, book or patent is credited once; the earliest copy in the
//! record keeps its hours.
//!
//! The works of a record are sorted by their normalised key (and record order within a key),
//! so each group of copies lies together and its first member is the earliest. Keys are
//! compared exactly, character by character; nothing is hashed, so no input can make two
//! different works collide or make the comparison slow. O(k log k) for k works, and nothing is
//! allocated per item once the buffers have grown.

use std::cmp::Ordering;

use crate::evidence::Activity;
use crate::serial;

/// The normalised identity of a work: which field texts make it up.
#[derive(Clone, Copy)]
enum WorkKey<'a> {
    Paper { title: &'a str, serial: &'a str },
    Book { title: &'a str },
    Patent { number: &'a str },
}

/// Letters and digits only, case-folded.
fn title_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Spaces removed, upper case.
fn number_chars(number: &str) -> impl Iterator<Item = char> + '_ {
    number
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
}

/// The length of the longest common prefix of `a` and `b` that ends on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut n = x
        .chunks_exact(8)
        .zip(y.chunks_exact(8))
        .take_while(|(p, q)| p == q)
        .count()
        .saturating_mul(8);
    n = n.saturating_add(
        x.get(n..)
            .unwrap_or_default()
            .iter()
            .zip(y.get(n..).unwrap_or_default())
            .take_while(|(p, q)| p == q)
            .count(),
    );
    // Both texts are valid UTF-8 and agree up to `n`: a boundary of one is one of the other.
    while n > 0 && !a.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// Compares normalised titles. Normalising works character by character, so a common prefix
/// of the raw texts normalises alike and is skipped; ASCII rests take a byte path that gives
/// the same order.
fn cmp_titles(a: &str, b: &str) -> Ordering {
    fn bytes(s: &str) -> impl Iterator<Item = u8> + '_ {
        s.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
    }
    let skip = common_prefix(a, b);
    let (a, b) = (a.get(skip..).unwrap_or(a), b.get(skip..).unwrap_or(b));
    if a.is_ascii() && b.is_ascii() {
        bytes(a).cmp(bytes(b))
    } else {
        title_chars(a).cmp(title_chars(b))
    }
}

/// Feeds a normalised title's characters to `feed` (ASCII titles by bytes: the same units).
fn title_units(title: &str, feed: &mut impl FnMut(u32)) {
    if title.is_ascii() {
        title
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .for_each(|b| feed(u32::from(b.to_ascii_lowercase())));
    } else {
        title_chars(title).for_each(|c| feed(u32::from(c)));
    }
}

fn non_empty<I: Iterator<Item = char>>(mut chars: I) -> bool {
    chars.next().is_some()
}

impl<'a> WorkKey<'a> {
    /// The key's fields, without checking that they normalise to something (see
    /// [`WorkKey::of`]); for items already known to have a key.
    fn fields(activity: &'a Activity) -> Option<WorkKey<'a>> {
        match activity {
            Activity::Paper(p) => Some(WorkKey::Paper {
                title: p.title.as_deref()?,
                serial: p.serial.as_deref()?,
            }),
            Activity::Book(b) => Some(WorkKey::Book {
                title: b.title.as_deref()?,
            }),
            Activity::Patent(p) => Some(WorkKey::Patent {
                number: p.number.as_deref()?,
            }),
            _ => None,
        }
    }

    fn of(activity: &'a Activity) -> Option<WorkKey<'a>> {
        match activity {
            Activity::Paper(p) => {
                let title = p.title.as_deref()?;
                let serial = p.serial.as_deref()?;
                (non_empty(title_chars(title)) && non_empty(serial::normalised(serial)))
                    .then_some(WorkKey::Paper { title, serial })
            }
            Activity::Book(b) => {
                let title = b.title.as_deref()?;
                non_empty(title_chars(title)).then_some(WorkKey::Book { title })
            }
            Activity::Patent(p) => {
                let number = p.number.as_deref()?;
                non_empty(number_chars(number)).then_some(WorkKey::Patent { number })
            }
            _ => None,
        }
    }

    /// A total order on normalised keys: kind, then the normalised texts (a paper's serial
    /// before its title).
    fn cmp(self, other: WorkKey<'_>) -> Ordering {
        match (self, other) {
            (
                WorkKey::Paper {
                    title: t1,
                    serial: s1,
                },
                WorkKey::Paper {
                    title: t2,
                    serial: s2,
                },
            ) => {
                // The serial first: short, and already read by the serial-number check.
                serial::cmp_normalised(s1, s2).then_with(|| cmp_titles(t1, t2))
            }
            (WorkKey::Book { title: t1 }, WorkKey::Book { title: t2 }) => cmp_titles(t1, t2),
            (WorkKey::Patent { number: n1 }, WorkKey::Patent { number: n2 }) if n1 == n2 => {
                Ordering::Equal
            }
            (WorkKey::Patent { number: n1 }, WorkKey::Patent { number: n2 }) => {
                number_chars(n1).cmp(number_chars(n2))
            }
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    /// A 64-bit summary of the normalised key (FNV-1a): equal keys have equal summaries, so
    /// sorting by it first groups copies while comparing most pairs in one step. Different
    /// keys with the same summary are still told apart by [`WorkKey::cmp`].
    fn summary(self) -> u64 {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |unit: u32| {
            for byte in unit.to_le_bytes() {
                h = (h ^ u64::from(byte)).wrapping_mul(PRIME);
            }
        };
        feed(u32::from(self.rank()));
        match self {
            WorkKey::Paper { title, serial } => {
                title_units(title, &mut feed);
                feed(u32::MAX);
                serial::normalised(serial).for_each(|c| feed(u32::from(c)));
            }
            WorkKey::Book { title } => title_units(title, &mut feed),
            WorkKey::Patent { number } => number_chars(number).for_each(|c| feed(u32::from(c))),
        }
        h
    }

    fn rank(self) -> u8 {
        match self {
            WorkKey::Paper { .. } => 0,
            WorkKey::Book { .. } => 1,
            WorkKey::Patent { .. } => 2,
        }
    }
}

/// Up to this many works, copies are found by comparing every pair of keys exactly (a
/// comparison of two different works usually ends at their first differing character);
/// beyond it, by sorting summaries.
const PAIRWISE: usize = 16;

/// The works of one record, and which items are later copies.
#[derive(Debug, Default)]
pub(crate) struct SameWork {
    /// (summary of the key, item index) of each work; the summary is worked out only when
    /// the record has more than [`PAIRWISE`] works.
    works: Vec<(u64, usize)>,
    copies: Vec<usize>,
}

impl SameWork {
    /// Forgets every work (keeps the memory for the next record).
    pub(crate) fn clear(&mut self) {
        self.works.clear();
        self.copies.clear();
    }

    /// Notes that item `index` is credited by its own rules; it takes part (and `true` is
    /// returned) if it names a work.
    pub(crate) fn offer(&mut self, index: usize, activity: &Activity) -> bool {
        match WorkKey::fields(activity) {
            Some(key) => {
                self.works.push((u64::from(key.rank()), index));
                true
            }
            None => false,
        }
    }

    /// Offers item `index`, in record order, and says at once whether it copies an earlier
    /// offered work (`Some(false)` too when it names no work). `None` once more than
    /// [`PAIRWISE`] works have been offered: the caller then uses [`SameWork::settle`].
    /// Gives what [`SameWork::offer`] then [`SameWork::settle`] and [`SameWork::is_copy`]
    /// give.
    pub(crate) fn offer_in_order<'a>(
        &mut self,
        index: usize,
        activity: &'a Activity,
        items: impl Fn(usize) -> Option<&'a Activity>,
    ) -> Option<bool> {
        let Some(key) = WorkKey::fields(activity) else {
            return Some(false);
        };
        if self.works.len() >= PAIRWISE {
            return None;
        }
        let kind = u64::from(key.rank());
        let copy = self.works.iter().any(|&(k, a)| {
            k == kind
                && items(a)
                    .and_then(WorkKey::fields)
                    .is_some_and(|earlier| earlier.cmp(key) == Ordering::Equal)
        }) && WorkKey::of(activity).is_some();
        self.works.push((kind, index));
        Some(copy)
    }

    /// Finds the later copies among the offered items; `items` gives each index's activity.
    pub(crate) fn settle<'a>(&mut self, items: impl Fn(usize) -> Option<&'a Activity>) {
        self.settle_with(items, PAIRWISE, |k| k.summary());
    }

    /// [`SameWork::settle`], pair by pair up to `pairwise` works, else by `summary`.
    fn settle_with<'a>(
        &mut self,
        items: impl Fn(usize) -> Option<&'a Activity>,
        pairwise: usize,
        summary: fn(WorkKey<'_>) -> u64,
    ) {
        self.copies.clear();
        if self.works.len() < 2 {
            return;
        }
        let key = |i: usize| items(i).and_then(WorkKey::fields);
        let same = |a: usize, b: usize| match (key(a), key(b)) {
            (Some(ka), Some(kb)) => ka.cmp(kb),
            _ => Ordering::Equal,
        };
        // Keys that normalise to nothing identify no work.
        let identifies = |i: usize| items(i).and_then(WorkKey::of).is_some();
        if self.works.len() <= pairwise {
            // Record order: an item is a copy when an earlier one of its kind (the first
            // field of each entry) has its key, and that key is not empty.
            for (pos, &(kind, b)) in self.works.iter().enumerate() {
                let earlier = self.works.get(..pos).unwrap_or_default();
                if earlier
                    .iter()
                    .any(|&(k, a)| k == kind && same(a, b) == Ordering::Equal)
                    && identifies(b)
                {
                    self.copies.push(b);
                }
            }
            return;
        }
        self.works.retain(|&(_, i)| identifies(i));
        for work in &mut self.works {
            work.0 = key(work.1).map_or(0, summary);
        }
        // By summary, then in record order. A run of equal summaries is nearly always one
        // work: each member is checked against the run's first. Only when a run mixes
        // different works (a summary collision) is it sorted by the whole key.
        self.works.sort_unstable();
        let mut start = 0;
        while start < self.works.len() {
            let summary = self.works.get(start).map_or(0, |w| w.0);
            let len = self
                .works
                .iter()
                .skip(start)
                .take_while(|w| w.0 == summary)
                .count();
            let end = start.saturating_add(len);
            let Some(run) = self.works.get_mut(start..end) else {
                break;
            };
            if let [(_, first), rest @ ..] = run {
                let first = *first;
                if !rest.iter().all(|&(_, i)| same(first, i) == Ordering::Equal) {
                    run.sort_unstable_by(|&(_, a), &(_, b)| same(a, b).then(a.cmp(&b)));
                }
            }
            for pair in run.windows(2) {
                if let [(_, a), (_, b)] = *pair {
                    if same(a, b) == Ordering::Equal {
                        self.copies.push(b);
                    }
                }
            }
            start = end.max(start.saturating_add(1));
        }
        self.copies.sort_unstable();
    }

    /// Whether item `index` is a later copy of an earlier item's work.
    pub(crate) fn is_copy(&self, index: usize) -> bool {
        self.copies.binary_search(&index).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{Book, Paper};
    use chrono::NaiveDate;

    fn book(title: &str) -> Activity {
        Activity::Book(Book {
            work: None,
            author_rank: 1,
            published: NaiveDate::MIN,
            title: Some(title.to_owned()),
            isbn: None,
        })
    }

    fn paper(title: &str, serial: &str) -> Activity {
        Activity::Paper(Paper {
            author_rank: 1,
            published: NaiveDate::MIN,
            serial: Some(serial.to_owned()),
            journal: None,
            title: Some(title.to_owned()),
            foreign: None,
        })
    }

    /// Equal summaries never merge different works: the whole keys decide.
    #[test]
    fn i_8_colliding_summaries_are_told_apart() {
        let items = [
            book("Alpha"),
            book("Beta"),
            book("alpha!"),
            paper("Alpha", "CN 43-1234/N"),
        ];
        let mut same = SameWork::default();
        same.works.extend((0..items.len()).map(|i| (0, i)));
        // Sorted, with every summary colliding.
        same.settle_with(|i| items.get(i), 0, |_| 7);
        let copies = (0..items.len())
            .map(|i| same.is_copy(i))
            .collect::<Vec<_>>();
        assert_eq!(copies, [false, false, true, false]);
    }

    /// Both ways of finding copies (pair by pair, and by sorted summaries, colliding or not)
    /// find the same copies.
    #[test]
    fn i_8_pairwise_and_sorted_agree() {
        let titles = [
            "Alpha", "alpha", "Beta", "BETA!", "Gamma", "", "  ", "桥梁", "桥 梁",
        ];
        let items: Vec<Activity> = (0..60usize)
            .map(|i| {
                let title = titles
                    .get((i * 7 + i / 3) % titles.len())
                    .copied()
                    .unwrap_or("");
                if i % 4 == 0 {
                    paper(
                        title,
                        if i % 8 == 0 {
                            "CN 43-1234/N"
                        } else {
                            "ISSN 1234-5678"
                        },
                    )
                } else {
                    book(title)
                }
            })
            .collect();
        let run = |pairwise: usize, summary: fn(WorkKey<'_>) -> u64| {
            let mut same = SameWork::default();
            for (i, a) in items.iter().enumerate() {
                same.offer(i, a);
            }
            same.settle_with(|i| items.get(i), pairwise, summary);
            (0..items.len())
                .filter(|&i| same.is_copy(i))
                .collect::<Vec<_>>()
        };
        let pairwise = run(usize::MAX, |k| k.summary());
        // In record order, for as long as it answers.
        let mut same = SameWork::default();
        let mut in_order = Vec::new();
        for (i, a) in items.iter().enumerate() {
            match same.offer_in_order(i, a, |j| items.get(j)) {
                Some(true) => in_order.push(i),
                Some(false) => {}
                None => break,
            }
        }
        assert_eq!(same.works.len(), PAIRWISE);
        let answered = same.works.last().map_or(0, |w| w.1);
        let expected: Vec<usize> = pairwise
            .iter()
            .copied()
            .filter(|&i| i <= answered)
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(in_order, expected);
        assert!(pairwise.len() > 20, "{pairwise:?}");
        assert!(!pairwise.contains(&0));
        assert_eq!(run(0, |k| k.summary()), pairwise);
        assert_eq!(run(0, |_| 7), pairwise);
        assert_eq!(run(0, |k| u64::from(k.rank())), pairwise);
    }

    /// Skipping the common prefix never changes the order of normalised titles, at character
    /// boundaries inside multi-byte characters too.
    #[test]
    fn i_8_title_order_is_that_of_the_normalised_texts() {
        let titles = [
            "On the vibration of cables, part 1",
            "On the vibration of cables, part 12",
            "on the Vibration of cables - part 12!",
            "On the vibration of cables, part 2",
            "桥梁检测",
            "桥梁检验",
            "桥梁检\u{6d4f}",
            "桥梁 检测",
            "桥 A",
            "ÉTUDE",
            "étude",
            "Étude",
            "",
        ];
        for a in titles {
            for b in titles {
                let expected = title_chars(a).cmp(title_chars(b));
                assert_eq!(cmp_titles(a, b), expected, "{a:?} {b:?}");
            }
        }
        assert_eq!(common_prefix("桥梁检测", "桥梁检验"), "桥梁检".len());
        assert_eq!(common_prefix("检\u{6d4b}", "检\u{6d4f}"), "检".len());
        assert_eq!(common_prefix("abcdefghij", "abcdefghik"), 9);
    }

    #[test]
    fn i_8_summaries_of_equal_keys_are_equal() {
        let a = WorkKey::of(&book("Deep Foundations")).map(WorkKey::summary);
        let b = WorkKey::of(&book("deep-foundations.")).map(WorkKey::summary);
        let c = WorkKey::of(&book("Deep Foundation")).map(WorkKey::summary);
        assert_eq!(a, b);
        assert_ne!(a, c);
        let non_ascii = WorkKey::of(&book("桥梁 检测")).map(WorkKey::summary);
        assert_eq!(
            non_ascii,
            WorkKey::of(&book("桥梁检测")).map(WorkKey::summary)
        );
    }
}
