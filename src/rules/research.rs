//! **A1.C2, I-1 — research projects.**
//!
//! 附件1 二、2: "参加政府或行业组织课题研究与项目开发,结题当年可视同参加专业科目培训。其中省(部)级
//! 以上课题(项目)主持人认定专业科目培训60学时,主要完成人(除主持人外署名前三)认定专业科目培训30学时,
//! 其他参与人认定专业科目培训10学时;市(厅)级课题(项目)主持人认定专业科目培训30学时,其他参与人认定
//! 专业科目培训10学时。"
//!
//! What it means: a project of a government or industry body, in the year it is completed:
//! provincial or above (national included) host 60, main contributor 30, other member 10;
//! municipal host 30, any other member 10. Below municipal level, or another sponsor: 0 with
//! an error. Professional hours.
//!
//! I-1: a main contributor is a member whose signature rank is at most 4 (the host signs
//! first, so ranks 2–4 are "the first three besides the host"; a member recorded at rank 1
//! counts too). Parameter: `research.main_contributor_max_rank`.

use super::{Claim, Counted, Findings, professional};
use crate::evidence::{ResearchProject, Role, Sponsor};
use crate::finding::FindingCode;
use crate::policy::Policy;

/// A1.C2, I-1: what a project is worth.
pub(crate) fn project<F: Findings>(
    p: &ResearchProject,
    policy: &Policy,
    f: &mut Counted<'_, F>,
) -> Claim {
    let Some(r) = &policy.research else {
        return super::not_credited(policy, f);
    };
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
