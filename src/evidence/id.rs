//! The identifier of an evidence item, apart from the kinds: cheap to copy and compare.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The identifier of one evidence item: non-empty, unique within its record.
///
/// Cheap to clone (reports quote it in every credit and finding): an ID of up to 7 bytes is
/// held inline and copied, a longer one is shared. Either way the value takes 24 bytes. It carries a 64-bit summary of its text,
/// worked out once when it is made, so that checking a record's IDs for duplicates reads no
/// text unless two summaries agree. Equality, order and hashing are those of the text.
#[derive(Clone)]
pub struct EvidenceId {
    text: Text,
    key: u64,
}

/// Longest ID held inline: what fits beside the shared text's pointer, so that an ID takes no
/// more room than a shared text and its summary.
pub(super) const INLINE: usize = 7;

/// An ID's text: inline when short (no allocation, and copying touches no shared counter).
#[derive(Clone)]
enum Text {
    Inline { len: u8, bytes: [u8; INLINE] },
    Shared(Arc<str>),
}

impl EvidenceId {
    /// Makes an ID, refusing an empty one.
    ///
    /// # Errors
    ///
    /// Returns [`EmptyId`] when `id` is empty.
    pub fn new(id: &str) -> Result<Self, EmptyId> {
        if id.is_empty() {
            return Err(EmptyId);
        }
        let text = match (u8::try_from(id.len()), id.len() <= INLINE) {
            (Ok(len), true) => {
                let mut bytes = [0u8; INLINE];
                for (slot, byte) in bytes.iter_mut().zip(id.bytes()) {
                    *slot = byte;
                }
                Text::Inline { len, bytes }
            }
            _ => Text::Shared(Arc::from(id)),
        };
        Ok(EvidenceId {
            text,
            key: crate::hash::summary(id),
        })
    }

    /// The ID's text.
    pub fn as_str(&self) -> &str {
        match &self.text {
            // Made from a `str`, so always UTF-8; the fallback is never taken.
            Text::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Text::Shared(text) => text,
        }
    }

    /// The summary of the text: equal IDs have equal keys (different ones rarely do).
    pub(crate) fn key(&self) -> u64 {
        self.key
    }
}

impl PartialEq for EvidenceId {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.as_str() == other.as_str()
    }
}

impl Eq for EvidenceId {}

impl PartialOrd for EvidenceId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for EvidenceId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for EvidenceId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl AsRef<str> for EvidenceId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

/// Hashing, equality and order are those of the text, so a map keyed by IDs can be searched
/// with a `&str`.
impl std::borrow::Borrow<str> for EvidenceId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for EvidenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EvidenceId").field(&self.as_str()).finish()
    }
}

/// An evidence ID was empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("evidence `id` must not be empty")]
pub struct EmptyId;

impl fmt::Display for EvidenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EvidenceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EvidenceId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        /// Takes the text borrowed when the format can lend it (no copy to a `String`).
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = EvidenceId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-empty string")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<EvidenceId, E> {
                EvidenceId::new(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}
