//! Campaign rules: `campaign-target` (a channel planned under its target)
//! and `milestone-late` (past due and not done).
//!
//! "Planned" counts the (post, channel) pairs of the campaign's posts that
//! are not cancelled, placed or not, whatever their status: an idea in the
//! campaign is a post the team means to make. Campaigns that ended before
//! today are not checked against their targets: nothing can be planned in
//! the past any more, and the warning would stay forever.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Campaign, Status};
use crate::rules::Code;

/// The campaign's non-cancelled pairs on `channel`: (planned, placed).
pub fn planned(calendar: &Calendar, campaign: &Campaign, channel: &str) -> (usize, usize) {
    let (mut planned, mut placed) = (0, 0);
    for post in calendar.posts.iter().filter(|p| {
        p.campaign.as_deref() == Some(campaign.id.as_str())
            && p.status.value != Status::Cancelled
            && p.channel_ids().any(|c| c == channel)
    }) {
        planned += 1;
        if post.at(channel).is_some() {
            placed += 1;
        }
    }
    (planned, placed)
}

pub fn check(calendar: &Calendar, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for campaign in calendar.campaigns.values() {
        if campaign.end >= today {
            targets(calendar, campaign, out);
        }
        for m in &campaign.milestones {
            if m.done || m.due >= today {
                continue;
            }
            let days = (today - m.due).num_days();
            let mut d = Diagnostic::new(
                Code::MilestoneLate,
                m.due_span,
                format!(
                    "milestone `{}` of `{}` was due on {} ({days} day{} ago) and is not done",
                    m.name,
                    campaign.id,
                    m.due,
                    if days == 1 { "" } else { "s" }
                ),
            )
            .label("past due")
            .help("set `done = true` when it is done, or move `due`");
            if let Some(owner) = &m.owner {
                d = d.note(m.span, format!("owner: `{owner}`"));
            }
            out.push(d);
        }
    }
}

fn targets(calendar: &Calendar, campaign: &Campaign, out: &mut Vec<Diagnostic>) {
    for (channel, &target) in &campaign.targets {
        let (planned, placed) = planned(calendar, campaign, channel);
        if planned >= target as usize {
            continue;
        }
        let Some(&span) = campaign.target_spans.get(channel) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::CampaignTarget,
                span,
                format!(
                    "`{}` has {planned} post{} planned on `{channel}` ({placed} with a time), under its target of {target}",
                    campaign.id,
                    if planned == 1 { "" } else { "s" },
                ),
            )
            .label("the target")
            .help(format!(
                "plan {} more post{} for `{channel}` in the campaign, or lower the target",
                target as usize - planned,
                if target as usize - planned == 1 { "" } else { "s" }
            ))
            .channel(channel),
        );
    }
}
