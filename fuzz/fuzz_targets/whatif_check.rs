//! The checks of the `whatif` fuzz target, shared with `tests/fuzz_regressions.rs` (which
//! includes this file), so a crash found by the fuzzer replays under `cargo test` with the
//! same checks.
//!
//! Input: a JSON array `[record, before, after]`, each policy a policy file (complete, or an
//! overlay with `"extends": "hunan-2024"`). Anything else is ignored.

use cehours::compare::YearChange;
use cehours::{Policy, PolicyFile, Record, Registry, Report, WhatIf, YearReport};
use rust_decimal::Decimal;

/// Reads one input and, when it holds a record and two loadable policies, checks `whatif` on
/// them. Returns whether the input got as far as `whatif`.
pub fn run(data: &[u8]) -> bool {
    let Ok((record, before, after)) =
        serde_json::from_slice::<(Record, PolicyFile, PolicyFile)>(data)
    else {
        return false;
    };
    let registry = Registry::builtin();
    let (Ok(before), Ok(after)) = (registry.load(&before), registry.load(&after)) else {
        return false;
    };
    check(&record, &before, &after);
    true
}

/// `whatif` against the two reports it compares: never a panic; every year of either span in
/// order, each once; the figures of each side those of its report (zero outside its span);
/// every year in one span only, and every year whose outcome differs, listed; nothing listed
/// that did not change; the reverse comparison the mirror image; a policy against itself no
/// change at all.
pub fn check(record: &Record, before: &Policy, after: &Policy) {
    // `whatif` chooses both policies, whatever the record names; so do the evaluations it is
    // checked against.
    let mut unnamed = record.clone();
    unnamed.policy = None;
    let (a, b) = (
        cehours::evaluate(&unnamed, before),
        cehours::evaluate(&unnamed, after),
    );
    let diff = cehours::whatif(record, before, after);
    let (a, b, diff) = match (a, b, diff) {
        (Ok(a), Ok(b), Ok(diff)) => (a, b, diff),
        (a, b, Err(_)) => {
            assert!(
                a.is_err() || b.is_err(),
                "whatif refused what both evaluate"
            );
            return;
        }
        (_, _, Ok(_)) => panic!("whatif answered although an evaluation refuses"),
    };
    assert_eq!(diff.passed, [a.passed, b.passed]);
    assert!(
        diff.years.windows(2).all(|w| match w {
            [x, y] => x.year < y.year,
            _ => true,
        }),
        "years out of order or repeated"
    );
    for y in &diff.years {
        let sides = [a.year(y.year), b.year(y.year)];
        assert_eq!(y.in_span, [sides[0].is_some(), sides[1].is_some()]);
        assert_ne!(y.in_span, [false, false], "{} lies in neither span", y.year);
        let figures = |side: Option<&YearReport>| match side {
            Some(r) => (r.public, r.professional, r.total, r.passed),
            None => (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, false),
        };
        let (x, z) = (figures(sides[0]), figures(sides[1]));
        assert_eq!(
            (
                y.public.before,
                y.professional.before,
                y.total.before,
                y.passed[0]
            ),
            x
        );
        assert_eq!(
            (
                y.public.after,
                y.professional.after,
                y.total.after,
                y.passed[1]
            ),
            z
        );
        assert!(y.credits.iter().all(|c| c.before != c.after));
        if let [Some(ra), Some(rb)] = sides {
            assert!(
                changed(ra, rb),
                "{} is listed although nothing changed",
                y.year
            );
        }
    }
    for year in a.span.years().chain(b.span.years()) {
        let listed = diff.years.iter().any(|y| y.year == year);
        match (a.year(year), b.year(year)) {
            (Some(ra), Some(rb)) => assert_eq!(listed, changed(ra, rb), "{year}"),
            _ => assert!(listed, "{year}, in one span only, is not listed"),
        }
    }
    if let Ok(back) = cehours::whatif(record, after, before) {
        assert_eq!(back.years.len(), diff.years.len());
        for (y, r) in diff.years.iter().zip(&back.years) {
            assert_eq!(mirror(y), (r.year, r.in_span, r.passed));
        }
    }
    if let Ok(same) = cehours::whatif(record, after, after) {
        assert!(
            same.parameters.is_empty() && same.years.is_empty(),
            "{same}"
        );
    }
    let _ = render(&diff, &a, &b);
}

/// A year's key figures under the other order of the two policies.
fn mirror(y: &YearChange) -> (i32, [bool; 2], [bool; 2]) {
    let [i, j] = y.in_span;
    let [p, q] = y.passed;
    (y.year, [j, i], [q, p])
}

/// Whether a year's outcome differs between two reports: its figures, verdict, shortfall,
/// waiver, or the hours of any (item, rule).
fn changed(a: &YearReport, b: &YearReport) -> bool {
    let credits = |y: &YearReport| {
        let mut out: std::collections::BTreeMap<(String, cehours::RuleId), Decimal> =
            std::collections::BTreeMap::new();
        for c in &y.credits {
            let slot = out.entry((c.evidence.to_string(), c.rule)).or_default();
            *slot = slot.checked_add(c.hours).unwrap_or(Decimal::MAX);
        }
        out.retain(|_, hours| !hours.is_zero());
        out
    };
    a.passed != b.passed
        || a.shortfall != b.shortfall
        || a.waived != b.waived
        || credits(a) != credits(b)
}

/// The text and JSON forms never panic, and JSON reads back.
fn render(diff: &WhatIf, _: &Report, _: &Report) -> usize {
    let text = diff.to_string();
    let json = serde_json::to_string(diff).unwrap_or_default();
    let back: Option<WhatIf> = serde_json::from_str(&json).ok();
    assert_eq!(back.as_ref(), Some(diff), "JSON round trip");
    text.len()
}
