//! The limit the evaluate bench measures the crate against: a minimal hand-written fold over a
//! record, with hunan-2024's hours as literals. `benches/README.md` ("The fold") says what it
//! leaves out.

use cehours::{
    Activity, Grade, Level, PatentClass, Period, Provider, Record, Role, Sponsor, Subject,
};
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::workload::FIRST_YEAR;

/// The fastest correct-ish evaluation: one `match` per kind adding hunan-2024's hours into five
/// years of (public, professional), assignments waiving years, thresholds 30/60/90. No trace,
/// no findings, no I-8 (same days, same work), no I-9 (certificates are simply added), no caps,
/// no serial number check beyond presence, no span other than 2019–2023.
pub fn fold(record: &Record) -> ([(Decimal, Decimal); 5], bool) {
    let mut years = [(Decimal::ZERO, Decimal::ZERO); 5];
    let mut waived = [false; 5];
    let slot = |year: i32| usize::try_from(year - FIRST_YEAR).ok().filter(|&k| k < 5);
    let h = Decimal::from;
    let professional =
        |hours: i64, date: NaiveDate| Some((Subject::Professional, h(hours), date.year()));
    let days = |subject: Option<Subject>, p: &Period| {
        let half_days = p.days * Decimal::TWO;
        (p.days > Decimal::ZERO
            && half_days.fract().is_zero()
            && p.end.is_none_or(|end| end >= p.start))
        .then(|| {
            (
                subject.unwrap_or(Subject::Professional),
                half_days * h(4),
                p.start.year(),
            )
        })
    };
    for e in &record.evidence {
        let credit = match &e.activity {
            Activity::Training(t) => {
                if t.provider == Some(Provider::Employer) && t.filed != Some(true) {
                    None
                } else {
                    days(t.subject, &t.period)
                }
            }
            Activity::Practice(d) | Activity::OverseasExchange(d) => days(d.subject, &d.period),
            Activity::Conference(c) => days(c.subject, &c.period),
            Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => (c.hours > Decimal::ZERO)
                .then(|| {
                    (
                        c.subject.unwrap_or(Subject::Professional),
                        c.hours,
                        c.date.year(),
                    )
                }),
            Activity::ResearchProject(p) => {
                let table = match p.level {
                    Level::National | Level::Provincial => Some((60, 30, 10)),
                    Level::Municipal => Some((30, 10, 10)),
                    _ => None,
                };
                match (table, p.sponsor, p.role) {
                    (None, ..) | (_, Some(Sponsor::Other), _) => None,
                    (Some((host, ..)), _, Role::Host) => professional(host, p.completed),
                    (_, _, Role::Member) if p.rank == 0 => None,
                    (Some((_, main, _)), _, Role::Member) if p.rank <= 4 => {
                        professional(main, p.completed)
                    }
                    (Some((.., other)), _, Role::Member) => professional(other, p.completed),
                }
            }
            Activity::Book(b) => match b.author_rank {
                0 => None,
                1 => professional(60, b.published),
                _ => professional(30, b.published),
            },
            Activity::Paper(p) => match (p.author_rank, p.serial.as_deref().map(str::trim)) {
                (0, _) | (_, None | Some("")) => None,
                (1, _) => professional(30, p.published),
                _ => professional(10, p.published),
            },
            Activity::Patent(p) => match (p.class, p.rank) {
                (_, 0) => None,
                (PatentClass::Invention, 1) => professional(60, p.granted),
                (PatentClass::Invention, 2 | 3) | (PatentClass::UtilityModel, 1) => {
                    professional(30, p.granted)
                }
                (PatentClass::Invention, _) | (PatentClass::UtilityModel, 2 | 3) => {
                    professional(10, p.granted)
                }
                _ => None,
            },
            Activity::Award(a) => {
                let table = match a.level {
                    Level::National | Level::Provincial => Some((60, 30, 10)),
                    Level::Municipal => Some((30, 10, 5)),
                    _ => None,
                };
                match (table, a.grade) {
                    (Some((first, ..)), Grade::Special | Grade::First) => {
                        professional(first, a.awarded)
                    }
                    (Some((_, second, _)), Grade::Second) => professional(second, a.awarded),
                    (Some((.., third)), _) => professional(third, a.awarded),
                    (None, _) => None,
                }
            }
            Activity::SkillsExam(x) => (x.modules > 0).then(|| {
                (
                    Subject::Professional,
                    h(20) * h(x.modules.into()),
                    x.passed.year(),
                )
            }),
            Activity::DegreeCourse(x) => (x.courses > 0).then(|| {
                (
                    Subject::Professional,
                    h(30) * h(x.courses.into()),
                    x.passed.year(),
                )
            }),
            Activity::QualificationExam(x) => (x.subjects > 0).then(|| {
                (
                    Subject::Professional,
                    h(30) * h(x.subjects.into()),
                    x.passed.year(),
                )
            }),
            Activity::Assignment(a) => {
                let after = |months| a.start.checked_add_months(Months::new(months));
                let next = a.end.succ_opt();
                if a.assessment_passed && a.end >= a.start && next >= after(6) {
                    let from = if next > after(12) {
                        a.start.year()
                    } else {
                        a.end.year()
                    };
                    for year in from..=a.end.year() {
                        if let Some(w) = slot(year).and_then(|k| waived.get_mut(k)) {
                            *w = true;
                        }
                    }
                }
                None
            }
            Activity::PriorCertificate(c) => {
                for y in &c.years {
                    if let Some((public, professional)) =
                        slot(y.year).and_then(|k| years.get_mut(k))
                    {
                        *public += y.public;
                        *professional += y.professional;
                    }
                }
                None
            }
            _ => None,
        };
        if let Some((subject, hours, year)) = credit {
            if let Some((public, professional)) = slot(year).and_then(|k| years.get_mut(k)) {
                match subject {
                    Subject::Public => *public += hours,
                    // hunan-2024 has no elective bucket.
                    _ => *professional += hours,
                }
            }
        }
    }
    let (min_public, min_professional, min_total) = (h(30), h(60), h(90));
    let passed = years
        .iter()
        .zip(waived)
        .all(|(&(public, professional), waived)| {
            waived
                || (public >= min_public
                    && professional >= min_professional
                    && public + professional >= min_total)
        });
    (years, passed)
}
