//! The networks a channel can publish to.
//!
//! Several channels may share a network (two Facebook pages); what a network
//! accepts (limits, counting, media) is in `limits`, keyed by this enum.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Network {
    Facebook,
    Instagram,
    X,
    Linkedin,
    Tiktok,
    Youtube,
    Scoopit,
    Threads,
    Bluesky,
    Mastodon,
    Other,
}

impl Network {
    /// Every network with its name in the files.
    pub const ALL: [(&'static str, Network); 11] = [
        ("facebook", Network::Facebook),
        ("instagram", Network::Instagram),
        ("x", Network::X),
        ("linkedin", Network::Linkedin),
        ("tiktok", Network::Tiktok),
        ("youtube", Network::Youtube),
        ("scoopit", Network::Scoopit),
        ("threads", Network::Threads),
        ("bluesky", Network::Bluesky),
        ("mastodon", Network::Mastodon),
        ("other", Network::Other),
    ];

    pub fn parse(name: &str) -> Option<Network> {
        Network::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, network)| *network)
    }

    /// The name used in the files.
    pub fn name(self) -> &'static str {
        Network::ALL
            .iter()
            .find(|(_, n)| *n == self)
            .map_or("other", |(name, _)| name)
    }
}

impl std::fmt::Display for Network {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
