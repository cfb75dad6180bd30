//! **N.3.3, I-9 — earlier certificates (学时认定单).**
//!
//! Notice 三、(三): "专技人员以前年度已进行学时核认并开具《学时认定单》的,以前的《学时认定单》可作为
//! 相应年度继续教育学习的佐证材料。"
//!
//! What it means: an earlier certificate covering some years stands as the evidence for those
//! years.
//!
//! I-9: the certificate's figures stand for its years and are checked against the minimums
//! like any year; other evidence dated in them is not added, with a warning; when two
//! certificates cover one year, the first in the record stands and the later entry gets a
//! warning; a negative figure is an error and that entry is ignored. *(rev. 2)* An assignment
//! waiver (A1.C7) still waives a certified year: the notice makes a passed assignment the
//! whole year's 90 hours, whatever the certificate counted.

use rust_decimal::Decimal;

use crate::evidence::PriorCertificate;
use crate::record::Span;

/// Which certificate entry stands for each span year: `(item, entry)`, by span year.
pub(crate) type Certified = [Option<(usize, usize)>];

/// I-9: whether both figures of an entry are usable (zero or positive).
pub(crate) fn non_negative(public: Decimal, professional: Decimal) -> bool {
    let non_negative = |x: Decimal| x.is_zero() || x.is_sign_positive();
    non_negative(public) && non_negative(professional)
}

/// I-9: notes the years certificate `c` (item `index`) stands for, where no earlier entry
/// does.
pub(crate) fn stand(c: &PriorCertificate, index: usize, span: Span, certified: &mut Certified) {
    for (entry, y) in c.years.iter().enumerate() {
        if let (true, Some(k)) = (non_negative(y.public, y.professional), span.index(y.year)) {
            if let Some(slot @ None) = certified.get_mut(k) {
                *slot = Some((index, entry));
            }
        }
    }
}

/// What one entry of a certificate comes to, once every certificate is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A negative figure: the entry is ignored (an error).
    Negative,
    /// A year outside the span (info).
    OutsideSpan,
    /// An earlier certificate stands for the year (a warning).
    CertifiedTwice,
    /// The entry stands for span year `k`.
    Stands {
        k: usize,
        public: Decimal,
        professional: Decimal,
    },
}

/// N.3.3, I-9: each entry of certificate `c` (item `index`), in order.
pub(crate) fn entries<'a>(
    c: &'a PriorCertificate,
    index: usize,
    span: Span,
    certified: &'a Certified,
) -> impl Iterator<Item = Entry> + 'a {
    c.years.iter().enumerate().map(move |(entry, y)| {
        if !non_negative(y.public, y.professional) {
            return Entry::Negative;
        }
        let Some(k) = span.index(y.year) else {
            return Entry::OutsideSpan;
        };
        if certified.get(k) != Some(&Some((index, entry))) {
            return Entry::CertifiedTwice;
        }
        Entry::Stands {
            k,
            public: y.public,
            professional: y.professional,
        }
    })
}

/// Whether span year `k` is certified.
pub(crate) fn is_certified(certified: &Certified, k: usize) -> bool {
    certified.get(k).is_some_and(Option::is_some)
}
