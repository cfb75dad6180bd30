//! **A1.C3, I-6 — books and papers.**
//!
//! 附件1 二、3: "出版著作(译作)或教材的,出版当年可视同参加专业科目培训,独立或第一作者可折算60学时,
//! 其他作者可折算30学时。在国内外统一刊号刊物发表论文的,当年可视同参加专业科目培训,独立或第一作者的
//! 每篇折算专业科目30学时;其他作者的折算专业科目10学时。"
//!
//! What it means: a book (translation, textbook): sole or first author 60, other authors 30,
//! in the year of publication. A paper only in a journal with a unified serial number: sole
//! or first author 30 per paper, other authors 10; without one: 0 with an error. Rank tables
//! are policy values (`books.bands`, `papers.bands`).
//!
//! I-6: what a unified serial number is ([`serial`]): a CN number for a domestic journal, an
//! ISSN for a foreign one; the other kind alone is credited with a warning for manual review
//! (`papers.domestic_with_issn`, `papers.foreign_with_cn`); *(rev. 2)* read as journals print
//! them, and a journal with both numbers has the unified number for either kind.

pub(crate) mod serial;

use super::same_work::isbn13;
use super::{Claim, Counted, Findings, professional, ranked};
use crate::evidence::{Book, Paper};
use crate::finding::FindingCode;
use crate::policy::{Policy, SerialMismatch, band_hours};
use serial::Serial;

/// A1.C3: a book, translation or textbook; a malformed ISBN is a warning (I-8).
pub(crate) fn book<F: Findings>(b: &Book, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let Some(rules) = &policy.books else {
        return super::not_credited(policy, f);
    };
    // I-8 *(rev. 2)*: a malformed ISBN keys the book on its work and title instead.
    if b.isbn
        .as_deref()
        .is_some_and(|isbn| !isbn.trim().is_empty() && isbn13(isbn).is_none())
    {
        f.inner
            .raise(FindingCode::InvalidIsbn, policy.duplicates.rule);
    }
    let hours = ranked(
        b.author_rank,
        band_hours(&rules.bands, b.author_rank),
        rules.rule,
        f,
    );
    professional(hours, b.published, rules.rule)
}

/// A1.C3, I-6: a journal paper.
pub(crate) fn paper<F: Findings>(p: &Paper, policy: &Policy, f: &mut Counted<'_, F>) -> Claim {
    let Some(rules) = &policy.papers else {
        return super::not_credited(policy, f);
    };
    let hours = ranked(
        p.author_rank,
        band_hours(&rules.bands, p.author_rank),
        rules.rule,
        f,
    );
    let foreign = p.foreign.unwrap_or(false);
    let mismatch = match serial::read(p.serial.as_deref()) {
        Serial::None => {
            f.error(FindingCode::PaperWithoutSerial, rules.rule);
            None
        }
        Serial::Malformed => {
            f.error(FindingCode::PaperSerialMalformed, rules.interpretation);
            None
        }
        // *(rev. 2)* A journal with both numbers has the unified number for either kind.
        Serial::Valid(n) => match (n.cn.is_some(), n.issn.is_some()) {
            (true, false) if foreign => Some(rules.foreign_with_cn),
            (false, true) if !foreign => Some(rules.domestic_with_issn),
            _ => None,
        },
    };
    match mismatch {
        Some(SerialMismatch::CreditWithWarning) => {
            f.inner
                .raise(FindingCode::PaperSerialMismatch, rules.interpretation);
        }
        Some(SerialMismatch::Refuse) => {
            f.error(
                FindingCode::PaperSerialMismatchRefused,
                rules.interpretation,
            );
        }
        None => {}
    }
    if f.errors > 0 {
        return Claim::Nothing;
    }
    professional(hours, p.published, rules.rule)
}
