//! Reads a record in the JSON contract from a file (or `-` for standard input) and prints its
//! report as JSON.
//!
//! ```text
//! cargo run --example evaluate -- record.json
//! cat record.json | cargo run --example evaluate -- -
//! ```
//!
//! Exit status: 0 when a report was printed (whether the record passes or not), 2 when the
//! input is refused as a whole (the message on standard error names the place), 1 when the
//! file cannot be read.

use std::io::{Read, Write};
use std::process::ExitCode;

use cehours::{Policy, Record};

fn read(path: &str) -> std::io::Result<Vec<u8>> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        eprintln!("usage: evaluate FILE   (or - for standard input)");
        return ExitCode::from(2);
    };
    let bytes = match read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read `{path}`: {e}");
            return ExitCode::from(1);
        }
    };
    let record: Record = match serde_json::from_slice(&bytes) {
        Ok(record) => record,
        Err(e) => {
            eprintln!("error: record refused: {e}");
            return ExitCode::from(2);
        }
    };
    let policy = Policy::hunan_2024();
    if let Some(id) = &record.policy {
        if *id != policy.id {
            eprintln!("error: record refused: policy: unknown policy `{id}`; known policies: {}", policy.id);
            return ExitCode::from(2);
        }
    }
    match cehours::evaluate(&record, &policy) {
        Ok(report) => match serde_json::to_string_pretty(&report) {
            Ok(text) => {
                // A closed pipe is not our failure: the report was produced.
                let _ = writeln!(std::io::stdout().lock(), "{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: cannot write the report: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("error: record refused: {e}");
            ExitCode::from(2)
        }
    }
}
