//! I-6: unified serial numbers (统一刊号): CN numbers for domestic journals, ISSNs for foreign
//! ones.

/// What a paper's `serial` field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Serial {
    /// Absent or empty after trimming.
    None,
    /// A well-formed CN number (`CN 43-1234/N`).
    Cn,
    /// A well-formed ISSN with a valid check digit (`ISSN 0028-0836`, `0028-0836`).
    Issn,
    /// Neither.
    Malformed,
}

/// `text` without surrounding whitespace (as [`str::trim`]; a text that starts and ends with a
/// visible ASCII character is returned without decoding it).
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// Classifies a serial number as I-6 defines it; surrounding spaces are trimmed.
pub(crate) fn classify(serial: Option<&str>) -> Serial {
    let text = serial.map(trim).unwrap_or("");
    if text.is_empty() {
        Serial::None
    } else if is_cn(text) {
        Serial::Cn
    } else if is_issn(text) {
        Serial::Issn
    } else {
        Serial::Malformed
    }
}

fn digits(text: &str, n: usize) -> Option<&str> {
    let head = text.get(..n)?;
    head.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.get(n..))
        .flatten()
}

/// `CN`, an optional space, 2 digits, `-`, 4 digits, `/`, capital letters, optional digits.
fn is_cn(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("CN") else {
        return false;
    };
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let Some(rest) = digits(rest, 2).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    let Some(class) = digits(rest, 4).and_then(|r| r.strip_prefix('/')) else {
        return false;
    };
    let letters = class.bytes().take_while(u8::is_ascii_uppercase).count();
    let tail = class.get(letters..).unwrap_or("x");
    letters > 0 && tail.bytes().all(|b| b.is_ascii_digit())
}

/// `dddd-dddX` with a valid check digit, optionally after `ISSN` and an optional space.
fn is_issn(text: &str) -> bool {
    let number = match text.strip_prefix("ISSN") {
        Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
        None => text,
    };
    let b = number.as_bytes();
    let [d0, d1, d2, d3, b'-', d4, d5, d6, check] = b else {
        return false;
    };
    let body = [*d0, *d1, *d2, *d3, *d4, *d5, *d6];
    if !body.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = body
        .iter()
        .zip((2..=8u32).rev())
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let expected = (11 - sum % 11) % 11;
    match check {
        b'X' => expected == 10,
        c if c.is_ascii_digit() => u32::from(c - b'0') == expected,
        _ => false,
    }
}

/// The normalised serial used to find the same paper twice (I-8): upper case, no spaces, no
/// `ISSN` prefix.
pub(crate) fn normalised(serial: &str) -> impl Iterator<Item = char> + '_ {
    unprefixed(serial)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
}

/// The text that [`normalised`] normalises: trimmed, without the `ISSN` prefix.
fn unprefixed(serial: &str) -> &str {
    let text = trim(serial);
    text.strip_prefix("ISSN").unwrap_or(text)
}

/// `normalised(a).cmp(normalised(b))`, without decoding equal or ASCII texts.
pub(crate) fn cmp_normalised(a: &str, b: &str) -> std::cmp::Ordering {
    if a == b {
        return std::cmp::Ordering::Equal;
    }
    let (a, b) = (unprefixed(a), unprefixed(b));
    if a.is_ascii() && b.is_ascii() {
        // For ASCII, `char::is_whitespace` and `to_uppercase` act byte by byte.
        fn units(s: &str) -> impl Iterator<Item = u8> + '_ {
            s.bytes()
                .filter(|b| !char::from(*b).is_whitespace())
                .map(|b| b.to_ascii_uppercase())
        }
        units(a).cmp(units(b))
    } else {
        normalised(a).cmp(normalised(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i_6_cn_numbers() {
        for ok in [
            "CN 43-1234/N",
            "CN11-2345/TP",
            "CN 11-1234/G4",
            "  CN 43-1234/N ",
        ] {
            assert_eq!(classify(Some(ok)), Serial::Cn, "{ok}");
        }
        for bad in [
            "CN 4-1234/N",
            "CN 43-1234/n",
            "CN 43-1234/",
            "CN  43-1234/N",
            "cn 43-1234/N",
            "CN 43-1234/4G",
        ] {
            assert_eq!(classify(Some(bad)), Serial::Malformed, "{bad}");
        }
    }

    #[test]
    fn i_6_issn_numbers() {
        for ok in [
            "ISSN 0028-0836",
            "0028-0836",
            "ISSN0028-0836",
            "0378-5955",
            "2049-3630",
            "0000-006X",
        ] {
            assert_eq!(classify(Some(ok)), Serial::Issn, "{ok}");
        }
        for bad in [
            "0028-0837",
            "00280836",
            "ISSN 0028-083",
            "0028-083x",
            "0028-083/",
            "002A-0836",
        ] {
            assert_eq!(classify(Some(bad)), Serial::Malformed, "{bad}");
        }
        assert_eq!(classify(Some("   ")), Serial::None);
        let serials = [
            "CN 43-1234/N",
            "cn43-1234/n",
            " CN43-1234/N\u{b}",
            "ISSN 0028-0836",
            "0028-0836",
            "\u{3000}ISSN 0028-0836",
            "0028-0836\u{a0}ß",
            "0028-0836SS",
            "",
        ];
        for a in serials {
            for b in serials {
                assert_eq!(
                    cmp_normalised(a, b),
                    normalised(a).cmp(normalised(b)),
                    "{a:?} {b:?}"
                );
            }
        }
        assert_eq!(classify(Some("\u{3000}0028-0836\u{a0}")), Serial::Issn);
        assert_eq!(classify(Some("\t0028-0836")), Serial::Issn);
        assert_eq!(classify(None), Serial::None);
    }
}
