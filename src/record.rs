//! A professional's record: the review span asked for and the evidence items, as the JSON
//! contract writes them.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod item;

use item::{EvidenceList, OptDate};

use crate::evidence::*;

/// An inclusive range of calendar years, `from` ≤ `to`, both within 1–9999.
///
/// The fields are public, so a value built in Rust may break these bounds (an inverted span,
/// years far outside 1–9999): every method still answers without overflow, and
/// [`Span::new`], [`Span::within`] and [`crate::policy::Limits::check_span`] refuse such a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

impl std::fmt::Display for Span {
    /// `2019-2023`, or `2023` for a one-year span.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}-{}", self.from, self.to)
        }
    }
}

/// Years a span may name (the years a `YYYY-MM-DD` date can carry).
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

impl Span {
    /// A span of whole years, refusing an inverted one or years outside 1–9999.
    ///
    /// # Errors
    ///
    /// [`SpanError`] says which bound is wrong.
    pub fn new(from: i32, to: i32) -> Result<Self, SpanError> {
        if !YEARS.contains(&from) || !YEARS.contains(&to) {
            return Err(SpanError::OutOfRange { from, to });
        }
        if from > to {
            return Err(SpanError::Inverted { from, to });
        }
        Ok(Span { from, to })
    }

    /// N.2: the span itself when it is valid ([`Span::new`]) and holds at most `max_years`
    /// years (a policy's `limits.max_span_years`).
    ///
    /// # Errors
    ///
    /// As [`Span::new`], and [`SpanError::TooLong`] for a longer span.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Span, SpanError};
    ///
    /// let span = Span { from: 2019, to: 2023 };
    /// assert_eq!(span.within(5), Ok(span));
    /// assert_eq!(
    ///     span.within(4),
    ///     Err(SpanError::TooLong { from: 2019, to: 2023, max_years: 4 })
    /// );
    /// ```
    pub fn within(self, max_years: u32) -> Result<Span, SpanError> {
        let span = Span::new(self.from, self.to)?;
        if span.years_long() > u64::from(max_years) {
            return Err(SpanError::TooLong {
                from: self.from,
                to: self.to,
                max_years,
            });
        }
        Ok(span)
    }

    /// Whether `year` lies in the span.
    pub fn contains(&self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }

    /// The span's years in order.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.from..=self.to
    }

    /// The number of years in the span (0 for an inverted one; exact for any two `i32`s).
    pub fn len(&self) -> usize {
        usize::try_from(self.years_long()).unwrap_or(usize::MAX)
    }

    /// The number of years, in `u64`: at most 2³², so never saturated.
    fn years_long(&self) -> u64 {
        i64::from(self.to)
            .checked_sub(i64::from(self.from))
            .and_then(|d| d.checked_add(1))
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(0)
    }

    /// Whether the span holds no year (never true for a span made by [`Span::new`]).
    pub fn is_empty(&self) -> bool {
        self.from > self.to
    }

    /// The position of `year` in the span, if it lies in it.
    pub fn index(&self, year: i32) -> Option<usize> {
        if self.contains(year) {
            i64::from(year)
                .checked_sub(i64::from(self.from))
                .and_then(|i| usize::try_from(i).ok())
        } else {
            None
        }
    }
}

/// A span that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SpanError {
    /// `from` is after `to`.
    #[error("span `from` {from} is after `to` {to}")]
    Inverted {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
    },
    /// A year outside 1–9999.
    #[error("span {from}–{to} lies outside the years 1–9999")]
    OutOfRange {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
    },
    /// N.2: more years than the policy's `limits.max_span_years`.
    #[error(
        "span {from}–{to} is longer than the {max_years} years the policy allows (limits.max_span_years)"
    )]
    TooLong {
        /// First year given.
        from: i32,
        /// Last year given.
        to: i32,
        /// The most years the policy allows.
        max_years: u32,
    },
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RawSpan {
            from: i32,
            to: i32,
        }
        let raw = RawSpan::deserialize(d)?;
        Span::new(raw.from, raw.to).map_err(de::Error::custom)
    }
}

/// A professional's record: which policy, which span, and the evidence.
///
/// Reading one from JSON refuses anything that does not fit the contract (unknown fields or
/// kinds, repeated keys, fields foreign to a kind, bad dates, out-of-range numbers, an empty ID,
/// an inverted span), with a message naming the place. Two items with one ID are refused when
/// the record is evaluated ([`crate::EvaluateError::DuplicateId`]), which also covers records
/// built in Rust.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Record {
    /// Policy ID; `None` means the default, `hunan-2024`.
    pub policy: Option<String>,
    /// Review span; `None` means the policy's default span.
    pub span: Option<Span>,
    /// The evidence items, in the order the applicant listed them.
    pub evidence: Vec<Evidence>,
    /// The person's title grade (`intermediate`, `deputy_senior` …), for a policy whose
    /// minimums depend on it (its `grades`); `None`: the policy's own minimums.
    pub grade: Option<String>,
    /// Only hours earned on or after this date count (after a promotion, the date the
    /// qualification was published; after a transfer, the date of the transfer), for a policy
    /// with a `person_window`.
    pub counts_from: Option<NaiveDate>,
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        if let Some(policy) = &self.policy {
            map.serialize_entry("policy", policy)?;
        }
        if let Some(span) = &self.span {
            map.serialize_entry("span", span)?;
        }
        if let Some(grade) = &self.grade {
            map.serialize_entry("grade", grade)?;
        }
        if let Some(date) = &self.counts_from {
            map.serialize_entry("counts_from", &date.format("%Y-%m-%d").to_string())?;
        }
        map.serialize_entry("evidence", &self.evidence)?;
        map.end()
    }
}

/// Most evidence items a record read with plain [`Deserialize`] may hold: the built-in
/// policy's `limits.max_items`. Reading stops with an error as soon as the evidence list passes
/// it, before the rest is read. To read with a policy's own limit, use [`RecordSeed`] (or
/// [`Record::deserialize_with_limit`]); evaluation checks the policy's limit again
/// ([`crate::EvaluateError`]), which also covers records built in Rust.
pub const MAX_ITEMS: usize = 1_000_000;

impl<'de> Deserialize<'de> for Record {
    /// Reads a record of the JSON contract, refusing more than [`MAX_ITEMS`] items while reading.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Record::deserialize_with_limit(d, MAX_ITEMS)
    }
}

impl Record {
    /// Reads a record of the JSON contract, refusing it as soon as its evidence list holds more
    /// than `max_items` items (a policy's `limits.max_items`): a larger record is never read
    /// whole.
    ///
    /// # Errors
    ///
    /// As [`Deserialize`], and `evidence: more than N items` past the limit.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::Record;
    ///
    /// let text = r#"{"evidence": [
    ///     {"id": "a", "kind": "degree_course", "courses": 1, "passed": "2020-01-01"},
    ///     {"id": "b", "kind": "degree_course", "courses": 1, "passed": "2020-01-01"}]}"#;
    /// let mut json = serde_json::Deserializer::from_str(text);
    /// let err = Record::deserialize_with_limit(&mut json, 1).unwrap_err();
    /// assert!(err.to_string().starts_with("evidence: more than 1 item"));
    /// let mut json = serde_json::Deserializer::from_str(text);
    /// assert_eq!(Record::deserialize_with_limit(&mut json, 2)?.evidence.len(), 2);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deserialize_with_limit<'de, D: Deserializer<'de>>(
        d: D,
        max_items: usize,
    ) -> Result<Record, D::Error> {
        d.deserialize_map(RecordVisitor { max_items })
    }
}

/// Reads a [`Record`] with an item limit (a policy's `limits.max_items`), as
/// [`Record::deserialize_with_limit`] does: for `DeserializeSeed`-driven readers
/// (`seed.deserialize(&mut serde_json::Deserializer::from_str(text))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSeed {
    /// Most evidence items the record may hold.
    pub max_items: usize,
}

impl<'de> DeserializeSeed<'de> for RecordSeed {
    type Value = Record;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Record, D::Error> {
        Record::deserialize_with_limit(d, self.max_items)
    }
}

struct RecordVisitor {
    max_items: usize,
}

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object with `evidence`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut policy: Option<Option<String>> = None;
        let mut span: Option<Option<Span>> = None;
        let mut evidence: Option<Vec<Evidence>> = None;
        let mut grade: Option<Option<String>> = None;
        let mut counts_from: Option<Option<NaiveDate>> = None;
        while let Some(key) = map.next_key::<RecordField>()? {
            let dup = |name: &str| de::Error::custom(format!("duplicate field `{name}`"));
            match key {
                RecordField::Policy if policy.is_some() => return Err(dup("policy")),
                RecordField::Policy => {
                    policy = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("policy: {e}")))?,
                    );
                }
                RecordField::Span if span.is_some() => return Err(dup("span")),
                RecordField::Span => {
                    span = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("span: {e}")))?,
                    );
                }
                RecordField::Grade if grade.is_some() => return Err(dup("grade")),
                RecordField::Grade => {
                    grade = Some(
                        map.next_value()
                            .map_err(|e| de::Error::custom(format!("grade: {e}")))?,
                    );
                }
                RecordField::CountsFrom if counts_from.is_some() => {
                    return Err(dup("counts_from"));
                }
                RecordField::CountsFrom => {
                    counts_from = Some(
                        map.next_value::<OptDate>()
                            .map_err(|e| de::Error::custom(format!("counts_from: {e}")))?
                            .0,
                    );
                }
                RecordField::Evidence if evidence.is_some() => return Err(dup("evidence")),
                RecordField::Evidence => {
                    evidence = Some(map.next_value_seed(EvidenceList {
                        max_items: self.max_items,
                    })?);
                }
            }
        }
        let evidence = evidence.ok_or_else(|| de::Error::missing_field("evidence"))?;
        Ok(Record {
            policy: policy.flatten(),
            span: span.flatten(),
            evidence,
            grade: grade.flatten(),
            counts_from: counts_from.flatten(),
        })
    }
}

/// A key of the record object, read without allocating.
enum RecordField {
    Policy,
    Span,
    Evidence,
    Grade,
    CountsFrom,
}

impl<'de> Deserialize<'de> for RecordField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Key;
        impl Visitor<'_> for Key {
            type Value = RecordField;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<RecordField, E> {
                match key {
                    "policy" => Ok(RecordField::Policy),
                    "span" => Ok(RecordField::Span),
                    "evidence" => Ok(RecordField::Evidence),
                    "grade" => Ok(RecordField::Grade),
                    "counts_from" => Ok(RecordField::CountsFrom),
                    other => Err(E::custom(format!(
                        "unknown field `{other}`, expected `policy`, `span`, `evidence`, \
                         `grade` or `counts_from`"
                    ))),
                }
            }
        }
        d.deserialize_identifier(Key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_2_spans_count_their_years() {
        let span = Span::new(2019, 2023).unwrap_or(Span { from: 0, to: 0 });
        assert_eq!(span.len(), 5);
        assert!(!span.is_empty());
        assert_eq!(
            span.years().collect::<Vec<_>>(),
            [2019, 2020, 2021, 2022, 2023]
        );
        assert_eq!(span.index(2019), Some(0));
        assert_eq!(span.index(2023), Some(4));
        assert_eq!(span.index(2024), None);
        assert_eq!(span.index(2018), None);
        assert!(
            Span {
                from: 2020,
                to: 2019
            }
            .is_empty()
        );
        let one_year = Span {
            from: 2019,
            to: 2019,
        };
        assert!(!one_year.is_empty());
        assert_eq!(one_year.len(), 1);
        assert_eq!(
            Span::new(2020, 2019),
            Err(SpanError::Inverted {
                from: 2020,
                to: 2019
            })
        );
        assert_eq!(
            Span::new(0, 2019),
            Err(SpanError::OutOfRange { from: 0, to: 2019 })
        );
        assert_eq!(
            Span::new(2019, 10000),
            Err(SpanError::OutOfRange {
                from: 2019,
                to: 10000
            })
        );
        assert_eq!(Span::new(9999, 9999).map(|s| s.len()), Ok(1));
    }
}
