//! What-if: one record under two policies, and which parameter caused each change.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Policy;
use super::tree::{Change, Tree, diff, join_path, to_tree};
use crate::evaluate::{EvaluateError, evaluate};
use crate::ledger::{Report, YearReport};
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
    pub evidence: String,
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
                Tree::Str(id) => RuleId::parse(id),
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

/// Hours per (evidence, rule) in one year.
fn credits_of(year: &YearReport) -> BTreeMap<(String, RuleId), Decimal> {
    let mut out: BTreeMap<(String, RuleId), Decimal> = BTreeMap::new();
    for c in &year.credits {
        let slot = out.entry((c.evidence.to_string(), c.rule)).or_default();
        *slot = slot.checked_add(c.hours).unwrap_or(Decimal::MAX);
    }
    out
}

/// The rules of the findings about `id` in a report.
fn finding_rules<'a>(report: &'a Report, id: &'a str) -> impl Iterator<Item = RuleId> + 'a {
    report
        .findings
        .iter()
        .filter(move |f| f.evidence.as_str() == id)
        .map(|f| f.rule)
}

/// Evaluates `record` under `before` and `after` and reports, per year, what changed and which
/// parameter caused it.
///
/// # Errors
///
/// As [`crate::Evaluator::evaluate`], under either policy.
pub fn whatif(record: &Record, before: &Policy, after: &Policy) -> Result<WhatIf, EvaluateError> {
    let a = evaluate(record, before)?;
    let b = evaluate(record, after)?;
    let (ta, tb) = match (to_tree(before), to_tree(after)) {
        (Ok(ta), Ok(tb)) => (ta, tb),
        _ => (Tree::Null, Tree::Null),
    };
    let parameters: Vec<ParameterChange> = diff(&ta, &tb)
        .iter()
        .filter(|c| c.path.first().is_none_or(|g| g != "citations"))
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
    let mut years = Vec::new();
    for (ya, yb) in a.years.iter().zip(&b.years) {
        let (ca, cb) = (credits_of(ya), credits_of(yb));
        let mut credits = Vec::new();
        let mut involved: Vec<RuleId> = Vec::new();
        for key in ca.keys().chain(cb.keys().filter(|k| !ca.contains_key(*k))) {
            let x = ca.get(key).copied().unwrap_or_default();
            let y = cb.get(key).copied().unwrap_or_default();
            if x != y {
                credits.push(CreditChange {
                    evidence: key.0.clone(),
                    rule: key.1,
                    before: x,
                    after: y,
                });
                involved.push(key.1);
            }
        }
        // The findings about an item whose hours changed say which rules were at work.
        for c in &credits {
            involved.extend(finding_rules(&a, &c.evidence).chain(finding_rules(&b, &c.evidence)));
        }
        let verdict_changed = ya.passed != yb.passed || ya.shortfall != yb.shortfall;
        if credits.is_empty() && !verdict_changed && ya.waived == yb.waived {
            continue;
        }
        if verdict_changed {
            involved.push(RuleId::N1_2);
        }
        let caused_by = parameters
            .iter()
            .filter(|p| p.rules.iter().any(|r| involved.contains(r)))
            .map(|p| p.path.clone())
            .collect();
        years.push(YearChange {
            year: ya.year,
            public: Compared {
                before: ya.public,
                after: yb.public,
            },
            professional: Compared {
                before: ya.professional,
                after: yb.professional,
            },
            total: Compared {
                before: ya.total,
                after: yb.total,
            },
            passed: [ya.passed, yb.passed],
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
                verdict(y.passed[0]),
                verdict(y.passed[1]),
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
