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

/// The folded characters of a serial, read one by one (cloned to look ahead).
type Chars<'a> = std::iter::Map<std::str::Chars<'a>, fn(char) -> char>;

/// Reads a serial number as I-6 defines it (nothing is written).
pub(crate) fn read(serial: Option<&str>) -> Serial {
    read_into(serial, None)
}

/// Reads a serial number as I-6 defines it, appending each normalised number to `out` (when
/// given) and saying where. Allocates nothing itself.
pub(crate) fn read_into(serial: Option<&str>, mut out: Option<&mut String>) -> Serial {
    let mut chars: Chars<'_> = serial.unwrap_or("").chars().map(width_fold);
    let mut numbers = Numbers::default();
    let mut any = false;
    loop {
        skip_separators(&mut chars);
        if chars.clone().next().is_none() {
            break;
        }
        let start = out.as_deref().map_or(0, String::len);
        let Some(kind) = one_number(&mut chars, out.as_deref_mut()) else {
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
        if chars.clone().next().is_some_and(|c| !is_separator(c)) {
            return Serial::Malformed;
        }
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

fn skip_separators(chars: &mut Chars<'_>) {
    while chars.clone().next().is_some_and(is_separator) {
        chars.next();
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Cn,
    Issn,
}

/// Consumes `prefix` when the text starts with it.
fn strip(chars: &mut Chars<'_>, prefix: &str) -> bool {
    let mut ahead = chars.clone();
    if prefix.chars().all(|p| ahead.next() == Some(p)) {
        *chars = ahead;
        true
    } else {
        false
    }
}

/// After `CN` or `ISSN`: an optional `:` and any number of spaces.
fn after_prefix(chars: &mut Chars<'_>) {
    strip(chars, ":");
    while strip(chars, " ") {}
}

/// One number at the start of the text, written to `out`.
fn one_number(chars: &mut Chars<'_>, out: Option<&mut String>) -> Option<Kind> {
    if strip(chars, "CN") {
        after_prefix(chars);
        return cn(chars, out).map(|()| Kind::Cn);
    }
    if strip(chars, "ISSN") {
        after_prefix(chars);
    }
    issn(chars, out).map(|()| Kind::Issn)
}

fn push(out: &mut Option<&mut String>, c: char) {
    if let Some(out) = out {
        out.push(c);
    }
}

fn digits(chars: &mut Chars<'_>, n: usize, out: &mut Option<&mut String>) -> Option<()> {
    for _ in 0..n {
        let c = chars.next().filter(char::is_ascii_digit)?;
        push(out, c);
    }
    Some(())
}

fn literal(chars: &mut Chars<'_>, c: char, out: &mut Option<&mut String>) -> Option<()> {
    chars.next().filter(|&x| x == c)?;
    push(out, c);
    Some(())
}

/// 2 digits, `-`, 4 digits, `/`, capital letters, optional digits.
fn cn(chars: &mut Chars<'_>, mut out: Option<&mut String>) -> Option<()> {
    digits(chars, 2, &mut out)?;
    literal(chars, '-', &mut out)?;
    digits(chars, 4, &mut out)?;
    literal(chars, '/', &mut out)?;
    let mut letters = 0usize;
    while let Some(c) = chars.clone().next().filter(char::is_ascii_uppercase) {
        chars.next();
        push(&mut out, c);
        letters += 1;
    }
    while let Some(c) = chars.clone().next().filter(char::is_ascii_digit) {
        chars.next();
        push(&mut out, c);
    }
    (letters > 0).then_some(())
}

/// `dddd-dddX` with a valid check digit.
fn issn(chars: &mut Chars<'_>, mut out: Option<&mut String>) -> Option<()> {
    let mut sum = 0u32;
    for (i, weight) in (2..=8u32).rev().enumerate() {
        if i == 4 {
            literal(chars, '-', &mut out)?;
        }
        let c = chars.next()?;
        sum += c.to_digit(10)? * weight;
        push(&mut out, c);
    }
    let expected = (11 - sum % 11) % 11;
    let check = chars.next()?;
    let ok = match check {
        'X' => expected == 10,
        c => c.to_digit(10) == Some(expected),
    };
    push(&mut out, check);
    ok.then_some(())
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
