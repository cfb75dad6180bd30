//! **A1.M3, N.3.2, I-3 — hours as a certificate states them.**
//!
//! 附件1 一、3: "参加网络平台专业课程等远程教育的提供以下材料:课程时长(或课程内容)及结业证书。"
//! Notice 三、(二): "事业单位专业技术人员参加湖南省事业单位工作人员培训取得的学时,可认定为继续
//! 教育学时,根据湖南省事业单位工作人员培训管理平台出具的培训合格证书予以认定。"
//!
//! What it means: online (distance) courses and platform training credit the hours their
//! certificate states, in the year of completion, for the subject declared (default
//! professional). Hours must be positive.
//!
//! I-3: the notice states no conversion, so hunan-2024 takes the stated hours as they are; a
//! policy whose inputs come in minutes sets `online_courses.minutes_per_hour` (and the scale
//! the result is cut to).

use rust_decimal::Decimal;

use super::{Claim, Counted, Findings, positive, subject_or_default};
use crate::evidence::CertifiedHours;
use crate::finding::FindingCode;
use crate::policy::Policy;
use crate::rule::RuleId;

/// A1.M3, I-3: an online course.
pub(crate) fn online_course<F: Findings>(
    c: &CertifiedHours,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(rules) = &policy.online_courses else {
        return super::not_credited(policy, f);
    };
    stated(
        c,
        rules.rule,
        rules.minutes_per_hour,
        rules.rounding_scale,
        f,
    )
}

/// N.3.2: platform training, as its certificate states.
pub(crate) fn platform_training<F: Findings>(c: &CertifiedHours, f: &mut Counted<'_, F>) -> Claim {
    stated(c, RuleId::N3_2, None, 0, f)
}

/// I-3: stated clock hours as credited hours: as stated, or, when a 学时 is `minutes_per_hour`
/// minutes, stated × 60 / minutes rounded down to `scale` places (`None` on overflow). Online
/// courses (A1.M3) and the open model's entries (`minutes_per_hour`) both convert here.
pub(crate) fn in_credit_hours(
    hours: Decimal,
    minutes_per_hour: Option<Decimal>,
    scale: u32,
) -> Option<Decimal> {
    match minutes_per_hour {
        None => Some(hours),
        Some(minutes) => hours
            .checked_mul(Decimal::from(60))
            .and_then(|m| m.checked_div(minutes))
            .map(|h| h.trunc_with_scale(scale)),
    }
}

fn stated<F: Findings>(
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
    match in_credit_hours(c.hours, minutes_per_hour, scale) {
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
