//! Prints the readability of every text of a calendar per audience, to
//! calibrate `hard-to-read`'s thresholds (README, "Readability").
//!
//! `cargo run --example calibrate -- calendar`

use edcal::model::{AudienceKind, Status};
use edcal::publish::{Link, compose};

fn main() -> anyhow::Result<()> {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "calendar".to_owned());
    let loaded = edcal::load::load(std::path::Path::new(&root))?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("a date");
    let checked = edcal::check::check(loaded, |_| today, &|_| true);
    let calendar = &checked.calendar;
    let mut rows = Vec::new();
    for post in &calendar.posts {
        if matches!(post.status.value, Status::Idea | Status::Cancelled) {
            continue;
        }
        for channel in post.channel_ids() {
            let kind = calendar.channels[channel].audience_kind;
            let published = compose(post, channel, Link::Column);
            let r = social_text::readability::analyse(published.written);
            if r.words >= 12 {
                rows.push((
                    kind,
                    r.score,
                    r.longest_sentence_words,
                    post.id.value.clone(),
                    channel.to_owned(),
                ));
            }
        }
    }
    for (name, kind) in AudienceKind::ALL {
        let mut scores: Vec<_> = rows.iter().filter(|r| r.0 == kind).collect();
        scores.sort_by(|a, b| a.1.total_cmp(&b.1));
        if scores.is_empty() {
            continue;
        }
        let longest = scores.iter().map(|r| r.2).max().unwrap_or(0);
        println!(
            "{name}: {} texts, score min {:.0} median {:.0} max {:.0}, longest sentence {longest} words",
            scores.len(),
            scores[0].1,
            scores[scores.len() / 2].1,
            scores[scores.len() - 1].1
        );
        for r in scores.iter().take(4) {
            println!("    {:>5.0} {:>3} words  {} on {}", r.1, r.2, r.3, r.4);
        }
    }
    Ok(())
}
