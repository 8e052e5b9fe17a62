//! Letters without their marks: the characters of a text's canonical decomposition (NFD)
//! that are not combining marks, as search keys and slugs need them (`ặ` → `a`).
//!
//! Latin text, Vietnamese included, is decomposed letter by letter: each letter becomes a
//! base letter and marks, and the marks are dropped, so the reordering of marks that NFD
//! does cannot change the result. Other text goes through NFD.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Whether `c` is in a block whose canonical decompositions are Latin letters and marks
/// of U+0300..U+036F (Basic Latin to Latin Extended-B, the combining marks themselves, and
/// Latin Extended Additional, where the Vietnamese letters with two marks are).
fn is_latin(c: char) -> bool {
    matches!(c, '\0'..='\u{24f}' | '\u{300}'..='\u{36f}' | '\u{1e00}'..='\u{1eff}')
}

/// Calls `f` with each character of the canonical decomposition of `text` that is not a
/// combining mark, in order.
pub(crate) fn for_each_base(text: &str, mut f: impl FnMut(char)) {
    if text.chars().all(is_latin) {
        for c in text.chars() {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    f(d)
                }
            });
        }
    } else {
        text.nfd().filter(|c| !is_combining_mark(*c)).for_each(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through_nfd(text: &str) -> String {
        text.nfd().filter(|c| !is_combining_mark(*c)).collect()
    }

    fn bases(text: &str) -> String {
        let mut out = String::new();
        for_each_base(text, |c| out.push(c));
        out
    }

    #[test]
    fn latin_letter_by_letter_is_nfd() {
        let mut text = String::new();
        for c in ('\u{1}'..='\u{24f}').chain('\u{1e00}'..='\u{1eff}') {
            text.push(c);
            // Marks after letters, in both canonical orders.
            match c as u32 % 3 {
                0 => text.push_str("\u{323}\u{302}"),
                1 => text.push_str("\u{302}\u{323}"),
                _ => {}
            }
        }
        for chunk in text.chars().collect::<Vec<_>>().chunks(7) {
            let w: String = chunk.iter().collect();
            assert_eq!(bases(&w), through_nfd(&w), "{w:?}");
        }
        assert_eq!(bases("Đặc điểm"), "Đac điem");
    }

    #[test]
    fn other_scripts_go_through_nfd() {
        for w in ["ĐàΆ", "가각", "Ἄλφα ặ", "\u{1e9b}\u{323}"] {
            assert_eq!(bases(w), through_nfd(w), "{w:?}");
        }
    }
}
