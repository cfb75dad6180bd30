//! Prints, in Chinese and English, the documents an applicant must upload for one kind of
//! evidence under the Hunan 2024 policy (附件1 一, A1.M1–A1.M12, N.3.2, N.3.3), followed by the
//! upload rules (A2). Each requirement shows the JSON `type`s that meet it, and each
//! alternative the rule it comes from.
//!
//! ```text
//! cargo run --example checklist -- training      # one kind (several may be given)
//! cargo run --example checklist                  # every kind
//! ```
//!
//! Kinds are written as in the JSON contract (`online_course`, `prior_certificate`, …). An
//! unknown kind prints the known ones on standard error and exits with status 2.

use std::io::Write;
use std::process::ExitCode;

use cehours::{Kind, Policy};

/// Whether the arguments ask for help (`--help` or `-h`, anywhere).
fn wants_help(args: &[String]) -> bool {
    args.iter().any(|a| a == "--help" || a == "-h")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if wants_help(&args) {
        println!(
            "usage: checklist [KIND ...]\n\nPrints the documents each kind of evidence needs (every kind when none is given),\nthen the upload rules. Kinds as in the JSON contract: {}.",
            Kind::ALL.map(Kind::as_str).join(", ")
        );
        return ExitCode::SUCCESS;
    }
    let mut kinds = Vec::new();
    for arg in &args {
        match Kind::parse(arg) {
            Some(kind) => kinds.push(kind),
            None => {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                eprintln!(
                    "error: unknown kind `{}`; known kinds: {}",
                    arg.escape_debug(),
                    known.join(", ")
                );
                return ExitCode::from(2);
            }
        }
    }
    if kinds.is_empty() {
        kinds = Kind::ALL.to_vec();
    }
    let policy = Policy::hunan_2024();
    let mut text = String::new();
    for kind in kinds {
        text.push_str(&cehours::checklist(kind, &policy));
        text.push('\n');
    }
    if let Some(materials) = &policy.materials {
        text.push_str(&materials.uploads.to_string());
    }
    // A closed pipe is not our failure: the checklist was produced.
    let _ = writeln!(std::io::stdout().lock(), "{text}");
    ExitCode::SUCCESS
}
