//! The total row (`[table.total]`): an optional label, whether its values are declared sums
//! of the rows, and the values by column.

use toml::de::{DeTable, DeValue};

use super::values::type_name;
use super::{Cx, SV};
use crate::data::model::{Column, Row, Total, Value};

impl Cx<'_> {
    /// The total row `v` of a table with `columns`, body `rows` and `row_header`; declared
    /// sums are checked against the rows.
    pub(super) fn total(
        &mut self,
        v: &SV,
        columns: &[Column],
        rows: &[&Row],
        row_header: Option<usize>,
    ) -> Option<Total> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                "`total` must be a table",
                "write it under a `[table.total]` header with `label`, `sum` and `values`",
            );
            return None;
        };
        self.check_keys(t, &["label", "sum", "values"], "the total row");
        let label = t
            .get("label")
            .and_then(|l| self.text(l, "the total's `label`"));
        let sum = self.total_sum(t);
        let Some(values) = t.get("values") else {
            self.error(
                v.span(),
                "the total row has no `values`",
                "add `values = { column_key = number, ... }`",
            );
            return None;
        };
        let (cells, spans) = self.row_cells(values, columns, false);
        let cells = cells?;
        if let Some(h) = row_header {
            if cells[h] != Value::Empty {
                self.error(
                    spans[h].clone(),
                    format!(
                        "the total row's `{}` is its label column and cannot hold a value",
                        columns[h].key
                    ),
                    "remove this value; set the label with `label = { ... }`",
                );
                return None;
            }
        }
        if sum {
            self.check_sums(columns, rows, &cells, &spans);
        }
        Some(Total { label, sum, cells })
    }

    /// The total's `sum` flag: `false` when absent (or in error).
    fn total_sum(&mut self, t: &DeTable) -> bool {
        let Some(s) = t.get("sum") else {
            return false;
        };
        match s.get_ref() {
            DeValue::Boolean(b) => *b,
            other => {
                self.error(
                    s.span(),
                    format!("`sum` must be true or false, found {}", type_name(other)),
                    "write `sum = true` when the total is the sum of the rows",
                );
                false
            }
        }
    }
}
