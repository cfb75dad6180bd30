//! Documents → materials check: any evidence item with any documents is checked without a
//! panic, and the check is consistent (missing is empty exactly when satisfied).
#![no_main]

use cehours::{Evidence, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(evidence) = serde_json::from_slice::<Evidence>(data) else { return };
    let policy = Policy::hunan_2024();
    let outcome = cehours::check_materials(&evidence, &policy);
    let has_alternatives = policy
        .materials
        .as_ref()
        .is_some_and(|m| !m.for_kind(evidence.kind()).alternatives.is_empty());
    assert_eq!(outcome.check.satisfied, outcome.check.missing.is_empty() && has_alternatives);
    assert!(outcome.refused.iter().all(|r| !r.reasons.is_empty()));
});
