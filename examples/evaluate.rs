//! Reads a record in the JSON contract from a file (or `-` for standard input) and prints its
//! report as JSON.
//!
//! ```text
//! cargo run --example evaluate -- record.json
//! cat record.json | cargo run --example evaluate -- -
//! cargo run --example evaluate -- --policy examples/policies/online-45-minutes.json record.json
//! cargo run --example evaluate -- --print-policy hunan-2024
//! ```
//!
//! The record's `policy` field chooses among the built-in policies (default `hunan-2024`);
//! `--policy FILE` applies a policy file instead (a complete policy, or an overlay naming its
//! base with `"extends"`). `--print-policy ID` writes a built-in policy as JSON: the file a
//! province would copy and edit.
//!
//! Exit status: 0 when a report was printed (whether the record passes or not), 2 when the
//! input is refused as a whole (the message on standard error names the place), 1 when a file
//! cannot be read or the output cannot be written.

use std::io::{Read, Write};
use std::process::ExitCode;

use cehours::{Policy, PolicyFile, Record, Registry};

fn read(path: &str) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut buf).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut buf))
            .map(|_| ())
    };
    result
        .map(|()| buf)
        .map_err(|e| format!("cannot read `{path}`: {e}"))
}

fn print_json<T: serde::Serialize>(value: &T) -> ExitCode {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            // A closed pipe is not our failure: the output was produced.
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

fn refused(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: record refused: {message}");
    ExitCode::from(2)
}

const USAGE: &str =
    "usage: evaluate [--policy POLICY.json] RECORD.json|-\n       evaluate --print-policy ID";

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}

/// `--help` (or `-h`) as the only argument: the usage on standard output, exit status 0.
fn help() -> ExitCode {
    let _ = writeln!(
        std::io::stdout().lock(),
        "{USAGE}\n\nPrints the report of a record in the JSON contract (a file, or `-` for standard\ninput). `--policy FILE` applies a policy file (complete, or an overlay with\n\"extends\"); `--print-policy ID` writes a built-in policy as JSON.\nExit status: 0 report printed, 2 input refused, 1 file unreadable."
    );
    ExitCode::SUCCESS
}

fn load_policy(registry: &Registry, path: &str) -> Result<Policy, ExitCode> {
    let bytes = read(path).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    })?;
    let file: PolicyFile = serde_json::from_slice(&bytes).map_err(|e| {
        eprintln!("error: policy file `{path}` refused: {e}");
        ExitCode::from(2)
    })?;
    registry.load(&file).map_err(|e| {
        eprintln!("error: policy file `{path}` refused: {e}");
        ExitCode::from(2)
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let registry = Registry::builtin();
    let (policy_file, record_path) = match args.as_slice() {
        [flag] if flag == "--help" || flag == "-h" => return help(),
        [flag, id] if flag == "--print-policy" => {
            return match registry.get(id) {
                Ok(policy) => print_json(policy),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            };
        }
        [flag, policy, record] if flag == "--policy" => (Some(policy.as_str()), record.as_str()),
        [record] if !record.starts_with("--") => (None, record.as_str()),
        _ => return usage(),
    };
    let custom = match policy_file
        .map(|path| load_policy(&registry, path))
        .transpose()
    {
        Ok(custom) => custom,
        Err(code) => return code,
    };
    let bytes = match read(record_path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let record: Record = match serde_json::from_slice(&bytes) {
        Ok(record) => record,
        Err(e) => return refused(e),
    };
    let report = match &custom {
        Some(policy) => cehours::evaluate(&record, policy),
        None => registry.evaluate(&record),
    };
    match report {
        Ok(report) => print_json(&report),
        Err(e) => refused(e),
    }
}
