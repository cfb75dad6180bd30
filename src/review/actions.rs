//! What a review can do: where a declaration stands, the actions on it, the audit trail, and
//! why an action is refused (nothing changes when it is).

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::declaration::{Declaration, EmployerReview, InvalidDeclaration};
use super::parties::{Desk, Party};
use super::text::normalised;
use crate::policy::ReviewWindow;
use crate::rule::RuleId;
/// Where a declaration stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReviewState {
    /// 暂存: saved, not submitted; editable (A2 step 8).
    Draft,
    /// Submitted (已提交) and waiting for `desk` to review (A3, A4, A5); locked.
    InReview {
        /// Who reviews now.
        desk: Desk,
        /// Superior-unit levels reached in this round, the current one included.
        superiors: u32,
    },
    /// 审核不通过: returned to the applicant with a reason; editable and resubmittable.
    Returned {
        /// Who rejected it.
        by: Desk,
        /// 审核不通过意见.
        reason: String,
    },
    /// 审核通过: approved by the handling agency; final.
    Approved {
        /// The handling agency.
        by: Desk,
    },
}

impl ReviewState {
    /// Whether the applicant may edit and submit (draft or returned).
    pub fn is_editable(&self) -> bool {
        matches!(self, ReviewState::Draft | ReviewState::Returned { .. })
    }

    /// The desk whose turn it is, when in review.
    pub fn desk(&self) -> Option<&Desk> {
        match self {
            ReviewState::InReview { desk, .. } => Some(desk),
            _ => None,
        }
    }

    /// The state as the online system labels it (`暂存`, `审核中`, `审核不通过`, `审核通过`).
    pub fn label(&self) -> &'static str {
        match self {
            ReviewState::Draft => "暂存",
            ReviewState::InReview { .. } => "审核中",
            ReviewState::Returned { .. } => "审核不通过",
            ReviewState::Approved { .. } => "审核通过",
        }
    }
}

impl fmt::Display for ReviewState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewState::Draft => f.write_str("a draft"),
            ReviewState::InReview { desk, .. } => write!(f, "under review at {desk}"),
            ReviewState::Returned { by, .. } => write!(f, "returned by {by}"),
            ReviewState::Approved { .. } => f.write_str("approved"),
        }
    }
}

/// The next level an approving employer or superior unit sends the declaration to (A3 step 9,
/// A4 step 8).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Next {
    /// 上级审核单位: a superior unit, by name.
    Superior {
        /// The superior unit's name.
        #[serde(deserialize_with = "normalised")]
        unit: String,
    },
    /// 经办机构: the route's handling agency; from the employer, only for a first-level unit
    /// (一级单位, A3 step 9).
    Agency,
}

/// What an actor does to a declaration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ReviewAction {
    /// 修改: the applicant replaces the declaration (draft or returned only).
    Edit {
        /// The new declaration.
        declaration: Box<Declaration>,
    },
    /// 提交: the applicant submits, within the yearly window (N.2, notice 二); the declaration
    /// must be valid.
    Submit,
    /// 提交 outside the yearly window (N.2): the caller's explicit override, with its reason,
    /// which the audit trail keeps. Otherwise as [`ReviewAction::Submit`].
    SubmitOutsideWindow {
        /// Why the window is overridden; must not be blank.
        reason: String,
    },
    /// 审核通过: the reviewer whose turn it is approves; an employer or superior unit names
    /// the next level, the handling agency names none. The employer fills in its review fields
    /// (A3); no other level does.
    Approve {
        /// The next level (none from the handling agency).
        #[serde(default)]
        next: Option<Next>,
        /// The employer's review fields (A3): required from the employer, refused from others.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review: Option<EmployerReview>,
    },
    /// 审核不通过: the reviewer whose turn it is returns it, with a reason.
    Reject {
        /// 审核不通过意见; must not be blank.
        reason: String,
    },
}

impl ReviewAction {
    /// The action without its data.
    pub fn kind(&self) -> ActionKind {
        match self {
            ReviewAction::Edit { .. } => ActionKind::Edit,
            ReviewAction::Submit | ReviewAction::SubmitOutsideWindow { .. } => ActionKind::Submit,
            ReviewAction::Approve { .. } => ActionKind::Approve,
            ReviewAction::Reject { .. } => ActionKind::Reject,
        }
    }
}

/// The kind of a [`ReviewAction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 修改.
    Edit,
    /// 提交.
    Submit,
    /// 审核通过.
    Approve,
    /// 审核不通过.
    Reject,
}

impl fmt::Display for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ActionKind::Edit => "edit",
            ActionKind::Submit => "submit",
            ActionKind::Approve => "approve",
            ActionKind::Reject => "reject",
        })
    }
}

/// One step of the audit trail: who did what, when, from which state to which, and why.
///
/// An entry holds what is needed to replay its step: an edit the declaration it set, a
/// submission the declaration submitted, an employer's approval its review fields, a rejection
/// (or a submission outside the window) its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuditEntry {
    /// The person.
    #[serde(deserialize_with = "normalised")]
    pub who: String,
    /// The party they acted for.
    pub role: Party,
    /// Their unit.
    #[serde(deserialize_with = "normalised")]
    pub unit: String,
    /// When, as the caller gave it.
    pub at: NaiveDateTime,
    /// What they did.
    pub action: ActionKind,
    /// The state before.
    pub from: ReviewState,
    /// The state after.
    pub to: ReviewState,
    /// The rejection reason, or the reason for submitting outside the window (N.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The rules behind the step: the party's operating guide (A2–A5), N.2 for a submission
    /// outside the window, and, for submissions and reviews, the route's rule (N.2.1–N.2.3).
    pub rules: Vec<RuleId>,
    /// The declaration an edit set or a submission submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration: Option<Box<Declaration>>,
    /// The employer's review fields of its approval (A3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_review: Option<EmployerReview>,
}

/// Why an action, or a new application, is refused. Nothing changes when it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReviewError {
    /// Only the applicant may edit or submit.
    #[error("only the applicant may {action}; `{name}` acts as the {role}")]
    NotApplicant {
        /// What was tried.
        action: ActionKind,
        /// Who tried.
        name: String,
        /// As which party.
        role: Party,
    },
    /// A reviewer acted out of turn (another party or another unit).
    #[error("it is the turn of {desk}, not of the {role} `{unit}`")]
    NotYourTurn {
        /// Whose turn it is.
        desk: Desk,
        /// The party that tried.
        role: Party,
        /// The unit that tried.
        unit: String,
    },
    /// An edit while the declaration is locked (submitted or approved).
    #[error(
        "the declaration is {state} and cannot be edited; edits are allowed only while it is a draft or returned"
    )]
    Locked {
        /// The current state.
        state: ReviewState,
    },
    /// The action does not apply in the current state.
    #[error("cannot {action} a declaration that is {state}")]
    WrongState {
        /// What was tried.
        action: ActionKind,
        /// The current state.
        state: ReviewState,
    },
    /// A rejection (or a submission outside the window) without a reason: empty, or nothing
    /// but blanks and invisible characters (zero-width spaces and the like).
    #[error("a rejection, or a submission outside the window, needs a reason")]
    EmptyReason,
    /// A submission outside the yearly window (N.2, notice 二), without the caller's override
    /// ([`ReviewAction::SubmitOutsideWindow`]).
    #[error(
        "`{at}` lies outside the application window, months {}–{} of each year ({})", .window.from_month, .window.to_month, .window.rule
    )]
    OutsideWindow {
        /// When it was tried.
        at: NaiveDateTime,
        /// The window.
        window: ReviewWindow,
    },
    /// An employer approved without its review fields (A3).
    #[error("the employer must fill in its review fields (A3) to approve")]
    EmployerReviewRequired,
    /// A level other than the employer gave employer review fields (A3).
    #[error("only the employer fills in the review fields of A3, not {desk}")]
    EmployerReviewNotAllowed {
        /// The desk that approved.
        desk: Desk,
    },
    /// The employer's review fields have problems (A3).
    #[error("the employer's review fields are not valid: {0}")]
    InvalidEmployerReview(InvalidDeclaration),
    /// An applicant's edit changed the employer's review fields.
    #[error("the employer's review fields (A3) are the employer's; an edit cannot change them")]
    EmployerReviewLocked,
    /// Batch review by a level other than the handling agency (A5 step 6).
    #[error("batch review is the handling agency's (A5 step 6), not the {role}'s")]
    BatchNotAllowed {
        /// The party that tried.
        role: Party,
    },
    /// A stored trail whose step `index` is not a legal step.
    #[error("audit entry {index} is not a legal step: {refused}")]
    Replay {
        /// The entry's position in the trail.
        index: usize,
        /// Why the step is refused.
        refused: Box<ReviewError>,
    },
    /// A stored trail whose step `index` does not record what its step does (its states,
    /// rules, reason or declaration differ).
    #[error("audit entry {index} does not record what its step does")]
    TrailMismatch {
        /// The entry's position in the trail.
        index: usize,
    },
    /// An employer or superior unit approved without naming the next level (A3 step 9,
    /// A4 step 8).
    #[error("{desk} must choose the next level, a superior unit or the handling agency")]
    NextLevelRequired {
        /// The desk that approved.
        desk: Desk,
    },
    /// The handling agency named a next level: its approval is final (A5).
    #[error("the handling agency's approval is final; no next level can follow it")]
    NextLevelNotAllowed,
    /// The route needs more superior-unit reviews before the agency.
    #[error(
        "route {rule} needs {min} superior-unit review(s) before the handling agency; {have} so far"
    )]
    SuperiorRequired {
        /// The route's rule.
        rule: RuleId,
        /// Reviews required.
        min: u32,
        /// Reviews so far.
        have: u32,
    },
    /// The route allows no further superior-unit review.
    #[error("route {rule} allows at most {max} superior-unit review(s)")]
    SuperiorNotAllowed {
        /// The route's rule.
        rule: RuleId,
        /// Reviews allowed.
        max: u32,
    },
    /// A superior unit named without a name.
    #[error("the superior unit needs a name")]
    EmptyUnit,
    /// A unit named as its own superior.
    #[error("`{unit}` cannot be its own superior unit")]
    SameUnit {
        /// The unit.
        unit: String,
    },
    /// A submission of a declaration with problems.
    #[error("the declaration cannot be submitted: {0}")]
    Invalid(InvalidDeclaration),
    /// A timestamp before the last audit entry's.
    #[error("`{at}` is before the last audit entry at `{last}`")]
    ClockWentBack {
        /// The timestamp given.
        at: NaiveDateTime,
        /// The last entry's timestamp.
        last: NaiveDateTime,
    },
    /// An application without an ID.
    #[error("the application `id` must not be empty")]
    EmptyId,
    /// A route without a handling agency.
    #[error("route {rule} names no handling agency")]
    EmptyAgency {
        /// The route's rule.
        rule: RuleId,
    },
    /// A route requiring more superior units than it allows.
    #[error("route {rule} requires {min} superior-unit review(s) but allows at most {max}")]
    SuperiorBounds {
        /// The route's rule.
        rule: RuleId,
        /// Reviews required.
        min: u32,
        /// Reviews allowed.
        max: u32,
    },
    /// A route requiring superior units although it starts at the agency.
    #[error(
        "route {rule} starts at the handling agency, so it cannot require superior-unit reviews"
    )]
    SuperiorsWithoutEmployer {
        /// The route's rule.
        rule: RuleId,
    },
    /// A stored application whose state or declaration is not the one its audit trail ends
    /// in.
    #[error("the application's state or declaration is not the one its audit trail ends in")]
    Inconsistent,
}
