//! Post ids from titles: `"Octobre Rose : la marche !"` → `octobre-rose-la-marche`.
//!
//! Lowercase, accents stripped (NFD, combining marks dropped; `œ`, `æ`, `ß`
//! spelled out), every run of other characters turned into one `-`, no `-`
//! at either end, so the result is a valid id (`[a-z0-9-]+`). A title with
//! nothing alphanumeric gives `post`. [`unique`] adds `-2`, `-3`… until the
//! id is free.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest id derived from a title, in characters: ids are typed and read.
const MAX_LEN: usize = 60;

/// The id a title suggests.
pub fn slug(title: &str) -> String {
    let mut id = String::new();
    let mut dash = false;
    for c in title.nfd().filter(|c| !is_combining_mark(*c)) {
        let spelled = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        let lower: String = if spelled.is_empty() {
            c.to_lowercase().collect()
        } else {
            spelled.to_owned()
        };
        for c in lower.chars() {
            if c.is_ascii_alphanumeric() {
                if dash && !id.is_empty() {
                    id.push('-');
                }
                dash = false;
                id.push(c);
            } else {
                dash = true;
            }
        }
    }
    if id.len() > MAX_LEN {
        id.truncate(MAX_LEN);
        // Cut at a word boundary when there is one.
        if let Some(cut) = id.rfind('-') {
            id.truncate(cut);
        }
    }
    if id.is_empty() { "post".to_owned() } else { id }
}

/// `base`, or `base-2`, `base-3`… the first that `taken` says is free.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..=u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_ids() {
        assert_eq!(slug("Octobre Rose : la marche !"), "octobre-rose-la-marche");
        assert_eq!(slug("Été, cœur & santé — 2027"), "ete-coeur-sante-2027");
        assert_eq!(slug("  --Déjà vu--  "), "deja-vu");
        assert_eq!(slug("Ça marche à l'hôpital"), "ca-marche-a-l-hopital");
        assert_eq!(slug("🎗️ !!!"), "post");
        assert_eq!(slug("Ｆｕｌｌ width"), "width");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let id = slug(&"mot ".repeat(40));
        assert!(id.len() <= MAX_LEN);
        assert!(id.ends_with("mot"));
    }

    #[test]
    fn collisions_get_a_number() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |id| taken.contains(&id)), "a-3");
        assert_eq!(unique("b", |id| taken.contains(&id)), "b");
    }
}
