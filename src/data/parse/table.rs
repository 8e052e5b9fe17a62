//! One `[[table]]` entry, read step by step: its id, caption, notes and source, then its
//! columns, header groups, rows, checks, total and chart (each in its own module).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Cx, SV};
use crate::data::model::{Row, Table, Text};

/// The keys a table may have.
pub(super) const TABLE_KEYS: &[&str] = &[
    "id",
    "caption",
    "notes",
    "source",
    "columns",
    "header_groups",
    "row_header",
    "rows",
    "row_groups",
    "total",
    "chart",
];

impl Cx<'_> {
    /// The table of entry `t` (at `span`), or `None` when it has an error (all reported).
    pub(super) fn table(&mut self, t: &DeTable, span: Range<usize>) -> Option<Table> {
        self.check_keys(t, TABLE_KEYS, "a table");
        let errors_before = self.error_count();
        let (id, id_span) = self.table_id(t, span)?;
        let caption = self.caption(t, &id, &id_span);
        let notes = self.notes(t);
        let source = t.get("source").and_then(|v| self.text(v, "`source`"));
        let columns = self.columns(t, &id, &id_span)?;
        let header_groups = self.header_groups(t, &columns);
        let row_header = self.row_header(t, &columns);
        let (groups, row_cells) = self.body(t, &columns, &id, &id_span);
        let all_rows: Vec<&Row> = groups.iter().flat_map(|g| g.rows.iter()).collect();
        self.check_percentages(&columns, &all_rows, &row_cells);
        let total = t
            .get("total")
            .and_then(|v| self.total(v, &columns, &all_rows, row_header));
        let chart = t.get("chart").and_then(|v| self.chart(v, &columns));
        if self.error_count() > errors_before {
            return None;
        }
        Some(Table {
            id,
            file: self.file.to_path_buf(),
            caption: caption?,
            notes,
            source,
            columns,
            header_groups,
            row_header,
            groups,
            total,
            chart,
        })
    }

    /// The table's `id` and the span of its value. An id that is not a valid file name is
    /// reported but kept, so that the rest of the table is still checked.
    fn table_id(&mut self, t: &DeTable, span: Range<usize>) -> Option<(String, Range<usize>)> {
        let Some(id_v) = t.get("id") else {
            self.error(
                span,
                "a table has no `id`",
                "add `id = \"...\"` (lowercase letters, digits and `-`), used to place it in a chapter",
            );
            return None;
        };
        let id = self.string(id_v, "`id`")?.to_string();
        if !is_valid_id(&id) {
            self.error(
                id_v.span(),
                format!("table id `{id}` is not valid"),
                "use lowercase ASCII letters, digits and `-` only (it becomes a file name), e.g. `pl2-3-kiem-tra`",
            );
        }
        Some((id, id_v.span()))
    }

    /// The table's `caption`, required; a missing one is reported at the id.
    fn caption(&mut self, t: &DeTable, id: &str, id_span: &Range<usize>) -> Option<Text> {
        match t.get("caption") {
            Some(v) => self.text(v, "`caption`"),
            None => {
                self.error(
                    id_span.clone(),
                    format!("table `{id}` has no `caption`"),
                    "add `caption = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        }
    }

    /// The table's `notes`: an array of texts, or a single text.
    fn notes(&mut self, t: &DeTable) -> Vec<Text> {
        match t.get("notes") {
            None => Vec::new(),
            Some(v) => self.notes_of(v),
        }
    }

    /// The texts of a `notes` value; the invalid ones are reported and left out.
    fn notes_of(&mut self, v: &SV) -> Vec<Text> {
        match v.get_ref() {
            DeValue::Array(a) => a.iter().filter_map(|n| self.text(n, "a note")).collect(),
            _ => self.text(v, "`notes`").into_iter().collect(),
        }
    }
}

/// Whether `id` is non-empty lowercase ASCII letters, digits and `-` (it becomes a file name).
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
