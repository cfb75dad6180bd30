//! The materials table as data: for each kind, its rule and the alternative sets of documents
//! that satisfy it (A1.M1–A1.M12, N.3.2, N.3.3), plus the upload rules (A2).

use serde::{Deserialize, Serialize};

use super::uploads::UploadRules;
use crate::evidence::{Activity, DocumentType, Kind};
use crate::rule::RuleId;

/// An unmet requirement as a report writes it: its document types joined with `|`
/// (`"notice|attendance|schedule"`). Shared text: copying one costs no allocation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label(std::sync::Arc<str>);

impl Label {
    /// The label's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Label {
    fn from(text: &str) -> Self {
        Label(std::sync::Arc::from(text))
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Ok(Label::from(text.as_str()))
    }
}

/// The materials rules of a policy: what each kind must bring, and the upload rules (A2).
///
/// # Example
///
/// ```
/// use cehours::{Kind, MaterialsPolicy, RuleId};
///
/// let materials = MaterialsPolicy::hunan_2024();
/// let training = materials.for_kind(Kind::Training);
/// assert_eq!(training.rule, RuleId::A1M1);
/// assert_eq!(training.alternatives.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialsPolicy {
    /// A2: which uploads are accepted.
    pub uploads: UploadRules,
    /// A1.M, N.3.2, N.3.3: the documents of each kind.
    pub kinds: MaterialsByKind,
    /// I-11 *(rev. 2)*: whether an item with no complete alternative of its documents is
    /// withheld (not credited, finding `materials_incomplete` citing its materials rule).
    /// `false` for hunan-2024: a self-check wants the hours and the gaps; a reviewer may set it.
    #[serde(default)]
    pub withhold_incomplete: bool,
}

impl MaterialsPolicy {
    /// The materials of 湘人社办函〔2024〕21号 附件1 一 (with I-7 for A1.M4 alternative (2)),
    /// N.3.2, N.3.3 and the A2 upload rules.
    pub fn hunan_2024() -> MaterialsPolicy {
        MaterialsPolicy {
            uploads: UploadRules::hunan_2024(),
            kinds: MaterialsByKind::hunan_2024(),
            withhold_incomplete: false,
        }
    }

    /// The documents `kind` needs.
    pub fn for_kind(&self, kind: Kind) -> &FormMaterials {
        self.kinds.get(kind)
    }
}

/// The documents of every kind: one field per `kind` of the JSON contract, so no kind can be
/// left out of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    missing_docs,
    reason = "each field is named after the kind it describes, as in the JSON contract"
)]
pub struct MaterialsByKind {
    pub training: FormMaterials,
    pub practice: FormMaterials,
    pub conference: FormMaterials,
    pub overseas_exchange: FormMaterials,
    pub online_course: FormMaterials,
    pub platform_training: FormMaterials,
    pub research_project: FormMaterials,
    pub book: FormMaterials,
    pub paper: FormMaterials,
    pub patent: FormMaterials,
    pub award: FormMaterials,
    pub skills_exam: FormMaterials,
    pub degree_course: FormMaterials,
    pub qualification_exam: FormMaterials,
    pub assignment: FormMaterials,
    pub prior_certificate: FormMaterials,
    /// The documents of a declared kind (none listed when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declared: Option<FormMaterials>,
}

/// The form of a kind whose documents the policy does not list: one alternative that asks
/// for nothing (A2's upload rules still apply to what is uploaded).
static UNLISTED: std::sync::LazyLock<FormMaterials> = std::sync::LazyLock::new(|| FormMaterials {
    rule: RuleId::A2,
    alternatives: vec![Alternative {
        rule: RuleId::A2,
        requires: Vec::new(),
    }],
    conditional: Vec::new(),
});

impl MaterialsByKind {
    /// The documents `kind` needs.
    pub fn get(&self, kind: Kind) -> &FormMaterials {
        match kind {
            Kind::Training => &self.training,
            Kind::Practice => &self.practice,
            Kind::Conference => &self.conference,
            Kind::OverseasExchange => &self.overseas_exchange,
            Kind::OnlineCourse => &self.online_course,
            Kind::PlatformTraining => &self.platform_training,
            Kind::ResearchProject => &self.research_project,
            Kind::Book => &self.book,
            Kind::Paper => &self.paper,
            Kind::Patent => &self.patent,
            Kind::Award => &self.award,
            Kind::SkillsExam => &self.skills_exam,
            Kind::DegreeCourse => &self.degree_course,
            Kind::QualificationExam => &self.qualification_exam,
            Kind::Assignment => &self.assignment,
            Kind::PriorCertificate => &self.prior_certificate,
            Kind::Declared => self.declared.as_ref().unwrap_or(&UNLISTED),
        }
    }

    /// The hunan-2024 table, one line per alternative, in the order of docs/rules.md.
    #[rustfmt::skip]
    fn hunan_2024() -> MaterialsByKind {
        use DocumentType as D;
        use RuleId::*;
        MaterialsByKind {
            training: FormMaterials::new(A1M1, vec![
                Alternative::new(A1M1, &[&[D::Notice], &[D::Schedule], &[D::Attendance]]),
                Alternative::new(A1M1, &[&[D::Notice, D::Attendance, D::Schedule], &[D::CompletionCertificate]]),
            ]),
            practice: FormMaterials::new(A1M2, vec![
                Alternative::new(A1M2, &[&[D::Notice], &[D::SealedDispatchNotice]]),
                Alternative::new(A1M2, &[&[D::Notice, D::RegistrationForm], &[D::ActivityLog]]),
            ]),
            conference: FormMaterials::new(A1M4, vec![
                Alternative::new(A1M4, &[&[D::Invitation, D::Notice], &[D::SealedReceipt], &[D::StudyNotes]]),
                Alternative::new(I7, &[&[D::MeetingDirectory, D::EmailReceipt, D::ReimbursementRecord, D::OtherSupporting]]),
            ]),
            overseas_exchange: FormMaterials::single(A1M12, &[&[D::Invitation], &[D::HostReceipt, D::StudyMaterials, D::HostCertificate]]),
            online_course: FormMaterials::single(A1M3, &[&[D::CourseDuration, D::CourseContent], &[D::CompletionCertificate]]),
            platform_training: FormMaterials::single(N3_2, &[&[D::PlatformCertificate]]),
            research_project: FormMaterials::single(A1M5, &[&[D::ProjectCompletionCertificate]]),
            book: FormMaterials::single(A1M6, &[&[D::BookCover], &[D::CopyrightPage], &[D::TableOfContents]]),
            paper: FormMaterials {
                rule: A1M6,
                alternatives: vec![Alternative::new(A1M6, &[&[D::JournalCover], &[D::SerialPage], &[D::TableOfContents]])],
                conditional: vec![Conditional {
                    when: Condition::ForeignPaper,
                    rule: A2,
                    requires: vec![Requirement::one(D::RetrievalProof)],
                }],
            },
            patent: FormMaterials::single(A1M7, &[&[D::PatentCertificate]]),
            award: FormMaterials::single(A1M8, &[&[D::AwardCertificate]]),
            skills_exam: FormMaterials::single(A1M9, &[&[D::ExamCertificate]]),
            degree_course: FormMaterials::single(A1M11, &[&[D::Transcript]]),
            qualification_exam: FormMaterials::single(A1M11, &[&[D::ScoreReport]]),
            assignment: FormMaterials::single(A1M10, &[&[D::DispatchNotice], &[D::AssessmentForm]]),
            prior_certificate: FormMaterials::single(N3_3, &[&[D::HoursCertificate]]),
            declared: None,
        }
    }
}

/// The documents one kind needs: its rule, the alternatives (one complete alternative
/// suffices), and requirements added to every alternative under a condition.
///
/// With no alternatives at all, nothing can satisfy the kind: its check is never satisfied and
/// its `missing` is empty (there is no alternative to list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormMaterials {
    /// The materials rule of the kind (`A1.M1` …, `N.3.2`, `N.3.3`), quoted in its check.
    pub rule: RuleId,
    /// The alternatives, in the order of the rule's text.
    pub alternatives: Vec<Alternative>,
    /// Requirements added to every alternative when their condition holds for the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional: Vec<Conditional>,
}

impl FormMaterials {
    fn new(rule: RuleId, alternatives: Vec<Alternative>) -> FormMaterials {
        FormMaterials {
            rule,
            alternatives,
            conditional: Vec::new(),
        }
    }

    fn single(rule: RuleId, requires: &[&[DocumentType]]) -> FormMaterials {
        FormMaterials::new(rule, vec![Alternative::new(rule, requires)])
    }
}

/// One alternative set of documents: every requirement must be met, in the order listed.
///
/// An alternative with no requirements is met by any item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// The rule this alternative comes from (the kind's rule, or an interpretation such as I-7).
    pub rule: RuleId,
    /// The requirements, in the order of the rule's text.
    pub requires: Vec<Requirement>,
}

impl Alternative {
    /// An alternative from literal lists; every list in the table is non-empty.
    fn new(rule: RuleId, requires: &[&[DocumentType]]) -> Alternative {
        Alternative {
            rule,
            requires: requires
                .iter()
                .map(|types| Requirement::of(types.to_vec()))
                .collect(),
        }
    }
}

/// One requirement: a non-empty list of document types, any one of which meets it.
///
/// Serialises as the list (`["notice", "attendance", "schedule"]`); an empty list is refused.
/// In a report's `missing` it is written joined with `|` (`"notice|attendance|schedule"`).
#[derive(Clone, Serialize, Deserialize)]
#[serde(try_from = "Vec<DocumentType>", into = "Vec<DocumentType>")]
pub struct Requirement {
    /// The types as a set, for checking without allocating (held inline: every check reads
    /// it).
    mask: DocumentSet,
    /// The types and the label, shared: a report that lacks the requirement copies it
    /// without allocating.
    shared: std::sync::Arc<Shared>,
}

/// What a [`Requirement`] shares between its copies.
#[derive(Debug)]
struct Shared {
    any_of: Vec<DocumentType>,
    /// The label, made once (it is quoted in every report that lacks it).
    label: Label,
}

impl std::fmt::Debug for Requirement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Requirement")
            .field("any_of", &self.shared.any_of)
            .field("mask", &self.mask)
            .field("label", &self.shared.label)
            .finish()
    }
}

impl PartialEq for Requirement {
    /// Requirements are equal when they list the same types in the same order (the set and
    /// the label follow from the list).
    fn eq(&self, other: &Requirement) -> bool {
        std::sync::Arc::ptr_eq(&self.shared, &other.shared)
            || self.shared.any_of == other.shared.any_of
    }
}

impl Eq for Requirement {}

/// A set of document types, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct DocumentSet(u64);

// Each document type has its own bit: there are at most 64 of them.
const _: () = assert!(DocumentType::ALL.len() <= 64);

impl DocumentSet {
    fn bit(doc_type: DocumentType) -> u64 {
        1u64.checked_shl(u32::from(doc_type as u8)).unwrap_or(0)
    }

    /// Adds a type.
    pub(crate) fn insert(&mut self, doc_type: DocumentType) {
        self.0 |= Self::bit(doc_type);
    }

    fn of(types: &[DocumentType]) -> DocumentSet {
        let mut set = DocumentSet::default();
        for t in types {
            set.insert(*t);
        }
        set
    }

    fn meets(self, other: DocumentSet) -> bool {
        self.0 & other.0 != 0
    }
}

impl Requirement {
    /// A requirement met by any one of `any_of`.
    ///
    /// # Errors
    ///
    /// [`EmptyRequirement`] when `any_of` is empty.
    pub fn new(any_of: Vec<DocumentType>) -> Result<Requirement, EmptyRequirement> {
        if any_of.is_empty() {
            Err(EmptyRequirement)
        } else {
            Ok(Requirement::of(any_of))
        }
    }

    fn of(any_of: Vec<DocumentType>) -> Requirement {
        let label: Vec<&str> = any_of.iter().map(|t| t.as_str()).collect();
        Requirement {
            mask: DocumentSet::of(&any_of),
            shared: std::sync::Arc::new(Shared {
                label: Label::from(label.join("|").as_str()),
                any_of,
            }),
        }
    }

    /// A requirement met by one document type only.
    pub fn one(doc_type: DocumentType) -> Requirement {
        Requirement::of(vec![doc_type])
    }

    /// The document types that meet it, in order; never empty.
    pub fn any_of(&self) -> &[DocumentType] {
        &self.shared.any_of
    }

    /// The requirement as written in a report's `missing`: its types joined with `|`.
    pub fn label(&self) -> String {
        self.shared.label.to_string()
    }

    /// The label, borrowed.
    pub(crate) fn label_str(&self) -> &str {
        self.shared.label.as_str()
    }

    /// The requirement a report's `missing` writes as `label`: document types joined with
    /// `|`, each named as in a record.
    pub(crate) fn from_label(label: &str) -> Result<Requirement, UnknownRequirement> {
        let mut any_of = Vec::new();
        for name in label.split('|') {
            let doc_type = DocumentType::ALL
                .iter()
                .copied()
                .find(|t| t.as_str() == name)
                .ok_or_else(|| UnknownRequirement(label.to_owned()))?;
            any_of.push(doc_type);
        }
        Ok(Requirement::of(any_of))
    }

    /// Whether one of `have` meets it.
    pub(crate) fn is_met_by(&self, have: DocumentSet) -> bool {
        self.mask.meets(have)
    }
}

impl TryFrom<Vec<DocumentType>> for Requirement {
    type Error = EmptyRequirement;

    fn try_from(any_of: Vec<DocumentType>) -> Result<Self, Self::Error> {
        Requirement::new(any_of)
    }
}

impl From<Requirement> for Vec<DocumentType> {
    fn from(requirement: Requirement) -> Self {
        requirement.shared.any_of.clone()
    }
}

/// A requirement in a report's `missing` named no document type, or one that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a requirement: expected document types joined with `|`")]
pub struct UnknownRequirement(String);

impl PartialEq<str> for Requirement {
    /// Compares with the requirement's label (`"schedule|attendance"`).
    fn eq(&self, other: &str) -> bool {
        self.shared.label.as_str() == other
    }
}

impl PartialEq<&str> for Requirement {
    fn eq(&self, other: &&str) -> bool {
        self.shared.label.as_str() == *other
    }
}

impl PartialEq<String> for Requirement {
    fn eq(&self, other: &String) -> bool {
        self.shared.label.as_str() == other.as_str()
    }
}

/// A requirement listed no document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a requirement must list at least one document type")]
pub struct EmptyRequirement;

/// Requirements added to every alternative of a kind when a condition holds for the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditional {
    /// When they apply.
    pub when: Condition,
    /// The rule that adds them (A2 upload note 2 for the retrieval proof of a foreign paper).
    pub rule: RuleId,
    /// The requirements added, after the alternative's own.
    pub requires: Vec<Requirement>,
}

/// When conditional requirements apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Condition {
    /// A paper with `foreign: true` (A2 upload note 2: 在国外刊物发表的论文须提供检索材料).
    /// Never holds for another kind.
    ForeignPaper,
}

/// The conditions that hold for one item: one bit per [`Condition`] (not per conditional of
/// a form, so a form may list any number of conditionals: each is looked up by its
/// condition).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Conditions(u64);

// Each condition has its own bit: there are at most 64 of them.
const _: () = assert!(Condition::ALL.len() <= 64);

impl Conditions {
    /// Those of every condition that hold for `activity`.
    pub(crate) fn of(activity: &Activity) -> Conditions {
        Conditions(
            Condition::ALL
                .iter()
                .filter(|c| c.holds(activity))
                .fold(0, |bits, c| bits | c.bit()),
        )
    }

    /// Whether `condition` holds.
    pub(crate) fn contains(self, condition: Condition) -> bool {
        self.0 & condition.bit() != 0
    }
}

impl Condition {
    /// Every condition.
    const ALL: &'static [Condition] = &[Condition::ForeignPaper];

    fn bit(self) -> u64 {
        1u64.checked_shl(u32::from(self as u8)).unwrap_or(0)
    }

    /// Whether the condition holds for `activity`.
    pub fn holds(self, activity: &Activity) -> bool {
        match self {
            Condition::ForeignPaper => {
                matches!(activity, Activity::Paper(p) if p.foreign == Some(true))
            }
        }
    }
}
