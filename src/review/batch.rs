//! Batch review (A5 step 6): one decision of the handling agency applied to many declarations,
//! each on its own.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::actions::{AuditEntry, ReviewAction, ReviewError};
use super::parties::{Actor, Party};
use super::workflow::Application;

/// The decision a batch applies to every selected declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
pub enum BatchDecision {
    /// 审核通过 for each: the handling agency's final approval (备案 or 核验).
    Approve,
    /// 审核不通过 for each, with the same reason.
    Reject {
        /// 审核不通过意见.
        reason: String,
    },
}

impl BatchDecision {
    fn action(&self) -> ReviewAction {
        match self {
            BatchDecision::Approve => ReviewAction::Approve {
                next: None,
                review: None,
            },
            BatchDecision::Reject { reason } => ReviewAction::Reject {
                reason: reason.clone(),
            },
        }
    }
}

/// A declaration the batch moved on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchSuccess {
    /// Position in the selection.
    pub index: usize,
    /// The application's ID.
    pub application: String,
    /// The audit entry appended.
    pub entry: AuditEntry,
}

/// A declaration the batch left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchFailure {
    /// Position in the selection.
    pub index: usize,
    /// The application's ID.
    pub application: String,
    /// Why it was refused.
    pub error: ReviewError,
}

/// What a batch did: the successes and the failures, each in selection order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchReport {
    /// Declarations moved on.
    pub succeeded: Vec<BatchSuccess>,
    /// Declarations refused, unchanged.
    pub failed: Vec<BatchFailure>,
}

/// The handling agency `actor` approves or rejects every selected declaration at `at`
/// (批量审核, A5 step 6).
///
/// Batch review is the handling agency's alone: any other party is refused before anything is
/// tried. Each declaration succeeds or fails on its own, exactly as [`Application::apply`] would
/// decide it alone: one out of turn or in the wrong state fails without stopping the rest,
/// and a failed one is left unchanged (an action is decided in full before anything is
/// written). The selection is anything yielding `&mut Application`: a slice
/// (`&mut apps[..]`) or chosen items (`apps.iter_mut().filter(…)`).
///
/// # Example
///
/// ```
/// use cehours::{review_batch, Actor, BatchDecision, Party};
///
/// let hrss = Actor::new("王审", Party::Agency, "湖南省人力资源和社会保障厅");
/// let at = chrono::NaiveDate::from_ymd_opt(2024, 7, 1)
///     .and_then(|d| d.and_hms_opt(9, 0, 0))
///     .ok_or("bad time")?;
/// let report = review_batch(&mut [], &hrss, &BatchDecision::Approve, at)?;
/// assert!(report.succeeded.is_empty() && report.failed.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ReviewError::BatchNotAllowed`] when `actor` is not a handling agency; nothing changes.
pub fn review_batch<'a>(
    applications: impl IntoIterator<Item = &'a mut Application>,
    actor: &Actor,
    decision: &BatchDecision,
    at: NaiveDateTime,
) -> Result<BatchReport, ReviewError> {
    if actor.role != Party::Agency {
        return Err(ReviewError::BatchNotAllowed { role: actor.role });
    }
    let mut report = BatchReport::default();
    for (index, app) in applications.into_iter().enumerate() {
        let application = app.id().to_owned();
        match app.apply(actor, decision.action(), at) {
            Ok(entry) => report.succeeded.push(BatchSuccess {
                index,
                application,
                entry,
            }),
            Err(error) => report.failed.push(BatchFailure {
                index,
                application,
                error,
            }),
        }
    }
    Ok(report)
}
