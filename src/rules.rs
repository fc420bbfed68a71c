//! The registry of rules: every finding edcal can report, with its stable
//! code, its severity and the text `edcal explain CODE` prints.
//!
//! Codes are part of the contract (SPEC, "Rule codes"): calendars silence them
//! with `[rules] allow`, CI scripts grep for them. Never rename one. The checks
//! themselves live where the data they need is: syntax and shape in `load` and
//! `raw`, references and values in `resolve`, everything that looks across
//! posts in the submodules here.

use crate::diagnostic::Severity;

mod approval;
mod cadence;
mod calendar_days;
mod campaign;
mod capacity;
mod consent;
mod freeze;
mod media;
mod publishing;
mod seal;
mod timing;

pub use approval::check as check_approvals;
pub use approval::check_due as check_approval_due;
pub use approval::medical_review as check_medical_review;
pub use cadence::check as check_cadence;
pub use calendar_days::check as check_closed_days;
pub use campaign::{check as check_campaigns, planned as campaign_planned};
pub use capacity::check as check_capacity;
pub use consent::check as check_consents;
pub use freeze::check as check_frozen;
pub use media::check as check_media;
pub use publishing::{
    check as check_publishing, check_post as check_publishing_post,
    check_posts as check_publishing_posts,
};
pub use seal::check as check_seals;
pub use timing::check as check_timing;

/// One rule of the registry.
#[derive(Debug)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters and how to fix it.
    pub doc: &'static str,
}

const fn error(code: &'static str, summary: &'static str, doc: &'static str) -> Rule {
    Rule {
        code,
        severity: Severity::Error,
        summary,
        doc,
    }
}

const fn warning(code: &'static str, summary: &'static str, doc: &'static str) -> Rule {
    Rule {
        code,
        severity: Severity::Warning,
        summary,
        doc,
    }
}

/// Every rule, errors first, in SPEC's order.
pub const REGISTRY: &[Rule] = &[
    error(
        "toml-syntax",
        "a file is not valid TOML, or not UTF-8",
        "The file cannot be read as TOML 1.1, so nothing in it is loaded.\n\
         Fix the syntax at the position shown; the message is the TOML parser's own.\n\
         Files must be UTF-8; save the file again as UTF-8 if your editor chose\n\
         another encoding.\n\n\
         Source: the TOML 1.1 specification (toml.io).",
    ),
    error(
        "unknown-key",
        "a key the file format does not have",
        "Every table of every file has a fixed set of keys (see the README's file\n\
         reference). An unknown key is most often a typo (`chanels` for `channels`)\n\
         and would otherwise be silently ignored. The message lists the keys the\n\
         table accepts and suggests the closest one.\n\n\
         Source: the file formats of SPEC.md and this README.",
    ),
    error(
        "invalid-value",
        "a value of the wrong type, or outside what the key accepts",
        "Enums (status, role, network, audience_kind, export, language), dates\n\
         (`2026-10-05`), local date-times without offset (`2026-10-05T12:30:00`),\n\
         slots (`\"tue 12:30\"`), IANA time zones (`Europe/Paris`), counts that\n\
         cannot be negative, `min` above `max`, and ids (`[a-z0-9-]+`) are checked.\n\
         The message says what would be valid.\n\n\
         Source: the file formats of SPEC.md; zones: the IANA tz database\n\
         (chrono-tz).",
    ),
    error(
        "missing-key",
        "a required key is absent",
        "Some keys have no sensible default: a calendar's `name` and `timezone`, a\n\
         post's `id`, `title`, `channels` and `status`, a channel's `network`, a\n\
         campaign's `id`, `name`, `start` and `end`, a consent's `who` and\n\
         `networks`. Add the key.\n\n\
         Source: the file formats of SPEC.md.",
    ),
    error(
        "duplicate-id",
        "two posts, campaigns or consents share an id",
        "Ids are how commands, exports and other files name things; two things\n\
         with one id make every reference ambiguous. Both places are shown: rename\n\
         one of them.\n\n\
         Source: SPEC.md (\"unique in the calendar\").",
    ),
    error(
        "unknown-channel",
        "a reference to a channel channels.toml does not define",
        "Posts, variants and campaigns name channels by their id in channels.toml.\n\
         The closest existing id is suggested.\n\n\
         Source: SPEC.md (references between files).",
    ),
    error(
        "unknown-campaign",
        "a reference to a campaign no file in campaigns/ defines",
        "A post's `campaign` must be the `id` of a campaign file. The closest\n\
         existing id is suggested.\n\n\
         Source: SPEC.md (references between files).",
    ),
    error(
        "unknown-member",
        "a reference to a team member edcal.toml does not define",
        "Owners, approvers and reviewers are member ids from `[team.<id>]` in\n\
         edcal.toml. The closest existing id is suggested.\n\n\
         Source: SPEC.md (references between files).",
    ),
    error(
        "unknown-theme",
        "a reference to a theme edcal.toml does not define",
        "A post's `themes` must be ids from `[themes.<id>]` in edcal.toml (the\n\
         editorial line), and so must a freeze window's `allow_themes`.\n\n\
         Source: SPEC.md (references between files).",
    ),
    error(
        "unknown-consent",
        "a reference to a consent consents.toml does not define",
        "A media's `consent` must be an id of consents.toml, the register of signed\n\
         image-consent forms.\n\n\
         Source: SPEC.md (references between files).",
    ),
    error(
        "timing-conflict",
        "more than one of `at`, `on`, `between` on one post",
        "A post is either fixed in time (`at`), fixed to a day (`on`), or free in a\n\
         window (`between`); keep the one you mean. A variant's own `at` is allowed\n\
         beside the post's timing.\n\n\
         Source: SPEC.md (\"at most one of\" `at`, `on`, `between`).",
    ),
    error(
        "nonexistent-time",
        "a local time that does not exist (daylight-saving gap)",
        "When clocks spring forward (last Sunday of March in Europe/Paris, 02:00 to\n\
         03:00) the local times in between never happen. A scheduler would shift\n\
         the post by an hour or reject it; pick a time outside the gap.\n\n\
         Source: the IANA tz database; EU summer time, Directive 2000/84/EC\n\
         (research/networks.md 4.4).",
    ),
    error(
        "ambiguous-time",
        "a local time that happens twice (daylight-saving fold)",
        "When clocks fall back (last Sunday of October in Europe/Paris, 03:00 to\n\
         02:00) the local times from 02:00 to 03:00 happen twice, and the file\n\
         cannot say which one is meant. Pick a time outside the fold.\n\n\
         Source: the IANA tz database; EU summer time, Directive 2000/84/EC\n\
         (research/networks.md 4.4).",
    ),
    error(
        "bad-window",
        "a period that ends before it starts",
        "`between`, campaign `start`/`end`, blackouts, freezes and awareness\n\
         periods must not end before they start. Swap or correct the dates.\n\n\
         Source: SPEC.md.",
    ),
    error(
        "outside-campaign",
        "a post timed outside its campaign's dates",
        "A campaign post's `at`, `on`, `between` and variant times must fall within\n\
         the campaign's `start` and `end` (inclusive, local dates). Move the post\n\
         or detach it from the campaign.\n\n\
         Source: SPEC.md.",
    ),
    error(
        "variant-without-channel",
        "a variant for a channel the post does not target",
        "`[post.variants.<channel>]` overrides what one of the post's channels\n\
         publishes. A variant for a channel missing from `channels` would never be\n\
         published: add the channel to the post or remove the variant.\n\n\
         Source: SPEC.md (variants are per-channel overrides).",
    ),
    error(
        "missing-approval",
        "status `approved` or later without an approval by a lead",
        "Nothing goes out that the communication lead did not approve. From status\n\
         `approved` on, a post needs `approval = { by = \"<lead>\", on = <date> }`\n\
         by a member whose role is `lead` (`edcal approve POST --by ID` writes it).\n\n\
         Source: the team's rule from the interviews (seeds/): \"nothing goes out\n\
         that the lead did not approve\".",
    ),
    error(
        "stale-approval",
        "a sealed approval or review whose digest no longer matches",
        "`edcal approve` and `edcal review` seal what each channel will publish\n\
         (composed text, link, media files' content and alt texts) into the\n\
         `digest` of `approval` / `medical_review`. When the content changes\n\
         afterwards, the approval no longer covers what would go out; the message\n\
         names the channel and what changed. Reported from status `approved` on.\n\
         If the change is agreed, approve (and review) again; else undo it.\n\
         Reformatting the file, moving keys or placing the post does not break a\n\
         seal.\n\n\
         Source: SPEC.md (sealed approvals); src/seal.rs documents the digest.",
    ),
    error(
        "missing-medical-review",
        "a theme needs a physician's review and there is none by a physician",
        "Themes with `medical_review = true` (urology, gastro-enterology, ...) must\n\
         be checked by a physician before they go out: from status `approved` on,\n\
         the post needs `medical_review = { by = \"<physician>\", on = <date> }` by a\n\
         member whose role is `physician`.\n\n\
         Source: the interviews (seeds/: physicians validate medical topics) and\n\
         research/networks.md 2.1-2.2 (Ordre des médecins).",
    ),
    error(
        "missing-consent",
        "identifiable people without a consent that covers this publication",
        "A media with `people = true` shows identifiable people (patients, staff):\n\
         it needs a `consent` from consents.toml that covers the network of every\n\
         channel it goes to, the post's campaign when the consent is limited to\n\
         one, and the publication date (not after `until`, not on or after\n\
         `withdrawn`).\n\n\
         Source: image rights (Code civil art. 9) and medical secrecy (CSP\n\
         L.1110-4), research/networks.md 2.4.",
    ),
    error(
        "too-long",
        "the composed text is over the network's limit",
        "Counted the network's way: X weighted as twitter-text does, TikTok in\n\
         UTF-16 units, YouTube descriptions in UTF-8 bytes, Bluesky and Mastodon in\n\
         graphemes, others in characters. Shorten the text or give the channel a\n\
         shorter variant.\n\n\
         Source: research/networks.md 1.1-1.10 (S1-S4 X, S9 Instagram, S16 Facebook,\n\
         S15/S18 LinkedIn, S19 TikTok, S22 YouTube, S26 Threads, S27 Bluesky, S28\n\
         Mastodon); the README's limits table says which are verified.",
    ),
    error(
        "missing-media",
        "the network needs media and the post has none",
        "Instagram, TikTok and YouTube publish no text-only posts. Add a\n\
         `[[post.media]]` (or one in the channel's variant).\n\n\
         Source: research/networks.md 1.3 (S13 Instagram), 1.6 (S20 TikTok), 1.7\n\
         (S22, S25 YouTube).",
    ),
    error(
        "media-not-found",
        "a local media file that does not exist",
        "Local media paths are relative to the calendar folder. The file must exist\n\
         when the calendar is checked, or exports would point at nothing.\n\n\
         Source: SPEC.md (local media are relative to the calendar folder).",
    ),
    error(
        "over-capacity",
        "fixed posts above a channel's limits",
        "Each channel caps its publications: `max_per_day` per local day,\n\
         `posts_per_week.max` per ISO week, and `min_gap_hours` between two posts.\n\
         Fixed posts (`at`) that break a cap are reported; move one of them or let\n\
         `edcal schedule` place it.\n\n\
         Source: the channel's own settings in channels.toml (SPEC.md).",
    ),
    error(
        "results-format",
        "a file in results/ that edcal did not write that way",
        "`results/<channel>.csv` is written by `edcal results import`: the header\n\
         `post,channel,published_at,url,impressions,reach,likes,comments,shares,saves,\n\
         clicks,video_views,engagements,collected_on,source`, counts as digits (empty\n\
         when the network gives no figure), `collected_on` as YYYY-MM-DD, and the\n\
         channel of the file's name on every row. Fix the cell shown, or delete the\n\
         row and import the export again.\n\n\
         Source: the results layout in docs/results.md.",
    ),
    warning(
        "missing-alt-text",
        "an image without `alt`",
        "Alternative text lets screen-reader users (many older patients among them)\n\
         know what the image shows. Add `alt` to the media.\n\n\
         Source: research/networks.md 1.3 (S14: Instagram takes alt text) and the\n\
         audience of the interviews (patients averaging 75 years old).",
    ),
    warning(
        "link-not-clickable",
        "a URL in a caption where the network does not make it a link",
        "Instagram and TikTok captions do not turn URLs into links. Say \"lien en\n\
         bio\" instead, or move the link to the first comment.\n\n\
         Source: research/networks.md 1.3 (S11: Instagram captions) and 1.6\n\
         (TikTok, unconfirmed).",
    ),
    warning(
        "too-many-hashtags",
        "more hashtags than the network takes or rewards",
        "Instagram takes 5 hashtags per post since December 2025.\n\n\
         Source: research/networks.md 1.3 (S10, December 2025) and 1.8 (S26,\n\
         Threads: one topic tag).",
    ),
    warning(
        "missing-campaign-hashtag",
        "a campaign post without the campaign's hashtags",
        "Campaign hashtags tie the posts of a campaign together. Add them to the\n\
         post's `hashtags` or its text.\n\n\
         Source: the campaign's own `hashtags` (SPEC.md); an editorial\n\
         convention, not a network rule.",
    ),
    warning(
        "approval-due",
        "goes out soon and is not approved",
        "A post must be approved `approve_days_before` days (edcal.toml `[rules]`)\n\
         before it goes out.\n\n\
         Source: `[rules] approve_days_before` in edcal.toml (SPEC.md).",
    ),
    warning(
        "hard-to-read",
        "a patient-facing text above the audience's reading level",
        "Measured with the Kandel-Moles score and sentence length, against a\n\
         threshold per `audience_kind`. Shorter sentences and shorter words help.\n\n\
         Source: research/networks.md 3.1-3.4 (Kandel & Moles 1958; FALC; S85\n\
         for sentence length); thresholds calibrated as the README explains.",
    ),
    warning(
        "risky-claim",
        "wording French health-communication rules advise against",
        "Guarantees (\"sans risque\", \"100 % efficace\"), before/after, comparisons\n\
         (\"le meilleur\") and promotions are not allowed in the communication of\n\
         health establishments and physicians.\n\n\
         Source: research/networks.md 2.5-2.6: Code de la santé publique\n\
         R.4127-19 and R.4127-19-1 (S44), Ordre des médecins guidance (S51), R.5122-4\n\
         for medicines (S68). A calendar adds its own phrases with\n\
         `[rules] risky_phrases`.",
    ),
    warning(
        "below-cadence",
        "a channel's week under `posts_per_week.min`",
        "Counted for the weeks from today to the last planned post.\n\n\
         Source: the channel's `posts_per_week` in channels.toml.",
    ),
    warning(
        "campaign-target",
        "a campaign channel planned under its target",
        "`[campaign.targets]` sets how many posts each channel should have over the\n\
         campaign.\n\n\
         Source: the campaign's `[campaign.targets]`.",
    ),
    warning(
        "milestone-late",
        "a milestone past due and not done",
        "Mark it `done = true` or move its due date.\n\n\
         Source: the campaign's `[[campaign.milestone]]`.",
    ),
    warning(
        "on-closed-day",
        "a fixed post on a holiday or blackout day",
        "Public holidays (calendar.holidays) and `[[rules.blackout]]` days are days\n\
         the team does not publish.\n\n\
         Source: French public holidays, Code du travail L.3133-1 (research\n\
         4.1, S87), and the calendar's `[[rules.blackout]]`.",
    ),
    warning(
        "results-unknown",
        "a results row about a post or a channel the calendar does not have",
        "The post was renamed or deleted after its figures were imported, or the\n\
         file is named after a channel that channels.toml does not have. Rename the\n\
         post id in the row (or the file), or delete the row.\n\n\
         Source: the results layout in docs/results.md.",
    ),
    warning(
        "frozen",
        "a post inside a freeze window and not on an allowed theme",
        "During a `[[rules.freeze]]` window nothing goes out but the allowed themes:\n\
         a post goes out only when every one of its themes is in `allow_themes` (a\n\
         post without themes is held). Frozen posts are flagged in `plan week`, left\n\
         out of exports and skipped by `schedule`. `edcal freeze --from … --to …\n\
         --why …` adds a window; delete it from edcal.toml to end the freeze.\n\n\
         Source: `[[rules.freeze]]` in edcal.toml (SPEC.md).",
    ),
];

/// The rule of a code, if there is one.
pub fn find(code: &str) -> Option<&'static Rule> {
    REGISTRY.iter().find(|r| r.code == code)
}

/// The severity of a registered code.
///
/// # Panics
/// When `code` is not in the registry: a programming error, caught by tests.
pub fn severity(code: &str) -> Severity {
    find(code)
        .unwrap_or_else(|| panic!("rule `{code}` is not in the registry"))
        .severity
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        for (i, rule) in REGISTRY.iter().enumerate() {
            assert!(
                rule.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.code
            );
            assert!(!rule.summary.is_empty() && !rule.doc.is_empty());
            assert!(
                rule.doc.contains("\n\nSource: "),
                "`{}` does not name its source",
                rule.code
            );
            assert!(
                REGISTRY[i + 1..].iter().all(|r| r.code != rule.code),
                "duplicate {}",
                rule.code
            );
        }
    }
}
