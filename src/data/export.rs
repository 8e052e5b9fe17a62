//! Downloads: CSV (UTF-8 with BOM, RFC 4180) and JSON, one of each per table and language.
//!
//! Numbers are written locale-independently (`1571`, `99.42`, dates as `2017-03-28`).
//! The CSV has one header row: a column under header groups is labelled
//! `Group – Sub-group – Label`; a count-with-percent column becomes two columns, the count and
//! `Label (%)`; a table with row groups gets a first column naming the group; the total row
//! comes last with its label in the label column.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{ColumnType, Table, Text, Value};

/// Separator between a group label and the labels under it in flattened CSV headers.
const LEVEL_SEP: &str = " – ";

fn group_column_label(lang: &str) -> &'static str {
    if lang == "vi" {
        "Nhóm"
    } else {
        "Group"
    }
}

fn default_total_label(lang: &str) -> &'static str {
    if lang == "vi" {
        "Cộng"
    } else {
        "Total"
    }
}

/// The labels of the groups above column `c`, outermost first.
fn group_labels<'a>(table: &'a Table, c: usize, lang: &str) -> Vec<&'a str> {
    let mut gs: Vec<_> = table
        .header_groups
        .iter()
        .filter(|g| g.start <= c && c < g.end)
        .collect();
    gs.sort_by_key(|g| g.depth);
    gs.iter().map(|g| g.label.get(lang)).collect()
}

fn flat_label(table: &Table, c: usize, lang: &str) -> String {
    let mut parts = group_labels(table, c, lang);
    parts.push(table.columns[c].label.get(lang));
    parts.join(LEVEL_SEP)
}

fn plain(lang: &str, v: &Value) -> Vec<String> {
    match v {
        Value::Empty => vec![String::new()],
        Value::Text(t) => vec![t.get(lang).to_string()],
        Value::Integer(n) | Value::Year(n) => vec![n.to_string()],
        Value::Decimal(d) | Value::Percent(d) => vec![d.to_plain()],
        Value::Date(d) => vec![format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)],
        Value::CountPercent { count, percent } => vec![
            count.to_string(),
            percent.map(|p| p.to_plain()).unwrap_or_default(),
        ],
    }
}

fn empty_cells(ty: ColumnType) -> Vec<String> {
    if ty == ColumnType::CountWithPercent {
        vec![String::new(), String::new()]
    } else {
        vec![String::new()]
    }
}

fn cells(table: &Table, lang: &str, values: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for (c, v) in values.iter().enumerate() {
        if *v == Value::Empty {
            out.extend(empty_cells(table.columns[c].ty));
        } else {
            out.extend(plain(lang, v));
        }
    }
    out
}

/// The CSV of `table` in `lang`: UTF-8 with a byte order mark, CRLF line ends, fields quoted
/// when they hold a comma, a quote or a line break.
pub(crate) fn csv(table: &Table, lang: &str) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(false)
        .from_writer(Vec::from("\u{feff}".as_bytes()));
    let grouped_rows = table.has_row_groups();
    let mut header = Vec::new();
    if grouped_rows {
        header.push(group_column_label(lang).to_string());
    }
    for (c, col) in table.columns.iter().enumerate() {
        let label = flat_label(table, c, lang);
        if col.ty == ColumnType::CountWithPercent {
            header.push(label.clone());
            header.push(format!("{label} (%)"));
        } else {
            header.push(label);
        }
    }
    // Writing into a Vec cannot fail, and every record has the header's length.
    let _ = w.write_record(&header);
    for g in &table.groups {
        for r in &g.rows {
            let mut rec = Vec::new();
            if grouped_rows {
                rec.push(g.label.as_ref().map_or("", |l| l.get(lang)).to_string());
            }
            rec.extend(cells(table, lang, &r.cells));
            let _ = w.write_record(&rec);
        }
    }
    if let Some(t) = &table.total {
        let label_col = table.total_label_column();
        let label = t
            .label
            .as_ref()
            .map_or(default_total_label(lang), |l| l.get(lang));
        let mut rec = Vec::new();
        if grouped_rows {
            rec.push(String::new());
        }
        for (c, v) in t.cells.iter().enumerate() {
            if c == label_col {
                rec.push(label.to_string());
                if table.columns[c].ty == ColumnType::CountWithPercent {
                    rec.push(String::new());
                }
            } else if *v == Value::Empty {
                rec.extend(empty_cells(table.columns[c].ty));
            } else {
                rec.extend(plain(lang, v));
            }
        }
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

/// A table as published in `data/<lang>/<id>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableJson {
    /// The table id.
    pub id: String,
    /// The language of the labels and texts.
    pub lang: String,
    /// The caption.
    pub caption: String,
    /// Notes shown under the table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The source of the figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The columns, in order.
    pub columns: Vec<ColumnJson>,
    /// The body rows, in order.
    pub rows: Vec<RowJson>,
    /// The total row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<RowJson>,
}

/// A column in the JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnJson {
    /// The column key (the key of its values in each row).
    pub key: String,
    /// The label.
    pub label: String,
    /// The type name (`integer`, `count-with-percent`, ...).
    #[serde(rename = "type")]
    pub ty: String,
    /// The header groups above the column, outermost first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    /// For a count with percentage: the key of the denominator column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_of: Option<String>,
}

/// A row in the JSON download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowJson {
    /// The row group's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The label of a total row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Values by column key: numbers, strings (text, dates as `YYYY-MM-DD`), `null` for an
    /// empty cell, `{ "count": n, "percent": p }` for a count with its stated percentage.
    pub values: BTreeMap<String, serde_json::Value>,
}

fn json_number(d: super::model::Decimal) -> serde_json::Value {
    if d.scale == 0 {
        if let Ok(n) = i64::try_from(d.units) {
            return serde_json::Value::from(n);
        }
    }
    serde_json::Number::from_f64(d.to_f64())
        .map_or(serde_json::Value::Null, serde_json::Value::Number)
}

fn json_value(lang: &str, v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Empty => J::Null,
        Value::Text(t) => J::String(t.get(lang).to_string()),
        Value::Integer(n) | Value::Year(n) => J::from(*n),
        Value::Decimal(d) | Value::Percent(d) => json_number(*d),
        Value::Date(d) => J::String(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
        Value::CountPercent { count, percent } => {
            let mut m = serde_json::Map::new();
            m.insert("count".into(), J::from(*count));
            if let Some(p) = percent {
                m.insert("percent".into(), json_number(*p));
            }
            J::Object(m)
        }
    }
}

impl TableJson {
    /// The JSON form of `table` in `lang`.
    pub fn from_table(table: &Table, lang: &str) -> TableJson {
        let text = |t: &Text| t.get(lang).to_string();
        let values =
            |cells: &[Value], skip: Option<usize>| -> BTreeMap<String, serde_json::Value> {
                table
                    .columns
                    .iter()
                    .zip(cells)
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != skip)
                    .map(|(_, (c, v))| (c.key.clone(), json_value(lang, v)))
                    .collect()
            };
        TableJson {
            id: table.id.clone(),
            lang: lang.to_string(),
            caption: text(&table.caption),
            notes: table.notes.iter().map(text).collect(),
            source: table.source.as_ref().map(text),
            columns: table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| ColumnJson {
                    key: c.key.clone(),
                    label: text(&c.label),
                    ty: c.ty.name().to_string(),
                    groups: group_labels(table, i, lang)
                        .into_iter()
                        .map(String::from)
                        .collect(),
                    percent_of: c.percent_of.map(|d| table.columns[d].key.clone()),
                })
                .collect(),
            rows: table
                .groups
                .iter()
                .flat_map(|g| {
                    g.rows.iter().map(move |r| RowJson {
                        group: g.label.as_ref().map(|l| l.get(lang).to_string()),
                        label: None,
                        values: values(&r.cells, None),
                    })
                })
                .collect(),
            total: table.total.as_ref().map(|t| RowJson {
                group: None,
                label: Some(
                    t.label
                        .as_ref()
                        .map_or(default_total_label(lang), |l| l.get(lang))
                        .to_string(),
                ),
                values: values(&t.cells, Some(table.total_label_column())),
            }),
        }
    }
}

/// The JSON download of `table` in `lang`: pretty-printed, ending with a newline.
pub(crate) fn json(table: &Table, lang: &str) -> Vec<u8> {
    let mut out =
        serde_json::to_vec_pretty(&TableJson::from_table(table, lang)).unwrap_or_default();
    out.push(b'\n');
    out
}
