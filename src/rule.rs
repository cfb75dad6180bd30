//! Stable rule IDs: every credit, finding, requirement and policy value names one.

use serde::{Deserialize, Serialize};

macro_rules! rule_ids {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal ),+ $(,)?) => {
        /// A stable identifier of one clause of the regulation, or of one of our interpretations.
        ///
        /// `N.x` is the notice body, `A1.Mx` attachment 1 part 一 (materials), `A1.Cx`
        /// attachment 1 part 二 (conversion to hours), `A2`–`A5` the operating guides of the
        /// online verification system, and `I-x` an interpretation of ours where the text is
        /// silent or ambiguous. They serialise as the ID text (`"A1.C2"`, `"I-8"`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum RuleId {
            $( $(#[$doc])* #[serde(rename = $id)] $variant, )+
        }

        impl RuleId {
            /// Every rule ID this crate knows, in document order.
            pub const ALL: &'static [RuleId] = &[ $( RuleId::$variant, )+ ];

            /// The ID as written in the regulation tables (`"A1.C2"`).
            pub fn as_str(self) -> &'static str {
                match self { $( RuleId::$variant => $id, )+ }
            }

            /// Parses an ID written as in the tables (`"A1.C2"`, `"I-8"`); the same as
            /// [`str::parse`] without the error.
            pub fn parse(text: &str) -> Option<RuleId> {
                match text { $( $id => Some(RuleId::$variant), )+ _ => None }
            }
        }

        impl std::str::FromStr for RuleId {
            type Err = UnknownRule;

            /// Parses an ID written as in the tables (`"A1.C2"`, `"I-8"`).
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                RuleId::parse(text).ok_or_else(|| UnknownRule(text.to_owned()))
            }
        }
    };
}

rule_ids! {
    /// 内容: public and professional subjects; the year's public themes.
    N1_1 => "N.1.1",
    /// 学时要求: per year public ≥ 30, professional ≥ 60, total ≥ 90.
    N1_2 => "N.1.2",
    /// Review span for senior-title applications (2019–2023 for 2024).
    N2 => "N.2",
    /// Routing for provincial units.
    N2_1 => "N.2.1",
    /// Routing for city and prefecture applicants.
    N2_2 => "N.2.2",
    /// Routing for non-public, freelance and central units.
    N2_3 => "N.2.3",
    /// Employer-run training counts only when filed; CE bases count everywhere.
    N3_1 => "N.3.1",
    /// Public-institution staff training platform certificates.
    N3_2 => "N.3.2",
    /// Earlier 学时认定单 as evidence for the years it covers.
    N3_3 => "N.3.3",
    /// Materials: training class, seminar, advanced study.
    A1M1 => "A1.M1",
    /// Materials: practice activity.
    A1M2 => "A1.M2",
    /// Materials: online or distance course.
    A1M3 => "A1.M3",
    /// Materials: conference, lecture, visit, exchange.
    A1M4 => "A1.M4",
    /// Materials: research project.
    A1M5 => "A1.M5",
    /// Materials: book or paper.
    A1M6 => "A1.M6",
    /// Materials: patent.
    A1M7 => "A1.M7",
    /// Materials: award.
    A1M8 => "A1.M8",
    /// Materials: computer-application or digital-technology exam.
    A1M9 => "A1.M9",
    /// Materials: special assignment.
    A1M10 => "A1.M10",
    /// Materials: degree study or qualification exam.
    A1M11 => "A1.M11",
    /// Materials: overseas exchange.
    A1M12 => "A1.M12",
    /// Hours: training, meetings and other day-based activities, 8 per day, 4 per half day.
    A1C1 => "A1.C1",
    /// Hours: research projects.
    A1C2 => "A1.C2",
    /// Hours: books and papers.
    A1C3 => "A1.C3",
    /// Hours: patents.
    A1C4 => "A1.C4",
    /// Hours: science and technology awards.
    A1C5 => "A1.C5",
    /// Hours: digital-technology application exam modules.
    A1C6 => "A1.C6",
    /// Assignment waiver (三援, 东西部扶贫协作 …).
    A1C7 => "A1.C7",
    /// Hours: degree-study courses.
    A1C8 => "A1.C8",
    /// Hours: professional qualification exam subjects.
    A1C9 => "A1.C9",
    /// Operating guide, applicant version (upload rules).
    A2 => "A2",
    /// Operating guide, employer version.
    A3 => "A3",
    /// Operating guide, superior-unit version.
    A4 => "A4",
    /// Operating guide, HRSS version.
    A5 => "A5",
    /// Interpretation: who is a main contributor on a project.
    I1 => "I-1",
    /// Interpretation: which year a 6–12 month assignment waives.
    I2 => "I-2",
    /// Interpretation: online course hours as certified.
    I3 => "I-3",
    /// Interpretation: special-grade awards.
    I4 => "I-4",
    /// Interpretation: the older computer-application exam.
    I5 => "I-5",
    /// Interpretation: what a unified serial number is.
    I6 => "I-6",
    /// Interpretation: A1.M4 alternative (2).
    I7 => "I-7",
    /// Interpretation: the same evidence twice (same work, same days).
    I8 => "I-8",
    /// Interpretation: years already certified.
    I9 => "I-9",
    /// Interpretation: employer-run training without filing.
    I10 => "I-10",
    /// Interpretation: documents as a condition of credit (rev. 2).
    I11 => "I-11",
}

/// A text that names no rule this crate knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown rule ID `{0}`")]
pub struct UnknownRule(pub String);

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
