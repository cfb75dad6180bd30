//! The review workflow: routes (N.2.1–N.2.3), the state machine of a declaration (A2–A5) and
//! its audit trail.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::declaration::{Declaration, EmployerReview, InvalidDeclaration};
use super::text::{is_blank, normalise, normalised, same_unit};
use crate::locale::Locale;
use crate::materials::UploadRules;
use crate::policy::{Policy, ReviewWindow};
use crate::rule::RuleId;

/// The handling agency of provincial units and of central units in Hunan (N.2.1, N.2.3).
pub const PROVINCIAL_HRSS: &str = "湖南省人力资源和社会保障厅";

/// Which routing rule of the notice an applicant falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Track {
    /// 省直单位, including universities with their own title-review rights (N.2.1).
    ProvincialUnit,
    /// 市州: applicants of a city or prefecture (N.2.2).
    CityPrefecture,
    /// 非公有制经济组织、社会组织、自由职业: handled where the unit or the personnel file is
    /// (属地原则, N.2.3).
    NonPublic,
    /// 中央驻湘单位: central units in Hunan (N.2.3).
    CentralUnit,
}

impl Track {
    /// The track as written in JSON (`"provincial_unit"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Track::ProvincialUnit => "provincial_unit",
            Track::CityPrefecture => "city_prefecture",
            Track::NonPublic => "non_public",
            Track::CentralUnit => "central_unit",
        }
    }
}

impl fmt::Display for Track {
    /// As written in JSON (`provincial_unit`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the handling agency's approval means on a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AgencyStep {
    /// 备案: the agency files what the units below have confirmed (N.2.1, central units).
    Filing,
    /// 核验 (核认): the agency verifies the hours itself (N.2.2, N.2.3 territorial).
    Verification,
}

/// The levels a declaration passes on its way to approval, as data.
///
/// The state machine reads only these fields, so another routing is another value, not
/// another branch. [`Route::new`] gives the notice's four routes:
///
/// | track | rule | employer (A3) | superior units (A4) | handling agency (A5) |
/// |---|---|---|---|---|
/// | provincial unit | N.2.1 | yes (初审) | any number (省直主管部门复审; none for a first-level unit) | provincial HRSS, filing (备案) |
/// | city/prefecture | N.2.2 | yes | any number | city HRSS, verification |
/// | non-public, social, freelance | N.2.3 | no | none | territorial HRSS, verification |
/// | central unit in Hunan | N.2.3 | yes (单位人事部门审核) | none | provincial HRSS, filing (备案) |
///
/// The employer chooses the next level (A3 step 9): a superior unit, or, for a first-level unit
/// (一级单位, with no superior unit above it, such as a provincial university), the handling
/// agency directly; each superior unit chooses likewise (A4 step 8).
///
/// The agency's name is normalised (surrounding blanks, invisible characters included, are
/// dropped) when a route is read or an application is made, so [`Route::check`] and the turn
/// checks see the same name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    /// The track.
    pub track: Track,
    /// The rule the route comes from (N.2.1, N.2.2 or N.2.3).
    pub rule: RuleId,
    /// Whether the employer (or the unit's personnel department) reviews first (A3); if not,
    /// a submitted declaration goes straight to the handling agency.
    pub employer_review: bool,
    /// Superior-unit levels (A4) that must approve before the handling agency.
    pub min_superiors: u32,
    /// Most superior-unit levels allowed; `None`: no limit.
    #[serde(default)]
    pub max_superiors: Option<u32>,
    /// The handling agency (经办机构, an HRSS department) that decides last (A5).
    #[serde(deserialize_with = "normalised")]
    pub agency: String,
    /// What the agency's approval means.
    pub agency_step: AgencyStep,
}

impl Route {
    /// The notice's route for `track`, decided last by `agency` (for provincial and central
    /// units, [`PROVINCIAL_HRSS`]).
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyAgency`] when `agency` is blank.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::{Route, Track, PROVINCIAL_HRSS};
    ///
    /// let route = Route::new(Track::ProvincialUnit, PROVINCIAL_HRSS)?;
    /// assert_eq!(route.rule.as_str(), "N.2.1");
    /// // A first-level unit sends straight to the agency (A3 step 9).
    /// assert_eq!(route.min_superiors, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(track: Track, agency: &str) -> Result<Route, ReviewError> {
        let (rule, employer_review, min_superiors, max_superiors, agency_step) = match track {
            Track::ProvincialUnit => (RuleId::N2_1, true, 0, None, AgencyStep::Filing),
            Track::CityPrefecture => (RuleId::N2_2, true, 0, None, AgencyStep::Verification),
            Track::NonPublic => (RuleId::N2_3, false, 0, Some(0), AgencyStep::Verification),
            Track::CentralUnit => (RuleId::N2_3, true, 0, Some(0), AgencyStep::Filing),
        };
        let route = Route {
            track,
            rule,
            employer_review,
            min_superiors,
            max_superiors,
            agency: normalise(agency),
            agency_step,
        };
        route.check()?;
        Ok(route)
    }

    /// Checks that the route can be followed to its end.
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyAgency`] (a name of nothing but blanks or invisible characters),
    /// [`ReviewError::SuperiorBounds`] (more superiors required than allowed) or
    /// [`ReviewError::SuperiorsWithoutEmployer`] (superiors required on a route that starts at
    /// the agency).
    pub fn check(&self) -> Result<(), ReviewError> {
        let rule = self.rule;
        if is_blank(&self.agency) {
            return Err(ReviewError::EmptyAgency { rule });
        }
        if let Some(max) = self.max_superiors {
            if self.min_superiors > max {
                return Err(ReviewError::SuperiorBounds {
                    rule,
                    min: self.min_superiors,
                    max,
                });
            }
        }
        if !self.employer_review && self.min_superiors > 0 {
            return Err(ReviewError::SuperiorsWithoutEmployer { rule });
        }
        Ok(())
    }

    /// Where a declaration from `unit` goes when submitted.
    fn first_desk(&self, unit: &str) -> Desk {
        if self.employer_review {
            Desk {
                role: Party::Employer,
                unit: normalise(unit),
            }
        } else {
            self.agency_desk()
        }
    }

    fn agency_desk(&self) -> Desk {
        Desk {
            role: Party::Agency,
            unit: normalise(&self.agency),
        }
    }
}

/// Who takes part: the applicant or one of the three reviewing levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Party {
    /// 申报人: fills in, edits and submits (A2).
    Applicant,
    /// 用人单位 (or a central unit's personnel department): reviews first (A3).
    Employer,
    /// 上级审核单位 / 主管单位: reviews in between (A4).
    SuperiorUnit,
    /// 经办机构: the HRSS department that decides last (A5).
    Agency,
}

impl Party {
    /// The operating guide for this party (A2–A5).
    pub fn rule(self) -> RuleId {
        match self {
            Party::Applicant => RuleId::A2,
            Party::Employer => RuleId::A3,
            Party::SuperiorUnit => RuleId::A4,
            Party::Agency => RuleId::A5,
        }
    }

    /// The party's name in the notice (`用人单位`): the same as
    /// `label_in(Locale::Zh)`.
    pub fn label(self) -> &'static str {
        self.label_in(Locale::Zh)
    }

    /// The party's name in one language (`用人单位`, `employer`).
    pub fn label_in(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Party::Applicant, Locale::Zh) => "申报人",
            (Party::Employer, Locale::Zh) => "用人单位",
            (Party::SuperiorUnit, Locale::Zh) => "上级审核单位",
            (Party::Agency, Locale::Zh) => "经办机构",
            (Party::Applicant, Locale::En) => "applicant",
            (Party::Employer, Locale::En) => "employer",
            (Party::SuperiorUnit, Locale::En) => "superior unit",
            (Party::Agency, Locale::En) => "handling agency",
        }
    }
}

impl fmt::Display for Party {
    /// The English name, as in error messages: `label_in(Locale::En)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_in(Locale::En))
    }
}

/// A reviewing level a declaration waits at: the party and its unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Desk {
    /// Employer, superior unit or handling agency.
    pub role: Party,
    /// The unit's name; only an actor of this unit may act.
    #[serde(deserialize_with = "normalised")]
    pub unit: String,
}

impl fmt::Display for Desk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} `{}`", self.role, self.unit)
    }
}

/// Who acts: a person, the party they act for, and their unit.
///
/// The library checks the party and (for reviewers) the unit; authenticating the person is
/// the caller's business. Names are normalised (surrounding blanks and invisible characters
/// dropped) when made and when read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The person's name or account.
    #[serde(deserialize_with = "normalised")]
    pub name: String,
    /// The party they act for.
    pub role: Party,
    /// Their unit (for a reviewer, it must be the unit whose turn it is).
    #[serde(deserialize_with = "normalised")]
    pub unit: String,
}

impl Actor {
    /// An actor, its name and unit normalised.
    pub fn new(name: &str, role: Party, unit: &str) -> Actor {
        Actor {
            name: normalise(name),
            role,
            unit: normalise(unit),
        }
    }
}

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

/// What a submission is checked against, taken from a policy when an application is made: the
/// yearly application window (N.2, notice 二) and the upload rules (A2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionRules {
    /// The months in which applications are handled (the policy's `review_window`).
    pub window: ReviewWindow,
    /// The upload rules for the declaration's files (the policy's `materials.uploads`).
    pub uploads: UploadRules,
}

impl SubmissionRules {
    /// The rules of `policy`.
    pub fn of(policy: &Policy) -> SubmissionRules {
        SubmissionRules {
            window: policy.review_window,
            // The online system's A2 rules when the policy lists no materials of its own.
            uploads: policy
                .materials
                .as_ref()
                .map_or_else(UploadRules::hunan_2024, |m| m.uploads.clone()),
        }
    }
}

impl Default for SubmissionRules {
    /// The rules of the built-in policy `hunan-2024`: June to July, the A2 uploads.
    fn default() -> Self {
        static BUILTIN: std::sync::LazyLock<SubmissionRules> =
            std::sync::LazyLock::new(|| SubmissionRules::of(&Policy::hunan_2024()));
        BUILTIN.clone()
    }
}

/// The keyed seal of a stored application: one tag per audit entry, each chained to the one
/// before, and one over the application's current fields (see `Application::seal`, feature
/// `seal`). Tags are lower-case hexadecimal HMAC-SHA-256 values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seal {
    /// One tag per audit entry sealed, oldest first.
    pub entries: Vec<String>,
    /// The tag over the application's ID, route, rules, declaration and state, chained to the
    /// last entry's tag.
    pub head: String,
}

/// One declaration on its way through review, with its audit trail.
///
/// Every successful [`Application::apply`] appends exactly one [`AuditEntry`]; a refused one
/// changes nothing. The current state is always the last entry's `to` (or a draft when the
/// trail is empty).
///
/// **A stored application is replayed when read**: deserialising one runs its audit trail
/// through the state machine again, step by step, under its route and rules (each step by the
/// party and unit whose turn it was, a valid declaration at every submission, every time at or
/// after the one before, each entry recording exactly what its step does), and checks that the
/// stored state and declaration are the ones the trail ends in; anything else is refused with
/// a [`ReviewError`]. A service that needs to detect edits made outside the library, even
/// legal-looking ones, seals the applications it stores (`Application::seal`, feature `seal`).
///
/// # Example
///
/// ```
/// use cehours::{Actor, Application, Next, Party, ReviewAction, ReviewState, Route, Track};
/// # use cehours::{Applicant, Declaration, SubjectDeclaration, Upload, Uploads};
/// # use rust_decimal::Decimal;
/// # let mut applicant = Applicant::new("11010519491231002X", "李华");
/// # (applicant.ethnicity, applicant.unit) = ("汉族".into(), "某公司".into());
/// # (applicant.proposed_title, applicant.phone) = ("高级工程师".into(), "18890987651".into());
/// # (applicant.education, applicant.category) = ("本科".into(), "工程".into());
/// # applicant.sub_specialty = "电气".into();
/// # let declaration = Declaration::new(
/// #     applicant,
/// #     2020,
/// #     SubjectDeclaration::new("2020公需科目", "培训班", Decimal::from(30)),
/// #     SubjectDeclaration::new("2020专业科目", "论文", Decimal::from(60)),
/// #     Decimal::from(90),
/// # )
/// # .with_uploads(Uploads {
/// #     education: vec![Upload::new("学历.pdf")],
/// #     entrustment: vec![],
/// #     hours: vec![Upload::new("学时.pdf")],
/// # });
/// let at = |h| chrono::NaiveDate::from_ymd_opt(2024, 6, 10).and_then(|d| d.and_hms_opt(h, 0, 0)).ok_or("bad time");
/// let route = Route::new(Track::NonPublic, "长沙市人力资源和社会保障局")?;
/// let mut app = Application::new("A-1", declaration, route)?;
/// app.apply(&Actor::new("李华", Party::Applicant, "某公司"), ReviewAction::Submit, at(9)?)?;
/// let hrss = Actor::new("王审", Party::Agency, "长沙市人力资源和社会保障局");
/// app.apply(&hrss, ReviewAction::Approve { next: None, review: None }, at(10)?)?;
/// assert!(matches!(app.state(), ReviewState::Approved { .. }));
/// assert_eq!(app.audit().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredApplication")]
pub struct Application {
    pub(super) id: String,
    pub(super) declaration: Declaration,
    pub(super) route: Route,
    pub(super) rules: SubmissionRules,
    pub(super) state: ReviewState,
    pub(super) audit: Vec<AuditEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(super) seal: Option<Seal>,
}

/// An application as stored, before it is replayed.
#[derive(Deserialize)]
struct StoredApplication {
    id: String,
    declaration: Declaration,
    route: Route,
    #[serde(default)]
    rules: SubmissionRules,
    state: ReviewState,
    audit: Vec<AuditEntry>,
    #[serde(default)]
    seal: Option<Seal>,
}

impl TryFrom<StoredApplication> for Application {
    type Error = ReviewError;

    fn try_from(s: StoredApplication) -> Result<Self, ReviewError> {
        // The declaration before the first step is the one that step records (a submission
        // submits it; an edit replaces it by one that keeps its employer review fields), or,
        // with no step, the stored one.
        let initial = s
            .audit
            .iter()
            .find_map(|e| e.declaration.as_deref())
            .unwrap_or(&s.declaration)
            .clone();
        let mut app = Application::with_rules(&s.id, initial, s.route, s.rules)?;
        for (index, entry) in s.audit.into_iter().enumerate() {
            let action = entry_action(&entry).ok_or(ReviewError::TrailMismatch { index })?;
            let actor = Actor {
                name: entry.who.clone(),
                role: entry.role,
                unit: entry.unit.clone(),
            };
            let replayed =
                app.apply(&actor, action, entry.at)
                    .map_err(|error| ReviewError::Replay {
                        index,
                        refused: Box::new(error),
                    })?;
            if replayed != entry {
                return Err(ReviewError::TrailMismatch { index });
            }
        }
        if app.state != s.state || app.declaration != s.declaration {
            return Err(ReviewError::Inconsistent);
        }
        app.seal = s.seal;
        Ok(app)
    }
}

/// The action an audit entry records, `None` when the entry lacks what its step needs.
fn entry_action(entry: &AuditEntry) -> Option<ReviewAction> {
    Some(match entry.action {
        ActionKind::Edit => ReviewAction::Edit {
            declaration: entry.declaration.clone()?,
        },
        ActionKind::Submit => match &entry.reason {
            None => ReviewAction::Submit,
            Some(reason) => ReviewAction::SubmitOutsideWindow {
                reason: reason.clone(),
            },
        },
        ActionKind::Approve => ReviewAction::Approve {
            next: match &entry.to {
                ReviewState::InReview { desk, .. } => match desk.role {
                    Party::Agency => Some(Next::Agency),
                    _ => Some(Next::Superior {
                        unit: desk.unit.clone(),
                    }),
                },
                _ => None,
            },
            review: entry.employer_review.clone(),
        },
        ActionKind::Reject => ReviewAction::Reject {
            reason: entry.reason.clone()?,
        },
    })
}

/// What an accepted action leads to.
struct Planned {
    to: ReviewState,
    reason: Option<String>,
    rules: Vec<RuleId>,
    /// The declaration submitted (the edit's own is moved in by `apply`).
    submitted: bool,
    review: Option<EmployerReview>,
}

impl Application {
    /// A new draft (暂存) declaration `id` (受理编号) following `route`, its submissions checked
    /// against the built-in policy's window and upload rules (hunan-2024: June to July, A2).
    ///
    /// The draft need not be valid yet: it is checked when submitted. The route's agency name
    /// is normalised.
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyId`] for a blank ID, or the route's problem ([`Route::check`]).
    pub fn new(
        id: &str,
        declaration: Declaration,
        route: Route,
    ) -> Result<Application, ReviewError> {
        Application::with_rules(id, declaration, route, SubmissionRules::default())
    }

    /// As [`Application::new`], its submissions checked against `policy`'s application window
    /// (`review_window`, N.2) and upload rules (`materials.uploads`, A2).
    ///
    /// # Errors
    ///
    /// As [`Application::new`].
    pub fn with_policy(
        id: &str,
        declaration: Declaration,
        route: Route,
        policy: &Policy,
    ) -> Result<Application, ReviewError> {
        Application::with_rules(id, declaration, route, SubmissionRules::of(policy))
    }

    /// As [`Application::new`], its submissions checked against `rules`.
    ///
    /// # Errors
    ///
    /// As [`Application::new`].
    pub fn with_rules(
        id: &str,
        declaration: Declaration,
        mut route: Route,
        rules: SubmissionRules,
    ) -> Result<Application, ReviewError> {
        if is_blank(id) {
            return Err(ReviewError::EmptyId);
        }
        route.agency = normalise(&route.agency);
        route.check()?;
        Ok(Application {
            id: id.to_owned(),
            declaration,
            route,
            rules,
            state: ReviewState::Draft,
            audit: Vec::new(),
            seal: None,
        })
    }

    /// The application's ID.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The declaration as it stands.
    pub fn declaration(&self) -> &Declaration {
        &self.declaration
    }

    /// The route it follows.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// What its submissions are checked against.
    pub fn rules(&self) -> &SubmissionRules {
        &self.rules
    }

    /// Where it stands.
    pub fn state(&self) -> &ReviewState {
        &self.state
    }

    /// Every step so far, oldest first.
    pub fn audit(&self) -> &[AuditEntry] {
        &self.audit
    }

    /// The keyed seal, when one was made (`Application::seal`, feature `seal`).
    pub fn sealed(&self) -> Option<&Seal> {
        self.seal.as_ref()
    }

    /// Whether the handling agency has approved it.
    pub fn is_approved(&self) -> bool {
        matches!(self.state, ReviewState::Approved { .. })
    }

    /// Whether `actor` may take `action` at `at`, and the state it would lead to; nothing
    /// changes.
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn check(
        &self,
        actor: &Actor,
        action: &ReviewAction,
        at: NaiveDateTime,
    ) -> Result<ReviewState, ReviewError> {
        self.plan(actor, action, at).map(|p| p.to)
    }

    /// `actor` takes `action` at `at` (a caller-supplied time: the library reads no clock).
    ///
    /// - Edit and submit: the applicant, while draft or returned. An edit cannot change the
    ///   employer's review fields. A submission must fall in the yearly window (N.2; months of
    ///   `at`), unless made with [`ReviewAction::SubmitOutsideWindow`] and a reason, and its
    ///   declaration must pass [`Declaration::validate_with`] under the application's upload
    ///   rules; it starts the route over at its first level (the employer, or the agency on
    ///   routes without an employer review).
    /// - Approve and reject: only the desk whose turn it is (its party and unit, compared
    ///   normalised). An employer approving fills in its review fields ([`EmployerReview`],
    ///   A3), which go into the declaration; it or a superior unit chooses the next level
    ///   ([`Next`]): a superior unit other than itself, or the agency (A3 step 9: a first-level
    ///   unit, 一级单位, sends straight to it), within the route's bounds on superior units. The
    ///   agency's approval is final: filing (备案) or verification (核验) by the route. A
    ///   rejection needs a reason that shows something and returns the declaration to the
    ///   applicant.
    ///
    /// On success one [`AuditEntry`] is appended and returned; on failure nothing changes.
    ///
    /// # Errors
    ///
    /// [`ReviewError`] naming the broken condition: wrong party or unit, wrong state, a locked
    /// declaration, a submission outside the window, an invalid declaration, missing or
    /// invalid employer review fields, an empty reason, a missing or disallowed next level, a
    /// time before the last entry's.
    pub fn apply(
        &mut self,
        actor: &Actor,
        action: ReviewAction,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        let planned = self.plan(actor, &action, at)?;
        let kind = action.kind();
        if let ReviewAction::Edit { declaration } = action {
            self.declaration = *declaration;
        }
        if let Some(review) = &planned.review {
            self.declaration.employer_review = Some(review.clone());
        }
        let declaration = (kind == ActionKind::Edit || planned.submitted)
            .then(|| Box::new(self.declaration.clone()));
        let entry = AuditEntry {
            who: normalise(&actor.name),
            role: actor.role,
            unit: normalise(&actor.unit),
            at,
            action: kind,
            from: self.state.clone(),
            to: planned.to.clone(),
            reason: planned.reason,
            rules: planned.rules,
            declaration,
            employer_review: planned.review,
        };
        self.state = planned.to;
        self.audit.push(entry.clone());
        Ok(entry)
    }

    /// The applicant replaces the declaration ([`ReviewAction::Edit`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn edit(
        &mut self,
        actor: &Actor,
        declaration: Declaration,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(
            actor,
            ReviewAction::Edit {
                declaration: Box::new(declaration),
            },
            at,
        )
    }

    /// The applicant submits ([`ReviewAction::Submit`]), within the yearly window.
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn submit(&mut self, actor: &Actor, at: NaiveDateTime) -> Result<AuditEntry, ReviewError> {
        self.apply(actor, ReviewAction::Submit, at)
    }

    /// The applicant submits outside the yearly window, by the caller's explicit override
    /// ([`ReviewAction::SubmitOutsideWindow`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn submit_outside_window(
        &mut self,
        actor: &Actor,
        reason: &str,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(
            actor,
            ReviewAction::SubmitOutsideWindow {
                reason: reason.to_owned(),
            },
            at,
        )
    }

    /// The superior unit or handling agency whose turn it is approves
    /// ([`ReviewAction::Approve`] without review fields).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`]; from the employer, [`ReviewError::EmployerReviewRequired`]
    /// (use [`Application::approve_as_employer`]).
    pub fn approve(
        &mut self,
        actor: &Actor,
        next: Option<Next>,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(actor, ReviewAction::Approve { next, review: None }, at)
    }

    /// The employer approves with its review fields (A3) and chooses the next level.
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn approve_as_employer(
        &mut self,
        actor: &Actor,
        review: EmployerReview,
        next: Next,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(
            actor,
            ReviewAction::Approve {
                next: Some(next),
                review: Some(review),
            },
            at,
        )
    }

    /// The reviewer whose turn it is rejects ([`ReviewAction::Reject`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn reject(
        &mut self,
        actor: &Actor,
        reason: &str,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(
            actor,
            ReviewAction::Reject {
                reason: reason.to_owned(),
            },
            at,
        )
    }

    /// Decides an action without changing anything; [`Application::apply`] then moves an
    /// edit's declaration in.
    fn plan(
        &self,
        actor: &Actor,
        action: &ReviewAction,
        at: NaiveDateTime,
    ) -> Result<Planned, ReviewError> {
        let route = &self.route;
        let planned = match action {
            ReviewAction::Edit { declaration } => {
                Self::applicant_only(actor, ActionKind::Edit)?;
                if !self.state.is_editable() {
                    return Err(ReviewError::Locked {
                        state: self.state.clone(),
                    });
                }
                if declaration.employer_review != self.declaration.employer_review {
                    return Err(ReviewError::EmployerReviewLocked);
                }
                Planned {
                    to: self.state.clone(),
                    reason: None,
                    rules: vec![RuleId::A2],
                    submitted: false,
                    review: None,
                }
            }
            ReviewAction::Submit | ReviewAction::SubmitOutsideWindow { .. } => {
                Self::applicant_only(actor, ActionKind::Submit)?;
                if !self.state.is_editable() {
                    return Err(ReviewError::WrongState {
                        action: ActionKind::Submit,
                        state: self.state.clone(),
                    });
                }
                let reason = match action {
                    ReviewAction::SubmitOutsideWindow { reason } => {
                        if is_blank(reason) {
                            return Err(ReviewError::EmptyReason);
                        }
                        Some(normalise(reason))
                    }
                    _ => {
                        let window = self.rules.window;
                        if !window.contains(at.date()) {
                            return Err(ReviewError::OutsideWindow { at, window });
                        }
                        None
                    }
                };
                self.declaration
                    .validate_with(&self.rules.uploads)
                    .map_err(ReviewError::Invalid)?;
                let desk = route.first_desk(&self.declaration.applicant.unit);
                let mut rules = vec![RuleId::A2];
                if reason.is_some() {
                    rules.push(self.rules.window.rule);
                }
                rules.push(route.rule);
                Planned {
                    to: ReviewState::InReview { desk, superiors: 0 },
                    reason,
                    rules,
                    submitted: true,
                    review: None,
                }
            }
            ReviewAction::Approve { next, review } => {
                let (desk, superiors) = self.reviewer_turn(actor, ActionKind::Approve)?;
                let review = match (desk.role, review) {
                    (Party::Employer, None) => return Err(ReviewError::EmployerReviewRequired),
                    (Party::Employer, Some(r)) => {
                        r.validate().map_err(ReviewError::InvalidEmployerReview)?;
                        Some(r.clone())
                    }
                    (_, Some(_)) => {
                        return Err(ReviewError::EmployerReviewNotAllowed { desk: desk.clone() });
                    }
                    (_, None) => None,
                };
                let to = match (desk.role, next) {
                    (Party::Agency, None) => ReviewState::Approved { by: desk.clone() },
                    (Party::Agency, Some(_)) => return Err(ReviewError::NextLevelNotAllowed),
                    (_, None) => return Err(ReviewError::NextLevelRequired { desk: desk.clone() }),
                    (_, Some(Next::Agency)) => {
                        if superiors < route.min_superiors {
                            return Err(ReviewError::SuperiorRequired {
                                rule: route.rule,
                                min: route.min_superiors,
                                have: superiors,
                            });
                        }
                        ReviewState::InReview {
                            desk: route.agency_desk(),
                            superiors,
                        }
                    }
                    (_, Some(Next::Superior { unit })) => {
                        let unit = normalise(unit);
                        if unit.is_empty() {
                            return Err(ReviewError::EmptyUnit);
                        }
                        if same_unit(&unit, &desk.unit) {
                            return Err(ReviewError::SameUnit { unit });
                        }
                        if let Some(max) = route.max_superiors.filter(|max| superiors >= *max) {
                            return Err(ReviewError::SuperiorNotAllowed {
                                rule: route.rule,
                                max,
                            });
                        }
                        ReviewState::InReview {
                            desk: Desk {
                                role: Party::SuperiorUnit,
                                unit,
                            },
                            superiors: superiors.saturating_add(1),
                        }
                    }
                };
                Planned {
                    to,
                    reason: None,
                    rules: vec![desk.role.rule(), route.rule],
                    submitted: false,
                    review,
                }
            }
            ReviewAction::Reject { reason } => {
                let (desk, _) = self.reviewer_turn(actor, ActionKind::Reject)?;
                if is_blank(reason) {
                    return Err(ReviewError::EmptyReason);
                }
                let reason = normalise(reason);
                Planned {
                    to: ReviewState::Returned {
                        by: desk.clone(),
                        reason: reason.clone(),
                    },
                    reason: Some(reason),
                    rules: vec![desk.role.rule(), route.rule],
                    submitted: false,
                    review: None,
                }
            }
        };
        if let Some(last) = self.audit.last().filter(|e| at < e.at) {
            return Err(ReviewError::ClockWentBack { at, last: last.at });
        }
        Ok(planned)
    }

    fn applicant_only(actor: &Actor, action: ActionKind) -> Result<(), ReviewError> {
        if actor.role == Party::Applicant {
            Ok(())
        } else {
            Err(ReviewError::NotApplicant {
                action,
                name: normalise(&actor.name),
                role: actor.role,
            })
        }
    }

    /// The desk in review and its superior count, when `actor` is that desk.
    fn reviewer_turn(
        &self,
        actor: &Actor,
        action: ActionKind,
    ) -> Result<(&Desk, u32), ReviewError> {
        let ReviewState::InReview { desk, superiors } = &self.state else {
            return Err(ReviewError::WrongState {
                action,
                state: self.state.clone(),
            });
        };
        let unit = normalise(&actor.unit);
        if actor.role != desk.role || !same_unit(&unit, &desk.unit) {
            return Err(ReviewError::NotYourTurn {
                desk: desk.clone(),
                role: actor.role,
                unit,
            });
        }
        Ok((desk, *superiors))
    }
}
