//! The chart declared by a table (`[table.chart]`): its kind, the column along the
//! horizontal axis and the numeric columns drawn as series.

use toml::de::DeValue;

use super::columns::column_index;
use super::{Cx, SV};
use crate::data::model::{Chart, ChartKind, Column};

impl Cx<'_> {
    /// The chart `v` of a table with `columns`.
    pub(super) fn chart(&mut self, v: &SV, columns: &[Column]) -> Option<Chart> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                "`chart` must be a table",
                "write it under a `[table.chart]` header with `type`, `x` and `y`",
            );
            return None;
        };
        self.check_keys(t, &["type", "x", "y", "title"], "a chart");
        let kind = match t.get("type") {
            None => {
                self.error(
                    v.span(),
                    "a chart has no `type`",
                    "add `type = \"bar\"` or `type = \"line\"`",
                );
                None
            }
            Some(k) => self.chart_kind(k),
        };
        let x = match t.get("x") {
            None => {
                self.error(
                    v.span(),
                    "a chart has no `x` column",
                    "add `x = \"column_key\"`, e.g. the year",
                );
                None
            }
            Some(x) => self.chart_x(x, columns)?,
        };
        let y = match t.get("y") {
            None => {
                self.error(
                    v.span(),
                    "a chart has no `y` columns",
                    "add `y = [\"column_key\", ...]`",
                );
                None
            }
            Some(yv) => self.chart_y(yv, columns),
        };
        let title = t
            .get("title")
            .and_then(|x| self.text(x, "the chart's `title`"));
        Some(Chart {
            kind: kind?,
            x: x?,
            y: y?,
            title,
        })
    }

    /// The chart's `type`: `bar` or `line`.
    fn chart_kind(&mut self, k: &SV) -> Option<ChartKind> {
        match self.string(k, "`type`") {
            Some("bar") => Some(ChartKind::Bar),
            Some("line") => Some(ChartKind::Line),
            Some(other) => {
                let other = other.to_string();
                self.error(
                    k.span(),
                    format!("unknown chart type `{other}`"),
                    "the chart types are: bar, line",
                );
                None
            }
            None => None,
        }
    }

    /// The chart's `x`: `Some(None)` for an unknown column (reported), `None` when it is not
    /// a string (which ends the chart).
    fn chart_x(&mut self, x: &SV, columns: &[Column]) -> Option<Option<usize>> {
        let key = self.string(x, "`x`")?.to_string();
        let i = column_index(columns, &key);
        if i.is_none() {
            self.unknown_column(x.span(), &key, columns);
        }
        Some(i)
    }

    /// The chart's `y`: the numeric columns drawn as series, at least one.
    fn chart_y(&mut self, yv: &SV, columns: &[Column]) -> Option<Vec<usize>> {
        let DeValue::Array(a) = yv.get_ref() else {
            return self.no_y_columns(yv);
        };
        if a.is_empty() {
            return self.no_y_columns(yv);
        }
        let mut out = Vec::new();
        let mut ok = true;
        for item in a.iter() {
            match self.series_column(item, columns) {
                Some(i) => out.push(i),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// The error for a `y` that is not a non-empty array; always `None`.
    fn no_y_columns(&mut self, yv: &SV) -> Option<Vec<usize>> {
        self.error(
            yv.span(),
            "`y` must be a non-empty array of column keys",
            "write `y = [\"column_key\", ...]`",
        );
        None
    }

    /// One `y` entry: the index of a numeric column.
    fn series_column(&mut self, item: &SV, columns: &[Column]) -> Option<usize> {
        let key = self.string(item, "a `y` column")?;
        match column_index(columns, key) {
            Some(i) if columns[i].ty.is_numeric() => Some(i),
            Some(i) => {
                let msg = format!(
                    "chart column `{key}` is of type {}, not a number",
                    columns[i].ty.name()
                );
                self.error(
                    item.span(),
                    msg,
                    "chart integer, decimal, percent or count-with-percent columns",
                );
                None
            }
            None => {
                let key = key.to_string();
                self.unknown_column(item.span(), &key, columns);
                None
            }
        }
    }
}
