//! Vietnamese-aware normalisation of words for the search index.
//!
//! Two forms of every word are kept:
//!
//! - the **exact** form: NFC, lowercase, with the tone mark of `oa`, `oe` and `uy` at the end
//!   of a syllable moved onto the first vowel (`hoá` → `hóa`, `uỷ` → `ủy`, `khoẻ` → `khỏe`), so
//!   that old and new tone placement compare equal even when the diacritics are kept;
//! - the **folded** form: the exact form without any mark (NFD, combining marks dropped) and
//!   with `đ` → `d` (NFD does not decompose `đ`): [`crate::text::fold`] , the rule slugs use
//!   too. `dân`, `dẫn` and `dan` fold to `dan`.
//!
//! The client (theme/static/search.js) implements the same rules; keep them in step.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters
/// (grave, acute, tilde, hook above, dot below).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_tone(c: char) -> bool {
    TONES.contains(&c)
}

/// The exact form of `word`: NFC, lowercase, tone placement unified.
pub fn exact(word: &str) -> String {
    if word.is_ascii() {
        // NFC leaves ASCII as it is, and ASCII has no tone marks to move.
        return word.to_ascii_lowercase();
    }
    // Text is nearly always NFC already: a quick check spares decomposing and composing
    // every letter again.
    let lower: String = match unicode_normalization::is_nfc_quick(word.chars()) {
        unicode_normalization::IsNormalized::Yes => {
            word.chars().flat_map(char::to_lowercase).collect()
        }
        _ => word.nfc().flat_map(char::to_lowercase).collect(),
    };
    if lower.is_ascii() || !may_retone(&lower) {
        return lower;
    }
    retone(&lower)
}

/// False when [`retone`] cannot change the NFC text `word`: it moves a tone only from the
/// letter after a plain `o` or `u` (ASCII in NFC), and that letter, carrying the tone, is
/// then not ASCII.
fn may_retone(word: &str) -> bool {
    word.as_bytes()
        .windows(2)
        .any(|w| matches!(w[0], b'o' | b'u') && w[1] >= 0x80)
}

/// The folded form of `word`: [`exact`] without marks, `đ` → `d`.
pub fn fold(word: &str) -> String {
    fold_exact(&exact(word))
}

/// Folds a word that is already in [`exact`] form (lowercase): [`crate::text::fold`] (module).
pub fn fold_exact(exact: &str) -> String {
    if exact.is_ascii() {
        return exact.to_string();
    }
    crate::text::fold::fold_lowercase(exact)
}

/// True when the exact form carries marks (the folded form differs).
pub fn has_marks(exact: &str) -> bool {
    !exact.is_ascii() && fold_exact(exact) != exact
}

/// Light English stemming (an "S" stemmer): `policies` → `policy`, `reports` → `report`,
/// `processes` → `processe`. Applied to folded keys of English indexes only.
pub fn stem_en(key: &str) -> String {
    let n = key.len();
    if n <= 3 || !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return key.to_string();
    }
    if key.ends_with("ies") && !key.ends_with("eies") && !key.ends_with("aies") {
        return format!("{}y", &key[..n - 3]);
    }
    if key.ends_with("es")
        && !(key.ends_with("aes") || key.ends_with("ees") || key.ends_with("oes"))
    {
        return key[..n - 1].to_string();
    }
    if key.ends_with('s') && !key.ends_with("us") && !key.ends_with("ss") {
        return key[..n - 1].to_string();
    }
    key.to_string()
}

/// Moves the tone mark of a syllable-final `oa`, `oe`, `uy` (not `quy`) onto the first vowel.
/// `word` is lowercase NFC; letters runs are handled one by one.
/// Unifies tone placement in `word` (any text): the tone of `oa`, `oe` and `uy` ending a
/// syllable moves onto the first vowel (`hoá` → `hóa`, `uỷ` → `ủy`), `qu` excepted. Case and
/// everything else are kept.
pub fn retone(word: &str) -> String {
    // Clusters: a base character with its combining marks.
    let mut clusters: Vec<(char, Vec<char>)> = Vec::new();
    for c in word.nfd() {
        if is_combining_mark(c) {
            if let Some(last) = clusters.last_mut() {
                last.1.push(c);
                continue;
            }
        }
        clusters.push((c, Vec::new()));
    }
    let n = clusters.len();
    let mut changed = false;
    let mut i = 0;
    while i < n {
        // A run of letters [i, j).
        if !clusters[i].0.is_alphabetic() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && clusters[j].0.is_alphabetic() {
            j += 1;
        }
        if j - i >= 2 {
            let (a, b) = (j - 2, j - 1);
            let pair = (clusters[a].0, clusters[b].0);
            let is_pair = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'))
                && !(pair.0 == 'u' && a > i && clusters[a - 1].0 == 'q');
            let first_plain = clusters[a].1.is_empty();
            let tone_at = clusters[b].1.iter().position(|c| is_tone(*c));
            let second_only_tone = clusters[b].1.len() == 1;
            if is_pair && first_plain && second_only_tone {
                if let Some(t) = tone_at {
                    let tone = clusters[b].1.remove(t);
                    clusters[a].1.push(tone);
                    changed = true;
                }
            }
        }
        i = j;
    }
    if !changed {
        return word.to_string();
    }
    let mut s = String::with_capacity(word.len() + 4);
    for (c, marks) in clusters {
        s.push(c);
        s.extend(marks);
    }
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_marks_and_d_bar() {
        assert_eq!(fold("Dân vận"), "dan van");
        assert_eq!(fold("khiếu nại"), "khieu nai");
        assert_eq!(fold("Đảng"), "dang");
        assert_eq!(fold("đồng"), "dong");
        assert_eq!(fold("ĐỒNG"), "dong");
        assert_eq!(fold("PAPI"), "papi");
    }

    #[test]
    fn the_quick_paths_of_exact_agree_with_the_full_rules() {
        // Every letter of the Vietnamese alphabet with every tone, in pairs (so that each
        // `oa`, `oe`, `uy`, `qu…` combination occurs), upper and lower case, NFC and NFD.
        let letters = "aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcq";
        let tones = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
        let mut syllables = Vec::new();
        for a in letters.chars() {
            for b in letters.chars() {
                for t in tones {
                    for w in [
                        format!("{a}{b}{t}"),
                        format!("{a}{t}{b}"),
                        format!("h{a}{b}{t}n"),
                    ] {
                        syllables.push(w.nfc().collect::<String>());
                        syllables.push(w.nfd().collect::<String>());
                    }
                }
            }
        }
        for w in &syllables {
            let full = retone(&w.nfc().flat_map(char::to_lowercase).collect::<String>());
            assert_eq!(exact(w), full, "{w:?}");
        }
    }

    #[test]
    fn nfd_input_equals_nfc_input() {
        let nfd: String = "khiếu nại Đảng hoá".nfd().collect();
        assert_ne!(nfd, "khiếu nại Đảng hoá");
        assert_eq!(exact(&nfd), exact("khiếu nại Đảng hoá"));
        assert_eq!(fold(&nfd), "khieu nai dang hoa");
    }

    #[test]
    fn old_and_new_tone_placement_are_the_same_word() {
        for (old, new) in [
            ("hoá", "hóa"),
            ("uỷ", "ủy"),
            ("khoá", "khóa"),
            ("toả", "tỏa"),
            ("thuỷ", "thủy"),
            ("khoẻ", "khỏe"),
            ("hoạ", "họa"),
            ("Hoà", "hòa"),
        ] {
            assert_eq!(exact(old), exact(new), "{old} vs {new}");
            assert_eq!(fold(old), fold(new));
        }
    }

    #[test]
    fn tone_moves_only_at_the_end_of_a_syllable() {
        // The tone of a closed syllable stays on the main vowel.
        assert_eq!(exact("hoàn"), "hoàn");
        assert_eq!(exact("toán"), "toán");
        assert_eq!(exact("thuyết"), "thuyết");
        // "qu" is a consonant: quý keeps its tone on y.
        assert_eq!(exact("quý"), "quý");
        assert_eq!(exact("hoài"), "hoài");
        // Different tones stay different words in exact form.
        assert_ne!(exact("dân"), exact("dẫn"));
        assert_eq!(fold("dân"), fold("dẫn"));
    }

    #[test]
    fn marks_are_detected() {
        assert!(has_marks(&exact("dân")));
        assert!(has_marks(&exact("đi")));
        assert!(!has_marks(&exact("dan")));
    }

    #[test]
    fn english_s_stemmer() {
        assert_eq!(stem_en("policies"), "policy");
        assert_eq!(stem_en("reports"), "report");
        assert_eq!(stem_en("process"), "process");
        assert_eq!(stem_en("status"), "status");
        assert_eq!(stem_en("was"), "was");
        assert_eq!(stem_en("2020s"), "2020s");
    }
}
