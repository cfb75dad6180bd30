//! The flat JSON shapes of the day-based kinds: the period's `start`, `end` and `days` sit
//! beside the kind's own fields, as in the contract.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::*;
use crate::wire;

/// The flat shape of the day-based kinds: the period's `start`, `end` and `days` sit beside
/// the kind's own fields, as in the JSON contract.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DayWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<Subject>,
    #[serde(with = "wire::date")]
    start: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    end: Option<NaiveDate>,
    #[serde(with = "wire::decimal")]
    days: Decimal,
}

impl From<DayWire> for DayActivity {
    fn from(w: DayWire) -> Self {
        let period = Period {
            start: w.start,
            end: w.end,
            days: w.days,
        };
        DayActivity {
            subject: w.subject,
            period,
        }
    }
}

impl From<DayActivity> for DayWire {
    fn from(d: DayActivity) -> Self {
        let Period { start, end, days } = d.period;
        DayWire {
            subject: d.subject,
            start,
            end,
            days,
        }
    }
}

/// The flat shape of `training`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TrainingWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<Subject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<TrainingFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    provider: Option<Provider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    filed: Option<bool>,
    #[serde(with = "wire::date")]
    start: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    end: Option<NaiveDate>,
    #[serde(with = "wire::decimal")]
    days: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<Mode>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_decimal"
    )]
    hours: Option<Decimal>,
}

impl From<TrainingWire> for Training {
    fn from(w: TrainingWire) -> Self {
        let period = Period {
            start: w.start,
            end: w.end,
            days: w.days,
        };
        Training {
            subject: w.subject,
            format: w.format,
            provider: w.provider,
            filed: w.filed,
            period,
            mode: w.mode,
            hours: w.hours,
        }
    }
}

impl From<Training> for TrainingWire {
    fn from(t: Training) -> Self {
        let Period { start, end, days } = t.period;
        TrainingWire {
            subject: t.subject,
            format: t.format,
            provider: t.provider,
            filed: t.filed,
            start,
            end,
            days,
            mode: t.mode,
            hours: t.hours,
        }
    }
}

/// The flat shape of `conference`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConferenceWire {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subject: Option<Subject>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    activity: Option<MeetingKind>,
    #[serde(with = "wire::date")]
    start: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "wire::opt_date"
    )]
    end: Option<NaiveDate>,
    #[serde(with = "wire::decimal")]
    days: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    level: Option<Level>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    presented_characters: Option<u64>,
}

impl From<ConferenceWire> for Conference {
    fn from(w: ConferenceWire) -> Self {
        let period = Period {
            start: w.start,
            end: w.end,
            days: w.days,
        };
        Conference {
            subject: w.subject,
            activity: w.activity,
            period,
            level: w.level,
            presented_characters: w.presented_characters,
        }
    }
}

impl From<Conference> for ConferenceWire {
    fn from(c: Conference) -> Self {
        let Period { start, end, days } = c.period;
        ConferenceWire {
            subject: c.subject,
            activity: c.activity,
            start,
            end,
            days,
            level: c.level,
            presented_characters: c.presented_characters,
        }
    }
}
