#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod evaluate;
mod evidence;
mod finding;
mod hunan_2024;
mod ledger;
mod materials;
mod policy;
mod record;
mod review;
mod rule;
mod rules;
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
pub use review::*;
pub use rule::RuleId;

#[cfg(feature = "proptest")]
pub mod strategies;
