//! The route of an application (N.2.1–N.2.3): the levels it passes on its way to approval.

use serde::{Deserialize, Serialize};

use super::actions::ReviewError;
use super::parties::{AgencyStep, Desk, Party, Track};
use super::text::{is_blank, normalise, normalised};
use crate::rule::RuleId;

/// The levels a declaration passes on its way to approval, as data.
///
/// The state machine reads only these fields, so another routing is another value, not
/// another branch. [`Route::new`] gives the notice's four routes:
///
/// | track | rule | employer (A3) | superior units (A4) | handling agency (A5) |
/// |---|---|---|---|---|
/// | provincial unit | N.2.1 | yes (初审) | any number (省直主管部门复审; none for a first-level unit) | provincial HRSS, filing (备案) |
/// | city/prefecture | N.2.2 | yes | any number | city HRSS, verification |
/// | non-public, social, freelance | N.2.3 | no | none | territorial HRSS, verification |
/// | central unit in Hunan | N.2.3 | yes (单位人事部门审核) | none | provincial HRSS, filing (备案) |
///
/// The employer chooses the next level (A3 step 9): a superior unit, or, for a first-level unit
/// (一级单位, with no superior unit above it, such as a provincial university), the handling
/// agency directly; each superior unit chooses likewise (A4 step 8).
///
/// The agency's name is normalised (surrounding blanks, invisible characters included, are
/// dropped) when a route is read or an application is made, so [`Route::check`] and the turn
/// checks see the same name.
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
    #[serde(deserialize_with = "normalised")]
    pub agency: String,
    /// What the agency's approval means.
    pub agency_step: AgencyStep,
}

impl Route {
    /// The notice's route for `track`, decided last by `agency` (for provincial and central
    /// units, [`PROVINCIAL_HRSS`](super::PROVINCIAL_HRSS)).
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
    /// // A first-level unit sends straight to the agency (A3 step 9).
    /// assert_eq!(route.min_superiors, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(track: Track, agency: &str) -> Result<Route, ReviewError> {
        let (rule, employer_review, min_superiors, max_superiors, agency_step) = match track {
            Track::ProvincialUnit => (RuleId::N2_1, true, 0, None, AgencyStep::Filing),
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
            agency: normalise(agency),
            agency_step,
        };
        route.check()?;
        Ok(route)
    }

    /// Checks that the route can be followed to its end.
    ///
    /// # Errors
    ///
    /// [`ReviewError::EmptyAgency`] (a name of nothing but blanks or invisible characters),
    /// [`ReviewError::SuperiorBounds`] (more superiors required than allowed) or
    /// [`ReviewError::SuperiorsWithoutEmployer`] (superiors required on a route that starts at
    /// the agency).
    pub fn check(&self) -> Result<(), ReviewError> {
        let rule = self.rule;
        if is_blank(&self.agency) {
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
    pub(super) fn first_desk(&self, unit: &str) -> Desk {
        if self.employer_review {
            Desk {
                role: Party::Employer,
                unit: normalise(unit),
            }
        } else {
            self.agency_desk()
        }
    }

    pub(super) fn agency_desk(&self) -> Desk {
        Desk {
            role: Party::Agency,
            unit: normalise(&self.agency),
        }
    }
}
