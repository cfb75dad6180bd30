//! The main job on a built-in sample: a bridge engineer's record over 2019–2023 (training,
//! conferences, a paper, online and platform courses, a project, exams, an east–west
//! assignment, a textbook, an award), evaluated under `hunan-2024`.
//!
//! It prints one row per year — public, professional and total hours, what each minimum still
//! lacks, and pass or fail, with Chinese and English headings — then the verdict and the
//! findings a reviewer must read. 2023 is short. The record is built in (it is
//! `examples/records/sample.json`, compiled into the program); nothing is read at run time.
//!
//! ```text
//! cargo run --example yearly_total
//! ```

use std::process::ExitCode;

use cehours::{Policy, Record};

/// Whether the arguments ask for help (`--help` or `-h`, anywhere).
fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

/// The built-in sample record, in the JSON contract.
const SAMPLE: &str = include_str!("records/sample.json");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if wants_help(&args) {
        println!(
            "usage: yearly_total\n\nEvaluates the built-in sample record under hunan-2024 and prints one row per\nyear, the verdict and the findings."
        );
        return ExitCode::SUCCESS;
    }
    let record: Record = match serde_json::from_str(SAMPLE) {
        Ok(record) => record,
        Err(e) => {
            eprintln!("error: the built-in sample is refused: {e}");
            return ExitCode::from(2);
        }
    };
    let policy = Policy::hunan_2024();
    let report = match cehours::evaluate(&record, &policy) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: the built-in sample is refused: {e}");
            return ExitCode::from(2);
        }
    };
    println!("{} ({} {})\n", policy.id, policy.document, policy.title);
    println!("{}\n", report.table());
    println!("发现 / findings:");
    for f in &report.findings {
        println!(
            "  [{}] {} {} ({}): {}",
            f.severity(),
            f.evidence,
            f.code,
            f.rule,
            f.message()
        );
    }
    ExitCode::SUCCESS
}
