//! One module per subcommand. Each takes its parsed arguments and the
//! [`Context`](crate::Context), writes to the context's streams and returns the
//! exit code.

pub mod approve;
pub mod backlog;
pub mod campaign;
pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export;
pub mod fmt;
pub mod freeze;
pub mod init;
pub mod man;
pub mod new;
pub mod plan;
pub mod results;
pub mod schedule;
pub mod schema;
