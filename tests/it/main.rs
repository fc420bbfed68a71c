//! The integration tests, one binary (one link step): every module is a
//! former `tests/<name>.rs`, run with `cargo test --test it <name>`.
//! `support` holds what several of them need.

mod support;

mod browser;
mod cli;
mod docs;
mod ergonomics;
mod export;
mod interrupted;
mod lifecycle;
mod mutation;
mod plans;
mod publishing;
mod results;
mod review_sheet;
mod robustness;
mod schedule_properties;
mod schemas;
mod standalone;
mod trust;
