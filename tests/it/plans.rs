//! `plan month` and `plan range` agree with `plan week`, post for post, as
//! printed: the JSON posts of a month are those of the ISO weeks it covers,
//! clipped to its days, each with the same text, link, media, flags and
//! length.

use serde_json::Value;

use crate::support::edcal;

/// The `(channel, post JSON)` pairs of a plan command on the example calendar.
fn posts(args: &[&str]) -> Vec<(String, Value)> {
    let out = edcal()
        .args(["--calendar", "calendar", "--today", "2026-11-25", "plan"])
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        crate::support::text(&out.stderr)
    );
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut posts = Vec::new();
    for channel in plan["channels"].as_array().unwrap() {
        for post in channel["posts"].as_array().unwrap() {
            posts.push((channel["id"].as_str().unwrap().to_owned(), post.clone()));
        }
    }
    posts
}

/// The day of a post's `at` (`2027-03-06T10:00:00+01:00`): its local date.
fn day(post: &Value) -> &str {
    &post["at"].as_str().unwrap()[..10]
}

/// Mondays of the ISO weeks from the one holding `from` to the one holding
/// `to`, as `YYYY-MM-DD` (a date names its week on the command line).
fn mondays(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    let mut monday = from - chrono::Days::new(from.weekday().num_days_from_monday().into());
    let mut out = Vec::new();
    while monday <= to {
        out.push(monday.to_string());
        monday = monday + chrono::Days::new(7);
    }
    out
}

fn union_of_weeks(from: &str, to: &str) -> Vec<(String, Value)> {
    let (f, t) = (from.parse().unwrap(), to.parse().unwrap());
    sorted(
        mondays(f, t)
            .iter()
            .flat_map(|monday| posts(&["week", monday]))
            .filter(|(_, p)| (from..=to).contains(&day(p)))
            .collect(),
    )
}

/// In a total order: channel, then time, then post id.
fn sorted(mut posts: Vec<(String, Value)>) -> Vec<(String, Value)> {
    let key = |(channel, p): &(String, Value)| {
        (channel.clone(), p["at"].to_string(), p["post"].to_string())
    };
    posts.sort_by_key(key);
    posts
}

#[test]
fn months_are_their_weeks_post_for_post() {
    for (month, from, to) in [
        ("2026-10", "2026-10-01", "2026-10-31"),
        ("2026-11", "2026-11-01", "2026-11-30"),
        ("2027-03", "2027-03-01", "2027-03-31"),
    ] {
        let by_month = posts(&["month", month]);
        assert!(by_month.len() > 10, "{month}: {}", by_month.len());
        assert_eq!(sorted(by_month), union_of_weeks(from, to), "{month}");
    }
}

#[test]
fn a_campaign_with_its_lead_in_is_one_range() {
    // Semaine du rein 2027 (6–13 March) with three weeks of lead-in.
    let (from, to) = ("2027-02-13", "2027-03-13");
    let by_range = posts(&["range", from, to]);
    assert!(
        by_range
            .iter()
            .any(|(_, p)| p["campaign"] == "semaine-du-rein-2027"),
        "the campaign's posts are in the range"
    );
    assert_eq!(sorted(by_range), union_of_weeks(from, to));
}
