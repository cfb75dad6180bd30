//! I-8, same work: the same paper, book or patent is credited once; the earliest copy in the
//! record keeps its hours.
//!
//! Keys are compared exactly. A 64-bit hash of the normalised key finds candidates in a map;
//! a hit is confirmed by comparing the normalised texts, so two different works can never be
//! taken for one. Nothing is allocated per item once the map has grown.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher, Hasher};

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
    title.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
}

/// Spaces removed, upper case.
fn number_chars(number: &str) -> impl Iterator<Item = char> + '_ {
    number.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_uppercase)
}

fn non_empty<I: Iterator<Item = char>>(mut chars: I) -> bool {
    chars.next().is_some()
}

impl<'a> WorkKey<'a> {
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

    fn hash(self) -> u64 {
        fn feed(h: &mut impl Hasher, chars: impl Iterator<Item = char>) {
            for c in chars {
                h.write_u32(u32::from(c));
            }
            h.write_u32(u32::MAX);
        }
        let mut h = BuildHasherDefault::<DefaultHasher>::default().build_hasher();
        match self {
            WorkKey::Paper { title, serial } => {
                h.write_u8(0);
                feed(&mut h, title_chars(title));
                feed(&mut h, serial::normalised(serial));
            }
            WorkKey::Book { title } => {
                h.write_u8(1);
                feed(&mut h, title_chars(title));
            }
            WorkKey::Patent { number } => {
                h.write_u8(2);
                feed(&mut h, number_chars(number));
            }
        }
        h.finish()
    }

    fn same(self, other: WorkKey<'_>) -> bool {
        match (self, other) {
            (WorkKey::Paper { title: t1, serial: s1 }, WorkKey::Paper { title: t2, serial: s2 }) => {
                title_chars(t1).eq(title_chars(t2))
                    && serial::normalised(s1).eq(serial::normalised(s2))
            }
            (WorkKey::Book { title: t1 }, WorkKey::Book { title: t2 }) => {
                title_chars(t1).eq(title_chars(t2))
            }
            (WorkKey::Patent { number: n1 }, WorkKey::Patent { number: n2 }) => {
                number_chars(n1).eq(number_chars(n2))
            }
            _ => false,
        }
    }
}

/// The works seen so far in one record, by the index of the item that first claimed each.
#[derive(Debug, Default)]
pub(crate) struct SameWork {
    first: HashMap<u64, usize>,
    /// Distinct works whose hash collided with an earlier, different work.
    collided: Vec<(u64, usize)>,
}

impl SameWork {
    /// Forgets every work (keeps the memory for the next record).
    pub(crate) fn clear(&mut self) {
        self.first.clear();
        self.collided.clear();
    }

    /// Claims the work of item `index`. Returns the index of an earlier item holding the same
    /// work, or `None` when this item is the first (or has no work key). `items` gives the
    /// activity of an earlier index.
    pub(crate) fn claim<'a>(
        &mut self,
        index: usize,
        activity: &'a Activity,
        items: impl Fn(usize) -> Option<&'a Activity>,
    ) -> Option<usize> {
        let key = WorkKey::of(activity)?;
        let hash = key.hash();
        let same_as = |i: usize| items(i).and_then(WorkKey::of).is_some_and(|k| key.same(k));
        match self.first.get(&hash) {
            None => {
                self.first.insert(hash, index);
                None
            }
            Some(&first) if same_as(first) => Some(first),
            Some(_) => {
                let earlier = self
                    .collided
                    .iter()
                    .find(|(h, i)| *h == hash && same_as(*i))
                    .map(|&(_, i)| i);
                if earlier.is_none() {
                    self.collided.push((hash, index));
                }
                earlier
            }
        }
    }
}
