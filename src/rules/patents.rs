//! **A1.C4 — patents.**
//!
//! 附件1 二、4: "获得国家发明专利的,当年视同参加专业科目培训,专利证书独立或排名第一者可认定专业科目
//! 培训60学时,排名前三者可认定专业科目培训30学时,其他参与人认定专业科目培训10学时;获得国家实用新型
//! 专利的,专利证书独立或排名第一者可认定专业科目培训30学时,排名前三者可认定专业科目培训10学时。"
//!
//! What it means: an invention patent: rank 1 → 60, ranks 2–3 → 30, rank 4 or lower → 10;
//! a utility model: rank 1 → 30, ranks 2–3 → 10, lower ranks 0 with an error; design patents
//! are not named, so 0 with an error. In the year of grant, professional hours. The rank
//! tables are policy values (`patents.invention`, `patents.utility_model`, `patents.design`).

use super::{Claim, Counted, Findings, professional, ranked};
use crate::evidence::{Patent, PatentClass};
use crate::finding::FindingCode;
use crate::policy::{Policy, band_hours};

/// A1.C4: what a patent is worth.
pub(crate) fn patent<F: Findings>(p: &Patent, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let Some(rules) = &policy.patents else {
        return super::not_credited(policy, f);
    };
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
