//! The online verification workflow (attachments 2–5) and the certificate it ends in.
//!
//! - [`Declaration`]: the form an applicant fills in for one year (A2 step 6), checked field by
//!   field ([`Declaration::validate`]) and against the evaluation of the evidence
//!   ([`Declaration::validate_against`]), or filled from it ([`Declaration::from_report`]).
//! - [`Application`]: the declaration's way through review. A draft (暂存) is submitted to
//!   the first level of its [`Route`], then reviewed by the employer (A3), any superior units
//!   (A4) and the handling agency (A5), each choosing the next level; any reviewer may return
//!   it with a reason, after which the applicant edits and resubmits. The routes of N.2.1
//!   (provincial units), N.2.2 (cities and prefectures) and N.2.3 (non-public and freelance,
//!   central units) are data ([`Route::new`]). Every step is an [`AuditEntry`] citing its
//!   rules; an illegal step is a [`ReviewError`] and changes nothing.
//! - [`review_batch`]: one decision of the handling agency over many declarations (A5 step
//!   6), each on its own; refused to every other level.
//! - Stored applications are replayed when read, and can carry a keyed seal (feature `seal`,
//!   `Application::seal` / `Application::verify`) that detects edits made outside the library.
//! - [`Certificate`]: the 学时认定单 (A2 steps 10–13) from approved declarations, with earlier
//!   certificates standing for their years (N.3.3, I-9), and back into `prior_certificate`
//!   evidence ([`Certificate::to_evidence`]).
//!
//! Times are given by the caller; the library reads no clock.

mod actions;
mod batch;
mod certificate;
mod declaration;
mod id_number;
mod parties;
mod route;
#[cfg(feature = "seal")]
mod seal;
mod text;
mod workflow;

pub use actions::{ActionKind, AuditEntry, Next, ReviewAction, ReviewError, ReviewState};
pub use batch::{BatchDecision, BatchFailure, BatchReport, BatchSuccess, review_batch};
pub use certificate::{
    Certificate, CertificateError, CertificateNote, CertificateYear, Holder, NoteCode, YearSource,
};
pub use declaration::{
    Applicant, Declaration, DeclarationField, DeclarationProblem, EmployerReview, FromReportError,
    Gender, InvalidDeclaration, SubjectDeclaration, Upload, Uploads,
};
pub use id_number::{IdNumber, IdNumberError};
pub use parties::{Actor, AgencyStep, Desk, PROVINCIAL_HRSS, Party, Track};
pub use route::Route;
#[cfg(feature = "seal")]
#[cfg_attr(docsrs, doc(cfg(feature = "seal")))]
pub use seal::SealError;
pub use workflow::{Application, Seal, SubmissionRules};

/// Personal data as `Debug` prints it: the first `head` and last `tail` characters, each other
/// character a `*` (`138****5678`); a text too short to keep both ends is masked whole.
pub(crate) fn mask(text: &str, head: usize, tail: usize) -> String {
    let len = text.chars().count();
    let keep = head.checked_add(tail).is_some_and(|k| k < len);
    text.chars()
        .enumerate()
        .map(|(i, c)| {
            if keep && (i < head || i >= len - tail) {
                c
            } else {
                '*'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_masked_in_debug() {
        assert_eq!(mask("13812345678", 3, 4), "138****5678");
        assert_eq!(mask("430102199001011234", 3, 4), "430***********1234");
        assert_eq!(mask("1234567", 3, 4), "*******");
        assert_eq!(mask("", 3, 4), "");
        let id = IdNumber::parse("11010519491231002x").ok();
        assert_eq!(format!("{id:?}"), "Some(IdNumber(\"110***********002X\"))");
        let applicant = Applicant {
            id_number: "11010519491231002X".into(),
            name: "张三".into(),
            gender: None,
            ethnicity: "汉族".into(),
            unit: "某大学".into(),
            proposed_title: "教授".into(),
            phone: "18890987651".into(),
            education: "博士研究生".into(),
            category: "高校教师".into(),
            sub_specialty: "数学".into(),
        };
        let printed = format!("{applicant:?}");
        assert!(printed.contains("\"110***********002X\""), "{printed}");
        assert!(printed.contains("\"188****7651\""), "{printed}");
        assert!(!printed.contains("18890987651"), "{printed}");
        assert!(!printed.contains("19491231"), "{printed}");
        let holder = format!("{:?}", Holder::new("11010519491231002X", "李华"));
        assert_eq!(
            holder,
            "Holder { id_number: \"110***********002X\", name: \"李华\" }"
        );
    }
}
