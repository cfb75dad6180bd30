//! Proptest strategies for records and evidence (feature `proptest`).
//!
//! The same generators drive this crate's own property tests; a service that links `cehours`
//! can property-test its integration with them, the way `rust_decimal` ships `Arbitrary` for
//! `Decimal`.
//!
//! They are built to reach every rule, not just to fill the types (`docs/reach.md` counts how
//! often each finding code and each interpretation fires over generated records):
//!
//! - day-based items cluster around one or two *anchor* days per record, a third of them
//!   in the last days of December, so items compete for the same days (I-8) and cross New Year
//!   (A1.C1);
//! - every variant of every kind: utility-model and design patents, computer exams, ISSN,
//!   combined and full-width serials, foreign papers, filed employer training and the CE
//!   bases, government, industry and other sponsors, book `work` and `isbn`, assignment
//!   `level`, assignments on either side of the 6- and 12-month limits (I-2) and across New
//!   Year;
//! - the same work under every key spelling (NFD, full-width and upper-case titles, spaced and
//!   full-width patent numbers, ISBN-10 against ISBN-13, CN written with `:` or in lower case,
//!   see [`respell`]);
//! - certified years with and without an assignment that waives them (I-9).
//!
//! The generators:
//!
//! - [`valid_activity`]: an item that is creditable by its own rules (no `error` finding of
//!   its own), of any kind but `prior_certificate`, dated in the given years;
//! - [`refused_activity`]: a well-formed item that a rule of its kind refuses (an `error`
//!   finding of its own): days 1.3, a design patent, an unfiled employer training, an
//!   assignment one day short of six months …;
//! - [`certificate`]: a `prior_certificate` with non-negative figures;
//! - [`hostile_activity`]: a near-valid item that breaks a rule or carries extreme values
//!   (huge counts and hours, far-off dates);
//! - [`record`]: a record over 2019–2023 mixing all of the above but the hostile items, with
//!   respelled copies of its works, documents (some refused as uploads) and unique IDs;
//! - [`hostile_record`]: valid and hostile items, no span;
//! - [`declared_activity`], [`open_policy`], [`open_record`]: the open policy model — items of
//!   declared kinds, a policy using every model feature, records with a per-person window.

use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use rust_decimal::Decimal;

mod open;

pub use open::{DECLARED_TYPES, declared_activity, open_policy, open_record};

use crate::evidence::*;
use crate::record::{Record, Span};

/// The span of [`record`]: 2019–2023 (N.2).
pub const SPAN: (i32, i32) = (2019, 2023);

/// The years [`record`] dates items in: the span and one year either side.
pub const YEARS: std::ops::RangeInclusive<i32> = 2018..=2024;

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

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn plus_days(date: NaiveDate, n: u64) -> NaiveDate {
    date.checked_add_days(Days::new(n)).unwrap_or(date)
}

/// `start + months − 1 day + delta days` (months added clamp to the month's last day, as I-2
/// counts them): `delta` 0 is exactly `months` long.
fn months_from(start: NaiveDate, months: u32, delta: i64) -> NaiveDate {
    let end = start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start);
    match u64::try_from(delta) {
        Ok(up) => plus_days(end, up),
        Err(_) => end
            .checked_sub_days(Days::new(delta.unsigned_abs()))
            .unwrap_or(end),
    }
}

/// A date in `years` (days 1–28 of each month, so every one exists).
pub fn date(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> + Clone {
    (years, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| ymd(y, m, d))
}

/// A day around which day-based items cluster: any date of `years`, or (one time in three)
/// one of the last three days of a December, so that items starting near it cross New Year.
pub fn anchor(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> + Clone {
    prop_oneof![
        2 => date(years.clone()),
        1 => (years, 29u32..=31).prop_map(|(y, d)| ymd(y, 12, d)),
    ]
}

fn subject() -> impl Strategy<Value = Option<Subject>> + Clone {
    prop_oneof![
        Just(None),
        Just(Some(Subject::Public)),
        Just(Some(Subject::Professional))
    ]
}

/// A valid day-based period (A1.C1) starting on or the day after one of `anchors`, 1–4 calendar
/// days long (it may cross 31 December), usually given in full so that items on the same
/// days compete for them (I-8), otherwise one half-day short, a single half-day or half of
/// each day.
pub fn period_near(anchors: Vec<NaiveDate>) -> impl Strategy<Value = Period> + Clone {
    let anchors = if anchors.is_empty() {
        vec![ymd(2021, 5, 10)]
    } else {
        anchors
    };
    (select(anchors), 0u64..2, 0u64..4, 0u8..6).prop_map(|(anchor, offset, extra, fill)| {
        let start = plus_days(anchor, offset);
        let end = plus_days(start, extra);
        let range = (end - start).num_days() + 1;
        let half_days = match fill {
            0..=2 => 2 * range,
            3 => 2 * range - 1,
            4 => 1,
            _ => range,
        };
        Period {
            start,
            end: (end != start).then_some(end),
            days: Decimal::new(half_days * 5, 1),
        }
    })
}

/// A valid day-based period near a date of `years` (see [`period_near`]).
pub fn period(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Period> {
    anchor(years).prop_flat_map(|a| period_near(vec![a]))
}

fn hours() -> impl Strategy<Value = Decimal> + Clone {
    prop_oneof![
        (1i64..=40).prop_map(Decimal::from),
        (1i64..=400).prop_map(|tenths| Decimal::new(tenths, 1)),
        (1i64..=4000).prop_map(|cents| Decimal::new(cents, 2)),
    ]
}

// Works and their spellings. Every row is one work; I-8 folds every spelling of a row to one
// key (NFKC, case-folded, letters and digits only) and no two rows to the same key.

/// Titles: NFC, NFD, full-width, upper case, spaced and punctuated spellings.
const TITLES: [[&str; 4]; 4] = [
    [
        "Café bridge design",
        "Cafe\u{301} bridge design",
        "ＣＡＦÉ ＢＲＩＤＧＥ ＤＥＳＩＧＮ",
        "café-bridge design.",
    ],
    [
        "桥梁振动分析",
        "桥梁 振动 分析",
        "《桥梁振动分析》",
        "桥梁振动分析。",
    ],
    [
        "Cable vibration 2",
        "CABLE VIBRATION 2",
        "Ｃａｂｌｅ　ｖｉｂｒａｔｉｏｎ　２",
        "cable-vibration (2)",
    ],
    [
        "Straße der Brücken",
        "STRAẞE DER BRÜCKEN",
        "Straße der Bru\u{308}cken",
        "straße-der-brücken",
    ],
];

/// Patent numbers: spaced, unspaced, lower-case and full-width spellings.
const PATENTS: [[&str; 4]; 3] = [
    [
        "ZL 2020 1 0000001.1",
        "ZL2020100000011",
        "zl 2020 1 0000001.1",
        "ＺＬ２０２０１００００００１．１",
    ],
    [
        "ZL 2019 2 0123456.X",
        "ZL201920123456X",
        "zl2019 2 0123456 x",
        "ＺＬ ２０１９ ２ ０１２３４５６．Ｘ",
    ],
    [
        "CN 112345678 A",
        "CN112345678A",
        "cn-112345678-a",
        "ＣＮ１１２３４５６７８Ａ",
    ],
];

/// ISBNs: ISBN-13 with and without hyphens, and the ISBN-10 of the same book.
const ISBNS: [[&str; 4]; 3] = [
    [
        "978-7-111-07575-2",
        "9787111075752",
        "7-111-07575-7",
        "7111075757",
    ],
    [
        "978-7-302-12345-3",
        "978 7 302 12345 3",
        "7-302-12345-4",
        "7302123454",
    ],
    [
        "978-0-201-61622-4",
        "9780201616224",
        "0-201-61622-X",
        "020161622X",
    ],
];

/// A malformed ISBN (wrong check digit): `invalid_isbn`, keyed on work and title instead.
const BAD_ISBN: &str = "978-7-111-07575-3";

/// CN numbers of domestic journals, each row one journal: printed spellings (I-6 rev. 2) and
/// the number together with the journal's ISSN.
const CNS: [[&str; 4]; 2] = [
    [
        "CN 43-1234/N",
        "cn 43-1234/n",
        "ＣＮ ４３－１２３４／Ｎ",
        "CN 43-1234/N, ISSN 1672-0008",
    ],
    [
        "CN11-2345/TP",
        "CN: 11-2345/TP",
        "CN 11-2345/tp",
        "CN 11-2345/TP；ISSN 1674-862X",
    ],
];

/// ISSNs (valid check digits) of foreign journals, printed spellings.
const ISSNS: [[&str; 4]; 2] = [
    [
        "ISSN 0028-0836",
        "0028-0836",
        "ISSN:0028-0836",
        "ＩＳＳＮ　００２８－０８３６",
    ],
    [
        "ISSN 1674-862X",
        "issn 1674-862x",
        "ISSN: 1674-862X",
        "1674-862X",
    ],
];

/// Serials that I-6 refuses as malformed: short CN, bad ISSN check digit, two CNs.
const MALFORMED_SERIALS: [&str; 3] = ["CN 4-1/N", "ISSN 0028-0837", "CN 43-1234/N, CN 11-2345/TP"];

fn spelling<const N: usize, const M: usize>(
    table: &'static [[&'static str; M]; N],
) -> impl Strategy<Value = String> + Clone {
    (0..N, 0..M).prop_map(move |(row, col)| {
        table
            .get(row)
            .and_then(|r| r.get(col))
            .map_or_else(String::new, |s| (*s).to_owned())
    })
}

/// The row of `table` that spells `text`, and the spelling's column.
fn find<const N: usize, const M: usize>(
    table: &[[&str; M]; N],
    text: &str,
) -> Option<(usize, usize)> {
    table.iter().enumerate().find_map(|(row, spellings)| {
        spellings
            .iter()
            .position(|s| *s == text)
            .map(|col| (row, col))
    })
}

/// Another spelling of `text`'s row in `table` (the `variant`-th after it), or `None` when
/// `text` is in no row.
fn other_spelling<const N: usize, const M: usize>(
    table: &[[&str; M]; N],
    text: &str,
    variant: usize,
) -> Option<String> {
    let (row, col) = find(table, text)?;
    let next = (col + 1 + variant % (M - 1).max(1)) % M;
    table
        .get(row)
        .and_then(|r| r.get(next))
        .map(|s| (*s).to_owned())
}

/// `text` in full-width forms (U+FF01–U+FF5E for visible ASCII, U+3000 for a space).
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => '\u{3000}',
            '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Another spelling of a free title (one not in the generators' table): upper case,
/// full-width, or quoted in 《》 — the same title once folded (I-8).
fn respell_text(text: &str, variant: usize) -> String {
    match variant % 3 {
        0 => text.to_uppercase(),
        1 => full_width(text),
        _ => format!("《{text}》"),
    }
}

/// Another spelling of a patent number not in the table: without spaces, lower case, or
/// full-width — the same letters and digits.
fn respell_number(text: &str, variant: usize) -> String {
    match variant % 3 {
        0 => text.chars().filter(|c| !c.is_whitespace()).collect(),
        1 => text.to_lowercase(),
        _ => full_width(text),
    }
}

/// The same work written another way, for I-8 (same work): a title in another spelling
/// (NFD, full-width, upper case, punctuated), a patent number spaced or full-width, an ISBN
/// as ISBN-10 or without hyphens, a serial as printed otherwise. Dates, ranks and every other
/// field are kept, so the copy earns what the original earns. Items that are not works
/// (day-based items, exams, assignments …) are returned as they are: an exact copy.
pub fn respell(activity: &Activity, variant: usize) -> Activity {
    let mut copy = activity.clone();
    match &mut copy {
        Activity::Paper(p) => {
            if let Some(t) = &p.title {
                p.title = Some(
                    other_spelling(&TITLES, t, variant).unwrap_or_else(|| respell_text(t, variant)),
                );
            }
            if let Some(s) = &p.serial {
                // A spelling of the same numbers: both copies share every valid number.
                if let Some(other) = other_spelling(&ISSNS, s, variant) {
                    p.serial = Some(other);
                } else if let Some((row, col)) = find(&CNS, s) {
                    // Rows' last spelling adds the ISSN; stay on the side of the original.
                    let next = if col == 3 {
                        3
                    } else {
                        (col + 1 + variant % 2) % 3
                    };
                    p.serial = CNS
                        .get(row)
                        .and_then(|r| r.get(next))
                        .map(|s| (*s).to_owned());
                }
            }
        }
        Activity::Book(b) => match &b.isbn {
            Some(isbn) if find(&ISBNS, isbn).is_some() => {
                b.isbn = other_spelling(&ISBNS, isbn, variant);
            }
            _ => {
                if let Some(t) = &b.title {
                    b.title = Some(
                        other_spelling(&TITLES, t, variant)
                            .unwrap_or_else(|| respell_text(t, variant)),
                    );
                }
            }
        },
        Activity::Patent(p) => {
            if let Some(n) = &p.number {
                p.number = Some(
                    other_spelling(&PATENTS, n, variant)
                        .unwrap_or_else(|| respell_number(n, variant)),
                );
            }
        }
        _ => {}
    }
    copy
}

fn title() -> impl Strategy<Value = Option<String>> + Clone {
    prop_oneof![1 => Just(None), 4 => spelling(&TITLES).prop_map(Some)]
}

fn level() -> impl Strategy<Value = Level> + Clone {
    prop_oneof![
        Just(Level::National),
        Just(Level::Provincial),
        Just(Level::Municipal)
    ]
}

fn grade() -> impl Strategy<Value = Grade> + Clone {
    prop_oneof![
        Just(Grade::First),
        Just(Grade::Second),
        Just(Grade::Third),
        Just(Grade::Special)
    ]
}

fn any_level() -> impl Strategy<Value = Option<Level>> + Clone {
    prop_oneof![
        Just(None),
        Just(Some(Level::National)),
        Just(Some(Level::Provincial)),
        Just(Some(Level::Municipal)),
        Just(Some(Level::Other)),
    ]
}

fn book_kind() -> impl Strategy<Value = Option<BookKind>> + Clone {
    prop_oneof![
        Just(None),
        Just(Some(BookKind::Monograph)),
        Just(Some(BookKind::Translation)),
        Just(Some(BookKind::Textbook)),
    ]
}

/// A day-based activity of any of the four A1.C1 kinds over `period`.
fn day_activity(
    period: impl Strategy<Value = Period> + Clone,
    provider: impl Strategy<Value = (Option<Provider>, Option<bool>)> + Clone,
) -> impl Strategy<Value = Activity> + Clone {
    let format = prop_oneof![
        Just(None),
        Just(Some(TrainingFormat::Class)),
        Just(Some(TrainingFormat::Seminar)),
        Just(Some(TrainingFormat::AdvancedStudy)),
    ];
    let meeting = prop_oneof![
        Just(None),
        Just(Some(MeetingKind::Conference)),
        Just(Some(MeetingKind::Lecture)),
        Just(Some(MeetingKind::Visit)),
        Just(Some(MeetingKind::Exchange)),
    ];
    prop_oneof![
        3 => (subject(), format, provider, period.clone()).prop_map(
            |(subject, format, (provider, filed), period)| Activity::Training(Training {
                subject,
                format,
                provider,
                filed,
                period,
                mode: None,
                hours: None,
            })
        ),
        1 => (subject(), period.clone())
            .prop_map(|(subject, period)| Activity::Practice(DayActivity { subject, period })),
        1 => (subject(), meeting, period.clone()).prop_map(|(subject, activity, period)| {
            Activity::Conference(Conference {
                subject,
                activity,
                period,
                level: None,
                presented_characters: None,
            })
        }),
        1 => (subject(), period).prop_map(|(subject, period)| {
            Activity::OverseasExchange(DayActivity { subject, period })
        }),
    ]
}

/// Providers that need no filing, and employer training that was filed (N.3.1, I-10).
fn credited_provider() -> impl Strategy<Value = (Option<Provider>, Option<bool>)> + Clone {
    prop_oneof![
        Just((None, None)),
        Just((Some(Provider::NationalBase), None)),
        Just((Some(Provider::ProvincialBase), None)),
        Just((Some(Provider::Other), None)),
        Just((Some(Provider::Other), Some(false))),
        Just((Some(Provider::Employer), Some(true))),
    ]
}

/// Assignment start dates: any date, a month's last day (months added clamp there), or the
/// second half of a year (so six months cross New Year).
fn assignment_start(
    years: std::ops::RangeInclusive<i32>,
) -> impl Strategy<Value = NaiveDate> + Clone {
    prop_oneof![
        date(years.clone()),
        (
            years.clone(),
            prop_oneof![Just(8u32), Just(10), Just(12), Just(3), Just(5)]
        )
            .prop_map(|(y, m)| {
                let first = ymd(y, m, 1);
                first
                    .checked_add_months(Months::new(1))
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(first)
            }),
        (years, 7u32..=12, 1u32..=28).prop_map(|(y, m, d)| ymd(y, m, d)),
    ]
}

/// A program and level that qualify (A1.C7 rev. 2): the four national programs at any level,
/// `public_health` and `other` sent by a national or provincial body.
fn qualifying_program() -> impl Strategy<Value = (Program, Option<Level>)> + Clone {
    prop_oneof![
        (
            select(vec![
                Program::AidTibet,
                Program::AidXinjiang,
                Program::AidAbroad,
                Program::EastWest
            ]),
            any_level()
        ),
        (
            select(vec![Program::PublicHealth, Program::Other]),
            select(vec![Some(Level::National), Some(Level::Provincial)])
        ),
    ]
}

/// Durations around the limits of I-2, as (months, days past them): exactly 6 months, a day
/// more, 7 and 11 months, one day short of 12 months (still one year), exactly 12 months (a
/// year or more), 13, 18 and 24 months.
fn waiving_duration() -> impl Strategy<Value = (u32, i64)> + Clone {
    select(vec![
        (6u32, 0i64),
        (6, 1),
        (7, 0),
        (11, 0),
        (12, -1),
        (12, 0),
        (12, 1),
        (13, 0),
        (18, 0),
        (24, 0),
    ])
}

/// An activity that is creditable by its own rules under `hunan-2024` (no `error` finding of
/// its own), dated in `years` (any kind but `prior_certificate`); day-based items start near
/// a date of `years` (see [`period_near`]).
pub fn valid_activity(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Activity> {
    vec(anchor(years.clone()), 1..=2)
        .prop_flat_map(move |anchors| valid_activity_near(years.clone(), anchors))
}

/// [`valid_activity`], with day-based items starting near one of `anchors`.
pub fn valid_activity_near(
    years: std::ops::RangeInclusive<i32>,
    anchors: Vec<NaiveDate>,
) -> impl Strategy<Value = Activity> + Clone {
    let y = years;
    let paper_serial = prop_oneof![
        // Domestic: a CN (or a CN with an ISSN), or an ISSN only (credited with a warning).
        3 => (spelling(&CNS), prop_oneof![Just(None), Just(Some(false))]),
        1 => (spelling(&ISSNS), prop_oneof![Just(None), Just(Some(false))]),
        // Foreign: an ISSN, a combined serial, or a CN only (credited with a warning).
        2 => (spelling(&ISSNS), Just(Some(true))),
        1 => (spelling(&CNS), Just(Some(true))),
    ];
    prop_oneof![
        10 => day_activity(period_near(anchors), credited_provider()),
        1 => (subject(), date(y.clone()), hours()).prop_map(|(subject, date, hours)| {
            Activity::OnlineCourse(CertifiedHours {
                subject,
                date,
                hours,
            })
        }),
        1 => (subject(), date(y.clone()), hours()).prop_map(|(subject, date, hours)| {
            Activity::PlatformTraining(CertifiedHours {
                subject,
                date,
                hours,
            })
        }),
        1 => (
            level(),
            select(vec![None, Some(Sponsor::Government), Some(Sponsor::Industry)]),
            prop_oneof![Just(Role::Host), Just(Role::Member)],
            1u32..7,
            date(y.clone())
        )
            .prop_map(|(level, sponsor, role, rank, completed)| {
                Activity::ResearchProject(ResearchProject {
                    level,
                    sponsor,
                    role,
                    rank,
                    completed,
                    tier: None,
                })
            }),
        2 => (
            book_kind(),
            1u32..4,
            date(y.clone()),
            title(),
            prop_oneof![2 => Just(None), 2 => spelling(&ISBNS).prop_map(Some), 1 => Just(Some(BAD_ISBN.to_owned()))]
        )
            .prop_map(|(work, author_rank, published, title, isbn)| {
                Activity::Book(Book {
                    work,
                    author_rank,
                    published,
                    title,
                    isbn,
                })
            }),
        3 => (
            1u32..4,
            date(y.clone()),
            title(),
            paper_serial,
            prop_oneof![Just(None), Just(Some("Journal of Bridges".to_owned()))]
        )
            .prop_map(|(author_rank, published, title, (serial, foreign), journal)| {
                Activity::Paper(Paper {
                    author_rank,
                    published,
                    serial: Some(serial),
                    journal,
                    title,
                    foreign,
                })
            }),
        2 => (
            prop_oneof![
                (Just(PatentClass::Invention), 1u32..6),
                (Just(PatentClass::UtilityModel), 1u32..4)
            ],
            date(y.clone()),
            prop_oneof![1 => Just(None), 3 => spelling(&PATENTS).prop_map(Some)]
        )
            .prop_map(|((class, rank), granted, number)| {
                Activity::Patent(Patent {
                    class,
                    rank,
                    granted,
                    number,
                })
            }),
        1 => (level(), grade(), date(y.clone())).prop_map(|(level, grade, awarded)| {
            Activity::Award(Award {
                level,
                grade,
                awarded,
                name: None,
            })
        }),
        1 => (
            select(vec![SkillsExamKind::Digital, SkillsExamKind::Computer]),
            1u32..4,
            date(y.clone())
        )
            .prop_map(|(exam, modules, passed)| {
                Activity::SkillsExam(SkillsExam {
                    exam,
                    modules,
                    passed,
                })
            }),
        1 => (1u32..3, date(y.clone()))
            .prop_map(|(courses, passed)| Activity::DegreeCourse(DegreeCourse { courses, passed })),
        1 => (1u32..3, date(y.clone())).prop_map(|(subjects, passed)| {
            Activity::QualificationExam(QualificationExam { subjects, passed })
        }),
        2 => (assignment_start(y), qualifying_program(), waiving_duration()).prop_map(
            |(start, (program, level), (months, delta))| {
                Activity::Assignment(Assignment {
                    program,
                    start,
                    end: months_from(start, months, delta),
                    assessment_passed: true,
                    level,
                })
            }
        ),
    ]
}

/// A well-formed activity dated in `years` that a rule of its kind refuses under
/// `hunan-2024`: it gets an `error` finding of its own and no hours (day-based items start
/// near one of `anchors`).
///
/// Days 1.3 (`invalid_days`), more days than the range (`days_exceed_range`), end before
/// start, unfiled employer training (I-10), non-positive hours, a zero count, rank 0, a
/// project below municipal level or with another sponsor, a paper without a serial or with
/// a malformed one (I-6), a design patent, a utility model ranked 4th, an award below
/// municipal level, assignments not assessed, one day short of six months, or sent by a body
/// below provincial level (A1.C7 rev. 2).
pub fn refused_activity(
    years: std::ops::RangeInclusive<i32>,
    anchors: Vec<NaiveDate>,
) -> impl Strategy<Value = Activity> + Clone {
    let y = years;
    let near = period_near(anchors);
    let broken_period = (near.clone(), 0u8..3).prop_map(|(mut p, how)| {
        match how {
            0 => p.days = Decimal::new(13, 1),
            1 => {
                let range = p.end.unwrap_or(p.start) - p.start;
                p.days = Decimal::from(range.num_days() + 2);
            }
            _ => {
                let end = p.end.unwrap_or(p.start);
                p.end = p.start.pred_opt();
                p.start = plus_days(end, 1);
            }
        }
        p
    });
    prop_oneof![
        2 => day_activity(broken_period, Just((None, None))),
        2 => (subject(), near, prop_oneof![Just(None), Just(Some(false))]).prop_map(
            |(subject, period, filed)| Activity::Training(Training {
                subject,
                format: None,
                provider: Some(Provider::Employer),
                filed,
                period,
                mode: None,
                hours: None,
            })
        ),
        1 => (date(y.clone()), prop_oneof![Just(Decimal::ZERO), Just(Decimal::new(-25, 1))])
            .prop_map(|(date, hours)| Activity::OnlineCourse(CertifiedHours {
                subject: None,
                date,
                hours,
            })),
        1 => date(y.clone()).prop_map(|passed| Activity::SkillsExam(SkillsExam {
            exam: SkillsExamKind::Digital,
            modules: 0,
            passed,
        })),
        1 => (
            date(y.clone()),
            select(vec![
                (Level::Other, None, 1u32),
                (Level::Provincial, Some(Sponsor::Other), 1),
                (Level::National, None, 0),
            ])
        )
            .prop_map(|(completed, (level, sponsor, rank))| {
                Activity::ResearchProject(ResearchProject {
                    level,
                    sponsor,
                    role: Role::Member,
                    rank,
                    completed,
                    tier: None,
                })
            }),
        2 => (
            date(y.clone()),
            title(),
            prop_oneof![
                Just(None),
                Just(Some(String::new())),
                select(MALFORMED_SERIALS.to_vec()).prop_map(|s| Some(s.to_owned()))
            ],
            prop_oneof![Just(None), Just(Some(true))]
        )
            .prop_map(|(published, title, serial, foreign)| Activity::Paper(Paper {
                author_rank: 1,
                published,
                serial,
                journal: None,
                title,
                foreign,
            })),
        2 => (
            date(y.clone()),
            prop_oneof![
                (Just(PatentClass::Design), 1u32..3),
                (Just(PatentClass::UtilityModel), 4u32..7),
                (Just(PatentClass::Invention), Just(0u32))
            ],
            prop_oneof![Just(None), spelling(&PATENTS).prop_map(Some)]
        )
            .prop_map(|(granted, (class, rank), number)| Activity::Patent(Patent {
                class,
                rank,
                granted,
                number,
            })),
        1 => (date(y.clone()), grade()).prop_map(|(awarded, grade)| Activity::Award(Award {
            level: Level::Other,
            grade,
            awarded,
            name: None,
        })),
        3 => (
            assignment_start(y),
            prop_oneof![
                // Not assessed.
                (qualifying_program(), waiving_duration(), Just(false)),
                // One day short of six months, or a few months.
                (qualifying_program(), select(vec![(6u32, -1i64), (5, 0), (1, 0)]), Just(true)),
                // Sent by a body below provincial level (A1.C7 rev. 2).
                (
                    (
                        select(vec![Program::PublicHealth, Program::Other]),
                        select(vec![None, Some(Level::Municipal), Some(Level::Other)])
                    ),
                    waiving_duration(),
                    Just(true)
                ),
            ]
        )
            .prop_map(|(start, ((program, level), (months, delta), passed))| {
                Activity::Assignment(Assignment {
                    program,
                    start,
                    end: months_from(start, months, delta),
                    assessment_passed: passed,
                    level,
                })
            }),
    ]
}

/// A `prior_certificate` covering some of `years` with non-negative figures.
pub fn certificate(
    years: std::ops::RangeInclusive<i32>,
) -> impl Strategy<Value = Activity> + Clone {
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

/// A certified year of the span with an assignment that waives it (I-9 rev. 2): a
/// certificate for year Y (one time in four with a negative figure, which voids it) and an
/// `aid_abroad` assignment over the whole of Y.
fn certified_and_waived() -> impl Strategy<Value = Vec<Activity>> + Clone {
    (
        SPAN.0..=SPAN.1,
        0i64..=90,
        prop_oneof![3 => Just(false), 1 => Just(true)],
    )
        .prop_map(|(year, public, negative)| {
            vec![
                Activity::PriorCertificate(PriorCertificate {
                    years: vec![CertifiedYear {
                        year,
                        public: if negative {
                            Decimal::NEGATIVE_ONE
                        } else {
                            Decimal::from(public)
                        },
                        professional: Decimal::from(60),
                    }],
                }),
                Activity::Assignment(Assignment {
                    program: Program::AidAbroad,
                    start: ymd(year, 1, 1),
                    end: ymd(year, 12, 31),
                    assessment_passed: true,
                    level: None,
                }),
            ]
        })
}

/// Upload names with the A2 rules' verdicts spread out: mostly accepted, some refused (bad
/// extension, path separator, no extension, control character).
fn document() -> impl Strategy<Value = Document> + Clone {
    let types = prop_oneof![
        2 => select(DocumentType::ALL),
        // The I-7 supporting materials of a conference (A1.M4 alternative 2).
        1 => select(vec![
            DocumentType::MeetingDirectory,
            DocumentType::EmailReceipt,
            DocumentType::ReimbursementRecord,
            DocumentType::OtherSupporting,
        ]),
    ];
    let files = prop_oneof![
        8 => select(vec!["scan.pdf", "证书.JPG", "notes.docx", "photo.png"]).prop_map(|f| Some(f.to_owned())),
        1 => Just(None),
        1 => select(vec!["setup.exe", "a/b.pdf", "noext", "tab\t.pdf"]).prop_map(|f| Some(f.to_owned())),
    ];
    let bytes = prop_oneof![
        4 => Just(None),
        4 => (1u64..=1_000_000).prop_map(Some),
        1 => Just(Some(20 * 1024 * 1024 + 1)),
    ];
    (types, files, bytes).prop_map(|(doc_type, file, bytes)| Document {
        doc_type,
        file,
        bytes,
    })
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

/// Copies of works already in `items`: for each `(pick, at, variant)`, the picked item
/// [`respell`]ed and inserted at `at`.
fn with_copies(
    mut items: Vec<(Activity, Vec<Document>)>,
    copies: Vec<(Index, Index, usize)>,
) -> Vec<(Activity, Vec<Document>)> {
    for (pick, at, variant) in copies {
        if items.is_empty() {
            break;
        }
        // Works first (papers, books, patents): the other kinds' copies are exact.
        let works: Vec<usize> = (0..items.len())
            .filter(|&i| {
                items.get(i).is_some_and(|(a, _)| {
                    matches!(
                        a,
                        Activity::Paper(_) | Activity::Book(_) | Activity::Patent(_)
                    )
                })
            })
            .collect();
        let chosen = if works.is_empty() {
            pick.index(items.len())
        } else {
            works.get(pick.index(works.len())).copied().unwrap_or(0)
        };
        let Some((original, documents)) = items.get(chosen) else {
            continue;
        };
        let copy = (respell(original, variant), documents.clone());
        let position = at.index(items.len() + 1);
        items.insert(position, copy);
    }
    items
}

/// A record over 2019–2023 of about `max_items` items dated 2018–2024 (up to `max_items`
/// generated, then up to four respelled copies and sometimes a certified year with its
/// waiver): valid items (see [`valid_activity`]) with day-based ones clustered around one or
/// two anchor days, about one in eight refused by a rule of its kind
/// ([`refused_activity`]), certificates now and then, and documents on most items.
pub fn record(max_items: usize) -> impl Strategy<Value = Record> {
    vec(anchor(YEARS), 1..=2).prop_flat_map(move |anchors| {
        let item = prop_oneof![
            24 => valid_activity_near(YEARS, anchors.clone()),
            4 => refused_activity(YEARS, anchors),
            1 => certificate(SPAN.0..=SPAN.1),
        ];
        let documents = prop_oneof![1 => Just(vec![]), 2 => vec(document(), 1..4)];
        (
            vec((item, documents), 0..=max_items),
            vec((any::<Index>(), any::<Index>(), 0usize..6), 0..=4),
            prop_oneof![4 => Just(vec![]), 1 => certified_and_waived()],
        )
            .prop_map(|(items, copies, waived)| {
                let mut items = with_copies(items, copies);
                items.extend(waived.into_iter().map(|a| (a, vec![])));
                Record {
                    policy: None,
                    span: Span::new(SPAN.0, SPAN.1).ok(),
                    evidence: items
                        .into_iter()
                        .enumerate()
                        .map(|(n, (activity, documents))| Evidence {
                            id: id(n),
                            activity,
                            documents,
                        })
                        .collect(),
                    grade: None,
                    counts_from: None,
                }
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
                        .checked_add_days(Days::new(extra))
                        .filter(|d| d.year() <= 9999),
                    days,
                },
                mode: None,
                hours: None,
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
                level: Some(Level::National),
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
                    tier: None,
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

/// Eight online courses of 2021 each certifying the largest hours the contract carries: their
/// sum overflows the decimal type (`hours_overflow`).
fn overflowing_burst() -> Vec<Activity> {
    vec![
        Activity::OnlineCourse(CertifiedHours {
            subject: Some(Subject::Professional),
            date: ymd(2021, 6, 1),
            hours: big(),
        });
        8
    ]
}

/// A record mixing valid and hostile items (sometimes a burst of eight items whose hours
/// overflow one year's sum), with no span.
pub fn hostile_record(max_items: usize) -> impl Strategy<Value = Record> {
    (
        vec(
            prop_oneof![valid_activity(2018..=2024), hostile_activity()],
            0..=max_items,
        ),
        prop_oneof![9 => Just(vec![]), 1 => Just(overflowing_burst())],
    )
        .prop_map(|(mut activities, burst)| {
            activities.extend(burst);
            Record {
                policy: None,
                span: None,
                evidence: numbered(activities),
                grade: None,
                counts_from: None,
            }
        })
}
