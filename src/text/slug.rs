//! Vietnamese-aware slugs for heading ids and output file names.
//!
//! A slug is lowercase ASCII letters, digits and single hyphens. Vietnamese letters lose their
//! marks (`ặ` -> `a`), and `đ`/`Đ`, which Unicode does not decompose, become `d`:
//! "Đặc điểm tình hình" -> `dac-diem-tinh-hinh`. The letters are those of [`mod@super::fold`].

use super::fold::for_each_folded;

/// The slug of `text`: folded, with every run of other characters turned into one hyphen,
/// and no hyphen at either end. Returns an empty string when nothing is left.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for_each_folded(text, |c| {
        // Letters with no ASCII form (e.g. CJK) are kept: URLs and ids allow them.
        if c.is_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    });
    out
}

/// Whether `text` is its own slug: lowercase ASCII letters and digits, joined by single
/// hyphens (file names such as `2-ket-qua` usually are).
pub(crate) fn is_slug(text: &str) -> bool {
    let b = text.as_bytes();
    !b.is_empty()
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !text.contains("--")
}

/// Hands out slugs that are unique within one page: the second "ket-qua" becomes "ket-qua-1".
///
/// Ids the page's frame uses are never handed out ([`UniqueSlugs::with_reserved`]): a slug
/// that is reserved gets a number too (`content` -> `content-1`).
#[derive(Debug)]
pub(crate) struct UniqueSlugs {
    used: rustc_hash::FxHashSet<String>,
    /// Whether an id is reserved. Every id must become free once enough `-N` groups are
    /// appended to it (reserved patterns end in a bounded number of numbers).
    reserved: fn(&str) -> bool,
}

impl Default for UniqueSlugs {
    fn default() -> Self {
        Self::with_reserved(|_| false)
    }
}

impl UniqueSlugs {
    /// A fresh set that never hands out an id for which `reserved` holds.
    pub(crate) fn with_reserved(reserved: fn(&str) -> bool) -> Self {
        UniqueSlugs {
            used: rustc_hash::FxHashSet::default(),
            reserved,
        }
    }

    /// Records an id chosen by the author; returns false when it was already taken.
    pub(crate) fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// A unique slug for `text` (`"section"` when the text has no letters or digits).
    pub(crate) fn slug_for(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        self.unique(base)
    }

    /// `base`, or when it is taken or reserved, the first free `base-N`. When `base-N` is
    /// reserved (the frame numbers ids: `toc-1`, `toc-2`…, so every `toc-N` may be), that
    /// id is numbered in turn (`toc-1-1`).
    fn unique(&mut self, base: String) -> String {
        if !(self.reserved)(&base) && self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if (self.reserved)(&candidate) {
                return self.unique(candidate);
            }
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    #[test]
    fn vietnamese_headings() {
        assert_eq!(slugify("Đặc điểm tình hình"), "dac-diem-tinh-hinh");
        assert_eq!(slugify("I- ĐẶC ĐIỂM TÌNH HÌNH"), "i-dac-diem-tinh-hinh");
        assert_eq!(slugify("2.1. Thể chế hóa"), "2-1-the-che-hoa");
        assert_eq!(slugify("Kết luận số 114-KL/TW"), "ket-luan-so-114-kl-tw");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn a_text_is_its_own_slug_exactly_when_slugify_keeps_it() {
        let samples = [
            "2-ket-qua",
            "ket-qua",
            "a",
            "2",
            "phu-luc-1",
            "",
            "-a",
            "a-",
            "a--b",
            "A-b",
            "a_b",
            "a b",
            "a.b",
            "kết-quả",
            "2-4",
            "--",
            "ab-cd-ef",
            "x1-2y",
        ];
        for t in samples {
            assert_eq!(is_slug(t), !t.is_empty() && slugify(t) == t, "{t:?}");
        }
    }

    #[test]
    fn the_slug_is_made_of_the_folded_text() {
        // Against the slug of the folded text, made character by character.
        for t in [
            "I- ",
            "Hello, World!",
            "  --  ",
            "A1b2--C3",
            "x",
            "Đặc điểm tình hình",
            "I- ĐẶC ĐIỂM",
            "Kết luận số 114-KL/TW",
            "Ðiều – 2.1",
            "Σχέδιο 東京 Straße",
            "ﬁ ǅ İ",
        ] {
            let general: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in fold(t).chars() {
                    if c.is_alphanumeric() {
                        if pending && !out.is_empty() {
                            out.push('-');
                        }
                        pending = false;
                        out.push(c);
                    } else {
                        pending = true;
                    }
                }
                out
            };
            assert_eq!(slugify(t), general, "{t:?}");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Quy chế dân chủ".nfd().collect();
        assert_eq!(slugify(&nfd), slugify("Quy chế dân chủ"));
    }

    #[test]
    fn unique_within_a_page() {
        let mut u = UniqueSlugs::default();
        assert_eq!(u.slug_for("Kết quả"), "ket-qua");
        assert_eq!(u.slug_for("Kết quả"), "ket-qua-1");
        assert!(u.claim("custom"));
        assert!(!u.claim("custom"));
        assert_eq!(u.slug_for("???"), "section");
    }

    #[test]
    fn reserved_ids_are_numbered_and_numbered_reserved_ids_numbered_again() {
        // Reserved: `frame`, and `toc-N` for every number N.
        fn reserved(id: &str) -> bool {
            id == "frame"
                || id
                    .strip_prefix("toc-")
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        }
        let mut u = UniqueSlugs::with_reserved(reserved);
        assert_eq!(u.slug_for("Frame"), "frame-1");
        assert_eq!(u.slug_for("Frame"), "frame-2");
        assert_eq!(u.slug_for("TOC 2"), "toc-2-1");
        assert_eq!(u.slug_for("TOC"), "toc");
        assert_eq!(u.slug_for("TOC"), "toc-1-1");
        assert_eq!(u.slug_for("TOC"), "toc-1-2");
        assert_eq!(u.slug_for("Other"), "other");
    }
}
