//! `[record, before, after]` JSON → `whatif`: never a panic, and the comparison agrees with the
//! two reports it compares (years aligned by year, none dropped, none invented). The checks
//! live in `whatif_check.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "whatif_check.rs"]
mod whatif_check;

fuzz_target!(|data: &[u8]| {
    whatif_check::run(data);
});
