//! **A1.C7, I-2 — special assignments (特定工作任务).**
//!
//! 附件1 二、7: "参加\"三援\"(援藏、援疆、援外)、东西部扶贫协作等省级以上特定工作任务人员工作时间为
//! 6个月的,考核合格者视为完成当年继续教育90学时;超过1年以上的,考核合格者视为完成外派期间所有年度
//! 继续教育90学时。省级以上特定任务有另行规定的从其规定。"
//!
//! What it means: only with a passed assessment. Lasting at least 6 months: one year counts as
//! fully met; lasting a year or more: every calendar year from start to end. Shorter, or not
//! passed: no waiver, with an error. A waived year passes whatever its hours; its real hours
//! are still reported. *(rev. 2)* "省级以上": the 三援 programs and east-west cooperation are
//! national and qualify as they are; `public_health` and `other` qualify only when the sending
//! body is national or provincial (`assignments.need_provincial_level`), else an error
//! `assignment_below_provincial`.
//!
//! I-2 *(rev. 2)*: 当年 is the year the work was done — the calendar year holding more of the
//! assignment's days (ties: the end year; `assignments.waived_year`); a period lasts at least
//! n months when `end + 1 day ≥ start + n months`, adding months clamping to the month's last
//! day; 12 months is "a year or more" (以上 includes the figure; `assignments.year_or_more`).

use chrono::{Datelike, Months, NaiveDate};

use super::{Claim, Counted, Findings};
use crate::evidence::{Assignment, Level};
use crate::finding::FindingCode;
use crate::policy::{Policy, WaivedYear, YearOrMore};
use crate::record::Span;

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

/// A1.C7, I-2: the years an assignment waives.
pub(crate) fn assignment<F: Findings>(
    a: &Assignment,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(rules) = &policy.assignments else {
        return super::not_credited(policy, f);
    };
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

/// A1.C7: the span years (as indices) that a waiver of the calendar years `from..=to` waives,
/// when any; a certified year is waived too (I-9, rev. 2).
pub(crate) fn waived_years(span: Span, from: i32, to: i32) -> Option<(usize, usize)> {
    let lo = from.max(span.from);
    let hi = to.min(span.to);
    if lo > hi {
        return None;
    }
    Some((span.index(lo)?, span.index(hi)?))
}
