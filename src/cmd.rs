//! One module per subcommand. Each takes its parsed arguments and the
//! [`Context`](crate::Context), writes to the context's streams and returns the
//! exit code.

pub mod campaign;
pub mod check;
pub mod explain;
pub mod schedule;
pub mod plan;
