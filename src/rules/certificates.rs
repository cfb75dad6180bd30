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

/// What one certificate entry comes to when it is offered for its year (I-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    /// A negative figure: the entry is ignored.
    Negative,
    /// Its year is outside the span.
    OutsideSpan,
    /// An earlier entry already stands for the year.
    Later,
    /// It stands for span year `k`.
    Stands(usize),
}

/// I-9: offers an entry for `year` with its figures; it stands (and `slots` takes `make()`)
/// when it is usable and no earlier entry stands for the year. The one place where "the
/// first certificate stands, a negative entry is ignored" is decided, for records and for
/// the certificates a 学时认定单 is issued from alike.
pub(crate) fn offer<T>(
    span: Span,
    slots: &mut [Option<T>],
    year: i32,
    public: Decimal,
    professional: Decimal,
    make: impl FnOnce() -> T,
) -> Standing {
    if !non_negative(public, professional) {
        return Standing::Negative;
    }
    let Some(k) = span.index(year) else {
        return Standing::OutsideSpan;
    };
    match slots.get_mut(k) {
        Some(slot @ None) => {
            *slot = Some(make());
            Standing::Stands(k)
        }
        Some(Some(_)) => Standing::Later,
        None => Standing::OutsideSpan,
    }
}

/// I-9: notes the years certificate `c` (item `index`) stands for, where no earlier entry
/// does.
pub(crate) fn stand(c: &PriorCertificate, index: usize, span: Span, certified: &mut Certified) {
    for (entry, y) in c.years.iter().enumerate() {
        offer(span, certified, y.year, y.public, y.professional, || {
            (index, entry)
        });
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
