//! Count, limit and score a text the way social networks do.
//!
//! A post that fits in one network's box may be cut off by the next: X weighs code
//! points and counts every link as 23, TikTok counts UTF-16 units, YouTube counts
//! bytes, Bluesky counts what a reader sees as one character. This crate measures a
//! text in each of those units and knows each network's limits, so a tool can say
//! "282 of 280" before the network refuses the post.
//!
//! - [`count`]: lengths in a [`Unit`](count::Unit) (characters, UTF-16 units, UTF-8
//!   bytes, grapheme clusters per UAX #29, Mastodon's and Threads' counts) and
//!   [`count::x`], a port of twitter-text v3's weighted length with its URL, TLD
//!   and emoji tables, checked against twitter-text's conformance files.
//! - [`limits`]: per [`Network`](network::Network), the text limits in the network's
//!   own unit with their sources, and the few facts a lint needs about media, links,
//!   hashtags and forbidden characters.
//! - [`readability`]: the Kandel–Moles readability score of a French text, with
//!   per-[`Audience`](readability::Audience) thresholds.
//! - [`claims`]: risky health claims in a French text (guarantees, sensational words,
//!   comparisons, promotional offers), found from a lexicon.
//!
//! Nothing here reads files, the clock or the environment; every function is pure.
//!
//! # Example
//!
//! Count a post for X, where a link costs 23 whatever its length and an emoji 2, and
//! check it against X's limit:
//!
//! ```
//! use social_text::count::{Unit, count};
//! use social_text::limits::{Field, limits};
//! use social_text::network::Network;
//!
//! let post = "Vaccination day at the clinic 💉 https://example.org/a/very/long/path/to/the/page";
//! // 30 for the words and spaces, 2 for the emoji, 1 for the space, 23 for the link.
//! assert_eq!(count(Unit::XWeighted, post), 56);
//!
//! let limit = limits(Network::X)
//!     .iter()
//!     .find(|l| l.field == Field::Text)
//!     .unwrap();
//! assert_eq!((limit.unit, limit.max), (Unit::XWeighted, 280));
//! assert!(count(limit.unit, post) <= limit.max);
//!
//! // The same text in other networks' units.
//! assert_eq!(count(Unit::Graphemes, post), 80);
//! assert_eq!(count(Unit::Utf16, post), 81);
//! ```

#![warn(missing_docs)]

pub mod claims;
pub mod count;
pub mod limits;
pub mod network;
pub mod readability;

/// The README's example, run as a doc test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
