//! **The open model — a policy's `credits` entries** (any jurisdiction's conversion table).
//!
//! A document other than Hunan's says how each kind of activity converts into hours in its
//! own table: "全脱产培训每天6学时,不脱产每天3学时", "授课每学时折算3学时", "自学考试每通过一门
//! 15学时", "学位教育100学时,分两年登记". A policy writes each row as a [`KindCredit`]: the kind
//! (a built-in kind, or a kind it declares and items name by `type`), the conditions, the
//! [`Method`] and its options. This module applies them:
//!
//! - the entry is the first of the item's kind (and `type`) whose `when` holds; a kind with
//!   entries but none that holds is not credited (`no_credit_rule`);
//! - the method gives the item's hours from its measures (days, stated hours, a count,
//!   characters, level or rank); a measure the method needs and the item lacks is an error
//!   (`measure_missing`);
//! - stated hours are converted from clock hours when the entry counts 学时 of other than 60
//!   minutes (`minutes_per_hour`), then capped per item (`max_per_item`) and per day
//!   (`max_per_day`, a cap tied to the duration), with a `presenting` bonus added before the
//!   caps;
//! - the subject is the entry's route, or the item's own;
//! - a spread over years, professional-first routing and a yearly cap of the entry are left to
//!   the evaluator ([`Claim::Entry`]), which knows the years.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Claim, Counted, Findings, days, positive, subject_or_default};
use crate::evidence::{Activity, Level, Mode, Period, Role, Subject};
use crate::finding::FindingCode;
use crate::policy::{KindCredit, Method, Policy, Routing, When, band_hours};

/// What an item offers a method: its date and measures.
#[derive(Debug, Default, Clone, Copy)]
struct Measures<'a> {
    subject: Option<Subject>,
    date: Option<NaiveDate>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    days: Option<Decimal>,
    hours: Option<Decimal>,
    count: Option<u32>,
    characters: Option<u64>,
    level: Option<Level>,
    rank: Option<u32>,
    mode: Option<Mode>,
    tier: Option<&'a str>,
    presented: Option<u64>,
}

fn period(m: &mut Measures<'_>, subject: Option<Subject>, p: &Period) {
    m.subject = subject;
    m.start = Some(p.start);
    m.end = p.end;
    m.days = Some(p.days);
    m.date = Some(p.last_day());
}

fn measures(a: &Activity) -> Measures<'_> {
    let mut m = Measures::default();
    match a {
        Activity::Training(t) => {
            period(&mut m, t.subject, &t.period);
            m.mode = t.mode;
            m.hours = t.hours;
        }
        Activity::Practice(d) | Activity::OverseasExchange(d) => {
            period(&mut m, d.subject, &d.period);
        }
        Activity::Conference(c) => {
            period(&mut m, c.subject, &c.period);
            m.level = c.level;
            m.presented = c.presented_characters;
        }
        Activity::OnlineCourse(c) | Activity::PlatformTraining(c) => {
            m.subject = c.subject;
            m.date = Some(c.date);
            m.hours = Some(c.hours);
        }
        Activity::ResearchProject(p) => {
            m.level = Some(p.level);
            m.rank = Some(if p.role == Role::Host { 1 } else { p.rank });
            m.date = Some(p.completed);
            m.tier = p.tier.as_deref();
        }
        Activity::Book(b) => {
            m.rank = Some(b.author_rank);
            m.date = Some(b.published);
        }
        Activity::Paper(p) => {
            m.rank = Some(p.author_rank);
            m.date = Some(p.published);
        }
        Activity::Patent(p) => {
            m.rank = Some(p.rank);
            m.date = Some(p.granted);
        }
        Activity::Award(x) => {
            m.level = Some(x.level);
            m.date = Some(x.awarded);
        }
        Activity::SkillsExam(x) => {
            m.count = Some(x.modules);
            m.date = Some(x.passed);
        }
        Activity::DegreeCourse(x) => {
            m.count = Some(x.courses);
            m.date = Some(x.passed);
        }
        Activity::QualificationExam(x) => {
            m.count = Some(x.subjects);
            m.date = Some(x.passed);
        }
        Activity::Assignment(x) => {
            m.start = Some(x.start);
            m.end = Some(x.end);
            m.level = x.level;
            m.date = Some(x.end);
        }
        Activity::PriorCertificate(_) => {}
        Activity::Declared(d) => {
            m = Measures {
                subject: d.subject,
                date: d.date.or(d.end).or(d.start),
                start: d.start,
                end: d.end,
                days: d.days,
                hours: d.hours,
                count: d.count,
                characters: d.characters,
                level: d.level,
                rank: d.rank,
                mode: d.mode,
                tier: d.tier.as_deref(),
                presented: d.presented_characters,
            };
        }
    }
    m
}

fn holds(when: &When, m: &Measures<'_>) -> bool {
    when.mode
        .is_none_or(|mode| m.mode.unwrap_or(Mode::FullTime) == mode)
        && when.level.is_none_or(|level| m.level == Some(level))
        && when.tier.as_deref().is_none_or(|tier| m.tier == Some(tier))
        && when
            .hours_stated
            .is_none_or(|stated| m.hours.is_some() == stated)
}

/// The entries of the policy for `activity`'s kind: `None` when there are none (the built-in
/// section applies), `Some(None)` when there are some but none holds, else the first that
/// holds and its position.
pub(crate) fn entry<'p>(
    policy: &'p Policy,
    activity: &Activity,
) -> Option<Option<(usize, &'p KindCredit)>> {
    if policy.credits.is_empty() {
        return None;
    }
    let kind = activity.kind();
    let declared = match activity {
        Activity::Declared(d) => Some(d.activity_type.as_str()),
        _ => None,
    };
    let mut mine = policy
        .credits
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == kind && c.activity_type.as_deref() == declared)
        .peekable();
    mine.peek()?;
    let m = measures(activity);
    Some(mine.find(|(_, c)| holds(&c.when, &m)))
}

/// What `activity` is worth by the `credits` entry at `index`.
pub(crate) fn credit<F: Findings>(
    activity: &Activity,
    index: usize,
    entry: &KindCredit,
    f: &mut Counted<'_, F>,
) -> Claim {
    let rule = entry.rule;
    let m = measures(activity);
    let Some(by) = u16::try_from(index).ok() else {
        f.error(FindingCode::NoCreditRule, rule);
        return Claim::Nothing;
    };
    let missing = |f: &mut Counted<'_, F>| {
        f.error(FindingCode::MeasureMissing, rule);
        Claim::Nothing
    };
    let Some(date) = m.date else {
        return missing(f);
    };
    let subject = match entry.subject.and_then(Routing::subject) {
        Some(subject) => subject,
        None => subject_or_default(m.subject),
    };
    // Day-based methods: the days when no hours are stated (or always, for `days`).
    let day_rate = matches!(
        (&entry.method, m.hours),
        (Method::Days(_), _) | (Method::HoursOrDays(_), None)
    );
    if day_rate {
        let (Some(start), Some(days)) = (m.start, m.days) else {
            return missing(f);
        };
        let p = Period {
            start,
            end: m.end,
            days,
        };
        return match days::period_half_days(&p, rule, f) {
            Some(half_days) => Claim::Days {
                subject,
                start,
                end: p.last_day(),
                half_days,
                by: Some(by),
            },
            None => Claim::Nothing,
        };
    }
    let hours = match &entry.method {
        Method::Fixed(h) => Some(*h),
        Method::PerCount(rate) => match m.count {
            None => return missing(f),
            Some(n) => match super::unit_hours(n, *rate, rule, f) {
                Some(hours) => Some(hours),
                None => return Claim::Nothing,
            },
        },
        Method::PerHour(factor) => match m.hours {
            None => return missing(f),
            Some(h) => clock_hours(h, entry, rule, f).and_then(|h| h.checked_mul(*factor)),
        },
        Method::HoursOrDays(_) => match m.hours {
            None => return missing(f),
            Some(h) => clock_hours(h, entry, rule, f),
        },
        Method::PerThousandCharacters(rate) => match m.characters {
            None => return missing(f),
            Some(c) => rate.checked_mul(Decimal::from(c / 1000)),
        },
        Method::ByLevel(table) => match m.level {
            None => return missing(f),
            Some(level) => {
                let hours = table.of(level);
                if hours.is_none() {
                    f.error(FindingCode::LevelNotCredited, rule);
                    return Claim::Nothing;
                }
                hours
            }
        },
        Method::ByRank(bands) => match m.rank {
            None => return missing(f),
            Some(rank) => super::ranked(rank, band_hours(bands, rank), rule, f),
        },
        Method::CompletesSpan => {
            let (Some(start), Some(end)) = (m.start, m.end.or(m.date)) else {
                return missing(f);
            };
            if end < start {
                f.error(FindingCode::EndBeforeStart, rule);
                return Claim::Nothing;
            }
            return Claim::CompletesSpan { start, end, by };
        }
        Method::Days(_) => None,
    };
    if f.errors > 0 {
        return Claim::Nothing;
    }
    let Some(mut hours) = hours.and_then(|h| with_bonus(h, entry, &m)) else {
        f.error(FindingCode::HoursOverflow, rule);
        return Claim::Nothing;
    };
    if let Some(cap) = item_cap(entry, &m) {
        if hours > cap {
            f.inner.raise(FindingCode::ItemCapReached, rule);
            hours = cap;
        }
    }
    if !positive(hours) {
        return Claim::Nothing;
    }
    let deferred = entry.spread.is_some()
        || entry.year_cap.is_some()
        || entry.subject == Some(Routing::ProfessionalFirst);
    if deferred {
        Claim::Entry {
            subject,
            hours,
            date,
            by,
            first_year: m.start.map_or(date.year(), |s| s.year()),
        }
    } else {
        Claim::Hours {
            subject,
            hours,
            date,
            rule,
        }
    }
}

/// Stated clock hours in the entry's 学时 (`minutes_per_hour`; rounded down to two places).
fn clock_hours<F: Findings>(
    hours: Decimal,
    entry: &KindCredit,
    rule: crate::rule::RuleId,
    f: &mut Counted<'_, F>,
) -> Option<Decimal> {
    if !positive(hours) {
        f.error(FindingCode::NonPositiveHours, rule);
        return None;
    }
    super::stated_hours::in_credit_hours(hours, entry.minutes_per_hour, 2)
}

/// The hours plus the presenting bonus of the first band holding the paper's length.
fn with_bonus(hours: Decimal, entry: &KindCredit, m: &Measures<'_>) -> Option<Decimal> {
    let bonus = m
        .presented
        .and_then(|c| entry.presenting.iter().find(|b| b.contains(c)))
        .map_or(Decimal::ZERO, |b| b.hours);
    hours.checked_add(bonus)
}

/// The lower of `max_per_item` and `max_per_day` × the item's days, when either is set.
fn item_cap(entry: &KindCredit, m: &Measures<'_>) -> Option<Decimal> {
    let per_day = entry
        .max_per_day
        .zip(m.days)
        .and_then(|(rate, days)| rate.checked_mul(days));
    match (entry.max_per_item, per_day) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The share of `hours` falling in each of `years` years (`even`: equal parts to two places,
/// rounded down, the first year taking the rest; `each_year`: the whole in each).
pub(crate) fn spread_part(hours: Decimal, years: u32, each_year: bool, first: bool) -> Decimal {
    if each_year || years <= 1 {
        return hours;
    }
    let part = hours
        .checked_div(Decimal::from(years))
        .map_or(Decimal::ZERO, |p| {
            p.round_dp_with_strategy(2, RoundingStrategy::ToZero)
        });
    if first {
        part.checked_mul(Decimal::from(years - 1))
            .and_then(|rest| hours.checked_sub(rest))
            .unwrap_or(part)
    } else {
        part
    }
}

/// A per-person date window (the record's `counts_from`, the policy's `person_window`): a
/// claim dated before `from` is not credited, and a day range starting before it keeps only
/// its days from `from` on (at most two half days a day); `cut` gets `before_counts_from` for
/// each claim cut or refused.
pub(crate) fn within_window(
    claim: Claim,
    from: NaiveDate,
    mut cut: impl FnMut(FindingCode),
) -> Claim {
    match claim {
        Claim::Hours { date, .. } | Claim::Entry { date, .. } if date < from => {
            cut(FindingCode::BeforeCountsFrom);
            Claim::Nothing
        }
        Claim::Days { end, .. } if end < from => {
            cut(FindingCode::BeforeCountsFrom);
            Claim::Nothing
        }
        Claim::Days {
            subject,
            start,
            end,
            half_days,
            by,
        } if start < from => {
            cut(FindingCode::BeforeCountsFrom);
            let room = (end - from).num_days().saturating_add(1).saturating_mul(2);
            let room = u32::try_from(room.max(0)).unwrap_or(u32::MAX);
            Claim::Days {
                subject,
                start: from,
                end,
                half_days: half_days.min(room),
                by,
            }
        }
        other => other,
    }
}
