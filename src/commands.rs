//! One module per command, holding its clap arguments (the `#[derive(Args)]`
//! structs and the enums of its subcommands and formats, whose doc comments
//! are `--help`) and its code: `run` takes the parsed arguments and the
//! [`Context`](crate::Context), writes to the context's streams and returns
//! the exit code. [`crate::cli`] lists the commands; [`crate::run`]
//! dispatches to them.

pub mod act;
pub mod approve;
pub mod backlog;
pub mod campaign;
pub mod cancel;
pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod freeze;
pub mod init;
pub mod man;
pub mod milestone;
pub mod new;
pub mod note;
pub mod plan;
pub mod published;
pub mod reject;
pub mod results;
pub mod review_sheet;
pub mod schedule;
pub mod schema;
pub mod submit;
