//! Evaluation: a record and a policy in, the yearly ledger, findings and verdict out.

mod credit;
mod error;
mod ids;
mod registry;

use credit::{Cursor, add};
pub use error::EvaluateError;
use ids::{PAIRWISE_IDS, Repeats, duplicate, first_repeat};

use std::borrow::Borrow;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::evidence::{Activity, Evidence, EvidenceId, Subject};
use crate::finding::{Finding, FindingCode};
use crate::ledger::{Credit, Report, Shortfall, Totals, YearAcc, YearReport, YearTotals};
use crate::materials::{MaterialsCheck, MissingCache};
use crate::policy::Policy;
use crate::record::{Record, Span};
use crate::rule::RuleId;
use crate::rules::certificates::{self, Entry};
use crate::rules::days::DayAxis;
use crate::rules::same_days::{SameDays, Want};
use crate::rules::same_work::SameWork;
use crate::rules::{self, Claim, Findings, Silent, assignments, days, minimums};

/// Reusable working memory: evaluating many records with one [`Evaluator`] allocates nothing
/// per evidence item once the buffers have grown.
#[derive(Debug, Default)]
struct Scratch {
    claims: Vec<Claim>,
    raised: Vec<(usize, FindingCode, RuleId)>,
    years: Vec<YearAcc>,
    /// Which (item, entry) of a certificate stands for each span year (I-9).
    certified: Vec<Option<(usize, usize)>>,
    cap_used: Vec<Decimal>,
    same_work: SameWork,
    /// Items that copy a work kept earlier (I-8), in record order.
    copies: Vec<usize>,
    same_days: SameDays,
    /// The open years' day axis (A1.C1, I-8).
    axis: DayAxis,
    /// Day-based items after clipping to open years, in record order.
    clipped: Vec<Clipped>,
    /// Half days given to (item, span year), sorted by item then year.
    days_given: Vec<(usize, usize, u32)>,
    ids: Vec<(u64, usize)>,
    missing: MissingCache,
    /// Professional-first credits (item, span year, hours, entry), credited after the rest.
    deferred: Vec<(usize, usize, Decimal, u16)>,
    /// Hours credited by each `credits` entry in each span year (entry × years + year), for
    /// the entries' yearly caps; empty when the policy has no entries.
    entry_used: Vec<Decimal>,
}

impl Scratch {
    /// Forgets the last record's certificates, works and day-based items, for a span of `n`
    /// years (keeps the memory).
    fn reset(&mut self, n: usize) {
        self.certified.clear();
        self.certified.resize(n, None);
        self.same_work.clear();
        self.copies.clear();
        self.same_days.clear();
        self.clipped.clear();
        self.days_given.clear();
        self.ids.clear();
        self.deferred.clear();
    }
}

/// A day-based item after clipping (A1.C1) and before allocation (I-8).
#[derive(Debug, Clone, Copy)]
struct Clipped {
    index: usize,
    cut_outside: bool,
    cut_certified: bool,
    /// Half days it can be given: what it claims, at most two per clipped day (0 when no day
    /// is left).
    want: u32,
}

/// Records the findings `rules::assess` raises, tagged with the item's index.
struct Raised<'a> {
    index: usize,
    into: &'a mut Vec<(usize, FindingCode, RuleId)>,
}

impl Findings for Raised<'_> {
    fn raise(&mut self, code: FindingCode, rule: RuleId) {
        self.into.push((self.index, code, rule));
    }
}

/// What an evaluation records besides the totals.
trait Trace<'r> {
    /// Whether findings are wanted at all.
    const FINDINGS: bool;
    fn item(&mut self, evidence: &'r Evidence);
    fn finding(&mut self, code: FindingCode, rule: RuleId);
    fn credit(&mut self, year: usize, subject: Subject, hours: Decimal, rule: RuleId);
    fn waiver(&mut self, year: usize);
    fn materials(&mut self, evidence: &'r Evidence, policy: &Policy);
}

/// The totals-only path: records nothing.
struct NoTrace;

impl Trace<'_> for NoTrace {
    const FINDINGS: bool = false;
    #[inline]
    fn item(&mut self, _: &Evidence) {}
    #[inline]
    fn finding(&mut self, _: FindingCode, _: RuleId) {}
    #[inline]
    fn credit(&mut self, _: usize, _: Subject, _: Decimal, _: RuleId) {}
    #[inline]
    fn waiver(&mut self, _: usize) {}
    #[inline]
    fn materials(&mut self, _: &Evidence, _: &Policy) {}
}

/// The full path: every credit, finding, waiver and materials check.
struct FullTrace<'r> {
    missing: MissingCache,
    current: Option<&'r Evidence>,
    findings: Vec<Finding>,
    credits: Vec<Vec<Credit>>,
    waived_by: Vec<Vec<EvidenceId>>,
    materials: Vec<MaterialsCheck>,
}

impl FullTrace<'_> {
    fn id(&self) -> Option<EvidenceId> {
        self.current.map(|e| e.id.clone())
    }
}

impl<'r> Trace<'r> for FullTrace<'r> {
    const FINDINGS: bool = true;
    fn item(&mut self, evidence: &'r Evidence) {
        self.current = Some(evidence);
    }
    fn finding(&mut self, code: FindingCode, rule: RuleId) {
        if let Some(evidence) = self.id() {
            self.findings.push(Finding {
                evidence,
                code,
                rule,
            });
        }
    }
    fn credit(&mut self, year: usize, subject: Subject, hours: Decimal, rule: RuleId) {
        if let (Some(evidence), Some(credits)) = (self.id(), self.credits.get_mut(year)) {
            credits.push(Credit {
                evidence,
                subject,
                hours,
                rule,
            });
        }
    }
    fn waiver(&mut self, year: usize) {
        if let (Some(evidence), Some(by)) = (self.id(), self.waived_by.get_mut(year)) {
            by.push(evidence);
        }
    }
    fn materials(&mut self, evidence: &'r Evidence, policy: &Policy) {
        // A policy that lists no documents checks none.
        let Some(materials) = &policy.materials else {
            return;
        };
        let findings = &mut self.findings;
        let check = crate::materials::check_evidence(
            evidence,
            materials,
            &mut self.missing,
            |code, rule| {
                findings.push(Finding {
                    evidence: evidence.id.clone(),
                    code,
                    rule,
                })
            },
        );
        self.materials.push(check);
    }
}

/// Evaluates records under one policy, reusing its working memory from record to record.
///
/// Costs O(n log n) for n items. The same-day rule (I-8) gives out days earliest deadline
/// first, sorting only the day-based items that share a day with another, and gives a run of
/// whole days in one step; the same-work rule and the duplicate-ID check compare 64-bit
/// summaries. Short records (up to 32 items for their IDs, 16 works or day-based items) are compared pair by pair instead,
/// which is cheaper at that size and still bounded.
///
/// # Example
///
/// ```
/// use cehours::{Evaluator, Policy, Record};
///
/// let policy = Policy::hunan_2024();
/// let mut evaluator = Evaluator::new(&policy);
/// let report = evaluator.evaluate(&Record::default())?;
/// assert_eq!(report.years.len(), 5); // 2019–2023
/// assert!(!report.passed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Evaluator<P = Arc<Policy>> {
    policy: P,
    /// The policy's fingerprint, worked out for the first report.
    fingerprint: OnceLock<String>,
    scratch: Scratch,
}

impl<P: Borrow<Policy>> Evaluator<P> {
    /// An evaluator for `policy`: a `&Policy`, an `Arc<Policy>` (to keep the evaluator in a
    /// service's state, or one per thread sharing the policy), or an owned `Policy`.
    pub fn new(policy: P) -> Self {
        Evaluator {
            policy,
            fingerprint: OnceLock::new(),
            scratch: Scratch::default(),
        }
    }

    /// The policy applied.
    pub fn policy(&self) -> &Policy {
        self.policy.borrow()
    }

    fn core(&mut self) -> Core<'_> {
        Core {
            policy: self.policy.borrow(),
            fingerprint: &self.fingerprint,
            scratch: &mut self.scratch,
            honour_named_policy: true,
        }
    }

    /// The full report of `record`: years with their credits, findings and materials.
    ///
    /// A record that names a policy (its `policy` field) must name this evaluator's policy
    /// (see [`crate::Registry`] to select a policy by the record's field).
    ///
    /// # Errors
    ///
    /// [`EvaluateError`] when the record as a whole cannot be evaluated: it names another
    /// policy, has too many items, a duplicate ID or an unusable span. A rule broken by one
    /// item is not an error: the item gets a finding and the rest is evaluated.
    pub fn evaluate(&mut self, record: &Record) -> Result<Report, EvaluateError> {
        self.core().evaluate(record)
    }

    /// Only the per-year totals, waivers and verdict: the same figures as
    /// [`Evaluator::evaluate`], written alike, without building credits, findings or materials,
    /// and without allocating per item.
    ///
    /// For bulk screening. It runs the very traversal of the full report, with a trace that
    /// records nothing, so its figures are the full report's by construction.
    ///
    /// # Errors
    ///
    /// As [`Evaluator::evaluate`].
    pub fn totals(&mut self, record: &Record) -> Result<Totals, EvaluateError> {
        let mut out = Totals {
            policy: String::new(),
            span: Span { from: 0, to: 0 },
            passed: false,
            span_check: None,
            years: Vec::new(),
        };
        self.totals_into(record, &mut out)?;
        Ok(out)
    }

    /// [`Evaluator::totals`] into an existing value, reusing its memory: screening many records
    /// with one `Totals` allocates nothing once its buffers have grown.
    ///
    /// # Errors
    ///
    /// As [`Evaluator::evaluate`]; `out` is then left unchanged.
    pub fn totals_into(&mut self, record: &Record, out: &mut Totals) -> Result<(), EvaluateError> {
        self.core().totals_into(record, out)
    }
}

/// An evaluation under way: the policy and the evaluator's working memory.
struct Core<'p> {
    policy: &'p Policy,
    fingerprint: &'p OnceLock<String>,
    scratch: &'p mut Scratch,
    /// Whether a record naming another policy is refused (not for a what-if, which chooses
    /// its policies itself).
    honour_named_policy: bool,
}

impl<'p> Core<'p> {
    fn evaluate(&mut self, record: &Record) -> Result<Report, EvaluateError> {
        // A short record is checked for repeated IDs in the evaluation's first pass (reading
        // each item once); any other, or one whose span is unusable, is checked first.
        let count = record.evidence.len();
        let (span, mut fused) = match self.span_of(record) {
            Ok(span) if count <= PAIRWISE_IDS && count <= self.policy.limits.max_items => {
                (span, true)
            }
            _ => (self.check(record)?, false),
        };
        let held = self.held(record)?;
        let n = span.len();
        let trace = loop {
            let mut trace = FullTrace {
                missing: std::mem::take(&mut self.scratch.missing),
                current: None,
                findings: Vec::new(),
                credits: vec![Vec::new(); n],
                waived_by: vec![Vec::new(); n],
                materials: Vec::with_capacity(record.evidence.len()),
            };
            let clean = self.run(record, span, &mut trace, fused, held);
            self.scratch.missing = std::mem::take(&mut trace.missing);
            if clean {
                break trace;
            }
            // A repeated ID, which the check reports (were it not to, the record would be
            // evaluated again without looking for one).
            self.check(record)?;
            fused = false;
        };
        let policy = self.policy;
        let accs = &self.scratch.years;
        let mut years: Vec<YearReport> = span
            .years()
            .zip(accs.iter())
            .zip(trace.credits.into_iter().zip(trace.waived_by))
            .map(|((year, acc), (credits, waived_by))| YearReport {
                year,
                public: acc.public,
                professional: acc.professional,
                total: acc.total(),
                elective: acc.elective,
                waived: acc.waived,
                waived_by,
                passed: false,
                shortfall: Shortfall::default(),
                credits,
            })
            .collect();
        let (passed, span_check) = minimums::judge(policy, held, accs, |k, ok, short| {
            if let Some(y) = years.get_mut(k) {
                y.passed = ok;
                y.shortfall = short;
            }
        });
        Ok(Report {
            policy: policy.id.clone(),
            policy_fingerprint: self
                .fingerprint
                .get_or_init(|| policy.fingerprint())
                .clone(),
            span,
            passed,
            span_check,
            years,
            findings: trace.findings,
            materials: trace.materials,
        })
    }

    pub fn totals_into(&mut self, record: &Record, out: &mut Totals) -> Result<(), EvaluateError> {
        // A short record is checked for repeated IDs in the traversal's first pass; any
        // other, or one whose span is unusable, is checked first.
        let count = record.evidence.len();
        let (span, mut fused) = match self.span_of(record) {
            Ok(span) if count <= PAIRWISE_IDS && count <= self.policy.limits.max_items => {
                (span, true)
            }
            _ => (self.check(record)?, false),
        };
        let held = self.held(record)?;
        while !self.run(record, span, &mut NoTrace, fused, held) {
            self.check(record)?;
            fused = false;
        }
        let policy = self.policy;
        let accs = &self.scratch.years;
        out.years.clear();
        out.years.reserve(span.len());
        out.years
            .extend(span.years().zip(accs.iter()).map(|(year, acc)| YearTotals {
                year,
                public: acc.public,
                professional: acc.professional,
                total: acc.total(),
                elective: acc.elective,
                waived: acc.waived,
                passed: false,
                shortfall: Shortfall::default(),
            }));
        let years = &mut out.years;
        let (passed, span_check) = minimums::judge(policy, held, accs, |k, ok, short| {
            if let Some(y) = years.get_mut(k) {
                y.passed = ok;
                y.shortfall = short;
            }
        });
        out.policy.clone_from(&policy.id);
        out.span = span;
        out.passed = passed;
        out.span_check = span_check;
        Ok(())
    }

    /// Refuses a record that cannot be evaluated as a whole; returns its span.
    fn check(&mut self, record: &Record) -> Result<Span, EvaluateError> {
        let count = record.evidence.len();
        let max = self.policy.limits.max_items;
        if count > max {
            return Err(EvaluateError::TooManyItems { count, max });
        }
        if let Some((index, first)) = first_repeat(&record.evidence, &mut self.scratch.ids) {
            if let Some(e) = record.evidence.get(index) {
                return Err(duplicate(e, index, first));
            }
        }
        self.span_of(record)
    }

    /// The record's span, or the policy's default.
    fn span_of(&self, record: &Record) -> Result<Span, EvaluateError> {
        let named = record
            .policy
            .as_deref()
            .filter(|_| self.honour_named_policy);
        if let Some(id) = named.filter(|id| *id != self.policy.id) {
            return Err(EvaluateError::PolicyMismatch {
                record: id.to_owned(),
                policy: self.policy.id.clone(),
            });
        }
        match record.span {
            Some(span) => Ok(self.policy.limits.check_span(span)?),
            None => {
                let policy = self.policy;
                let default = policy
                    .default_span()
                    .ok_or_else(|| EvaluateError::NoSpan(policy.id.clone()))?;
                // A grade's own span length ends with the policy's last year.
                match minimums::for_grade(policy, record.grade.as_deref()) {
                    Ok((_, Some(years))) => {
                        let from = i64::from(default.to) - i64::from(years) + 1;
                        let from = i32::try_from(from).unwrap_or(i32::MIN);
                        Ok(policy.limits.check_span(Span {
                            from,
                            to: default.to,
                        })?)
                    }
                    _ => Ok(default),
                }
            }
        }
    }

    /// The minimums the record is held to (its grade's, or the policy's), refusing a grade the
    /// policy does not list and a `counts_from` the policy has no window for.
    fn held(&self, record: &Record) -> Result<&'p crate::policy::Minimums, EvaluateError> {
        let policy = self.policy;
        if record.counts_from.is_some() && policy.person_window.is_none() {
            return Err(EvaluateError::NoPersonWindow(policy.id.clone()));
        }
        minimums::for_grade(policy, record.grade.as_deref())
            .map(|(m, _)| m)
            .map_err(|known| EvaluateError::UnknownGrade {
                grade: record.grade.clone().unwrap_or_default(),
                known,
            })
    }

    /// The evaluation itself, shared by both paths: the same passes and the same rules; only
    /// what `trace` records differs.
    ///
    /// With `find_repeats`, pass 1 also looks for a repeated ID and stops at once, returning
    /// `false`, when it finds one (for [`Evaluator::check`] to report).
    fn run<'r, T: Trace<'r>>(
        &mut self,
        record: &'r Record,
        span: Span,
        trace: &mut T,
        find_repeats: bool,
        held: &crate::policy::Minimums,
    ) -> bool {
        let policy = self.policy;
        let items = &record.evidence;
        let s = &mut *self.scratch;
        let n = span.len();
        s.reset(n);
        s.years.clear();
        s.years.resize(n, YearAcc::default());
        s.cap_used.clear();
        s.cap_used
            .resize(policy.caps.len().saturating_mul(n), Decimal::ZERO);
        s.entry_used.clear();
        s.entry_used
            .resize(policy.credits.len().saturating_mul(n), Decimal::ZERO);
        s.claims.clear();
        s.raised.clear();
        let mut repeats = Repeats::default();

        // Pass 1: each item by its own rules (and its documents, I-11); which certificate
        // stands for which year (I-9).
        for (index, e) in items.iter().enumerate() {
            if find_repeats && repeats.repeats(items, index, &mut s.ids) {
                return false;
            }
            let mut claim = if T::FINDINGS {
                rules::assess(
                    &e.activity,
                    policy,
                    &mut Raised {
                        index,
                        into: &mut s.raised,
                    },
                )
            } else {
                rules::assess(&e.activity, policy, &mut Silent)
            };
            let withhold = policy.materials.as_ref().filter(|m| m.withhold_incomplete);
            if let Some(materials) = withhold.filter(|_| claim != Claim::Nothing) {
                let check =
                    crate::materials::check_evidence(e, materials, &mut s.missing, |_, _| {});
                if !check.satisfied {
                    s.raised
                        .push((index, FindingCode::MaterialsIncomplete, check.rule));
                    claim = Claim::Nothing;
                }
            }
            if let (Some(from), Some(window)) = (record.counts_from, &policy.person_window) {
                claim = rules::credits::within_window(claim, from, |code| {
                    s.raised.push((index, code, window.rule));
                });
            }
            if let (Claim::Certificate, Activity::PriorCertificate(c)) = (claim, &e.activity) {
                certificates::stand(c, index, span, &mut s.certified);
            }
            s.claims.push(claim);
        }
        let open = |date: NaiveDate, s: &Scratch| {
            span.index(date.year())
                .is_some_and(|k| !certificates::is_certified(&s.certified, k))
        };

        // Same work (I-8): the first copy that can earn its hours keeps them.
        // Copies are compared within a kind only: a kind with fewer than two works that can
        // earn hours has no copy, and is not looked at.
        if policy.duplicates.same_work_once {
            let mut works = [0u32; 3];
            let work = |e: &Evidence| match e.activity {
                Activity::Paper(_) => Some(0),
                Activity::Book(_) => Some(1),
                Activity::Patent(_) => Some(2),
                _ => None,
            };
            let earns = |claim: &Claim, s: &Scratch| match *claim {
                Claim::Hours { date, .. } => open(date, s),
                _ => false,
            };
            for (e, claim) in items.iter().zip(s.claims.iter()) {
                if let Some(n) = work(e).and_then(|w| works.get_mut(w)) {
                    *n += u32::from(earns(claim, s));
                }
            }
            // No kind with two such works (the usual record): nothing to compare.
            let pairs = works.iter().any(|&n| n > 1);
            for (index, (e, claim)) in items.iter().zip(s.claims.iter()).enumerate() {
                if !pairs {
                    break;
                }
                let several = work(e).and_then(|w| works.get(w)).is_some_and(|&n| n > 1);
                if several && earns(claim, s) && s.same_work.repeats(&e.activity) {
                    s.copies.push(index);
                }
            }
        }

        // Day-based items (A1.C1): clipped to the open years, then given their half days
        // (I-8 same days), each counted in the year of its date.
        let mut laid_out = false;
        for (index, claim) in s.claims.iter().enumerate() {
            if let Claim::Days {
                start,
                end,
                half_days,
                ..
            } = *claim
            {
                if !laid_out {
                    let certified = &s.certified;
                    s.axis
                        .build(span, |k| certificates::is_certified(certified, k));
                    laid_out = true;
                }
                let clip = s.axis.clip(span, start, end);
                let mut want = 0;
                if let Some((first, last)) = clip.days {
                    let room = i64::from(last) - i64::from(first) + 1;
                    let room = u32::try_from(room.saturating_mul(2).max(0)).unwrap_or(u32::MAX);
                    want = half_days.min(room);
                    s.same_days.push(Want {
                        index,
                        start: first,
                        end: last,
                        half_days: want,
                    });
                }
                s.clipped.push(Clipped {
                    index,
                    cut_outside: clip.cut_outside,
                    cut_certified: clip.cut_certified,
                    want,
                });
            }
        }
        if !s.same_days.is_empty() {
            s.same_days.allocate(policy.duplicates.share_days);
            for &grant in s.same_days.grants() {
                s.axis.split(grant, &mut s.days_given);
            }
            // Items that share no day are given theirs in record order, each year once: then
            // the entries are already in order. One entry per item and year.
            if !s.days_given.is_sorted() {
                s.days_given.sort_unstable();
            }
            s.days_given.dedup_by(|later, kept| {
                let same = (later.0, later.1) == (kept.0, kept.1);
                if same {
                    kept.2 = kept.2.saturating_add(later.2);
                }
                same
            });
        }

        // Pass 2, in record order: findings, credits and waivers.
        let claims = std::mem::take(&mut s.claims);
        let all_raised = std::mem::take(&mut s.raised);
        let mut raised = all_raised.iter().peekable();
        let mut cursor = Cursor::default();
        for (index, (e, claim)) in items.iter().zip(claims.iter()).enumerate() {
            trace.item(e);
            while let Some((_, code, rule)) = raised.next_if(|r| r.0 == index) {
                trace.finding(*code, *rule);
            }
            Self::settle(s, policy, span, index, e, *claim, trace, &mut cursor);
            trace.materials(e, policy);
        }
        // Professional first: after every other credit, professional up to the minimum, the
        // rest public.
        let deferred = std::mem::take(&mut s.deferred);
        for &(index, k, hours, by) in &deferred {
            let (Some(e), Some(entry)) = (items.get(index), policy.credits.get(usize::from(by)))
            else {
                debug_assert!(false, "a deferred credit names no item or entry");
                continue;
            };
            trace.item(e);
            let room = minimums::professional_room(held, &s.years, k);
            let professional = hours.min(room);
            let public = hours.checked_sub(professional).unwrap_or_default();
            for (subject, part) in [
                (Subject::Professional, professional),
                (Subject::Public, public),
            ] {
                add(s, policy, trace, k, e.kind(), subject, part, entry.rule);
            }
        }
        s.deferred = deferred;
        s.claims = claims;
        s.raised = all_raised;
        true
    }

    /// Credits one item's claim, in record order.
    #[expect(
        clippy::too_many_arguments,
        reason = "the traversal's state, passed down once per item"
    )]
    fn settle<'r, T: Trace<'r>>(
        s: &mut Scratch,
        policy: &Policy,
        span: Span,
        index: usize,
        e: &'r Evidence,
        claim: Claim,
        trace: &mut T,
        cursor: &mut Cursor,
    ) {
        match claim {
            Claim::Nothing => {}
            Claim::Certificate => {
                if let Activity::PriorCertificate(c) = &e.activity {
                    // Which entry stands is settled; the years are credited below.
                    let certified = std::mem::take(&mut s.certified);
                    for entry in certificates::entries(c, index, span, &certified) {
                        match entry {
                            Entry::Negative => {
                                trace.finding(FindingCode::CertificateNegativeHours, RuleId::I9);
                            }
                            Entry::OutsideSpan => {
                                trace.finding(FindingCode::OutsideSpan, policy.review_span.rule)
                            }
                            Entry::CertifiedTwice => {
                                trace.finding(FindingCode::YearCertifiedTwice, RuleId::I9);
                            }
                            Entry::Stands {
                                k,
                                public,
                                professional,
                            } => {
                                for (subject, hours) in [
                                    (Subject::Public, public),
                                    (Subject::Professional, professional),
                                ] {
                                    add(
                                        s,
                                        policy,
                                        trace,
                                        k,
                                        e.kind(),
                                        subject,
                                        hours,
                                        RuleId::N3_3,
                                    );
                                }
                            }
                        }
                    }
                    s.certified = certified;
                }
            }
            Claim::Hours {
                subject,
                hours,
                date,
                rule,
            } => match span.index(date.year()) {
                None => trace.finding(FindingCode::OutsideSpan, policy.review_span.rule),
                Some(k) if certificates::is_certified(&s.certified, k) => {
                    trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                }
                Some(_) if cursor.is_copy(index, &s.copies) => {
                    trace.finding(FindingCode::DuplicateWork, policy.duplicates.rule);
                }
                Some(k) => add(s, policy, trace, k, e.kind(), subject, hours, rule),
            },
            Claim::Days { subject, by, .. } => {
                let Some((rate, rule)) = days::rate(policy, by) else {
                    debug_assert!(false, "a day-based claim names no day rate");
                    return;
                };
                let Some(clipped) = cursor.clipped(index, &s.clipped) else {
                    debug_assert!(false, "a day-based claim was not clipped");
                    return;
                };
                if clipped.cut_outside {
                    trace.finding(FindingCode::OutsideSpan, policy.review_span.rule);
                }
                if clipped.cut_certified {
                    trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                }
                if clipped.want == 0 {
                    return;
                }
                let (from, to) = cursor.given_range(index, &s.days_given);
                let given = s.days_given.get(from..to).unwrap_or_default();
                let total: u32 = given.iter().map(|&(_, _, h)| h).sum();
                if total < clipped.want {
                    trace.finding(FindingCode::DayOverlap, policy.duplicates.rule);
                }
                for i in from..to {
                    let Some(&(_, k, half_days)) = s.days_given.get(i) else {
                        break;
                    };
                    match days::day_hours(rate, half_days) {
                        Some(hours) => add(s, policy, trace, k, e.kind(), subject, hours, rule),
                        None => trace.finding(FindingCode::HoursOverflow, rule),
                    }
                }
            }
            Claim::Entry {
                subject,
                hours,
                date,
                by,
                first_year,
            } => Self::entry(
                s,
                policy,
                span,
                e,
                (subject, hours, date, by, first_year),
                trace,
                index,
            ),
            Claim::CompletesSpan { start, end, .. } => {
                // Begun and completed within the span: every year of it passes.
                if span.contains(start.year()) && span.contains(end.year()) {
                    for (k, acc) in s.years.iter_mut().enumerate() {
                        acc.waived = true;
                        trace.waiver(k);
                    }
                } else {
                    trace.finding(FindingCode::OutsideSpan, policy.review_span.rule);
                }
            }
            Claim::Waiver { from, to } => match assignments::waived_years(span, from, to) {
                None => trace.finding(FindingCode::OutsideSpan, policy.review_span.rule),
                // *(rev. 2, I-9)* A waiver waives a certified year too.
                Some((a, b)) => {
                    for k in a..=b {
                        if let Some(acc) = s.years.get_mut(k) {
                            acc.waived = true;
                            trace.waiver(k);
                        }
                    }
                }
            },
        }
    }
}

/// Evaluates `record` under `policy`: the full report.
///
/// # Errors
///
/// As [`Evaluator::evaluate`].
pub fn evaluate(record: &Record, policy: &Policy) -> Result<Report, EvaluateError> {
    Evaluator::new(policy).evaluate(record)
}

/// The full report of `record` under `policy`, whatever policy the record names: for comparing
/// one record under several policies (what-if), where the caller chooses them.
pub(crate) fn evaluate_under(record: &Record, policy: &Policy) -> Result<Report, EvaluateError> {
    let mut scratch = Scratch::default();
    let fingerprint = OnceLock::new();
    Core {
        policy,
        fingerprint: &fingerprint,
        scratch: &mut scratch,
        honour_named_policy: false,
    }
    .evaluate(record)
}

#[cfg(test)]
mod tests {
    use super::ids::first_repeat_with;
    use super::*;
    use crate::evidence::{Award, Grade, Level};
    use chrono::NaiveDate;

    fn item(id: &str) -> Option<Evidence> {
        Some(Evidence {
            id: EvidenceId::new(id).ok()?,
            activity: Activity::Award(Award {
                level: Level::National,
                grade: Grade::First,
                awarded: NaiveDate::MIN,
                name: None,
            }),
            documents: Vec::new(),
        })
    }

    /// A repeated ID is reported before an unusable span, and both paths report the same
    /// repeat, for records checked during the evaluation (short) and before it (long).
    #[test]
    fn repeated_ids_come_first_on_both_paths() {
        let policy = Policy::hunan_2024();
        let mut evaluator = Evaluator::new(&policy);
        for len in [2usize, 5, PAIRWISE_IDS, PAIRWISE_IDS + 1, 40] {
            for bad_span in [false, true] {
                let mut evidence: Vec<Evidence> =
                    (0..len).filter_map(|i| item(&format!("i{i}"))).collect();
                evidence.extend(item("i1"));
                evidence.extend(item("i0"));
                let record = Record {
                    policy: None,
                    span: bad_span.then_some(Span {
                        from: 2023,
                        to: 2019,
                    }),
                    evidence,
                    grade: None,
                    counts_from: None,
                };
                let expected = Err(EvaluateError::DuplicateId {
                    id: "i1".to_owned(),
                    index: len,
                    first: 1,
                });
                assert_eq!(evaluator.evaluate(&record).map(|_| ()), expected, "{len}");
                assert_eq!(evaluator.totals(&record).map(|_| ()), expected, "{len}");
            }
        }
    }

    /// A record naming another policy is refused by both paths; one naming this policy, or
    /// none, is evaluated. The evaluator can own a shared policy.
    #[test]
    fn a_record_naming_another_policy_is_refused() {
        let mut evaluator = Evaluator::new(Arc::new(Policy::hunan_2024()));
        let mut record = Record {
            policy: Some("guangdong-2030".to_owned()),
            span: None,
            evidence: Vec::new(),
            grade: None,
            counts_from: None,
        };
        let expected = Err(EvaluateError::PolicyMismatch {
            record: "guangdong-2030".to_owned(),
            policy: "hunan-2024".to_owned(),
        });
        assert_eq!(evaluator.evaluate(&record).map(|_| ()), expected);
        assert_eq!(evaluator.totals(&record).map(|_| ()), expected);
        record.policy = Some("hunan-2024".to_owned());
        assert!(evaluator.evaluate(&record).is_ok());
        record.policy = None;
        assert!(evaluator.totals(&record).is_ok());
    }

    /// The duplicate reported is the earliest repeat, with the first item bearing its ID,
    /// whether the IDs are compared pair by pair or sorted.
    #[test]
    fn duplicate_ids_are_found_the_same_way_both_ways() {
        let names = ["a", "b", "a-much-longer-identifier", "c", "b"];
        for len in 0..40usize {
            for shift in 0..7usize {
                let items: Vec<Evidence> = (0..len)
                    .filter_map(|i| {
                        let unique = format!("u{i}");
                        let name = if (i + shift) % 5 == 0 {
                            names.get((i / 5) % names.len()).copied().unwrap_or("x")
                        } else {
                            unique.as_str()
                        };
                        item(name)
                    })
                    .collect();
                let expected = (0..items.len()).find_map(|b| {
                    let later = items.get(b)?;
                    let a = items
                        .iter()
                        .position(|e| e.id.as_str() == later.id.as_str())?;
                    (a < b).then_some((b, a))
                });
                let mut order = Vec::new();
                assert_eq!(first_repeat_with(&items, &mut order, 0), expected);
                assert_eq!(first_repeat_with(&items, &mut order, usize::MAX), expected);
            }
        }
    }
}
