//! Materials (附件1 一, A1.M1–A1.M12, N.3.2, N.3.3, A2 upload rules): which documents each
//! activity must bring, and what is missing.
//!
//! The requirements are data ([`MaterialsPolicy`], part of every [`Policy`]): for each kind, its
//! rule and its alternatives; each alternative an ordered list of [`Requirement`]s; each
//! requirement a list of document types any one of which meets it. One complete alternative
//! satisfies the item. A document with a `file` must pass the upload rules ([`UploadRules`],
//! A2); a refused document counts towards nothing.
//!
//! [`check_materials`] and [`check_record_materials`] give a service the check of an item or a
//! record with every refused upload and its reasons; [`checklist`] tells an applicant what to
//! bring. The evaluator puts each item's [`MaterialsCheck`] in the report's `materials` and
//! each refused upload in its `findings` (`upload_refused`, rule `A2`).

mod names;

use serde::{Deserialize, Serialize};

pub use names::checklist;
// The documents each kind needs are policy data (`policy::documents`, `policy::uploads`);
// this module checks items against them.
pub use crate::policy::documents::{
    Alternative, Condition, Conditional, EmptyRequirement, FormMaterials, Label, MaterialsByKind,
    MaterialsPolicy, Requirement,
};
pub use crate::policy::uploads::{UploadRefusal, UploadRules};

use std::collections::HashMap;
use std::sync::Arc;

use crate::evidence::{Document, DocumentType, Evidence, EvidenceId, Kind};
use crate::finding::FindingCode;
use crate::hash::BuildMix;
use crate::policy::Policy;
use crate::policy::documents::{Conditions, DocumentSet};
use crate::record::Record;
use crate::rule::RuleId;

/// The materials check of one evidence item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MaterialsCheck {
    /// The item checked.
    pub evidence: EvidenceId,
    /// The materials rule of its kind.
    pub rule: RuleId,
    /// Whether one alternative is complete.
    pub satisfied: bool,
    /// When not satisfied: for each alternative, in order, its unmet [`Requirement`]s (written
    /// on the wire as document types joined with `|` where several meet one requirement).
    /// Empty when satisfied, and
    /// when the kind has no alternative at all (then it is never satisfied).
    pub missing: Missing,
}

/// The materials check of one item with every upload it refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialsOutcome {
    /// The check, as the report's `materials` gives it.
    pub check: MaterialsCheck,
    /// The refused uploads, in the order of the item's `documents`.
    pub refused: Vec<RefusedDocument>,
}

/// A document whose upload is refused (A2): it counts towards no requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusedDocument {
    /// Its position in the item's `documents`, from 0.
    pub index: usize,
    /// Its `type`.
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    /// Its file name, as given.
    pub file: String,
    /// The rule that refuses it (the policy's upload rule, A2).
    pub rule: RuleId,
    /// Every reason it is refused; never empty.
    pub reasons: Vec<UploadRefusal>,
}

/// Checks the documents of one item under `policy`: which alternative is complete, what each
/// lacks, and which uploads are refused and why.
///
/// Never panics, whatever the policy: a kind without alternatives is never satisfied (with an
/// empty `missing`), an alternative without requirements is always complete.
///
/// # Example
///
/// ```
/// use cehours::{Evidence, Policy};
///
/// let evidence: Evidence = serde_json::from_str(r#"{
///     "id": "t1", "kind": "training", "start": "2020-04-01", "days": "1",
///     "documents": [ { "type": "notice" }, { "type": "completion_certificate", "file": "c.exe" } ]
/// }"#)?;
/// let outcome = cehours::check_materials(&evidence, &Policy::hunan_2024());
/// assert!(!outcome.check.satisfied);
/// assert_eq!(outcome.check.missing, [
///     vec!["schedule", "attendance"],
///     vec!["completion_certificate"],
/// ]);
/// assert_eq!(outcome.refused.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A policy that lists no documents (`materials` absent) asks for none: the check is
/// satisfied, citing the policy's minimums clause, and no upload is refused.
pub fn check_materials(evidence: &Evidence, policy: &Policy) -> MaterialsOutcome {
    outcome(evidence, policy)
}

/// [`check_materials`] for every item of `record`, in record order.
///
/// The record's own `policy` field is not consulted: `policy` applies.
///
/// Unlike the full report, it keeps no cache of `missing` lists from item to item: within one
/// record few items share their kind and documents, and filling a cache costs more than it
/// saves.
pub fn check_record_materials(record: &Record, policy: &Policy) -> Vec<MaterialsOutcome> {
    record
        .evidence
        .iter()
        .map(|e| check_materials(e, policy))
        .collect()
}

/// [`check_materials`] itself.
fn outcome(evidence: &Evidence, policy: &Policy) -> MaterialsOutcome {
    let Some(materials) = &policy.materials else {
        return MaterialsOutcome {
            check: MaterialsCheck {
                evidence: evidence.id.clone(),
                rule: policy.minimums.rule,
                satisfied: true,
                missing: Missing::default(),
            },
            refused: Vec::new(),
        };
    };
    let uploads = &materials.uploads;
    let mut refused = Vec::new();
    let check = check_with(evidence, materials, None, |index, document| {
        refused.push(refused_document(uploads, index, document));
    });
    MaterialsOutcome { check, refused }
}

/// A refused document (one `is_refused` refuses) with every reason it is refused.
fn refused_document(uploads: &UploadRules, index: usize, document: &Document) -> RefusedDocument {
    RefusedDocument {
        index,
        doc_type: document.doc_type,
        file: document.file.clone().unwrap_or_default(),
        rule: uploads.rule,
        // Only refused documents come here.
        reasons: uploads.reasons(document),
    }
}

/// Checks the documents of one evidence item; each refused upload is passed to `refused`
/// (code `upload_refused`, the policy's upload rule, `A2`), once per refused document. The
/// `missing` lists are shared through `cache`, keyed by what decides them.
pub(crate) fn check_evidence(
    evidence: &Evidence,
    policy: &MaterialsPolicy,
    cache: &mut MissingCache,
    mut refused: impl FnMut(FindingCode, RuleId),
) -> MaterialsCheck {
    let rule = policy.uploads.rule;
    check_with(evidence, policy, Some(cache), |_, _| {
        refused(FindingCode::UploadRefused, rule);
    })
}

/// The `missing` lists already worked out, by kind, documents present and conditions holding.
/// Its keys are a kind and two bit sets (few values, at most [`MissingCache::CAPACITY`] at a
/// time), hashed with the crate's small unkeyed hash: a keyed one would only cost time.
#[derive(Debug, Default)]
pub(crate) struct MissingCache(HashMap<(Kind, DocumentSet, Conditions), Missing, BuildMix>);

impl MissingCache {
    /// Beyond this many entries the cache starts afresh (bounded memory on any input).
    const CAPACITY: usize = 4096;

    /// The `missing` lists of `form` for `key` (its kind, the documents present, the
    /// conditions holding), worked out once.
    fn missing(&mut self, form: &FormMaterials, key: (Kind, DocumentSet, Conditions)) -> Missing {
        if let Some(missing) = self.0.get(&key) {
            return missing.clone();
        }
        let (_, have, conditions) = key;
        let missing = missing_for(form, have, conditions);
        if self.0.len() >= MissingCache::CAPACITY {
            self.0.clear();
        }
        self.0.insert(key, missing.clone());
        missing
    }
}

/// The requirements `conditions` add to every alternative of `form`.
fn extra(form: &FormMaterials, conditions: Conditions) -> impl Iterator<Item = &Requirement> {
    form.conditional
        .iter()
        .filter(move |c| conditions.contains(c.when))
        .flat_map(|c| c.requires.iter())
}

/// Whether `have` completes one alternative of `form` (never when it has none), on the bit
/// sets alone.
fn complete(form: &FormMaterials, have: DocumentSet, conditions: Conditions) -> bool {
    form.alternatives.iter().any(|alternative| {
        alternative.requires.iter().all(|r| r.is_met_by(have))
            && extra(form, conditions).all(|r| r.is_met_by(have))
    })
}

/// For each alternative, its unmet requirements; nothing at all as soon as one alternative is
/// complete (settled on the bit sets alone, before anything is built), or when there is
/// none.
fn missing_for(form: &FormMaterials, have: DocumentSet, conditions: Conditions) -> Missing {
    if complete(form, have, conditions) {
        return Missing::default();
    }
    unmet(form, have, conditions)
}

/// For each alternative, its unmet requirements, when none is complete (one shared
/// allocation, and one per alternative); nothing when there is no alternative.
fn unmet(form: &FormMaterials, have: DocumentSet, conditions: Conditions) -> Missing {
    if form.alternatives.is_empty() {
        return Missing::default();
    }
    // The requirements the conditions add, unmet: the same for every alternative.
    let added = || extra(form, conditions).filter(|r| !r.is_met_by(have));
    let added_count = added().count();
    Missing(Some(
        form.alternatives
            .iter()
            .map(|alternative| {
                let own = || alternative.requires.iter().filter(|r| !r.is_met_by(have));
                // Counted first on the bit sets, so the list is allocated once, to size.
                let mut list = Vec::with_capacity(own().count().saturating_add(added_count));
                list.extend(own().cloned());
                list.extend(added().cloned());
                list
            })
            .collect(),
    ))
}

/// The check itself; `refused` gets each refused document with its position. With a
/// `cache`, the `missing` lists of an item with no complete alternative are looked up there
/// (a complete one needs no list, so no look-up).
fn check_with(
    evidence: &Evidence,
    policy: &MaterialsPolicy,
    cache: Option<&mut MissingCache>,
    mut refused: impl FnMut(usize, &Document),
) -> MaterialsCheck {
    let mut have = DocumentSet::default();
    for (index, document) in evidence.documents.iter().enumerate() {
        if policy.uploads.is_refused(document) {
            refused(index, document);
        } else {
            have.insert(document.doc_type);
        }
    }
    let kind = evidence.kind();
    let form = policy.for_kind(kind);
    let conditions = Conditions::of(&evidence.activity);
    let (satisfied, missing) = if complete(form, have, conditions) {
        (true, Missing::default())
    } else if let Some(cache) = cache {
        (false, cache.missing(form, (kind, have, conditions)))
    } else {
        (false, unmet(form, have, conditions))
    };
    MaterialsCheck {
        evidence: evidence.id.clone(),
        rule: form.rule,
        satisfied,
        missing,
    }
}

/// What an unsatisfied item lacks: for each alternative, in order, its unmet
/// [`Requirement`]s. Empty when one alternative is complete. Shared: copying it costs no
/// allocation.
///
/// On the wire each requirement is written as its document types joined with `|`, in the
/// order of the policy's table (`[["notice", "schedule|attendance"], ["transcript"]]`), and is
/// read back from that shape.
///
/// Read through [`Missing::as_slice`], [`Missing::iter`], [`Missing::len`] and
/// [`Missing::is_empty`]; compares with plain nested lists of labels (`[vec!["transcript"]]`).
#[derive(Debug, Clone, Default)]
pub struct Missing(Option<Arc<[Vec<Requirement>]>>);

impl Missing {
    /// The lists, shared; nothing missing is held without an allocation (the common case:
    /// copying it then touches no shared counter).
    fn new(lists: Vec<Vec<Requirement>>) -> Missing {
        if lists.is_empty() {
            Missing(None)
        } else {
            Missing(Some(Arc::from(lists)))
        }
    }
}

impl Missing {
    /// For each alternative, in order, its unmet requirements.
    pub fn as_slice(&self) -> &[Vec<Requirement>] {
        self.0.as_deref().unwrap_or_default()
    }

    /// The alternatives' lists of unmet requirements, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Vec<Requirement>> {
        self.as_slice().iter()
    }

    /// How many alternatives are listed (0 when nothing is missing).
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl<'a> IntoIterator for &'a Missing {
    type Item = &'a Vec<Requirement>;
    type IntoIter = std::slice::Iter<'a, Vec<Requirement>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Missing {
    fn eq(&self, other: &Missing) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Missing {}

impl<U> PartialEq<Vec<Vec<U>>> for Missing
where
    Requirement: PartialEq<U>,
{
    fn eq(&self, other: &Vec<Vec<U>>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl<U, const N: usize> PartialEq<[Vec<U>; N]> for Missing
where
    Requirement: PartialEq<U>,
{
    fn eq(&self, other: &[Vec<U>; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl From<Vec<Vec<Requirement>>> for Missing {
    fn from(lists: Vec<Vec<Requirement>>) -> Self {
        Missing::new(lists)
    }
}

impl Serialize for Missing {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut outer = s.serialize_seq(Some(self.len()))?;
        for list in self {
            let labels: Vec<&str> = list.iter().map(Requirement::label_str).collect();
            outer.serialize_element(&labels)?;
        }
        outer.end()
    }
}

impl<'de> Deserialize<'de> for Missing {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let lists = Vec::<Vec<String>>::deserialize(d)?;
        let mut missing = Vec::with_capacity(lists.len());
        for list in lists {
            let mut unmet = Vec::with_capacity(list.len());
            for label in list {
                unmet.push(Requirement::from_label(&label).map_err(serde::de::Error::custom)?);
            }
            missing.push(unmet);
        }
        Ok(Missing::new(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_by_their_text() {
        let label = Label::from("notice|attendance");
        assert_eq!(label.as_str(), "notice|attendance");
        assert_eq!(label.as_ref(), "notice|attendance");
        assert_eq!(label.to_string(), "notice|attendance");
        assert!(label == *"notice|attendance");
        assert!(label != *"notice");
        assert!(label == "notice|attendance");
        assert!(label != "notice");
        let (same, other) = (String::from("notice|attendance"), String::from("notice"));
        assert!(label == same);
        assert!(label != other);
    }

    fn req(types: &[DocumentType]) -> Requirement {
        Requirement::new(types.to_vec()).unwrap_or_else(|_| unreachable!())
    }

    #[test]
    fn missing_lists_compare_item_by_item() {
        use DocumentType as D;
        let missing = Missing::from(vec![
            vec![req(&[D::Notice]), req(&[D::Schedule, D::Attendance])],
            vec![req(&[D::Transcript])],
        ]);
        let a = "notice";
        let b = "schedule|attendance";
        let c = "transcript";
        assert_eq!(missing, vec![vec![a, b], vec![c]]);
        assert_eq!(missing, [vec![a, b], vec![c]]);
        assert_ne!(missing, vec![vec![a, b]]);
        assert_ne!(missing, [vec![a, b]]);
        assert_ne!(missing, vec![vec![a, b], vec!["attendance"]]);
        assert_ne!(missing, [vec![a, "attendance|schedule"], vec![c]]);
        assert_eq!(
            missing
                .as_slice()
                .first()
                .and_then(|l| l.get(1))
                .map(Requirement::any_of),
            Some(&[D::Schedule, D::Attendance][..])
        );
        assert_ne!(Missing::default(), [vec!["a"]]);
        assert!(Missing::default().is_empty());
        assert_eq!(Missing::default(), Missing::from(Vec::new()));
        assert_eq!(
            serde_json::to_string(&Missing::default()).ok().as_deref(),
            Some("[]")
        );
    }

    #[test]
    fn missing_is_written_as_labels_and_read_back_from_them() {
        use DocumentType as D;
        let missing = Missing::from(vec![
            vec![req(&[D::Notice]), req(&[D::Schedule, D::Attendance])],
            vec![req(&[D::Transcript])],
        ]);
        let text = serde_json::to_string(&missing).unwrap_or_default();
        assert_eq!(text, r#"[["notice","schedule|attendance"],["transcript"]]"#);
        let back: Missing = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, missing);
        assert_eq!(
            back.as_slice()
                .first()
                .and_then(|l| l.get(1))
                .map(Requirement::any_of),
            Some(&[D::Schedule, D::Attendance][..])
        );
        for bad in [r#"[["notice|nonsense"]]"#, r#"[[""]]"#, r#"[["notice|"]]"#] {
            assert!(serde_json::from_str::<Missing>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_missing_cache_keeps_what_it_worked_out() {
        let policy = MaterialsPolicy::hunan_2024();
        let evidence: Evidence = Evidence {
            id: EvidenceId::new("t").unwrap_or_else(|_| unreachable!()),
            activity: crate::evidence::Activity::DegreeCourse(crate::evidence::DegreeCourse {
                courses: 1,
                passed: chrono::NaiveDate::MIN,
            }),
            documents: vec![],
        };
        let mut cache = MissingCache::default();
        let first = check_evidence(&evidence, &policy, &mut cache, |_, _| {});
        assert_eq!(cache.0.len(), 1);
        let second = check_evidence(&evidence, &policy, &mut cache, |_, _| {});
        assert_eq!(first, second);
        assert_eq!(cache.0.len(), 1);
        assert_eq!(first.missing, [vec!["transcript"]]);
    }
}
