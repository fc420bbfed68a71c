//! Which runs of text X counts as one emoji, worth 2 whatever their length.
//!
//! twitter-text 3.1 asks `twemoji-parser` 11.0.2 for emoji entities (its `package.json`
//! pins `^11.0.2`), and twemoji-parser finds them with one regular expression generated
//! from Twemoji's 2018 artwork, i.e. Unicode Emoji 11.0. This module owns a hand-written
//! matcher with the same branches, in the same order, over code-point tables derived from
//! that expression; it was checked against the library itself on a corpus of emoji,
//! sequences and French posts.
//!
//! What follows from matching Emoji 11.0 and not "any emoji" (and what a grapheme-cluster
//! approach would get wrong):
//! - a ZWJ sequence is one entity only if Twemoji 11 drew it: `👨‍⚕️` (man health worker)
//!   is, `🧑‍⚕️` (health worker, Emoji 12.1) and `❤️‍🔥` (Emoji 13.1) are not; their parts
//!   are then counted one by one (`🧑‍⚕️` = 2 + 1 + 2 = 5);
//! - a skin tone joins only a modifier base Twemoji 11 knew (`🫶🏽` = 2 + 2);
//! - text-style symbols such as `©`, `®`, `™` are emoji only with U+FE0F; `☺`, `↔`, `✔`
//!   are emoji bare too, unless U+FE0E follows;
//! - a keycap is an emoji with or without U+FE0F (`1⃣` = 2);
//! - only the 258 flag pairs of 2018 form one entity; a lone U+FE0F is an entity (2).
//!
//! It must not decide weights: the caller adds 2 per entity and walks over it.

use crate::count::in_ranges;

const ZWJ: char = '\u{200D}';
const VS15: char = '\u{FE0E}';
const VS16: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';

/// Fitzpatrick skin-tone modifiers U+1F3FB..U+1F3FF.
const TONES: &[(u32, u32)] = &[(0x1F3FB, 0x1F3FF)];

/// Man and woman, the bases of the profession sequences (`👩‍⚕️`, `👨‍🍳`, ...).
const MAN_WOMAN: &[(u32, u32)] = &[(0x1F468, 0x1F469)];

/// Objects that follow man/woman + ZWJ without U+FE0F: ear of rice, cooking, graduation
/// cap, microphone, palette, school, factory, computers, wrench, microscope, rocket, fire
/// engine, and the four hair components of Emoji 11.
const PROFESSIONS: &[(u32, u32)] = &[
    (0x1F33E, 0x1F33E),
    (0x1F373, 0x1F373),
    (0x1F393, 0x1F393),
    (0x1F3A4, 0x1F3A4),
    (0x1F3A8, 0x1F3A8),
    (0x1F3EB, 0x1F3EB),
    (0x1F3ED, 0x1F3ED),
    (0x1F4BB, 0x1F4BC),
    (0x1F527, 0x1F527),
    (0x1F52C, 0x1F52C),
    (0x1F680, 0x1F680),
    (0x1F692, 0x1F692),
    (0x1F9B0, 0x1F9B3),
];

/// Objects that follow man/woman + ZWJ and need U+FE0F: staff of Aesculapius (health
/// worker), scales (judge), airplane (pilot).
const PROFESSIONS_VS16: &[(u32, u32)] = &[(0x2695, 0x2696), (0x2708, 0x2708)];

/// Weight lifter, golfer, levitating man, detective, person bouncing ball: gendered with
/// a skin tone or U+FE0F before the ZWJ.
const SPORTS: &[(u32, u32)] = &[(0x26F9, 0x26F9), (0x1F3CB, 0x1F3CC), (0x1F574, 0x1F575)];

/// People that take `ZWJ ♀️` or `ZWJ ♂️`, with an optional skin tone.
const GENDERED: &[(u32, u32)] = &[
    (0x1F3C3, 0x1F3C4),
    (0x1F3CA, 0x1F3CA),
    (0x1F46E, 0x1F46E),
    (0x1F471, 0x1F471),
    (0x1F473, 0x1F473),
    (0x1F477, 0x1F477),
    (0x1F481, 0x1F482),
    (0x1F486, 0x1F487),
    (0x1F645, 0x1F647),
    (0x1F64B, 0x1F64B),
    (0x1F64D, 0x1F64E),
    (0x1F6A3, 0x1F6A3),
    (0x1F6B4, 0x1F6B6),
    (0x1F926, 0x1F926),
    (0x1F935, 0x1F935),
    (0x1F937, 0x1F939),
    (0x1F93D, 0x1F93E),
    (0x1F9B8, 0x1F9B9),
    (0x1F9D6, 0x1F9DD),
];

/// The other ZWJ sequences, in twemoji-parser's order: where one is a prefix of another the
/// longer comes first, so the first hit is the right one.
const ZWJ_SEQUENCES: &[&str] = &[
    "\u{1F468}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F48B}\u{200D}\u{1F468}",
    "\u{1F468}\u{200D}\u{1F468}\u{200D}\u{1F466}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F468}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F468}\u{200D}\u{1F467}\u{200D}\u{1F467}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F466}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F467}",
    "\u{1F469}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F48B}\u{200D}\u{1F468}",
    "\u{1F469}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F48B}\u{200D}\u{1F469}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F466}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F467}",
    "\u{1F468}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F468}",
    "\u{1F468}\u{200D}\u{1F466}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F467}\u{200D}\u{1F467}",
    "\u{1F468}\u{200D}\u{1F468}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F468}\u{200D}\u{1F467}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F469}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F468}",
    "\u{1F469}\u{200D}\u{2764}\u{FE0F}\u{200D}\u{1F469}",
    "\u{1F469}\u{200D}\u{1F466}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F467}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
    "\u{1F3F4}\u{200D}\u{2620}\u{FE0F}",
    "\u{1F441}\u{200D}\u{1F5E8}",
    "\u{1F468}\u{200D}\u{1F466}",
    "\u{1F468}\u{200D}\u{1F467}",
    "\u{1F469}\u{200D}\u{1F466}",
    "\u{1F469}\u{200D}\u{1F467}",
    "\u{1F46F}\u{200D}\u{2640}\u{FE0F}",
    "\u{1F46F}\u{200D}\u{2642}\u{FE0F}",
    "\u{1F93C}\u{200D}\u{2640}\u{FE0F}",
    "\u{1F93C}\u{200D}\u{2642}\u{FE0F}",
    "\u{1F9DE}\u{200D}\u{2640}\u{FE0F}",
    "\u{1F9DE}\u{200D}\u{2642}\u{FE0F}",
    "\u{1F9DF}\u{200D}\u{2640}\u{FE0F}",
    "\u{1F9DF}\u{200D}\u{2642}\u{FE0F}",
];

/// Symbols that are emoji only when U+FE0F follows: ©, ®, ™, chess pawn.
const VS16_ONLY: &[(u32, u32)] = &[
    (0xA9, 0xA9),
    (0xAE, 0xAE),
    (0x2122, 0x2122),
    (0x265F, 0x265F),
];

/// Text-default symbols that twemoji takes bare or with U+FE0F, never with U+FE0E.
const TEXT_DEFAULT: &[(u32, u32)] = &[
    (0x203C, 0x203C),
    (0x2049, 0x2049),
    (0x2139, 0x2139),
    (0x2194, 0x2199),
    (0x21A9, 0x21AA),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23ED, 0x23EF),
    (0x23F1, 0x23F2),
    (0x23F8, 0x23FA),
    (0x24C2, 0x24C2),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2600, 0x2604),
    (0x260E, 0x260E),
    (0x2611, 0x2611),
    (0x2614, 0x2615),
    (0x2618, 0x2618),
    (0x2620, 0x2620),
    (0x2622, 0x2623),
    (0x2626, 0x2626),
    (0x262A, 0x262A),
    (0x262E, 0x262F),
    (0x2638, 0x263A),
    (0x2640, 0x2640),
    (0x2642, 0x2642),
    (0x2648, 0x2653),
    (0x2660, 0x2660),
    (0x2663, 0x2663),
    (0x2665, 0x2666),
    (0x2668, 0x2668),
    (0x267B, 0x267B),
    (0x267F, 0x267F),
    (0x2692, 0x2697),
    (0x2699, 0x2699),
    (0x269B, 0x269C),
    (0x26A0, 0x26A1),
    (0x26AA, 0x26AB),
    (0x26B0, 0x26B1),
    (0x26BD, 0x26BE),
    (0x26C4, 0x26C5),
    (0x26C8, 0x26C8),
    (0x26CF, 0x26CF),
    (0x26D1, 0x26D1),
    (0x26D3, 0x26D4),
    (0x26E9, 0x26EA),
    (0x26F0, 0x26F5),
    (0x26F8, 0x26F8),
    (0x26FA, 0x26FA),
    (0x26FD, 0x26FD),
    (0x2702, 0x2702),
    (0x2708, 0x2709),
    (0x270F, 0x270F),
    (0x2712, 0x2712),
    (0x2714, 0x2714),
    (0x2716, 0x2716),
    (0x271D, 0x271D),
    (0x2721, 0x2721),
    (0x2733, 0x2734),
    (0x2744, 0x2744),
    (0x2747, 0x2747),
    (0x2757, 0x2757),
    (0x2763, 0x2764),
    (0x27A1, 0x27A1),
    (0x2934, 0x2935),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
    (0x1F004, 0x1F004),
    (0x1F170, 0x1F171),
    (0x1F17E, 0x1F17F),
    (0x1F202, 0x1F202),
    (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F),
    (0x1F237, 0x1F237),
    (0x1F321, 0x1F321),
    (0x1F324, 0x1F32C),
    (0x1F336, 0x1F336),
    (0x1F37D, 0x1F37D),
    (0x1F396, 0x1F397),
    (0x1F399, 0x1F39B),
    (0x1F39E, 0x1F39F),
    (0x1F3CD, 0x1F3CE),
    (0x1F3D4, 0x1F3DF),
    (0x1F3F3, 0x1F3F3),
    (0x1F3F5, 0x1F3F5),
    (0x1F3F7, 0x1F3F7),
    (0x1F43F, 0x1F43F),
    (0x1F441, 0x1F441),
    (0x1F4FD, 0x1F4FD),
    (0x1F549, 0x1F54A),
    (0x1F56F, 0x1F570),
    (0x1F573, 0x1F573),
    (0x1F576, 0x1F579),
    (0x1F587, 0x1F587),
    (0x1F58A, 0x1F58D),
    (0x1F5A5, 0x1F5A5),
    (0x1F5A8, 0x1F5A8),
    (0x1F5B1, 0x1F5B2),
    (0x1F5BC, 0x1F5BC),
    (0x1F5C2, 0x1F5C4),
    (0x1F5D1, 0x1F5D3),
    (0x1F5DC, 0x1F5DE),
    (0x1F5E1, 0x1F5E1),
    (0x1F5E3, 0x1F5E3),
    (0x1F5E8, 0x1F5E8),
    (0x1F5EF, 0x1F5EF),
    (0x1F5F3, 0x1F5F3),
    (0x1F5FA, 0x1F5FA),
    (0x1F6CB, 0x1F6CB),
    (0x1F6CD, 0x1F6CF),
    (0x1F6E0, 0x1F6E5),
    (0x1F6E9, 0x1F6E9),
    (0x1F6F0, 0x1F6F0),
    (0x1F6F3, 0x1F6F3),
];

/// Text-default modifier bases (☝, ✌, ✍, 🖐, ...): bare or with U+FE0F, then a skin tone.
const VS16_MODIFIER_BASES: &[(u32, u32)] = &[
    (0x261D, 0x261D),
    (0x26F7, 0x26F7),
    (0x26F9, 0x26F9),
    (0x270C, 0x270D),
    (0x1F3CB, 0x1F3CC),
    (0x1F574, 0x1F575),
    (0x1F590, 0x1F590),
];

/// Emoji-default modifier bases: the emoji, then an optional skin tone.
const MODIFIER_BASES: &[(u32, u32)] = &[
    (0x270A, 0x270B),
    (0x1F385, 0x1F385),
    (0x1F3C2, 0x1F3C4),
    (0x1F3C7, 0x1F3C7),
    (0x1F3CA, 0x1F3CA),
    (0x1F442, 0x1F443),
    (0x1F446, 0x1F450),
    (0x1F466, 0x1F469),
    (0x1F46E, 0x1F46E),
    (0x1F470, 0x1F478),
    (0x1F47C, 0x1F47C),
    (0x1F481, 0x1F483),
    (0x1F485, 0x1F487),
    (0x1F4AA, 0x1F4AA),
    (0x1F57A, 0x1F57A),
    (0x1F595, 0x1F596),
    (0x1F645, 0x1F647),
    (0x1F64B, 0x1F64F),
    (0x1F6A3, 0x1F6A3),
    (0x1F6B4, 0x1F6B6),
    (0x1F6C0, 0x1F6C0),
    (0x1F6CC, 0x1F6CC),
    (0x1F918, 0x1F91C),
    (0x1F91E, 0x1F91F),
    (0x1F926, 0x1F926),
    (0x1F930, 0x1F939),
    (0x1F93D, 0x1F93E),
    (0x1F9B5, 0x1F9B6),
    (0x1F9B8, 0x1F9B9),
    (0x1F9D1, 0x1F9DD),
];

/// England, Scotland, Wales: black flag + tag letters + cancel tag.
const TAG_FLAGS: &[&str] = &[
    "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "\u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}",
];

/// The regional-indicator pairs drawn as flags, written as the two ASCII letters.
const FLAGS: &str = "AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI \
    BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX \
    CY CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH \
    GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT JE JM \
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH \
    MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE \
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN \
    SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN US UY \
    UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// Emoji-default single code points with nothing attached (regional indicators and skin
/// tones alone included), and U+E50A, a private-use code point Twemoji draws.
const SINGLES: &[(u32, u32)] = &[
    (0x23E9, 0x23EC),
    (0x23F0, 0x23F0),
    (0x23F3, 0x23F3),
    (0x267E, 0x267E),
    (0x26CE, 0x26CE),
    (0x2705, 0x2705),
    (0x2728, 0x2728),
    (0x274C, 0x274C),
    (0x274E, 0x274E),
    (0x2753, 0x2755),
    (0x2795, 0x2797),
    (0x27B0, 0x27B0),
    (0x27BF, 0x27BF),
    (0xE50A, 0xE50A),
    (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E),
    (0x1F191, 0x1F19A),
    (0x1F1E6, 0x1F1FF),
    (0x1F201, 0x1F201),
    (0x1F232, 0x1F236),
    (0x1F238, 0x1F23A),
    (0x1F250, 0x1F251),
    (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335),
    (0x1F337, 0x1F37C),
    (0x1F37E, 0x1F384),
    (0x1F386, 0x1F393),
    (0x1F3A0, 0x1F3C1),
    (0x1F3C5, 0x1F3C6),
    (0x1F3C8, 0x1F3C9),
    (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0),
    (0x1F3F4, 0x1F3F4),
    (0x1F3F8, 0x1F43E),
    (0x1F440, 0x1F440),
    (0x1F444, 0x1F445),
    (0x1F451, 0x1F465),
    (0x1F46A, 0x1F46D),
    (0x1F46F, 0x1F46F),
    (0x1F479, 0x1F47B),
    (0x1F47D, 0x1F480),
    (0x1F484, 0x1F484),
    (0x1F488, 0x1F4A9),
    (0x1F4AB, 0x1F4FC),
    (0x1F4FF, 0x1F53D),
    (0x1F54B, 0x1F54E),
    (0x1F550, 0x1F567),
    (0x1F5A4, 0x1F5A4),
    (0x1F5FB, 0x1F644),
    (0x1F648, 0x1F64A),
    (0x1F680, 0x1F6A2),
    (0x1F6A4, 0x1F6B3),
    (0x1F6B7, 0x1F6BF),
    (0x1F6C1, 0x1F6C5),
    (0x1F6D0, 0x1F6D2),
    (0x1F6EB, 0x1F6EC),
    (0x1F6F4, 0x1F6F9),
    (0x1F910, 0x1F917),
    (0x1F91D, 0x1F91D),
    (0x1F920, 0x1F925),
    (0x1F927, 0x1F92F),
    (0x1F93A, 0x1F93A),
    (0x1F93C, 0x1F93C),
    (0x1F940, 0x1F945),
    (0x1F947, 0x1F970),
    (0x1F973, 0x1F976),
    (0x1F97A, 0x1F97A),
    (0x1F97C, 0x1F9A2),
    (0x1F9B4, 0x1F9B4),
    (0x1F9B7, 0x1F9B7),
    (0x1F9C0, 0x1F9C2),
    (0x1F9D0, 0x1F9D0),
    (0x1F9DE, 0x1F9FF),
];

/// The emoji entities of `text`, as byte ranges, in the order twemoji-parser's global
/// search finds them: the leftmost match, then the next one after its end.
pub(super) struct Entities<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Entities<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Entities { text, pos: 0 }
    }
}

impl Iterator for Entities<'_> {
    type Item = std::ops::Range<usize>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.text[self.pos..];
        for (offset, c) in rest.char_indices() {
            // Every branch starts with `#`, `*`, a digit, `©`, `®` or a code point from
            // U+203C up: skipping the rest keeps prose, accents included, cheap.
            if c < '\u{203C}' && !matches!(c, '#' | '*' | '0'..='9' | '\u{A9}' | '\u{AE}') {
                continue;
            }
            if let Some(len) = entity_len(&rest[offset..]) {
                let start = self.pos + offset;
                self.pos = start + len;
                return Some(start..start + len);
            }
        }
        self.pos = self.text.len();
        None
    }
}

/// A read position over a string, for matching one branch.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn eat(&mut self, want: char) -> bool {
        self.eat_if(|c| c == want)
    }

    fn eat_in(&mut self, table: &[(u32, u32)]) -> bool {
        self.eat_if(|c| in_ranges(c, table))
    }

    fn eat_if(&mut self, accept: impl Fn(char) -> bool) -> bool {
        match self.peek() {
            Some(c) if accept(c) => {
                self.at += c.len_utf8();
                true
            }
            _ => false,
        }
    }
}

/// Byte length of the emoji entity that starts `s`, if any: the branches are tried in
/// twemoji-parser's order and the first that matches wins, as in a regex alternation.
pub(super) fn entity_len(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    let after_first = first.len_utf8();
    let cursor = || Cursor { s, at: after_first };

    // Man or woman, optional tone, ZWJ, profession object.
    if in_ranges(first, MAN_WOMAN) {
        let mut c = cursor();
        c.eat_in(TONES);
        if c.eat(ZWJ) {
            if c.eat_in(PROFESSIONS) {
                return Some(c.at);
            }
            if c.eat_in(PROFESSIONS_VS16) && c.eat(VS16) {
                return Some(c.at);
            }
        }
    }
    // Sports people: tone or U+FE0F, ZWJ, gender sign, U+FE0F.
    if in_ranges(first, SPORTS) {
        let mut c = cursor();
        if (c.eat_in(TONES) || c.eat(VS16)) && c.eat(ZWJ) && gender_sign(&mut c) {
            return Some(c.at);
        }
    }
    // Gendered people: optional tone, ZWJ, gender sign, U+FE0F.
    if in_ranges(first, GENDERED) {
        let mut c = cursor();
        c.eat_in(TONES);
        if c.eat(ZWJ) && gender_sign(&mut c) {
            return Some(c.at);
        }
    }
    // All of them start with U+1F3F3 or above.
    if first >= '\u{1F3F3}'
        && let Some(seq) = ZWJ_SEQUENCES.iter().find(|seq| s.starts_with(*seq))
    {
        return Some(seq.len());
    }
    // Keycaps, with or without U+FE0F.
    if matches!(first, '#' | '*' | '0'..='9') {
        let mut c = cursor();
        c.eat(VS16);
        return c.eat(KEYCAP).then_some(c.at);
    }
    if in_ranges(first, VS16_ONLY) {
        let mut c = cursor();
        return c.eat(VS16).then_some(c.at);
    }
    if in_ranges(first, TEXT_DEFAULT) {
        let mut c = cursor();
        if c.eat(VS16) || c.peek() != Some(VS15) {
            return Some(c.at);
        }
    }
    if in_ranges(first, VS16_MODIFIER_BASES) {
        let mut c = cursor();
        if c.eat(VS16) || c.peek() != Some(VS15) {
            c.eat_in(TONES);
            return Some(c.at);
        }
    }
    if in_ranges(first, MODIFIER_BASES) {
        let mut c = cursor();
        c.eat_in(TONES);
        return Some(c.at);
    }
    if first == '\u{1F3F4}'
        && let Some(flag) = TAG_FLAGS.iter().find(|flag| s.starts_with(*flag))
    {
        return Some(flag.len());
    }
    if let Some(second) = s[after_first..].chars().next()
        && is_flag(first, second)
    {
        return Some(after_first + second.len_utf8());
    }
    if in_ranges(first, SINGLES) || first == VS16 {
        return Some(after_first);
    }
    None
}

fn gender_sign(c: &mut Cursor) -> bool {
    (c.eat('\u{2640}') || c.eat('\u{2642}')) && c.eat(VS16)
}

/// Whether two regional indicators form one of the flags in [`FLAGS`].
fn is_flag(first: char, second: char) -> bool {
    let letter = |c: char| {
        let offset = u32::from(c).checked_sub(0x1F1E6)?;
        let offset = u8::try_from(offset).ok().filter(|o| *o < 26)?;
        Some(char::from(b'A' + offset))
    };
    let (Some(a), Some(b)) = (letter(first), letter(second)) else {
        return false;
    };
    FLAGS
        .split_ascii_whitespace()
        .any(|pair| pair.as_bytes() == [a as u8, b as u8])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities(text: &str) -> Vec<&str> {
        Entities::new(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for table in [
            TONES,
            MAN_WOMAN,
            PROFESSIONS,
            PROFESSIONS_VS16,
            SPORTS,
            GENDERED,
            VS16_ONLY,
            TEXT_DEFAULT,
            VS16_MODIFIER_BASES,
            MODIFIER_BASES,
            SINGLES,
        ] {
            for pair in table.windows(2) {
                assert!(pair[0].1 < pair[1].0, "{pair:x?}");
            }
            assert!(table.iter().all(|(lo, hi)| lo <= hi));
        }
        assert_eq!(FLAGS.split_ascii_whitespace().count(), 258);
    }

    #[test]
    fn sequences_are_single_entities() {
        assert_eq!(entities("👨‍👩‍👧‍👦"), ["👨‍👩‍👧‍👦"]);
        assert_eq!(entities("🙋🏽👨‍🎤"), ["🙋🏽", "👨‍🎤"]);
        assert_eq!(entities("👩🏽‍⚕️"), ["👩🏽‍⚕️"]);
        assert_eq!(entities("🇫🇷🇪🇺"), ["🇫🇷", "🇪🇺"]);
        assert_eq!(entities("1⃣ #️⃣"), ["1⃣", "#️⃣"]);
        assert_eq!(entities("🏴󠁧󠁢󠁳󠁣󠁴󠁿"), ["🏴󠁧󠁢󠁳󠁣󠁴󠁿"]);
    }

    #[test]
    fn text_symbols_need_a_selector_or_are_emoji_bare() {
        assert_eq!(entities("© 2026 ®"), Vec::<&str>::new());
        assert_eq!(entities("©\u{FE0F}"), ["©\u{FE0F}"]);
        assert_eq!(entities("\u{263A}"), ["\u{263A}"]);
        assert_eq!(entities("\u{263A}\u{FE0E}"), Vec::<&str>::new());
        assert_eq!(entities("\u{2764}\u{FE0F}"), ["\u{2764}\u{FE0F}"]);
        assert_eq!(entities("#1 *"), Vec::<&str>::new());
    }

    #[test]
    fn later_sequences_fall_apart() {
        // Health worker (Emoji 12.1): adult, then ZWJ (not an entity), then ⚕️.
        assert_eq!(entities("🧑‍⚕️"), ["🧑", "⚕\u{FE0F}"]);
        // Heart on fire (Emoji 13.1).
        assert_eq!(entities("❤️‍🔥"), ["❤\u{FE0F}", "🔥"]);
        // Heart hands (Emoji 14) is not known; its skin tone stands alone.
        assert_eq!(entities("🫶🏽"), ["🏽"]);
        // An emoji with U+FE0F that twemoji does not expect: two entities.
        assert_eq!(entities("😀\u{FE0F}"), ["😀", "\u{FE0F}"]);
    }
}
