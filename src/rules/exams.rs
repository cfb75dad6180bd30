//! **A1.C6, A1.C8, A1.C9, I-5 — exams and courses passed.**
//!
//! 附件1 二、6: "参加人社部门专业技术人员数字技术应用能力水平考试合格的,每个模块折算专业科目20学时。"
//! 二、8: "参加国家教育行政主管部门承认的学历(学位)教育,当年度通过一门学习课程或考核的,可折算
//! 专业科目30学时。" 二、9: "参加专业技术人员职业资格考试,当年度通过一门考试课程的,可折算专业科目
//! 30学时。"
//!
//! What it means: 20 per passed module of the digital-technology exam; 30 per passed degree
//! course; 30 per passed qualification-exam subject; in the year passed, professional hours.
//! A count of zero is an error.
//!
//! I-5: the older computer-application exam (附件1 一、9 lists its materials, 二 no rate) is
//! credited at the digital exam's rate, with an info finding (`skills_exams.computer_per_module`;
//! `null` refuses it).

use super::{Claim, Counted, Findings, per_unit};
use crate::evidence::{DegreeCourse, QualificationExam, SkillsExam, SkillsExamKind};
use crate::finding::FindingCode;
use crate::policy::Policy;

/// A1.C6, I-5: a skills exam.
pub(crate) fn skills<F: Findings>(
    x: &SkillsExam,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(rules) = &policy.skills_exams else {
        return super::not_credited(policy, f);
    };
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

/// A1.C8: degree courses passed.
pub(crate) fn degree_course<F: Findings>(
    x: &DegreeCourse,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(rules) = &policy.degree_courses else {
        return super::not_credited(policy, f);
    };
    per_unit(x.courses, rules.hours, x.passed, rules.rule, f)
}

/// A1.C9: qualification-exam subjects passed.
pub(crate) fn qualification_exam<F: Findings>(
    x: &QualificationExam,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(rules) = &policy.qualification_exams else {
        return super::not_credited(policy, f);
    };
    per_unit(x.subjects, rules.hours, x.passed, rules.rule, f)
}
