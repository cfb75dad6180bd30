//! Who takes part in a review (N.2.1–N.2.3, A2–A5): the routing tracks, the parties and their
//! desks, and who acts.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::text::{normalise, normalised};
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
    /// 核验 (核认): the agency verifies the hours itself (N.2.2, N.2.3 territorial).
    Verification,
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
