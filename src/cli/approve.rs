//! `edcal approve` and `edcal review`'s arguments: one post, one member.

use clap::Args;

#[derive(Debug, Args)]
pub struct SignArgs {
    /// The post's id; an occurrence `post@YYYY-MM-DD` stands for its post
    #[arg(value_name = "POST")]
    pub post: String,

    /// The member who signs (a `lead` approves, a `physician` reviews)
    #[arg(long, value_name = "MEMBER")]
    pub by: String,
}
