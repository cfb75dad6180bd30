//! Adversarial shapes (issue 13): inputs built to be expensive, from 1,000 to 1,000,000 items,
//! to show that the cost per item stays flat; then a budget check: each shape at about 1 MB of
//! JSON, parsed and evaluated (or loaded) once, with its wall time and peak heap.
//!
//! See `benches/README.md` ("Adversarial shapes") for the shapes and how to run them.

#![allow(
    unsafe_code,
    reason = "a counting global allocator (for the peak heap of the budget check) must implement the unsafe trait GlobalAlloc; it only forwards to System"
)]

#[path = "support/harness.rs"]
mod harness;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::LazyCell;
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cehours::{Evaluator, Policy, PolicyFile, Record, Registry};
use criterion::{Criterion, SamplingMode, Throughput};

// ---------------------------------------------------------------------------------------------
// Peak heap: a counting allocator.
// ---------------------------------------------------------------------------------------------

/// Bytes allocated now, and the most since the last [`reset_peak`].
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Counting;

fn grew(bytes: usize) {
    let now = CURRENT
        .fetch_add(bytes, Ordering::Relaxed)
        .saturating_add(bytes);
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrank(bytes: usize) {
    CURRENT.fetch_sub(bytes, Ordering::Relaxed);
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the bookkeeping touches only atomics, which neither allocate nor
// unwind.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `alloc_zeroed`'s contract.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        // SAFETY: forwarded unchanged; the caller upholds `dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `realloc`'s contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Starts a new peak measurement; returns the bytes allocated now (the baseline).
fn reset_peak() -> usize {
    let now = CURRENT.load(Ordering::Relaxed);
    PEAK.store(now, Ordering::Relaxed);
    now
}

// ---------------------------------------------------------------------------------------------
// The shapes, as JSON text of `n` items.
// ---------------------------------------------------------------------------------------------

/// The 50-year span of the `long_span` and `waivers` shapes: hunan-2024's `max_span_years`.
const LONG_SPAN: &str = r#""span": { "from": 1974, "to": 2023 }"#;

fn record_text(span: Option<&str>, items: impl Iterator<Item = String>) -> String {
    let mut text = String::from("{ ");
    if let Some(span) = span {
        text.push_str(span);
        text.push_str(", ");
    }
    text.push_str(r#""evidence": ["#);
    for (i, item) in items.enumerate() {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&item);
    }
    text.push_str("] }");
    text
}

/// Degree courses spread over the 50 years of the longest span the policy allows.
fn long_span(n: usize) -> String {
    record_text(
        Some(LONG_SPAN),
        (0..n).map(|i| {
            format!(
                r#"{{ "id": "d{i}", "kind": "degree_course", "courses": 1, "passed": "{}-06-01" }}"#,
                1974 + i % 50
            )
        }),
    )
}

/// Assignments over all of time, each waiving the 50 years of the span.
fn waivers(n: usize) -> String {
    record_text(
        Some(LONG_SPAN),
        (0..n).map(|i| {
            format!(
                r#"{{ "id": "w{i}", "kind": "assignment", "program": "aid_abroad", "start": "0001-01-01", "end": "9999-12-31", "assessment_passed": true }}"#
            )
        }),
    )
}

/// A title of about `len` bytes, mixed scripts and full-width letters; item `i`'s own.
fn title(i: usize, len: usize) -> String {
    let mut t = format!("{i} 继续教育 Ｔｉｔｌｅ ");
    while t.len() < len {
        t.push_str("Deep Foundations 深基坑 ");
    }
    t
}

/// Papers with long titles (`len` bytes); every other one repeats the one before it in
/// upper case (the same work, I-8).
fn long_titles(n: usize, len: usize) -> String {
    record_text(
        None,
        (0..n).map(|i| {
            let base = title(i - i % 2, len);
            let t = if i % 2 == 1 {
                base.to_uppercase()
            } else {
                base
            };
            format!(
                r#"{{ "id": "p{i}", "kind": "paper", "author_rank": 1, "published": "{}-03-01", "serial": "CN 43-1234/N", "journal": "J", "title": "{t}" }}"#,
                2019 + i % 5
            )
        }),
    )
}

/// Papers and books under [`caps_policy`].
fn capped(n: usize) -> String {
    record_text(
        None,
        (0..n).map(|i| {
            let year = 2019 + i % 5;
            if i % 3 == 0 {
                format!(
                    r#"{{ "id": "b{i}", "kind": "book", "work": "monograph", "author_rank": 2, "published": "{year}-02-01", "title": "B{i}" }}"#
                )
            } else {
                format!(
                    r#"{{ "id": "p{i}", "kind": "paper", "author_rank": 1, "published": "{year}-03-01", "serial": "CN 43-1234/N", "journal": "J", "title": "P{i}" }}"#
                )
            }
        }),
    )
}

/// The most caps a policy may hold, each on papers and books, with hours that decrease so
/// that the first credits of a year meet many of them.
fn caps_policy() -> String {
    let caps: Vec<String> = (0..Policy::MAX_CAPS)
        .map(|c| {
            format!(
                r#"{{ "rule": "A1.C3", "kinds": ["paper", "book"], "hours": "{}" }}"#,
                1000 - c
            )
        })
        .collect();
    format!(
        r#"{{ "extends": "hunan-2024", "caps": [{}] }}"#,
        caps.join(", ")
    )
}

/// Degree courses over 2019–2023, for `whatif` against [`whatif_policy`].
fn courses(n: usize) -> String {
    record_text(
        None,
        (0..n).map(|i| {
            format!(
                r#"{{ "id": "d{i}", "kind": "degree_course", "courses": 1, "passed": "{}-06-01" }}"#,
                2019 + i % 5
            )
        }),
    )
}

/// Every degree course credit changes.
const WHATIF_POLICY: &str = r#"{ "extends": "hunan-2024", "degree_courses": { "hours": "31" } }"#;

/// An overlay of `n` keys in one group (refused at the first unknown one, after the merge).
fn policy_keys(n: usize) -> String {
    let keys: Vec<String> = (0..n).map(|i| format!(r#""k{i}": {i}"#)).collect();
    format!(
        r#"{{ "extends": "hunan-2024", "minimums": {{ {} }} }}"#,
        keys.join(", ")
    )
}

/// An overlay of `n` citation entries of one rule (merged into that rule's citation).
fn policy_citations(n: usize) -> String {
    let entries: Vec<String> = (0..n)
        .map(|i| format!(r#"{{ "rule": "A1.C1", "text": "text {i}" }}"#))
        .collect();
    format!(
        r#"{{ "extends": "hunan-2024", "citations": [{}] }}"#,
        entries.join(", ")
    )
}

/// A complete policy whose paper bands are `n` one-rank bands (refused: too many).
fn policy_bands(n: usize) -> String {
    let bands: Vec<String> = (1..=n)
        .map(|r| format!(r#"{{ "from": {r}, "to": {r}, "hours": "1" }}"#))
        .collect();
    format!(
        r#"{{ "extends": "hunan-2024", "papers": {{ "bands": [{}] }} }}"#,
        bands.join(", ")
    )
}

// ---------------------------------------------------------------------------------------------
// Running one shape.
// ---------------------------------------------------------------------------------------------

fn fail(message: &str) -> ! {
    eprintln!("cehours adversarial bench failed: {message}");
    std::process::exit(1)
}

fn load(text: &str) -> Result<Policy, String> {
    let file: PolicyFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    Registry::builtin().load(&file).map_err(|e| e.to_string())
}

fn policy(text: &str) -> Policy {
    load(text).unwrap_or_else(|e| fail(&e))
}

fn parse(text: &str) -> Record {
    serde_json::from_str(text).unwrap_or_else(|e| fail(&e.to_string()))
}

/// What one measured run does.
enum Shape {
    /// Evaluate a record (parsed beforehand) under a policy.
    Evaluate { record: Record, policy: Policy },
    /// `whatif` between hunan-2024 and a policy.
    WhatIf { record: Record, after: Policy },
    /// Parse and load a policy file (it may be refused: the cost is what counts).
    Load { text: String },
}

impl Shape {
    fn run(&self, evaluator: Option<&mut Evaluator<&Policy>>) -> usize {
        match self {
            Shape::Evaluate { record, .. } => match evaluator {
                Some(e) => e.evaluate(record).map_or(0, |r| r.years.len()),
                None => 0,
            },
            Shape::WhatIf { record, after } => {
                cehours::whatif(record, &Policy::hunan_2024(), after).map_or(0, |w| w.years.len())
            }
            Shape::Load { text } => match load(text) {
                Ok(p) => p.citations.len(),
                Err(e) => e.len(),
            },
        }
    }
}

/// The shapes, by name, at `n` items.
const SHAPES: [&str; 8] = [
    "long_span",
    "waivers",
    "long_titles",
    "caps",
    "whatif",
    "policy_keys",
    "policy_citations",
    "policy_bands",
];

fn shape(name: &str, n: usize) -> Shape {
    let hunan = Policy::hunan_2024;
    match name {
        "long_span" => Shape::Evaluate {
            record: parse(&long_span(n)),
            policy: hunan(),
        },
        "waivers" => Shape::Evaluate {
            record: parse(&waivers(n)),
            policy: hunan(),
        },
        "long_titles" => Shape::Evaluate {
            record: parse(&long_titles(n, 200)),
            policy: hunan(),
        },
        "caps" => Shape::Evaluate {
            record: parse(&capped(n)),
            policy: policy(&caps_policy()),
        },
        "whatif" => Shape::WhatIf {
            record: parse(&courses(n)),
            after: policy(WHATIF_POLICY),
        },
        "policy_keys" => Shape::Load {
            text: policy_keys(n),
        },
        "policy_citations" => Shape::Load {
            text: policy_citations(n),
        },
        _ => Shape::Load {
            text: policy_bands(n),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Criterion: cost per item from 1k to 1M.
// ---------------------------------------------------------------------------------------------

/// Item counts measured: 1k to 1M under `cargo bench`, 1k only as a test.
fn sizes(measuring: bool) -> Vec<usize> {
    let max: usize = std::env::var("CEHOURS_ADVERSARIAL_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if measuring { 1_000_000 } else { 1_000 });
    [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&n| n <= max)
        .collect()
}

/// The shapes from 1k to 1M items, each built the first time criterion runs it; then the budget
/// check as the benchmark `adversarial/budget`.
fn adversarial(c: &mut Criterion, measuring: bool) {
    let mut group = c.benchmark_group("adversarial");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    let hunan = Policy::hunan_2024();
    for name in SHAPES {
        for n in sizes(measuring) {
            let id = format!("{name}/{n}");
            let shape = LazyCell::new(|| shape(name, n));
            let mut evaluator = None;
            group.throughput(Throughput::Elements(n as u64));
            group.bench_function(&id, |b| {
                let shape = &*shape;
                let evaluator = evaluator.get_or_insert_with(|| {
                    let policy = match shape {
                        Shape::Evaluate { policy, .. } => policy,
                        _ => &hunan,
                    };
                    let mut evaluator = Evaluator::new(policy);
                    // Setup check: every record shape is evaluated, not refused.
                    if shape.run(Some(&mut evaluator)) == 0 {
                        fail(&format!("{id}: the input is refused"));
                    }
                    evaluator
                });
                b.iter(|| black_box(shape.run(Some(&mut *evaluator))))
            });
        }
    }
    group.finish();
    harness::report_once(c, "adversarial", "budget", || {
        if measuring {
            budget();
        } else {
            println!("budget: measured under `cargo bench` only (a test build is not optimised)");
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The budget: each shape at about 1 MB, parsed and evaluated (or loaded) once.
// ---------------------------------------------------------------------------------------------

/// One megabyte: the input size the budget is stated for.
const MEGABYTE: usize = 1 << 20;

/// The record or policy of a shape whose JSON text is just under 1 MB.
fn megabyte(name: &str) -> (String, usize) {
    let text = |n: usize| -> String {
        match name {
            "long_span" => long_span(n),
            "waivers" => waivers(n),
            "long_titles" => long_titles(n, 200),
            "huge_title" => long_titles(2, n),
            "caps" => capped(n),
            "whatif" => courses(n),
            "policy_keys" => policy_keys(n),
            "policy_citations" => policy_citations(n),
            _ => policy_bands(n),
        }
    };
    // Grow n by doubling, then bisect to the largest n whose text fits in 1 MB.
    let (mut lo, mut hi) = (1usize, 2usize);
    while text(hi).len() <= MEGABYTE {
        lo = hi;
        hi = hi.saturating_mul(2);
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if text(mid).len() <= MEGABYTE {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (text(lo), lo)
}

/// Parses and evaluates (or loads) the text of a shape once, from JSON text to answer.
fn from_text(name: &str, text: &str) -> usize {
    match name {
        "policy_keys" | "policy_citations" | "policy_bands" => match load(text) {
            Ok(p) => p.citations.len(),
            Err(e) => e.len(),
        },
        _ => {
            let Ok(record) = serde_json::from_str::<Record>(text) else {
                return 0;
            };
            if name == "whatif" {
                let after = policy(WHATIF_POLICY);
                return cehours::whatif(&record, &Policy::hunan_2024(), &after)
                    .map_or(0, |w| w.years.len());
            }
            let policy = if name == "caps" {
                policy(&caps_policy())
            } else {
                Policy::hunan_2024()
            };
            cehours::evaluate(&record, &policy).map_or(0, |r| r.years.len())
        }
    }
}

fn budget() {
    println!();
    println!("budget: each shape at up to 1 MB of JSON, parsed and evaluated (or loaded) once");
    println!("(fastest of 3 runs; peak heap above what was allocated before the run)");
    println!(
        "{:<18}{:>10}{:>12}{:>12}{:>14}",
        "shape", "items", "JSON bytes", "time ms", "peak heap MB"
    );
    let names = [
        "long_span",
        "waivers",
        "long_titles",
        "huge_title",
        "caps",
        "whatif",
        "policy_keys",
        "policy_citations",
        "policy_bands",
    ];
    let mut over = false;
    for name in names {
        let (text, n) = megabyte(name);
        let mut best = Duration::MAX;
        let mut peak = 0usize;
        for _ in 0..3 {
            let base = reset_peak();
            let start = Instant::now();
            black_box(from_text(name, black_box(&text)));
            best = best.min(start.elapsed());
            peak = peak.max(PEAK.load(Ordering::Relaxed).saturating_sub(base));
        }
        let fits = best <= Duration::from_secs(1) && peak <= 200 * MEGABYTE;
        over |= !fits;
        let tenths_ms = best.as_micros() / 100;
        let tenths_mb = peak.saturating_mul(10) / MEGABYTE;
        println!(
            "{:<18}{:>10}{:>12}{:>12}{:>14}{}",
            name,
            n,
            text.len(),
            format!("{}.{}", tenths_ms / 10, tenths_ms % 10),
            format!("{}.{}", tenths_mb / 10, tenths_mb % 10),
            if fits {
                ""
            } else {
                "  OVER BUDGET (1 s, 200 MB)"
            }
        );
    }
    if over {
        fail("a 1 MB input went over the budget");
    }
}

// ---------------------------------------------------------------------------------------------
// Main.
// ---------------------------------------------------------------------------------------------

fn main() {
    let mut c = Criterion::default().configure_from_args();
    adversarial(&mut c, harness::measuring());
    c.final_summary();
}
