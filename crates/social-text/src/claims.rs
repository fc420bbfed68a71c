//! Risky claims in a post's text: guarantees, absolute promises, comparisons,
//! before/after, commercial incentives, sensational words and testimonials,
//! found from a lexicon of French phrases. The concerns are those of French
//! law on health professionals' communication (articles R.4127-19 and
//! R.4127-19-1 of the Code de la santé publique, CSP), of R.5122-4 CSP for
//! medicines, and of the Ordre des médecins' guidance on it.
//!
//! This module owns the lexicon and the matching. It returns byte ranges and a
//! [`ClaimKind`]; the caller decides severity (an error or a warning per
//! [`rule`]; a testimonial may matter only when a physician is featured), so
//! nothing here knows about configuration or rendering.
//!
//! # Matching
//!
//! The text is folded once into a buffer: lowercase, accents removed (NFD,
//! combining marks dropped), `œ`/`æ` spelt out, every Unicode space (NBSP,
//! narrow NBSP U+202F, tab, line break…) made a plain space, typographic
//! apostrophes made `'`, dashes and the minus sign made `-`, `º` made `°`. A
//! side table maps each folded byte back to its source byte, so claims carry
//! byte ranges into the original text.
//!
//! Lexicon patterns are written folded, with four operators: a space matches
//! zero or more spaces (`100 % efficace` matches `100%efficace`,
//! `100 % efficace`); `~` matches one or more separators among space, `/`,
//! `-`, `|`, `&`, `>`, `\` (`avant~apres`); `#` matches one or more digits;
//! `x?` makes the ASCII letter `x` optional (`garantie?s?`). A match must start
//! at a word boundary and, when the pattern ends with a letter or digit, end at
//! one: `promo` does not match `promotion`, `n°1` does not match `n°12`.
//!
//! Overlapping matches are resolved leftmost-longest, and the **exceptions**
//! table takes part: an exception that starts earlier or runs longer than a
//! claim suppresses it (`pas sans risque`, `le meilleur moment`, `salle n°1`).
//! Each text is folded once into one buffer and every pattern is tried only at
//! word starts whose first byte can begin it, so 100,000 posts cost a few
//! allocations each, not one per word.
//!
//! # Borderline decisions
//!
//! - `gratuit` alone is **not** flagged: "le dépistage organisé est gratuit"
//!   and "conférence gratuite" are public-health facts. Free *acts* are:
//!   `consultation gratuite/offerte`, `bilan gratuit/offert`,
//!   `séance gratuite/offerte` incite to use care (R.4127-19-1).
//! - `promotion` alone is **not** flagged: "promotion de la santé" is a
//!   public-health term and "la promotion 2026 de l'IFSI" a graduating class.
//!   Only commercial forms are (`promo`, `en promotion`, `promotion sur`,
//!   `promotion spéciale/exceptionnelle`, `promotionnel`). Likewise `offre`
//!   alone is not (`offre de soins`), only `offre spéciale/limitée/…`.
//! - `meilleur` is flagged as a superlative with an article (`le meilleur`,
//!   `la meilleure clinique`, `les meilleurs`), before an establishment or
//!   profession noun, or with `que`. Not flagged: "pour une meilleure prise en
//!   charge", "de meilleures chances" (an improvement, not a comparison with
//!   others), and the exceptions `le meilleur moment/moyen`, `la meilleure
//!   façon/manière/prévention/protection`, `le meilleur accueil`, `meilleurs
//!   vœux`. So "Le meilleur moment pour se faire dépister, c'est maintenant ?"
//!   gives **no** finding: R.4127-19-1 forbids comparisons with other
//!   physicians or establishments, and a moment is neither.
//! - `mieux que` is flagged (under L-COMPARE) except `rien de mieux que`,
//!   `mieux que jamais`, `mieux que rien`; "mieux vaut prévenir que guérir" is
//!   not a `mieux que` sequence.
//! - `garanti` alone is **not** flagged ("votre anonymat est garanti"); only a
//!   guaranteed *result* is (`guérison garantie`, `résultat garanti`,
//!   `100 % garanti`…). `100 %` alone is not ("pris en charge à 100 %").
//! - `sans douleur` and `indolore` are both flagged
//!   as absolute claims (a warning under L-ABSOLUTE): same promise, so the
//!   same treatment, even if often true of an ultrasound scan. `pas sans
//!   risque/danger/douleur` is an honest statement and is excepted.
//! - `n°1`/`numéro 1` are flagged except after a place noun (`salle`,
//!   `bâtiment`, `porte`, `bus`…). `avant/après` (any separator, or a plain
//!   space) is flagged except before `repas` ("à prendre avant/après le
//!   repas"); "avant et après l'opération" is not a match.
//! - `-20 %` is flagged as a discount; a statistic written that way would be a
//!   false positive, accepted (write "20 % de moins").

use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// One risky phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// Byte range of the phrase in the original text.
    pub range: Range<usize>,
    /// What kind of claim it is.
    pub kind: ClaimKind,
    /// The lexicon entry that matched, in readable form (`sans risque`).
    pub phrase: &'static str,
}

/// Kinds of claim, one per concern of the law and guidance in the module
/// documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClaimKind {
    /// A guaranteed result: `guérison garantie`, `100 % garanti`.
    Guarantee,
    /// An absolute promise of safety or efficacy: `sans risque`, `sans douleur`.
    Absolute,
    /// A superlative or a comparison: `le meilleur`, `n°1`, `mieux que`.
    Comparison,
    /// Before/after wording: `avant/après`.
    BeforeAfter,
    /// A commercial incentive: `promo`, `-20 %`, `consultation gratuite`.
    Promotion,
    /// Sensational wording: `miracle`, `révolutionnaire`.
    Sensational,
    /// A patient testimonial or review: `nos patients témoignent`.
    Testimonial,
}

impl ClaimKind {
    /// Every kind, in declaration order.
    pub const ALL: [ClaimKind; 7] = [
        ClaimKind::Guarantee,
        ClaimKind::Absolute,
        ClaimKind::Comparison,
        ClaimKind::BeforeAfter,
        ClaimKind::Promotion,
        ClaimKind::Sensational,
        ClaimKind::Testimonial,
    ];

    /// Stable kebab-case name, for messages and tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Guarantee => "guarantee",
            ClaimKind::Absolute => "absolute",
            ClaimKind::Comparison => "comparison",
            ClaimKind::BeforeAfter => "before-after",
            ClaimKind::Promotion => "promotion",
            ClaimKind::Sensational => "sensational",
            ClaimKind::Testimonial => "testimonial",
        }
    }
}

/// The rule a kind feeds: a label grouping kinds that share a concern
/// (`L-ABSOLUTE`, `L-COMPARE`, `L-BEFORE-AFTER`, `L-INCITE`, `L-TESTIMONIAL`).
/// Guarantees sit under L-ABSOLUTE, "guérison garantie" being the typical
/// absolute promise; sensational words too, by inference (misleading,
/// unsubstantiated).
#[must_use]
pub fn rule(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Guarantee | ClaimKind::Absolute | ClaimKind::Sensational => "L-ABSOLUTE",
        ClaimKind::Comparison => "L-COMPARE",
        ClaimKind::BeforeAfter => "L-BEFORE-AFTER",
        ClaimKind::Promotion => "L-INCITE",
        ClaimKind::Testimonial => "L-TESTIMONIAL",
    }
}

/// Why a kind of claim is a problem, in one French line citing the article
/// of the Code de la santé publique (CSP) where one applies, the Ordre des médecins' guidance otherwise
/// (its public sources are listed in the manual's sources page).
#[must_use]
pub fn reason(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Guarantee => {
            "promesse de résultat : la communication doit être loyale et ne pas induire en \
             erreur (R.4127-19-1 CSP), l'Ordre proscrit tout résultat présenté comme garanti"
        }
        ClaimKind::Absolute => {
            "affirmation absolue : trompeuse au regard de R.4127-19-1 CSP ; R.5122-4 interdit, \
             pour les médicaments, de suggérer un effet assuré ou sans effet indésirable"
        }
        ClaimKind::Comparison => {
            "comparaison ou superlatif : la communication « ne repose pas sur des comparaisons \
             avec d'autres médecins ou établissements » (R.4127-19-1 CSP)"
        }
        ClaimKind::BeforeAfter => {
            "avant/après : l'Ordre proscrit les visuels « avant l'intervention / après \
             l'intervention » qui suggèrent un résultat garanti"
        }
        ClaimKind::Promotion => {
            "incitation commerciale : la médecine n'est pas un commerce et la communication \
             « n'incite pas à un recours inutile » aux soins (R.4127-19 et R.4127-19-1 CSP), \
             pas de codes promo"
        }
        ClaimKind::Sensational => {
            "vocabulaire sensationnel : information non loyale ou non scientifiquement étayée \
             (R.4127-19-1 CSP, R.5122-4 CSP)"
        }
        ClaimKind::Testimonial => {
            "témoignage ou avis de patient : la communication « ne fait pas appel à des \
             témoignages de tiers » (R.4127-19-1 CSP)"
        }
    }
}

/// One lexicon row: a folded pattern (operators in the module doc), its
/// readable form, and its kind.
struct Entry {
    pattern: &'static str,
    phrase: &'static str,
    kind: ClaimKind,
}

/// A phrase that looks like a claim but is ordinary health communication.
struct Exception {
    pattern: &'static str,
    phrase: &'static str,
    why: &'static str,
}

const fn e(pattern: &'static str, phrase: &'static str, kind: ClaimKind) -> Entry {
    Entry {
        pattern,
        phrase,
        kind,
    }
}

use ClaimKind::{
    Absolute, BeforeAfter, Comparison, Guarantee, Promotion, Sensational, Testimonial,
};

/// The lexicon. Patterns are folded: lowercase, no accents, `oe` for `œ`.
static LEXICON: &[Entry] = &[
    // Guaranteed results.
    e("guerisons? garanties?", "guérison garantie", Guarantee),
    e("guerisons? assurees?", "guérison assurée", Guarantee),
    e("guerisons? definitives?", "guérison définitive", Guarantee),
    e("guerir definitivement", "guérir définitivement", Guarantee),
    e("garantie de guerison", "garantie de guérison", Guarantee),
    e("garantie de resultats?", "garantie de résultat", Guarantee),
    e("resultats? garantis?", "résultat garanti", Guarantee),
    e("resultats? assures?", "résultat assuré", Guarantee),
    e("resultats? immediats?", "résultat immédiat", Guarantee),
    e("succes garantis?", "succès garanti", Guarantee),
    e("succes assures?", "succès assuré", Guarantee),
    e("efficacite garantie", "efficacité garantie", Guarantee),
    e("100 % garantie?s?", "100 % garanti", Guarantee),
    e("100 % de reussite", "100 % de réussite", Guarantee),
    e("100 % de guerison", "100 % de guérison", Guarantee),
    e("100 % de succes", "100 % de succès", Guarantee),
    e("a coup sur", "à coup sûr", Guarantee),
    e(
        "satisfaite?s? ou remboursee?s?",
        "satisfait ou remboursé",
        Guarantee,
    ),
    // Absolute safety or efficacy.
    e("sans risques?", "sans risque", Absolute),
    e("zero risques?", "zéro risque", Absolute),
    e("risque zero", "risque zéro", Absolute),
    e("aucun risque", "aucun risque", Absolute),
    e("sans danger", "sans danger", Absolute),
    e("sans douleurs?", "sans douleur", Absolute),
    e("indolores?", "indolore", Absolute),
    e(
        "sans effets? secondaires?",
        "sans effet secondaire",
        Absolute,
    ),
    e("aucun effet secondaire", "aucun effet secondaire", Absolute),
    e(
        "sans effets? indesirables?",
        "sans effet indésirable",
        Absolute,
    ),
    e(
        "aucun effet indesirable",
        "aucun effet indésirable",
        Absolute,
    ),
    e("100 % efficaces?", "100 % efficace", Absolute),
    e("efficaces? a 100 %", "efficace à 100 %", Absolute),
    // Superlatives and comparisons.
    e("le meilleur", "le meilleur", Comparison),
    e("la meilleure", "la meilleure", Comparison),
    e("les meilleure?s", "les meilleurs", Comparison),
    e("meilleure?s? que", "meilleur que", Comparison),
    e("meilleure?s? cliniques?", "meilleure clinique", Comparison),
    e("meilleure?s? centres?", "meilleur centre", Comparison),
    e("meilleure?s? hopital", "meilleur hôpital", Comparison),
    e("meilleurs hopitaux", "meilleurs hôpitaux", Comparison),
    e(
        "meilleure?s? etablissements?",
        "meilleur établissement",
        Comparison,
    ),
    e(
        "meilleure?s? chirurgiens?",
        "meilleur chirurgien",
        Comparison,
    ),
    e("meilleure?s? medecins?", "meilleur médecin", Comparison),
    e(
        "meilleure?s? specialistes?",
        "meilleur spécialiste",
        Comparison,
    ),
    e("mieux que", "mieux que", Comparison),
    e("plus efficaces? que", "plus efficace que", Comparison),
    e("le plus performant", "le plus performant", Comparison),
    e("la plus performante", "la plus performante", Comparison),
    e("les plus performante?s", "les plus performants", Comparison),
    e("n ° 1", "n° 1", Comparison),
    e("numero 1", "numéro 1", Comparison),
    e("numero un", "numéro un", Comparison),
    e("leaders?", "leader", Comparison),
    e("seule? cliniques?", "seule clinique", Comparison),
    e("seule? centres?", "seul centre", Comparison),
    e("seule? hopital", "seul hôpital", Comparison),
    e("seule? etablissements?", "seul établissement", Comparison),
    e("unique en france", "unique en France", Comparison),
    e("unique en europe", "unique en Europe", Comparison),
    e("incomparables?", "incomparable", Comparison),
    e("inegalee?s?", "inégalé", Comparison),
    e("sans egale?s?", "sans égal", Comparison),
    // Before / after.
    e("avant~apres", "avant/après", BeforeAfter),
    e("before~after", "before/after", BeforeAfter),
    // Commercial incentives.
    e("promos?", "promo", Promotion),
    e("en promotion", "en promotion", Promotion),
    e("promotion sur", "promotion sur", Promotion),
    e("promotions? speciales?", "promotion spéciale", Promotion),
    e(
        "promotions? exceptionnelles?",
        "promotion exceptionnelle",
        Promotion,
    ),
    e("promotionnell?e?s?", "promotionnel", Promotion),
    e("offres? speciales?", "offre spéciale", Promotion),
    e(
        "offres? exceptionnelles?",
        "offre exceptionnelle",
        Promotion,
    ),
    e("offres? limitees?", "offre limitée", Promotion),
    e("offres? de lancement", "offre de lancement", Promotion),
    e("offres? decouvertes?", "offre découverte", Promotion),
    e("-# %", "-20 %", Promotion),
    e("remise de #", "remise de …", Promotion),
    e("# % de remise", "… % de remise", Promotion),
    e("# % offerts?", "… % offert", Promotion),
    e("soldes", "soldes", Promotion),
    e("black friday", "Black Friday", Promotion),
    e("bons? plans?", "bon plan", Promotion),
    e("prix casses?", "prix cassé", Promotion),
    e("a prix reduits?", "à prix réduit", Promotion),
    e("tarifs? preferentiels?", "tarif préférentiel", Promotion),
    e(
        "consultations? gratuites?",
        "consultation gratuite",
        Promotion,
    ),
    e(
        "consultations? offertes?",
        "consultation offerte",
        Promotion,
    ),
    e("bilans? gratuits?", "bilan gratuit", Promotion),
    e("bilans? offerts?", "bilan offert", Promotion),
    e("seances? gratuites?", "séance gratuite", Promotion),
    e("seances? offertes?", "séance offerte", Promotion),
    e("essais? gratuits?", "essai gratuit", Promotion),
    e("devis gratuits?", "devis gratuit", Promotion),
    e("profitez~en", "profitez-en", Promotion),
    // Sensational wording.
    e("miracles?", "miracle", Sensational),
    e("miraculeux", "miraculeux", Sensational),
    e("miraculeuses?", "miraculeuse", Sensational),
    e("revolutionnaires?", "révolutionnaire", Sensational),
    e(
        "resultats? spectaculaires?",
        "résultat spectaculaire",
        Sensational,
    ),
    // Testimonials and reviews.
    e(
        "temoignages? de patiente?s?",
        "témoignage de patient",
        Testimonial,
    ),
    e(
        "nos patiente?s temoignent",
        "nos patients témoignent",
        Testimonial,
    ),
    e("avis patiente?s?", "avis patients", Testimonial),
    e("avis des patiente?s", "avis des patients", Testimonial),
    e("avis clients?", "avis clients", Testimonial),
    e("merci docteur", "merci docteur", Testimonial),
    e("5 etoiles", "5 étoiles", Testimonial),
];

const fn x(pattern: &'static str, phrase: &'static str, why: &'static str) -> Exception {
    Exception {
        pattern,
        phrase,
        why,
    }
}

const PLACE: &str = "a room or a bus line, not a ranking";
const HONEST: &str = "denies the absolute claim";
const ADVICE: &str = "public-health advice, not a comparison with others";

/// Phrases that contain a lexicon entry but are ordinary health communication.
static EXCEPTIONS: &[Exception] = &[
    x("pas sans risques?", "pas sans risque", HONEST),
    x("pas sans danger", "pas sans danger", HONEST),
    x("pas sans douleurs?", "pas sans douleur", HONEST),
    x("le meilleur moment", "le meilleur moment", ADVICE),
    x("le meilleur moyen", "le meilleur moyen", ADVICE),
    x("la meilleure facon", "la meilleure façon", ADVICE),
    x("la meilleure maniere", "la meilleure manière", ADVICE),
    x("la meilleure prevention", "la meilleure prévention", ADVICE),
    x("la meilleure protection", "la meilleure protection", ADVICE),
    x(
        "le meilleur accueil",
        "le meilleur accueil",
        "a courtesy formula",
    ),
    x(
        "les meilleurs voeux",
        "les meilleurs vœux",
        "season's greetings",
    ),
    x(
        "meilleure?s? que prevu",
        "meilleur que prévu",
        "compares with a forecast",
    ),
    x("rien de mieux que", "rien de mieux que", ADVICE),
    x(
        "mieux que jamais",
        "mieux que jamais",
        "compares with the past",
    ),
    x("mieux que rien", "mieux que rien", "idiom"),
    x("salle n ° 1", "salle n° 1", PLACE),
    x("batiment n ° 1", "bâtiment n° 1", PLACE),
    x("porte n ° 1", "porte n° 1", PLACE),
    x("pavillon n ° 1", "pavillon n° 1", PLACE),
    x("bloc n ° 1", "bloc n° 1", PLACE),
    x("chambre n ° 1", "chambre n° 1", PLACE),
    x("ligne n ° 1", "ligne n° 1", PLACE),
    x("bus n ° 1", "bus n° 1", PLACE),
    x("salle numero 1", "salle numéro 1", PLACE),
    x("batiment numero 1", "bâtiment numéro 1", PLACE),
    x(
        "avant~apres le repas",
        "avant/après le repas",
        "a dosage instruction",
    ),
    x(
        "avant~apres les repas",
        "avant/après les repas",
        "a dosage instruction",
    ),
    x(
        "avant~apres chaque repas",
        "avant/après chaque repas",
        "a dosage instruction",
    ),
];

/// Finds every claim in `text`, in order of position.
#[must_use]
pub fn find(text: &str) -> Vec<Claim> {
    let folded = Folded::new(text);
    // Most texts hold no claim: one pass for the words every claim needs
    // rules them out before any pattern is tried.
    if !ANCHORS.is_match(&folded.text) {
        return Vec::new();
    }
    let hay = folded.text.as_bytes();

    // (start, end, index): index < LEXICON.len() is a claim, above is an exception.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let mut previous_alphanumeric = false;
    for (i, c) in folded.text.char_indices() {
        if !previous_alphanumeric {
            for &(index, second) in &INDEX[usize::from(hay[i])] {
                if second.is_some_and(|b| hay.get(i + 1) != Some(&b)) {
                    continue;
                }
                let pattern = pattern_of(index).as_bytes();
                if let Some(end) = match_here(hay, i, pattern, 0)
                    && (!ends_in_word(pattern) || !starts_alphanumeric(&folded.text[end..]))
                {
                    hits.push((i, end, index));
                }
            }
        }
        previous_alphanumeric = c.is_alphanumeric();
    }

    // Leftmost-longest: earlier start first, then the longer match.
    hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut claims = Vec::new();
    let mut covered = 0;
    for (start, end, index) in hits {
        if start < covered {
            continue;
        }
        covered = end;
        if let Some(entry) = LEXICON.get(index) {
            claims.push(Claim {
                range: folded.source_range(start..end),
                kind: entry.kind,
                phrase: entry.phrase,
            });
        }
    }
    claims
}

/// Where a calendar's own risky phrases (`[rules] risky_phrases`) occur in
/// `text`: matched like the lexicon (case, accents, spaces and apostrophes
/// folded; whole words), as byte ranges of `text`, in order.
pub fn find_phrases(text: &str, phrases: &[String]) -> Vec<Range<usize>> {
    if phrases.is_empty() {
        return Vec::new();
    }
    let folded = Folded::new(text);
    let hay = folded.text.as_str();
    let mut found = Vec::new();
    for phrase in phrases {
        let mut needle = String::new();
        for c in phrase.trim().chars() {
            fold_char(c, &mut needle);
        }
        if needle.is_empty() {
            continue;
        }
        for (start, _) in hay.match_indices(needle.as_str()) {
            let end = start + needle.len();
            let before = hay[..start].chars().next_back();
            let after = hay[end..].chars().next();
            let word_start = !needle.starts_with(char::is_alphanumeric)
                || !before.is_some_and(char::is_alphanumeric);
            let word_end = !needle.ends_with(char::is_alphanumeric)
                || !after.is_some_and(char::is_alphanumeric);
            if word_start && word_end {
                found.push(folded.source_range(start..end));
            }
        }
    }
    found.sort_by_key(|r| (r.start, r.end));
    found.dedup();
    found
}

/// The lexicon as Markdown, for the README: kinds with their rule and reason,
/// then every flagged phrase, then the exceptions.
#[must_use]
pub fn markdown_table() -> String {
    let mut out = String::from("| Kind | Rule | Reason |\n|---|---|---|\n");
    for kind in ClaimKind::ALL {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            kind.name(),
            rule(kind),
            reason(kind)
        );
    }
    out.push_str("\n| Phrase | Kind |\n|---|---|\n");
    for entry in LEXICON {
        let _ = writeln!(out, "| {} | {} |", entry.phrase, entry.kind.name());
    }
    out.push_str("\nNot flagged (exceptions):\n\n| Phrase | Why |\n|---|---|\n");
    for exception in EXCEPTIONS {
        let _ = writeln!(out, "| {} | {} |", exception.phrase, exception.why);
    }
    out
}

fn pattern_of(index: usize) -> &'static str {
    match LEXICON.get(index) {
        Some(entry) => entry.pattern,
        None => EXCEPTIONS[index - LEXICON.len()].pattern,
    }
}

/// A pattern (its index among claims then exceptions) and the byte that
/// must follow its first, when known.
type Candidate = (usize, Option<u8>);

/// Patterns (claims then exceptions) by the byte a match can start with, so a
/// word start only tries the few patterns that could begin there; each with
/// the byte that must follow when the pattern's second byte is a plain,
/// required letter, so most of those few are ruled out without matching.
static INDEX: LazyLock<Vec<Vec<Candidate>>> = LazyLock::new(|| {
    let mut index = vec![Vec::new(); 256];
    for i in 0..LEXICON.len() + EXCEPTIONS.len() {
        let pattern = pattern_of(i).as_bytes();
        let second = pattern
            .get(1)
            .copied()
            .filter(|b| !matches!(b, b' ' | b'~' | b'#' | b'?'))
            .filter(|_| pattern.get(2) != Some(&b'?'));
        match pattern[0] {
            b'#' => (b'0'..=b'9').for_each(|d| index[usize::from(d)].push((i, None))),
            first => index[usize::from(first)].push((i, second)),
        }
    }
    index
});

/// The longest run of letters every match of `pattern` holds: its required
/// literal bytes, cut at each operator and each optional letter.
fn anchor(pattern: &str) -> &str {
    let bytes = pattern.as_bytes();
    let (mut best, mut start) = (0..0, 0);
    for i in 0..=bytes.len() {
        let ends = match bytes.get(i) {
            None | Some(b' ' | b'~' | b'#' | b'?') => true,
            // A letter made optional by the `?` after it.
            Some(_) => bytes.get(i + 1) == Some(&b'?'),
        };
        if ends {
            if i - start > best.len() {
                best = start..i;
            }
            start = i + 1;
        }
    }
    &pattern[best]
}

/// The anchors of the lexicon's patterns (not the exceptions', which only
/// matter where a claim matches), searched at once.
static ANCHORS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    // A DFA: a few hundred short words make a small one, and it reads a
    // text several times faster than the default automaton.
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(LEXICON.iter().map(|entry| anchor(entry.pattern)))
        .expect("the lexicon's anchors are a few hundred short words")
});

/// Whether the pattern ends with something that must be followed by a word
/// boundary (a letter, a digit, or an optional letter).
fn ends_in_word(pattern: &[u8]) -> bool {
    pattern
        .last()
        .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'#' || b == b'?')
}

fn starts_alphanumeric(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// Matches `pattern[p..]` against `hay[i..]`; returns the end of the match.
/// Backtracks only over `?`, so the cost is bounded by the pattern's length.
fn match_here(hay: &[u8], i: usize, pattern: &[u8], p: usize) -> Option<usize> {
    let Some(&op) = pattern.get(p) else {
        return Some(i);
    };
    let run = |accept: fn(u8) -> bool| {
        hay[i..]
            .iter()
            .position(|&b| !accept(b))
            .map_or(hay.len(), |k| i + k)
    };
    match op {
        b' ' => match_here(hay, run(|b| b == b' '), pattern, p + 1),
        b'~' => {
            let j = run(|b| matches!(b, b' ' | b'/' | b'-' | b'|' | b'&' | b'>' | b'\\'));
            if j == i {
                return None;
            }
            match_here(hay, j, pattern, p + 1)
        }
        b'#' => {
            let j = run(|b| b.is_ascii_digit());
            if j == i {
                return None;
            }
            match_here(hay, j, pattern, p + 1)
        }
        literal => {
            let optional = pattern.get(p + 1) == Some(&b'?');
            let next = if optional { p + 2 } else { p + 1 };
            if hay.get(i) == Some(&literal)
                && let Some(end) = match_here(hay, i + 1, pattern, next)
            {
                return Some(end);
            }
            if optional {
                match_here(hay, i, pattern, next)
            } else {
                None
            }
        }
    }
}

/// The text folded for matching, and the text it comes from.
struct Folded<'a> {
    text: String,
    source: &'a str,
}

impl<'a> Folded<'a> {
    fn new(source: &'a str) -> Self {
        // Runs of ASCII (most of a French text) are copied and folded in
        // place, a byte at a time; other characters one by one.
        let mut bytes = Vec::with_capacity(source.len());
        let mut one = String::new();
        let mut rest = source;
        while !rest.is_empty() {
            let ascii = rest
                .bytes()
                .position(|b| !b.is_ascii())
                .unwrap_or(rest.len());
            let start = bytes.len();
            bytes.extend_from_slice(&rest.as_bytes()[..ascii]);
            for b in &mut bytes[start..] {
                *b = if b.is_ascii_whitespace() {
                    b' '
                } else {
                    b.to_ascii_lowercase()
                };
            }
            rest = &rest[ascii..];
            if let Some(c) = rest.chars().next() {
                one.clear();
                fold_char(c, &mut one);
                bytes.extend_from_slice(one.as_bytes());
                rest = &rest[c.len_utf8()..];
            }
        }
        let text = String::from_utf8(bytes).expect("folding keeps UTF-8 whole");
        Folded { text, source }
    }

    /// The source byte range covering the source characters of `folded`:
    /// from the character that gave its first byte to the next character
    /// giving any byte after the one that gave its last (`œ` folds to two
    /// bytes from one character, a combining accent to none). Found by
    /// folding the source again, character by character: a match is rare,
    /// and keeping a source offset for every folded byte of every text cost
    /// more than all the searching.
    fn source_range(&self, folded: Range<usize>) -> Range<usize> {
        let mut at = 0;
        let mut start = None;
        let mut ended = false;
        let mut one = String::new();
        for (i, c) in self.source.char_indices() {
            one.clear();
            fold_char(c, &mut one);
            if one.is_empty() {
                continue;
            }
            if ended {
                return start.unwrap_or(i)..i;
            }
            let next = at + one.len();
            if start.is_none() && folded.start < next {
                start = Some(i);
            }
            ended = folded.end <= next;
            at = next;
        }
        start.unwrap_or(self.source.len())..self.source.len()
    }
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(if c.is_ascii_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        });
        return;
    }
    match c {
        c if c.is_whitespace() => out.push(' '),
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{00b4}' => out.push('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => out.push('-'),
        '\u{00ba}' => out.push('°'),
        '\u{ff05}' | '\u{fe6a}' => out.push('%'),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        _ => {
            for lower in c.to_lowercase() {
                decompose_canonical(lower, |d| {
                    if !is_combining_mark(d) {
                        out.push(d);
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_calendars_own_phrases_match_like_the_lexicon() {
        let phrases = vec!["prix réduit".to_owned(), "tarif préférentiel".to_owned()];
        let text = "Un PRIX REDUIT ce mois-ci ; pas de tarif préférentielle.";
        let found = find_phrases(text, &phrases);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].clone()], "PRIX REDUIT");
        assert!(find_phrases("aucune", &[String::new()]).is_empty());
    }

    use super::*;

    #[test]
    fn every_claim_holds_its_anchor() {
        assert_eq!(anchor("guerisons? garanties?"), "guerison");
        assert_eq!(anchor("# % efficaces?"), "efficace");
        assert_eq!(anchor("avant~apres"), "avant");
        for entry in LEXICON {
            let anchor = anchor(entry.pattern);
            assert!(!anchor.is_empty(), "{}", entry.pattern);
            // The readable phrase shows the pattern's words: its folded form
            // holds the anchor, which the search finds.
            let folded = Folded::new(entry.phrase).text;
            assert!(folded.contains(anchor), "{} in {folded}", entry.pattern);
            assert!(ANCHORS.is_match(&folded), "{folded}");
        }
    }

    fn kinds(text: &str) -> Vec<(ClaimKind, &str)> {
        find(text)
            .into_iter()
            .map(|c| (c.kind, &text[c.range]))
            .collect()
    }

    #[test]
    fn legitimate_health_communication_is_not_flagged() {
        let clean = [
            "Octobre Rose : le dépistage sauve des vies.",
            "La promotion de la santé est au cœur de notre projet.",
            "Le meilleur moment pour se faire dépister, c'est maintenant ?",
            "Le dépistage organisé est gratuit et pris en charge à 100 % par l'Assurance maladie.",
            "Rendez-vous salle n°1, au rez-de-chaussée.",
            "Pour une meilleure prise en charge, apportez votre carte Vitale.",
            "Un dépistage précoce offre de meilleures chances de guérison.",
            "Les consignes avant et après l'opération sont dans votre livret d'accueil.",
            "Félicitations à la promotion 2026 de l'IFSI !",
            "L'offre de soins s'étoffe avec un nouveau service de gériatrie.",
            "Votre anonymat est garanti.",
            "Mieux vaut prévenir que guérir.",
            "Rien de mieux que la marche pour garder la forme.",
            "La conférence est gratuite et ouverte à tous.",
            "Séance de remise en forme pour les seniors chaque mardi.",
            "Le vaccin n'est pas sans risque : parlez-en à votre médecin.",
            "À prendre avant/après le repas, selon l'ordonnance.",
            "La promotion des gestes barrières reste essentielle.",
            "Nos meilleurs vœux pour 2026 !",
            "Le Dr Martin vous reçoit au bâtiment numéro 1.",
            "La meilleure prévention reste le dépistage.",
            "Le risque est faible, mais parlez-en à votre médecin.",
        ];
        for text in clean {
            assert_eq!(kinds(text), [], "{text}");
        }
    }

    #[test]
    fn risky_claims_are_flagged() {
        let flagged: &[(&str, ClaimKind, &str)] = &[
            ("Une intervention sans risque.", Absolute, "sans risque"),
            ("Sans risques pour vous !", Absolute, "Sans risques"),
            ("Un laser 100 % efficace.", Absolute, "100 % efficace"),
            (
                "Un laser 100\u{a0}% efficace.",
                Absolute,
                "100\u{a0}% efficace",
            ),
            (
                "Un laser 100\u{202f}% efficace.",
                Absolute,
                "100\u{202f}% efficace",
            ),
            ("Un laser 100% efficace.", Absolute, "100% efficace"),
            ("Résultat 100% garanti !", Guarantee, "100% garanti"),
            (
                "GUÉRISON GARANTIE en 3 séances",
                Guarantee,
                "GUÉRISON GARANTIE",
            ),
            (
                "Nous sommes le meilleur centre de la région.",
                Comparison,
                "le meilleur",
            ),
            ("La meilleure clinique de Lyon.", Comparison, "La meilleure"),
            ("Clinique n°1 en France", Comparison, "n°1"),
            ("Clinique nº 1 en France", Comparison, "nº 1"),
            ("Le numéro 1 de la cataracte", Comparison, "numéro 1"),
            ("Bien mieux que l'hôpital d'à côté", Comparison, "mieux que"),
            ("Photos avant/après", BeforeAfter, "avant/après"),
            ("Photos avant-après", BeforeAfter, "avant-après"),
            ("AVANT / APRÈS", BeforeAfter, "AVANT / APRÈS"),
            ("Promo sur les bilans", Promotion, "Promo"),
            ("Code promo SANTE10", Promotion, "promo"),
            ("-20 % sur le blanchiment dentaire", Promotion, "-20 %"),
            ("Jusqu'à –30% ce mois-ci", Promotion, "–30%"),
            (
                "Première consultation gratuite !",
                Promotion,
                "consultation gratuite",
            ),
            ("Offre spéciale ce mois-ci", Promotion, "Offre spéciale"),
            (
                "Un traitement miracle contre l'arthrose",
                Sensational,
                "miracle",
            ),
            (
                "Une technique révolutionnaire.",
                Sensational,
                "révolutionnaire",
            ),
            ("Une opération sans douleur.", Absolute, "sans douleur"),
            (
                "Aucun effet secondaire.",
                Absolute,
                "Aucun effet secondaire",
            ),
            (
                "Nos patients témoignent",
                Testimonial,
                "Nos patients témoignent",
            ),
            (
                "Nos chirurgiens sont les meilleurs.",
                Comparison,
                "les meilleurs",
            ),
            (
                "Meilleurs chirurgiens de la région",
                Comparison,
                "Meilleurs chirurgiens",
            ),
        ];
        for (text, kind, matched) in flagged {
            assert_eq!(kinds(text), [(*kind, *matched)], "{text}");
        }
    }

    #[test]
    fn matches_respect_word_boundaries() {
        assert_eq!(kinds("La promotion de la santé"), []);
        assert_eq!(kinds("Une promotionnelle"), [(Promotion, "promotionnelle")]);
        assert_eq!(kinds("Le meilleurement du monde"), []);
        assert_eq!(kinds("Salle n°12"), []);
        assert_eq!(kinds("n°12 des ventes"), []);
        assert_eq!(kinds("Nos leaders d'opinion"), [(Comparison, "leaders")]);
        assert_eq!(kinds("covid-19 %"), []);
    }

    #[test]
    fn several_claims_in_one_post_come_in_order() {
        let text = "Promo ! Le meilleur laser, sans douleur et 100 % garanti.";
        let found = find(text);
        let phrases: Vec<_> = found.iter().map(|c| c.phrase).collect();
        assert_eq!(
            phrases,
            ["promo", "le meilleur", "sans douleur", "100 % garanti"]
        );
        assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
    }

    #[test]
    fn source_ranges_match_a_byte_by_byte_map() {
        // The reference: the source offset of every folded byte, kept
        // while folding, as `Folded` did before it refolded on demand.
        for text in [
            "Cœur : opération sans\u{202f}risque ✨",
            "gue\u{301}rison GARANTIE\u{301} — œuvre Æ",
            "e\u{301}\u{301}a\u{300}b œ",
            "",
        ] {
            let mut folded = String::new();
            let mut map = Vec::new();
            for (i, c) in text.char_indices() {
                super::fold_char(c, &mut folded);
                map.resize(folded.len(), i);
            }
            let f = super::Folded::new(text);
            assert_eq!(f.text, folded);
            for start in 0..folded.len() {
                for end in start + 1..=folded.len() {
                    let last = map[end - 1];
                    let expected_end = map[end..]
                        .iter()
                        .copied()
                        .find(|&s| s > last)
                        .unwrap_or(text.len());
                    assert_eq!(
                        f.source_range(start..end),
                        map[start]..expected_end,
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Cœur : opération sans\u{202f}risque ✨";
        let claims = find(text);
        assert_eq!(claims.len(), 1);
        assert_eq!(&text[claims[0].range.clone()], "sans\u{202f}risque");
        // A match ending inside a folded ligature still ends on a char boundary.
        assert_eq!(kinds("Vœux : promos"), [(Promotion, "promos")]);
    }

    #[test]
    fn every_claim_is_found_in_its_own_readable_phrase() {
        // The index rules patterns out by their first two bytes: each entry
        // must still be found in the phrase it documents (a claim may be
        // found as a longer entry of the same kind).
        // Phrases with `…` stand for a family (`remise de … %`).
        let missed: Vec<&str> = LEXICON
            .iter()
            .filter(|entry| !entry.phrase.contains('…'))
            .filter(|entry| {
                let text = format!("Ici, {} !", entry.phrase);
                !super::find(&text).iter().any(|c| c.kind == entry.kind)
            })
            .map(|entry| entry.phrase)
            .collect();
        assert!(missed.is_empty(), "{missed:?}");
    }

    #[test]
    fn lexicon_is_well_formed() {
        let all = LEXICON
            .iter()
            .map(|e| e.pattern)
            .chain(EXCEPTIONS.iter().map(|x| x.pattern));
        for pattern in all {
            let mut folded = String::new();
            pattern.chars().for_each(|c| fold_char(c, &mut folded));
            assert_eq!(folded, pattern, "pattern not written folded");
            assert!(!pattern.starts_with(['?', ' ', '~']), "{pattern}");
            for (i, b) in pattern.bytes().enumerate() {
                if b == b'?' {
                    assert!(pattern.as_bytes()[i - 1].is_ascii_lowercase(), "{pattern}");
                }
            }
        }
    }

    #[test]
    fn exceptions_shadow_a_claim() {
        for exception in EXCEPTIONS {
            let mut folded = String::new();
            exception
                .phrase
                .chars()
                .for_each(|c| fold_char(c, &mut folded));
            let claims_inside = LEXICON.iter().any(|entry| {
                (0..folded.len()).any(|i| {
                    folded.is_char_boundary(i)
                        && match_here(folded.as_bytes(), i, entry.pattern.as_bytes(), 0).is_some()
                })
            });
            assert!(
                claims_inside,
                "exception `{}` shadows no entry",
                exception.phrase
            );
            assert_eq!(find(exception.phrase), [], "{}", exception.phrase);
        }
    }

    #[test]
    fn every_kind_has_a_reason_with_a_source_and_lexicon_rows() {
        for kind in ClaimKind::ALL {
            let reason = reason(kind);
            assert!(
                reason.contains(" CSP") || reason.contains("l'Ordre"),
                "{kind:?}: {reason}"
            );
            assert!(rule(kind).starts_with("L-"));
            assert!(LEXICON.iter().any(|e| e.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn markdown_table_lists_every_entry() {
        let table = markdown_table();
        assert_eq!(
            table.lines().count(),
            2 + ClaimKind::ALL.len() + 1 + 2 + LEXICON.len() + 1 + 1 + 1 + 2 + EXCEPTIONS.len()
        );
        assert!(table.contains("| guérison garantie | guarantee |"));
        assert!(table.contains("| le meilleur moment |"));
    }
}
