//! Evaluating a record under the policy it names, from a [`Registry`]: the evaluator stands
//! above the policy layer, which knows nothing of evaluation.

use crate::evaluate::{EvaluateError, evaluate};
use crate::ledger::Report;
use crate::policy::{DEFAULT_POLICY, Policy, Registry};
use crate::record::Record;

impl Registry {
    /// The policy a record names (`hunan-2024` when it names none).
    ///
    /// # Errors
    ///
    /// [`EvaluateError::UnknownPolicy`] naming the known IDs.
    pub fn for_record(&self, record: &Record) -> Result<&Policy, EvaluateError> {
        let id = record.policy.as_deref().unwrap_or(DEFAULT_POLICY);
        self.get(id).map_err(|_| EvaluateError::UnknownPolicy {
            id: id.to_owned(),
            known: self.ids(),
        })
    }

    /// Evaluates a record under the policy it names.
    ///
    /// # Errors
    ///
    /// As [`Registry::for_record`] and [`crate::Evaluator::evaluate`].
    pub fn evaluate(&self, record: &Record) -> Result<Report, EvaluateError> {
        evaluate(record, self.for_record(record)?)
    }
}
