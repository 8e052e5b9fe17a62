//! Unknown names: keys and column keys that a table does not know, reported with the
//! closest known name as a "did you mean" hint.

use std::ops::Range;

use toml::de::DeTable;

use super::table::TABLE_KEYS;
use super::Cx;
use crate::data::model::Column;
use crate::text::closest;

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
