//! What the evaluate and adversarial benches need around criterion. Criterion alone reads their
//! command line and decides what runs: every input is built on first use inside a benchmark's
//! closure, so a benchmark its filter leaves out builds nothing, and a report is a benchmark too.

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, SamplingMode};
use std::time::Duration;

/// Whether cargo runs the bench as a benchmark (`cargo bench` passes `--bench`) rather than as a
/// test (`cargo test --benches` passes nothing): the benches then build their full-size inputs.
pub fn measuring() -> bool {
    std::env::args().skip(1).any(|arg| arg == "--bench")
}

/// Registers `id` in `group` as a benchmark that runs `report` the first time criterion runs
/// it (so criterion's filter selects the report like any benchmark), then times an empty loop.
/// Sets the group's sampling to the least criterion allows, for this benchmark and any that
/// follow in the group.
pub fn report_once(group: &mut BenchmarkGroup<'_, WallTime>, id: &str, report: impl FnOnce()) {
    let mut report = Some(report);
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
}
