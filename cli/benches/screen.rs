//! Parsing and screening throughput of the `cehours` command.
//!
//! ```text
//! cargo bench -p cehours-cli --bench screen -- --warm-up-time 1 --measurement-time 3
//! CEHOURS_BENCH_RECORDS=20000 cargo bench -p cehours-cli --bench screen -- parse
//! ```
//!
//! Groups (throughput in records/s, one element = one JSON Lines record of about 12 items):
//!
//! - `parse/plain`: `serde_json::from_str` of each line into plain derived structs that own
//!   their strings (dates and decimals as `String`, enums as the library's derived enums, no
//!   checks): the baseline.
//! - `parse/record`: `serde_json::from_str::<cehours::Record>`: every check of the contract.
//! - `parse/record_totals`: the same, then `Evaluator::totals_into`.
//! - `screen/jobs_1`, `screen/jobs_2`: the whole `screen` pipeline (read a file, parse, screen,
//!   write CSV to a sink) on 1 and 2 worker threads.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "bench"
)]

use std::hint::black_box;
use std::io::Write;

use cehours::{
    BookKind, DocumentType, Evaluator, Grade, Kind, Level, MeetingKind, PatentClass, Policy,
    Program, Provider, Registry, Role, SkillsExamKind, Sponsor, Subject, TrainingFormat,
};
use cehours_cli::Lang;
use cehours_cli::screen::{self, Input, Options, OutputFormat, Policies, Sink};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde::Deserialize;

/// A deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn date(rng: &mut Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        2019 + rng.below(5),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

fn subject(rng: &mut Rng) -> &'static str {
    if rng.below(3) == 0 {
        "public"
    } else {
        "professional"
    }
}

/// One line: a typical record of 8–16 items of the common kinds, some with documents.
fn line(rng: &mut Rng) -> String {
    let n = 8 + rng.below(9);
    let mut items = Vec::new();
    for i in 0..n {
        let id = format!("e{i}-{}", rng.below(1000));
        let item = match rng.below(10) {
            0..=2 => {
                let d = date(rng);
                format!(
                    r#"{{"id":"{id}","kind":"training","subject":"{}","format":"class","provider":"provincial_base","start":"{d}","end":"{d}","days":"1","documents":[{{"type":"notice","file":"notice.pdf","bytes":183204}},{{"type":"completion_certificate"}}]}}"#,
                    subject(rng)
                )
            }
            3..=5 => format!(
                r#"{{"id":"{id}","kind":"online_course","subject":"{}","date":"{}","hours":"{}.5"}}"#,
                subject(rng),
                date(rng),
                1 + rng.below(20)
            ),
            6 => {
                let d = date(rng);
                format!(
                    r#"{{"id":"{id}","kind":"conference","activity":"lecture","start":"{d}","end":"{d}","days":"0.5"}}"#
                )
            }
            7 => format!(
                r#"{{"id":"{id}","kind":"paper","author_rank":{},"published":"{}","serial":"CN 43-1234/N","journal":"湖南大学学报","title":"桥梁结构健康监测研究 {i}"}}"#,
                1 + rng.below(3),
                date(rng)
            ),
            8 => format!(
                r#"{{"id":"{id}","kind":"platform_training","date":"{}","hours":"{}"}}"#,
                date(rng),
                4 + rng.below(20)
            ),
            _ => format!(
                r#"{{"id":"{id}","kind":"research_project","level":"provincial","role":"member","rank":{},"completed":"{}"}}"#,
                1 + rng.below(5),
                date(rng)
            ),
        };
        items.push(item);
    }
    format!(r#"{{"evidence":[{}]}}"#, items.join(","))
}

// The plain baseline: the same information, derived, owned, unchecked.
#[derive(Deserialize)]
#[expect(dead_code, reason = "read only to be parsed")]
struct PlainRecord {
    policy: Option<String>,
    span: Option<PlainSpan>,
    evidence: Vec<PlainItem>,
}

#[derive(Deserialize)]
#[expect(dead_code, reason = "read only to be parsed")]
struct PlainSpan {
    from: i32,
    to: i32,
}

#[derive(Deserialize)]
#[expect(dead_code, reason = "read only to be parsed")]
struct PlainDocument {
    #[serde(rename = "type")]
    doc_type: DocumentType,
    file: Option<String>,
    bytes: Option<u64>,
}

#[derive(Deserialize)]
#[expect(dead_code, reason = "read only to be parsed")]
struct PlainYear {
    year: i32,
    public: String,
    professional: String,
}

#[derive(Deserialize)]
#[expect(dead_code, reason = "read only to be parsed")]
struct PlainItem {
    id: String,
    kind: Kind,
    subject: Option<Subject>,
    format: Option<TrainingFormat>,
    provider: Option<Provider>,
    filed: Option<bool>,
    activity: Option<MeetingKind>,
    start: Option<String>,
    end: Option<String>,
    days: Option<String>,
    date: Option<String>,
    hours: Option<String>,
    level: Option<Level>,
    sponsor: Option<Sponsor>,
    role: Option<Role>,
    rank: Option<u32>,
    completed: Option<String>,
    work: Option<BookKind>,
    author_rank: Option<u32>,
    published: Option<String>,
    title: Option<String>,
    serial: Option<String>,
    journal: Option<String>,
    foreign: Option<bool>,
    class: Option<PatentClass>,
    granted: Option<String>,
    number: Option<String>,
    grade: Option<Grade>,
    awarded: Option<String>,
    name: Option<String>,
    exam: Option<SkillsExamKind>,
    modules: Option<u32>,
    passed: Option<String>,
    courses: Option<u32>,
    subjects: Option<u32>,
    program: Option<Program>,
    assessment_passed: Option<bool>,
    isbn: Option<String>,
    years: Option<Vec<PlainYear>>,
    documents: Option<Vec<PlainDocument>>,
}

fn write_lines(dir: &std::path::Path, lines: &[String]) -> String {
    let path = dir.join("records.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for l in lines {
        writeln!(file, "{l}").unwrap();
    }
    file.into_inner().unwrap().sync_all().unwrap();
    path.to_str().unwrap().to_owned()
}

/// One `screen` run over the file: CSV to a sink.
fn screen_once(name: &str, jobs: usize, n: usize) {
    let policies = Policies {
        registry: Registry::builtin(),
        custom: None,
    };
    let options = Options {
        format: OutputFormat::Csv,
        years: Policy::hunan_2024().default_span(),
        lang: Lang::En,
        jobs,
        progress: false,
        report_errors: true,
    };
    let input = Input::open(name, None).unwrap();
    let (summary, result) = screen::run(
        vec![input],
        &policies,
        &options,
        Sink::Text(Box::new(std::io::sink())),
    );
    result.unwrap();
    assert_eq!(summary.records, n as u64);
    assert_eq!(summary.refused, 0);
}

fn records() -> usize {
    std::env::var("CEHOURS_BENCH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}

fn workload(n: usize) -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..n).map(|_| line(&mut rng)).collect()
}

/// CPU time of the whole process so far (all threads, user + system), from `/proc/self/stat`
/// in clock ticks (1/100 s); zero where that file is not there.
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// The parse ratios, timed with `Instant`: the paths take turns, fastest of `runs` passes each
/// (the fastest pass is the one least disturbed on a shared machine).
fn ratios(lines: &[String], runs: usize) {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let name = write_lines(dir.path(), lines);
    let policy = Policy::hunan_2024();
    let mut evaluator = Evaluator::new(&policy);
    let mut totals = evaluator
        .totals(&serde_json::from_str(&lines[0]).unwrap())
        .unwrap();
    let mut best = [Duration::MAX; 5];
    let mut ticks = [0u64; 2];
    let mut parse_ticks = [0u64; 3];
    for _ in 0..runs {
        for jobs in [1usize, 2] {
            let (t, c) = (Instant::now(), cpu_ticks());
            screen_once(&name, jobs, lines.len());
            best[2 + jobs] = best[2 + jobs].min(t.elapsed());
            ticks[jobs - 1] += cpu_ticks() - c;
        }
        let (t, c) = (Instant::now(), cpu_ticks());
        for l in lines {
            black_box(serde_json::from_str::<PlainRecord>(l).unwrap());
        }
        best[0] = best[0].min(t.elapsed());
        parse_ticks[0] += cpu_ticks() - c;
        let (t, c) = (Instant::now(), cpu_ticks());
        for l in lines {
            black_box(serde_json::from_str::<cehours::Record>(l).unwrap());
        }
        best[1] = best[1].min(t.elapsed());
        parse_ticks[1] += cpu_ticks() - c;
        let (t, c) = (Instant::now(), cpu_ticks());
        for l in lines {
            let record: cehours::Record = serde_json::from_str(l).unwrap();
            evaluator.totals_into(&record, &mut totals).unwrap();
            black_box(&totals);
        }
        best[2] = best[2].min(t.elapsed());
        parse_ticks[2] += cpu_ticks() - c;
    }
    println!(
        "CPU time (all threads, 1/100 s) over {runs} passes: plain parse {}, record parse {}, parse + totals {}, screen 1 thread {}, screen 2 threads {}",
        parse_ticks[0], parse_ticks[1], parse_ticks[2], ticks[0], ticks[1]
    );
    let per_sec = |d: Duration| lines.len() as u128 * 1_000_000 / d.as_micros().max(1);
    let ratio = |d: Duration| d.as_micros() * 100 / best[0].as_micros().max(1);
    println!(
        "ratios over {} records, fastest of {runs} passes:",
        lines.len()
    );
    for (name, d) in [
        "plain",
        "record",
        "record_totals",
        "screen_jobs_1",
        "screen_jobs_2",
    ]
    .iter()
    .zip(best)
    {
        println!(
            "  {name:<14} {:>8} records/s  {}.{:02} x plain",
            per_sec(d),
            ratio(d) / 100,
            ratio(d) % 100
        );
    }
}

fn bench(c: &mut Criterion) {
    let n = records();
    let lines = workload(n);
    if let Ok(path) = std::env::var("CEHOURS_BENCH_WRITE") {
        // The workload as a file, to run `cehours screen` on by hand.
        let dir = std::path::Path::new(&path);
        let written = write_lines(dir, &lines);
        eprintln!("wrote {written}");
        return;
    }
    if let Ok(runs) = std::env::var("CEHOURS_BENCH_RATIOS") {
        ratios(&lines, runs.parse().unwrap_or(7));
        return;
    }
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    let policy = Policy::hunan_2024();
    // Every line is a record the contract accepts.
    for l in &lines {
        serde_json::from_str::<cehours::Record>(l).unwrap();
    }

    let mut parse = c.benchmark_group("parse");
    parse.throughput(Throughput::Elements(n as u64));
    parse.sample_size(10);
    parse.bench_function("plain", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(serde_json::from_str::<PlainRecord>(l).unwrap());
            }
        });
    });
    parse.bench_function("record", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(serde_json::from_str::<cehours::Record>(l).unwrap());
            }
        });
    });
    parse.bench_function("record_totals", |b| {
        let mut evaluator = Evaluator::new(&policy);
        let mut totals = evaluator
            .totals(&serde_json::from_str(&lines[0]).unwrap())
            .unwrap();
        b.iter(|| {
            for l in &lines {
                let record: cehours::Record = serde_json::from_str(l).unwrap();
                evaluator.totals_into(&record, &mut totals).unwrap();
                black_box(&totals);
            }
        });
    });
    parse.finish();

    let dir = tempfile::tempdir().unwrap();
    let name = write_lines(dir.path(), &lines);
    let mut group = c.benchmark_group("screen");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    for jobs in [1usize, 2] {
        group.bench_function(format!("jobs_{jobs}"), |b| {
            b.iter(|| screen_once(&name, jobs, n));
        });
    }
    group.finish();
    eprintln!("{n} records, {bytes} bytes of JSON Lines");
}

criterion_group!(benches, bench);
criterion_main!(benches);
