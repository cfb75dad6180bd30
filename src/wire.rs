//! Wire formats shared by records, reports and policies: exact decimals and strict dates.
//!
//! Decimals are read from a JSON string in plain notation or a JSON number and always written as
//! a string, so no value is computed in a binary float. A JSON number is taken exactly through
//! any serde path (JSON text, a `serde_json::Value`, another format):
//!
//! - an integer arrives as one and is exact;
//! - with `serde_json`'s `arbitrary_precision` feature a number arrives as its text, which is
//!   read as written (exponents included);
//! - otherwise a number with a fraction arrives as a binary float (`f64`), and is taken through
//!   its shortest round-trip text (`3.5`, `8.5`, `0.125`). That text is the number as written for
//!   every number of up to [`MAX_FLOAT_DIGITS`] significant digits; a float whose shortest text
//!   needs more digits (`0.30000000000000004`) cannot be the number as written, and is refused
//!   with a message saying to write it as a string.
//!
//! The float is never misread: a float within about one unit in the last place of a decimal of
//! at most 15 significant digits has no other such decimal as its shortest text. So a number
//! `serde_json` rounds imperfectly (its default parser may miss the nearest float when a number
//! has more than 22 decimal places: `1e-30`) is refused, not taken as another value. A number
//! written with more than 15 significant digits may reach the reader as the float of a shorter
//! one (`0.1000000000000000055` parses to the float of `0.1` before this crate sees it); write
//! such values as strings, which are always read exactly.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};

/// Most significant digits a decimal may carry (the precision of [`Decimal`]).
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// Most significant digits a number arriving as a binary float (`f64`) may carry: every decimal
/// of up to 15 significant digits survives the trip to the nearest `f64` and back through its
/// shortest round-trip text, and no more digits are guaranteed to.
pub const MAX_FLOAT_DIGITS: usize = 15;

/// The key under which `serde_json` (feature `arbitrary_precision`) passes a number's text.
///
/// With that feature a number arrives as a one-entry map under this key; serde gives no public
/// way to tell that map from a real one without reading its key, so the key is named here, once.
/// Without the feature, numbers arrive as integers or floats and this key is never seen.
pub(crate) const SERDE_JSON_NUMBER: &str = "$serde_json::private::Number";

/// A decimal or a date that cannot be read; each names the text refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    /// Not a decimal in plain notation (`"2.5"`, `"-5"`).
    #[error("`{text}` is not a decimal in plain notation")]
    NotPlain {
        /// The text refused.
        text: String,
    },
    /// More than [`MAX_SIGNIFICANT_DIGITS`] significant digits.
    #[error("`{text}` has more than {MAX_SIGNIFICANT_DIGITS} significant digits")]
    TooManyDigits {
        /// The text refused.
        text: String,
    },
    /// A number a [`Decimal`] cannot hold.
    #[error("`{text}` is out of range")]
    OutOfRange {
        /// The text refused.
        text: String,
    },
    /// A number with an exponent whose plain form has more than [`MAX_SIGNIFICANT_DIGITS`]
    /// significant digits or does not fit a [`Decimal`].
    #[error("`{text}` is out of range: at most {MAX_SIGNIFICANT_DIGITS} significant digits")]
    TooLong {
        /// The text refused.
        text: String,
    },
    /// A number's text without digits.
    #[error("`{text}` is not a number")]
    NotANumber {
        /// The text refused.
        text: String,
    },
    /// Not a date written `YYYY-MM-DD`.
    #[error("`{text}` is not a date written YYYY-MM-DD")]
    NotADate {
        /// The text refused.
        text: String,
    },
    /// The year 0000.
    #[error("`{text}` is not a date: years start at 0001")]
    YearZero {
        /// The text refused.
        text: String,
    },
    /// A day the calendar does not have (`2023-02-30`).
    #[error("`{text}` is not a calendar date")]
    NotInCalendar {
        /// The text refused.
        text: String,
    },
}

/// Parses a decimal in plain notation (`"2.5"`, `"-5"`, `"0.125"`), exactly.
///
/// # Errors
///
/// A text that is not plain notation, or that has more than 28 significant digits or does not
/// fit a [`Decimal`], is refused with a message saying which.
pub fn parse_plain_decimal(text: &str) -> Result<Decimal, WireError> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.ends_with('.'));
    if !plain {
        return Err(WireError::NotPlain { text: text.into() });
    }
    let significant = int
        .bytes()
        .chain(frac.bytes())
        .skip_while(|&b| b == b'0')
        .count();
    if significant > MAX_SIGNIFICANT_DIGITS {
        return Err(WireError::TooManyDigits { text: text.into() });
    }
    Decimal::from_str_exact(text).map_err(|_| WireError::OutOfRange { text: text.into() })
}

/// Parses a JSON number's text (plain or with an exponent), exactly: an exponent is applied by
/// moving the decimal point, and the result must then be a valid plain decimal.
fn parse_json_number(text: &str) -> Result<Decimal, WireError> {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return parse_plain_decimal(text);
    };
    let out_of_range = || WireError::OutOfRange { text: text.into() };
    let exponent: i64 = exponent
        .strip_prefix('+')
        .unwrap_or(exponent)
        .parse()
        .map_err(|_| out_of_range())?;
    let (sign, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.is_empty() {
        return Err(WireError::NotANumber { text: text.into() });
    }
    if digits.bytes().all(|b| b == b'0') {
        return Ok(Decimal::ZERO);
    }
    // Position of the decimal point within `digits` after applying the exponent.
    let int_len = i64::try_from(int.len()).map_err(|_| out_of_range())?;
    let point = int_len.checked_add(exponent).ok_or_else(out_of_range)?;
    let len = i64::try_from(digits.len()).map_err(|_| out_of_range())?;
    // Anything this far out cannot be held in 28 digits.
    if !(-64..=64 + len).contains(&point) {
        return Err(out_of_range());
    }
    let plain = if point <= 0 {
        let zeros = "0".repeat(usize::try_from(-point).map_err(|_| out_of_range())?);
        format!("{sign}0.{zeros}{digits}")
    } else if point >= len {
        let zeros = "0".repeat(usize::try_from(point - len).map_err(|_| out_of_range())?);
        format!("{sign}{digits}{zeros}")
    } else {
        let at = usize::try_from(point).map_err(|_| out_of_range())?;
        let (a, b) = digits.split_at(at);
        format!("{sign}{a}.{b}")
    };
    parse_plain_decimal(&plain).map_err(|_| WireError::TooLong { text: text.into() })
}

/// The shortest round-trip text of a binary float (`3.5` → `"3.5"`), when that text is the
/// number as written: at most [`MAX_FLOAT_DIGITS`] significant digits.
///
/// # Errors
///
/// A float whose shortest text has more significant digits, or that is not finite, is refused
/// with a message saying to write the value as a string.
pub(crate) fn float_text(v: f64) -> Result<String, String> {
    if !v.is_finite() {
        return Err(format!(
            "`{v}` is not a finite number; write the value as a string"
        ));
    }
    // `Display` for f64 writes the shortest text that reads back as the same float, in plain
    // notation (never an exponent).
    let text = format!("{v}");
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let significant = digits.trim_start_matches('0').trim_end_matches('0').len();
    if significant > MAX_FLOAT_DIGITS {
        return Err(format!(
            "`{text}` cannot be taken exactly as a JSON number; write it as a string"
        ));
    }
    Ok(text)
}

struct DecimalVisitor;

impl<'de> Visitor<'de> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal as a string in plain notation or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_plain_decimal(v).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        let text = float_text(v).map_err(E::custom)?;
        parse_plain_decimal(&text).map_err(E::custom)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        <Decimal as FromPrimitive>::from_u128(v)
            .ok_or_else(|| E::custom(format!("`{v}` is out of range")))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        <Decimal as FromPrimitive>::from_i128(v)
            .ok_or_else(|| E::custom(format!("`{v}` is out of range")))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Decimal, A::Error> {
        // serde_json with `arbitrary_precision` passes a number as a one-entry map.
        match map.next_key::<String>()? {
            Some(key) if key == SERDE_JSON_NUMBER => {
                let text: String = map.next_value()?;
                parse_json_number(&text).map_err(de::Error::custom)
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

/// Serde `with` module for [`Decimal`] values: written as a normalised string, read from a
/// string in plain notation or a number.
pub mod decimal {
    use super::*;

    /// Writes the decimal as a string without trailing zeros (`"28"`, `"2.5"`).
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&value.normalize())
    }

    /// Reads a decimal from a string in plain notation or a number, exactly.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

/// Serde `with` module for `Option<Decimal>`; `null` and absence both mean `None`.
pub mod opt_decimal {
    use super::*;

    /// Writes `Some` as a normalised decimal string and `None` as `null`.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.collect_str(&v.normalize()),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` as `None`, anything else as [`decimal`] does.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        struct Opt;
        impl<'de> Visitor<'de> for Opt {
            type Value = Option<Decimal>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a decimal or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.deserialize_any(DecimalVisitor).map(Some)
            }
            // A format that reads an option as its value (no `Some` wrapper) hands the value
            // over directly: read it as `decimal` does.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                DecimalVisitor.visit_str(v).map(Some)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_u64(v).map(Some)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_i64(v).map(Some)
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
                DecimalVisitor.visit_u128(v).map(Some)
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
                DecimalVisitor.visit_i128(v).map(Some)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                DecimalVisitor.visit_f64(v).map(Some)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                DecimalVisitor.visit_map(map).map(Some)
            }
        }
        d.deserialize_option(Opt)
    }
}

/// Parses a date written exactly `YYYY-MM-DD` (years 0001–9999).
///
/// # Errors
///
/// Any other shape, or a day that does not exist, is refused.
pub fn parse_date(text: &str) -> Result<NaiveDate, WireError> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    let bad = || WireError::NotADate { text: text.into() };
    if !shape {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return Err(bad());
    };
    let year = i32::try_from(y).map_err(|_| bad())?;
    if year == 0 {
        return Err(WireError::YearZero { text: text.into() });
    }
    NaiveDate::from_ymd_opt(year, m, d)
        .ok_or_else(|| WireError::NotInCalendar { text: text.into() })
}

/// Writes `date` as `YYYY-MM-DD`, refusing a date that form cannot hold (a year outside
/// 0001–9999, which [`parse_date`] would refuse on reading): what is written can be read back.
fn write_date<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    use chrono::Datelike;
    if !(1..=9999).contains(&date.year()) {
        return Err(serde::ser::Error::custom(format!(
            "date {date} lies outside the years 0001–9999 and cannot be written YYYY-MM-DD"
        )));
    }
    s.collect_str(&date.format("%Y-%m-%d"))
}

/// Serde `with` module for [`NaiveDate`] written `YYYY-MM-DD`.
pub mod date {
    use super::*;

    /// Writes `YYYY-MM-DD`.
    ///
    /// # Errors
    ///
    /// A date outside the years 0001–9999 (chrono allows them; the contract does not) is
    /// refused, so that nothing is written that reading would refuse.
    pub fn serialize<S: Serializer>(value: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        write_date(value, s)
    }

    /// Reads exactly `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<NaiveDate, E> {
                parse_date(v).map_err(E::custom)
            }
        }
        d.deserialize_str(DateVisitor)
    }
}

/// Serde `with` module for `Option<NaiveDate>`; `null` and absence both mean `None`.
pub mod opt_date {
    use super::*;

    /// Writes `Some` as `YYYY-MM-DD`, `None` as `null`.
    ///
    /// # Errors
    ///
    /// As [`date::serialize`]: a year outside 0001–9999 is refused.
    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => write_date(v, s),
            None => s.serialize_none(),
        }
    }

    /// Reads `null` as `None`, otherwise exactly `YYYY-MM-DD`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        struct Opt;
        impl<'de> Visitor<'de> for Opt {
            type Value = Option<NaiveDate>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD or null")
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                super::date::deserialize(d).map(Some)
            }
        }
        d.deserialize_option(Opt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_are_exact() {
        assert_eq!(
            parse_plain_decimal("2.5").map(|d| d.to_string()),
            Ok("2.5".into())
        );
        assert_eq!(
            parse_plain_decimal("-5").map(|d| d.to_string()),
            Ok("-5".into())
        );
        assert!(parse_plain_decimal("1e30").is_err());
        assert!(parse_plain_decimal("1.").is_err());
        assert!(parse_plain_decimal(".5").is_err());
        assert!(parse_plain_decimal("").is_err());
        assert!(parse_plain_decimal("0.1234567890123456789012345678").is_ok());
        assert!(parse_plain_decimal("1.0000000000000000000000000001").is_err());
        assert!(parse_plain_decimal("99999999999999999999999999999").is_err());
    }

    #[test]
    fn json_number_exponents_move_the_point() {
        let ok = |text: &str| parse_json_number(text).map(|d| d.normalize().to_string());
        assert_eq!(ok("25e-1"), Ok("2.5".into()));
        assert_eq!(ok("-1.5E+2"), Ok("-150".into()));
        assert_eq!(ok("123.456e1"), Ok("1234.56".into()));
        assert_eq!(ok("123.456e-4"), Ok("0.0123456".into()));
        assert_eq!(ok("5e0"), Ok("5".into()));
        assert_eq!(ok("0e99"), Ok("0".into()));
        assert_eq!(ok("1e-28"), Ok("0.0000000000000000000000000001".into()));
        assert_eq!(ok("1e27"), Ok("1000000000000000000000000000".into()));
        assert!(parse_json_number("1e-29").is_err());
        assert!(parse_json_number("1e28").is_err());
        assert!(parse_json_number("e5").is_err());
        assert!(parse_json_number("1e999999999999999999999").is_err());
        assert_eq!(ok("2.5"), Ok("2.5".into()));
    }

    #[test]
    fn decimals_from_every_integer_width() {
        use serde::de::IntoDeserializer;
        use serde::de::value::Error;
        let u128_ok: Result<Decimal, Error> = decimal::deserialize(5u128.into_deserializer());
        assert_eq!(u128_ok, Ok(Decimal::from(5)));
        let i128_ok: Result<Decimal, Error> = decimal::deserialize((-5i128).into_deserializer());
        assert_eq!(i128_ok, Ok(Decimal::from(-5)));
        let i64_ok: Result<Decimal, Error> = decimal::deserialize((-7i64).into_deserializer());
        assert_eq!(i64_ok, Ok(Decimal::from(-7)));
        let too_big: Result<Decimal, Error> = decimal::deserialize(u128::MAX.into_deserializer());
        assert!(too_big.is_err());
        let too_small: Result<Decimal, Error> = decimal::deserialize(i128::MIN.into_deserializer());
        assert!(too_small.is_err());
        let wrong: Result<Decimal, Error> = decimal::deserialize(true.into_deserializer());
        let message = wrong.map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(
            message.contains("a decimal as a string in plain notation or a number"),
            "{message}"
        );
        let date: Result<NaiveDate, Error> = date::deserialize(5u64.into_deserializer());
        let message = date.map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(message.contains("a date written YYYY-MM-DD"), "{message}");
    }

    #[test]
    fn floats_are_taken_through_their_shortest_text() {
        use serde::de::IntoDeserializer;
        use serde::de::value::Error;
        let read = |v: f64| {
            let got: Result<Decimal, Error> = decimal::deserialize(v.into_deserializer());
            got.map(|d| d.normalize().to_string())
                .map_err(|e| e.to_string())
        };
        assert_eq!(read(3.5), Ok("3.5".into()));
        assert_eq!(read(8.5), Ok("8.5".into()));
        assert_eq!(read(0.1), Ok("0.1".into()));
        assert_eq!(read(-2.25), Ok("-2.25".into()));
        // 15 significant digits, the most a float is guaranteed to carry.
        assert_eq!(read(0.123456789012345), Ok("0.123456789012345".into()));
        assert_eq!(read(123456789.012345), Ok("123456789.012345".into()));
        assert_eq!(read(1e20), Ok("100000000000000000000".into()));
        // 17 digits: the float of 0.1 + 0.2, not a number anyone wrote with 15 digits.
        assert_eq!(
            read(0.300_000_000_000_000_04),
            Err("`0.30000000000000004` cannot be taken exactly as a JSON number; write it as a string".into())
        );
        assert!(read(1e-30).is_err());
        assert!(read(1e28).is_err());
        assert!(read(f64::NAN).is_err());
        assert!(read(f64::INFINITY).is_err());
        let none: Result<Option<Decimal>, Error> =
            opt_decimal::deserialize(12.5f64.into_deserializer());
        assert_eq!(none, Ok(Some(Decimal::new(125, 1))));
    }

    #[test]
    fn json_numbers_with_exponents() {
        assert_eq!(
            parse_json_number("1.5e2").map(|d| d.normalize().to_string()),
            Ok("150".into())
        );
        assert!(parse_json_number("1e30").is_err());
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2020-02-29").is_ok());
        assert!(parse_date("2021-02-29").is_err());
        assert!(parse_date("2021-2-1").is_err());
        assert!(parse_date("0000-01-01").is_err());
        assert!(parse_date("0001-01-01").is_ok());
        assert!(parse_date("9999-12-31").is_ok());
        assert!(parse_date("+2020-01-01").is_err());
    }

    #[test]
    fn refusals_are_typed_and_keep_their_text() {
        let text = |t: &str| t.to_owned();
        let cases: [(Result<(), WireError>, WireError, &str); 6] = [
            (
                parse_plain_decimal("1.").map(drop),
                WireError::NotPlain { text: text("1.") },
                "`1.` is not a decimal in plain notation",
            ),
            (
                parse_plain_decimal("1.0000000000000000000000000001").map(drop),
                WireError::TooManyDigits {
                    text: text("1.0000000000000000000000000001"),
                },
                "`1.0000000000000000000000000001` has more than 28 significant digits",
            ),
            (
                parse_json_number("1e28").map(drop),
                WireError::TooLong { text: text("1e28") },
                "`1e28` is out of range: at most 28 significant digits",
            ),
            (
                parse_date("2021-2-1").map(drop),
                WireError::NotADate {
                    text: text("2021-2-1"),
                },
                "`2021-2-1` is not a date written YYYY-MM-DD",
            ),
            (
                parse_date("0000-01-01").map(drop),
                WireError::YearZero {
                    text: text("0000-01-01"),
                },
                "`0000-01-01` is not a date: years start at 0001",
            ),
            (
                parse_date("2021-02-29").map(drop),
                WireError::NotInCalendar {
                    text: text("2021-02-29"),
                },
                "`2021-02-29` is not a calendar date",
            ),
        ];
        for (got, error, message) in cases {
            assert_eq!(got, Err(error.clone()));
            assert_eq!(error.to_string(), message);
        }
    }
}
