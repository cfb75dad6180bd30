//! Evaluating a batch of records on every core, one [`Evaluator`] per thread sharing one policy.
//!
//! A service keeps an `Arc<Policy>` in its state and gives each worker its own evaluator (the
//! evaluator owns reusable working memory, so it is not shared between threads). This example
//! screens 10,000 generated records on as many threads as the machine has cores and prints how
//! many passed.
//!
//! Run: `cargo run --release --example thread_pool`

use std::sync::Arc;
use std::thread;

use cehours::{Evaluator, Policy, Record};

/// A simple record: `n` online-course hours in each year of 2019–2023.
fn record(n: u32) -> Result<Record, serde_json::Error> {
    let evidence: Vec<serde_json::Value> = (2019..=2023)
        .flat_map(|year| {
            [
                serde_json::json!({ "id": format!("p{year}"), "kind": "online_course",
                    "subject": "public", "date": format!("{year}-03-01"), "hours": 30 }),
                serde_json::json!({ "id": format!("q{year}"), "kind": "online_course",
                    "date": format!("{year}-04-01"), "hours": 50 + n % 20 }),
            ]
        })
        .collect();
    serde_json::from_value(serde_json::json!({ "evidence": evidence }))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::args().any(|a| a == "--help" || a == "-h") {
        println!("usage: thread_pool\n\nScreens 10,000 generated records on every core.");
        return Ok(());
    }
    let policy = Arc::new(Policy::hunan_2024());
    let records: Vec<Record> = (0..10_000).map(record).collect::<Result<_, _>>()?;
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = records.len().div_ceil(threads);
    let passed: usize = thread::scope(|scope| {
        let workers: Vec<_> = records
            .chunks(chunk)
            .map(|batch| {
                let policy = Arc::clone(&policy);
                scope.spawn(move || {
                    let mut evaluator = Evaluator::new(policy);
                    batch
                        .iter()
                        .filter(|r| evaluator.totals(r).is_ok_and(|t| t.passed))
                        .count()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    println!(
        "{passed} of {} records pass on {threads} threads",
        records.len()
    );
    Ok(())
}
