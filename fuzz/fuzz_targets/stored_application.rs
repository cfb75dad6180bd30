//! Random stored applications: reading any bytes as an `Application` never panics, and an
//! application that is accepted (its trail replayed) is written and read back unchanged,
//! seals and verifies, and fails to verify once its ID is changed.
#![no_main]

use cehours::Application;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(app) = serde_json::from_slice::<Application>(data) else { return };
    let text = serde_json::to_string(&app).expect("an application serialises");
    let back: Application = serde_json::from_str(&text).expect("an accepted application replays");
    assert_eq!(back, app);
    // A stored seal is kept as it was; it verifies only if it is the key's.
    let _ = app.verify(b"fuzz");
    let mut sealed = app;
    if sealed.sealed().is_some() {
        return;
    }
    sealed.seal(b"fuzz").expect("an unsealed application seals");
    assert_eq!(sealed.verify(b"fuzz"), Ok(()));
    let mut json: serde_json::Value = serde_json::to_value(&sealed).expect("serialises");
    json["id"] = serde_json::Value::String(format!("{}-x", sealed.id()));
    let renamed: Application = serde_json::from_value(json).expect("another ID replays alike");
    assert!(renamed.verify(b"fuzz").is_err());
});
