//! The body of a table: `rows` or labelled `row_groups`, and the cells of one row (an array
//! in column order or a table keyed by column).

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::columns::column_index;
use super::values::type_name;
use super::{Cx, SV};
use crate::data::model::{Column, Row, RowGroup, Value};

/// The spans of a row's cells, one per column (where each check points).
type CellSpans = Vec<Range<usize>>;

impl Cx<'_> {
    /// The row groups of the table (a single unlabelled one for plain `rows`) and the cell
    /// spans of every valid row, in order.
    pub(super) fn body(
        &mut self,
        t: &DeTable,
        columns: &[Column],
        id: &str,
        id_span: &Range<usize>,
    ) -> (Vec<RowGroup>, Vec<CellSpans>) {
        let mut groups: Vec<RowGroup> = Vec::new();
        let mut row_cells: Vec<CellSpans> = Vec::new();
        match (t.get("rows"), t.get("row_groups")) {
            (Some(_), Some(g)) => {
                self.error(
                    g.span(),
                    "a table has either `rows` or `row_groups`, not both",
                    "move the ungrouped rows into a row group",
                );
            }
            (Some(r), None) => {
                let rows = self.rows(r, columns, &mut row_cells);
                groups.push(RowGroup { label: None, rows });
            }
            (None, Some(g)) => self.row_groups(g, columns, &mut groups, &mut row_cells),
            (None, None) => self.error(
                id_span.clone(),
                format!("table `{id}` has no `rows`"),
                "add `rows = [...]`, `[[table.rows]]` entries or `[[table.row_groups]]`",
            ),
        }
        (groups, row_cells)
    }

    /// Appends the groups of a `row_groups` value to `groups`.
    fn row_groups(
        &mut self,
        g: &SV,
        columns: &[Column],
        groups: &mut Vec<RowGroup>,
        row_cells: &mut Vec<CellSpans>,
    ) {
        let DeValue::Array(a) = g.get_ref() else {
            self.error(
                g.span(),
                format!(
                    "`row_groups` must be an array of tables, found {}",
                    type_name(g.get_ref())
                ),
                "write each group under a `[[table.row_groups]]` header",
            );
            return;
        };
        for item in a.iter() {
            if let Some(group) = self.row_group(item, columns, row_cells) {
                groups.push(group);
            }
        }
    }

    /// One row group entry: its label and rows. A group with a missing label or rows is
    /// reported and kept (with an empty label or no rows), so its other rows are checked.
    fn row_group(
        &mut self,
        item: &SV,
        columns: &[Column],
        row_cells: &mut Vec<CellSpans>,
    ) -> Option<RowGroup> {
        let DeValue::Table(gt) = item.get_ref() else {
            self.error(
                item.span(),
                "a row group must be a table",
                "write each group under a `[[table.row_groups]]` header with `label` and `rows`",
            );
            return None;
        };
        self.check_keys(gt, &["label", "rows"], "a row group");
        let label = match gt.get("label") {
            Some(l) => self.text(l, "the row group's `label`"),
            None => {
                self.error(
                    item.span(),
                    "a row group has no `label`",
                    "add `label = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        };
        let rows = match gt.get("rows") {
            Some(r) => self.rows(r, columns, row_cells),
            None => {
                self.error(
                    item.span(),
                    "a row group has no `rows`",
                    "add rows under `[[table.row_groups.rows]]` headers",
                );
                Vec::new()
            }
        };
        Some(RowGroup {
            label: Some(label.unwrap_or_default()),
            rows,
        })
    }

    /// The valid rows of a `rows` value; their cell spans are appended to `spans`.
    fn rows(&mut self, v: &SV, columns: &[Column], spans: &mut Vec<CellSpans>) -> Vec<Row> {
        let DeValue::Array(a) = v.get_ref() else {
            self.error(
                v.span(),
                format!("`rows` must be an array, found {}", type_name(v.get_ref())),
                "write `rows = [[...], [...]]` or use `[[...rows]]` headers",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in a.iter() {
            let (cells, cell_spans) = self.row_cells(r, columns, true);
            if let Some(cells) = cells {
                out.push(Row { cells });
                spans.push(cell_spans);
            }
        }
        out
    }

    /// The cells of a row (array in column order, or table keyed by column).
    /// `complete` requires every column (body rows); the total row may leave columns out.
    pub(super) fn row_cells(
        &mut self,
        r: &SV,
        columns: &[Column],
        complete: bool,
    ) -> (Option<Vec<Value>>, CellSpans) {
        let mut cells = vec![Value::Empty; columns.len()];
        let mut spans = vec![r.span(); columns.len()];
        let ok = match r.get_ref() {
            DeValue::Array(items) => {
                if !self.row_length_matches(r, items.len(), columns) {
                    return (None, spans);
                }
                let mut ok = true;
                for (i, item) in items.iter().enumerate() {
                    ok &= self.put_cell(item, columns, i, &mut cells, &mut spans);
                }
                ok
            }
            DeValue::Table(t) => self.keyed_cells(r, t, columns, complete, &mut cells, &mut spans),
            other => {
                self.error(
                    r.span(),
                    format!(
                        "a row must be an array or a table, found {}",
                        type_name(other)
                    ),
                    "write a row as `[v1, v2, ...]` in column order or as `{ key = value, ... }`",
                );
                false
            }
        };
        (ok.then_some(cells), spans)
    }

    /// Whether an array row has one value per column; an error when not.
    fn row_length_matches(&mut self, r: &SV, len: usize, columns: &[Column]) -> bool {
        if len == columns.len() {
            return true;
        }
        self.error(
            r.span(),
            format!(
                "row has {} cells but the table has {} columns",
                len,
                columns.len()
            ),
            format!(
                "give one value per column, in order: {}",
                columns
                    .iter()
                    .map(|c| c.key.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
        false
    }

    /// Reads `item` as the cell of column `i` into `cells` and `spans`; whether it is valid.
    fn put_cell(
        &mut self,
        item: &SV,
        columns: &[Column],
        i: usize,
        cells: &mut [Value],
        spans: &mut [Range<usize>],
    ) -> bool {
        spans[i] = value_span(item);
        match self.cell(item, &columns[i]) {
            Some(v) => {
                cells[i] = v;
                true
            }
            None => false,
        }
    }

    /// The cells of a row written as a table keyed by column; whether they are all valid
    /// (and, when `complete`, all given).
    fn keyed_cells(
        &mut self,
        r: &SV,
        t: &DeTable,
        columns: &[Column],
        complete: bool,
        cells: &mut [Value],
        spans: &mut [Range<usize>],
    ) -> bool {
        let mut ok = true;
        let mut seen = vec![false; columns.len()];
        for (k, item) in t.iter() {
            match column_index(columns, k.get_ref()) {
                Some(i) => {
                    seen[i] = true;
                    ok &= self.put_cell(item, columns, i, cells, spans);
                }
                None => {
                    let key = k.get_ref().to_string();
                    self.unknown_column(k.span(), &key, columns);
                    ok = false;
                }
            }
        }
        if complete {
            ok &= self.all_columns_given(r, columns, &seen);
        }
        ok
    }

    /// Whether a keyed row gives every column (`seen`); an error naming the missing ones.
    fn all_columns_given(&mut self, r: &SV, columns: &[Column], seen: &[bool]) -> bool {
        let missing: Vec<&str> = columns
            .iter()
            .zip(seen)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| c.key.as_str())
            .collect();
        if missing.is_empty() {
            return true;
        }
        self.error(
            r.span(),
            format!(
                "row has no value for column{} {}",
                if missing.len() > 1 { "s" } else { "" },
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "give every column a value; write `\"\"` for a cell the source leaves empty",
        );
        false
    }
}

/// The span to report for a cell: a count-with-percent table points at its percentage.
fn value_span(v: &SV) -> Range<usize> {
    if let DeValue::Table(t) = v.get_ref() {
        if let Some(p) = t.get("percent") {
            return p.span();
        }
    }
    v.span()
}
