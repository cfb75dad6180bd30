//! The review workflow: routes (N.2.1–N.2.3), the state machine of a declaration (A2–A5) and
//! its audit trail.

use std::fmt;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::declaration::{Declaration, InvalidDeclaration};
use crate::locale::Locale;
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
    /// 核认: the agency verifies the hours itself (N.2.2, N.2.3 territorial).
    Verification,
}

/// The levels a declaration passes on its way to approval, as data.
///
/// The state machine reads only these fields, so another routing is another value, not
/// another branch. [`Route::new`] gives the notice's four routes:
///
/// | track | rule | employer (A3) | superior units (A4) | handling agency (A5) |
/// |---|---|---|---|---|
/// | provincial unit | N.2.1 | yes (初审) | at least 1 (省直主管部门复审) | provincial HRSS, filing (备案) |
/// | city/prefecture | N.2.2 | yes | any number | city HRSS, verification |
/// | non-public, social, freelance | N.2.3 | no | none | territorial HRSS, verification |
/// | central unit in Hunan | N.2.3 | yes (单位人事部门审核) | none | provincial HRSS, filing (备案) |
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
    /// assert_eq!(route.min_superiors, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(track: Track, agency: &str) -> Result<Route, ReviewError> {
        let (rule, employer_review, min_superiors, max_superiors, agency_step) = match track {
            Track::ProvincialUnit => (RuleId::N2_1, true, 1, None, AgencyStep::Filing),
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
            agency: agency.trim().to_owned(),
            agency_step,
        };
        route.check()?;
        Ok(route)
    }

    /// Checks that the route can be followed to its end.
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyAgency`], [`ReviewError::SuperiorBounds`] (more superiors required
    /// than allowed) or [`ReviewError::SuperiorsWithoutEmployer`] (superiors required on a
    /// route that starts at the agency).
    pub fn check(&self) -> Result<(), ReviewError> {
        let rule = self.rule;
        if self.agency.trim().is_empty() {
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
                unit: unit.trim().to_owned(),
            }
        } else {
            self.agency_desk()
        }
    }

    fn agency_desk(&self) -> Desk {
        Desk {
            role: Party::Agency,
            unit: self.agency.clone(),
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
/// the caller's business.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The person's name or account.
    pub name: String,
    /// The party they act for.
    pub role: Party,
    /// Their unit (for a reviewer, it must be the unit whose turn it is).
    pub unit: String,
}

impl Actor {
    /// An actor.
    pub fn new(name: &str, role: Party, unit: &str) -> Actor {
        Actor {
            name: name.to_owned(),
            role,
            unit: unit.to_owned(),
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
        unit: String,
    },
    /// 经办机构: the route's handling agency.
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
    /// 提交: the applicant submits; the declaration must be valid.
    Submit,
    /// 审核通过: the reviewer whose turn it is approves; an employer or superior unit names
    /// the next level, the handling agency names none.
    Approve {
        /// The next level (none from the handling agency).
        #[serde(default)]
        next: Option<Next>,
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
            ReviewAction::Submit => ActionKind::Submit,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuditEntry {
    /// The person.
    pub who: String,
    /// The party they acted for.
    pub role: Party,
    /// Their unit.
    pub unit: String,
    /// When, as the caller gave it.
    pub at: NaiveDateTime,
    /// What they did.
    pub action: ActionKind,
    /// The state before.
    pub from: ReviewState,
    /// The state after.
    pub to: ReviewState,
    /// The rejection reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The rules behind the step: the party's operating guide (A2–A5) and, for submissions
    /// and reviews, the route's rule (N.2.1–N.2.3).
    pub rules: Vec<RuleId>,
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
    /// A rejection without a reason.
    #[error("a rejection needs a reason")]
    EmptyReason,
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
    /// A stored application whose state is not the last audit entry's.
    #[error("the application's state is not the one its audit trail ends in")]
    Inconsistent,
}

/// One declaration on its way through review, with its audit trail.
///
/// Every successful [`Application::apply`] appends exactly one [`AuditEntry`]; a refused one
/// changes nothing. The current state is always the last entry's `to` (or a draft when the
/// trail is empty), and a deserialised application is checked for that.
///
/// # Example
///
/// ```
/// use cehours::{Actor, Application, Next, Party, ReviewAction, ReviewState, Route, Track};
/// # use cehours::{Applicant, Declaration, SubjectDeclaration};
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
/// # );
/// let at = |h| chrono::NaiveDate::from_ymd_opt(2024, 6, 10).and_then(|d| d.and_hms_opt(h, 0, 0)).ok_or("bad time");
/// let route = Route::new(Track::NonPublic, "长沙市人力资源和社会保障局")?;
/// let mut app = Application::new("A-1", declaration, route)?;
/// app.apply(&Actor::new("李华", Party::Applicant, "某公司"), ReviewAction::Submit, at(9)?)?;
/// let hrss = Actor::new("王审", Party::Agency, "长沙市人力资源和社会保障局");
/// app.apply(&hrss, ReviewAction::Approve { next: None }, at(10)?)?;
/// assert!(matches!(app.state(), ReviewState::Approved { .. }));
/// assert_eq!(app.audit().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "StoredApplication")]
pub struct Application {
    id: String,
    declaration: Declaration,
    route: Route,
    state: ReviewState,
    audit: Vec<AuditEntry>,
}

/// An application as stored, before its consistency is checked.
#[derive(Deserialize)]
struct StoredApplication {
    id: String,
    declaration: Declaration,
    route: Route,
    state: ReviewState,
    audit: Vec<AuditEntry>,
}

impl TryFrom<StoredApplication> for Application {
    type Error = ReviewError;

    fn try_from(s: StoredApplication) -> Result<Self, ReviewError> {
        let mut app = Application::new(&s.id, s.declaration, s.route)?;
        let expected = s.audit.last().map_or(&ReviewState::Draft, |e| &e.to);
        let chained = s.audit.first().is_none_or(|e| e.from == ReviewState::Draft)
            && s.audit
                .iter()
                .zip(s.audit.iter().skip(1))
                .all(|(a, b)| a.to == b.from);
        if *expected != s.state || !chained {
            return Err(ReviewError::Inconsistent);
        }
        if let Some((a, b)) = s
            .audit
            .iter()
            .zip(s.audit.iter().skip(1))
            .find(|(a, b)| b.at < a.at)
        {
            return Err(ReviewError::ClockWentBack {
                at: b.at,
                last: a.at,
            });
        }
        app.state = s.state;
        app.audit = s.audit;
        Ok(app)
    }
}

/// What an accepted action leads to.
struct Planned {
    to: ReviewState,
    reason: Option<String>,
    rules: Vec<RuleId>,
}

impl Application {
    /// A new draft (暂存) declaration `id` (受理编号) following `route`.
    ///
    /// The draft need not be valid yet: it is checked when submitted.
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyId`] for a blank ID, or the route's problem ([`Route::check`]).
    pub fn new(
        id: &str,
        declaration: Declaration,
        route: Route,
    ) -> Result<Application, ReviewError> {
        if id.trim().is_empty() {
            return Err(ReviewError::EmptyId);
        }
        route.check()?;
        Ok(Application {
            id: id.to_owned(),
            declaration,
            route,
            state: ReviewState::Draft,
            audit: Vec::new(),
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

    /// Where it stands.
    pub fn state(&self) -> &ReviewState {
        &self.state
    }

    /// Every step so far, oldest first.
    pub fn audit(&self) -> &[AuditEntry] {
        &self.audit
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
    /// - Edit and submit: the applicant, while draft or returned; a submission must pass
    ///   [`Declaration::validate`] and starts the route over at its first level (the employer,
    ///   or the agency on routes without an employer review).
    /// - Approve and reject: only the desk whose turn it is (its party and unit). An employer or
    ///   superior unit approving chooses the next level ([`Next`]), within the route's bounds on
    ///   superior units; the agency's approval is final. A rejection needs a reason and returns
    ///   the declaration to the applicant.
    ///
    /// On success one [`AuditEntry`] is appended and returned; on failure nothing changes.
    ///
    /// # Errors
    ///
    /// [`ReviewError`] naming the broken condition: wrong party or unit, wrong state, a locked
    /// declaration, an invalid declaration, an empty reason, a missing or disallowed next
    /// level, a time before the last entry's.
    pub fn apply(
        &mut self,
        actor: &Actor,
        action: ReviewAction,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        let planned = self.plan(actor, &action, at)?;
        let kind = action.kind();
        let declaration = match action {
            ReviewAction::Edit { declaration } => Some(*declaration),
            _ => None,
        };
        let entry = AuditEntry {
            who: actor.name.clone(),
            role: actor.role,
            unit: actor.unit.clone(),
            at,
            action: kind,
            from: self.state.clone(),
            to: planned.to.clone(),
            reason: planned.reason,
            rules: planned.rules,
        };
        if let Some(d) = declaration {
            self.declaration = d;
        }
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

    /// The applicant submits ([`ReviewAction::Submit`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn submit(&mut self, actor: &Actor, at: NaiveDateTime) -> Result<AuditEntry, ReviewError> {
        self.apply(actor, ReviewAction::Submit, at)
    }

    /// The reviewer whose turn it is approves ([`ReviewAction::Approve`]).
    ///
    /// # Errors
    ///
    /// As [`Application::apply`].
    pub fn approve(
        &mut self,
        actor: &Actor,
        next: Option<Next>,
        at: NaiveDateTime,
    ) -> Result<AuditEntry, ReviewError> {
        self.apply(actor, ReviewAction::Approve { next }, at)
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
            ReviewAction::Edit { .. } => {
                Self::applicant_only(actor, ActionKind::Edit)?;
                if !self.state.is_editable() {
                    return Err(ReviewError::Locked {
                        state: self.state.clone(),
                    });
                }
                Planned {
                    to: self.state.clone(),
                    reason: None,
                    rules: vec![RuleId::A2],
                }
            }
            ReviewAction::Submit => {
                Self::applicant_only(actor, ActionKind::Submit)?;
                if !self.state.is_editable() {
                    return Err(ReviewError::WrongState {
                        action: ActionKind::Submit,
                        state: self.state.clone(),
                    });
                }
                self.declaration.validate().map_err(ReviewError::Invalid)?;
                let desk = route.first_desk(&self.declaration.applicant.unit);
                Planned {
                    to: ReviewState::InReview { desk, superiors: 0 },
                    reason: None,
                    rules: vec![RuleId::A2, route.rule],
                }
            }
            ReviewAction::Approve { next } => {
                let (desk, superiors) = self.reviewer_turn(actor, ActionKind::Approve)?;
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
                        let unit = unit.trim();
                        if unit.is_empty() {
                            return Err(ReviewError::EmptyUnit);
                        }
                        if unit == desk.unit {
                            return Err(ReviewError::SameUnit {
                                unit: unit.to_owned(),
                            });
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
                                unit: unit.to_owned(),
                            },
                            superiors: superiors.saturating_add(1),
                        }
                    }
                };
                Planned {
                    to,
                    reason: None,
                    rules: vec![desk.role.rule(), route.rule],
                }
            }
            ReviewAction::Reject { reason } => {
                let (desk, _) = self.reviewer_turn(actor, ActionKind::Reject)?;
                let reason = reason.trim();
                if reason.is_empty() {
                    return Err(ReviewError::EmptyReason);
                }
                Planned {
                    to: ReviewState::Returned {
                        by: desk.clone(),
                        reason: reason.to_owned(),
                    },
                    reason: Some(reason.to_owned()),
                    rules: vec![desk.role.rule(), route.rule],
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
                name: actor.name.clone(),
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
        if actor.role != desk.role || actor.unit.trim() != desk.unit {
            return Err(ReviewError::NotYourTurn {
                desk: desk.clone(),
                role: actor.role,
                unit: actor.unit.clone(),
            });
        }
        Ok((desk, *superiors))
    }
}
