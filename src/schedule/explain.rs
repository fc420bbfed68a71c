//! `schedule --explain POST`: for each pair of a post, the slots of its
//! window and why each was taken or refused.
//!
//! Refusals that hold before pairs compete (past, holiday, blackout, freeze,
//! daylight-saving traps, fixed posts) come from the channel run; the others
//! are read from the final placement: a slot given to another post, a day or
//! week filled by placed posts, a placed post closer than the gap. A free
//! slot that the pair did not take is later than the one it took (the
//! solver prefers the earliest), or with `--prefer results` ranked lower or
//! later; each slot then shows its figures.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{ChannelRun, PairRun, Refusal, Schedule};
use crate::model::{LocalTime, Post};

/// One pair's explanation.
#[derive(Debug, Clone)]
pub struct PairExplanation {
    pub post: String,
    pub channel: String,
    pub window: (NaiveDate, NaiveDate),
    pub placed: Option<LocalTime>,
    /// The unplaced pair's reason.
    pub reason: Option<String>,
    /// Each slot of the window from today on: its local time and verdict.
    pub slots: Vec<(NaiveDateTime, String)>,
}

impl Schedule<'_> {
    /// The explanations of every unplaced pair of `post`, by channel.
    pub fn explain(&self, post: &Post) -> Vec<PairExplanation> {
        let mut out = Vec::new();
        for run in self.channels.values() {
            for pair in run.pairs.iter().filter(|p| std::ptr::eq(p.post, post)) {
                let reason = self
                    .unplaced
                    .iter()
                    .find(|u| std::ptr::eq(u.post, post) && u.channel == run.channel.id)
                    .map(|u| u.reason.clone());
                out.push(PairExplanation {
                    post: post.id.value.clone(),
                    channel: run.channel.id.clone(),
                    window: pair.window,
                    placed: pair.placed.and_then(|i| run.instances[i].time),
                    reason,
                    slots: pair
                        .instances
                        .clone()
                        .map(|i| {
                            let local = run.instances[i].local;
                            let mut verdict = run.verdict(pair, i, self.prefer.is_some());
                            if let Some(figure) = self.prefer.and_then(|p| {
                                p.figure(
                                    &run.channel.id,
                                    crate::model::Slot {
                                        weekday: local.weekday(),
                                        time: local.time(),
                                    },
                                )
                            }) {
                                verdict = format!("{verdict} ({figure})");
                            }
                            (local, verdict)
                        })
                        .collect(),
                });
            }
        }
        out
    }
}

impl ChannelRun<'_> {
    fn verdict(&self, pair: &PairRun<'_>, i: usize, preferring: bool) -> String {
        if pair.placed == Some(i) {
            return "taken".to_owned();
        }
        let inst = &self.instances[i];
        if let Some(refusal) = &inst.refusal {
            return format!("refused: {refusal}");
        }
        if !pair.candidates.contains(&i) {
            if pair.wait.is_some_and(|w| inst.local.date() <= w) {
                return "refused: not approved yet, within `approve_days_before` of today"
                    .to_owned();
            }
            // Usable by the channel, not by this post: a freeze holds it.
            return "refused: freeze, not on an allowed theme".to_owned();
        }
        if let Some(other) = self.pairs.iter().find(|q| q.placed == Some(i)) {
            return format!("given to `{}`", other.post.id.value);
        }
        let time = inst.time.expect("usable: a time");
        let day = time.local.date();
        let placed = self
            .pairs
            .iter()
            .filter(|q| !std::ptr::eq(*q, pair))
            .filter_map(|q| q.placed.and_then(|j| Some((q, self.instances[j].time?))));
        let fixed = self.fixed.iter().map(|f| (f.id(), f.time));
        let all: Vec<(String, LocalTime)> = fixed
            .chain(placed.map(|(q, t)| (q.post.id.value.clone(), t)))
            .collect();
        if let Some(max) = self.channel.max_per_day {
            let ids: Vec<String> = all
                .iter()
                .filter(|(_, t)| t.local.date() == day)
                .map(|(id, _)| id.clone())
                .collect();
            if ids.len() >= max as usize {
                return format!("refused: {}", Refusal::DayFull { max, ids });
            }
        }
        if let Some(max) = self.channel.posts_per_week.max {
            let n = all
                .iter()
                .filter(|(_, t)| t.local.date().iso_week() == day.iso_week())
                .count();
            if n >= max as usize {
                return format!("refused: {}", Refusal::WeekFull { max });
            }
        }
        if let Some(gap) = self.channel.min_gap_minutes
            && let Some((id, t)) = all
                .iter()
                .filter(|(_, t)| (t.instant - time.instant).num_minutes().abs() < i64::from(gap))
                .min_by_key(|(_, t)| t.instant)
        {
            return format!(
                "refused: {}",
                Refusal::TooClose {
                    id: id.clone(),
                    at: t.local
                }
            );
        }
        match pair.placed {
            Some(_) if preferring => "free (a less preferred option)".to_owned(),
            Some(_) => "free (a later option)".to_owned(),
            None => "free".to_owned(),
        }
    }
}
