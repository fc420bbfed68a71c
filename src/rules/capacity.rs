//! `over-capacity`: fixed posts within each channel's caps.
//!
//! Caps are counted on fixed pairs of posts that are not cancelled, whatever
//! their status: an idea pinned to a time still takes that time. A repeating
//! post's occurrences (`post@date`) count like fixed posts. Days and ISO
//! weeks are local to the calendar's zone; the gap is elapsed time, so a
//! night across a daylight-saving change counts its real length.

use std::collections::BTreeMap;

use chrono::{Datelike, IsoWeek, NaiveDate};

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Channel};
use crate::occurrence::Fixed;
use crate::rules::Code;

/// `fixed` is [`Calendar::fixed`], computed once for the rules that need it.
pub fn check(calendar: &Calendar, fixed: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    for pairs in fixed.chunk_by(|a, b| a.channel == b.channel) {
        let Some(channel) = calendar.channels.get(pairs[0].channel) else {
            continue;
        };
        per_day(channel, pairs, out);
        per_week(channel, pairs, out);
        gaps(channel, pairs, out);
    }
}

fn per_day(channel: &Channel, pairs: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let Some(max) = channel.max_per_day else {
        return;
    };
    let mut days: BTreeMap<NaiveDate, Vec<&Fixed<'_>>> = BTreeMap::new();
    for pair in pairs {
        days.entry(pair.time.local.date()).or_default().push(pair);
    }
    for (day, pairs) in days {
        for pair in pairs.iter().skip(max as usize) {
            let mut d = over(
                pair,
                format!(
                    "{} posts on `{}` on {day}, above `max_per_day = {max}`",
                    pairs.len(),
                    channel.id
                ),
            )
            .note(
                pairs[0].span,
                format!("first post of the day: `{}`", pairs[0].id()),
            );
            if let Some(span) = channel.spans.max_per_day {
                d = d.note(span, "the cap");
            }
            out.push(d);
        }
    }
}

fn per_week(channel: &Channel, pairs: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let Some(max) = channel.posts_per_week.max else {
        return;
    };
    let mut weeks: BTreeMap<IsoWeek, Vec<&Fixed<'_>>> = BTreeMap::new();
    for pair in pairs {
        weeks
            .entry(pair.time.local.date().iso_week())
            .or_default()
            .push(pair);
    }
    for (week, pairs) in weeks {
        for pair in pairs.iter().skip(max as usize) {
            let mut d = over(
                pair,
                format!(
                    "{} posts on `{}` in week {}-W{:02}, above `posts_per_week.max = {max}`",
                    pairs.len(),
                    channel.id,
                    week.year(),
                    week.week()
                ),
            );
            if let Some(span) = channel.spans.per_week_max {
                d = d.note(span, "the cap");
            }
            out.push(d);
        }
    }
}

fn gaps(channel: &Channel, pairs: &[Fixed<'_>], out: &mut Vec<Diagnostic>) {
    let Some(min) = channel.min_gap_minutes else {
        return;
    };
    for window in pairs.windows(2) {
        let (before, after) = (&window[0], &window[1]);
        let gap = (after.time.instant - before.time.instant).num_minutes();
        if gap >= i64::from(min) {
            continue;
        }
        let mut d = over(
            after,
            format!(
                "`{}` goes out {} after `{}` on `{}`, closer than `min_gap_hours = {}`",
                after.id(),
                duration(gap),
                before.id(),
                channel.id,
                f64::from(min) / 60.0
            ),
        )
        .note(before.span, format!("`{}` here", before.id()));
        if let Some(span) = channel.spans.min_gap {
            d = d.note(span, "the minimum gap");
        }
        out.push(d);
    }
}

fn over(pair: &Fixed<'_>, message: String) -> Diagnostic {
    Diagnostic::new(Code::OverCapacity, pair.span, message)
        .label("over the channel's capacity")
        .help("move this post, or remove its time and let `edcal schedule` place it")
        .post(&pair.post.id.value)
        .channel(pair.channel)
}

/// `0 min`, `45 min`, `2 h 05`.
fn duration(minutes: i64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02}", minutes / 60, minutes % 60)
    }
}
