//! French readability of a post: words, sentences, syllables and the
//! Kandel–Moles score (the French adaptation of Flesch's reading ease), plus
//! per-audience thresholds to compare it with.
//!
//! This module owns *measuring* text. It does not decide severities, read
//! configuration or render anything: a lint takes a [`Readability`] and a
//! [`Threshold`] and builds its own diagnostic from the byte ranges given here.
//!
//! # Score
//!
//! `L = 207 − 1.015 × words/sentences − 73.6 × syllables/words` (Kandel & Moles
//! 1958, coefficients as in textstat's French settings,
//! <https://github.com/textstat/textstat>). Higher is easier. The score is not
//! clamped: very short words and sentences can exceed 100, dense jargon can go
//! below 0. A text with no word at all scores 207, the formula's value when both
//! ratios are zero: nothing to read is not hard to read. Callers that care test
//! `words == 0`.
//!
//! # Words
//!
//! Unicode word segmentation (UAX #29, `unicode-segmentation`). So `l'hôpital`
//! and `aujourd'hui` are one word each (the apostrophe joins letters), while
//! `rendez-vous` and `avant-après` are two (the hyphen splits). Not counted at
//! all, neither as words nor as syllables, because nobody reads them as prose:
//! URLs (`http://…`, `https://…`, `www.…`, anything with `://`), e-mail
//! addresses, `#hashtags` and `@mentions` (the whole whitespace-delimited token,
//! minus trailing punctuation), emoji and other symbols (UAX #29 does not yield
//! them as words).
//!
//! A token holding a digit (`15`, `2026`, `14h30`, `1er`) is a **number**: it
//! counts as one word of one syllable per digit, at most four. Reading a number
//! aloud costs roughly that much ("quinze" 1, "soixante-quinze" 4, "deux mille
//! vingt-six" 5), and big numbers are exactly what FALC (*facile à lire et à comprendre*, Inclusion Europe's
//! easy-to-read rules) asks to avoid, so
//! letting them weigh a little is the intent.
//!
//! # Sentences
//!
//! A sentence ends at `.`, `!`, `?` or `…` (a run such as `?!` or `...` and any
//! closing quote or bracket right after it belong to the sentence), and at a
//! line break when the line is blank (a paragraph break) or does not end with
//! `,`, `;` or `:`. Social posts use line breaks as full stops; a line that ends
//! with a comma or a colon visibly continues. Consequence, accepted: a list
//! introduced by `:` joins its first item.
//!
//! A `.` is *not* a sentence end when it is followed by a letter or digit
//! (`clinique.fr`, `1.5`), follows a known abbreviation (`Dr.`, `Pr.`, `Mme.`,
//! `etc.`, `cf.`, `env.`, `tél.`…) or a single capital letter (`M.`, initials
//! `J. Dupont`), or is followed on the same line by a lowercase word (`etc. et`,
//! `Bref… on continue`: a pause, not an end). `!` and `?` always end a sentence.
//! Punctuation inside a skipped token (a URL's `?` or `.`) never does. A
//! "sentence" holding no word (a line of emoji or hashtags) is not counted.
//!
//! # Syllables
//!
//! Convention: **written syllabification without the final mute e**, the count
//! a French schoolchild writes (`trai-te-ment` 3, `hô-pi-tal` 3) except that a
//! word-final mute `e`/`es` is dropped (`dé-pis-tage` 3, `chi-rur-gie` 3), as
//! in speech. Kandel & Moles' own convention could not be found; thresholds
//! must be calibrated on real posts with this counter.
//!
//! The counter lowercases the word and counts vowel groups over
//! `a à â ä e é è ê ë i î ï o ô ö u ù û ü y ÿ æ œ`, with these rules:
//!
//! 1. Vowel digraphs and trigraphs are one group, hence one syllable: `ai au
//!    eau ei eu ou oi œu ui ie io ia ue`… Before another vowel, `i`, `u` and
//!    `ou` are glides: `tion`, `tien`, `dia`, `nuit`, `oui` are one syllable
//!    (synaeresis, as spoken: `consultation` 4, `patiente` 2, `diabète` 2).
//! 2. Hiatus, i.e. a group split in two: a vowel with a diaeresis (`naïf`,
//!    `Noël`, `égoïste`); any vowel after `é` (`réunion`, `réalité`, `créé`);
//!    `é` after `a e è o` (`aéroport`, `poésie`, but not after `i u`: `pitié`);
//!    `ao` and `oa` (`aorte`, `oasis`, except `aon` as in `paon`); and `i`/`u`
//!    before a vowel after a consonant + `l`/`r` cluster (`cli-ent`,
//!    `ou-vri-er`, `fé-vri-er`, `cru-el`), except `ui` (`fruit`, `pluie`).
//! 3. `u` is not a vowel after `q` (`que`, `qu'il`), nor after `g` before
//!    `e é è ê i î y` (`guérir`, `langue`). `y` before a vowel is the consonant
//!    \[j\] (`yeux`, `voyage`, `crayon`); elsewhere it is a vowel (`lycée`).
//! 4. The apostrophe separates groups: `l'hôpital` 3, `aujourd'hui` 3,
//!    `qu'il` 1, `jusqu'à` 2.
//! 5. A final `e` or `es` is mute, unless nothing would be left: `le`, `je`,
//!    `les`, `que` keep their one syllable; `journée` 2, `études` 2.
//! 6. A final `-ent` is the mute 3rd-person-plural ending (`ils mangent` 2)
//!    or a pronounced nasal (`patient`, `souvent`, `moment`, `excellent`).
//!    Telling them apart needs grammar; the heuristic, documented here and
//!    tested: `-ent` is mute when
//!    - the previous word is a verb-only subject or clitic (`ils`, `elles`,
//!      `qu'ils`, `qu'elles`, `qui`, `ne`, `se`) or the word itself starts with
//!      an elided clitic (`s'`, `n'`, `m'`, `t'`): `ils aiment`, `s'inquiètent`;
//!    - or it follows a vowel (`étaient`, `soient`, `créent`, `continuent`,
//!      `jouent`), except `-ient` after a consonant (`patient`, `client`);
//!    - or the word ends in an ending that is, in practice, only verbal:
//!      `-nnent -ttent -ssent -ppent -gnent -illent -guent -chent -stent -rtent
//!      -ctent -euvent -oivent -ivent -trent -frent -vrent -brent -drent
//!      -prent -crent -rlent -eulent -ncent` (`viennent`, `soignent`,
//!      `accueillent`, `peuvent`, `montrent`, `commencent`).
//!
//!    Everything else keeps `-ent` as a syllable. `-ment`, `-dent`, `-tent`,
//!    `-sent`, `-gent` stay pronounced without a subject pronoun, because the
//!    nouns and adverbs (`traitement`, `accident`, `content`, `présent`,
//!    `urgent`) are more frequent in clinic posts than the verbs.
//! 7. An acronym (2 to 4 capitals, at most one vowel letter: `AVC`, `IRM`, `CHU`,
//!    `HTA`) is spelled, one syllable per letter. Disabled when most words of the
//!    text are in capitals, where `PAS` or `LES` are words.
//! 8. Any word with letters has at least one syllable (`M`, `Dr`).
//!
//! Measured accuracy (expected counts from standard syllabification under the
//! convention above): 67/69 = 97 % on the development list in the tests
//! (health vocabulary plus classic traps, used to shape the rules), and 38/38
//! on a held-out list of health words written after the rules were fixed;
//! 105/107 = 98 % overall. Known misses, kept as tests: `pays` (pa-ys, 2;
//! counted 1) and `coopération` (co-o-pé-ra-tion, 5; counted 4). Word lists
//! flatter a heuristic; expect a few more misses on running text (`-ent`
//! ambiguity, loanwords).
//!
//! # Thresholds
//!
//! [`thresholds`] returns values per [`Audience`]. Every one of them is an
//! inference, not a published norm: calibrate them on your own past posts
//! before turning a rule built on them into an error.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Readability measures of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    /// Words counted (numbers included; URLs, hashtags, mentions, emoji not).
    pub words: usize,
    /// Sentences holding at least one word.
    pub sentences: usize,
    /// Syllables over all counted words.
    pub syllables: usize,
    /// Kandel–Moles score: `207 − 1.015 × words/sentence − 73.6 × syllables/word`.
    pub score: f64,
    /// Byte range in the text of the sentence with the most words (the first
    /// one on a tie; `0..0` when there is no sentence).
    pub longest_sentence: Range<usize>,
    /// Words in that sentence.
    pub longest_sentence_words: usize,
}

/// Who a text is written for: each audience has its own [`thresholds`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Audience {
    /// Patients and their families, seniors included: plain language (FALC).
    Patients,
    /// Health professionals, who read jargon.
    Professionals,
    /// Teenagers and young adults.
    Young,
    /// Journalists.
    Press,
    /// Anyone else.
    General,
}

/// Readability a post should reach for an audience.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Threshold {
    /// Lowest acceptable Kandel–Moles score.
    pub min_score: f64,
    /// Most words acceptable in any single sentence.
    pub max_sentence_words: usize,
}

/// Thresholds per audience, calibrated on edcal's example calendar (the
/// `calendar/` folder of its repository).
///
/// `Patients` keeps a "seniors / FALC" level (70, 15, an inference from FALC
/// guidance): the example calendar's 42 patient texts
/// written in that style score 71–103 with sentences of 15 words at most,
/// and the one deliberately dense text (59 words in a sentence) scores 20.
/// For the other audiences the floor sits just under the lowest score of
/// the example's texts written for them and checked by hand as fitting
/// (edcal's `cargo run --example calibrate` prints the distribution): `Young`
/// 55 (lowest 58) and 20 words (plain-language advice: 15–20), `Press` 50 (lowest 51) and 30,
/// `General` 55 (lowest 57) and 30. `Professionals` read jargon, for which
/// Kandel–Moles says little (a Scoop.it headline of technical nouns scores
/// 2): only their sentence length is checked, at 35 words.
#[must_use]
pub fn thresholds(audience: Audience) -> Threshold {
    let (min_score, max_sentence_words) = match audience {
        Audience::Patients => (70.0, 15),
        Audience::Professionals => (0.0, 35),
        Audience::Young => (55.0, 20),
        Audience::Press => (50.0, 30),
        Audience::General => (55.0, 30),
    };
    Threshold {
        min_score,
        max_sentence_words,
    }
}

/// At least as many as the words [`analyse`] counts in `text`, found in
/// one light pass: a rule that needs a dozen words skips the analysis of
/// shorter texts (most posts on X or Instagram).
///
/// Every word (UAX #29) holds a letter or digit. Two neighbouring ASCII or
/// Latin letters and digits are always in the same word (rules WB5, WB8,
/// WB9, WB10), so counting each letter or digit that does not follow one of
/// those counts every word at least once; any other letter or digit
/// (superscripts, ideographs, other scripts) is counted on its own.
#[must_use]
pub fn words_at_most(text: &str) -> usize {
    /// ASCII letters and digits, and the Latin letters of U+00C0–U+024F
    /// (all `ALetter`; `×` and `÷` are not letters).
    fn latin(c: char) -> bool {
        c.is_ascii_alphanumeric() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
    }
    let mut words = 0;
    let mut after_latin = false;
    for c in text.chars() {
        let is_latin = latin(c);
        if (is_latin && !after_latin) || (!is_latin && c.is_alphanumeric()) {
            words += 1;
        }
        after_latin = is_latin;
    }
    words
}

/// Measures `text`. See the module documentation for every counting rule.
#[must_use]
pub fn analyse(text: &str) -> Readability {
    let skips = skipped_tokens(text);
    let sentences = sentence_ranges(text, &skips);
    let acronyms = !mostly_capitals(text);
    // One buffer for the whole text: the syllable counter lowercases into it.
    let mut buf = Vec::new();

    let mut words = 0;
    let mut syllables = 0;
    let mut counted_sentences = 0;
    let mut longest_sentence = 0..0;
    let mut longest_sentence_words = 0;
    let mut skip = 0;

    for range in sentences {
        let mut in_sentence = 0;
        let mut previous: Option<&str> = None;
        for (offset, word) in text[range.clone()].unicode_word_indices() {
            let at = range.start + offset;
            while skip < skips.len() && skips[skip].end <= at {
                skip += 1;
            }
            if skips.get(skip).is_some_and(|r| r.contains(&at)) {
                continue;
            }
            in_sentence += 1;
            let verb = previous.is_some_and(is_verb_subject) || starts_with_clitic(word);
            syllables += count_word(word, verb, acronyms, &mut buf);
            previous = Some(word);
        }
        if in_sentence == 0 {
            continue;
        }
        counted_sentences += 1;
        words += in_sentence;
        if in_sentence > longest_sentence_words {
            longest_sentence_words = in_sentence;
            longest_sentence = range;
        }
    }

    Readability {
        words,
        sentences: counted_sentences,
        syllables,
        score: kandel_moles(words, counted_sentences, syllables),
        longest_sentence,
        longest_sentence_words,
    }
}

/// Syllables in one French word, out of context (so a verb's `-ent` is only
/// recognised by its ending; see rule 6 of the module documentation).
#[must_use]
pub fn syllables(word: &str) -> usize {
    count_word(word, false, true, &mut Vec::new())
}

/// The words of `text` that weigh most on its score: those of at least
/// `min_syllables` syllables, each once (ignoring case), most syllables first
/// and, on a tie, in the order of the text; at most `max` of them. Numbers,
/// acronyms, URLs, hashtags and mentions are left out: there is no shorter
/// word to write for them.
#[must_use]
pub fn long_words(text: &str, min_syllables: usize, max: usize) -> Vec<&str> {
    let skips = skipped_tokens(text);
    let acronyms = !mostly_capitals(text);
    let mut buf = Vec::new();
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    for (at, word) in text.unicode_word_indices() {
        if skips.iter().any(|r| r.contains(&at))
            || word.chars().any(|c| c.is_ascii_digit())
            || (acronyms && is_acronym(word))
        {
            continue;
        }
        let n = count_word(word, false, acronyms, &mut buf);
        if n >= min_syllables
            && !found
                .iter()
                .any(|(_, _, w)| w.to_lowercase() == word.to_lowercase())
        {
            found.push((n, at, word));
        }
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().take(max).map(|(_, _, w)| w).collect()
}

#[allow(clippy::cast_precision_loss)] // counts of a social post are far below 2^52
fn kandel_moles(words: usize, sentences: usize, syllables: usize) -> f64 {
    if words == 0 || sentences == 0 {
        return 207.0;
    }
    let words_per_sentence = words as f64 / sentences as f64;
    let syllables_per_word = syllables as f64 / words as f64;
    207.0 - 1.015 * words_per_sentence - 73.6 * syllables_per_word
}

/// Byte ranges of URLs, e-mail addresses, hashtags and mentions, in order.
fn skipped_tokens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // A hashtag, mention, e-mail address or URL holds one of these bytes:
    // most texts have none, and are not cut into tokens at all.
    let marker = |b: u8| matches!(b, b'#' | b'@' | b':' | b'w' | b'W');
    if !text.bytes().any(marker) {
        return out;
    }
    let mut start = None;
    let end = std::iter::once((text.len(), ' '));
    for (i, c) in text.char_indices().chain(end) {
        if !c.is_whitespace() {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else { continue };
        let token = &text[s..i];
        if !token.bytes().any(marker) {
            continue;
        }
        let lead = token.len() - token.trim_start_matches(['(', '[', '«', '"']).len();
        let core = token[lead..].trim_end_matches([
            '.', ',', ';', ':', '!', '?', '…', ')', ']', '»', '"', '\'', '’', '”',
        ]);
        if is_skipped(core) {
            out.push(s + lead..s + lead + core.len());
        }
    }
    out
}

fn is_skipped(token: &str) -> bool {
    let tagged = token
        .strip_prefix(['#', '@'])
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphanumeric);
    let url = token.contains("://")
        || token
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."));
    let email = token
        .find('@')
        .is_some_and(|at| at > 0 && token[at..].contains('.'));
    tagged || url || email
}

/// Abbreviations whose final `.` does not end a sentence (compared ignoring
/// ASCII case). Single letters are handled apart (`M.`, initials, `p.`).
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "pr", "prs", "mme", "mmes", "mlle", "mlles", "mm", "st", "ste", "etc", "cf",
    "env", "tél", "tel", "av", "bd", "ex", "réf", "ref", "fig", "vol", "coll", "hab", "approx",
    "pp",
];

fn sentence_ranges(text: &str, skips: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut line_last: Option<char> = None;
    let mut skip = 0;
    let mut chars = text.char_indices().peekable();

    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            let continues = matches!(line_last, Some(',' | ';' | ':'));
            if !continues {
                close(&mut out, &mut start, end);
            }
            line_last = None;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        line_last = Some(c);
        // A closing quote or bracket left over after a terminator (`Bravo. »`)
        // must not open the next sentence.
        if start.is_none() && is_closer(c) {
            continue;
        }
        start.get_or_insert(i);
        end = i + c.len_utf8();

        while skip < skips.len() && skips[skip].end <= i {
            skip += 1;
        }
        if skips.get(skip).is_some_and(|r| r.contains(&i)) {
            continue;
        }
        if ends_sentence(text, i, c) {
            while let Some(&(j, d)) = chars.peek() {
                if !(matches!(d, '.' | '!' | '?' | '…') || is_closer(d)) {
                    break;
                }
                end = j + d.len_utf8();
                line_last = Some(d);
                chars.next();
            }
            close(&mut out, &mut start, end);
        }
    }
    close(&mut out, &mut start, end);
    out
}

fn close(out: &mut Vec<Range<usize>>, start: &mut Option<usize>, end: usize) {
    if let Some(s) = start.take() {
        out.push(s..end);
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '»' | ')' | ']' | '\'' | '’' | '”')
}

fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' => true,
        '.' | '…' => {
            let after = &text[i + c.len_utf8()..];
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                return false;
            }
            if c == '.' && is_abbreviation(&text[..i]) {
                return false;
            }
            // `etc. et`, `Bref… on continue`: a lowercase word on the same line
            // means the sentence goes on.
            let next = after
                .trim_start_matches(['.', '…', ' ', '\t', '\u{a0}', '\u{202f}'])
                .chars()
                .next();
            !next.is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Whether the word right before a `.` (the end of `before`) is an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(k, _)| k);
    let word = &before[word_start..];
    let mut letters = word.chars();
    match (letters.next(), letters.next()) {
        (None, _) => false,
        (Some(first), None) => first.is_uppercase() || first == 'p',
        // Byte-wise ASCII folding: `Tél` matches `tél`, non-ASCII bytes compare as is.
        _ => ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)),
    }
}

/// Whether most words of two letters or more are written in capitals.
fn mostly_capitals(text: &str) -> bool {
    let (mut capitals, mut others) = (0usize, 0usize);
    for word in text.split_whitespace() {
        if word.chars().filter(|c| c.is_alphabetic()).nth(1).is_none() {
            continue;
        }
        if word.chars().any(char::is_lowercase) {
            others += 1;
        } else {
            capitals += 1;
        }
    }
    capitals > others
}

/// Words after which a final `-ent` is the verb ending (rule 6).
fn is_verb_subject(word: &str) -> bool {
    const SUBJECTS: &[&str] = &[
        "ils",
        "elles",
        "qu'ils",
        "qu'elles",
        "qu’ils",
        "qu’elles",
        "qui",
        "ne",
        "se",
    ];
    SUBJECTS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// `s'inquiètent`, `n'hésitent`: an elided clitic pronoun only precedes verbs.
fn starts_with_clitic(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('s' | 'S' | 'n' | 'N' | 'm' | 'M' | 't' | 'T'),
            Some('\'' | '’')
        )
    )
}

fn count_word(word: &str, verb: bool, acronyms: bool, buf: &mut Vec<char>) -> usize {
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    if digits > 0 {
        return digits.min(4);
    }
    if acronyms && is_acronym(word) {
        return word.chars().count();
    }
    buf.clear();
    if word.is_ascii() {
        // Most French words but the accented ones: one char per byte, and
        // an exact-size copy instead of a push per `to_lowercase` char.
        buf.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
    let end = spoken_end(buf, verb);
    count_groups(buf, end).max(1)
}

fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    let mut vowels = 0;
    for c in word.chars() {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
        if matches!(c, 'A' | 'E' | 'I' | 'O' | 'U' | 'Y') {
            vowels += 1;
        }
    }
    (2..=4).contains(&letters) && vowels <= 1
}

fn is_vowel_letter(c: char) -> bool {
    matches!(
        c,
        'a' | 'à'
            | 'â'
            | 'ä'
            | 'e'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'i'
            | 'î'
            | 'ï'
            | 'o'
            | 'ô'
            | 'ö'
            | 'u'
            | 'ù'
            | 'û'
            | 'ü'
            | 'y'
            | 'ÿ'
            | 'æ'
            | 'œ'
    )
}

/// Whether `w[k]` is pronounced as (part of) a vowel (rule 3).
fn is_vowel_at(w: &[char], k: usize) -> bool {
    let next = w.get(k + 1).copied();
    match w[k] {
        'u' => match k.checked_sub(1).map(|p| w[p]) {
            Some('q') => false,
            Some('g') => !matches!(next, Some('e' | 'é' | 'è' | 'ê' | 'i' | 'î' | 'y')),
            _ => true,
        },
        'y' | 'ÿ' => !next.is_some_and(is_vowel_letter),
        c => is_vowel_letter(c),
    }
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    w.len() >= n && w[w.len() - n..].iter().copied().eq(suffix.chars())
}

/// Endings in `-ent` that are, in practice, only verbal (rule 6).
const VERB_ENDINGS: &[&str] = &[
    "nnent", "ttent", "ssent", "ppent", "gnent", "illent", "guent", "chent", "stent", "rtent",
    "ctent", "euvent", "oivent", "ivent", "trent", "frent", "vrent", "brent", "drent", "prent",
    "crent", "rlent", "eulent", "ncent",
];

/// Length of the pronounced part of the word: drops a mute final `e`, `es`
/// or verbal `ent` (rules 5 and 6) when a vowel remains before it.
fn spoken_end(w: &[char], verb: bool) -> usize {
    let n = w.len();
    let has_vowel = |end: usize| (0..end).any(|k| is_vowel_at(w, k));
    if ends_with(w, "ent") && has_vowel(n - 3) && mute_ent(w, verb) {
        return n - 3;
    }
    if ends_with(w, "es") && has_vowel(n - 2) {
        return n - 2;
    }
    if ends_with(w, "e") && has_vowel(n - 1) {
        return n - 1;
    }
    n
}

fn mute_ent(w: &[char], verb: bool) -> bool {
    if verb {
        return true;
    }
    let stem = w.len() - 3;
    let before = stem - 1; // has_vowel(stem) held, so stem >= 1
    if w[before] == 'i' {
        // `aient`, `oient`, `uient` are verbal; `patient`, `client` are not.
        return before > 0 && is_vowel_letter(w[before - 1]);
    }
    if is_vowel_at(w, before) {
        return true;
    }
    VERB_ENDINGS.iter().any(|e| ends_with(w, e))
}

/// Vowel groups in `w[..end]`, letters classified in the whole word's context
/// (the `u` of `langue` stays silent once the mute `e` is cut off).
fn count_groups(w: &[char], end: usize) -> usize {
    let mut groups = 0;
    let mut previous_vowel = false;
    for k in 0..end {
        let vowel = is_vowel_at(w, k);
        if vowel && (!previous_vowel || hiatus(w, k)) {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    groups
}

/// Whether the vowel `w[k]`, following the vowel `w[k - 1]`, starts a new
/// syllable (rule 2).
fn hiatus(w: &[char], k: usize) -> bool {
    let c = w[k];
    let p = w[k - 1];
    matches!(c, 'ë' | 'ï' | 'ü')
        || p == 'é'
        || (c == 'é' && matches!(p, 'a' | 'e' | 'è' | 'o'))
        || (p == 'a' && matches!(c, 'o' | 'ô') && w.get(k + 1) != Some(&'n'))
        || (p == 'o' && c == 'a')
        || (matches!(p, 'i' | 'u') && !(p == 'u' && c == 'i') && after_cluster(w, k - 1))
}

/// Whether `w[j]` follows a consonant + liquid cluster (`cl`, `pr`, `tr`…).
fn after_cluster(w: &[char], j: usize) -> bool {
    j >= 2
        && matches!(w[j - 1], 'l' | 'r')
        && matches!(
            w[j - 2],
            'b' | 'c' | 'd' | 'f' | 'g' | 'k' | 'p' | 't' | 'v'
        )
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_words_are_the_longest_first_each_once() {
        let text = "L'hospitalisation ambulatoire évite l'hospitalisation. \
                    Consultez https://example.org/consultation-anesthesie #Prévention \
                    en 2026 avec l'IRM.";
        assert_eq!(long_words(text, 4, 3), ["L'hospitalisation", "ambulatoire"]);
        assert!(long_words("Un mot court.", 3, 3).is_empty());
    }

    use super::*;

    /// Expected counts: standard written syllabification, final mute e dropped.
    const WORDS: &[(&str, usize)] = &[
        ("hôpital", 3),
        ("patiente", 2),
        ("consultation", 4),
        ("chirurgie", 3),
        ("dépistage", 3),
        ("cancer", 2),
        ("rein", 1),
        ("aujourd'hui", 3),
        ("aujourd’hui", 3),
        ("ophtalmologie", 5),
        ("médecin", 3),
        ("infirmière", 3),
        ("clinique", 2),
        ("santé", 2),
        ("urgences", 2),
        ("vaccination", 4),
        ("diabète", 2),
        ("cœur", 1),
        ("sein", 1),
        ("prévention", 3),
        ("mammographie", 4),
        ("oncologie", 4),
        ("maladie", 3),
        ("rééducation", 5),
        ("pédiatrie", 3),
        ("anesthésie", 4),
        ("radiologie", 4),
        ("échographie", 4),
        ("kinésithérapeute", 6),
        ("cardiologue", 3),
        ("orthophoniste", 4),
        ("médicament", 4),
        ("traitement", 3),
        ("examen", 3),
        ("accueil", 2),
        ("naïf", 2),
        ("Noël", 2),
        ("égoïste", 3),
        ("poésie", 3),
        ("réunion", 3),
        ("aorte", 2),
        ("client", 2),
        ("février", 3),
        ("patient", 2),
        ("souvent", 2),
        ("excellent", 3),
        ("étaient", 2),
        ("viennent", 1),
        ("soignent", 1),
        ("accueillent", 2),
        ("le", 1),
        ("les", 1),
        ("que", 1),
        ("guérir", 2),
        ("langue", 1),
        ("voyage", 2),
        ("yeux", 1),
        ("oiseau", 2),
        ("feuille", 1),
        ("famille", 2),
        ("nuit", 1),
        ("pluie", 1),
        ("lycée", 2),
        ("l'hôpital", 3),
        ("qu'il", 1),
        ("AVC", 3),
        ("EHPAD", 2),
    ];

    /// Known misses, kept so a fix shows up and the measured accuracy stays
    /// honest: (word, true count, what the heuristic says).
    const MISSES: &[(&str, usize, usize)] = &[("pays", 2, 1), ("coopération", 5, 4)];

    proptest::proptest! {
        #[test]
        fn words_at_most_bounds_the_words_analysed(
            text in proptest::string::string_regex(
                "([a-zA-Z0-9éèàçœÉÀ²³¹½ª°×÷'’.,;:!?#@/_\\- \n]|https://x\\.fr|\\u{301}|\\u{ad}|日本|カタ|ไทย|😀){0,80}"
            ).unwrap()
        ) {
            let analysed = analyse(&text).words;
            proptest::prop_assert!(words_at_most(&text) >= analysed, "{text:?}: {analysed}");
        }
    }

    #[test]
    fn words_at_most_is_close_for_french() {
        let text = "L'hôpital ouvre à 8h30 : prenez rendez-vous aujourd’hui !";
        assert_eq!(analyse(text).words, 8);
        assert_eq!(words_at_most(text), 10);
        assert_eq!(words_at_most(""), 0);
        assert_eq!(words_at_most("x² 日本"), 4);
    }

    #[test]
    fn case_does_not_change_syllables_ascii_or_not() {
        for word in [
            "Traitement",
            "HOPITAL",
            "Hôpital",
            "DÉPISTAGE",
            "Chirurgie",
            "ŒUVRE",
        ] {
            assert_eq!(syllables(word), syllables(&word.to_lowercase()), "{word}");
        }
        assert_eq!(syllables("TRAITEMENT"), 3);
        assert_eq!(syllables("HÔPITAL"), 3);
    }

    #[test]
    fn syllables_of_the_word_list() {
        let wrong: Vec<_> = WORDS
            .iter()
            .filter(|(w, n)| syllables(w) != *n)
            .map(|(w, n)| format!("{w}: expected {n}, got {}", syllables(w)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
        // The accuracy quoted in the module documentation: 67 right of 69.
        assert_eq!((WORDS.len(), WORDS.len() + MISSES.len()), (67, 69));
    }

    /// Written after the rules were fixed and never tuned on: the honest
    /// accuracy figure. Expected counts as for `WORDS`.
    const HELD_OUT: &[(&str, usize)] = &[
        ("opération", 4),
        ("infirmier", 3),
        ("ambulance", 3),
        ("médecine", 3),
        ("douleur", 2),
        ("sommeil", 2),
        ("allergie", 3),
        ("arthrose", 2),
        ("vieillesse", 2),
        ("rhumatologie", 5),
        ("neurologie", 4),
        ("pneumonie", 3),
        ("hospitalisation", 6),
        ("prothèse", 2),
        ("ordonnance", 3),
        ("pharmacie", 3),
        ("grippe", 1),
        ("vaccin", 2),
        ("bénévole", 3),
        ("ensemble", 2),
        ("juillet", 2),
        ("soignant", 2),
        ("obésité", 4),
        ("audition", 3),
        ("ouvert", 2),
        ("quotidien", 3),
        ("hygiène", 2),
        ("nutrition", 3),
        ("diététicienne", 4),
        ("réanimation", 5),
        ("cataracte", 3),
        ("bronchiolite", 3),
        ("ostéoporose", 5),
        ("mercredi", 3),
        ("vingt", 1),
        ("lieu", 1),
        ("Alzheimer", 3),
        ("ophtalmologue", 4),
    ];

    #[test]
    fn held_out_accuracy() {
        let wrong: Vec<_> = HELD_OUT
            .iter()
            .filter(|(w, n)| syllables(w) != *n)
            .map(|(w, n)| format!("{w}: expected {n}, got {}", syllables(w)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn known_misses_are_still_missed() {
        for (word, truth, counted) in MISSES {
            assert_ne!(
                syllables(word),
                *truth,
                "{word} is now right: move it to WORDS"
            );
            assert_eq!(syllables(word), *counted, "{word}");
        }
    }

    #[test]
    fn verb_ending_needs_context() {
        // Out of context `mangent` and `aiment` read as nouns.
        assert_eq!(syllables("mangent"), 2);
        let r = analyse("Ils mangent. Elles aiment.");
        assert_eq!(r.syllables, 1 + 1 + 1 + 1);
        assert_eq!(analyse("Elles s'inquiètent").syllables, 1 + 2);
    }

    #[test]
    fn numbers_count_one_syllable_per_digit_up_to_four() {
        let r = analyse("Le 15 octobre 2026");
        assert_eq!(r.words, 4);
        // le 1 + 15 → 2 + oc-tobre 2 + 2026 → 4
        assert_eq!(r.syllables, 9);
    }

    #[test]
    fn acronyms_are_spelled_unless_the_text_shouts() {
        assert_eq!(analyse("Un AVC.").syllables, 1 + 3);
        assert_eq!(analyse("PAS DE PANIQUE").syllables, 1 + 1 + 2);
    }

    fn close_to(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn score_of_one_short_sentence() {
        // 3 words, 1 sentence, 3 syllables (le, chat, dort):
        // 207 − 1.015 × 3 − 73.6 × 3/3 = 207 − 3.045 − 73.6 = 130.355
        let r = analyse("Le chat dort.");
        assert_eq!((r.words, r.sentences, r.syllables), (3, 1, 3));
        assert!(close_to(r.score, 130.355), "{}", r.score);
    }

    #[test]
    fn score_of_two_sentences() {
        // Pre-nez 2, ren-dez 2, vous 1 | La 1, con-sul-ta-tion 4, est 1, gra-tuite 2
        // 7 words, 2 sentences, 13 syllables:
        // 207 − 1.015 × 7/2 − 73.6 × 13/7 = 207 − 3.5525 − 136.685714… = 66.761785…
        let r = analyse("Prenez rendez-vous. La consultation est gratuite.");
        assert_eq!((r.words, r.sentences, r.syllables), (7, 2, 13));
        assert!(close_to(r.score, 207.0 - 3.5525 - 73.6 * 13.0 / 7.0));
        assert!((r.score - 66.7618).abs() < 1e-4);
        assert_eq!(r.longest_sentence_words, 4);
        assert_eq!(
            &"Prenez rendez-vous. La consultation est gratuite."[r.longest_sentence],
            "La consultation est gratuite."
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_hashtags_are_ignored() {
        // Oc-tobre 2, Rose 1 | Faites 1, vous 1, dé-pis-ter 3 → 5 words, 2 sentences, 8 syllables
        // 207 − 1.015 × 5/2 − 73.6 × 8/5 = 207 − 2.5375 − 117.76 = 86.7025
        let text = "Octobre Rose\nFaites-vous dépister 🎗️\n\n#OctobreRose @clinique";
        let r = analyse(text);
        assert_eq!((r.words, r.sentences, r.syllables), (5, 2, 8));
        assert!(close_to(r.score, 86.7025), "{}", r.score);
        assert_eq!(&text[r.longest_sentence], "Faites-vous dépister 🎗️");
    }

    #[test]
    fn a_line_ending_with_a_comma_or_colon_continues() {
        let r = analyse("Au programme :\nconférence et ateliers,\npuis goûter.");
        assert_eq!(r.sentences, 1);
        assert_eq!(r.words, 7);
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let text = "Le Dr. Martin et M. Durand vous accueillent. Bienvenue !";
        let r = analyse(text);
        assert_eq!(r.sentences, 2);
        assert_eq!(r.longest_sentence_words, 8);
        assert_eq!(
            &text[r.longest_sentence],
            "Le Dr. Martin et M. Durand vous accueillent."
        );
        assert_eq!(analyse("Fruits, légumes, etc. et de l'eau.").sentences, 1);
        assert_eq!(analyse("Quoi ?! Vraiment... Oui.").sentences, 3);
    }

    #[test]
    fn urls_and_emails_are_neither_words_nor_sentence_ends() {
        let text = "Infos sur https://www.clinique.fr/rdv?x=1. Écrivez à contact@clinique.fr !";
        let r = analyse(text);
        assert_eq!(r.sentences, 2);
        assert_eq!(r.words, 2 + 2);
        assert_eq!(analyse("Site : www.clinique.fr").words, 1);
    }

    #[test]
    fn emoji_only_lines_are_not_sentences() {
        let r = analyse("Bravo à toute l'équipe\n🎉🎉🎉\nMerci");
        assert_eq!(r.sentences, 2);
    }

    #[test]
    fn nothing_to_read_scores_the_ceiling() {
        let r = analyse("  #Santé 🎉 https://x.fr ");
        assert_eq!((r.words, r.sentences, r.syllables), (0, 0, 0));
        assert!(close_to(r.score, 207.0));
        assert_eq!(r.longest_sentence, 0..0);
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let text = "« Merci. » Au revoir.";
        let r = analyse(text);
        assert_eq!(r.sentences, 2);
    }

    #[test]
    fn thresholds_are_the_calibrated_ones() {
        assert_eq!(
            thresholds(Audience::Patients),
            Threshold {
                min_score: 70.0,
                max_sentence_words: 15
            }
        );
        assert_eq!(
            thresholds(Audience::General),
            Threshold {
                min_score: 55.0,
                max_sentence_words: 30
            }
        );
        assert_eq!(
            thresholds(Audience::Press),
            Threshold {
                min_score: 50.0,
                max_sentence_words: 30
            }
        );
        assert_eq!(
            thresholds(Audience::Professionals),
            Threshold {
                min_score: 0.0,
                max_sentence_words: 35
            }
        );
    }

    #[test]
    fn plain_post_beats_jargon() {
        let plain = analyse("Venez vous faire dépister. C'est rapide. C'est gratuit.");
        let jargon = analyse(
            "La consultation pluridisciplinaire d'oncogériatrie permet l'évaluation \
             multidimensionnelle des patients âgés présentant une pathologie cancéreuse.",
        );
        let patients = thresholds(Audience::Patients);
        assert!(plain.score >= patients.min_score, "{}", plain.score);
        assert!(jargon.score < patients.min_score, "{}", jargon.score);
    }
}
