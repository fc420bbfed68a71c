//! What the fuzz targets share: the calendar a fuzz input stands for.

/// The calendar's files, in the order an input gives them.
pub const FILES: [&str; 6] = [
    "edcal.toml",
    "channels.toml",
    "consents.toml",
    "campaigns/c.toml",
    "posts/p.toml",
    "posts/sub/q.toml",
];

/// The input split at NUL bytes into the calendar's files, in [`FILES`]
/// order; missing parts are missing files.
pub fn calendar(data: &[u8]) -> impl Iterator<Item = (&'static str, &[u8])> {
    FILES.iter().copied().zip(data.split(|&b| b == 0))
}
