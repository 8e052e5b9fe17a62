//! Folding: text lowercased, its letters without their marks (`ặ` -> `a`), and `đ` (which
//! Unicode does not decompose) as `d`. The one rule for slugs (`Đặc điểm` -> `dac-diem`)
//! and the folded form of search keys (`dân`, `dẫn` and `dan` are one key); the search
//! client (theme/static/search.js, `foldExact`) folds queries by the same rule.

/// `text` folded: lowercase, marks stripped, `đ`/`Đ` (and the look-alike `ð`/`Ð`) as `d`.
/// Characters with no ASCII form are kept (lowercased). The build uses its parts,
/// [`for_each_folded`] and [`fold_lowercase`]; tests use the whole.
#[cfg(test)]
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for_each_folded(text, |c| out.push(c));
    out
}

/// Calls `f` with each character of `text` folded, in turn, without making the string.
pub(crate) fn for_each_folded(text: &str, mut f: impl FnMut(char)) {
    if text.is_ascii() {
        // Folding ASCII only lowercases it.
        text.bytes().for_each(|b| f(b.to_ascii_lowercase() as char));
    } else {
        for_each_unmarked(text, |c| c.to_lowercase().for_each(&mut f));
    }
}

/// The folded form of text that is lowercase already (a search key's exact form): the same
/// result without the lowercasing, which the indexer would pay for every distinct word.
pub(crate) fn fold_lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_unmarked(text, |c| out.push(c));
    out
}

/// Calls `f` with each letter of `text` without its marks, `đ` and `ð` as `d`.
#[inline]
fn for_each_unmarked(text: &str, mut f: impl FnMut(char)) {
    super::unmark::for_each_base(text, |c| match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => f('d'),
        c => f(c),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_case_and_d_bar() {
        assert_eq!(fold("Đặc Điểm"), "dac diem");
        assert_eq!(fold("KHÓA ðá"), "khoa da");
        assert_eq!(fold("Ünïcode 北京"), "unicode 北京");
        assert_eq!(fold("plain ASCII"), "plain ascii");
        for lower in ["đặc điểm", "khóa ðá", "ünïcode 北京", "plain"] {
            assert_eq!(fold_lowercase(lower), fold(lower), "{lower}");
        }
    }
}
