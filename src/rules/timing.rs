//! `outside-campaign`: a campaign post's times stay within the campaign.

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
            if first < campaign.start || last > campaign.end {
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
                if day < campaign.start || day > campaign.end {
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
            "{what} is outside campaign `{}` ({} to {})",
            campaign.id, campaign.start, campaign.end
        ),
    )
    .label("outside the campaign's dates")
    .note(campaign.span, "the campaign")
    .help("move the post within the campaign's dates, or remove its `campaign`")
}
