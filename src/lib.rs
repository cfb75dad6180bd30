//! Continuing-education credit hours (学时) as code.
//!
//! `cehours` turns a professional's record of continuing-education evidence into the hours a
//! Chinese provincial rule grants, year by year, and says whether the record passes — with every
//! hour traced to the clause that granted it. Its first policy is Hunan's 2024 notice
//! 湘人社办函〔2024〕21号 ([`Policy::hunan_2024`]). Hours are exact [`Decimal`]s, never floats;
//! no input makes it panic; bad input gets an error naming where it is.
//!
//! # Overview
//!
//! A [`Record`] (read from the JSON contract, or built in code from [`Evidence`] items) and a
//! [`Policy`] go in; a [`Report`] comes out: per year of the review span its public and
//! professional hours, each [`Credit`] with its [`RuleId`], the [`Finding`]s a reviewer must
//! see, the materials check of every item, and the verdict.
//!
//! ```
//! use cehours::{Decimal, Policy, Record, RuleId, Subject};
//!
//! let record: Record = serde_json::from_str(r#"{
//!     "evidence": [
//!         { "id": "t1", "kind": "training", "subject": "public",
//!           "start": "2020-04-01", "end": "2020-04-04", "days": "3.5" }
//!     ]
//! }"#)?;
//! let report = cehours::evaluate(&record, &Policy::hunan_2024())?;
//!
//! let year = report.year(2020).ok_or("2020 is in the default span 2019-2023")?;
//! assert_eq!(year.public, Decimal::from(28)); // 3.5 days × 8 h (A1.C1)
//! assert!(!year.passed); // N.1.2: public ≥ 30, professional ≥ 60, total ≥ 90
//! let credit = year.credits.first().ok_or("one credit")?;
//! assert_eq!((credit.subject, credit.rule), (Subject::Public, RuleId::A1C1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! To evaluate many records, keep one [`Evaluator`]: it reuses its working memory, and its
//! `totals` gives the per-year totals and verdict alone for bulk screening.
//!
//! # Modules
//!
//! - [`evidence`]: the typed evidence items, one struct per activity kind of the notice
//!   ([`Training`], [`Paper`], [`Assignment`], …), with their IDs and documents.
//! - [`record`]: a person's [`Record`] (evidence, review [`Span`], policy ID) and its JSON
//!   contract.
//! - [`evaluate`](mod@evaluate): the [`Evaluator`] and the one-call [`evaluate()`].
//! - [`ledger`]: the [`Report`], its [`YearReport`]s and [`Credit`]s, and the screening
//!   [`Totals`].
//! - [`finding`]: [`Finding`]s with their stable [`FindingCode`] and [`Severity`]; messages in
//!   Chinese, English or both ([`Locale`]).
//! - [`rule`]: the stable [`RuleId`]s every credit, finding and policy value cites.
//! - [`policy`]: the [`Policy`] value holding every figure and interpretation, policy files
//!   and overlays ([`PolicyFile`], [`Registry`]), citations, and what-if comparison
//!   ([`whatif`]).
//! - [`materials`]: which documents each activity must bring, upload rules, and the
//!   applicant's [`checklist`].
//! - [`review`]: the online verification workflow — [`Declaration`], [`Application`] through
//!   its [`Route`], batch review, and the [`Certificate`] (学时认定单).
//! - [`locale`]: the languages of messages and labels.
//! - [`wire`]: the wire formats shared by records, reports and policies (exact decimals,
//!   strict dates), for services writing their own serde types.
//! - `strategies` (feature `proptest`): proptest strategies for records and evidence, for
//!   downstream conformance tests.
//!
//! The rule IDs are those of the notice's tables (`N.x` the notice body, `A1.Mx` materials,
//! `A1.Cx` conversion to hours, `A2`–`A5` the operating guides) and `I-x` for this crate's
//! interpretations; `docs/` in the repository lists them.
//!
//! # Stability of stored data
//!
//! Reports, totals, applications, certificates and audit entries ignore fields they do not
//! know when read, so rows written by a later version, or carrying a service's own fields,
//! still load. Inputs — records and policy files — refuse unknown fields, so a typo is an
//! error, not a silently ignored value.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod compare;
pub mod evaluate;
pub mod evidence;
pub mod finding;
mod hash;
mod hunan_2024;
pub mod ledger;
pub mod locale;
pub mod materials;
pub mod policy;
pub mod record;
pub mod review;
pub mod rule;
mod rules;
pub mod wire;

/// The date type of the API (`chrono`'s), re-exported so callers need not name the same
/// version of `chrono`.
pub use chrono::NaiveDate;
/// The exact decimal type of every hour figure (`rust_decimal`'s), re-exported likewise.
pub use rust_decimal::Decimal;

pub use compare::{WhatIf, whatif};
pub use evaluate::{EvaluateError, Evaluator, evaluate};
pub use evidence::{
    Activity, Assignment, Award, Book, BookKind, CertifiedHours, CertifiedYear, Conference,
    DayActivity, DegreeCourse, Document, DocumentType, EmptyId, Evidence, EvidenceId, Grade, Kind,
    Level, MeetingKind, Paper, Patent, PatentClass, Period, PriorCertificate, Program, Provider,
    QualificationExam, ResearchProject, Role, SkillsExam, SkillsExamKind, Sponsor, Subject,
    Training, TrainingFormat, UnknownKind,
};
pub use finding::{Finding, FindingCode, Severity};
pub use ledger::{Credit, Report, Shortfall, SpanCheck, Totals, YearReport, YearTotals};
pub use locale::{Locale, UnknownLocale};
pub use materials::{
    Alternative, FormMaterials, MaterialsCheck, MaterialsOutcome, MaterialsPolicy, Requirement,
    UploadRefusal, UploadRules, check_materials, check_record_materials, checklist,
};
pub use policy::{
    Citation, DEFAULT_POLICY, InvalidPolicy, Policy, PolicyError, PolicyFile, PolicyProblem,
    ProblemKind, RankBand, Registry, YearCap,
};
pub use policy::{KindCredit, Method};
pub use record::{MAX_ITEMS, Record, RecordSeed, Span, SpanError};
#[cfg(feature = "seal")]
#[cfg_attr(docsrs, doc(cfg(feature = "seal")))]
pub use review::SealError;
pub use review::{
    ActionKind, Actor, AgencyStep, Applicant, Application, AuditEntry, BatchDecision, BatchFailure,
    BatchReport, BatchSuccess, Certificate, CertificateError, CertificateNote, CertificateYear,
    Declaration, DeclarationField, DeclarationProblem, Desk, EmployerReview, FromReportError,
    Gender, Holder, IdNumber, IdNumberError, InvalidDeclaration, Next, NoteCode, PROVINCIAL_HRSS,
    Party, ReviewAction, ReviewError, ReviewState, Route, Seal, SubjectDeclaration,
    SubmissionRules, Track, Upload, Uploads, YearSource, review_batch,
};
pub use rule::{ClauseId, ClauseIdError, RuleId, UnknownRule};

#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;

/// How the crate is built, and why: the layers, the path of a record, the policy, the
/// no-panic policy, recipes and the decisions of the public surface (`DESIGN.md`).
#[doc = include_str!("../DESIGN.md")]
pub mod design {}

/// The README's examples, compiled and run as doctests (the README is not the crate docs).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
