//! Benchmarks of `cehours` (issue 6), on a deterministic synthetic workload.
//!
//! The workload is generated with a fixed seed (`support/workload.rs`): person-records over
//! 2019–2023 with 4–20 items each (mean 12) of every evidence kind, some raising findings, some
//! waived years, overlapping days and duplicate works, half of them with documents. The same
//! records are rendered to JSON text for the parse benchmarks. See `benches/README.md` for what
//! each benchmark measures and how to run one group.
//!
//! Besides the crate's paths, the benchmarks time a minimal hand-written fold
//! (`support/fold.rs`), and `ratios/report` times every batch path with `Instant` (the minimum
//! of a few runs) and prints how far the crate is from that fold. Criterion's filter decides
//! what runs; every input is built the first time a benchmark that needs it runs.

#[path = "support/fold.rs"]
mod fold;
#[path = "support/harness.rs"]
mod harness;
#[path = "support/workload.rs"]
mod workload;

use std::cell::LazyCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use cehours::{Evaluator, Kind, Policy, Record};
use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput};
use fold::fold;
use workload::{SEED, Workload, fail, large_record, typical_record};

// ---------------------------------------------------------------------------------------------
// The policy loader.
// ---------------------------------------------------------------------------------------------

/// Loads and validates a policy from JSON text, as a service does: a `PolicyFile` read by
/// serde, then `Registry::load` (merge, typed read, validation). Both `policy/load` and the
/// setup use it.
fn load_policy(text: &str) -> Result<Policy, String> {
    let file: cehours::PolicyFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    cehours::Registry::builtin()
        .load(&file)
        .map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// The batch, built and checked on first use.
// ---------------------------------------------------------------------------------------------

/// The batch, built the first time a benchmark needs it (a batch benchmark or `ratios/report`).
type Batch<F> = LazyCell<Workload, F>;

/// Generates the batch of `n` records, checks that every text parses back to its record and
/// every record evaluates, and prints a summary.
fn build(n: usize, policy: &Policy) -> Workload {
    let started = Instant::now();
    let workload = Workload::generate(n);
    let (records, texts, items) = (&workload.records, &workload.texts, workload.items);
    let mut evaluator = Evaluator::new(policy);
    let (mut passed, mut waived, mut findings, mut errors, mut unsatisfied) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    let mut fold_agrees = 0usize;
    let mut kinds = [0usize; 16];
    for (i, (r, text)) in records.iter().zip(texts).enumerate() {
        match serde_json::from_str::<Record>(text) {
            Ok(back) if back == *r => {}
            Ok(_) => fail(&format!("record {i} does not survive JSON")),
            Err(e) => fail(&format!("record {i} is refused: {e}\n{text}")),
        }
        let report = evaluator
            .evaluate(r)
            .unwrap_or_else(|e| fail(&format!("record {i}: {e}")));
        passed += usize::from(report.passed);
        waived += report.years.iter().filter(|y| y.waived).count();
        findings += report.findings.len();
        errors += report
            .findings
            .iter()
            .filter(|f| f.severity() == cehours::Severity::Error)
            .count();
        unsatisfied += report.materials.iter().filter(|m| !m.satisfied).count();
        let (years, fold_passed) = fold(r);
        let same = fold_passed == report.passed
            && years
                .iter()
                .zip(&report.years)
                .all(|(&(public, professional), y)| {
                    (public, professional) == (y.public, y.professional)
                });
        fold_agrees += usize::from(same);
        for e in &r.evidence {
            if let Some(k) = Kind::ALL
                .iter()
                .position(|&k| k == e.kind())
                .and_then(|p| kinds.get_mut(p))
            {
                *k += 1;
            }
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "workload: {n} records, {items} items (mean {}), {} MB of JSON, seed {SEED:#x}, built and checked in {} ms",
        hundredths(items, n),
        bytes / 1_000_000,
        started.elapsed().as_millis()
    );
    eprintln!(
        "  {findings} findings ({errors} errors), {unsatisfied} items with incomplete materials, {waived} waived years, {passed} passing records"
    );
    eprintln!(
        "  the fold's figures equal the crate's on {fold_agrees} records ({} %; the rest have I-8 overlaps or duplicates, certificates, days beyond their range, malformed serials …)",
        hundredths(fold_agrees * 100, n)
    );
    let mix: Vec<String> = Kind::ALL
        .iter()
        .zip(kinds)
        .map(|(k, c)| format!("{k} {c}"))
        .collect();
    eprintln!("  kinds: {}", mix.join(", "));
    workload
}

// ---------------------------------------------------------------------------------------------
// The paths over the batch (shared by criterion and `ratios`).
// ---------------------------------------------------------------------------------------------

fn run_fold(w: &Workload) {
    for r in &w.records {
        black_box(fold(black_box(r)));
    }
}

fn run_totals(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    // Bulk screening reuses one output value: no allocation per record once it has grown.
    let mut out = cehours::Totals::default();
    for r in &w.records {
        let _ = black_box(evaluator.totals_into(black_box(r), &mut out));
        black_box(&out);
    }
}

fn run_full(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    for r in &w.records {
        let _ = black_box(evaluator.evaluate(black_box(r)));
    }
}

fn run_parse(w: &Workload) {
    for text in &w.texts {
        let _ = black_box(serde_json::from_str::<Record>(black_box(text)));
    }
}

fn run_parse_evaluate(w: &Workload, evaluator: &mut Evaluator<&Policy>) {
    for text in &w.texts {
        if let Ok(record) = serde_json::from_str::<Record>(black_box(text)) {
            let _ = black_box(evaluator.evaluate(&record));
        }
    }
}

fn run_materials(w: &Workload, policy: &Policy) {
    for r in &w.records {
        black_box(cehours::check_record_materials(black_box(r), policy));
    }
}

// ---------------------------------------------------------------------------------------------
// Criterion benchmarks.
// ---------------------------------------------------------------------------------------------

/// (a) one typical record: the full report, and the totals path beside it.
fn single(c: &mut Criterion, policy: &Policy) {
    let typical = LazyCell::new(|| {
        let record = typical_record();
        let text = serde_json::to_string(&record).unwrap_or_else(|e| fail(&e.to_string()));
        (record, text)
    });
    let mut group = c.benchmark_group("single");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut evaluator = Evaluator::new(policy);
    group.bench_function("full", |b| {
        let (record, _) = &*typical;
        b.iter(|| evaluator.evaluate(black_box(record)))
    });
    group.bench_function("totals", |b| {
        let (record, _) = &*typical;
        b.iter(|| evaluator.totals(black_box(record)))
    });
    group.bench_function("fold", |b| {
        let (record, _) = &*typical;
        b.iter(|| fold(black_box(record)))
    });
    group.bench_function("parse_evaluate", |b| {
        let (_, text) = &*typical;
        b.iter(|| serde_json::from_str::<Record>(black_box(text)).map(|r| evaluator.evaluate(&r)))
    });
    group.finish();
}

/// The slowest batch path's cost per record, rounded up: parse + evaluate, about 13.5 µs on
/// this project's machine. It sizes the batch groups' measurement time before the batch exists.
const SLOWEST_PER_RECORD: Duration = Duration::from_micros(15);

/// Settings for the batch groups, fixed before criterion decides what runs: 10 samples (flat
/// sampling), each one or more whole passes over the batch; the measurement time is that of 10
/// passes of the slowest path over `records` records (3 s at the least, 120 s at the most), so
/// the slowest path makes one or two passes per sample and the faster ones more.
fn heavy(group: &mut BenchmarkGroup<'_, WallTime>, records: usize) {
    let pass = SLOWEST_PER_RECORD.saturating_mul(u32::try_from(records).unwrap_or(u32::MAX));
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(
            pass.saturating_mul(10)
                .clamp(Duration::from_secs(3), Duration::from_secs(120)),
        );
}

/// One pass of `path` over the batch.
fn run(path: &str, w: &Workload, evaluator: &mut Evaluator<&Policy>, policy: &Policy) {
    match path {
        "full" => run_full(w, evaluator),
        "totals" => run_totals(w, evaluator),
        "fold" => run_fold(w),
        "parse" => run_parse(w),
        "parse_evaluate" => run_parse_evaluate(w, evaluator),
        _ => run_materials(w, policy),
    }
}

/// One pass of `path` over the batch with a new evaluator, timed with `Instant`.
fn once(w: &Workload, policy: &Policy, path: &str) -> Duration {
    let mut evaluator = Evaluator::new(policy);
    let started = Instant::now();
    run(path, w, &mut evaluator, policy);
    started.elapsed()
}

/// The batch paths measured per record, and those measured per item.
const RECORD_PATHS: [&str; 6] = [
    "full",
    "totals",
    "fold",
    "parse",
    "parse_evaluate",
    "materials",
];
const ITEM_PATHS: [&str; 3] = ["full", "totals", "fold"];

/// (b)–(e), (g) and the fold: the batch of `records` records, per record and per item.
fn batch(
    c: &mut Criterion,
    batch: &Batch<impl FnOnce() -> Workload>,
    records: usize,
    policy: &Policy,
) {
    for (name, paths) in [
        ("batch_records", &RECORD_PATHS[..]),
        ("batch_items", &ITEM_PATHS[..]),
    ] {
        let mut group = c.benchmark_group(name);
        heavy(&mut group, records);
        // Criterion takes a group's throughput before it decides whether to run the group's
        // benchmarks: the items are counted without the batch, unless it is already built.
        let elements = if name == "batch_records" {
            records
        } else {
            LazyCell::get(batch).map_or_else(|| workload::count_items(records), |w| w.items)
        };
        group.throughput(Throughput::Elements(
            u64::try_from(elements).unwrap_or(u64::MAX),
        ));
        for &path in paths {
            let mut evaluator = Evaluator::new(policy);
            group.bench_function(path, |b| {
                let w = &**batch;
                b.iter(|| run(path, w, &mut evaluator, policy))
            });
        }
        group.finish();
    }
}

/// (f) loading a policy from JSON (see [`load_policy`]), and the built-in constructor beside it.
fn policy_load(c: &mut Criterion) {
    let text = LazyCell::new(|| {
        let text =
            serde_json::to_string(&Policy::hunan_2024()).unwrap_or_else(|e| fail(&e.to_string()));
        match load_policy(&text) {
            Ok(back) if back == Policy::hunan_2024() => {}
            Ok(_) => fail("hunan-2024 does not survive JSON"),
            Err(e) => fail(&format!("hunan-2024 from JSON: {e}")),
        }
        eprintln!("policy: hunan-2024 is {} bytes of JSON", text.len());
        text
    });
    let mut group = c.benchmark_group("policy");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("load", |b| {
        let text: &str = &text;
        b.iter(|| load_policy(black_box(text)))
    });
    group.bench_function("hunan_2024", |b| b.iter(Policy::hunan_2024));
    group.finish();
}

/// Issue 4's resource bound: one record of 10,000 and of 100,000 items, full report and totals;
/// the time per item stays flat as the record grows (linear time, no pairwise comparison).
fn large(c: &mut Criterion, policy: &Policy) {
    let mut group = c.benchmark_group("large_record");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for items in [10_000usize, 100_000] {
        let record = LazyCell::new(|| large_record(items));
        let mut evaluator = Evaluator::new(policy);
        group.throughput(Throughput::Elements(
            u64::try_from(items).unwrap_or(u64::MAX),
        ));
        group.bench_function(format!("full/{items}"), |b| {
            let record = &*record;
            b.iter(|| evaluator.evaluate(black_box(record)))
        });
        group.bench_function(format!("totals/{items}"), |b| {
            let record = &*record;
            b.iter(|| evaluator.totals(black_box(record)))
        });
    }
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// Ratios, timed with `Instant` (criterion does not compute them).
// ---------------------------------------------------------------------------------------------

/// `num / den` to two decimals, in integer arithmetic.
fn hundredths(num: impl TryInto<u128>, den: impl TryInto<u128>) -> String {
    let num = num.try_into().unwrap_or(0);
    let den = den.try_into().unwrap_or(1).max(1);
    let h = num.saturating_mul(100).saturating_add(den / 2) / den;
    format!("{}.{:02}", h / 100, h % 100)
}

fn per_second(count: usize, d: Duration) -> u128 {
    u128::try_from(count)
        .unwrap_or(0)
        .saturating_mul(1_000_000_000)
        / d.as_nanos().max(1)
}

/// Digits in groups of three (`1 234 567`).
fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Times each path over the batch `runs` times and prints the minimum, then the ratios.
fn ratios(w: &Workload, policy: &Policy, runs: usize) {
    // The paths take turns, run after run, so that a slower spell of the machine touches
    // all of them; each keeps its fastest run.
    const PATHS: [&str; 6] = [
        "fold",
        "totals",
        "full",
        "parse",
        "parse_evaluate",
        "materials",
    ];
    let mut fastest = [Duration::MAX; 6];
    for _ in 0..runs.max(1) {
        for (path, best) in PATHS.iter().zip(fastest.iter_mut()) {
            *best = (*best).min(once(w, policy, path));
        }
    }
    let [fold, totals, full, parse, parse_evaluate, materials] = fastest;
    let (n, items) = (w.records.len(), w.items);
    println!();
    println!(
        "ratios over {n} records ({items} items), fastest of {runs} interleaved runs each (Instant):"
    );
    for (path, d) in [
        ("fold", fold),
        ("totals", totals),
        ("full", full),
        ("materials", materials),
        ("parse", parse),
        ("parse_evaluate", parse_evaluate),
    ] {
        println!(
            "  {path:<15} {:>9} µs  {:>11} records/s  {:>12} items/s  {:>7} ns/record",
            grouped(d.as_micros()),
            grouped(per_second(n, d)),
            grouped(per_second(items, d)),
            d.as_nanos() / u128::try_from(n.max(1)).unwrap_or(1)
        );
    }
    println!(
        "  totals/fold = {}",
        hundredths(totals.as_nanos(), fold.as_nanos())
    );
    println!(
        "  full/fold = {}",
        hundredths(full.as_nanos(), fold.as_nanos())
    );
    println!(
        "  full/totals = {}",
        hundredths(full.as_nanos(), totals.as_nanos())
    );
    println!(
        "  parse+evaluate/parse = {}",
        hundredths(parse_evaluate.as_nanos(), parse.as_nanos())
    );
    println!("  totals: {} records/s", grouped(per_second(n, totals)));
    println!();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    let policy = Policy::hunan_2024();
    let measuring = harness::measuring();
    single(&mut criterion, &policy);
    {
        let records = workload::batch_len(measuring);
        let workload = LazyCell::new(|| build(records, &policy));
        batch(&mut criterion, &workload, records, &policy);
        // `ratios/report`: the report, printed once, under criterion's filter like the rest.
        harness::report_once(&mut criterion, "ratios", "report", || {
            ratios(&workload, &policy, if measuring { 5 } else { 1 });
        });
    }
    policy_load(&mut criterion);
    large(&mut criterion, &policy);
    criterion.final_summary();
}
