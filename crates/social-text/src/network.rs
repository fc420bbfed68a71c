//! The networks a post can be published to.
//!
//! Several accounts may share a network (two Facebook pages); what a network
//! accepts (limits, counting, media) is in [`crate::limits`], keyed by this enum.

/// A social network, by the rules its posts follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Network {
    /// Facebook (pages and profiles).
    Facebook,
    /// Instagram (feed captions).
    Instagram,
    /// X, formerly Twitter.
    X,
    /// LinkedIn.
    Linkedin,
    /// TikTok.
    Tiktok,
    /// YouTube (video title and description).
    Youtube,
    /// Scoop.it.
    Scoopit,
    /// Threads.
    Threads,
    /// Bluesky.
    Bluesky,
    /// Mastodon (the default instance settings).
    Mastodon,
    /// Any other network: no known rules.
    Other,
}

impl Network {
    /// Every network with its lower-case name, in declaration order.
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

    /// The network named `name` (`"x"`, `"linkedin"`…), as in [`Network::ALL`].
    pub fn parse(name: &str) -> Option<Network> {
        Network::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, network)| *network)
    }

    /// The lower-case name (`"linkedin"`), which [`Network::parse`] reads back.
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
