//! Header groups (`[[table.header_groups]]`): labels spanning adjacent columns, which either
//! nest or stay apart; each group's depth is how many groups contain it.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::columns::column_index;
use super::values::type_name;
use super::{Cx, SV};
use crate::data::model::{Column, HeaderGroup};

impl Cx<'_> {
    /// The table's header groups, checked for overlaps, with their depths, sorted by depth
    /// then first column.
    pub(super) fn header_groups(&mut self, t: &DeTable, columns: &[Column]) -> Vec<HeaderGroup> {
        let spanned = match t.get("header_groups") {
            Some(v) => self.header_group_list(v, columns),
            None => Vec::new(),
        };
        self.check_nesting(&spanned);
        let mut groups: Vec<HeaderGroup> = spanned.into_iter().map(|(g, _)| g).collect();
        set_depths(&mut groups);
        groups.sort_by_key(|g| (g.depth, g.start));
        groups
    }

    /// The groups that read without error, each with the span of its entry.
    fn header_group_list(
        &mut self,
        v: &SV,
        columns: &[Column],
    ) -> Vec<(HeaderGroup, Range<usize>)> {
        let DeValue::Array(a) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`header_groups` must be an array of tables, found {}",
                    type_name(v.get_ref())
                ),
                "declare each group under a `[[table.header_groups]]` header",
            );
            return Vec::new();
        };
        a.iter()
            .filter_map(|g| Some((self.header_group(g, columns)?, g.span())))
            .collect()
    }

    /// An error at each group that overlaps an earlier one without nesting in it (or covers
    /// exactly the same columns): two groups either nest or are disjoint.
    fn check_nesting(&mut self, groups: &[(HeaderGroup, Range<usize>)]) {
        for (i, (b, bspan)) in groups.iter().enumerate() {
            for (a, _) in &groups[..i] {
                if !nest_or_apart(a, b) {
                    self.error(
                        bspan.clone(),
                        "this header group overlaps another one without nesting in it",
                        "groups must either cover separate columns or one must lie entirely inside the other (and not cover exactly the same columns)",
                    );
                }
            }
        }
    }

    /// One header group entry: its label and the adjacent columns it spans.
    fn header_group(&mut self, v: &SV, columns: &[Column]) -> Option<HeaderGroup> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                "a header group must be a table",
                "declare each group under a `[[table.header_groups]]` header with `label` and `columns`",
            );
            return None;
        };
        self.check_keys(t, &["label", "columns"], "a header group");
        let label = match t.get("label") {
            Some(l) => self.text(l, "the header group's `label`"),
            None => {
                self.error(
                    v.span(),
                    "a header group has no `label`",
                    "add `label = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        };
        let (start, end) = self.group_columns(v, t, columns)?;
        Some(HeaderGroup {
            label: label.unwrap_or_default(),
            start,
            end,
            depth: 0,
        })
    }

    /// The first column and one past the last of a group's `columns`, which must be
    /// adjacent and in table order.
    fn group_columns(&mut self, v: &SV, t: &DeTable, columns: &[Column]) -> Option<(usize, usize)> {
        let Some(cv) = t.get("columns") else {
            self.error(
                v.span(),
                "a header group has no `columns`",
                "add `columns = [\"first_key\", \"second_key\"]` listing adjacent columns",
            );
            return None;
        };
        let idx = self.group_column_indices(cv, columns)?;
        if idx.is_empty() {
            self.error(
                cv.span(),
                "a header group covers no column",
                "list the keys of the adjacent columns it spans",
            );
            return None;
        }
        let start = idx[0];
        let contiguous = idx.iter().enumerate().all(|(n, &i)| i == start + n);
        if !contiguous {
            self.error(
                cv.span(),
                "the columns of a header group must be adjacent and in table order",
                "list the keys of adjacent columns, left to right",
            );
            return None;
        }
        Some((start, start + idx.len()))
    }

    /// The indices of the column keys listed in `cv`; keys that are not strings are
    /// reported and skipped, an unknown key ends the group.
    fn group_column_indices(&mut self, cv: &SV, columns: &[Column]) -> Option<Vec<usize>> {
        let DeValue::Array(keys) = cv.get_ref() else {
            self.error(
                cv.span(),
                "`columns` of a header group must be an array of column keys",
                "write `columns = [\"a\", \"b\"]`",
            );
            return None;
        };
        let mut idx = Vec::new();
        for k in keys.iter() {
            let Some(s) = self.string(k, "a column key") else {
                continue;
            };
            match column_index(columns, s) {
                Some(i) => idx.push(i),
                None => {
                    let s = s.to_string();
                    self.unknown_column(k.span(), &s, columns);
                    return None;
                }
            }
        }
        Some(idx)
    }
}

/// Whether groups `a` and `b` are disjoint, or one lies inside the other without covering
/// exactly the same columns.
fn nest_or_apart(a: &HeaderGroup, b: &HeaderGroup) -> bool {
    let disjoint = a.end <= b.start || b.end <= a.start;
    let nested = (a.start <= b.start && b.end <= a.end) || (b.start <= a.start && a.end <= b.end);
    let same = a.start == b.start && a.end == b.end;
    !(same || (!disjoint && !nested))
}

/// Sets each group's depth: how many other groups contain it.
fn set_depths(groups: &mut [HeaderGroup]) {
    let ranges: Vec<(usize, usize)> = groups.iter().map(|g| (g.start, g.end)).collect();
    for g in groups.iter_mut() {
        g.depth = ranges
            .iter()
            .filter(|&&(s, e)| s <= g.start && g.end <= e && (s, e) != (g.start, g.end))
            .count();
    }
}
