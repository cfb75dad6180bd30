//! The crate's one hand-written hash: a small multiply-and-rotate over 64-bit words.
//!
//! It is not keyed, so it serves only where an input cannot make it slow or wrong: evidence
//! IDs (their 64-bit summaries are compared, and texts whose summaries agree are compared in
//! full) and the materials cache (a kind and two bit sets, few values, a bounded map). Where
//! the input chooses the texts hashed (same work, I-8), the standard library's keyed
//! `RandomState` is used instead.

use std::hash::{BuildHasher, Hasher};

const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher: each 64-bit word is mixed in with a multiply and a rotate.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Mix(u64);

impl Mix {
    /// A hasher started from `seed`.
    pub(crate) fn new(seed: u64) -> Mix {
        Mix(seed)
    }
}

impl Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(MUL)
    }
    /// Eight bytes at a time (little-endian); the last, shorter word padded with zeros.
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (slot, byte) in word.iter_mut().zip(rest) {
                *slot = *byte;
            }
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(MUL).rotate_left(31);
    }
    fn write_u8(&mut self, word: u8) {
        self.write_u64(u64::from(word));
    }
    fn write_u32(&mut self, word: u32) {
        self.write_u64(u64::from(word));
    }
    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }
}

/// Builds [`Mix`] hashers (for a `HashMap`).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct BuildMix;

impl BuildHasher for BuildMix {
    type Hasher = Mix;
    fn build_hasher(&self) -> Mix {
        Mix::default()
    }
}

/// A 64-bit summary of `text` (its length and its bytes).
pub(crate) fn summary(text: &str) -> u64 {
    let mut h = Mix::new((text.len() as u64).wrapping_mul(MUL));
    h.write(text.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts of every length up to two words get distinct summaries (the padding of the last
    /// word is told apart by the length), and equal texts equal ones.
    #[test]
    fn summaries_tell_short_texts_apart() {
        let texts: Vec<String> = (0..=16)
            .map(|n| "a".repeat(n))
            .chain(["ab".into(), "ba".into(), "a\0".into()])
            .collect();
        for (i, a) in texts.iter().enumerate() {
            assert_eq!(summary(a), summary(&a.clone()));
            for b in texts.iter().skip(i + 1) {
                assert_ne!(summary(a), summary(b), "{a:?} {b:?}");
            }
        }
    }
}
