#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod credit;
mod evaluate;
mod evidence;
mod finding;
mod hunan_2024;
mod ledger;
mod materials;
mod policy;
mod record;
mod rule;
mod same_days;
mod same_work;
mod serial;
pub mod wire;

pub use evaluate::{EvaluateError, Evaluator, evaluate};
pub use evidence::*;
pub use finding::{Finding, FindingCode, Severity};
pub use ledger::{Credit, Report, Shortfall, Totals, YearReport, YearTotals};
pub use materials::{Alternative, Condition, Conditional, EmptyRequirement, FormMaterials, MaterialsByKind, MaterialsCheck, MaterialsOutcome, MaterialsPolicy, RefusedDocument, Requirement, UploadRefusal, UploadRules, check_materials, check_record_materials, checklist};
pub use policy::*;
pub use record::{Record, Span, SpanError, YEARS};
pub use rule::RuleId;

#[cfg(feature = "proptest")]
pub mod strategies;
