//! Repeated evidence IDs: found in the first pass for short records, by sorting their
//! 64-bit summaries for longer ones.

use super::EvaluateError;
use crate::evidence::Evidence;
use crate::rules;

/// Finds a repeated ID while the items are visited in record order, for records of up to
/// [`PAIRWISE_IDS`] items: one bit per key seen (chosen by its top bits), and the keys seen
/// so far, searched only when the bit is already set.
#[derive(Default)]
pub(super) struct Repeats {
    seen: u128,
}

impl Repeats {
    /// The earlier visited item whose ID item `index` repeats (the first to bear it); notes
    /// the item's key otherwise.
    fn earlier(
        &mut self,
        items: &[Evidence],
        index: usize,
        keys: &mut Vec<(u64, usize)>,
    ) -> Option<usize> {
        let e = items.get(index)?;
        let key = e.id.key();
        let bit = 1u128 << (key >> 57);
        if self.seen & bit != 0 {
            let same = |&&(k, i): &&(u64, usize)| {
                k == key && items.get(i).is_some_and(|earlier| earlier.id == e.id)
            };
            if let Some(&(_, first)) = keys.iter().find(same) {
                return Some(first);
            }
        }
        self.seen |= bit;
        keys.push((key, index));
        None
    }

    /// Whether item `index` repeats the ID of an earlier item visited.
    pub(super) fn repeats(
        &mut self,
        items: &[Evidence],
        index: usize,
        keys: &mut Vec<(u64, usize)>,
    ) -> bool {
        self.earlier(items, index, keys).is_some()
    }
}

/// Records up to this many items are checked for duplicate IDs pair by pair (comparing the
/// IDs' stored keys, which is cheaper than sorting); longer ones are sorted.
pub(super) const PAIRWISE_IDS: usize = 2 * rules::PAIRWISE;

/// The first item whose ID repeats an earlier item's, with the position of the earliest item
/// bearing that ID. O(n log n) key comparisons whatever the IDs (pairwise only up to
/// [`PAIRWISE_IDS`] items); texts are compared only when keys agree.
pub(super) fn first_repeat(
    items: &[Evidence],
    order: &mut Vec<(u64, usize)>,
) -> Option<(usize, usize)> {
    first_repeat_with(items, order, PAIRWISE_IDS)
}

/// [`first_repeat`], pair by pair up to `pairwise` items.
pub(super) fn first_repeat_with(
    items: &[Evidence],
    order: &mut Vec<(u64, usize)>,
    pairwise: usize,
) -> Option<(usize, usize)> {
    if items.len() <= pairwise {
        order.clear();
        let mut repeats = Repeats::default();
        return (0..items.len()).find_map(|b| repeats.earlier(items, b, order).map(|a| (b, a)));
    }
    // Sorted by (key, text, position), equal IDs lie side by side in record order: the first
    // pair of each group is (earliest, first repeat), and the smallest repeat wins.
    order.clear();
    order.extend(items.iter().enumerate().map(|(i, e)| (e.id.key(), i)));
    let id = |i: usize| items.get(i).map_or("", |e| e.id.as_str());
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| id(a.1).cmp(id(b.1)))
            .then(a.1.cmp(&b.1))
    });
    let mut found: Option<(usize, usize)> = None;
    for pair in order.windows(2) {
        if let [(ka, a), (kb, b)] = *pair {
            if ka == kb && id(a) == id(b) && found.is_none_or(|(best, _)| b < best) {
                found = Some((b, a));
            }
        }
    }
    found
}

pub(super) fn duplicate(e: &Evidence, index: usize, first: usize) -> EvaluateError {
    EvaluateError::DuplicateId {
        id: e.id.as_str().to_owned(),
        index,
        first,
    }
}
