//! Rule codes: one [`Code`] per finding edcal can report, and the one table
//! ([`REGISTRY`]) giving each its stable kebab-case name, its severity and
//! the text `edcal explain CODE` prints.
//!
//! A leaf module: it imports nothing from the rest of edcal, so anything may
//! name a code. Names are part of the contract: calendars silence them with
//! `[rules] allow`, CI scripts grep for them. Never rename one. The name only
//! appears where a person or a script reads it (rendering, JSON, `[rules]
//! allow`, `edcal explain`); everywhere else a code is a [`Code`].

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One rule of the registry.
#[derive(Debug)]
pub struct Rule {
    pub code: Code,
    /// The stable kebab-case name users and scripts see.
    pub name: &'static str,
    pub severity: Severity,
    /// One line: what the rule reports.
    pub summary: &'static str,
    /// Why it matters and how to fix it, ending with its `Source:`.
    pub doc: &'static str,
}

/// Declares [`Code`] and [`REGISTRY`] from one list, so that the two cannot
/// disagree: the registry holds the variants in declaration order.
macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal, $doc:literal;)*) => {
        /// A rule's code. Ordered by name, as findings are sorted.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        /// Every rule, in declaration order; `edcal explain` lists the
        /// errors first.
        pub const REGISTRY: &[Rule] = &[
            $(Rule {
                code: Code::$variant,
                name: $name,
                severity: Severity::$severity,
                summary: $summary,
                doc: $doc,
            },)*
        ];
    };
}

codes! {
    TomlSyntax = "toml-syntax", Error,
        "a file is not valid TOML, or not UTF-8",
        "The file cannot be read as TOML 1.1, so nothing in it is loaded.\n\
         Fix the syntax at the position shown; the message is the TOML parser's own.\n\
         Files must be UTF-8; save the file again as UTF-8 if your editor chose\n\
         another encoding.\n\n\
         Source: the TOML 1.1.0 specification, https://toml.io/en/v1.1.0 (a TOML\n\
         document is valid UTF-8).";
    UnknownKey = "unknown-key", Error,
        "a key the file format does not have",
        "Every table of every file has a fixed set of keys (see the README's file\n\
         reference). An unknown key is most often a typo (`chanels` for `channels`)\n\
         and would otherwise be silently ignored. The message lists the keys the\n\
         table accepts and suggests the closest one.\n\n\
         Source: edcal's file format, as the README's file reference describes it.";
    InvalidValue = "invalid-value", Error,
        "a value of the wrong type, or outside what the key accepts",
        "Enums (status, role, network, audience_kind, export, language), dates\n\
         (`2026-10-05`), local date-times without offset (`2026-10-05T12:30:00`),\n\
         slots (`\"tue 12:30\"`), IANA time zones (`Europe/Paris`), counts that\n\
         cannot be negative, `min` above `max`, ids (`[a-z0-9-]+`), and lists that\n\
         must name something (a post's `channels`: a post on no channel can never\n\
         go out, and would be missing from every count) are checked.\n\
         The message says what would be valid.\n\n\
         Source: edcal's file format (the README's file reference); time zones: the\n\
         IANA tz database, https://www.iana.org/time-zones.";
    MissingKey = "missing-key", Error,
        "a required key is absent",
        "Some keys have no sensible default: a calendar's `name` and `timezone`, a\n\
         post's `id`, `title`, `channels` and `status`, a channel's `network`, a\n\
         campaign's `id`, `name`, `start` and `end`, a consent's `who` and\n\
         `networks`. Add the key.\n\n\
         Source: edcal's file format (the README's file reference).";
    DuplicateId = "duplicate-id", Error,
        "two posts, campaigns or consents share an id",
        "Ids are how commands, exports and other files name things; two things\n\
         with one id make every reference ambiguous. Both places are shown: rename\n\
         one of them.\n\n\
         Source: edcal's file format (an id is unique in the calendar).";
    UnknownChannel = "unknown-channel", Error,
        "a reference to a channel channels.toml does not define",
        "Posts, variants and campaigns name channels by their id in channels.toml.\n\
         The closest existing id is suggested.\n\n\
         Source: edcal's file format (references between files).";
    UnknownCampaign = "unknown-campaign", Error,
        "a reference to a campaign no file in campaigns/ defines",
        "A post's `campaign` must be the `id` of a campaign file. The closest\n\
         existing id is suggested.\n\n\
         Source: edcal's file format (references between files).";
    UnknownMember = "unknown-member", Error,
        "a reference to a team member edcal.toml does not define",
        "Owners, approvers and reviewers are member ids from `[team.<id>]` in\n\
         edcal.toml. The closest existing id is suggested.\n\n\
         Source: edcal's file format (references between files).";
    UnknownTheme = "unknown-theme", Error,
        "a reference to a theme edcal.toml does not define",
        "A post's `themes` must be ids from `[themes.<id>]` in edcal.toml (the\n\
         editorial line), and so must a freeze window's `allow_themes`.\n\n\
         Source: edcal's file format (references between files).";
    UnknownConsent = "unknown-consent", Error,
        "a reference to a consent consents.toml does not define",
        "A media's `consent` must be an id of consents.toml, the register of signed\n\
         image-consent forms.\n\n\
         Source: edcal's file format (references between files).";
    TimingConflict = "timing-conflict", Error,
        "more than one of `at`, `on`, `between` on one post",
        "A post is either fixed in time (`at`), fixed to a day (`on`), or free in a\n\
         window (`between`); keep the one you mean. A variant's own `at` is allowed\n\
         beside the post's timing.\n\n\
         Source: edcal's file format (at most one of `at`, `on`, `between`).";
    NonexistentTime = "nonexistent-time", Error,
        "a local time that does not exist (daylight-saving gap)",
        "When clocks spring forward (last Sunday of March in Europe/Paris, 02:00 to\n\
         03:00) the local times in between never happen. A scheduler would shift\n\
         the post by an hour or reject it; pick a time outside the gap.\n\n\
         Source: EU summer time, Directive 2000/84/EC art. 2 (clocks go forward\n\
         at 01:00 UTC on the last Sunday of March); the IANA tz database, Rule EU\n\
         in https://github.com/eggert/tz/blob/main/europe.";
    AmbiguousTime = "ambiguous-time", Error,
        "a local time that happens twice (daylight-saving fold)",
        "When clocks fall back (last Sunday of October in Europe/Paris, 03:00 to\n\
         02:00) the local times from 02:00 to 03:00 happen twice, and the file\n\
         cannot say which one is meant. Pick a time outside the fold.\n\n\
         Source: EU summer time, Directive 2000/84/EC art. 3 (clocks go back at\n\
         01:00 UTC on the last Sunday of October); the IANA tz database, Rule EU\n\
         in https://github.com/eggert/tz/blob/main/europe.";
    BadWindow = "bad-window", Error,
        "a period that ends before it starts",
        "`between`, campaign `start`/`end`, blackouts, freezes and awareness\n\
         periods must not end before they start. Swap or correct the dates.\n\n\
         Source: edcal's file format (a period does not end before it starts).";
    OutsideCampaign = "outside-campaign", Error,
        "a post timed outside its campaign's dates",
        "A campaign post's `at`, `on`, `between` and variant times must fall within\n\
         the campaign's `start` and `end` (inclusive, local dates). Move the post\n\
         or detach it from the campaign.\n\n\
         Source: edcal's editorial convention (a campaign's posts go out within\n\
         its dates).";
    VariantWithoutChannel = "variant-without-channel", Error,
        "a variant for a channel the post does not target",
        "`[post.variants.<channel>]` overrides what one of the post's channels\n\
         publishes. A variant for a channel missing from `channels` would never be\n\
         published: add the channel to the post or remove the variant.\n\n\
         Source: edcal's file format (variants are per-channel overrides).";
    MissingApproval = "missing-approval", Error,
        "status `approved` or later without an approval by a lead",
        "Nothing goes out that the communication lead did not approve. From status\n\
         `approved` on, a post needs `approval = { by = \"<lead>\", on = <date> }`\n\
         by a member whose role is `lead`: `edcal approve POST --by ID` writes it,\n\
         sealed (with `sealed_approvals = true`, only the command's approval counts).\n\n\
         Source: edcal's editorial convention: nothing goes out that the\n\
         communication lead did not approve.";
    StaleApproval = "stale-approval", Error,
        "a sealed approval or review whose digest no longer matches",
        "`edcal approve` and `edcal review` seal what each channel will publish\n\
         (composed text, link, media files' content and alt texts) into the\n\
         `digest` of `approval` / `medical_review`. When the content changes\n\
         afterwards, the approval no longer covers what would go out; the message\n\
         names the channel and what changed. Reported from status `approved` on.\n\
         If the change is agreed, approve (and review) again; else undo it.\n\
         Reformatting the file, moving keys or placing the post does not break a\n\
         seal.\n\n\
         Source: edcal's editorial convention (sealed approvals); the digest is\n\
         SHA-256, FIPS 180-4, as src/seal.rs documents.";
    MissingMedicalReview = "missing-medical-review", Error,
        "a theme needs a physician's review and there is none by a physician",
        "Themes with `medical_review = true` (urology, gastro-enterology, ...) must\n\
         be checked by a physician before they go out: from status `approved` on,\n\
         the post needs `medical_review = { by = \"<physician>\", on = <date> }` by a\n\
         member whose role is `physician`: `edcal review POST --by ID` writes it,\n\
         sealed (with `sealed_approvals = true`, only the command's review counts).\n\n\
         Source: edcal's editorial convention (physicians validate medical\n\
         topics), in line with Code de la santé publique art. R.4127-19-1 II\n\
         (health information from physicians is scientifically supported and\n\
         given with prudence).";
    MissingConsent = "missing-consent", Error,
        "identifiable people without a consent that covers this publication",
        "A media with `people = true` shows identifiable people (patients, staff):\n\
         it needs a `consent` from consents.toml that covers the network of every\n\
         channel it goes to, the post's campaign when the consent is limited to\n\
         one, and the publication date (not after `until`, not on or after\n\
         `withdrawn`).\n\n\
         Source: image rights, Code civil art. 9; medical secrecy, Code de la\n\
         santé publique art. L.1110-4; health data, RGPD/GDPR art. 9 (consent can\n\
         be withdrawn: art. 7(3)).";
    TooLong = "too-long", Error,
        "the composed text is over the network's limit",
        "Counted the network's way: X weighted as twitter-text does, TikTok in\n\
         UTF-16 units, YouTube descriptions in UTF-8 bytes, Bluesky and Mastodon in\n\
         graphemes, others in characters. Shorten the text or give the channel a\n\
         shorter variant.\n\n\
         Source: each network's documentation, one per line:\n\
         X https://developer.x.com/en/docs/counting-characters\n\
         X, twitter-text conformance https://github.com/twitter/twitter-text/tree/master/conformance\n\
         Instagram https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media\n\
         TikTok https://developers.tiktok.com/doc/content-posting-api-reference-direct-post\n\
         YouTube https://developers.google.com/youtube/v3/docs/videos\n\
         Threads https://developers.facebook.com/documentation/threads/posts\n\
         Bluesky https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json\n\
         graphemes, Unicode UAX #29 https://www.unicode.org/reports/tr29/\n\
         Facebook (a scheduler's page) https://docs.upload-post.com/resources/character-limits/\n\
         LinkedIn (Buffer) https://developers.buffer.com/guides/character-limits.md\n\
         Mastodon (per server) https://neet.github.io/masto.js/interfaces/mastodon.v2.InstanceStatusesConfiguration.html\n\
         The README's limits table says which are verified.";
    MissingMedia = "missing-media", Error,
        "the network needs media and the post has none",
        "Instagram, TikTok and YouTube publish no text-only posts. Add a\n\
         `[[post.media]]` (or one in the channel's variant).\n\n\
         Source: Instagram publishes images, videos, reels and carousels,\n\
         https://developers.facebook.com/documentation/instagram-platform/content-publishing;\n\
         TikTok, a video or photos,\n\
         https://developers.tiktok.com/doc/content-posting-api-reference-direct-post;\n\
         YouTube, videos, https://developers.google.com/youtube/v3/docs/videos.";
    MediaNotFound = "media-not-found", Error,
        "a local media file that does not exist",
        "Local media paths are relative to the calendar folder. The file must exist\n\
         when the calendar is checked, or exports would point at nothing.\n\n\
         Source: edcal's file format (local media are relative to the calendar\n\
         folder).";
    OverCapacity = "over-capacity", Error,
        "fixed posts above a channel's limits",
        "Each channel caps its publications: `max_per_day` per local day,\n\
         `posts_per_week.max` per ISO week, and `min_gap_hours` between two posts.\n\
         Fixed posts (`at`) that break a cap are reported; move one of them or let\n\
         `edcal schedule` place it.\n\n\
         Source: edcal's editorial convention: the channel's own caps in\n\
         channels.toml.";
    MissingAltText = "missing-alt-text", Warning,
        "an image without `alt`",
        "Alternative text lets screen-reader users (many older patients among them)\n\
         know what the image shows. Add `alt` to the media.\n\n\
         Source: text alternatives for images, WCAG 2.2 success criterion 1.1.1,\n\
         https://www.w3.org/TR/WCAG22/#non-text-content; Instagram takes alt text on\n\
         images, https://developers.facebook.com/documentation/instagram-platform/content-publishing.";
    LinkNotClickable = "link-not-clickable", Warning,
        "a URL in a caption where the network does not make it a link",
        "Instagram and TikTok captions do not turn URLs into links. Say \"lien en\n\
         bio\" instead, or move the link to the first comment. The finding points\n\
         where the URL is written: the text, the variant's `link`, or the post's\n\
         `link` a channel inherits; `link = \"\"` in `[post.variants.<channel>]`\n\
         drops the post's link on that channel alone.\n\n\
         Source: Instagram captions, \"Hashtags are clickable in Instagram posts,\n\
         but links are not\", https://ayrshare.com/apis/post/social-networks/instagram;\n\
         TikTok captions alike, not confirmed by a public source.";
    TooManyHashtags = "too-many-hashtags", Warning,
        "more hashtags than the network takes or rewards",
        "Instagram takes 5 hashtags per post since December 2025.\n\n\
         Source: Instagram's announcement of 19 December 2025 (five hashtags per\n\
         post or reel), reported at\n\
         https://www.businesstoday.in/technology/news/story/no-more-hashtag-stuffing-instagram-limits-hashtag-usage-to-just-5-per-reel-and-post-507444-2025-12-19;\n\
         Threads takes one hashtag (topic tag) per post,\n\
         https://www.ayrshare.com/apis/post/social-networks/threads.";
    MissingCampaignHashtag = "missing-campaign-hashtag", Warning,
        "a campaign post without the campaign's hashtags",
        "Campaign hashtags tie the posts of a campaign together. Add them to the\n\
         post's `hashtags` or its text.\n\n\
         Source: edcal's editorial convention (the campaign's own `hashtags`),\n\
         not a network rule.";
    ApprovalDue = "approval-due", Warning,
        "goes out soon and is not approved",
        "A post must be approved `approve_days_before` days (edcal.toml `[rules]`)\n\
         before it goes out.\n\n\
         Source: edcal's editorial convention: `[rules] approve_days_before` in\n\
         edcal.toml.";
    HardToRead = "hard-to-read", Warning,
        "a patient-facing text above the audience's reading level",
        "Measured with the Kandel-Moles score and sentence length, against a\n\
         threshold per `audience_kind`. The score is shown with one decimal, never\n\
         rounded onto the threshold it failed. The help follows the cause: a\n\
         sentence over the audience's length is quoted, to split; a low score in\n\
         short sentences comes from long words, and the longest are named, to\n\
         replace with everyday words (FALC).\n\n\
         Source: the Kandel & Moles (1958) French adaptation of the Flesch\n\
         reading ease, as textstat implements it, https://github.com/textstat/textstat;\n\
         sentence length, https://droitsquotidiens.design/quand-vos-phrases-sont-elles-trop-longues;\n\
         thresholds are edcal's editorial convention, calibrated as the README\n\
         explains.";
    RiskyClaim = "risky-claim", Warning,
        "wording French health-communication rules advise against",
        "Guarantees (\"sans risque\", \"100 % efficace\"), before/after, comparisons\n\
         (\"le meilleur\") and promotions are not allowed in the communication of\n\
         health establishments and physicians.\n\n\
         Source: Code de la santé publique art. R.4127-19 (medicine is not a\n\
         trade) and art. R.4127-19-1 (physicians' communication: fair, no\n\
         testimonials, no comparisons), art. R.5122-4 for medicines (no assured\n\
         effect, no superiority). A calendar adds its own phrases with\n\
         `[rules] risky_phrases`.";
    BelowCadence = "below-cadence", Warning,
        "a channel's week under `posts_per_week.min`",
        "Counted for the weeks from today to the last planned post.\n\n\
         Source: edcal's editorial convention: the channel's `posts_per_week` in\n\
         channels.toml.";
    CampaignTarget = "campaign-target", Warning,
        "a campaign channel planned under its target",
        "`[campaign.targets]` sets how many posts each channel should have over the\n\
         campaign.\n\n\
         Source: edcal's editorial convention: the campaign's\n\
         `[campaign.targets]`.";
    MilestoneLate = "milestone-late", Warning,
        "a milestone past due and not done",
        "Mark it `done = true` or move its due date.\n\n\
         Source: edcal's editorial convention: the campaign's\n\
         `[[campaign.milestone]]`.";
    OnClosedDay = "on-closed-day", Warning,
        "a fixed post on a holiday or blackout day",
        "Public holidays (calendar.holidays) and `[[rules.blackout]]` days are days\n\
         the team does not publish.\n\n\
         Source: French public holidays, Code du travail art. L3133-1; the\n\
         calendar's `[[rules.blackout]]` (edcal's editorial convention).";
    Frozen = "frozen", Warning,
        "a post inside a freeze window and not on an allowed theme",
        "During a `[[rules.freeze]]` window nothing goes out but the allowed themes:\n\
         a post goes out only when every one of its themes is in `allow_themes` (a\n\
         post without themes is held). Frozen posts are flagged in `plan week`, left\n\
         out of exports and skipped by `schedule`. `edcal freeze --from … --to …\n\
         --why …` adds a window; delete it from edcal.toml to end the freeze.\n\n\
         Source: edcal's editorial convention: `[[rules.freeze]]` in edcal.toml.";
    ControlCharacter = "control-character", Error,
        "an invisible control character in a text that is published",
        "A text, title, link, hashtag or alt text holds a control character: one of\n\
         U+0000–U+001F other than tab and line feed, DEL (U+007F), or a carriage\n\
         return not followed by a line feed. TOML only lets one in through an escape\n\
         (`\\u0007`, `\\b`, `\\f`, `\\e`, `\\r`), most often pasted from another\n\
         program. Networks and schedulers drop it, cut the text there or refuse the\n\
         post, and spreadsheets may read it as the start of a formula: what goes out\n\
         would not be what was approved. Delete it; exports never write one.\n\
         Published posts are not read: what went out is history.\n\n\
         Source: the C0 and DEL control characters of ISO/IEC 6429 (Unicode\n\
         category Cc), https://www.unicode.org/charts/PDF/U0000.pdf; TOML strings,\n\
         https://toml.io/en/v1.1.0#string.";
    MediaNotUploadable = "media-not-uploadable", Warning,
        "a post its channel's export will refuse for want of media a scheduler can fetch",
        "Instagram, TikTok and YouTube publish nothing without a picture or a video,\n\
         and a scheduler's bulk import takes media as public URLs, not as files on\n\
         the team's disk. The pair's channel exports to a format that will refuse\n\
         it: none of its media has a URL (a local file, and no `media_base_url`),\n\
         or the format has no media column (Hootsuite, Sprout Social). Set\n\
         `[export] media_base_url` in edcal.toml (or `media_base_url` on the\n\
         channel) to the public address of `media/`, give the media as an https://\n\
         URL, or export the channel with `buffer` or `publer`. Reported early, so\n\
         that the export on the day is not the first to say it.\n\n\
         Source: Buffer's bulk upload (Instagram needs an image URL, public),\n\
         https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer;\n\
         Publer's CSV (media as public URLs),\n\
         https://publer.com/help/en/article/how-to-use-a-csv-file-18qhxcq.";
    WrongReviewer = "wrong-reviewer", Error,
        "a medical review by a physician the theme does not list",
        "A theme can name the physicians who may review it: `reviewers = [\"dr-…\"]`\n\
         in `[themes.<id>]` of edcal.toml (a nephrologist for nephrology). A review\n\
         by another physician does not count: have one of the listed physicians\n\
         review the post (`edcal review POST --by PHYSICIAN`), or add the physician\n\
         to `reviewers`.\n\n\
         Source: edcal's editorial convention (the theme's `reviewers`), in line\n\
         with Code de la santé publique art. R.4127-70 (a physician does not go\n\
         beyond their competence) and art. R.4127-19-1 II (health information is\n\
         scientifically supported and given with prudence).";
    UnsealedApproval = "unsealed-approval", Error,
        "an approval or review without a digest when approvals are sealed",
        "With `[rules] sealed_approvals = true` in edcal.toml, only an approval or a\n\
         medical review written by `edcal approve` / `edcal review` counts: they\n\
         seal what each channel publishes into `digest`, so that an edit made\n\
         afterwards is caught. One written by hand has no digest and proves nothing\n\
         about what was approved; exports refuse the post. Run the command instead\n\
         of writing the table. Reported from status `approved` on.\n\n\
         Source: edcal's editorial convention (sealed approvals); the digest is\n\
         SHA-256, FIPS 180-4, as src/seal.rs documents.";
    DuplicateText = "duplicate-text", Warning,
        "the same text twice on one channel within 30 days",
        "Two publications on one channel, at most 30 days apart, with the same\n\
         composed text (hashtags and link included; case and spaces aside). X\n\
         refuses an exact duplicate of a recent post of the account, and on every\n\
         network the followers see the same words twice. Reword one of them, or\n\
         give the channel its own variant.\n\n\
         Source: X's automation rules forbid posting duplicative or substantially\n\
         similar content on one account, https://help.x.com/en/rules-and-policies/x-automation\n\
         and https://help.twitter.com/en/rules-and-policies/copypasta-duplicate-content;\n\
         schedulers report X's refusal, e.g.\n\
         https://help.ocoya.com/en/articles/7885363-twitter-duplicate-content-limitations;\n\
         the 30 days are edcal's editorial convention.";
    DateMismatch = "date-mismatch", Warning,
        "the text names a day that is not the day it goes out",
        "A text that says \"aujourd'hui\", \"ce soir\", \"demain\", a weekday (\"ce\n\
         jeudi\", \"jeudi 12 mars\") or a date (\"12 mars\", \"12/03\") must go out on\n\
         that day (the day before for \"demain\"), in the calendar's zone. A post\n\
         moved, or copied to another channel with another time, often keeps words\n\
         that no longer hold. Reword the text, give the channel its own variant, or\n\
         move the post. English words (\"today\", \"tonight\", \"tomorrow\") are read\n\
         too.\n\n\
         Source: edcal's editorial convention (the words and when they are\n\
         reported: docs/rules.md); local days in the calendar's zone, the IANA tz\n\
         database, https://www.iana.org/time-zones.";
    ResultsFormat = "results-format", Error,
        "a file in results/ that edcal did not write that way",
        "`results/<channel>.csv` is written by `edcal results import`: the header\n\
         `post,channel,published_at,url,impressions,reach,likes,comments,shares,saves,\n\
         clicks,video_views,engagements,collected_on,source`, counts as digits (empty\n\
         when the network gives no figure), `collected_on` as YYYY-MM-DD, and the\n\
         channel of the file's name on every row. Fix the cell shown, or delete the\n\
         row and import the export again.\n\n\
         Source: edcal's file format (the results layout, docs/results.md); CSV as\n\
         RFC 4180, https://www.rfc-editor.org/rfc/rfc4180.";
    ResultsUnknown = "results-unknown", Warning,
        "a results row about a post or a channel the calendar does not have",
        "The post was renamed or deleted after its figures were imported, or the\n\
         file is named after a channel that channels.toml does not have. Rename the\n\
         post id in the row (or the file), or delete the row. While a posts file\n\
         does not parse, its posts are unknown and their rows are not reported.\n\n\
         Source: edcal's file format (the results layout, docs/results.md).";
}

impl Code {
    /// The code's entry in the registry.
    pub fn rule(self) -> &'static Rule {
        &REGISTRY[self as usize]
    }

    /// The stable kebab-case name (`missing-consent`).
    pub fn name(self) -> &'static str {
        self.rule().name
    }

    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// The code of a name, as a calendar's `[rules] allow` or `edcal explain`
    /// writes it.
    pub fn from_name(name: &str) -> Option<Code> {
        REGISTRY.iter().find(|r| r.name == name).map(|r| r.code)
    }

    /// Every name, in the registry's order (for "did you mean" hints).
    pub fn names() -> impl Iterator<Item = &'static str> {
        REGISTRY.iter().map(|r| r.name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// By name, so that sorting findings by code gives the same bytes as
/// sorting them by the names printed.
impl Ord for Code {
    fn cmp(&self, other: &Code) -> Ordering {
        self.name().cmp(other.name())
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_kebab_case(name: &str) -> bool {
        !name.is_empty()
            && name
                .split('-')
                .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()))
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        for (i, rule) in REGISTRY.iter().enumerate() {
            assert_eq!(rule.code as usize, i, "{} is out of place", rule.name);
            assert!(is_kebab_case(rule.name), "{}", rule.name);
            assert!(!rule.summary.is_empty() && !rule.doc.is_empty());
            assert!(
                rule.doc.contains("\n\nSource: "),
                "`{}` does not name its source",
                rule.name
            );
            assert!(
                REGISTRY[i + 1..].iter().all(|r| r.name != rule.name),
                "duplicate {}",
                rule.name
            );
        }
    }

    /// What a `Source:` may rest on: a public address, a legal or standard
    /// reference, or edcal's own choice said plainly.
    const REFERENCES: &[&str] = &["https://", "art. ", "RFC ", "UAX #", "ISO ", "FIPS "];
    const CONVENTIONS: &[&str] = &["edcal's editorial convention", "edcal's file format"];
    /// Pointers a reader of `edcal explain` could not follow: private notes,
    /// tracker numbers, section marks. Spelled in pieces so that a grep for
    /// them over the sources finds none.
    const PRIVATE: &[&str] = &[
        concat!("SP", "EC"),
        concat!("research", "/"),
        concat!("seeds", "/"),
        concat!("issue", " "),
        concat!("Issue", " "),
        "\u{a7}",
    ];

    #[test]
    fn every_source_names_a_public_source_or_a_convention() {
        for rule in REGISTRY {
            let (_, source) = rule.doc.split_once("\n\nSource: ").unwrap();
            assert!(
                REFERENCES
                    .iter()
                    .chain(CONVENTIONS)
                    .any(|r| source.contains(r)),
                "`{}`: the source names no URL, legal or standard reference, \
                 nor edcal's convention: {source}",
                rule.name
            );
            for private in PRIVATE {
                assert!(
                    !rule.doc.contains(private),
                    "`{}` points at `{private}`",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for rule in REGISTRY {
            assert_eq!(Code::from_name(rule.name), Some(rule.code));
            assert_eq!(rule.code.name(), rule.name);
            assert_eq!(rule.code.to_string(), rule.name);
            assert_eq!(rule.code.severity(), rule.severity);
        }
        assert_eq!(Code::from_name("missing-consnt"), None);
        assert_eq!(Code::from_name("Missing-Consent"), None);
        assert_eq!(Code::from_name(""), None);
    }

    #[test]
    fn codes_order_by_name() {
        let mut codes: Vec<Code> = REGISTRY.iter().map(|r| r.code).collect();
        codes.sort();
        let names: Vec<&str> = codes.iter().map(|c| c.name()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
