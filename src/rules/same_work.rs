//! I-8, same work: the same paper, book or patent is credited once.
//!
//! *(rev. 2)* The copy that keeps the hours is the first copy in record order that can earn
//! them (creditable by its own rule, dated inside the span, in a year not certified); every
//! later copy that could have earned hours by itself is a copy and gets 0 with a warning. Each
//! copy is compared with the copies kept so far, in record order; a copy that could not earn
//! hours anyway is never offered here.
//!
//! Texts are compared after folding: Unicode NFKC, then case-folded, then letters and digits
//! only (so NFC, NFD and full-width spellings of one title are one title).
//!
//! - A paper is the same when its folded title matches and the two serials share a valid number
//!   (the same CN, or the same ISSN; I-6).
//! - A book is the same when both copies carry a valid ISBN and the ISBNs match (ISBN-10
//!   converted to ISBN-13), or, when either has none, when its `work` (an absent `work` is a
//!   value of its own) and folded title match.
//! - A patent is the same when its number matches after folding and dropping every character
//!   that is not a letter or digit (`ZL 2020 1 0000001.1` = `ZL2020100000011`).
//!
//! Items without a title or number are never duplicates. The kept works are held as folded
//! texts in one reusable buffer, found through a hash map of their keyed hashes (random keys,
//! so no input can force collisions): O(k) expected for k works, and nothing is allocated per
//! item once the buffers have grown.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::PAIRWISE;
use super::publications::serial::{self, Serial};
use crate::evidence::{Activity, BookKind};

/// Appends the folded form of `text` (NFKC, case-folded, letters and digits only) to `out`.
pub(crate) fn fold_into(text: &str, out: &mut String) {
    // ASCII is its own NFKC form, and most titles are; so are texts the quick check passes.
    if text.is_ascii() {
        // Byte by byte into a small buffer, written out a chunk at a time (ASCII is UTF-8).
        let mut chunk = [0u8; 64];
        let mut len = 0usize;
        for b in text.bytes() {
            if let (true, Some(slot)) = (b.is_ascii_alphanumeric(), chunk.get_mut(len)) {
                *slot = b.to_ascii_lowercase();
                len += 1;
                if len == chunk.len() {
                    out.push_str(std::str::from_utf8(&chunk).unwrap_or_default());
                    len = 0;
                }
            }
        }
        let rest = chunk.get(..len).unwrap_or_default();
        out.push_str(std::str::from_utf8(rest).unwrap_or_default());
        return;
    }
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        push_letters(text.chars(), out);
    } else {
        push_letters(text.nfkc(), out);
    }
}

/// Case-folded (Unicode default case folding: `ß` and `SS` fold alike), letters and digits
/// only.
fn push_letters(chars: impl Iterator<Item = char>, out: &mut String) {
    for c in chars.default_case_fold() {
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
}

/// What kind of key a folded text is (keys of different kinds never match).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tag {
    /// A paper: folded title, then `C` (CN) or `I` (ISSN) and the number.
    Paper,
    /// A book by its ISBN-13.
    Isbn,
    /// A book by its work and folded title, kept by a copy without an ISBN.
    BookWithoutIsbn(Option<BookKind>),
    /// A book by its work and folded title, kept by any copy.
    BookTitle(Option<BookKind>),
    /// A patent by its folded number.
    Patent,
}

/// The works kept so far in one record.
#[derive(Debug, Default)]
pub(crate) struct SameWork {
    hasher: RandomState,
    /// Folded texts of the kept keys, end to end.
    texts: String,
    /// Each kept key: its tag, its text in `texts`, and the previous key with the same hash.
    keys: Vec<(Tag, Range<usize>, Option<usize>)>,
    /// Hash of (tag, text) → the last key with that hash.
    heads: HashMap<u64, usize>,
    /// Scratch for the texts of the copy being offered.
    probe: String,
    /// Scratch for one key of it.
    key: String,
}

impl SameWork {
    /// Forgets every work (keeps the memory for the next record).
    pub(crate) fn clear(&mut self) {
        self.texts.clear();
        self.keys.clear();
        self.heads.clear();
    }

    fn hash(&self, tag: Tag, text: &str) -> u64 {
        let mut h = self.hasher.build_hasher();
        tag.hash(&mut h);
        text.hash(&mut h);
        h.finish()
    }

    /// Whether a key (tag, text) is kept. A few keys are compared one by one (cheaper than
    /// hashing); past [`crate::rules::PAIRWISE`] keys they are found through the hash map.
    fn holds(&self, tag: Tag, text: &str) -> bool {
        let same = |(t, range, _): &(Tag, Range<usize>, Option<usize>)| {
            *t == tag && self.texts.get(range.clone()) == Some(text)
        };
        if self.keys.len() <= PAIRWISE {
            return self.keys.iter().any(same);
        }
        let mut next = self.heads.get(&self.hash(tag, text)).copied();
        while let Some(i) = next {
            let Some(key) = self.keys.get(i) else {
                debug_assert!(false, "a key index points past the keys");
                return false;
            };
            if same(key) {
                return true;
            }
            next = key.2;
        }
        false
    }

    /// Keeps a key (tag, text); the hash map is built once there are more than
    /// [`PAIRWISE`] keys.
    fn keep(&mut self, tag: Tag, text: &str) {
        let start = self.texts.len();
        self.texts.push_str(text);
        self.keys.push((tag, start..self.texts.len(), None));
        match self.keys.len() {
            n if n <= PAIRWISE => {}
            n if n == PAIRWISE + 1 => {
                for i in 0..n {
                    self.index(i);
                }
            }
            n => self.index(n - 1),
        }
    }

    /// Enters key `i` in the hash map.
    fn index(&mut self, i: usize) {
        let Some((tag, range, _)) = self.keys.get(i).cloned() else {
            return;
        };
        let hash = self.hash(tag, self.texts.get(range).unwrap_or_default());
        let prev = self.heads.insert(hash, i);
        if let Some(key) = self.keys.get_mut(i) {
            key.2 = prev;
        }
    }

    /// Offers a copy that can earn hours, in record order: `true` when it repeats a work kept
    /// so far (it is then a copy, not kept); otherwise its work is kept.
    pub(crate) fn repeats(&mut self, activity: &Activity) -> bool {
        let mut probe = std::mem::take(&mut self.probe);
        let repeats = self.offer(activity, &mut probe);
        self.probe = probe;
        repeats
    }

    fn offer(&mut self, activity: &Activity, probe: &mut String) -> bool {
        probe.clear();
        match activity {
            Activity::Paper(p) => {
                // probe: the serial's numbers, then the folded title; each key is the
                // title, a kind letter and one number.
                let Serial::Valid(numbers) = serial::read_into(p.serial.as_deref(), Some(probe))
                else {
                    return false;
                };
                let Some(title) = &p.title else { return false };
                let numbers_end = probe.len();
                fold_into(title, probe);
                if probe.len() == numbers_end {
                    return false;
                }
                let title = numbers_end..probe.len();
                let keys = [('C', numbers.cn), ('I', numbers.issn)];
                let mut key = std::mem::take(&mut self.key);
                let mut repeats = false;
                for keep in [false, true] {
                    for (letter, range) in &keys {
                        let Some(range) = range else { continue };
                        key.clear();
                        key.push_str(probe.get(title.clone()).unwrap_or_default());
                        key.push(*letter);
                        key.push_str(probe.get(range.clone()).unwrap_or_default());
                        if keep {
                            self.keep(Tag::Paper, &key);
                        } else if self.holds(Tag::Paper, &key) {
                            repeats = true;
                        }
                    }
                    if repeats {
                        break;
                    }
                }
                self.key = key;
                repeats
            }
            Activity::Book(b) => {
                let isbn = b.isbn.as_deref().and_then(isbn13);
                if let Some(title) = &b.title {
                    fold_into(title, probe);
                }
                let titled = !probe.is_empty();
                match isbn {
                    Some(isbn) => {
                        let mut key = std::mem::take(&mut self.key);
                        key.clear();
                        key.extend(isbn);
                        let repeats = self.holds(Tag::Isbn, &key)
                            || (titled && self.holds(Tag::BookWithoutIsbn(b.work), probe));
                        if !repeats {
                            self.keep(Tag::Isbn, &key);
                            if titled {
                                self.keep(Tag::BookTitle(b.work), probe);
                            }
                        }
                        self.key = key;
                        repeats
                    }
                    None => {
                        if !titled {
                            return false;
                        }
                        if self.holds(Tag::BookTitle(b.work), probe) {
                            return true;
                        }
                        self.keep(Tag::BookWithoutIsbn(b.work), probe);
                        self.keep(Tag::BookTitle(b.work), probe);
                        false
                    }
                }
            }
            Activity::Patent(p) => {
                let Some(number) = &p.number else {
                    return false;
                };
                fold_into(number, probe);
                if probe.is_empty() {
                    return false;
                }
                if self.holds(Tag::Patent, probe) {
                    return true;
                }
                self.keep(Tag::Patent, probe);
                false
            }
            _ => false,
        }
    }
}

/// I-8 *(rev. 2)*: an ISBN as ISBN-13 digits, when `text` is a valid ISBN-10 or ISBN-13
/// (hyphens and spaces allowed, an optional `ISBN` prefix with an optional `:`, `x` or `X` as an
/// ISBN-10 check character). `None` for a malformed number or a wrong check digit.
pub(crate) fn isbn13(text: &str) -> Option<[char; 13]> {
    let body = text.trim();
    let body = match body.get(..4) {
        Some(head) if head.eq_ignore_ascii_case("ISBN") => body.get(4..)?,
        _ => body,
    };
    let body = body.strip_prefix(':').unwrap_or(body);
    let mut chars = ['0'; 13];
    let mut len = 0usize;
    for c in body.chars().map(serial::width_fold) {
        if matches!(c, '-' | ' ') {
            continue;
        }
        *chars.get_mut(len)? = c;
        len += 1;
    }
    let digit = |c: &char| c.to_digit(10);
    match len {
        10 => {
            let mut sum = 0u32;
            for (i, c) in chars.iter().take(10).enumerate() {
                let weight = 10 - u32::try_from(i).ok()?;
                let value = match (i, c) {
                    (9, 'X') => 10,
                    _ => digit(c)?,
                };
                sum += value * weight;
            }
            if sum % 11 != 0 {
                return None;
            }
            let mut out = [
                '9', '7', '8', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0',
            ];
            for (slot, c) in out.iter_mut().skip(3).zip(chars.iter().take(9)) {
                *slot = *c;
            }
            let check = isbn13_check(out.get(..12)?)?;
            *out.get_mut(12)? = check;
            Some(out)
        }
        13 => {
            let check = isbn13_check(chars.get(..12)?)?;
            (chars.get(12) == Some(&check)).then_some(chars)
        }
        _ => None,
    }
}

/// The ISBN-13 check digit of its first twelve digits.
fn isbn13_check(first: &[char]) -> Option<char> {
    let mut sum = 0u32;
    for (i, c) in first.iter().enumerate() {
        let weight = if i % 2 == 0 { 1 } else { 3 };
        sum += c.to_digit(10)? * weight;
    }
    char::from_digit((10 - sum % 10) % 10, 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{Book, Paper, Patent, PatentClass};
    use chrono::NaiveDate;

    fn book(work: Option<BookKind>, title: &str, isbn: Option<&str>) -> Activity {
        Activity::Book(Book {
            work,
            author_rank: 1,
            published: NaiveDate::MIN,
            title: Some(title.to_owned()),
            isbn: isbn.map(str::to_owned),
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

    fn patent(number: &str) -> Activity {
        Activity::Patent(Patent {
            class: PatentClass::Invention,
            rank: 1,
            granted: NaiveDate::MIN,
            number: Some(number.to_owned()),
        })
    }

    fn copies(items: &[Activity]) -> Vec<bool> {
        let mut same = SameWork::default();
        items.iter().map(|a| same.repeats(a)).collect()
    }

    #[test]
    fn i_8_titles_fold_nfkc_case_and_punctuation() {
        let mut a = String::new();
        let mut b = String::new();
        let mut c = String::new();
        // NFC é, NFD e + combining acute, full-width letters.
        fold_into("Café Bridges: Vol. 1", &mut a);
        fold_into("Cafe\u{301} bridges vol1", &mut b);
        fold_into("ＣＡＦÉ ＢＲＩＤＧＥＳ ＶＯＬ １", &mut c);
        assert_eq!(a, "cafébridgesvol1");
        let mut d = String::new();
        let mut e = String::new();
        fold_into("Straße", &mut d);
        fold_into("STRASSE", &mut e);
        assert_eq!(d, "strasse");
        assert_eq!(d, e);
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn i_8_papers_share_a_number() {
        assert_eq!(
            copies(&[
                paper("Bridges", "CN 43-1234/N"),
                paper("bridges", "CN 43-1234/N, ISSN 1672-0008"),
                paper("BRIDGES", "ISSN 1672-0008"),
                paper("Bridges", "CN 11-2345/TP"),
            ]),
            // The third shares the ISSN with nothing kept (the second was a copy).
            [false, true, false, false]
        );
    }

    #[test]
    fn i_8_books_by_isbn_or_work_and_title() {
        use BookKind::*;
        assert_eq!(
            copies(&[
                book(Some(Monograph), "Bridges", Some("ISBN 7-302-02368-9")),
                book(Some(Monograph), "Bridges", Some("978-7-302-02368-5")),
                book(Some(Monograph), "Bridges", Some("978-7-111-11111-5")),
                book(Some(Translation), "Bridges", None),
                book(Some(Monograph), "bridges", None),
                book(None, "Bridges", None),
            ]),
            [false, true, false, false, true, false]
        );
    }

    #[test]
    fn i_8_isbn_forms() {
        let thirteen: Vec<char> = "9787302023685".chars().collect();
        for text in [
            "7-302-02368-9",
            "ISBN 7302023689",
            "isbn: 7 302 02368 9",
            "978-7-302-02368-5",
        ] {
            assert_eq!(
                isbn13(text).map(|d| d.to_vec()),
                Some(thirteen.clone()),
                "{text}"
            );
        }
        assert_eq!(
            isbn13("0-8044-2957-X").map(|d| d.iter().collect::<String>()),
            Some("9780804429573".to_owned())
        );
        assert_eq!(
            isbn13("0-8044-2957-x").map(|d| d.iter().collect::<String>()),
            Some("9780804429573".to_owned())
        );
        for bad in ["7-302-02368-8", "978-7-302-02368-4", "12345", "", "ISBN"] {
            assert_eq!(isbn13(bad), None, "{bad}");
        }
    }

    /// Past the pairwise threshold the hash map finds the same copies as the comparison one
    /// by one.
    #[test]
    fn i_8_many_works_are_found_through_the_map() {
        let mut items: Vec<Activity> = (0..40).map(|i| patent(&format!("ZL{i:03}"))).collect();
        items.extend((0..40).rev().map(|i| patent(&format!("zl {i:03}"))));
        let found = copies(&items);
        assert!(found.iter().take(40).all(|c| !c));
        assert!(found.iter().skip(40).all(|c| *c));
    }

    #[test]
    fn i_8_patent_numbers_by_letters_and_digits() {
        assert_eq!(
            copies(&[
                patent("ZL 2020 1 0000001.1"),
                patent("ZL2020100000011"),
                patent("zl202010000001.1"),
                patent("ZL2020100000012"),
                patent(" - "),
                patent("."),
            ]),
            [false, true, true, false, false, false]
        );
    }
}
