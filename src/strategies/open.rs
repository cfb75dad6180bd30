//! Generators for the open policy model: items of declared kinds, a policy using every model
//! feature, and records mixing built-in and declared kinds with a per-person window.

use chrono::Months;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use super::{SPAN, YEARS, date, numbered, period, valid_activity};
use crate::evidence::*;
use crate::record::{Record, Span};

/// The declared kinds [`open_policy`] credits, with the measure each needs.
pub const DECLARED_TYPES: [&str; 6] = [
    "teaching",
    "lecture",
    "self_study",
    "self_study_exam",
    "study_tour",
    "degree",
];

/// An item of a declared kind (see [`DECLARED_TYPES`]; one in eight of another, undeclared
/// type), dated in `years`, with its measures present most of the time (absent otherwise, so
/// that `measure_missing` is reached), levels of every kind, and either mode.
pub fn declared_activity(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Activity> {
    let kind = prop_oneof![7 => select(DECLARED_TYPES.to_vec()), 1 => Just("unlisted")];
    (
        kind,
        date(years.clone()),
        period(years),
        prop_oneof![1 => Just(None), 6 => (1u32..=40).prop_map(|h| Some(Decimal::from(h)))],
        prop_oneof![1 => Just(None), 6 => (1u32..=4).prop_map(Some)],
        prop_oneof![1 => Just(None), 6 => (0u64..=60_000).prop_map(Some)],
        prop_oneof![
            1 => Just(None),
            6 => prop_oneof![
                Just(Level::National),
                Just(Level::Provincial),
                Just(Level::Municipal),
                Just(Level::Other)
            ]
            .prop_map(Some)
        ],
        prop_oneof![
            Just(None),
            Just(Some(Mode::FullTime)),
            Just(Some(Mode::PartTime))
        ],
        prop_oneof![3 => Just(None), 1 => (0u64..=20_000).prop_map(Some)],
        0u32..=5,
    )
        .prop_map(
            |(kind, date, period, hours, count, characters, level, mode, presented, months)| {
                let mut d = DeclaredActivity::new(kind);
                d.mode = mode;
                match kind {
                    "teaching" | "lecture" => {
                        d.date = Some(date);
                        d.hours = hours;
                        d.level = level;
                        d.presented_characters = presented;
                    }
                    "self_study" => {
                        d.date = Some(date);
                        d.characters = characters;
                    }
                    "self_study_exam" => {
                        d.date = Some(date);
                        d.count = count;
                    }
                    "degree" => {
                        d.start = Some(date);
                        d.end = date.checked_add_months(Months::new(months * 12 + 6));
                    }
                    _ => {
                        d.start = Some(period.start);
                        d.end = period.end;
                        d.days = Some(period.days);
                        d.hours = hours.filter(|_| count.is_some_and(|c| c > 2));
                    }
                }
                Activity::Declared(d)
            },
        )
}

/// A policy that uses every feature of the open model on top of hunan-2024 (each citing a
/// hunan-2024 clause, so it validates): day rates by mode, stated hours or days with a cap per
/// day, per-hour and per-level methods with a presenting bonus and a cap per item, a yearly cap,
/// a spread, professional-first routing, a degree completing the span, and a per-person window.
pub fn open_policy() -> crate::Policy {
    use crate::policy::{
        DayRate, KindCredit, LengthBand, LevelHours, Method, PersonWindow, Routing, Spread,
        SpreadHow,
    };
    use crate::rule::RuleId::{A1C1, A1C2, A1C3, N2};
    let h = |x: i64| Decimal::from(x);
    let mut p = crate::Policy::hunan_2024();
    p.id = "open-model".to_owned();
    let mut full = KindCredit::new(A1C1, Kind::Training, Method::Days(DayRate::new(h(6), h(3))));
    full.when.mode = Some(Mode::FullTime);
    let mut teaching = KindCredit::declared(A1C1, "teaching", Method::PerHour(h(3)));
    teaching.max_per_item = Some(h(60));
    let mut lecture = KindCredit::declared(
        A1C2,
        "lecture",
        Method::ByLevel(LevelHours {
            national: Some(h(20)),
            provincial: Some(h(12)),
            municipal: Some(h(6)),
            other: None,
        }),
    );
    lecture.presenting = vec![
        LengthBand {
            from_characters: 3000,
            to_characters: Some(9999),
            hours: h(4),
        },
        LengthBand {
            from_characters: 10_000,
            to_characters: None,
            hours: h(8),
        },
    ];
    lecture.subject = Some(Routing::Public);
    let mut self_study =
        KindCredit::declared(A1C3, "self_study", Method::PerThousandCharacters(h(2)));
    self_study.year_cap = Some(h(20));
    self_study.subject = Some(Routing::ProfessionalFirst);
    let mut exam = KindCredit::declared(A1C3, "self_study_exam", Method::PerCount(h(15)));
    exam.spread = Some(Spread {
        years: 2,
        how: SpreadHow::Even,
    });
    let mut tour = KindCredit::declared(
        A1C1,
        "study_tour",
        Method::HoursOrDays(DayRate::new(h(6), h(3))),
    );
    tour.max_per_day = Some(h(8));
    tour.minutes_per_hour = Some(h(45));
    // Conferences only part-time: a conference item (full-time) has no conversion.
    let mut part_time = KindCredit::new(
        A1C1,
        Kind::Conference,
        Method::Days(DayRate::new(h(3), h(2))),
    );
    part_time.when.mode = Some(Mode::PartTime);
    p.credits = vec![
        full,
        part_time,
        teaching,
        lecture,
        self_study,
        exam,
        tour,
        KindCredit::declared(A1C1, "degree", Method::CompletesSpan),
    ];
    p.person_window = Some(PersonWindow::new(N2));
    p
}

/// A record over 2019–2023 for [`open_policy`]: valid items of the built-in kinds and items of
/// declared kinds ([`declared_activity`]), a `counts_from` date in one record of three.
pub fn open_record(max_items: usize) -> impl Strategy<Value = Record> {
    let item = prop_oneof![
        2 => valid_activity(YEARS),
        3 => declared_activity(YEARS),
    ];
    (
        vec(item, 0..=max_items),
        prop_oneof![2 => Just(None), 1 => date(SPAN.0..=SPAN.1).prop_map(Some)],
    )
        .prop_map(|(activities, counts_from)| Record {
            policy: None,
            span: Span::new(SPAN.0, SPAN.1).ok(),
            evidence: numbered(activities),
            grade: None,
            counts_from,
        })
}
