//! Evaluation: a record and a policy in, the yearly ledger, findings and verdict out.

use chrono::Datelike;
use rust_decimal::Decimal;

use crate::credit::{self, Claim, Findings, Silent};
use crate::evidence::{Activity, Evidence, EvidenceId, Kind, Subject};
use crate::finding::{Finding, FindingCode};
use crate::ledger::{self, Credit, Report, Totals, YearAcc, YearReport, YearTotals};
use crate::materials::{MaterialsCheck, MissingCache};
use crate::policy::Policy;
use crate::record::{Record, Span, SpanError};
use crate::rule::RuleId;
use crate::same_days::{SameDays, Want};
use crate::same_work::SameWork;

mod screen;

/// Why a whole record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EvaluateError {
    /// The record names a policy that is not known.
    #[error("unknown policy `{id}`; known policies: {}", known.join(", "))]
    UnknownPolicy {
        /// The ID asked for.
        id: String,
        /// The IDs that are known.
        known: Vec<String>,
    },
    /// More evidence items than the policy allows.
    #[error("record has {count} evidence items, more than the policy's limit of {max}")]
    TooManyItems {
        /// Items in the record.
        count: usize,
        /// The policy's limit.
        max: usize,
    },
    /// Two items share an ID.
    #[error("evidence[{index}]: duplicate id `{id}` (first used at evidence[{first}])")]
    DuplicateId {
        /// The repeated ID.
        id: String,
        /// Position of the later item.
        index: usize,
        /// Position of the first item.
        first: usize,
    },
    /// The span cannot be used.
    #[error("span: {0}")]
    Span(#[from] SpanError),
    /// The policy has no valid default span and the record gives none.
    #[error("policy `{0}` has no valid default span and the record gives none")]
    NoSpan(String),
}

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
    same_days: SameDays,
    ids: Vec<(u64, usize)>,
    missing: MissingCache,
    /// The totals path's years, as integers.
    tallies: Vec<screen::Tally>,
}

impl Scratch {
    /// Forgets the last record's certificates, works and day-based items, for a span of `n`
    /// years (keeps the memory).
    fn reset(&mut self, n: usize) {
        self.certified.clear();
        self.certified.resize(n, None);
        self.same_work.clear();
        self.same_days.clear();
        self.ids.clear();
    }
}

/// Records the findings `credit::assess` raises, tagged with the item's index.
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
        let findings = &mut self.findings;
        let check = crate::materials::check_evidence(
            evidence,
            &policy.materials,
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
/// summaries. Short records (up to 24 items, or 16 works) are compared pair by pair instead,
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
pub struct Evaluator<'p> {
    policy: &'p Policy,
    /// The policy's minimums as integers, for the totals path (when they can be).
    minimums: Option<screen::Minimums>,
    /// The policy's day rates as integers, for the totals path (when they can be).
    day_rates: Option<screen::DayRates>,
    scratch: Scratch,
}

impl<'p> Evaluator<'p> {
    /// An evaluator for `policy`.
    pub fn new(policy: &'p Policy) -> Self {
        Evaluator {
            policy,
            minimums: screen::Minimums::of(policy),
            day_rates: screen::DayRates::of(policy),
            scratch: Scratch::default(),
        }
    }

    /// The policy applied.
    pub fn policy(&self) -> &'p Policy {
        self.policy
    }

    /// The full report of `record`: years with their credits, findings and materials.
    ///
    /// The record's own `policy` field is not consulted: this evaluator's policy applies
    /// (see [`crate::Registry`] to select a policy by the record's field).
    ///
    /// # Errors
    ///
    /// [`EvaluateError`] when the record as a whole cannot be evaluated: too many items,
    /// a duplicate ID, an unusable span. A rule broken by one item is not an error: the item
    /// gets a finding and the rest is evaluated.
    pub fn evaluate(&mut self, record: &Record) -> Result<Report, EvaluateError> {
        // A short record is checked for repeated IDs in the evaluation's first pass (reading
        // each item once); any other, or one whose span is unusable, is checked first.
        let count = record.evidence.len();
        let (span, mut fused) = match self.span_of(record) {
            Ok(span) if count <= PAIRWISE_IDS && count <= self.policy.limits.max_items => {
                (span, true)
            }
            _ => (self.check(record)?, false),
        };
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
            let clean = self.run(record, span, &mut trace, fused);
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
        let mut passed = true;
        let years: Vec<YearReport> = span
            .years()
            .zip(self.scratch.years.iter())
            .zip(trace.credits.into_iter().zip(trace.waived_by))
            .map(|((year, acc), (credits, waived_by))| {
                let shortfall = ledger::shortfall(policy, acc);
                let year_passed = shortfall.is_zero();
                passed &= year_passed;
                YearReport {
                    year,
                    public: acc.public,
                    professional: acc.professional,
                    total: acc.total(),
                    waived: acc.waived,
                    waived_by,
                    passed: year_passed,
                    shortfall,
                    credits,
                }
            })
            .collect();
        Ok(Report {
            policy: policy.id.clone(),
            span,
            passed,
            years,
            findings: trace.findings,
            materials: trace.materials,
        })
    }

    /// Only the per-year totals, waivers and verdict: the same figures as
    /// [`Evaluator::evaluate`], written alike (the same decimal scale), without building
    /// credits, findings or materials, and without allocating per item.
    ///
    /// For bulk screening. A record is read in one pass, its hours added as integers (units of
    /// 10⁻⁴ hour) as soon as each item is assessed, and the policy's minimums and day rates
    /// compared as integers worked out once per evaluator. That order-free addition is exact
    /// only without year caps and while every amount has at most four decimals and stays
    /// far below the decimal type's range; a record or policy outside those bounds is
    /// evaluated in record order, as the full report does. Either way the figures are the
    /// full report's.
    ///
    /// # Errors
    ///
    /// As [`Evaluator::evaluate`].
    pub fn totals(&mut self, record: &Record) -> Result<Totals, EvaluateError> {
        let mut out = Totals {
            policy: String::new(),
            span: Span { from: 0, to: 0 },
            passed: false,
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
        // A short record that can be screened is checked for repeated IDs during the
        // screening pass itself (reading each item once); any other is checked first.
        let count = record.evidence.len();
        let quick = match self.span_of(record) {
            Ok(span) if count <= PAIRWISE_IDS && count <= self.policy.limits.max_items => {
                self.screen(record, span, true).map(|()| span)
            }
            _ => None,
        };
        let (span, mut screened) = match quick {
            Some(span) => (span, true),
            None => {
                let span = self.check(record)?;
                let screened = count > PAIRWISE_IDS && self.screen(record, span, false).is_some();
                (span, screened)
            }
        };
        let policy = self.policy;
        out.years.clear();
        out.years.reserve(span.len());
        // Screened: straight from the integer tallies, against the minimums compiled once.
        let mut done = false;
        if let (true, Some(m)) = (screened, &self.minimums) {
            done = true;
            for (year, tally) in span.years().zip(self.scratch.tallies.iter()) {
                match tally.totals(year, m) {
                    Some(totals) => out.years.push(totals),
                    None => {
                        done = false;
                        break;
                    }
                }
            }
        }
        if !done {
            out.years.clear();
            if screened {
                let s = &mut self.scratch;
                s.years.clear();
                for tally in &s.tallies {
                    match tally.acc() {
                        Some(acc) => s.years.push(acc),
                        None => {
                            screened = false;
                            break;
                        }
                    }
                }
            }
            if !screened {
                self.run(record, span, &mut NoTrace, false);
            }
            out.years.extend(
                span.years()
                    .zip(self.scratch.years.iter())
                    .map(|(year, acc)| {
                        let total = acc.total();
                        YearTotals {
                            year,
                            public: acc.public,
                            professional: acc.professional,
                            total,
                            waived: acc.waived,
                            passed: ledger::passes(policy, acc),
                        }
                    }),
            );
        }
        out.policy.clone_from(&policy.id);
        out.span = span;
        out.passed = out.years.iter().all(|y| y.passed);
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
        match record.span {
            Some(span) => Ok(self.policy.limits.check_span(span)?),
            None => self
                .policy
                .default_span()
                .ok_or_else(|| EvaluateError::NoSpan(self.policy.id.clone())),
        }
    }

    /// The evaluation itself, shared by both paths.
    ///
    /// With `find_repeats`, pass 1 also looks for a repeated ID and stops at once, returning
    /// `false`, when it finds one (for [`Evaluator::check`] to report).
    fn run<'r, T: Trace<'r>>(
        &mut self,
        record: &'r Record,
        span: Span,
        trace: &mut T,
        find_repeats: bool,
    ) -> bool {
        let policy = self.policy;
        let items = &record.evidence;
        let s = &mut self.scratch;
        let n = span.len();
        s.reset(n);
        s.years.clear();
        s.years.resize(n, YearAcc::default());
        s.cap_used.clear();
        s.cap_used
            .resize(policy.caps.len().saturating_mul(n), Decimal::ZERO);
        s.claims.clear();
        s.raised.clear();
        let mut repeats = Repeats::default();

        // Pass 1: each item by its own rules; which certificate stands for which year (I-9).
        for (index, e) in items.iter().enumerate() {
            if find_repeats && repeats.repeats(items, index, &mut s.ids) {
                return false;
            }
            let claim = if T::FINDINGS {
                credit::assess(
                    &e.activity,
                    policy,
                    &mut Raised {
                        index,
                        into: &mut s.raised,
                    },
                )
            } else {
                credit::assess(&e.activity, policy, &mut Silent)
            };
            if let (Claim::Certificate, Activity::PriorCertificate(c)) = (claim, &e.activity) {
                for (entry, y) in c.years.iter().enumerate() {
                    if let (true, Some(k)) =
                        (non_negative(y.public, y.professional), span.index(y.year))
                    {
                        if let Some(slot @ None) = s.certified.get_mut(k) {
                            *slot = Some((index, entry));
                        }
                    }
                }
            }
            if let Claim::Hours { .. } = claim {
                if policy.duplicates.same_work_once {
                    s.same_work.offer(index, &e.activity);
                }
            }
            s.claims.push(claim);
        }
        s.same_work.settle(|i| items.get(i).map(|e| &e.activity));

        // Day-based items that are otherwise creditable share calendar days (I-8).
        let certified = |k: usize, s: &Scratch| s.certified.get(k).is_some_and(Option::is_some);
        if policy.duplicates.share_days {
            for (index, claim) in s.claims.iter().enumerate() {
                if let Claim::Days {
                    subject,
                    start,
                    end,
                    half_days,
                } = *claim
                {
                    if let Some(k) = span.index(start.year()).filter(|&k| !certified(k, s)) {
                        let want = Want::new(index, (start, end), half_days, k, subject);
                        s.same_days.push(want);
                    }
                }
            }
            if !s.same_days.is_empty() {
                s.same_days.allocate();
            }
        }

        // Pass 2, in record order: findings, credits and waivers.
        let claims = std::mem::take(&mut s.claims);
        let all_raised = std::mem::take(&mut s.raised);
        let mut raised = all_raised.iter().peekable();
        for (index, (e, claim)) in items.iter().zip(claims.iter()).enumerate() {
            trace.item(e);
            while let Some((_, code, rule)) = raised.next_if(|r| r.0 == index) {
                trace.finding(*code, *rule);
            }
            Self::settle(s, policy, span, index, e, *claim, trace);
            trace.materials(e, policy);
        }
        s.claims = claims;
        s.raised = all_raised;
        true
    }

    /// Credits one item's claim, in record order.
    fn settle<'r, T: Trace<'r>>(
        s: &mut Scratch,
        policy: &Policy,
        span: Span,
        index: usize,
        e: &'r Evidence,
        claim: Claim,
        trace: &mut T,
    ) {
        let certified = |k: usize, s: &Scratch| s.certified.get(k).is_some_and(Option::is_some);
        {
            match claim {
                Claim::Nothing => {}
                Claim::Certificate => {
                    if let Activity::PriorCertificate(c) = &e.activity {
                        for (entry, y) in c.years.iter().enumerate() {
                            if !non_negative(y.public, y.professional) {
                                trace.finding(FindingCode::CertificateNegativeHours, RuleId::I9);
                                continue;
                            }
                            let Some(k) = span.index(y.year) else {
                                trace.finding(FindingCode::OutsideSpan, RuleId::N2);
                                continue;
                            };
                            if s.certified.get(k) != Some(&Some((index, entry))) {
                                trace.finding(FindingCode::YearCertifiedTwice, RuleId::I9);
                                continue;
                            }
                            for (subject, hours) in [
                                (Subject::Public, y.public),
                                (Subject::Professional, y.professional),
                            ] {
                                add(s, policy, trace, k, e.kind(), subject, hours, RuleId::N3_3);
                            }
                        }
                    }
                }
                Claim::Hours {
                    subject,
                    hours,
                    date,
                    rule,
                } => {
                    if s.same_work.is_copy(index) {
                        trace.finding(FindingCode::DuplicateWork, policy.duplicates.rule);
                        return;
                    }
                    match span.index(date.year()) {
                        None => trace.finding(FindingCode::OutsideSpan, RuleId::N2),
                        Some(k) if certified(k, s) => {
                            trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                        }
                        Some(k) => add(s, policy, trace, k, e.kind(), subject, hours, rule),
                    }
                }
                Claim::Days {
                    subject,
                    start,
                    half_days,
                    ..
                } => match span.index(start.year()) {
                    None => trace.finding(FindingCode::OutsideSpan, RuleId::N2),
                    Some(k) if certified(k, s) => {
                        trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                    }
                    Some(k) => {
                        let given = if policy.duplicates.share_days {
                            s.same_days.given(index).unwrap_or(0)
                        } else {
                            half_days
                        };
                        if given < half_days {
                            trace.finding(FindingCode::DayOverlap, policy.duplicates.rule);
                        }
                        match credit::day_hours(policy, given) {
                            Some(hours) => {
                                add(
                                    s,
                                    policy,
                                    trace,
                                    k,
                                    e.kind(),
                                    subject,
                                    hours,
                                    policy.days.rule,
                                );
                            }
                            None => trace.finding(FindingCode::HoursOverflow, policy.days.rule),
                        }
                    }
                },
                Claim::Waiver { from, to } => {
                    let lo = from.max(span.from);
                    let hi = to.min(span.to);
                    if lo > hi {
                        trace.finding(FindingCode::OutsideSpan, RuleId::N2);
                    }
                    let mut blocked = false;
                    for year in lo..=hi {
                        let Some(k) = span.index(year) else { continue };
                        if certified(k, s) {
                            blocked = true;
                        } else if let Some(acc) = s.years.get_mut(k) {
                            acc.waived = true;
                            trace.waiver(k);
                        }
                    }
                    if blocked {
                        trace.finding(FindingCode::YearAlreadyCertified, RuleId::I9);
                    }
                }
            }
        }
    }
}

/// Finds a repeated ID while the items are visited in record order, for records of up to
/// [`PAIRWISE_IDS`] items: one bit per key seen (chosen by its top bits), and the keys seen
/// so far, searched only when the bit is already set.
#[derive(Default)]
struct Repeats {
    seen: u128,
}

impl Repeats {
    /// The earlier visited item whose ID item `index` repeats (the first to bear it); notes
    /// the item's key otherwise.
    fn earlier(
        &mut self,
        items: &[Evidence],
        index: usize,
        keys: &mut Vec<(u64, usize)>,
    ) -> Option<usize> {
        let e = items.get(index)?;
        let key = e.id.key();
        let bit = 1u128 << (key >> 57);
        if self.seen & bit != 0 {
            let same = |&&(k, i): &&(u64, usize)| {
                k == key && items.get(i).is_some_and(|earlier| earlier.id == e.id)
            };
            if let Some(&(_, first)) = keys.iter().find(same) {
                return Some(first);
            }
        }
        self.seen |= bit;
        keys.push((key, index));
        None
    }

    /// Whether item `index` repeats the ID of an earlier item visited.
    fn repeats(&mut self, items: &[Evidence], index: usize, keys: &mut Vec<(u64, usize)>) -> bool {
        self.earlier(items, index, keys).is_some()
    }
}

/// Records up to this many items are checked for duplicate IDs pair by pair (comparing the
/// IDs' stored keys, which is cheaper than sorting); longer ones are sorted.
const PAIRWISE_IDS: usize = 24;

/// The first item whose ID repeats an earlier item's, with the position of the earliest item
/// bearing that ID. O(n log n) key comparisons whatever the IDs (pairwise only up to
/// [`PAIRWISE_IDS`] items); texts are compared only when keys agree.
fn first_repeat(items: &[Evidence], order: &mut Vec<(u64, usize)>) -> Option<(usize, usize)> {
    first_repeat_with(items, order, PAIRWISE_IDS)
}

/// [`first_repeat`], pair by pair up to `pairwise` items.
fn first_repeat_with(
    items: &[Evidence],
    order: &mut Vec<(u64, usize)>,
    pairwise: usize,
) -> Option<(usize, usize)> {
    if items.len() <= pairwise {
        order.clear();
        let mut repeats = Repeats::default();
        return (0..items.len()).find_map(|b| repeats.earlier(items, b, order).map(|a| (b, a)));
    }
    // Sorted by (key, text, position), equal IDs lie side by side in record order: the first
    // pair of each group is (earliest, first repeat), and the smallest repeat wins.
    order.clear();
    order.extend(items.iter().enumerate().map(|(i, e)| (e.id.key(), i)));
    let id = |i: usize| items.get(i).map_or("", |e| e.id.as_str());
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| id(a.1).cmp(id(b.1)))
            .then(a.1.cmp(&b.1))
    });
    let mut found: Option<(usize, usize)> = None;
    for pair in order.windows(2) {
        if let [(ka, a), (kb, b)] = *pair {
            if ka == kb && id(a) == id(b) && found.is_none_or(|(best, _)| b < best) {
                found = Some((b, a));
            }
        }
    }
    found
}

fn duplicate(e: &Evidence, index: usize, first: usize) -> EvaluateError {
    EvaluateError::DuplicateId {
        id: e.id.as_str().to_owned(),
        index,
        first,
    }
}

fn non_negative(public: Decimal, professional: Decimal) -> bool {
    let non_negative = |x: Decimal| x.is_zero() || x.is_sign_positive();
    non_negative(public) && non_negative(professional)
}

/// Credits `hours` of `subject` in span year `k`, within the policy's caps and without
/// overflowing; a zero credit is not written.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site per claim kind; a struct would only rename them"
)]
fn add<'r, T: Trace<'r>>(
    s: &mut Scratch,
    policy: &Policy,
    trace: &mut T,
    k: usize,
    kind: Kind,
    subject: Subject,
    hours: Decimal,
    rule: RuleId,
) {
    let mut hours = hours;
    let years = s.years.len();
    for (c, cap) in policy.caps.iter().enumerate() {
        if !cap.kinds.contains(&kind) {
            continue;
        }
        let Some(used) = c
            .checked_mul(years)
            .and_then(|i| i.checked_add(k))
            .and_then(|i| s.cap_used.get_mut(i))
        else {
            continue;
        };
        let room = cap
            .hours
            .checked_sub(*used)
            .unwrap_or_default()
            .max(Decimal::ZERO);
        if hours > room {
            trace.finding(FindingCode::YearCapReached, cap.rule);
            hours = room;
        }
    }
    if !credit::positive(hours) {
        return;
    }
    let Some(acc) = s.years.get_mut(k) else {
        return;
    };
    if !acc.add(subject, hours) {
        trace.finding(FindingCode::HoursOverflow, rule);
        return;
    }
    for (c, cap) in policy.caps.iter().enumerate() {
        if cap.kinds.contains(&kind) {
            if let Some(used) = c
                .checked_mul(years)
                .and_then(|i| i.checked_add(k))
                .and_then(|i| s.cap_used.get_mut(i))
            {
                *used = used.checked_add(hours).unwrap_or(Decimal::MAX);
            }
        }
    }
    trace.credit(k, subject, hours, rule);
}

/// Evaluates `record` under `policy`: the full report.
///
/// # Errors
///
/// As [`Evaluator::evaluate`].
pub fn evaluate(record: &Record, policy: &Policy) -> Result<Report, EvaluateError> {
    Evaluator::new(policy).evaluate(record)
}

#[cfg(test)]
mod tests {
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
