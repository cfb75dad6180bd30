//! The upload rules of the online system (A2 step 7): which files it accepts.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::evidence::Document;
use crate::rule::RuleId;

/// The upload rules (A2): allowed file extensions and the largest file accepted.
///
/// A document with a `file` is checked against them; a document without one is not an upload
/// and is never refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadRules {
    /// The rule (A2).
    pub rule: RuleId,
    /// Allowed extensions, without the dot (`pdf`); compared ASCII case-insensitively.
    pub extensions: Vec<String>,
    /// The largest file accepted, in bytes; a file of exactly this size is accepted.
    pub max_bytes: u64,
}

impl UploadRules {
    /// The A2 rules: jpg, jpeg, png, doc, docx and pdf, at most 20 × 1024 × 1024 bytes.
    pub fn hunan_2024() -> UploadRules {
        UploadRules {
            rule: RuleId::A2,
            extensions: ["jpg", "jpeg", "png", "doc", "docx", "pdf"]
                .map(String::from)
                .to_vec(),
            max_bytes: 20 * 1024 * 1024,
        }
    }

    /// Every reason `document` is refused, in a fixed order (path separator, control
    /// character, extension, size); empty when it is accepted or has no `file`.
    ///
    /// The extension is what follows the last `.` of the name's final component (after the
    /// last `/` or `\`); a name without a dot there, or ending in a dot, has none. `bytes`,
    /// when given, must not exceed [`UploadRules::max_bytes`].
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Document, DocumentType, UploadRefusal, UploadRules};
    ///
    /// let rules = UploadRules::hunan_2024();
    /// let document = Document::new(DocumentType::Notice).with_file("a/b.PDF");
    /// assert_eq!(rules.refusals(&document), vec![UploadRefusal::PathSeparator]);
    /// ```
    pub fn refusals(&self, document: &Document) -> Vec<UploadRefusal> {
        if !self.is_refused(document) {
            return Vec::new();
        }
        self.reasons(document)
    }

    /// [`UploadRules::refusals`] of a document [`UploadRules::is_refused`] refuses (not asked
    /// again).
    pub(crate) fn reasons(&self, document: &Document) -> Vec<UploadRefusal> {
        let Some(file) = document.file.as_deref() else {
            return Vec::new();
        };
        let mut reasons = Vec::new();
        if file.contains(['/', '\\']) {
            reasons.push(UploadRefusal::PathSeparator);
        }
        if file.chars().any(char::is_control) {
            reasons.push(UploadRefusal::ControlCharacter);
        }
        let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
        match last.rsplit_once('.') {
            None | Some((_, "")) => reasons.push(UploadRefusal::NoExtension),
            Some((_, extension)) => {
                if !self
                    .extensions
                    .iter()
                    .any(|allowed| allowed.eq_ignore_ascii_case(extension))
                {
                    reasons.push(UploadRefusal::ExtensionNotAllowed {
                        extension: extension.to_owned(),
                        allowed: self.extensions.clone(),
                    });
                }
            }
        }
        if let Some(bytes) = document.bytes {
            if bytes > self.max_bytes {
                reasons.push(UploadRefusal::TooLarge {
                    bytes,
                    max_bytes: self.max_bytes,
                });
            }
        }
        reasons
    }
}

impl UploadRules {
    /// Whether `document` is refused ([`UploadRules::refusals`] would list a reason), without
    /// allocating.
    pub fn is_refused(&self, document: &Document) -> bool {
        let Some(file) = document.file.as_deref() else {
            return false;
        };
        if document.bytes.is_some_and(|bytes| bytes > self.max_bytes) {
            return true;
        }
        // A path separator or a control character refuses the name outright. An ASCII name
        // (the commonest) is read eight bytes at a time; any other is read as before.
        let bytes = file.as_bytes();
        let bad_name = match ascii_bad_name(bytes) {
            Some(bad) => bad,
            None => bad_name(file),
        };
        if bad_name {
            return true;
        }
        // No separator: the extension follows the last dot of the whole name (a dot byte is
        // always a whole character in UTF-8).
        let extension = match last_dot(bytes) {
            Some(dot) => bytes.get(dot + 1..).unwrap_or_default(),
            None => return true,
        };
        extension.is_empty() || !self.allows(extension)
    }

    /// Whether `extension` is one of [`UploadRules::extensions`], ASCII case-insensitively.
    fn allows(&self, extension: &[u8]) -> bool {
        // Up to eight ASCII bytes (the commonest extension), it and each allowed one of its
        // length are compared as one word each, folded to lower case.
        if let Some(word) = small_word(extension).and_then(folded) {
            return self.extensions.iter().any(|allowed| {
                let allowed = allowed.as_bytes();
                // The first bytes must agree but for their 0x20 bit (one load settles most).
                allowed.len() == extension.len()
                    && allowed
                        .first()
                        .is_none_or(|&first| (u64::from(first) ^ word) & 0xdf == 0)
                    && match small_word(allowed) {
                        // Folding changes only the 0x20 bits: the others must agree first.
                        Some(other) => {
                            (other ^ word) & !splat(0x20) == 0 && folded(other) == Some(word)
                        }
                        None => allowed.eq_ignore_ascii_case(extension),
                    }
            });
        }
        self.extensions.iter().any(|allowed| {
            allowed.len() == extension.len() && allowed.as_bytes().eq_ignore_ascii_case(extension)
        })
    }
}

/// Whether `file` holds a path separator or a control character, one character at a time.
fn bad_name(file: &str) -> bool {
    // The bytes are folded without branching, which the compiler vectorises; a byte below
    // 0x80 is always a whole character in UTF-8.
    let bytes = file.as_bytes();
    let (bad, wide) = bytes.iter().fold((false, false), |(bad, wide), &b| {
        let control = (b < 0x20) | (b == 0x7f);
        (
            bad | control | (b == b'/') | (b == b'\\'),
            wide | (b >= 0x80),
        )
    });
    bad || (wide && file.chars().any(char::is_control))
}

/// The position of the last `.` of `bytes`, the last eight bytes read as one word.
fn last_dot(bytes: &[u8]) -> Option<usize> {
    let Some(start) = bytes.len().checked_sub(8) else {
        return bytes.iter().rposition(|&b| b == b'.');
    };
    // Per byte, `x & 0x7f` plus 0x7f reaches 0x80 unless `x` is 0 or 0x80: the high bit of
    // `dots` is set exactly in the bytes that are a dot.
    let x = word_of(bytes.get(start..).unwrap_or_default()) ^ splat(b'.');
    let dots = !((x & splat(0x7f)).wrapping_add(splat(0x7f)) | x) & splat(0x80);
    match dots.checked_ilog2() {
        // The highest such byte is the last dot (the first byte is the lowest).
        Some(bit) => Some(start + bit as usize / 8),
        None => bytes.get(..start)?.iter().rposition(|&b| b == b'.'),
    }
}

/// Every byte of a word set to `byte`.
const fn splat(byte: u8) -> u64 {
    0x0101_0101_0101_0101 * byte as u64
}

/// Whether an ASCII name holds a path separator or a control character (all of those are
/// ASCII), eight bytes at a time; `None` when a byte is beyond ASCII.
fn ascii_bad_name(bytes: &[u8]) -> Option<bool> {
    let (mut high, mut bad) = (0u64, 0u64);
    let mut take = |word: u64| {
        high |= word;
        bad |= ascii_bad_bytes(word);
    };
    match small_word(bytes) {
        // Up to eight bytes in one word; the bytes it leaves zero made plain (`a`).
        Some(word) => {
            let unused = match bytes.len() {
                0 => u64::MAX,
                1..=3 => !0x00ff_ffff,
                _ => 0,
            };
            take(word | (splat(b'a') & unused));
        }
        None => {
            let chunks = bytes.chunks_exact(8);
            let tail = !chunks.remainder().is_empty();
            for chunk in chunks {
                take(word_of(chunk));
            }
            if tail {
                // The last eight bytes, overlapping the last whole word (reading a byte twice
                // changes nothing).
                take(word_of(
                    bytes
                        .get(bytes.len().saturating_sub(8)..)
                        .unwrap_or_default(),
                ));
            }
        }
    }
    (high & splat(0x80) == 0).then_some(bad & splat(0x80) != 0)
}

/// The high bit of each byte of `word` that is a control character (below 0x20, or DEL), `/`
/// or `\`, when every byte is below 0x80 (then no addition carries into the next byte);
/// meaningless otherwise.
fn ascii_bad_bytes(word: u64) -> u64 {
    // `b + 0x60` reaches 0x80 from 0x20 up; `b + 1` only from DEL; `(b ^ c) + 0x7f` from any
    // `b` but `c`.
    let control = !word.wrapping_add(splat(0x60)) | word.wrapping_add(splat(1));
    let slash = !(word ^ splat(b'/')).wrapping_add(splat(0x7f));
    let backslash = !(word ^ splat(b'\\')).wrapping_add(splat(0x7f));
    (control | slash | backslash) & splat(0x80)
}

/// Eight bytes as a word, the first lowest (a plain word when not eight bytes; never the
/// case where it is used).
fn word_of(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes).map_or(splat(b'a'), u64::from_le_bytes)
}

/// Up to eight bytes in one word, in constant time, holding each byte (some twice) and zero
/// elsewhere: the first, middle and last byte of up to three, else the first four and the
/// last four. Runs of one length give equal words exactly when they are equal. `None` when
/// longer than eight bytes.
fn small_word(bytes: &[u8]) -> Option<u64> {
    let four = |b: Option<&[u8]>| {
        b.and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_le_bytes)
    };
    match bytes.len() {
        0 => Some(0),
        len @ 1..=3 => {
            let byte = |i: usize| bytes.get(i).copied().map(u64::from);
            Some(byte(0)? | byte(len / 2)? << 8 | byte(len - 1)? << 16)
        }
        len @ 4..=8 => {
            let first = four(bytes.get(..4))?;
            let last = four(bytes.get(len - 4..))?;
            Some(u64::from(first) | u64::from(last) << 32)
        }
        _ => None,
    }
}

/// A word of ASCII bytes folded to lower case; `None` when a byte is beyond ASCII.
fn folded(word: u64) -> Option<u64> {
    if word & splat(0x80) != 0 {
        return None;
    }
    // Every byte is below 0x80, so no addition carries into the next byte: a high bit marks
    // a byte from `A` up, and one from `[` up; `A`..=`Z` gain 0x20.
    let from_a = word.wrapping_add(splat(0x80 - b'A'));
    let past_z = word.wrapping_add(splat(0x80 - b'['));
    let upper = from_a & !past_z & splat(0x80);
    Some(word | upper >> 2)
}

/// One `MiB` in bytes.
const MIB: u64 = 1024 * 1024;

impl fmt::Display for UploadRules {
    /// The rules for an applicant, in Chinese then English, citing the rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = |f: &mut fmt::Formatter<'_>, unit: &str| -> fmt::Result {
            write!(f, "{} {unit}", self.max_bytes)?;
            if self.max_bytes >= MIB && self.max_bytes % MIB == 0 {
                write!(f, " ({} MiB)", self.max_bytes / MIB)?;
            }
            Ok(())
        };
        write!(
            f,
            "上传文件 [{}]:限 {} 格式,单个不超过 ",
            self.rule,
            self.extensions.join("、")
        )?;
        size(f, "字节")?;
        writeln!(
            f,
            ",文件名不得含路径分隔符或控制字符,须有扩展名;不符合要求的文件不计入材料"
        )?;
        write!(
            f,
            "uploads [{}]: {} files only, at most ",
            self.rule,
            self.extensions.join(", ")
        )?;
        size(f, "bytes")?;
        write!(
            f,
            " each, a file name with an extension and without path separators or control characters; a refused file does not count as a document"
        )
    }
}

/// Why an upload is refused (A2).
///
/// Serialises as an object tagged by `reason` (`{"reason": "too_large", "bytes": …,
/// "max_bytes": …}`); [`UploadRefusal::message`] says it in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum UploadRefusal {
    /// The file name contains `/` or `\`.
    PathSeparator,
    /// The file name contains a control character.
    ControlCharacter,
    /// The file name has no extension (no dot in its last component, or nothing after the last
    /// dot).
    NoExtension,
    /// The extension is not one the rules allow.
    ExtensionNotAllowed {
        /// The extension found, as written.
        extension: String,
        /// The extensions allowed.
        allowed: Vec<String>,
    },
    /// The file is larger than the rules allow.
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The largest size accepted.
        max_bytes: u64,
    },
}

impl UploadRefusal {
    /// The reason in Chinese then English (`中文 / English`), lowercase English without a final
    /// period; user values in backticks, escaped.
    pub fn message(&self) -> String {
        match self {
            UploadRefusal::PathSeparator => {
                "文件名不得包含路径分隔符(/ 或 \\) / file name must not contain a path separator (`/` or `\\`)"
                    .to_owned()
            }
            UploadRefusal::ControlCharacter => {
                "文件名不得包含控制字符 / file name must not contain a control character".to_owned()
            }
            UploadRefusal::NoExtension => {
                "文件名缺少扩展名 / file name has no extension".to_owned()
            }
            UploadRefusal::ExtensionNotAllowed { extension, allowed } => {
                let extension = extension.escape_debug();
                format!(
                    "不接受扩展名为`{extension}`的文件(仅限{}) / files with extension `{extension}` are not accepted (only {})",
                    allowed.join("、"),
                    allowed.join(", ")
                )
            }
            UploadRefusal::TooLarge { bytes, max_bytes } => format!(
                "文件大小为{bytes}字节,超过上限{max_bytes}字节 / file is {bytes} bytes, more than the limit of {max_bytes} bytes"
            ),
        }
    }
}

impl fmt::Display for UploadRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::DocumentType;

    /// The A2 name checks as the documentation states them, one character at a time.
    fn refused_by_the_text(rules: &UploadRules, file: &str) -> bool {
        if file.contains(['/', '\\']) || file.chars().any(char::is_control) {
            return true;
        }
        match file.rsplit_once('.') {
            None | Some((_, "")) => true,
            Some((_, extension)) => !rules
                .extensions
                .iter()
                .any(|allowed| allowed.eq_ignore_ascii_case(extension)),
        }
    }

    fn refused(rules: &UploadRules, file: &str) -> bool {
        rules.is_refused(&Document::new(DocumentType::Notice).with_file(file))
    }

    #[test]
    fn names_of_every_length_with_any_byte_anywhere_are_judged_as_the_text_says() {
        let rules = UploadRules::hunan_2024();
        let mut checked = 0;
        for length in 1..=19 {
            let plain = format!("{}.pdf", "s".repeat(length));
            for position in 0..plain.len() {
                for byte in 0u8..0x80 {
                    let mut name = plain.clone().into_bytes();
                    if let Some(slot) = name.get_mut(position) {
                        *slot = byte;
                    }
                    let name = String::from_utf8(name).unwrap_or_default();
                    assert_eq!(
                        refused(&rules, &name),
                        refused_by_the_text(&rules, &name),
                        "{name:?}"
                    );
                    checked += 1;
                }
            }
        }
        // 19 names of 5 to 23 bytes: 266 positions (19 · 20 / 2 + 4 · 19), 128 bytes at each.
        assert_eq!(checked, 266 * 128);
    }

    #[test]
    fn every_ascii_name_of_up_to_three_bytes_is_judged_as_the_text_says() {
        let rules = UploadRules {
            rule: RuleId::A2,
            extensions: vec!["X".into(), "pd".into()],
            max_bytes: 10,
        };
        let mut accepted = 0;
        let ascii = || (0u8..0x80).map(char::from);
        let mut names: Vec<String> = vec![String::new()];
        names.extend(ascii().map(String::from));
        names.extend(ascii().flat_map(|a| ascii().map(move |b| format!("{a}{b}"))));
        names.extend(
            ['a', '.', 'x', '/', '\t', '\u{7f}']
                .into_iter()
                .flat_map(|a| {
                    ascii().flat_map(move |b| ascii().map(move |c| format!("{a}{b}{c}")))
                }),
        );
        for name in &names {
            let refused_here = refused(&rules, name);
            assert_eq!(refused_here, refused_by_the_text(&rules, name), "{name:?}");
            accepted += usize::from(!refused_here);
        }
        // Counted by hand: `.x` `.X`; `a.x` `a.X` `..x` `..X` `x.x` `x.X`; `.pd` `.pD` `.Pd`
        // `.PD`. Every other name lacks an allowed extension or has a bad byte.
        assert_eq!(accepted, 12);
    }

    #[test]
    fn common_names_are_judged_by_hand() {
        let rules = UploadRules::hunan_2024();
        for accepted in [
            "scan0.pdf",
            "a.PDF",
            "a.Pdf",
            "报告.docx",
            "x.y.jpeg",
            "a b.png",
        ] {
            assert!(!refused(&rules, accepted), "{accepted}");
        }
        for refused_name in [
            "scan0.exe",
            "a.pdfx",
            "a.pd",
            "pdf",
            "a.",
            "a/b.pdf",
            "a\\b.pdf",
            "a\tb.pdf",
            "a\u{7f}.pdf",
            "a\u{85}.pdf",
            "报告\u{9f}.pdf",
            "a.pdf\u{0}",
            "a.p\u{e9}f",
        ] {
            assert!(refused(&rules, refused_name), "{refused_name:?}");
        }
        let document = Document::new(DocumentType::Notice);
        assert!(!rules.is_refused(&document));
    }

    /// Any name, of any characters and length, under allowed lists of any extensions: the fast
    /// check refuses exactly the names the reasons (the rule as written, one character at a
    /// time) find a fault in.
    mod random_names {
        use super::*;
        use proptest::prelude::*;

        fn name() -> impl Strategy<Value = String> {
            let char = prop_oneof![
                4 => prop::sample::select(vec!['a', 'P', 'd', 'F', 'x', 'j', 'g', 'p', 'n', 'o', 'c']),
                3 => Just('.'),
                1 => prop::sample::select(vec!['/', '\\', '\0', '\t', '\u{1f}', '\u{7f}', '\u{85}']),
                1 => prop::sample::select(vec!['é', 'Ａ', '、', 'ß', '\u{2028}', '😀', ' ']),
            ];
            prop::collection::vec(char, 0..40).prop_map(|cs| cs.into_iter().collect())
        }

        fn extensions() -> impl Strategy<Value = Vec<String>> {
            prop::collection::vec(
                prop_oneof![
                    prop::sample::select(vec![
                        "pdf",
                        "PDF",
                        "jpeg",
                        "docx",
                        "x",
                        "spreadsheet",
                        "ÉPdf",
                        "ab.c"
                    ])
                    .prop_map(String::from),
                    "[a-zA-Z]{1,10}",
                ],
                0..6,
            )
        }

        proptest! {
            #[test]
            fn a2_fast_check_agrees_with_the_reasons(
                file in name(),
                extensions in extensions(),
                bytes in prop::option::of(0u64..64),
            ) {
                let rules = UploadRules { rule: RuleId::A2, extensions, max_bytes: 32 };
                let mut document = Document::new(DocumentType::Notice).with_file(&file);
                document.bytes = bytes;
                prop_assert_eq!(rules.is_refused(&document), !rules.reasons(&document).is_empty());
            }
        }
    }

    #[test]
    fn extensions_longer_than_a_word_or_beyond_ascii_compare_ignoring_ascii_case_only() {
        let rules = UploadRules {
            rule: RuleId::A2,
            extensions: vec!["Spreadsheet".into(), "ÉPDF".into(), "x".into()],
            max_bytes: 10,
        };
        for accepted in ["a.spreadsheet", "a.SPREADSHEET", "a.ÉPdf", "a.X"] {
            assert!(!refused(&rules, accepted), "{accepted}");
        }
        // Case folding is ASCII only: `é` is not `É`.
        for refused_name in ["a.spreadsheets", "a.éPDF", "a.pdf", "a.xx"] {
            assert!(refused(&rules, refused_name), "{refused_name}");
        }
    }
}
