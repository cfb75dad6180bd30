//! Conversion to hours (附件1 二, A1.C1–A1.C9, N.3.1–N.3.2 and I-1 … I-6, I-10): what one
//! evidence item is worth by its own rules, before span, certificates and duplicates are
//! considered.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

use crate::evidence::*;
use crate::finding::FindingCode;
use crate::policy::{Policy, SerialMismatch, WaivedYear, YearOrMore, band_hours};
use crate::rule::RuleId;
use crate::same_work::isbn13;
use crate::serial::{self, Serial};

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
    /// A day-based item: half-day slots to be allocated between `start` and `end` (I-8).
    Days {
        subject: Subject,
        start: NaiveDate,
        end: NaiveDate,
        half_days: u32,
    },
    /// An assignment waiving the calendar years `from..=to` (A1.C7).
    Waiver { from: i32, to: i32 },
    /// An earlier certificate (N.3.3): handled year by year by the evaluator.
    Certificate,
}

/// Receives the findings an item's own rules raise.
pub(crate) trait Findings {
    /// One finding about the item being assessed.
    fn raise(&mut self, code: FindingCode, rule: RuleId);
}

/// Ignores findings (the totals-only path).
pub(crate) struct Silent;

impl Findings for Silent {
    #[inline]
    fn raise(&mut self, _: FindingCode, _: RuleId) {}
}

/// Counts the errors raised, passing every finding on.
struct Counted<'a, F: Findings> {
    inner: &'a mut F,
    errors: u32,
}

impl<F: Findings> Counted<'_, F> {
    fn error(&mut self, code: FindingCode, rule: RuleId) {
        self.errors = self.errors.saturating_add(1);
        self.inner.raise(code, rule);
    }
}

/// Hours for `half_days` half days: whole days at the day rate, a remaining half at the
/// half-day rate (A1.C1).
#[inline]
pub(crate) fn day_hours(policy: &Policy, half_days: u32) -> Option<Decimal> {
    let whole = Decimal::from(half_days / 2).checked_mul(policy.days.per_day)?;
    if half_days % 2 == 1 {
        whole.checked_add(policy.days.per_half_day)
    } else {
        Some(whole)
    }
}

fn subject_or_default(subject: Option<Subject>) -> Subject {
    subject.unwrap_or(Subject::DEFAULT)
}

/// `days` as a count of half days, when it is a positive multiple of 0.5 (integer arithmetic on
/// the decimal's mantissa: exact, and no decimal division).
#[inline]
fn half_days_of(days: Decimal) -> Option<i128> {
    if !positive(days) {
        return None;
    }
    // Day counts are small: 64-bit arithmetic covers them (and every scale that keeps
    // 10^scale below 2^64); wider mantissas take the 128-bit path.
    if let Ok(m) = u64::try_from(days.mantissa()) {
        let twice = m.checked_mul(2)?;
        // Constant divisors for the usual scales (the compiler multiplies instead).
        let whole = match days.scale() {
            0 => Some(twice),
            1 => (twice % 10 == 0).then_some(twice / 10),
            2 => (twice % 100 == 0).then_some(twice / 100),
            scale => match 10u64.checked_pow(scale) {
                Some(unit) => (twice % unit == 0).then_some(twice / unit),
                None => return wide_half_days(days),
            },
        };
        return whole.map(i128::from);
    }
    wide_half_days(days)
}

/// [`half_days_of`] for mantissas or scales beyond 64-bit arithmetic.
fn wide_half_days(days: Decimal) -> Option<i128> {
    let twice = days.mantissa().checked_mul(2)?;
    let unit = 10i128.checked_pow(days.scale())?;
    (twice.checked_rem(unit)? == 0)
        .then(|| twice.checked_div(unit))
        .flatten()
}

/// Whether `x > 0`, by its sign and mantissa (no decimal comparison).
#[inline]
pub(crate) fn positive(x: Decimal) -> bool {
    x.is_sign_positive() && !x.is_zero()
}

/// A1.C1: checks a period and returns the half days it claims.
fn period_half_days<F: Findings>(p: &Period, rule: RuleId, f: &mut Counted<'_, F>) -> Option<u32> {
    let half_days = half_days_of(p.days);
    if half_days.is_none() {
        f.error(FindingCode::InvalidDays, rule);
    }
    let end = p.last_day();
    if end < p.start {
        f.error(FindingCode::EndBeforeStart, rule);
        return None;
    }
    // *(rev. 2)* A range may cross 31 December: its days are counted across the years (each
    // half day is credited in its own year by the evaluator). Both dates are valid, so the
    // difference of their day numbers fits easily.
    let range = i128::from(end.num_days_from_ce()) - i128::from(p.start.num_days_from_ce()) + 1;
    if half_days.is_some_and(|h| h > range.saturating_mul(2)) {
        f.error(FindingCode::DaysExceedRange, rule);
    }
    if f.errors > 0 {
        return None;
    }
    half_days.and_then(|h| u32::try_from(h).ok())
}

fn day_claim<F: Findings>(
    subject: Option<Subject>,
    p: &Period,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    // `period_half_days` gives nothing once any rule of the item is broken.
    match period_half_days(p, policy.days.rule, f) {
        Some(half_days) => Claim::Days {
            subject: subject_or_default(subject),
            start: p.start,
            end: p.last_day(),
            half_days,
        },
        None => Claim::Nothing,
    }
}

fn certified_claim<F: Findings>(
    c: &CertifiedHours,
    rule: RuleId,
    minutes_per_hour: Option<Decimal>,
    scale: u32,
    f: &mut Counted<'_, F>,
) -> Claim {
    if !positive(c.hours) {
        f.error(FindingCode::NonPositiveHours, rule);
        return Claim::Nothing;
    }
    let hours = match minutes_per_hour {
        None => Some(c.hours),
        Some(minutes) => c
            .hours
            .checked_mul(Decimal::from(60))
            .and_then(|m| m.checked_div(minutes))
            .map(|h| h.trunc_with_scale(scale)),
    };
    match hours {
        Some(hours) if positive(hours) => Claim::Hours {
            subject: subject_or_default(c.subject),
            hours,
            date: c.date,
            rule,
        },
        Some(_) => {
            f.error(FindingCode::NonPositiveHours, rule);
            Claim::Nothing
        }
        None => {
            f.error(FindingCode::HoursOverflow, rule);
            Claim::Nothing
        }
    }
}

/// Professional hours from a table (a checked policy has only positive figures; a zero is
/// never written as a credit).
fn professional(hours: Option<Decimal>, date: NaiveDate, rule: RuleId) -> Claim {
    hours.map_or(Claim::Nothing, |hours| Claim::Hours {
        subject: Subject::Professional,
        hours,
        date,
        rule,
    })
}

/// `count` units at `rate` each; an overflow is an error.
fn per_unit<F: Findings>(
    count: u32,
    rate: Decimal,
    date: NaiveDate,
    rule: RuleId,
    f: &mut Counted<'_, F>,
) -> Claim {
    if count == 0 {
        f.error(FindingCode::NonPositiveCount, rule);
        return Claim::Nothing;
    }
    match rate.checked_mul(Decimal::from(count)) {
        Some(hours) => professional(Some(hours), date, rule),
        None => {
            f.error(FindingCode::HoursOverflow, rule);
            Claim::Nothing
        }
    }
}

/// Hours from a rank table; rank 0 and ranks in no band are errors.
fn ranked<F: Findings>(
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

fn research<F: Findings>(p: &ResearchProject, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let r = &policy.research;
    if !r
        .sponsors
        .contains(&p.sponsor.unwrap_or(Sponsor::Government))
    {
        f.error(FindingCode::ProjectSponsorNotCredited, r.rule);
    }
    let table = r.level(p.level);
    if table.is_none() {
        f.error(FindingCode::ProjectLevelNotCredited, r.rule);
    }
    if p.role == Role::Member && p.rank == 0 {
        f.error(FindingCode::RankZero, r.rule);
    }
    let (Some(table), 0) = (table, f.errors) else {
        return Claim::Nothing;
    };
    let hours = match p.role {
        Role::Host => table.host,
        Role::Member if p.rank <= r.main_contributor_max_rank => table.main_contributor,
        Role::Member => table.other,
    };
    professional(Some(hours), p.completed, r.rule)
}

fn paper<F: Findings>(p: &Paper, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let rules = &policy.papers;
    let hours = ranked(
        p.author_rank,
        band_hours(&rules.bands, p.author_rank),
        rules.rule,
        f,
    );
    let foreign = p.foreign.unwrap_or(false);
    let mismatch = match serial::read(p.serial.as_deref()) {
        Serial::None => {
            f.error(FindingCode::PaperWithoutSerial, rules.rule);
            None
        }
        Serial::Malformed => {
            f.error(FindingCode::PaperSerialMalformed, rules.interpretation);
            None
        }
        // *(rev. 2)* A journal with both numbers has the unified number for either kind.
        Serial::Valid(n) => match (n.cn.is_some(), n.issn.is_some()) {
            (true, false) if foreign => Some(rules.foreign_with_cn),
            (false, true) if !foreign => Some(rules.domestic_with_issn),
            _ => None,
        },
    };
    match mismatch {
        Some(SerialMismatch::CreditWithWarning) => {
            f.inner
                .raise(FindingCode::PaperSerialMismatch, rules.interpretation);
        }
        Some(SerialMismatch::Refuse) => {
            f.error(
                FindingCode::PaperSerialMismatchRefused,
                rules.interpretation,
            );
        }
        None => {}
    }
    if f.errors > 0 {
        return Claim::Nothing;
    }
    professional(hours, p.published, rules.rule)
}

fn patent<F: Findings>(p: &Patent, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let rules = &policy.patents;
    let bands = rules.bands(p.class);
    if bands.is_empty() {
        let code = if p.class == PatentClass::Design {
            FindingCode::DesignPatentNotCredited
        } else {
            FindingCode::RankNotCredited
        };
        f.error(code, rules.rule);
        return Claim::Nothing;
    }
    let hours = ranked(p.rank, band_hours(bands, p.rank), rules.rule, f);
    professional(hours, p.granted, rules.rule)
}

fn award<F: Findings>(a: &Award, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let rules = &policy.awards;
    let Some(table) = rules.level(a.level) else {
        f.error(FindingCode::AwardLevelNotCredited, rules.rule);
        return Claim::Nothing;
    };
    let grade = match (a.grade, rules.special_as) {
        (Grade::Special, Some(as_grade)) => {
            f.inner
                .raise(FindingCode::SpecialGradeAsFirst, rules.interpretation);
            as_grade
        }
        (Grade::Special, None) => {
            f.error(FindingCode::SpecialGradeNotCredited, rules.interpretation);
            return Claim::Nothing;
        }
        (grade, _) => grade,
    };
    let hours = match grade {
        Grade::First | Grade::Special => table.first,
        Grade::Second => table.second,
        Grade::Third => table.third,
    };
    professional(Some(hours), a.awarded, rules.rule)
}

fn skills<F: Findings>(x: &SkillsExam, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let rules = &policy.skills_exams;
    let rate = match x.exam {
        SkillsExamKind::Digital => rules.digital_per_module,
        SkillsExamKind::Computer => match rules.computer_per_module {
            Some(rate) => {
                if x.modules > 0 {
                    f.inner
                        .raise(FindingCode::ComputerExamAsDigital, rules.interpretation);
                }
                rate
            }
            None => {
                f.error(FindingCode::ComputerExamNotCredited, rules.interpretation);
                return Claim::Nothing;
            }
        },
    };
    per_unit(x.modules, rate, x.passed, rules.rule, f)
}

/// `start` plus `months`, clamped to the month's last day (I-2); `None` past 9999.
fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    start.checked_add_months(Months::new(months))
}

/// I-2: the period lasts at least `months` when `end + 1 day ≥ start + months`.
pub(crate) fn lasts_at_least(start: NaiveDate, end: NaiveDate, months: u32) -> bool {
    match add_months(start, months) {
        Some(target) => end.succ_opt().is_none_or(|next| next >= target),
        None => false,
    }
}

/// I-2: the period lasts more than `months` when `end + 1 day > start + months`.
pub(crate) fn lasts_more_than(start: NaiveDate, end: NaiveDate, months: u32) -> bool {
    match add_months(start, months) {
        Some(target) => end.succ_opt().is_none_or(|next| next > target),
        None => false,
    }
}

/// I-2 *(rev. 2)*: the calendar year holding more of `start..=end` (ties: the end year).
fn larger_part(start: NaiveDate, end: NaiveDate) -> i32 {
    if start.year() == end.year() {
        return end.year();
    }
    // Days from start to 31 December of its year, and from 1 January of the end year to end.
    let in_start = NaiveDate::from_ymd_opt(start.year(), 12, 31).map_or(0, |last| {
        last.num_days_from_ce() - start.num_days_from_ce() + 1
    });
    let in_end = i32::try_from(end.ordinal()).unwrap_or(i32::MAX);
    if in_start > in_end {
        start.year()
    } else {
        end.year()
    }
}

fn assignment<F: Findings>(a: &Assignment, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let rules = &policy.assignments;
    if !rules.programs.contains(&a.program) {
        f.error(FindingCode::AssignmentProgramNotCredited, rules.rule);
    } else if rules.need_provincial_level.contains(&a.program)
        && !matches!(a.level, Some(Level::National | Level::Provincial))
    {
        // A1.C7 *(rev. 2)*: 省级以上 — sent by a provincial-or-above body.
        f.error(FindingCode::AssignmentBelowProvincial, rules.rule);
    }
    if !a.assessment_passed {
        f.error(FindingCode::AssignmentNotAssessed, rules.rule);
    }
    if a.end < a.start {
        f.error(FindingCode::EndBeforeStart, rules.rule);
        return Claim::Nothing;
    }
    if !lasts_at_least(a.start, a.end, rules.min_months) {
        f.error(FindingCode::AssignmentTooShort, rules.rule);
    }
    if f.errors > 0 {
        return Claim::Nothing;
    }
    let year_or_more = match rules.year_or_more {
        YearOrMore::AtLeast => lasts_at_least(a.start, a.end, rules.all_years_after_months),
        YearOrMore::MoreThan => lasts_more_than(a.start, a.end, rules.all_years_after_months),
    };
    if year_or_more {
        return Claim::Waiver {
            from: a.start.year(),
            to: a.end.year(),
        };
    }
    let year = match rules.waived_year {
        WaivedYear::LargerPart => larger_part(a.start, a.end),
        WaivedYear::End => a.end.year(),
        WaivedYear::Start => a.start.year(),
    };
    Claim::Waiver {
        from: year,
        to: year,
    }
}

/// What `activity` is worth under `policy` by its own rules, raising a finding for every rule
/// it breaks and every interpretation applied. Returns the claim and whether any error was
/// raised.
pub(crate) fn assess<F: Findings>(activity: &Activity, policy: &Policy, findings: &mut F) -> Claim {
    let f = &mut Counted {
        inner: findings,
        errors: 0,
    };
    match activity {
        Activity::Training(t) => {
            let rules = &policy.employer_training;
            if rules.requires_filing
                && t.provider == Some(Provider::Employer)
                && t.filed != Some(true)
            {
                f.error(FindingCode::EmployerTrainingNotFiled, rules.rule);
            }
            day_claim(t.subject, &t.period, policy, f)
        }
        Activity::Practice(d) | Activity::OverseasExchange(d) => {
            day_claim(d.subject, &d.period, policy, f)
        }
        Activity::Conference(c) => day_claim(c.subject, &c.period, policy, f),
        Activity::OnlineCourse(c) => {
            let rules = &policy.online_courses;
            certified_claim(
                c,
                rules.rule,
                rules.minutes_per_hour,
                rules.rounding_scale,
                f,
            )
        }
        Activity::PlatformTraining(c) => certified_claim(c, RuleId::N3_2, None, 0, f),
        Activity::ResearchProject(p) => research(p, policy, f),
        Activity::Book(b) => {
            let rules = &policy.books;
            // I-8 *(rev. 2)*: a malformed ISBN keys the book on its work and title instead.
            if b.isbn
                .as_deref()
                .is_some_and(|isbn| !isbn.trim().is_empty() && isbn13(isbn).is_none())
            {
                f.inner
                    .raise(FindingCode::InvalidIsbn, policy.duplicates.rule);
            }
            let hours = ranked(
                b.author_rank,
                band_hours(&rules.bands, b.author_rank),
                rules.rule,
                f,
            );
            professional(hours, b.published, rules.rule)
        }
        Activity::Paper(p) => paper(p, policy, f),
        Activity::Patent(p) => patent(p, policy, f),
        Activity::Award(a) => award(a, policy, f),
        Activity::SkillsExam(x) => skills(x, policy, f),
        Activity::DegreeCourse(x) => {
            let rules = &policy.degree_courses;
            per_unit(x.courses, rules.hours, x.passed, rules.rule, f)
        }
        Activity::QualificationExam(x) => {
            let rules = &policy.qualification_exams;
            per_unit(x.subjects, rules.hours, x.passed, rules.rule, f)
        }
        Activity::Assignment(a) => assignment(a, policy, f),
        Activity::PriorCertificate(_) => Claim::Certificate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A1.C1: days count in half days; any other fraction, zero or a negative count is not a
    /// count of half days, at every scale (64-bit and 128-bit arithmetic alike).
    #[test]
    fn a1_c1_days_as_half_days() {
        let cases = [
            ("1", Some(2)),
            ("0.5", Some(1)),
            ("1.50", Some(3)),
            ("2.500", Some(5)),
            ("3.0000000000000000000000000000", Some(6)),
            ("0.5000000000000000000000000000", Some(1)),
            (
                "79228162514264337593543950335",
                Some(158_456_325_028_528_675_187_087_900_670),
            ),
            (
                "39614081257132168796771975167",
                Some(79_228_162_514_264_337_593_543_950_334),
            ),
            ("1.25", None),
            ("0.005", None),
            ("0.0000000000000000000000000005", None),
            ("0", None),
            ("0.00", None),
            ("-1", None),
        ];
        for (text, expected) in cases {
            let days: Decimal = text.parse().unwrap_or(Decimal::MIN);
            assert_eq!(half_days_of(days), expected, "{text}");
        }
    }
}
