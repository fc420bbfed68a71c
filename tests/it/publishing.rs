//! each publishing rule fires on its post in
//! `tests/fixtures/publishing` and never on that post's clean twin. The exact
//! output is pinned in `tests/cmd/publishing.stdout`; this test says what the
//! snapshot must mean.

use std::collections::BTreeSet;

fn findings() -> Vec<(String, String)> {
    let out = crate::support::edcal()
        .args(["--calendar", "tests/fixtures/publishing", "check"])
        .args(["--today", "2026-10-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["post"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_publishing_rule_fires_on_its_post() {
    let found: BTreeSet<(String, String)> = findings().into_iter().collect();
    for (code, post) in [
        ("too-long", "x-typographie"),
        ("too-long", "yt-titre"),
        ("missing-media", "insta-sans-image"),
        ("link-not-clickable", "insta-sans-image"),
        ("too-many-hashtags", "insta-sans-image"),
        ("missing-campaign-hashtag", "fb-campagne"),
        ("missing-alt-text", "fb-campagne"),
        ("risky-claim", "fb-campagne"),
        ("risky-claim", "fb-offre"),
        ("hard-to-read", "fb-complexe"),
        ("approval-due", "fb-demain"),
    ] {
        assert!(
            found.contains(&(code.to_owned(), post.to_owned())),
            "{code} on {post} missing from {found:?}"
        );
    }
}

#[test]
fn clean_twins_ideas_and_published_posts_fire_nothing() {
    let posts: BTreeSet<String> = findings().into_iter().map(|(_, post)| post).collect();
    for twin in [
        "x-typographie-courte",
        "insta-avec-image",
        "fb-campagne-propre",
        "fb-simple",
        "yt-titre-court",
        "fb-offre-de-soins",
        "fb-demain-approuve",
        "idee-libre",
        "x-archive",
    ] {
        assert!(!posts.contains(twin), "{twin} should be clean: {posts:?}");
    }
}
