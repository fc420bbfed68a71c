//! Rules on what each channel will publish: lengths counted the network's
//! way (`too-long`), media the network requires (`missing-media`), and the
//! warnings about the text itself (`missing-alt-text`, `link-not-clickable`,
//! `too-many-hashtags`, `missing-campaign-hashtag`, `hard-to-read`,
//! `risky-claim`).
//!
//! Ideas are notes, not posts: they are left out, as are cancelled posts.
//! Published posts are history: what went out cannot be shortened or
//! reworded, and a years-long archive would otherwise bury today's findings
//! under old ones (or block every export with an error nobody can fix). Every
//! other status is checked, drafts included, so nothing fails at publish time
//! for a reason edcal could have seen.

use social_text::{claims, count, limits, readability};

use crate::diagnostic::Diagnostic;
use crate::figure;
use crate::model::{AudienceKind, Calendar, Channel, Post, Status};
use crate::publish::{self, Link, Published, contains_hashtag, hashtags_in};
use crate::rules::Code;
use crate::source::{Sources, Span};

/// Image extensions: `missing-alt-text` is about pictures; videos carry
/// captions, not alt text.
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "heic", "avif"];

/// Texts shorter than this are not scored for readability: the score of a
/// ten-word caption says nothing.
const MIN_WORDS_FOR_READABILITY: usize = 12;

/// The publishing rules on some of the calendar's posts (`check` runs
/// slices of them in parallel).
pub fn check_posts(
    calendar: &Calendar,
    sources: &Sources,
    posts: &[Box<Post>],
    out: &mut Vec<Diagnostic>,
) {
    for post in posts {
        if matches!(
            post.status.value,
            Status::Idea | Status::Cancelled | Status::Published
        ) {
            continue;
        }
        check_post(calendar, sources, post, out);
    }
}

/// The publishing rules on one post, whatever its status (`backlog` asks
/// them of ideas, to say what an idea still needs before approval).
pub fn check_post(calendar: &Calendar, sources: &Sources, post: &Post, out: &mut Vec<Diagnostic>) {
    alt_text(post, out);
    // Channels without a variant text share the post's text: it is
    // measured and searched for claims once. Its claims would be
    // the same findings on every channel, which the sort drops as repeats.
    let mut texts: Vec<(&str, Option<readability::Readability>)> = Vec::new();
    // A repeating post's own dates publish their own content: each is
    // checked too (the findings point at the occurrence's keys).
    let own = post
        .occurrences
        .iter()
        .filter(|o| !o.skip && (o.text.is_some() || o.link.is_some() || o.media.is_some()))
        .map(|o| Some(o.on));
    for (occurrence, channel_id) in std::iter::once(None)
        .chain(own)
        .flat_map(|o| post.channel_ids().map(move |c| (o, c)))
    {
        let Some(channel) = calendar.channels.get(channel_id) else {
            continue;
        };
        let published =
            publish::compose_tagged_on(calendar, post, channel_id, occurrence, Link::InText);
        length(post, channel, &published, out);
        media(post, channel, &published, out);
        links(post, channel, occurrence, &published, out);
        hashtag_count(post, channel, &published, out);
        campaign_hashtags(calendar, post, channel, &published, out);
        let written = published.written;
        let analysis = match texts.iter().find(|(t, _)| std::ptr::eq(*t, written)) {
            Some((_, analysis)) => analysis.clone(),
            None => {
                risky(calendar, post, sources, &published, out);
                // Too short to be scored: not analysed at all.
                let analysis = (readability::words_at_most(written) >= MIN_WORDS_FOR_READABILITY)
                    .then(|| readability::analyse(written));
                texts.push((written, analysis.clone()));
                analysis
            }
        };
        if let Some(analysis) = &analysis {
            readability(post, channel, &published, analysis, out);
        }
    }
}

fn tag(d: Diagnostic, post: &Post, channel: &Channel) -> Diagnostic {
    d.post(&post.id.value).channel(&channel.id)
}

/// Every limit of the network: the text's on the composed text, the
/// title's (YouTube) on the post's `title`, which is the video's title there.
fn length(post: &Post, channel: &Channel, published: &Published<'_>, out: &mut Vec<Diagnostic>) {
    for limit in limits::limits(channel.network) {
        let (text, span) = match limit.field {
            limits::Field::Text => (published.text.as_str(), published.text_span),
            limits::Field::Title => (post.title.as_str(), post.title_span),
        };
        let length = count::count(limit.unit, text);
        if length <= limit.max {
            continue;
        }
        let d = Diagnostic::new(
            Code::TooLong,
            span,
            format!(
                "the {} for `{}` is {length} {} long, over {}'s limit of {}",
                limit.field.name(),
                channel.id,
                limit.unit.name(),
                channel.network,
                limit.max
            ),
        )
        .label(format!("{} over", length - limit.max))
        .help(match limit.field {
            limits::Field::Text => format!(
                "shorten it, or write a shorter `[post.variants.{}]` text (counted with hashtags and link)",
                channel.id
            ),
            limits::Field::Title => format!(
                "shorten the post's `title`: on {} it is the video's title",
                channel.network
            ),
        });
        out.push(tag(d, post, channel));
    }
    for &c in limits::forbidden_chars(channel.network) {
        if published.text.contains(c) {
            let d = Diagnostic::new(
                Code::TooLong,
                published.text_span,
                format!("{} does not accept `{c}` in a text", channel.network),
            )
            .help("remove the character or rephrase");
            out.push(tag(d, post, channel));
        }
    }
}

fn media(post: &Post, channel: &Channel, published: &Published<'_>, out: &mut Vec<Diagnostic>) {
    if !limits::profile(channel.network).needs_media || !published.media.is_empty() {
        return;
    }
    let d = Diagnostic::new(
        Code::MissingMedia,
        post.id.span,
        format!(
            "{} publishes no text-only posts, and `{}` has no media for `{}`",
            channel.network, post.id.value, channel.id
        ),
    )
    .label("no `[[post.media]]`")
    .help(format!(
        "add a `[[post.media]]`, or a `media` in `[post.variants.{}]`",
        channel.id
    ));
    out.push(tag(d, post, channel));
}

fn alt_text(post: &Post, out: &mut Vec<Diagnostic>) {
    for media in post.all_media() {
        let is_image =
            media.file.value.rsplit_once('.').is_some_and(|(_, ext)| {
                IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            });
        if is_image && media.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
            out.push(
                Diagnostic::new(
                    Code::MissingAltText,
                    media.file.span,
                    format!("image `{}` has no alternative text", media.file.value),
                )
                .label("no `alt`")
                .help(
                    "add `alt = \"…\"` describing what the picture shows, for screen-reader users",
                )
                .post(&post.id.value),
            );
        }
    }
}

/// A URL on a network that does not make caption links clickable. The
/// finding points where the URL was written: in the text, in the variant's
/// `link`, or in the post's `link` that the channel inherits (the help then
/// says how to drop it on that channel alone).
fn links(
    post: &Post,
    channel: &Channel,
    occurrence: Option<chrono::NaiveDate>,
    published: &Published<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // Bluesky links are clickable when the publishing tool adds facets,
    // which edcal cannot see: only captions that never link are reported.
    if limits::profile(channel.network).links != limits::Links::Plain {
        return;
    }
    let variant = post.variants.get(&channel.id);
    let variant_table = format!("[post.variants.{}]", channel.id);
    let in_text = published.written.split_whitespace().any(looks_like_url);
    // An empty `link` in a variant drops the post's link on that channel.
    let link = published.link.as_deref().filter(|l| !l.is_empty());
    let d = if in_text {
        Diagnostic::new(
            Code::LinkNotClickable,
            published.text_span,
            format!(
                "{} does not make links in a caption clickable (channel `{}`)",
                channel.network, channel.id
            ),
        )
        .label("a URL nobody can click")
        .help(format!(
            "write \"lien en bio\" and put the link in the profile, or write a text without it in `{variant_table}`"
        ))
    } else if link.is_none() {
        return;
    } else if let Some(own) = post.own(occurrence).filter(|o| o.link.is_some()) {
        Diagnostic::new(
            Code::LinkNotClickable,
            own.link_span.unwrap_or(own.span),
            format!(
                "{} does not make links in a caption clickable: the `link` of the occurrence on {} cannot be clicked on `{}`",
                channel.network, own.on, channel.id
            ),
        )
        .label("a URL nobody can click")
        .help("write \"lien en bio\" in the text and put the link in the profile; drop it on that date with `link = \"\"` in its `[[post.occurrence]]`")
    } else if let Some(span) = variant.and_then(|v| v.link.as_ref().and(v.link_span)) {
        Diagnostic::new(
            Code::LinkNotClickable,
            span,
            format!(
                "{} does not make links in a caption clickable: the `link` of `{variant_table}` cannot be clicked",
                channel.network
            ),
        )
        .label("a URL nobody can click")
        .help(format!(
            "write \"lien en bio\" in the text and put the link in the profile; drop it on this channel with `link = \"\"` in `{variant_table}`"
        ))
    } else {
        Diagnostic::new(
            Code::LinkNotClickable,
            post.link_span.unwrap_or(post.span),
            format!(
                "{} does not make links in a caption clickable: channel `{}` inherits the post's `link`",
                channel.network, channel.id
            ),
        )
        .label(format!("inherited by `{}`", channel.id))
        .help(format!(
            "write \"lien en bio\" in the text and put the link in the profile; drop it on this channel with `link = \"\"` in `{variant_table}`"
        ))
    };
    out.push(tag(d, post, channel));
}

fn looks_like_url(word: &str) -> bool {
    word.contains("://") || word.starts_with("www.")
}

fn hashtag_count(
    post: &Post,
    channel: &Channel,
    published: &Published<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(max) = limits::profile(channel.network).max_hashtags else {
        return;
    };
    let n = hashtags_in(&published.text).count();
    if n <= max {
        return;
    }
    let d = Diagnostic::new(
        Code::TooManyHashtags,
        published.text_span,
        format!(
            "{n} hashtags for `{}`; {} takes {max}",
            channel.id, channel.network
        ),
    )
    .label(format!("{} too many", n - max))
    .help(format!(
        "keep the {max} that matter, e.g. in `[post.variants.{}] hashtags`",
        channel.id
    ));
    out.push(tag(d, post, channel));
}

fn campaign_hashtags(
    calendar: &Calendar,
    post: &Post,
    channel: &Channel,
    published: &Published<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(campaign) = post
        .campaign
        .as_ref()
        .and_then(|c| calendar.campaigns.get(c))
    else {
        return;
    };
    let missing: Vec<String> = campaign
        .hashtags
        .iter()
        .filter(|tag| !contains_hashtag(&published.text, tag))
        .map(|tag| format!("#{tag}"))
        .collect();
    if missing.is_empty() {
        return;
    }
    let d = Diagnostic::new(
        Code::MissingCampaignHashtag,
        published.text_span,
        format!(
            "the `{}` text misses campaign `{}`'s {}",
            channel.id,
            campaign.id,
            missing.join(" ")
        ),
    )
    .label("no campaign hashtag")
    .help(format!(
        "add {} to the post's `hashtags`",
        missing.join(", ")
    ));
    out.push(tag(d, post, channel));
}

fn readability(
    post: &Post,
    channel: &Channel,
    published: &Published<'_>,
    analysis: &readability::Readability,
    out: &mut Vec<Diagnostic>,
) {
    if analysis.words < MIN_WORDS_FOR_READABILITY {
        return;
    }
    let threshold = readability::thresholds(channel.audience_kind.into());
    let too_low = analysis.score < threshold.min_score;
    let too_long = analysis.longest_sentence_words > threshold.max_sentence_words;
    if !too_low && !too_long {
        return;
    }
    let audience = match channel.audience_kind {
        AudienceKind::Patients => "patients",
        AudienceKind::Professionals => "professionals",
        AudienceKind::Young => "young readers",
        AudienceKind::Press => "the press",
        AudienceKind::General => "a general audience",
    };
    let score = if threshold.min_score > 0.0 {
        format!(
            "Kandel-Moles score {} (at least {} expected), ",
            figure::measured(analysis.score, threshold.min_score, 1),
            figure::threshold(threshold.min_score)
        )
    } else {
        String::new()
    };
    let d = Diagnostic::new(
        Code::HardToRead,
        published.text_span,
        format!(
            "the `{}` text is hard to read for {audience}: {score}longest sentence {} words (at most {})",
            channel.id, analysis.longest_sentence_words, threshold.max_sentence_words
        ),
    )
    .label(if too_long {
        "a sentence too long for the audience"
    } else {
        "words too long for the audience"
    })
    .help(readability_help(published.written, analysis, too_long, too_low));
    out.push(tag(d, post, channel));
}

/// Syllables from which a word is long enough to name in `hard-to-read`'s
/// help (`hos-pi-ta-li-sa-tion`, `am-bu-la-toire`): edcal's own choice,
/// listed in docs/sources.md; FALC asks for everyday words, not a count.
const LONG_WORD_SYLLABLES: usize = 4;

/// The help that matches the cause: a sentence over the audience's length
/// is quoted to be split; a low score without one comes from long words,
/// some of which are named.
fn readability_help(
    written: &str,
    analysis: &readability::Readability,
    too_long: bool,
    too_low: bool,
) -> String {
    let mut help = Vec::new();
    if too_long {
        let sentence = written[analysis.longest_sentence.clone()].trim();
        help.push(format!(
            "split this sentence of {} words: \"{}\"",
            analysis.longest_sentence_words,
            shorten(sentence, 120)
        ));
    }
    if too_low {
        let words = readability::long_words(written, LONG_WORD_SYLLABLES, 3);
        let examples = if words.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
            format!(" instead of {}", quoted.join(", "))
        };
        help.push(format!(
            "use shorter, everyday words{examples} (FALC, easy-to-read French)"
        ));
    }
    help.join("; ")
}

fn risky(
    calendar: &Calendar,
    post: &Post,
    sources: &Sources,
    published: &Published<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let found = claims::find(published.written);
    for claim in &found {
        let span = value_span(
            sources,
            published.text_span,
            published.written,
            claim.range.clone(),
        );
        out.push(
            Diagnostic::new(
                Code::RiskyClaim,
                span,
                format!(
                    "\"{}\": {}",
                    &published.written[claim.range.clone()],
                    claims::reason(claim.kind)
                ),
            )
            .label(claim.kind.name())
            .help("rephrase without promising a result, comparing, or promoting")
            .post(&post.id.value),
        );
    }
    // A calendar phrase the lexicon already reports is reported once.
    let own = claims::find_phrases(published.written, &calendar.rules.risky_phrases)
        .into_iter()
        .filter(|r| {
            !found
                .iter()
                .any(|c| c.range.start < r.end && r.start < c.range.end)
        });
    for range in own {
        let span = value_span(
            sources,
            published.text_span,
            published.written,
            range.clone(),
        );
        out.push(
            Diagnostic::new(
                Code::RiskyClaim,
                span,
                format!(
                    "\"{}\": a phrase this calendar avoids (`[rules] risky_phrases` in edcal.toml)",
                    &published.written[range]
                ),
            )
            .label("listed in `risky_phrases`")
            .help("rephrase, or remove the phrase from `risky_phrases`")
            .post(&post.id.value),
        );
    }
}

/// The span of `range` (bytes of a string's value) in the file, when the
/// string is written without escapes; else the whole string.
pub fn value_span(
    sources: &Sources,
    span: Span,
    value: &str,
    range: std::ops::Range<usize>,
) -> Span {
    let raw = sources.text(span);
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if let Some(inner) = raw.strip_prefix(quote).and_then(|r| r.strip_suffix(quote)) {
            let skipped = quote.len()
                + if quote.len() == 3 {
                    if inner.starts_with("\r\n") {
                        2
                    } else {
                        usize::from(inner.starts_with('\n'))
                    }
                } else {
                    0
                };
            if raw.get(skipped..skipped + value.len()) == Some(value) {
                let start = span.start as usize + skipped;
                return Span::new(span.source, start + range.start..start + range.end);
            }
            break;
        }
    }
    span
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}
