//! Unknown names: keys and column keys that a table does not know, reported with the
//! closest known name as a "did you mean" hint.

use std::ops::Range;

use toml::de::DeTable;

use super::table::TABLE_KEYS;
use super::Cx;
use crate::data::model::Column;

impl Cx<'_> {
    /// An error for every key of `t` not in `allowed`; `what` names the entry ("a column").
    pub(super) fn check_keys(&mut self, t: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in t.iter() {
            let key = k.get_ref().as_ref();
            if allowed.contains(&key) {
                continue;
            }
            if what != "a table" && TABLE_KEYS.contains(&key) {
                self.error(
                    k.span(),
                    format!("unknown key `{key}` in {what}"),
                    format!(
                        "TOML puts every key after a `[[table.columns]]` (or similar) header into that entry; \
                         move `{key}` above the first such header of the table"
                    ),
                );
                continue;
            }
            let hint = match closest(key, allowed) {
                Some(c) => format!("did you mean `{c}`? {what} takes: {}", allowed.join(", ")),
                None => format!("{what} takes: {}", allowed.join(", ")),
            };
            self.error(k.span(), format!("unknown key `{key}` in {what}"), hint);
        }
    }

    /// An error for a column key that names none of `columns`.
    pub(super) fn unknown_column(&mut self, span: Range<usize>, key: &str, columns: &[Column]) {
        let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
        let hint = match closest(key, &keys) {
            Some(c) => format!("did you mean `{c}`? the columns are: {}", keys.join(", ")),
            None => format!("the columns are: {}", keys.join(", ")),
        };
        self.error(span, format!("unknown column `{key}`"), hint);
    }
}

// TODO(text): use crate::text::closest (the shared "did you mean" of the text module).
/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

/// The edit distance between `a` and `b`, in characters.
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggestions() {
        assert_eq!(closest("captoin", &["caption", "columns"]), Some("caption"));
        assert_eq!(closest("zzzzzz", &["id", "rows"]), None);
    }
}
