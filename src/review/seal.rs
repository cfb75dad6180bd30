//! The keyed seal of a stored application (feature `seal`): HMAC-SHA-256 tags chained entry by
//! entry, so a service that stores applications detects an edit made outside the library, even
//! a legal-looking one that replays.
//!
//! Each tag is computed over a canonical encoding of the value's wire form (the serde form the
//! JSON contract uses, as a tree: every string and number length-prefixed, maps in field
//! order), so it does not depend on how the stored text is laid out.
//!
//! - `genesis = HMAC(key, "cehours/seal/v1/genesis" ‖ id)`
//! - `entry[i] = HMAC(key, "cehours/seal/v1/entry" ‖ entry[i-1] (genesis for the first) ‖ i ‖ audit[i])`
//! - `head = HMAC(key, "cehours/seal/v1/head" ‖ last entry tag (or genesis) ‖ count ‖ id, route,
//!   rules, declaration, state)`

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;

use super::actions::AuditEntry;
use super::workflow::{Application, Seal};
use crate::policy::tree::{Tree, to_tree};

type HmacSha256 = Hmac<Sha256>;

/// Why an application cannot be sealed, or fails its seal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(docsrs, doc(cfg(feature = "seal")))]
#[non_exhaustive]
pub enum SealError {
    /// The key is empty.
    #[error("the seal key must not be empty")]
    EmptyKey,
    /// The application carries no seal.
    #[error("the application is not sealed")]
    Unsealed,
    /// Audit entries from `from` on are not sealed (steps taken since the last seal).
    #[error("audit entries from {from} on are not sealed")]
    UnsealedEntries {
        /// The first entry without a tag.
        from: usize,
    },
    /// The seal has more tags than the trail has entries: entries were removed.
    #[error("the seal covers {sealed} audit entries but the trail holds {entries}")]
    EntriesRemoved {
        /// Tags in the seal.
        sealed: usize,
        /// Entries in the trail.
        entries: usize,
    },
    /// Audit entry `index` is not the one sealed: it, or one before it, was changed.
    #[error("audit entry {index} does not match its seal")]
    Entry {
        /// The first entry whose tag fails.
        index: usize,
    },
    /// The application's ID, route, rules, declaration or state is not the one sealed.
    #[error("the application's ID, route, rules, declaration or state does not match its seal")]
    Head,
    /// A value could not be encoded for the seal.
    #[error("cannot encode the application for its seal: {0}")]
    Encoding(String),
}

/// Writes `tree` canonically: a tag byte per value, lengths and counts as 8-byte big-endian.
fn encode(tree: &Tree, out: &mut Vec<u8>) {
    fn len(n: usize, out: &mut Vec<u8>) {
        out.extend_from_slice(&u64::try_from(n).unwrap_or(u64::MAX).to_be_bytes());
    }
    fn text(t: &str, out: &mut Vec<u8>) {
        len(t.len(), out);
        out.extend_from_slice(t.as_bytes());
    }
    match tree {
        Tree::Null => out.push(0),
        Tree::Bool(b) => out.extend_from_slice(&[1, u8::from(*b)]),
        Tree::Number(n) => {
            out.push(2);
            text(n, out);
        }
        Tree::Str(s) => {
            out.push(3);
            text(s, out);
        }
        Tree::Seq(items) => {
            out.push(4);
            len(items.len(), out);
            for item in items {
                encode(item, out);
            }
        }
        Tree::Map(entries) => {
            out.push(5);
            len(entries.len(), out);
            for (k, v) in entries {
                text(k, out);
                encode(v, out);
            }
        }
    }
}

fn canonical<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, SealError> {
    let tree = to_tree(value).map_err(|e| SealError::Encoding(e.to_string()))?;
    let mut out = Vec::new();
    encode(&tree, &mut out);
    Ok(out)
}

fn mac(key: &[u8], parts: &[&[u8]]) -> Result<HmacSha256, SealError> {
    let mut m = HmacSha256::new_from_slice(key).map_err(|_| SealError::EmptyKey)?;
    for part in parts {
        m.update(part);
    }
    Ok(m)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len().saturating_mul(2));
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(&d) = DIGITS.get(usize::from(nibble)) {
                s.push(char::from(d));
            }
        }
    }
    s
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let bytes = text.as_bytes();
    if bytes.len() % 2 != 0 {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| match pair {
            [hi, lo] => Some(digit(*hi)? << 4 | digit(*lo)?),
            _ => None,
        })
        .collect()
}

/// The fields the head tag covers.
#[derive(Serialize)]
struct Head<'a> {
    id: &'a str,
    route: &'a super::route::Route,
    rules: &'a super::workflow::SubmissionRules,
    declaration: &'a super::declaration::Declaration,
    state: &'a super::actions::ReviewState,
}

/// The computations of one key over one application.
struct Sealer<'a> {
    key: &'a [u8],
}

impl Sealer<'_> {
    fn genesis(&self, app: &Application) -> Result<Vec<u8>, SealError> {
        Ok(mac(
            self.key,
            &[b"cehours/seal/v1/genesis", &canonical(&app.id)?],
        )?
        .finalize()
        .into_bytes()
        .to_vec())
    }

    fn entry(
        &self,
        prev: &[u8],
        index: usize,
        entry: &AuditEntry,
    ) -> Result<HmacSha256, SealError> {
        let index = u64::try_from(index).unwrap_or(u64::MAX).to_be_bytes();
        mac(
            self.key,
            &[b"cehours/seal/v1/entry", prev, &index, &canonical(entry)?],
        )
    }

    fn head(&self, prev: &[u8], app: &Application) -> Result<HmacSha256, SealError> {
        let count = u64::try_from(app.audit.len())
            .unwrap_or(u64::MAX)
            .to_be_bytes();
        let head = Head {
            id: &app.id,
            route: &app.route,
            rules: &app.rules,
            declaration: &app.declaration,
            state: &app.state,
        };
        mac(
            self.key,
            &[b"cehours/seal/v1/head", prev, &count, &canonical(&head)?],
        )
    }

    /// Checks the tags of the entries `seal` covers; returns the last tag (or the genesis).
    fn check_entries(&self, app: &Application, seal: &Seal) -> Result<Vec<u8>, SealError> {
        if seal.entries.len() > app.audit.len() {
            return Err(SealError::EntriesRemoved {
                sealed: seal.entries.len(),
                entries: app.audit.len(),
            });
        }
        let mut prev = self.genesis(app)?;
        for (index, (tag, entry)) in seal.entries.iter().zip(&app.audit).enumerate() {
            let expected = unhex(tag).ok_or(SealError::Entry { index })?;
            self.entry(&prev, index, entry)?
                .verify_slice(&expected)
                .map_err(|_| SealError::Entry { index })?;
            prev = expected;
        }
        Ok(prev)
    }
}

impl Application {
    /// Seals the application with `key` (HMAC-SHA-256): tags the audit entries not yet
    /// sealed, each chained to the tag before it, and the application's current fields.
    ///
    /// Sealing extends an existing seal: the entries already sealed are first checked against
    /// it, so an application edited outside the library cannot be sealed again as it is.
    /// Seal again after every step; [`Application::verify`] fails until then.
    ///
    /// # Errors
    ///
    /// [`SealError::EmptyKey`], or, when the application was sealed before, the
    /// [`SealError`] of the entries already sealed. Nothing changes on error.
    ///
    /// # Example
    ///
    /// ```
    /// # use cehours::{Application, Route, Track, Applicant, Declaration, SubjectDeclaration};
    /// # use rust_decimal::Decimal;
    /// # let mut applicant = Applicant::new("11010519491231002X", "李华");
    /// # (applicant.ethnicity, applicant.unit) = ("汉族".into(), "某公司".into());
    /// # (applicant.proposed_title, applicant.phone) = ("高级工程师".into(), "18890987651".into());
    /// # (applicant.education, applicant.category) = ("本科".into(), "工程".into());
    /// # applicant.sub_specialty = "电气".into();
    /// # let declaration = Declaration::new(
    /// #     applicant,
    /// #     2020,
    /// #     SubjectDeclaration::new("2020公需科目", "培训班", Decimal::from(30)),
    /// #     SubjectDeclaration::new("2020专业科目", "论文", Decimal::from(60)),
    /// #     Decimal::from(90),
    /// # );
    /// let route = Route::new(Track::NonPublic, "长沙市人力资源和社会保障局")?;
    /// let mut app = Application::new("A-1", declaration, route)?;
    /// app.seal(b"a secret of the service")?;
    /// assert!(app.verify(b"a secret of the service").is_ok());
    /// assert!(app.verify(b"another key").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "seal")))]
    pub fn seal(&mut self, key: &[u8]) -> Result<(), SealError> {
        if key.is_empty() {
            return Err(SealError::EmptyKey);
        }
        let sealer = Sealer { key };
        let (mut entries, mut prev) = match &self.seal {
            Some(seal) => (seal.entries.clone(), sealer.check_entries(self, seal)?),
            None => (Vec::new(), sealer.genesis(self)?),
        };
        for (index, entry) in self.audit.iter().enumerate().skip(entries.len()) {
            let tag = sealer.entry(&prev, index, entry)?.finalize().into_bytes();
            prev = tag.to_vec();
            entries.push(hex(&prev));
        }
        let head = hex(&sealer.head(&prev, self)?.finalize().into_bytes());
        self.seal = Some(Seal { entries, head });
        Ok(())
    }

    /// Checks the seal with `key`: every audit entry sealed, each tag matching its entry and
    /// the tags before it, and the head matching the application's current fields.
    ///
    /// # Errors
    ///
    /// [`SealError`] naming what fails: no seal, entries added since the seal or removed, the
    /// first entry that does not match, or the head.
    #[cfg_attr(docsrs, doc(cfg(feature = "seal")))]
    pub fn verify(&self, key: &[u8]) -> Result<(), SealError> {
        if key.is_empty() {
            return Err(SealError::EmptyKey);
        }
        let seal = self.seal.as_ref().ok_or(SealError::Unsealed)?;
        let sealer = Sealer { key };
        let prev = sealer.check_entries(self, seal)?;
        if seal.entries.len() < self.audit.len() {
            return Err(SealError::UnsealedEntries {
                from: seal.entries.len(),
            });
        }
        let expected = unhex(&seal.head).ok_or(SealError::Head)?;
        sealer
            .head(&prev, self)?
            .verify_slice(&expected)
            .map_err(|_| SealError::Head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        assert_eq!(hex(&[0x00, 0xab, 0x7f]), "00ab7f");
        assert_eq!(unhex("00ab7f"), Some(vec![0x00, 0xab, 0x7f]));
        assert_eq!(unhex("00AB7F"), Some(vec![0x00, 0xab, 0x7f]));
        assert_eq!(unhex("0"), None);
        assert_eq!(unhex("zz"), None);
    }

    #[test]
    fn encoding_separates_values() {
        let a = canonical(&("ab", "c")).ok();
        let b = canonical(&("a", "bc")).ok();
        assert!(a.is_some());
        assert_ne!(a, b);
    }
}
