//! Why a whole record is refused.

use crate::record::SpanError;

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
    /// The record names a policy other than the one it is evaluated under.
    #[error("record names policy `{record}` but is evaluated under `{policy}`")]
    PolicyMismatch {
        /// The policy the record names.
        record: String,
        /// The policy of the evaluation.
        policy: String,
    },
    /// The span cannot be used.
    #[error("span: {0}")]
    Span(#[from] SpanError),
    /// The policy has no valid default span and the record gives none.
    #[error("policy `{0}` has no valid default span and the record gives none")]
    NoSpan(String),
    /// The record names a title grade the policy has no minimums for.
    #[error("grade `{grade}` has no minimums in this policy; its grades: {}", known.join(", "))]
    UnknownGrade {
        /// The grade the record names.
        grade: String,
        /// The grades the policy lists.
        known: Vec<String>,
    },
    /// The record gives `counts_from`, but the policy has no per-person date window.
    #[error("`counts_from` is given, but policy `{0}` has no per-person date window")]
    NoPersonWindow(String),
}
