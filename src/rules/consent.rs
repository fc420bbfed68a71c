//! `missing-consent`: identifiable people are published only under a signed
//! consent that covers the network, the campaign and the date.
//!
//! Sources: image rights (Code civil art. 9), medical secrecy (Code de la
//! santé publique art. L.1110-4), health data (RGPD/GDPR art. 9). A consent
//! covers networks, not channel ids: the form the patient signed names
//! Facebook, not our page id.
//! The date checked is the last day the pair may go out (its time, its window,
//! its campaign's end, or today for a post with no date yet), so a consent
//! that expires or is withdrawn before then is reported now, not on the
//! morning it goes out.

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::{Calendar, Consent, Media, Post, Status};
use crate::rules::Code;

pub fn check(calendar: &Calendar, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    for post in &calendar.posts {
        if matches!(post.status.value, Status::Cancelled) {
            continue;
        }
        for channel in post.channel_ids() {
            for media in post.media_for(channel) {
                if let Some(d) = media_consent(calendar, post, channel, media, today) {
                    out.push(d.post(&post.id.value).channel(channel));
                }
            }
        }
    }
}

fn media_consent(
    calendar: &Calendar,
    post: &Post,
    channel: &str,
    media: &Media,
    today: NaiveDate,
) -> Option<Diagnostic> {
    if !media.people || media.consent_unresolved {
        return None;
    }
    let network = calendar.channels.get(channel)?.network;
    let Some(consent_ref) = &media.consent else {
        return Some(
            Diagnostic::new(
                Code::MissingConsent,
                media.span,
                format!(
                    "`{}` shows identifiable people and has no consent",
                    media.file.value
                ),
            )
            .label("`people = true` without `consent`")
            .help("add `consent = \"ID\"` naming the signed form in consents.toml, or use another picture"),
        );
    };
    let consent: &Consent = calendar.consents.get(&consent_ref.value)?;
    let refuse = |message: String, label: &str| {
        Some(
            Diagnostic::new(Code::MissingConsent, consent_ref.span, message)
                .label(label.to_owned())
                .note(consent.span, "the consent"),
        )
    };
    if !consent.networks.contains(&network) {
        let covered: Vec<&str> = consent.networks.iter().map(|n| n.name()).collect();
        return refuse(
            format!(
                "consent `{}` does not cover {network} (channel `{channel}`); it covers {}",
                consent.id,
                if covered.is_empty() {
                    "no network".to_owned()
                } else {
                    covered.join(", ")
                }
            ),
            "network not covered",
        );
    }
    if let Some(only) = &consent.campaign
        && post.campaign.as_ref() != Some(only)
    {
        return refuse(
            format!(
                "consent `{}` covers campaign `{only}` only, and post `{}` is {}",
                consent.id,
                post.id.value,
                post.campaign
                    .as_ref()
                    .map_or_else(|| "in no campaign".to_owned(), |c| format!("in `{c}`"))
            ),
            "campaign not covered",
        );
    }
    // A post still to come may go out as late as its window ends, and not
    // before today; a published post went out on its own date, and what
    // matters is whether the consent held then.
    let (_, end) = post.window(channel, calendar, today);
    let end = end.unwrap_or(today);
    let last = if post.status.value == Status::Published {
        end
    } else {
        end.max(today)
    };
    if let Some(withdrawn) = consent.withdrawn
        && withdrawn <= last
    {
        return refuse(
            format!(
                "consent `{}` was withdrawn on {withdrawn}; the post may go out on {last}",
                consent.id
            ),
            "consent withdrawn",
        );
    }
    if let Some(until) = consent.until
        && until < last
    {
        return refuse(
            format!(
                "consent `{}` expires on {until}; the post may go out on {last}",
                consent.id
            ),
            "consent expired",
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Code;
    use crate::testing::checked;

    const SETTINGS: &str = "[calendar]\nname = \"t\"\ntimezone = \"Europe/Paris\"\n";
    const CHANNELS: &str = "[fb]\nnetwork = \"facebook\"\n[ig]\nnetwork = \"instagram\"\n";
    const CAMPAIGN: &str =
        "[campaign]\nid = \"or\"\nname = \"Octobre Rose\"\nstart = 2026-10-01\nend = 2026-10-31\n";

    /// The `missing-consent` messages for one post on `channels`, published
    /// `timing`, with a photo under `consent` (a consents.toml table body).
    fn findings(
        consent: &str,
        channels: &str,
        campaign: bool,
        timing: &str,
        today: &str,
    ) -> Vec<String> {
        let post = format!(
            "[[post]]\nid = \"p\"\ntitle = \"t\"\nchannels = {channels}\nstatus = \"draft\"\n{}{timing}\n\
             [[post.media]]\nfile = \"https://example.org/a.jpg\"\nalt = \"a\"\npeople = true\nconsent = \"c\"\n",
            if campaign { "campaign = \"or\"\n" } else { "" }
        );
        let checked = checked(
            &[
                ("edcal.toml", SETTINGS),
                ("channels.toml", CHANNELS),
                ("consents.toml", &format!("[c]\nwho = \"w\"\n{consent}")),
                ("campaigns/or.toml", CAMPAIGN),
                ("posts/p.toml", &post),
            ],
            today,
        );
        checked
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::MissingConsent)
            .map(|d| d.message.clone())
            .collect()
    }

    #[test]
    fn a_consent_covers_networks_not_channel_ids() {
        let ok = findings(
            "networks = [\"facebook\", \"instagram\"]\n",
            "[\"fb\", \"ig\"]",
            false,
            "at = 2026-10-05T12:30:00",
            "2026-10-01",
        );
        assert!(ok.is_empty(), "{ok:?}");
        let only_fb = findings(
            "networks = [\"facebook\"]\n",
            "[\"fb\", \"ig\"]",
            false,
            "at = 2026-10-05T12:30:00",
            "2026-10-01",
        );
        assert_eq!(
            only_fb,
            ["consent `c` does not cover instagram (channel `ig`); it covers facebook"]
        );
    }

    #[test]
    fn a_campaign_consent_covers_that_campaign_only() {
        let consent = "networks = [\"facebook\"]\ncampaign = \"or\"\n";
        assert!(
            findings(
                consent,
                "[\"fb\"]",
                true,
                "at = 2026-10-05T12:30:00",
                "2026-10-01"
            )
            .is_empty()
        );
        assert_eq!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "at = 2026-10-05T12:30:00",
                "2026-10-01"
            ),
            ["consent `c` covers campaign `or` only, and post `p` is in no campaign"]
        );
    }

    #[test]
    fn expiry_counts_the_last_day_the_post_may_go_out() {
        let consent = "networks = [\"facebook\"]\nuntil = 2026-10-10\n";
        // The last valid day is `until` itself.
        assert!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "at = 2026-10-10T18:00:00",
                "2026-10-01"
            )
            .is_empty()
        );
        assert_eq!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "at = 2026-10-11T09:00:00",
                "2026-10-01"
            ),
            ["consent `c` expires on 2026-10-10; the post may go out on 2026-10-11"]
        );
        // A window is checked at its end, before the morning it goes out.
        assert_eq!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "between = [2026-10-05, 2026-10-12]",
                "2026-10-01"
            ),
            ["consent `c` expires on 2026-10-10; the post may go out on 2026-10-12"]
        );
        // A post with no date yet may go out today at the earliest.
        assert_eq!(
            findings(consent, "[\"fb\"]", false, "", "2026-10-20"),
            ["consent `c` expires on 2026-10-10; the post may go out on 2026-10-20"]
        );
    }

    #[test]
    fn a_withdrawal_holds_from_its_day_on() {
        let consent = "networks = [\"facebook\"]\nwithdrawn = 2026-10-08\n";
        assert!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "at = 2026-10-07T18:00:00",
                "2026-10-01"
            )
            .is_empty()
        );
        assert_eq!(
            findings(
                consent,
                "[\"fb\"]",
                false,
                "at = 2026-10-08T09:00:00",
                "2026-10-01"
            ),
            ["consent `c` was withdrawn on 2026-10-08; the post may go out on 2026-10-08"]
        );
    }
}
