//! Loading policies from files, and the registry of policies by ID and effective date.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Policy;
use super::tree::{Tree, TreeError, from_tree, join_path, merge, to_tree};
use super::validate::PolicyProblem;

/// A policy as read from a file: either complete, or an overlay that names its base with
/// `"extends": "hunan-2024"` and gives only the values it changes.
///
/// Read it with any serde format (numbers are exact as [`crate::wire`] describes), then turn
/// it into a checked [`Policy`] with [`Registry::load`].
///
/// In an overlay, objects merge key by key at any depth; any other value (a number, a string,
/// an array, `null`) replaces the base's. `citations` merge entry by entry on their `rule`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFile(Tree);

impl<'de> Deserialize<'de> for PolicyFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Tree::deserialize(d)? {
            tree @ Tree::Map(_) => Ok(PolicyFile(tree)),
            other => Err(serde::de::Error::custom(format!(
                "a policy file is an object, not {}",
                other.brief()
            ))),
        }
    }
}

impl Serialize for PolicyFile {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl PolicyFile {
    /// The base policy an overlay extends, if it is one.
    pub fn extends(&self) -> Option<&str> {
        match self.0.get("extends") {
            Some(Tree::Str(id)) => Some(id),
            _ => None,
        }
    }
}

/// Why a policy cannot be loaded or found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// No policy has this ID.
    #[error("unknown policy `{id}`; known policies: {}", known.join(", "))]
    Unknown {
        /// The ID asked for.
        id: String,
        /// The IDs that are known.
        known: Vec<String>,
    },
    /// No policy is in force on this date.
    #[error("no policy is in force on {date}; known policies: {}", known.join(", "))]
    NoneInForce {
        /// The date asked for.
        date: NaiveDate,
        /// The IDs that are known.
        known: Vec<String>,
    },
    /// The file cannot be read as a policy file at all (not an object, not JSON); `reason`
    /// is the reader's message.
    #[error("policy file refused: {reason}")]
    Unreadable {
        /// Why it cannot be read.
        reason: String,
    },
    /// A value of the file does not fit the policy's shape (an unknown or missing field, a
    /// value of the wrong type).
    #[error("policy file refused: {}{reason}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Field {
        /// Where the value is, written `group.field[index].field`; empty for the file itself.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// `extends` is not a policy ID.
    #[error("policy file refused: extends: expected a policy ID, found {found}")]
    Extends {
        /// A brief of the value found.
        found: String,
    },
    /// Another policy, with other figures, is registered under this ID: a changed policy takes
    /// an ID of its own, so a report's `policy` never names figures it was not computed with.
    #[error(
        "policy `{id}` is already registered with other figures; give the changed policy an ID of its own"
    )]
    IdTaken {
        /// The ID in question.
        id: String,
    },
    /// No policy of the jurisdiction is in force on the date.
    #[error("no policy of jurisdiction `{jurisdiction}` is in force on {date}; known jurisdictions: {}", known.join(", "))]
    NoneForJurisdiction {
        /// The jurisdiction asked for.
        jurisdiction: String,
        /// The date asked for.
        date: NaiveDate,
        /// The jurisdictions the registry holds policies for.
        known: Vec<String>,
    },
    /// The policy breaks its own rules; every problem is listed.
    #[error("policy `{id}` is invalid: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Invalid {
        /// The policy's ID.
        id: String,
        /// Every problem, with its path.
        problems: Vec<PolicyProblem>,
    },
}

impl From<TreeError> for PolicyError {
    fn from(e: TreeError) -> Self {
        PolicyError::Field {
            path: join_path(&e.path),
            reason: e.message,
        }
    }
}

/// Policies by ID and by effective date. [`Registry::builtin`] holds the built-in policies
/// (`hunan-2024`); a service can add its own, loaded from files.
///
/// # Example
///
/// ```
/// use cehours::Registry;
///
/// let registry = Registry::builtin();
/// assert_eq!(registry.get("hunan-2024")?.document, "湘人社办函〔2024〕21号");
/// let err = registry.get("hunan-2099").unwrap_err();
/// assert_eq!(err.to_string(), "unknown policy `hunan-2099`; known policies: hunan-2024");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    policies: Vec<Policy>,
}

/// The ID a record means when it names no policy.
pub const DEFAULT_POLICY: &str = crate::hunan_2024::ID;

impl Registry {
    /// The built-in policies.
    pub fn builtin() -> Registry {
        Registry {
            policies: vec![Policy::hunan_2024()],
        }
    }

    /// The policy of `jurisdiction` (as policies write it: `CN-HN`, `CN-JS/suqian`) in force
    /// on `date`; when several are, the one that came into force last.
    ///
    /// # Errors
    ///
    /// [`PolicyError::NoneForJurisdiction`] naming the jurisdictions known.
    ///
    /// # Example
    ///
    /// ```
    /// use cehours::Registry;
    ///
    /// let registry = Registry::builtin();
    /// let date = chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap();
    /// assert_eq!(registry.select("CN-HN", date)?.id, "hunan-2024");
    /// assert!(registry.select("CN-NX", date).is_err());
    /// # Ok::<(), cehours::PolicyError>(())
    /// ```
    pub fn select(&self, jurisdiction: &str, date: NaiveDate) -> Result<&Policy, PolicyError> {
        self.policies
            .iter()
            .filter(|p| p.jurisdiction == jurisdiction && p.effective.contains(date))
            .max_by_key(|p| p.effective.from)
            .ok_or_else(|| {
                let mut known: Vec<String> = self
                    .policies
                    .iter()
                    .map(|p| p.jurisdiction.clone())
                    .collect();
                known.sort();
                known.dedup();
                PolicyError::NoneForJurisdiction {
                    jurisdiction: jurisdiction.to_owned(),
                    date,
                    known,
                }
            })
    }

    /// The IDs known, in the order they were added.
    pub fn ids(&self) -> Vec<String> {
        self.policies.iter().map(|p| p.id.clone()).collect()
    }

    /// The policy with ID `id`.
    ///
    /// # Errors
    ///
    /// [`PolicyError::Unknown`] naming the known IDs.
    pub fn get(&self, id: &str) -> Result<&Policy, PolicyError> {
        self.policies
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| PolicyError::Unknown {
                id: id.to_owned(),
                known: self.ids(),
            })
    }

    /// The policy in force on `date` (an application date); when several are, the one that
    /// came into force last.
    ///
    /// # Errors
    ///
    /// [`PolicyError::NoneInForce`] when none is.
    pub fn for_date(&self, date: NaiveDate) -> Result<&Policy, PolicyError> {
        self.policies
            .iter()
            .filter(|p| p.effective.contains(date))
            .max_by_key(|p| p.effective.from)
            .ok_or_else(|| PolicyError::NoneInForce {
                date,
                known: self.ids(),
            })
    }

    /// Adds a policy after checking it. Adding the very same policy again changes nothing; a
    /// different policy under an ID already registered is refused.
    ///
    /// # Errors
    ///
    /// [`PolicyError::Invalid`] with every problem; [`PolicyError::IdTaken`] when another
    /// policy has the ID.
    pub fn insert(&mut self, policy: Policy) -> Result<(), PolicyError> {
        policy.validate().map_err(|e| PolicyError::Invalid {
            id: policy.id.clone(),
            problems: e.problems,
        })?;
        match self.policies.iter().find(|p| p.id == policy.id) {
            Some(same) if *same == policy => {}
            Some(_) => return Err(PolicyError::IdTaken { id: policy.id }),
            None => self.policies.push(policy),
        }
        Ok(())
    }

    /// Turns a policy file into a checked policy: a complete policy as it is, an overlay laid
    /// over the registry's policy it `extends`.
    ///
    /// # Errors
    ///
    /// [`PolicyError::Unknown`] for an unknown base, [`PolicyError::Extends`] when `extends`
    /// is not an ID, [`PolicyError::Field`] for a value that does not fit (naming its path), [`PolicyError::Invalid`] listing every problem.
    pub fn load(&self, file: &PolicyFile) -> Result<Policy, PolicyError> {
        let mut tree = file.0.clone();
        let mut base_of_overlay: Option<&Policy> = None;
        let merged = match tree.remove("extends") {
            None | Some(Tree::Null) => tree,
            Some(Tree::Str(base_id)) => {
                let base = self.get(&base_id)?;
                base_of_overlay = Some(base);
                let mut base = to_tree(base).map_err(PolicyError::from)?;
                merge(&mut base, tree);
                base
            }
            Some(other) => {
                return Err(PolicyError::Extends {
                    found: other.brief(),
                });
            }
        };
        let mut policy: Policy = from_tree(merged).map_err(PolicyError::from)?;
        policy.validate().map_err(|e| PolicyError::Invalid {
            id: policy.id.clone(),
            problems: e.problems,
        })?;
        // An overlay that changes its base takes an ID of its own: the one it gives, or, when
        // it keeps the base's, the base's ID and the first digits of its own fingerprint.
        if let Some(base) = base_of_overlay.filter(|base| policy != **base) {
            if policy.id == base.id {
                if file.0.get("id").is_some() {
                    return Err(PolicyError::IdTaken { id: policy.id });
                }
                let fingerprint = policy.fingerprint();
                let short = fingerprint.get(7..19).unwrap_or_default();
                policy.id = format!("{}~{short}", base.id);
            }
        }
        Ok(policy)
    }
}
