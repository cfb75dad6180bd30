//! What the evaluate and adversarial benches need around criterion. Criterion alone reads their
//! command line and decides what runs: every input is built on first use inside a benchmark's
//! closure, so a benchmark its filter leaves out builds nothing, and a report is a benchmark too.

use criterion::{Criterion, SamplingMode};
use std::time::Duration;

/// Whether cargo runs the bench as a benchmark (`cargo bench` passes `--bench`) rather than as a
/// test (`cargo test --benches` passes nothing): the benches then build their full-size inputs.
pub fn measuring() -> bool {
    std::env::args().skip(1).any(|arg| arg == "--bench")
}

/// Registers `group/id` as a benchmark that runs `report` the first time criterion runs it (so
/// that criterion's filter selects the report like any benchmark), then times an empty loop, in
/// a group of its own (no throughput; the fewest samples criterion allows).
pub fn report_once(c: &mut Criterion, group: &str, id: &str, report: impl FnOnce()) {
    let mut report = Some(report);
    let mut group = c.benchmark_group(group);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(1))
        .measurement_time(Duration::from_millis(10));
    group.bench_function(id, |b| {
        if let Some(report) = report.take() {
            report();
        }
        b.iter(|| ());
    });
    group.finish();
}
