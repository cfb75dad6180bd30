//! Policy validation: every problem of a policy, each named by its path.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::tree::{Tree, to_tree};
use super::{Policy, RankBand};
use crate::record::Span;
use crate::rule::RuleId;

/// One problem of a policy, with the path of the value at fault (`papers.bands[1].hours`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyProblem {
    /// Where the problem is, written `group.field[index].field`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

struct Problems(Vec<PolicyProblem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(PolicyProblem {
            path: path.into(),
            message: message.into(),
        });
    }

    /// A credit that must be positive.
    fn positive(&mut self, path: &str, value: Decimal) {
        if value <= Decimal::ZERO {
            self.add(
                path,
                format!("must be positive, not `{}`", value.normalize()),
            );
        }
    }

    fn non_negative(&mut self, path: &str, value: Decimal) {
        if value < Decimal::ZERO {
            self.add(
                path,
                format!("must not be negative, not `{}`", value.normalize()),
            );
        }
    }

    fn bands(&mut self, path: &str, bands: &[RankBand]) {
        for (i, b) in bands.iter().enumerate() {
            let at = format!("{path}[{i}]");
            if b.from == 0 {
                self.add(format!("{at}.from"), "ranks start at 1");
            }
            if let Some(to) = b.to {
                if to < b.from {
                    self.add(format!("{at}.to"), format!("band {}–{to} is empty", b.from));
                }
            }
            self.positive(&format!("{at}.hours"), b.hours);
        }
        for (i, a) in bands.iter().enumerate() {
            for (j, b) in bands.iter().enumerate().skip(i.saturating_add(1)) {
                let overlap = a.contains(b.from) || b.contains(a.from);
                let empty = a.to.is_some_and(|t| t < a.from) || b.to.is_some_and(|t| t < b.from);
                if overlap && !empty {
                    self.add(format!("{path}[{j}]"), format!("band overlaps band [{i}]"));
                }
            }
        }
    }
}

/// Every rule ID a policy value names (`rule` and `interpretation` fields at any depth).
fn cited_rules(tree: &Tree, out: &mut Vec<(String, RuleId)>, path: &mut Vec<String>) {
    match tree {
        Tree::Map(entries) => {
            for (k, v) in entries {
                path.push(k.clone());
                if let (true, Tree::Str(id)) = (k == "rule" || k == "interpretation", v) {
                    if let Some(rule) = RuleId::parse(id) {
                        out.push((super::tree::join_path(path), rule));
                    }
                } else if k != "citations" {
                    cited_rules(v, out, path);
                }
                path.pop();
            }
        }
        Tree::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(format!("[{i}]"));
                cited_rules(item, out, path);
                path.pop();
            }
        }
        _ => {}
    }
}

impl Policy {
    /// Checks the policy and lists every problem, each with its path: hours that must be
    /// positive, minimums that do not add up (a total below the public or the professional
    /// minimum), an empty or inverted default span, an empty or overlapping rank band, an
    /// inverted effective range, a rule named without a citation.
    ///
    /// # Errors
    ///
    /// The list of problems, when there is at least one.
    pub fn validate(&self) -> Result<(), Vec<PolicyProblem>> {
        let mut p = Problems(Vec::new());
        if self.id.trim().is_empty() {
            p.add("id", "must not be empty");
        }
        if self.effective.to.is_some_and(|to| to < self.effective.from) {
            p.add("effective.to", "is before `effective.from`");
        }
        if let Err(e) = Span::new(self.review_span.from, self.review_span.to) {
            p.add("review_span", e.to_string());
        }
        for (path, month) in [
            ("review_window.from_month", self.review_window.from_month),
            ("review_window.to_month", self.review_window.to_month),
        ] {
            if !(1..=12).contains(&month) {
                p.add(path, "must be a month, 1–12");
            }
        }
        let m = &self.minimums;
        p.non_negative("minimums.public", m.public);
        p.non_negative("minimums.professional", m.professional);
        if m.total < m.public || m.total < m.professional {
            p.add(
                "minimums.total",
                format!(
                    "total `{}` is below the public `{}` or professional `{}` minimum",
                    m.total.normalize(),
                    m.public.normalize(),
                    m.professional.normalize()
                ),
            );
        }
        p.positive("days.per_day", self.days.per_day);
        p.positive("days.per_half_day", self.days.per_half_day);
        if let Some(minutes) = self.online_courses.minutes_per_hour {
            p.positive("online_courses.minutes_per_hour", minutes);
        }
        if self.online_courses.rounding_scale > 28 {
            p.add("online_courses.rounding_scale", "must be at most 28");
        }
        for (name, table) in [
            ("national", &self.research.national),
            ("provincial", &self.research.provincial),
            ("municipal", &self.research.municipal),
        ] {
            p.positive(&format!("research.{name}.host"), table.host);
            p.positive(
                &format!("research.{name}.main_contributor"),
                table.main_contributor,
            );
            p.positive(&format!("research.{name}.other"), table.other);
        }
        p.bands("books.bands", &self.books.bands);
        p.bands("papers.bands", &self.papers.bands);
        p.bands("patents.invention", &self.patents.invention);
        p.bands("patents.utility_model", &self.patents.utility_model);
        p.bands("patents.design", &self.patents.design);
        for (name, table) in [
            ("national", &self.awards.national),
            ("provincial", &self.awards.provincial),
            ("municipal", &self.awards.municipal),
        ] {
            p.positive(&format!("awards.{name}.first"), table.first);
            p.positive(&format!("awards.{name}.second"), table.second);
            p.positive(&format!("awards.{name}.third"), table.third);
        }
        p.positive(
            "skills_exams.digital_per_module",
            self.skills_exams.digital_per_module,
        );
        if let Some(rate) = self.skills_exams.computer_per_module {
            p.positive("skills_exams.computer_per_module", rate);
        }
        p.positive("degree_courses.hours", self.degree_courses.hours);
        p.positive("qualification_exams.hours", self.qualification_exams.hours);
        if self.assignments.min_months == 0 {
            p.add("assignments.min_months", "must be at least 1");
        }
        if self.assignments.all_years_after_months < self.assignments.min_months {
            p.add(
                "assignments.all_years_after_months",
                "is below `assignments.min_months`",
            );
        }
        for (i, cap) in self.caps.iter().enumerate() {
            p.non_negative(&format!("caps[{i}].hours"), cap.hours);
            if cap.kinds.is_empty() {
                p.add(format!("caps[{i}].kinds"), "must name at least one kind");
            }
        }
        if self.limits.max_items == 0 {
            p.add("limits.max_items", "must be at least 1");
        }
        for (i, c) in self.citations.iter().enumerate() {
            if c.source.trim().is_empty() {
                p.add(format!("citations[{i}].source"), "must not be empty");
            }
            if c.text.trim().is_empty() {
                p.add(format!("citations[{i}].text"), "must not be empty");
            }
            if c.effective.to.is_some_and(|to| to < c.effective.from) {
                p.add(
                    format!("citations[{i}].effective.to"),
                    "is before `effective.from`",
                );
            }
            if self.citations.iter().take(i).any(|d| d.rule == c.rule) {
                p.add(
                    format!("citations[{i}].rule"),
                    format!("`{}` is cited twice", c.rule),
                );
            }
        }
        match to_tree(self) {
            Ok(tree) => {
                let mut named = Vec::new();
                cited_rules(&tree, &mut named, &mut Vec::new());
                for (path, rule) in named {
                    if self.citation(rule).is_none() {
                        p.add(
                            path,
                            format!("rule `{rule}` has no citation in `citations`"),
                        );
                    }
                }
            }
            Err(e) => p.add("", e.to_string()),
        }
        if p.0.is_empty() { Ok(()) } else { Err(p.0) }
    }
}
