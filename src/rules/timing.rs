//! `outside-campaign`: a campaign post's times stay within the campaign,
//! from its lead-in (`lead_in_days` before `start`: teasers) to its
//! follow-up (`follow_up_days` after `end`: thank-you posts).

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Campaign, Status, Timing};
use crate::rules::Code;
use crate::source::Span;

pub fn check(calendar: &Calendar, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if post.status.value == Status::Cancelled {
            continue;
        }
        let Some(campaign) = post
            .campaign
            .as_ref()
            .and_then(|c| calendar.campaigns.get(c))
        else {
            continue;
        };
        let mut report = |span: Span, first: NaiveDate, last: NaiveDate, what: &str| {
            if first < campaign.first_day() || last > campaign.last_day() {
                out.push(outside(campaign, span, what).post(&post.id.value));
            }
        };
        match &post.timing {
            Timing::At(at) => {
                let day = at.value.local.date();
                report(at.span, day, day, "`at`");
            }
            Timing::On(on) => report(on.span, on.value, on.value, "`on`"),
            Timing::Between(b) => report(b.span, b.value.0, b.value.1, "`between`"),
            Timing::Open => {}
        }
        for (channel, variant) in &post.variants {
            if let Some(at) = &variant.at {
                let day = at.value.local.date();
                if day < campaign.first_day() || day > campaign.last_day() {
                    out.push(
                        outside(
                            campaign,
                            at.span,
                            &format!("the `{channel}` variant's `at`"),
                        )
                        .post(&post.id.value)
                        .channel(channel),
                    );
                }
            }
        }
    }
}

fn outside(campaign: &Campaign, span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::OutsideCampaign,
        span,
        format!(
            "{what} is outside campaign `{}` ({} to {}{})",
            campaign.id,
            campaign.first_day(),
            campaign.last_day(),
            if campaign.lead_in_days + campaign.follow_up_days > 0 {
                format!(
                    ", its dates {} to {} with {} days of lead-in and {} of follow-up",
                    campaign.start, campaign.end, campaign.lead_in_days, campaign.follow_up_days
                )
            } else {
                String::new()
            }
        ),
    )
    .label("outside the campaign's dates")
    .note(campaign.span, "the campaign")
    .help("move the post within the campaign's dates, or remove its `campaign`")
}
