//! The columns of a table (`[[table.columns]]`): key, label, type and `percent_of`, and the
//! `row_header` naming one of them.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::values::type_name;
use super::{Cx, SV};
use crate::data::model::{Column, ColumnType, Text};

/// A column's `percent_of` key, with its span, before the key is looked up.
type PercentRef = Spanned<String>;

/// The index of the column with `key`.
pub(super) fn column_index(columns: &[Column], key: &str) -> Option<usize> {
    columns.iter().position(|c| c.key == key)
}

impl Cx<'_> {
    /// The table's columns, or `None` when any is in error: rows cannot be checked against
    /// broken columns, and the column errors say enough.
    pub(super) fn columns(
        &mut self,
        t: &DeTable,
        id: &str,
        id_span: &Range<usize>,
    ) -> Option<Vec<Column>> {
        let errors_before = self.error_count();
        let (mut columns, percent_refs) = self.column_list(t, id, id_span);
        self.resolve_percent_of(&mut columns, percent_refs);
        if self.error_count() > errors_before {
            return None;
        }
        Some(columns)
    }

    /// The columns that read without error, with the `percent_of` keys by column index.
    fn column_list(
        &mut self,
        t: &DeTable,
        id: &str,
        id_span: &Range<usize>,
    ) -> (Vec<Column>, Vec<(usize, PercentRef)>) {
        let mut columns: Vec<Column> = Vec::new();
        let mut percent_refs = Vec::new();
        let Some(v) = t.get("columns") else {
            self.error(
                id_span.clone(),
                format!("table `{id}` has no `columns`"),
                "declare each column under a `[[table.columns]]` header with `key`, `label` and `type`",
            );
            return (columns, percent_refs);
        };
        let DeValue::Array(a) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "`columns` must be an array of tables, found {}",
                    type_name(v.get_ref())
                ),
                "declare each column under a `[[table.columns]]` header",
            );
            return (columns, percent_refs);
        };
        for c in a.iter() {
            if let Some((col, pref)) = self.column(c, &columns) {
                if let Some(p) = pref {
                    percent_refs.push((columns.len(), p));
                }
                columns.push(col);
            }
        }
        (columns, percent_refs)
    }

    /// Sets each column's `percent_of` to the index of the count column it names.
    fn resolve_percent_of(&mut self, columns: &mut [Column], refs: Vec<(usize, PercentRef)>) {
        for (ci, r) in refs {
            match column_index(columns, r.get_ref()) {
                Some(d)
                    if columns[d].ty == ColumnType::Integer
                        || columns[d].ty == ColumnType::CountWithPercent =>
                {
                    columns[ci].percent_of = Some(d)
                }
                Some(_) => self.error(
                    r.span(),
                    format!("`percent_of` column `{}` is not a count", r.get_ref()),
                    "name an `integer` or `count-with-percent` column",
                ),
                None => self.unknown_column(r.span(), r.get_ref(), columns),
            }
        }
    }

    /// One column entry, after the `existing` ones, and its `percent_of` key if any.
    fn column(&mut self, v: &SV, existing: &[Column]) -> Option<(Column, Option<PercentRef>)> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                "a column must be a table",
                "declare each column under a `[[table.columns]]` header",
            );
            return None;
        };
        self.check_keys(t, &["key", "label", "type", "percent_of"], "a column");
        let key = self.column_key(v, t, existing)?;
        let label = self.column_label(v, t, &key);
        let ty = self.column_type(v, t, &key)?;
        let percent_of = match t.get("percent_of") {
            None => None,
            Some(p) => Some(self.percent_of(p, ty)?),
        };
        Some((
            Column {
                key,
                // A missing label is reported; keep the column so rows are still checked.
                label: label.unwrap_or_default(),
                ty: ty?,
                percent_of: None,
            },
            percent_of,
        ))
    }

    /// The column's `key`, required and unique in the table.
    fn column_key(&mut self, v: &SV, t: &DeTable, existing: &[Column]) -> Option<String> {
        let Some(k) = t.get("key") else {
            self.error(v.span(), "a column has no `key`", "add `key = \"...\"`");
            return None;
        };
        let s = self.string(k, "`key`")?.to_string();
        if existing.iter().any(|c| c.key == s) {
            self.error(
                k.span(),
                format!("duplicate column key `{s}`"),
                "give every column of a table its own key",
            );
            return None;
        }
        Some(s)
    }

    /// The column's `label`, required.
    fn column_label(&mut self, v: &SV, t: &DeTable, key: &str) -> Option<Text> {
        match t.get("label") {
            Some(l) => self.text(l, &format!("the label of column `{key}`")),
            None => {
                self.error(
                    v.span(),
                    format!("column `{key}` has no `label`"),
                    "add `label = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        }
    }

    /// The column's `type`, required: `Some(None)` when it is missing or unknown (reported,
    /// the column's other keys still checked), `None` when it is not a string.
    fn column_type(&mut self, v: &SV, t: &DeTable, key: &str) -> Option<Option<ColumnType>> {
        let Some(tv) = t.get("type") else {
            self.error(
                v.span(),
                format!("column `{key}` has no `type`"),
                format!("add `type = \"...\"`, one of: {}", ColumnType::NAMES),
            );
            return Some(None);
        };
        let name = self.string(tv, "`type`")?;
        let ty = ColumnType::from_name(name);
        if ty.is_none() {
            let name = name.to_string();
            self.error(
                tv.span(),
                format!("unknown column type `{name}`"),
                format!("the types are: {}", ColumnType::NAMES),
            );
        }
        Some(ty)
    }

    /// The `percent_of` key `p` of a column of type `ty` (when known), looked up later.
    fn percent_of(&mut self, p: &SV, ty: Option<ColumnType>) -> Option<PercentRef> {
        let s = self.string(p, "`percent_of`")?.to_string();
        if ty.is_some() && ty != Some(ColumnType::CountWithPercent) {
            self.error(
                p.span(),
                "`percent_of` applies only to `count-with-percent` columns",
                "remove it, or change the column's type",
            );
        }
        Some(Spanned::new(p.span(), s))
    }

    /// The index of the `row_header` column, if the table names a known one.
    pub(super) fn row_header(&mut self, t: &DeTable, columns: &[Column]) -> Option<usize> {
        let v = t.get("row_header")?;
        let key = self.string(v, "`row_header`")?;
        match column_index(columns, key) {
            Some(i) => Some(i),
            None => {
                let key = key.to_string();
                self.unknown_column(v.span(), &key, columns);
                None
            }
        }
    }
}
