//! "Did you mean …?": the one rule for suggesting a known name in place of a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a typo: at most two edits
/// (insertions, deletions, substitutions or swaps of neighbouring characters), or a third
/// of the candidate's characters for longer names. Ties go to the candidate that sorts first.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_matched_and_strangers_are_not() {
        assert_eq!(closest("captoin", &["caption", "columns"]), Some("caption"));
        assert_eq!(closest("titel", &["title", "weight"]), Some("title"));
        assert_eq!(closest("zzzzzz", &["id", "rows"]), None);
        assert_eq!(closest("x", &[]), None);
    }

    #[test]
    fn long_names_allow_more_edits_counted_in_characters() {
        // 12 characters: up to 4 edits.
        assert_eq!(
            closest("phu-luc-một", &["phu-luc-mot-a"]),
            Some("phu-luc-mot-a")
        );
        assert_eq!(
            closest("abcdefghijkl", &["abcdwxyzijkl"]),
            Some("abcdwxyzijkl")
        );
        assert_eq!(closest("abcdefghijkl", &["abvwxyzhijkl"]), None);
    }
}
