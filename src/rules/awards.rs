//! **A1.C5, I-4 — awards.**
//!
//! 附件1 二、5: "获省部级及以上科技(社科)奖项的,当年可视同参加专业科目培训,一、二、三等奖分别折算
//! 60学时、30学时、10学时;获市厅级科技(社科)奖项的,一、二、三等奖分别折算30学时、10学时、5学时。"
//!
//! What it means: provincial or above grades 1/2/3 → 60/30/10; municipal → 30/10/5; below
//! municipal level: 0 with an error. In the year of the award, professional hours.
//!
//! I-4: the table stops at grade 1, so a special grade (特等奖) is credited as grade 1 of its
//! level, with an info finding (`awards.special_as`; `null` refuses it).

use super::{Claim, Counted, Findings, professional};
use crate::evidence::{Award, Grade};
use crate::finding::FindingCode;
use crate::policy::Policy;

/// A1.C5, I-4: what an award is worth.
pub(crate) fn award<F: Findings>(a: &Award, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let Some(rules) = &policy.awards else {
        return super::not_credited(policy, f);
    };
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
