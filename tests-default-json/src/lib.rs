//! Tests only (see `tests/`): cehours read through `serde_json` built with its default features,
//! as a downstream service builds it, so a fractional JSON number reaches the library as an
//! `f64`. This crate is a workspace of its own so that no other crate's `arbitrary_precision`
//! is unified into its build; `tests/default_json.rs` checks at run time that it is off.
