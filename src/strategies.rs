//! Proptest strategies for records and evidence (feature `proptest`).
//!
//! The same generators drive this crate's own property tests; a service that links `cehours`
//! can property-test its integration with them, the way `rust_decimal` ships `Arbitrary` for
//! `Decimal`.
//!
//! - [`valid_evidence`]: an item that is creditable by its own rules (no `error` finding of its
//!   own), of any kind but `prior_certificate`, dated in the given years;
//! - [`certificate`]: a `prior_certificate` with non-negative figures;
//! - [`hostile_evidence`]: a near-valid item that breaks a rule (days 1.3, rank 0, end before
//!   start, zero counts, negative hours, far-off dates, huge counts);
//! - [`record`]: a record of valid items (and sometimes a certificate) with unique IDs.

use chrono::{Datelike, NaiveDate};
use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::evidence::*;
use crate::record::{Record, Span};

/// The largest decimal the JSON contract carries: 28 nines.
fn big() -> Decimal {
    Decimal::from_i128_with_scale(9_999_999_999_999_999_999_999_999_999, 0)
}

fn id(n: usize) -> EvidenceId {
    EvidenceId::new(&format!("e{n}")).unwrap_or_else(|_| unreachable_id())
}

#[cold]
fn unreachable_id() -> EvidenceId {
    // `EvidenceId::new` refuses only the empty string; "x" is never refused.
    match EvidenceId::new("x") {
        Ok(id) => id,
        Err(_) => unreachable_id(),
    }
}

/// A date in `years` (days 1–28 of each month, so every one exists).
pub fn date(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> + Clone {
    (years, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN))
}

fn subject() -> impl Strategy<Value = Option<Subject>> {
    prop_oneof![
        Just(None),
        Just(Some(Subject::Public)),
        Just(Some(Subject::Professional))
    ]
}

/// A valid day-based period inside one calendar year of `years`.
pub fn period(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Period> {
    (date(years), 0u32..6, 1u32..=12).prop_map(|(start, extra, half_days)| {
        let last = NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start);
        let end = start
            .checked_add_days(chrono::Days::new(u64::from(extra)))
            .filter(|e| *e <= last)
            .unwrap_or(start);
        let range = u32::try_from((end - start).num_days() + 1).unwrap_or(1);
        let half_days = half_days.min(range * 2);
        Period {
            start,
            end: (end != start).then_some(end),
            days: Decimal::new(i64::from(half_days) * 5, 1),
        }
    })
}

fn hours() -> impl Strategy<Value = Decimal> {
    (1i64..=4000).prop_map(|cents| Decimal::new(cents, 2))
}

fn title() -> impl Strategy<Value = Option<String>> {
    prop_oneof![Just(None), (0u8..6).prop_map(|n| Some(format!("Work {n}")))]
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![
        Just(Level::National),
        Just(Level::Provincial),
        Just(Level::Municipal)
    ]
}

fn grade() -> impl Strategy<Value = Grade> {
    prop_oneof![
        Just(Grade::First),
        Just(Grade::Second),
        Just(Grade::Third),
        Just(Grade::Special)
    ]
}

fn program() -> impl Strategy<Value = Program> {
    prop_oneof![
        Just(Program::AidTibet),
        Just(Program::AidXinjiang),
        Just(Program::AidAbroad),
        Just(Program::EastWest),
        Just(Program::PublicHealth),
        Just(Program::Other),
    ]
}

/// An activity that is creditable by its own rules under `hunan-2024`, dated in `years`
/// (any kind but `prior_certificate`).
pub fn valid_activity(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Activity> {
    let y = years;
    prop_oneof![
        (
            subject(),
            period(y.clone()),
            prop_oneof![
                Just(None),
                Just(Some(Provider::NationalBase)),
                Just(Some(Provider::Other))
            ]
        )
            .prop_map(|(subject, period, provider)| Activity::Training(Training {
                subject,
                format: None,
                provider,
                filed: None,
                period,
            })),
        (subject(), period(y.clone()))
            .prop_map(|(subject, period)| Activity::Practice(DayActivity { subject, period })),
        (subject(), period(y.clone())).prop_map(|(subject, period)| Activity::Conference(
            Conference {
                subject,
                activity: None,
                period
            }
        )),
        (subject(), period(y.clone())).prop_map(|(subject, period)| Activity::OverseasExchange(
            DayActivity { subject, period }
        )),
        (subject(), date(y.clone()), hours()).prop_map(|(subject, date, hours)| {
            Activity::OnlineCourse(CertifiedHours {
                subject,
                date,
                hours,
            })
        }),
        (subject(), date(y.clone()), hours()).prop_map(|(subject, date, hours)| {
            Activity::PlatformTraining(CertifiedHours {
                subject,
                date,
                hours,
            })
        }),
        (
            level(),
            prop_oneof![Just(Role::Host), Just(Role::Member)],
            1u32..8,
            date(y.clone())
        )
            .prop_map(|(level, role, rank, completed)| Activity::ResearchProject(
                ResearchProject {
                    level,
                    sponsor: None,
                    role,
                    rank,
                    completed,
                }
            )),
        (1u32..4, date(y.clone()), title()).prop_map(|(author_rank, published, title)| {
            Activity::Book(Book {
                work: None,
                author_rank,
                published,
                title,
                isbn: None,
            })
        }),
        (
            1u32..4,
            date(y.clone()),
            title(),
            prop_oneof![Just("CN 43-1234/N"), Just("CN 11-2345/TP")]
        )
            .prop_map(
                |(author_rank, published, title, serial)| Activity::Paper(Paper {
                    author_rank,
                    published,
                    serial: Some(serial.to_owned()),
                    journal: None,
                    title,
                    foreign: None,
                })
            ),
        (
            1u32..6,
            date(y.clone()),
            prop_oneof![
                Just(None),
                (0u8..4).prop_map(|n| Some(format!("ZL 2020 {n}")))
            ]
        )
            .prop_map(|(rank, granted, number)| Activity::Patent(Patent {
                class: PatentClass::Invention,
                rank,
                granted,
                number,
            })),
        (level(), grade(), date(y.clone())).prop_map(|(level, grade, awarded)| {
            Activity::Award(Award {
                level,
                grade,
                awarded,
                name: None,
            })
        }),
        (1u32..4, date(y.clone())).prop_map(|(modules, passed)| Activity::SkillsExam(SkillsExam {
            exam: SkillsExamKind::Digital,
            modules,
            passed,
        })),
        (1u32..3, date(y.clone()))
            .prop_map(|(courses, passed)| Activity::DegreeCourse(DegreeCourse { courses, passed })),
        (1u32..3, date(y.clone())).prop_map(|(subjects, passed)| Activity::QualificationExam(
            QualificationExam { subjects, passed }
        )),
        (date(y), program(), 6u32..30).prop_map(|(start, program, months)| {
            let end = start
                .checked_add_months(chrono::Months::new(months))
                .and_then(|d| d.pred_opt())
                .unwrap_or(start);
            Activity::Assignment(Assignment {
                program,
                start,
                end,
                assessment_passed: true,
                level: None,
            })
        }),
    ]
}

/// A `prior_certificate` covering some of `years` with non-negative figures.
pub fn certificate(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Activity> {
    vec((years, 0i64..=120, 0i64..=120), 1..3).prop_map(|entries| {
        Activity::PriorCertificate(PriorCertificate {
            years: entries
                .into_iter()
                .map(|(year, public, professional)| CertifiedYear {
                    year,
                    public: Decimal::from(public),
                    professional: Decimal::from(professional),
                })
                .collect(),
        })
    })
}

/// A near-valid activity that breaks a rule of its kind, or carries extreme values.
pub fn hostile_activity() -> impl Strategy<Value = Activity> {
    let any_date = date(1..=9999);
    prop_oneof![
        (
            any_date.clone(),
            prop_oneof![
                Just(Decimal::new(13, 1)),
                Just(Decimal::ZERO),
                Just(Decimal::NEGATIVE_ONE),
                Just(big()),
                Just(Decimal::new(1, 28)),
                Just(Decimal::from(400)),
            ],
            0u64..400
        )
            .prop_map(|(start, days, extra)| Activity::Training(Training {
                subject: None,
                format: None,
                provider: Some(Provider::Employer),
                filed: None,
                period: Period {
                    start,
                    // Dates stay within what the JSON contract can write (years 1–9999).
                    end: start
                        .checked_add_days(chrono::Days::new(extra))
                        .filter(|d| d.year() <= 9999),
                    days,
                },
            })),
        (any_date.clone(), any_date.clone()).prop_map(|(a, b)| Activity::Practice(DayActivity {
            subject: None,
            period: Period {
                start: a.max(b),
                end: Some(a.min(b)),
                days: Decimal::ONE
            },
        })),
        (
            any_date.clone(),
            prop_oneof![
                Just(big()),
                Just(-big()),
                Just(Decimal::ZERO),
                Just(Decimal::new(1, 28))
            ]
        )
            .prop_map(|(date, hours)| Activity::OnlineCourse(CertifiedHours {
                subject: None,
                date,
                hours
            })),
        (any_date.clone(), prop_oneof![Just(0u32), Just(u32::MAX)]).prop_map(
            |(passed, modules)| {
                Activity::SkillsExam(SkillsExam {
                    exam: SkillsExamKind::Computer,
                    modules,
                    passed,
                })
            }
        ),
        (any_date.clone(), prop_oneof![Just(0u32), Just(u32::MAX)])
            .prop_map(|(passed, courses)| Activity::DegreeCourse(DegreeCourse { courses, passed })),
        (any_date.clone(), prop_oneof![Just(0u32), Just(u32::MAX)]).prop_map(|(granted, rank)| {
            Activity::Patent(Patent {
                class: PatentClass::UtilityModel,
                rank,
                granted,
                number: None,
            })
        }),
        (
            any_date.clone(),
            prop_oneof![
                Just(None),
                Just(Some("ISSN 0028-0837".to_owned())),
                Just(Some("CN 4-1/N".to_owned()))
            ]
        )
            .prop_map(|(published, serial)| Activity::Paper(Paper {
                author_rank: 0,
                published,
                serial,
                journal: None,
                title: Some("Same".to_owned()),
                foreign: Some(true),
            })),
        (any_date.clone(), any_date.clone(), any::<bool>()).prop_map(|(start, end, passed)| {
            Activity::Assignment(Assignment {
                program: Program::Other,
                start,
                end,
                assessment_passed: passed,
                level: None,
            })
        }),
        (
            any_date.clone(),
            prop_oneof![Just(Level::Other), Just(Level::Municipal)]
        )
            .prop_map(
                |(completed, level)| Activity::ResearchProject(ResearchProject {
                    level,
                    sponsor: Some(Sponsor::Other),
                    role: Role::Member,
                    rank: 0,
                    completed,
                })
            ),
        (
            1i32..=9999,
            prop_oneof![Just(Decimal::NEGATIVE_ONE), Just(big())]
        )
            .prop_map(
                |(year, hours)| Activity::PriorCertificate(PriorCertificate {
                    years: vec![CertifiedYear {
                        year,
                        public: hours,
                        professional: Decimal::ZERO
                    }],
                })
            ),
    ]
}

/// A valid item (see [`valid_activity`]) with ID `e{n}`.
pub fn valid_evidence(
    n: usize,
    years: std::ops::RangeInclusive<i32>,
) -> impl Strategy<Value = Evidence> {
    valid_activity(years).prop_map(move |activity| Evidence {
        id: id(n),
        activity,
        documents: vec![],
    })
}

/// A hostile item (see [`hostile_activity`]) with ID `e{n}`.
pub fn hostile_evidence(n: usize) -> impl Strategy<Value = Evidence> {
    hostile_activity().prop_map(move |activity| Evidence {
        id: id(n),
        activity,
        documents: vec![],
    })
}

/// Gives items the IDs `e0`, `e1`, … in order.
pub fn numbered(activities: Vec<Activity>) -> Vec<Evidence> {
    activities
        .into_iter()
        .enumerate()
        .map(|(n, activity)| Evidence {
            id: id(n),
            activity,
            documents: vec![],
        })
        .collect()
}

/// A record over the span 2019–2023 of up to `max_items` valid items dated 2018–2024, with a
/// certificate now and then.
pub fn record(max_items: usize) -> impl Strategy<Value = Record> {
    let items = vec(
        prop_oneof![9 => valid_activity(2018..=2024), 1 => certificate(2018..=2024)],
        0..=max_items,
    );
    items.prop_map(|activities| Record {
        policy: None,
        span: Span::new(2019, 2023).ok(),
        evidence: numbered(activities),
    })
}

/// A record mixing valid and hostile items.
pub fn hostile_record(max_items: usize) -> impl Strategy<Value = Record> {
    vec(
        prop_oneof![valid_activity(2018..=2024), hostile_activity()],
        0..=max_items,
    )
    .prop_map(|activities| Record {
        policy: None,
        span: None,
        evidence: numbered(activities),
    })
}
