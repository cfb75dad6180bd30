//! I-6: unified serial numbers (统一刊号): CN numbers for domestic journals, ISSNs for foreign
//! ones, read as journals print them (rev. 2).
//!
//! A serial is first width-folded (full-width forms U+FF01–U+FF5E to ASCII, U+3000 to a space)
//! and read without regard to case. `CN` and `ISSN` may be followed by `:` and any number of
//! spaces; one string may hold both numbers, separated by `,` `;` `、` or spaces
//! (`CN 43-1234/N, ISSN 1672-0008`). One malformed part, or two numbers of one kind, makes the
//! whole serial malformed.

use std::ops::Range;

/// Where the unified numbers of a serial were written (ranges of the caller's buffer, each
/// normalised: `43-1234/N`, `1672-0008`), or just that they exist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Numbers {
    /// The CN number without its prefix, upper case.
    pub cn: Option<Range<usize>>,
    /// The ISSN without its prefix, upper case.
    pub issn: Option<Range<usize>>,
}

/// What a paper's `serial` field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Serial {
    /// Absent or empty after trimming.
    None,
    /// One or two well-formed numbers (at most one of each kind).
    Valid(Numbers),
    /// Anything else.
    Malformed,
}

/// Full-width forms to ASCII, the ideographic space to a space, ASCII letters to upper case.
pub(crate) fn width_fold(c: char) -> char {
    let folded = match u32::from(c) {
        0xFF01..=0xFF5E => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    folded.to_ascii_uppercase()
}

/// The longest folded serial read (separators collapsed): far beyond any real pair of
/// numbers; a longer text is malformed.
const MAX_FOLDED: usize = 96;

/// Reads a serial number as I-6 defines it (nothing is written).
pub(crate) fn read(serial: Option<&str>) -> Serial {
    read_into(serial, None)
}

/// Reads a serial number as I-6 defines it, appending each normalised number to `out` (when
/// given) and saying where. Allocates nothing itself.
pub(crate) fn read_into(serial: Option<&str>, out: Option<&mut String>) -> Serial {
    // Width-folded, upper case, each run of separators as one `,`; a character that folds to
    // nothing ASCII can be part of no number.
    let mut buffer = [0u8; MAX_FOLDED];
    let mut len = 0usize;
    let mut separated = true;
    let serial = serial.unwrap_or("");
    if serial.is_ascii() {
        // The usual case, byte by byte: no width forms to fold.
        for &b in serial.as_bytes() {
            let byte = if b.is_ascii_whitespace() || b == b',' || b == b';' || b == 0x0b {
                if separated {
                    continue;
                }
                separated = true;
                b','
            } else {
                separated = false;
                b.to_ascii_uppercase()
            };
            let Some(slot) = buffer.get_mut(len) else {
                return Serial::Malformed;
            };
            *slot = byte;
            len += 1;
        }
        return numbers(buffer.get(..len).unwrap_or_default(), out);
    }
    for c in serial.chars().map(width_fold) {
        let byte = if is_separator(c) {
            if separated {
                continue;
            }
            separated = true;
            b','
        } else if c.is_ascii() {
            separated = false;
            u8::try_from(c).unwrap_or(0)
        } else {
            return Serial::Malformed;
        };
        let Some(slot) = buffer.get_mut(len) else {
            return Serial::Malformed;
        };
        *slot = byte;
        len += 1;
    }
    numbers(buffer.get(..len).unwrap_or_default(), out)
}

/// The numbers of a folded serial (upper case, each run of separators one `,`).
fn numbers(folded: &[u8], mut out: Option<&mut String>) -> Serial {
    let mut text = folded;
    let mut numbers = Numbers::default();
    let mut any = false;
    loop {
        text = text.strip_prefix(b",").unwrap_or(text);
        if text.is_empty() {
            break;
        }
        let start = out.as_deref().map_or(0, String::len);
        let Some((kind, rest)) = one_number(text, out.as_deref_mut()) else {
            return Serial::Malformed;
        };
        let range = start..out.as_deref().map_or(0, String::len);
        let slot = match kind {
            Kind::Cn => &mut numbers.cn,
            Kind::Issn => &mut numbers.issn,
        };
        if slot.is_some() {
            return Serial::Malformed;
        }
        *slot = Some(range);
        any = true;
        // A number must end at a separator or at the end.
        if rest.first().is_some_and(|&b| b != b',') {
            return Serial::Malformed;
        }
        text = rest;
    }
    if any {
        Serial::Valid(numbers)
    } else {
        Serial::None
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '、')
}

#[derive(Clone, Copy)]
enum Kind {
    Cn,
    Issn,
}

/// After `CN` or `ISSN`: an optional `:` and any number of spaces (collapsed to one `,`).
fn after_prefix(text: &[u8]) -> &[u8] {
    let text = text.strip_prefix(b":").unwrap_or(text);
    text.strip_prefix(b",").unwrap_or(text)
}

/// One number at the start of `text`, written to `out`, and what follows it.
fn one_number<'a>(text: &'a [u8], out: Option<&mut String>) -> Option<(Kind, &'a [u8])> {
    let (kind, len, body) = if let Some(rest) = text.strip_prefix(b"CN") {
        let body = after_prefix(rest);
        (Kind::Cn, cn(body)?, body)
    } else {
        let body = text.strip_prefix(b"ISSN").map_or(text, after_prefix);
        (Kind::Issn, issn(body)?, body)
    };
    let number = body.get(..len)?;
    if let Some(out) = out {
        // The folded text is ASCII: the number's bytes are its characters.
        out.push_str(std::str::from_utf8(number).unwrap_or_default());
    }
    Some((kind, body.get(len..)?))
}

fn digits(text: &[u8], from: usize, n: usize) -> Option<()> {
    text.get(from..from.checked_add(n)?)?
        .iter()
        .all(u8::is_ascii_digit)
        .then_some(())
}

/// 2 digits, `-`, 4 digits, `/`, capital letters, optional digits: the length.
fn cn(text: &[u8]) -> Option<usize> {
    digits(text, 0, 2)?;
    (text.get(2) == Some(&b'-')).then_some(())?;
    digits(text, 3, 4)?;
    (text.get(7) == Some(&b'/')).then_some(())?;
    let class = text.get(8..)?;
    let letters = class.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if letters == 0 {
        return None;
    }
    let numbers = class
        .get(letters..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    Some(8 + letters + numbers)
}

/// `dddd-dddX` with a valid check digit: the length.
fn issn(text: &[u8]) -> Option<usize> {
    let [d0, d1, d2, d3, b'-', d4, d5, d6, check] = *text.get(..9)? else {
        return None;
    };
    let body = [d0, d1, d2, d3, d4, d5, d6];
    let mut sum = 0u32;
    for (d, w) in body.iter().zip((2..=8u32).rev()) {
        if !d.is_ascii_digit() {
            return None;
        }
        sum += u32::from(d - b'0') * w;
    }
    let expected = (11 - sum % 11) % 11;
    let ok = match check {
        b'X' => expected == 10,
        c if c.is_ascii_digit() => u32::from(c - b'0') == expected,
        _ => false,
    };
    ok.then_some(9)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `read_into` found, with the numbers' texts.
    fn texts(serial: &str) -> Option<(Option<String>, Option<String>)> {
        let mut out = String::new();
        match read_into(Some(serial), Some(&mut out)) {
            Serial::Valid(n) => {
                let text = |r: Option<Range<usize>>| r.and_then(|r| out.get(r)).map(str::to_owned);
                Some((text(n.cn), text(n.issn)))
            }
            _ => None,
        }
    }

    fn numbers(cn: Option<&str>, issn: Option<&str>) -> Option<(Option<String>, Option<String>)> {
        Some((cn.map(str::to_owned), issn.map(str::to_owned)))
    }

    #[test]
    fn i_6_cn_numbers() {
        for ok in [
            "CN 43-1234/N",
            "  CN 43-1234/N ",
            "CN  43-1234/N",
            "cn 43-1234/n",
            "CN:43-1234/N",
            "CN: 43-1234/N",
            "CN43-1234／N",
            "ＣＮ４３－１２３４／Ｎ",
        ] {
            assert_eq!(texts(ok), numbers(Some("43-1234/N"), None), "{ok}");
        }
        assert_eq!(texts("CN11-2345/TP"), numbers(Some("11-2345/TP"), None));
        assert_eq!(texts("CN 11-1234/G4"), numbers(Some("11-1234/G4"), None));
        for bad in [
            "CN 4-1234/N",
            "CN 43-1234/",
            "CN 43-1234/4G",
            "CN 43-1234/N4G",
            "43-1234/N",
            "CN 43-1234/N x",
        ] {
            assert_eq!(read(Some(bad)), Serial::Malformed, "{bad}");
        }
    }

    #[test]
    fn i_6_issn_numbers() {
        for (ok, number) in [
            ("ISSN 0028-0836", "0028-0836"),
            ("0028-0836", "0028-0836"),
            ("ISSN0028-0836", "0028-0836"),
            ("ISSN: 1674-862x", "1674-862X"),
            ("issn 1674-862X", "1674-862X"),
            ("0000-006X", "0000-006X"),
            ("\u{3000}0028-0836\u{a0}", "0028-0836"),
        ] {
            assert_eq!(texts(ok), numbers(None, Some(number)), "{ok}");
        }
        for bad in [
            "0028-0837",
            "00280836",
            "ISSN 0028-083",
            "0028-083/",
            "002A-0836",
            "0028-0836SS",
        ] {
            assert_eq!(read(Some(bad)), Serial::Malformed, "{bad}");
        }
        assert_eq!(read(Some("   ")), Serial::None);
        assert_eq!(read(Some(" , ; ")), Serial::None);
        assert_eq!(read(None), Serial::None);
    }

    /// Both numbers in one string; two of one kind, or one bad part, spoil the whole.
    #[test]
    fn i_6_both_numbers_in_one_serial() {
        let both = numbers(Some("43-1234/N"), Some("1672-0008"));
        for ok in [
            "CN 43-1234/N, ISSN 1672-0008",
            "CN 43-1234/N;ISSN 1672-0008",
            "ISSN 1672-0008、CN 43-1234/N",
            "CN43-1234/N 1672-0008",
        ] {
            assert_eq!(texts(ok), both, "{ok}");
        }
        for bad in [
            "CN 43-1234/N, CN 11-2345/TP",
            "ISSN 1672-0008, 0028-0836",
            "CN 43-1234/N, ISSN 1672-0009",
            "CN 43-1234/N / ISSN 1672-0008",
        ] {
            assert_eq!(read(Some(bad)), Serial::Malformed, "{bad}");
        }
    }
}
