//! Stable rule IDs: every credit, finding, requirement and policy value names one.
//!
//! Hunan's clauses are built in ([`RuleId::ALL`]); any other document numbers its own clauses,
//! and a policy declares them in its `citations` ([`RuleId::declared`]).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! rule_ids {
    ($( $(#[$doc:meta])* $variant:ident => $id:literal ),+ $(,)?) => {
        /// A stable identifier of one clause of the regulation, or of one of our interpretations.
        ///
        /// `N.x` is the notice body, `A1.Mx` attachment 1 part 一 (materials), `A1.Cx`
        /// attachment 1 part 二 (conversion to hours), `A2`–`A5` the operating guides of the
        /// online verification system, and `I-x` an interpretation of ours where the text is
        /// silent or ambiguous. They serialise as the ID text (`"A1.C2"`, `"I-8"`).
        ///
        /// Another document's clauses are [`RuleId::Clause`]: a policy file declares them in its
        /// `citations` by any ID its document uses (`"第十条"`, `"NX.3"`), and every credit,
        /// finding and requirement it produces cites them in the same way.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum RuleId {
            $( $(#[$doc])* $variant, )+
            /// A clause of another document, declared by a policy (see [`RuleId::declared`]).
            Clause(ClauseId),
        }

        impl RuleId {
            /// Every rule ID this crate knows, in document order.
            pub const ALL: &'static [RuleId] = &[ $( RuleId::$variant, )+ ];

            /// The ID as written in its document (`"A1.C2"`, `"第十条"`).
            pub fn as_str(self) -> &'static str {
                match self { $( RuleId::$variant => $id, )+ RuleId::Clause(c) => c.as_str() }
            }

            /// The built-in (Hunan) rule written `text` (`"A1.C2"`, `"I-8"`), if there is one;
            /// the same as [`str::parse`] without the error. Another document's clause is
            /// [`RuleId::declared`].
            pub fn parse(text: &str) -> Option<RuleId> {
                match text { $( $id => Some(RuleId::$variant), )+ _ => None }
            }
        }

        impl std::str::FromStr for RuleId {
            type Err = UnknownRule;

            /// Parses a built-in ID written as in the tables (`"A1.C2"`, `"I-8"`); another
            /// document's clause is [`RuleId::declared`].
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

/// The ID of a clause of another document, as a policy declares it (`"第十条"`, `"NX.3"`).
///
/// IDs are interned: each distinct text is stored once for the life of the process, so a
/// `ClauseId` is `Copy` like the built-in rules. At most [`ClauseId::MAX_DISTINCT`] distinct IDs
/// are taken, each at most [`ClauseId::MAX_LEN`] bytes: the memory they hold is bounded
/// whatever the input.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClauseId(&'static str);

/// Why a text cannot be a clause ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClauseIdError {
    /// Empty, longer than [`ClauseId::MAX_LEN`] bytes, with a control character or with
    /// spaces around it.
    #[error("`{0}` is not a clause ID: 1–64 bytes, no control characters, no surrounding spaces")]
    Malformed(String),
    /// [`ClauseId::MAX_DISTINCT`] distinct IDs are already taken in this process.
    #[error("more than {max} distinct clause IDs", max = ClauseId::MAX_DISTINCT)]
    TooMany,
}

impl ClauseId {
    /// The longest clause ID, in bytes.
    pub const MAX_LEN: usize = 64;
    /// The most distinct clause IDs one process takes.
    pub const MAX_DISTINCT: usize = 65_536;

    /// The ID's text.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    fn intern(text: &str) -> Result<ClauseId, ClauseIdError> {
        use std::collections::HashSet;
        use std::sync::{Mutex, OnceLock};
        static TAKEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
        let malformed = text.is_empty()
            || text.len() > Self::MAX_LEN
            || text.trim() != text
            || text.chars().any(char::is_control);
        if malformed {
            return Err(ClauseIdError::Malformed(text.to_owned()));
        }
        let mut taken = TAKEN
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&held) = taken.get(text) {
            return Ok(ClauseId(held));
        }
        if taken.len() >= Self::MAX_DISTINCT {
            return Err(ClauseIdError::TooMany);
        }
        let held: &'static str = Box::leak(text.to_owned().into_boxed_str());
        taken.insert(held);
        Ok(ClauseId(held))
    }
}

impl std::fmt::Debug for ClauseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl RuleId {
    /// The rule written `text`: a built-in rule when `text` names one (`"N.1.2"`), otherwise a
    /// clause of another document ([`RuleId::Clause`]).
    ///
    /// # Errors
    ///
    /// [`ClauseIdError`] when `text` cannot be an ID (empty, over 64 bytes, a control
    /// character, spaces around it) or the process holds too many distinct IDs.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::RuleId;
    ///
    /// assert_eq!(RuleId::declared("N.1.2"), Ok(RuleId::N1_2));
    /// let ningxia = RuleId::declared("宁人社函〔2022〕1号 二").unwrap();
    /// assert_eq!(ningxia.as_str(), "宁人社函〔2022〕1号 二");
    /// assert!(RuleId::declared("").is_err());
    /// ```
    pub fn declared(text: &str) -> Result<RuleId, ClauseIdError> {
        match RuleId::parse(text) {
            Some(rule) => Ok(rule),
            None => ClauseId::intern(text).map(RuleId::Clause),
        }
    }

    /// Whether the rule is one of Hunan's built-in clauses or interpretations (not a declared
    /// clause of another document).
    pub fn is_builtin(self) -> bool {
        !matches!(self, RuleId::Clause(_))
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for RuleId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RuleId;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a rule ID")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RuleId, E> {
                RuleId::declared(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
