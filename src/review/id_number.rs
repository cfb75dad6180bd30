//! The Chinese resident identity card number (公民身份号码, GB 11643-1999) of an applicant.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// 性别, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// 男.
    Male,
    /// 女.
    Female,
}

impl Gender {
    /// The form's label: `男` or `女`.
    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }
}

impl fmt::Display for Gender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Gender::Male => "male",
            Gender::Female => "female",
        })
    }
}

/// Weights of the first 17 characters in the check-character sum (GB 11643-1999).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character for each remainder of the weighted sum modulo 11.
const CHECK_CHARS: [u8; 11] = *b"10X98765432";

/// A valid 18-character resident ID number: 6-digit region code, 8-digit birth date, 3-digit
/// sequence (odd for men, even for women) and a check character (`0`–`9` or `X`).
///
/// Made only by [`IdNumber::parse`], so every value has a real birth date and a correct check
/// character. A lower-case `x` is accepted and stored as `X`.
///
/// # Example
///
/// ```
/// use cehours::IdNumber;
///
/// let id = IdNumber::parse("11010519491231002x")?;
/// assert_eq!(id.as_str(), "11010519491231002X");
/// assert_eq!(id.birth_date().to_string(), "1949-12-31");
/// assert!(IdNumber::parse("110105194912310021").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Its `Debug` masks the number (`430***********1234`) so that logs carry no personal data;
/// `Display` and [`IdNumber::as_str`] give it in full.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNumber {
    text: String,
    birth: NaiveDate,
}

/// Why a text is not a valid resident ID number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
#[non_exhaustive]
pub enum IdNumberError {
    /// Not 18 characters long.
    #[error("`{text}` has {len} characters, not 18")]
    Length {
        /// The text given.
        text: String,
        /// Its length in characters.
        len: usize,
    },
    /// A character other than a digit (or `X` in the last place).
    #[error("character {position} of `{text}` is not a digit")]
    Character {
        /// The text given.
        text: String,
        /// 1-based position of the first bad character.
        position: usize,
    },
    /// Characters 7–14 are not a real date.
    #[error("`{text}` does not hold a real birth date (`{digits}`)")]
    BirthDate {
        /// The text given.
        text: String,
        /// The eight digits read as the birth date.
        digits: String,
    },
    /// The last character is not the check character of the first 17.
    #[error("`{text}` fails its check: the last character should be `{expected}`")]
    CheckCharacter {
        /// The text given.
        text: String,
        /// The check character the first 17 digits call for.
        expected: char,
    },
}

impl IdNumber {
    /// Parses and checks an ID number.
    ///
    /// # Errors
    ///
    /// [`IdNumberError`] for a wrong length, a non-digit, a birth date that does not exist
    /// (`19490230`) or a wrong check character.
    pub fn parse(text: &str) -> Result<IdNumber, IdNumberError> {
        let upper = text.replace('x', "X");
        let len = upper.chars().count();
        if len != 18 {
            return Err(IdNumberError::Length {
                text: text.to_owned(),
                len,
            });
        }
        let bytes = upper.as_bytes();
        let mut sum: u32 = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i == 17;
            let ok = b.is_ascii_digit() || (last && b == b'X');
            if !ok {
                return Err(IdNumberError::Character {
                    text: text.to_owned(),
                    position: i + 1,
                });
            }
            if let (false, Some(w)) = (last, WEIGHTS.get(i)) {
                sum += u32::from(b - b'0') * w;
            }
        }
        let digits = upper.get(6..14).unwrap_or_default().to_owned();
        let birth = parse_birth(&digits).ok_or_else(|| IdNumberError::BirthDate {
            text: text.to_owned(),
            digits,
        })?;
        let expected = usize::try_from(sum % 11)
            .ok()
            .and_then(|r| CHECK_CHARS.get(r))
            .copied()
            .map_or('?', char::from);
        if bytes.get(17).copied().map(char::from) != Some(expected) {
            return Err(IdNumberError::CheckCharacter {
                text: text.to_owned(),
                expected,
            });
        }
        Ok(IdNumber { text: upper, birth })
    }

    /// The number, with an upper-case `X`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The birth date it holds.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// The gender its sequence digit gives: odd for men, even for women.
    pub fn gender(&self) -> Gender {
        let odd = self
            .text
            .as_bytes()
            .get(16)
            .is_some_and(|b| (b - b'0') % 2 == 1);
        if odd { Gender::Male } else { Gender::Female }
    }
}

/// Reads `YYYYMMDD` as a date (years 0001–9999).
fn parse_birth(digits: &str) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<u32>().ok());
    let year = i32::try_from(num(0..4)?).ok().filter(|y| *y > 0)?;
    NaiveDate::from_ymd_opt(year, num(4..6)?, num(6..8)?)
}

impl fmt::Debug for IdNumber {
    /// The first three and last four characters, the rest masked (`430***********1234`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdNumber")
            .field(&crate::review::mask(&self.text, 3, 4))
            .finish()
    }
}

impl std::str::FromStr for IdNumber {
    type Err = IdNumberError;

    /// The same as [`IdNumber::parse`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        IdNumber::parse(text)
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for IdNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for IdNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        IdNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}
