//! The rules of the notice, one module per clause family, as 附件1 and the notice body put
//! them. Each module opens with its clause: the original words, what they mean, and the
//! interpretation (I-x) it applies; each rule exists once, and every path of the evaluator
//! calls it.
//!
//! | module | clauses |
//! |---|---|
//! | [`days`] | A1.C1 (8 h a day, 4 h a half day; ranges across 31 December), N.3.1, I-10 |
//! | [`stated_hours`] | A1.M3, N.3.2, I-3 (hours as a certificate states them) |
//! | [`research`] | A1.C2, I-1 |
//! | [`publications`] | A1.C3, I-6 (books, papers, serial numbers) |
//! | [`patents`] | A1.C4 |
//! | [`awards`] | A1.C5, I-4 |
//! | [`exams`] | A1.C6, A1.C8, A1.C9, I-5 |
//! | [`assignments`] | A1.C7, I-2 |
//! | [`same_work`] | I-8, the same work twice |
//! | [`same_days`] | I-8, day-based items sharing calendar days |
//! | [`certificates`] | N.3.3, I-9 |
//! | [`minimums`] | N.1.2 (and A1.C7's waived years passing); minimums over the span, per grade, as a share |
//! | [`credits`] | the open model: a policy's `credits` entries (another document's table) |
//!
//! This root holds what every family shares: the [`Claim`] an item makes by its own rules,
//! how findings are raised, and [`assess`], which sends each kind to its family.

pub(crate) mod assignments;
pub(crate) mod awards;
pub(crate) mod certificates;
pub(crate) mod credits;
pub(crate) mod days;
pub(crate) mod exams;
pub(crate) mod minimums;
pub(crate) mod patents;
pub(crate) mod publications;
pub(crate) mod research;
pub(crate) mod same_days;
pub(crate) mod same_work;
pub(crate) mod stated_hours;

/// Up to this many entries, the rules that compare items with each other (same work, same
/// days, repeated IDs) compare them pair by pair: cheaper than sorting or hashing at that size,
/// and still bounded.
pub(crate) const PAIRWISE: usize = 16;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evidence::{Activity, Subject};
use crate::finding::FindingCode;
use crate::policy::Policy;
use crate::rule::RuleId;

/// What an item is worth by its own rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claim {
    /// Not credited (its findings say why).
    Nothing,
    /// Hours for one subject in the year of `date`.
    Hours {
        subject: Subject,
        hours: Decimal,
        date: NaiveDate,
        rule: RuleId,
    },
    /// A day-based item: half-day slots to be allocated between `start` and `end` (I-8), at
    /// the rate of the `credits` entry `by` (`None`: the built-in `days` section).
    Days {
        subject: Subject,
        start: NaiveDate,
        end: NaiveDate,
        half_days: u32,
        by: Option<u16>,
    },
    /// An assignment waiving the calendar years `from..=to` (A1.C7).
    Waiver { from: i32, to: i32 },
    /// Hours of a `credits` entry with options the evaluator applies (a spread over years,
    /// professional first, a yearly cap of the entry): `hours` in the year of `date`.
    Entry {
        subject: Subject,
        hours: Decimal,
        date: NaiveDate,
        by: u16,
        /// The year the activity began (its `start`; the date's year when it gives none).
        first_year: i32,
    },
    /// An earlier certificate (N.3.3): handled year by year by the evaluator.
    Certificate,
    /// A degree begun on `start` and completed on `end` (`credits` entry `by`): when both lie
    /// within the span, every year of it passes.
    CompletesSpan {
        start: NaiveDate,
        end: NaiveDate,
        by: u16,
    },
}

/// Receives the findings an item's own rules raise.
pub(crate) trait Findings {
    /// One finding about the item being assessed.
    fn raise(&mut self, code: FindingCode, rule: RuleId);
}

/// The item's kind is credited neither by a `credits` entry nor by a built-in section of the
/// policy: an error citing the policy's minimums clause (what the policy requires is all it
/// says about the kind).
pub(crate) fn not_credited<F: Findings>(policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    f.error(FindingCode::KindNotCredited, policy.minimums.rule);
    Claim::Nothing
}

/// Ignores findings (the totals-only path).
pub(crate) struct Silent;

impl Findings for Silent {
    #[inline]
    fn raise(&mut self, _: FindingCode, _: RuleId) {}
}

/// Counts the errors raised, passing every finding on.
pub(crate) struct Counted<'a, F: Findings> {
    pub(crate) inner: &'a mut F,
    pub(crate) errors: u32,
}

impl<F: Findings> Counted<'_, F> {
    pub(crate) fn error(&mut self, code: FindingCode, rule: RuleId) {
        self.errors = self.errors.saturating_add(1);
        self.inner.raise(code, rule);
    }
}

pub(crate) fn subject_or_default(subject: Option<Subject>) -> Subject {
    subject.unwrap_or(Subject::DEFAULT)
}

/// Whether `x > 0`, by its sign and mantissa (no decimal comparison).
#[inline]
pub(crate) fn positive(x: Decimal) -> bool {
    x.is_sign_positive() && !x.is_zero()
}

/// Professional hours from a table (a checked policy has only positive figures; a zero is
/// never written as a credit).
pub(crate) fn professional(hours: Option<Decimal>, date: NaiveDate, rule: RuleId) -> Claim {
    hours.map_or(Claim::Nothing, |hours| Claim::Hours {
        subject: Subject::Professional,
        hours,
        date,
        rule,
    })
}

/// `count` units at `rate` each, professional hours; a count of zero or an overflow is an
/// error.
pub(crate) fn per_unit<F: Findings>(
    count: u32,
    rate: Decimal,
    date: NaiveDate,
    rule: RuleId,
    f: &mut Counted<'_, F>,
) -> Claim {
    match unit_hours(count, rate, rule, f) {
        Some(hours) => professional(Some(hours), date, rule),
        None => Claim::Nothing,
    }
}

/// `count` units at `rate` each (A1.C6, A1.C8, A1.C9, and `per_count` entries): a count of
/// zero (`non_positive_count`) or an overflow (`hours_overflow`) is an error.
pub(crate) fn unit_hours<F: Findings>(
    count: u32,
    rate: Decimal,
    rule: RuleId,
    f: &mut Counted<'_, F>,
) -> Option<Decimal> {
    if count == 0 {
        f.error(FindingCode::NonPositiveCount, rule);
        return None;
    }
    let hours = rate.checked_mul(Decimal::from(count));
    if hours.is_none() {
        f.error(FindingCode::HoursOverflow, rule);
    }
    hours
}

/// Hours from a rank table; rank 0 and ranks in no band are errors.
pub(crate) fn ranked<F: Findings>(
    rank: u32,
    hours: Option<Decimal>,
    rule: RuleId,
    f: &mut Counted<'_, F>,
) -> Option<Decimal> {
    if rank == 0 {
        f.error(FindingCode::RankZero, rule);
        return None;
    }
    if hours.is_none() {
        f.error(FindingCode::RankNotCredited, rule);
    }
    hours
}

/// What `activity` is worth under `policy` by its own rules, raising a finding for every rule
/// it breaks and every interpretation applied.
pub(crate) fn assess<F: Findings>(activity: &Activity, policy: &Policy, findings: &mut F) -> Claim {
    let f = &mut Counted {
        inner: findings,
        errors: 0,
    };
    // The open model: a `credits` entry of the kind takes precedence over its section.
    if let Some(entry) = credits::entry(policy, activity) {
        return match entry {
            Some((index, entry)) => credits::credit(activity, index, entry, f),
            None => {
                f.error(FindingCode::NoCreditRule, policy.minimums.rule);
                Claim::Nothing
            }
        };
    }
    match activity {
        Activity::Training(t) => days::training(t, policy, f),
        Activity::Practice(d) | Activity::OverseasExchange(d) => {
            days::day_based(d.subject, &d.period, policy, f)
        }
        Activity::Conference(c) => days::day_based(c.subject, &c.period, policy, f),
        Activity::OnlineCourse(c) => stated_hours::online_course(c, policy, f),
        Activity::PlatformTraining(c) => stated_hours::platform_training(c, f),
        Activity::ResearchProject(p) => research::project(p, policy, f),
        Activity::Book(b) => publications::book(b, policy, f),
        Activity::Paper(p) => publications::paper(p, policy, f),
        Activity::Patent(p) => patents::patent(p, policy, f),
        Activity::Award(a) => awards::award(a, policy, f),
        Activity::SkillsExam(x) => exams::skills(x, policy, f),
        Activity::DegreeCourse(x) => exams::degree_course(x, policy, f),
        Activity::QualificationExam(x) => exams::qualification_exam(x, policy, f),
        Activity::Assignment(a) => assignments::assignment(a, policy, f),
        Activity::PriorCertificate(_) => Claim::Certificate,
        // A declared kind the policy has no entry for.
        Activity::Declared(_) => not_credited(policy, f),
    }
}
