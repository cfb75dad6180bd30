//! Evaluates one record under two policies and shows what changes, year by year, and which
//! policy parameter causes each change: what a policy maker reads before publishing a change.
//!
//! ```text
//! cargo run --example whatif -- RECORD.json POLICY.json
//! cargo run --example whatif -- examples/records/sample.json examples/policies/public-surplus.json
//! ```
//!
//! The first policy is the one the record names (default `hunan-2024`); the second is the
//! policy file (complete, or an overlay with `"extends"`). Exit status 2 when an input is
//! refused, 1 when a file cannot be read.

use std::process::ExitCode;

use cehours::{PolicyFile, Record, Registry};

/// Whether the arguments ask for help (`--help` or `-h`, anywhere).
fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if wants_help(&args) {
        println!(
            "usage: whatif RECORD.json POLICY.json\n\nEvaluates the record under the policy it names and under the policy file, and\nshows what changes, year by year, and which parameter causes each change."
        );
        return ExitCode::SUCCESS;
    }
    let [record_path, policy_path] = args.as_slice() else {
        eprintln!("usage: whatif RECORD.json POLICY.json");
        return ExitCode::from(2);
    };
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("cannot read `{path}`: {e}"));
    let (record_bytes, policy_bytes) = match (read(record_path), read(policy_path)) {
        (Ok(r), Ok(p)) => (r, p),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let registry = Registry::builtin();
    let record: Record = match serde_json::from_slice(&record_bytes) {
        Ok(record) => record,
        Err(e) => {
            eprintln!("error: record refused: {e}");
            return ExitCode::from(2);
        }
    };
    let after = match serde_json::from_slice::<PolicyFile>(&policy_bytes)
        .map_err(|e| e.to_string())
        .and_then(|file| registry.load(&file).map_err(|e| e.to_string()))
    {
        Ok(policy) => policy,
        Err(e) => {
            eprintln!("error: policy file `{policy_path}` refused: {e}");
            return ExitCode::from(2);
        }
    };
    let result = registry
        .for_record(&record)
        .and_then(|before| cehours::whatif(&record, before, &after));
    match result {
        Ok(diff) => {
            println!("{diff}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: record refused: {e}");
            ExitCode::from(2)
        }
    }
}
