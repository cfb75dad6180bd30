//! The review workflow: the state machine of a declaration (A2–A5) and its audit trail. The
//! routes it follows are in `route.rs`; its states, actions and refusals in `actions.rs`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::actions::{ActionKind, AuditEntry, Next, ReviewAction, ReviewError, ReviewState};
use super::declaration::{Declaration, EmployerReview};
use super::parties::{Actor, Desk, Party};
use super::route::Route;
use super::text::{is_blank, normalise, same_unit};
use crate::materials::UploadRules;
use crate::policy::{Policy, ReviewWindow};
use crate::rule::RuleId;

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
