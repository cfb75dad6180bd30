//! What-if: one record under two policies, and which parameter caused each change.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evaluate::{EvaluateError, evaluate_under};
use crate::evidence::EvidenceId;
use crate::ledger::{Report, YearReport};
use crate::policy::Policy;
use crate::policy::tree::{Change, Tree, diff, join_path, to_tree};
use crate::record::Record;
use crate::rule::RuleId;
use crate::wire;

/// One parameter that differs between two policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterChange {
    /// Where it is (`online_courses.minutes_per_hour`).
    pub path: String,
    /// Its value in the first policy (`null` when absent).
    pub before: String,
    /// Its value in the second policy.
    pub after: String,
    /// The rules of the group it belongs to.
    pub rules: Vec<RuleId>,
}

/// How one item's hours in one year changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditChange {
    /// The item.
    pub evidence: EvidenceId,
    /// The rule of its credit.
    pub rule: RuleId,
    /// Hours under the first policy.
    #[serde(with = "wire::decimal")]
    pub before: Decimal,
    /// Hours under the second policy.
    #[serde(with = "wire::decimal")]
    pub after: Decimal,
}

/// One figure of a year under both policies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compared {
    /// Under the first policy.
    #[serde(with = "wire::decimal")]
    pub before: Decimal,
    /// Under the second policy.
    #[serde(with = "wire::decimal")]
    pub after: Decimal,
}

/// A year whose outcome differs between the two policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearChange {
    /// The year.
    pub year: i32,
    /// Whether the year lies in each policy's span (N.2). A year outside one span is not
    /// reviewed under that policy: its figures there are zero and it does not pass.
    pub in_span: [bool; 2],
    /// Public hours.
    pub public: Compared,
    /// Professional hours.
    pub professional: Compared,
    /// Total hours.
    pub total: Compared,
    /// Whether it passes, under each policy.
    pub passed: [bool; 2],
    /// The items whose hours changed.
    pub credits: Vec<CreditChange>,
    /// The parameters that caused the change (paths from [`WhatIf::parameters`]).
    pub caused_by: Vec<String>,
}

/// One record evaluated under two policies: what differs, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    /// The first policy's ID.
    pub before: String,
    /// The second policy's ID.
    pub after: String,
    /// The span verdict under each policy.
    pub passed: [bool; 2],
    /// Every parameter that differs.
    pub parameters: Vec<ParameterChange>,
    /// The years whose outcome differs, in order.
    pub years: Vec<YearChange>,
}

/// The rules a changed value belongs to: those of its enclosing group (`rule` and
/// `interpretation` fields), the cap's rule for a cap, N.1.2 for the subject rules.
fn rules_of(tree: &Tree, change: &Change) -> Vec<RuleId> {
    let mut rules = Vec::new();
    let Some(group) = change.path.first() else {
        return rules;
    };
    if group == "public_surplus_counts_as_professional" || group == "minimums" {
        rules.push(RuleId::N1_2);
    }
    let mut node = tree.get(group);
    for segment in change.path.iter().skip(1).take(1) {
        if let (Some(Tree::Seq(items)), Some(index)) = (
            node,
            segment
                .strip_prefix('[')
                .and_then(|s| s.strip_suffix(']'))
                .and_then(|s| s.parse::<usize>().ok()),
        ) {
            node = items.get(index);
        }
    }
    // A whole array changed (caps added, say): the rules of all its entries.
    let nodes: Vec<&Tree> = match node {
        Some(Tree::Seq(items)) => items.iter().collect(),
        Some(n) => vec![n],
        None => vec![],
    };
    for n in nodes {
        for key in ["rule", "interpretation"] {
            if let Some(rule) = n.get(key).and_then(|v| match v {
                Tree::Str(id) => RuleId::declared(id).ok(),
                _ => None,
            }) {
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
        }
    }
    rules
}

fn brief(value: &Option<Tree>) -> String {
    value
        .as_ref()
        .map_or_else(|| "null".to_owned(), Tree::brief)
}

/// Hours per (evidence, rule) in one year (none for a year outside the span).
fn credits_of(year: Option<&YearReport>) -> BTreeMap<(&EvidenceId, RuleId), Decimal> {
    let mut out: BTreeMap<(&EvidenceId, RuleId), Decimal> = BTreeMap::new();
    for c in year.into_iter().flat_map(|y| &y.credits) {
        let slot = out.entry((&c.evidence, c.rule)).or_default();
        *slot = slot.checked_add(c.hours).unwrap_or(Decimal::MAX);
    }
    out
}

/// The rules of the findings about each item of a report, by item ID.
fn finding_rules(report: &Report) -> HashMap<&str, Vec<RuleId>> {
    let mut out: HashMap<&str, Vec<RuleId>> = HashMap::new();
    for f in &report.findings {
        out.entry(f.evidence.as_str()).or_default().push(f.rule);
    }
    out
}

/// A year with its report under each policy (`None` outside that policy's span).
type Row<'a> = (i32, Option<&'a YearReport>, Option<&'a YearReport>);

/// The years of two reports side by side, in order: each year of either span once, with its
/// report under each policy (`None` where it lies outside that policy's span). A merge of the
/// two year lists by year (each is in order), so linear.
fn aligned<'a>(a: &'a [YearReport], b: &'a [YearReport]) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    let (mut a, mut b) = (a.iter().peekable(), b.iter().peekable());
    loop {
        let row = match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(x), None) => (x.year, a.next(), None),
            (None, Some(y)) => (y.year, None, b.next()),
            (Some(x), Some(y)) => match x.year.cmp(&y.year) {
                std::cmp::Ordering::Less => (x.year, a.next(), None),
                std::cmp::Ordering::Greater => (y.year, None, b.next()),
                std::cmp::Ordering::Equal => (x.year, a.next(), b.next()),
            },
        };
        out.push(row);
    }
    out
}

/// A year's figure under one policy: zero outside its span.
fn figure(year: Option<&YearReport>, get: fn(&YearReport) -> Decimal) -> Decimal {
    year.map_or(Decimal::ZERO, get)
}

/// Evaluates `record` under `before` and `after` and reports, per year, what changed and which
/// parameter caused it.
///
/// Years are matched by calendar year: when the two policies review different spans (their
/// default spans differ), a year that lies in one span only is reported, with
/// [`YearChange::in_span`] saying where it lies. Costs O(n log n) in the size of the two
/// reports and the two policies.
///
/// # Errors
///
/// As [`crate::Evaluator::evaluate`], under either policy.
pub fn whatif(record: &Record, before: &Policy, after: &Policy) -> Result<WhatIf, EvaluateError> {
    // The caller chooses both policies: the record's own `policy` field does not refuse it.
    let a = evaluate_under(record, before)?;
    let b = evaluate_under(record, after)?;
    let (ta, tb) = match (to_tree(before), to_tree(after)) {
        (Ok(ta), Ok(tb)) => (ta, tb),
        _ => (Tree::Null, Tree::Null),
    };
    let parameters: Vec<ParameterChange> = diff(&ta, &tb)
        .iter()
        // What a policy is called and quotes changes no figure.
        .filter(|c| c.path.first().is_none_or(|g| g != "citations" && g != "id"))
        .map(|c| {
            let mut rules = rules_of(&ta, c);
            for r in rules_of(&tb, c) {
                if !rules.contains(&r) {
                    rules.push(r);
                }
            }
            ParameterChange {
                path: join_path(&c.path),
                before: brief(&c.before),
                after: brief(&c.after),
                rules,
            }
        })
        .collect();
    let (fa, fb) = (finding_rules(&a), finding_rules(&b));
    let mut years = Vec::new();
    for (year, ya, yb) in aligned(&a.years, &b.years) {
        let (ca, cb) = (credits_of(ya), credits_of(yb));
        let mut credits = Vec::new();
        let mut involved: BTreeSet<RuleId> = BTreeSet::new();
        for key in ca.keys().chain(cb.keys().filter(|k| !ca.contains_key(*k))) {
            let x = ca.get(key).copied().unwrap_or_default();
            let y = cb.get(key).copied().unwrap_or_default();
            if x != y {
                credits.push(CreditChange {
                    evidence: (*key.0).clone(),
                    rule: key.1,
                    before: x,
                    after: y,
                });
                involved.insert(key.1);
            }
        }
        // The findings about an item whose hours changed say which rules were at work.
        for c in &credits {
            for found in [&fa, &fb] {
                involved.extend(found.get(c.evidence.as_str()).into_iter().flatten());
            }
        }
        let in_span = [ya.is_some(), yb.is_some()];
        let passed = [ya.is_some_and(|y| y.passed), yb.is_some_and(|y| y.passed)];
        let verdict_changed = match (ya, yb) {
            (Some(ya), Some(yb)) => ya.passed != yb.passed || ya.shortfall != yb.shortfall,
            _ => true,
        };
        let waiver_changed = ya.map(|y| y.waived) != yb.map(|y| y.waived);
        if credits.is_empty() && !verdict_changed && !waiver_changed {
            continue;
        }
        if verdict_changed {
            involved.insert(RuleId::N1_2);
        }
        if in_span != [true, true] {
            involved.insert(RuleId::N2);
        }
        let caused_by = parameters
            .iter()
            .filter(|p| p.rules.iter().any(|r| involved.contains(r)))
            .map(|p| p.path.clone())
            .collect();
        years.push(YearChange {
            year,
            in_span,
            public: Compared {
                before: figure(ya, |y| y.public),
                after: figure(yb, |y| y.public),
            },
            professional: Compared {
                before: figure(ya, |y| y.professional),
                after: figure(yb, |y| y.professional),
            },
            total: Compared {
                before: figure(ya, |y| y.total),
                after: figure(yb, |y| y.total),
            },
            passed,
            credits,
            caused_by,
        });
    }
    Ok(WhatIf {
        before: a.policy,
        after: b.policy,
        passed: [a.passed, b.passed],
        parameters,
        years,
    })
}

fn verdict(passed: bool) -> &'static str {
    if passed {
        "合格/pass"
    } else {
        "不合格/fail"
    }
}

/// A year's verdict under policy `side` (0 or 1), or that it lies outside that span.
fn year_verdict(y: &YearChange, side: usize) -> &'static str {
    match (y.in_span.get(side), y.passed.get(side)) {
        (Some(true), Some(&passed)) => verdict(passed),
        _ => "不在跨度/outside span",
    }
}

impl fmt::Display for WhatIf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "对比 / what-if: {} → {}", self.before, self.after)?;
        writeln!(f, "参数变化 / parameters changed:")?;
        if self.parameters.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for p in &self.parameters {
            let rules: Vec<&str> = p.rules.iter().map(|r| r.as_str()).collect();
            writeln!(
                f,
                "  {}: {} → {} [{}]",
                p.path,
                p.before,
                p.after,
                rules.join(", ")
            )?;
        }
        writeln!(f, "年度变化 / years changed:")?;
        if self.years.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for y in &self.years {
            writeln!(
                f,
                "  {}: 公需/public {} → {}, 专业/professional {} → {}, 合计/total {} → {}, {} → {}",
                y.year,
                y.public.before.normalize(),
                y.public.after.normalize(),
                y.professional.before.normalize(),
                y.professional.after.normalize(),
                y.total.before.normalize(),
                y.total.after.normalize(),
                year_verdict(y, 0),
                year_verdict(y, 1),
            )?;
            for c in &y.credits {
                writeln!(
                    f,
                    "    {} ({}): {} → {}",
                    c.evidence,
                    c.rule,
                    c.before.normalize(),
                    c.after.normalize()
                )?;
            }
            if !y.caused_by.is_empty() {
                writeln!(f, "    原因 / caused by: {}", y.caused_by.join(", "))?;
            }
        }
        write!(
            f,
            "结论 / verdict: {} → {}",
            verdict(self.passed[0]),
            verdict(self.passed[1])
        )
    }
}
