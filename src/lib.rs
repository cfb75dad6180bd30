#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]

mod credit;
mod evaluate;
mod evidence;
mod finding;
mod hunan_2024;
mod ledger;
mod locale;
mod materials;
mod policy;
mod record;
mod review;
mod rule;
mod same_days;
mod same_work;
mod serial;
pub mod wire;

pub use evaluate::{EvaluateError, Evaluator, evaluate};
pub use evidence::*;
pub use finding::{Finding, FindingCode, Severity};
pub use ledger::{Credit, Report, Shortfall, Totals, YearReport, YearTotals};
pub use materials::{
    Alternative, Condition, Conditional, EmptyRequirement, FormMaterials, Label, MaterialsByKind,
    MaterialsCheck, MaterialsOutcome, MaterialsPolicy, Missing, RefusedDocument, Requirement,
    UploadRefusal, UploadRules, check_materials, check_record_materials, checklist,
};
pub use policy::*;
pub use record::{Record, Span, SpanError, YEARS};
pub use review::{
    ActionKind, Actor, AgencyStep, Applicant, Application, AuditEntry, BatchDecision, BatchFailure,
    BatchReport, BatchSuccess, Certificate, CertificateError, CertificateNote, CertificateYear,
    Declaration, DeclarationField, DeclarationProblem, Desk, FromReportError, Gender, Holder,
    IdNumber, IdNumberError, InvalidDeclaration, Next, NoteCode, PROVINCIAL_HRSS, Party,
    ReviewAction, ReviewError, ReviewState, Route, SubjectDeclaration, Track, YearSource,
    review_batch,
};
pub use locale::{Locale, UnknownLocale};
pub use rule::{RuleId, UnknownRule};

#[cfg(feature = "proptest")]
pub mod strategies;
