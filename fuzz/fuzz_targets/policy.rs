//! Policy JSON → load: any bytes are refused or give a valid policy, never a panic; a loaded
//! policy evaluates a small record without panicking.
#![no_main]

use cehours::{PolicyFile, Record, Registry};
use libfuzzer_sys::fuzz_target;

const RECORD: &str = include_str!("../../examples/records/sample.json");

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice::<PolicyFile>(data) else { return };
    let registry = Registry::builtin();
    let Ok(policy) = registry.load(&file) else { return };
    assert_eq!(policy.validate(), Ok(()));
    let record: Record = serde_json::from_str(RECORD).expect("the sample record is valid");
    let _ = cehours::evaluate(&record, &policy);
    let _ = cehours::whatif(&record, registry.get("hunan-2024").expect("built in"), &policy);
});
