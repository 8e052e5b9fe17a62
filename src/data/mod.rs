//! Data tables: TOML files under `content/data/`, validated at load, rendered per language as
//! accessible HTML (with an optional inline SVG chart) and exported as CSV and JSON downloads.
//!
//! # File format
//!
//! Every `*.toml` file under `content/data/` (sub-folders included) holds one or more tables,
//! each under a `[[table]]` header. Tables are identified by their `id`, unique across files.
//!
//! ```toml
//! [[table]]
//! id = "pl2-3-kiem-tra"                  # lowercase ASCII, digits, `-`: placement key and file name
//! caption = { vi = "Công tác kiểm tra", en = "Inspections" }
//! notes = [{ vi = "Số liệu 2020 tính đến tháng 6.", en = "2020 figures up to June." }]  # optional
//! source = { vi = "Phụ lục 2", en = "Appendix 2" }                                     # optional
//! row_header = "nam"                     # optional: the column whose cells head their row
//!
//! # Rows: arrays in column order. (A plain key such as `rows` must come before the first
//! # `[[table.columns]]` header: TOML puts the keys after a header into that header's entry.)
//! rows = [
//!     [2015, 14, 33, { count = 30, percent = 90.91 }],
//!     [2016, 17, 42, 40],                # a count without a stated percentage
//! ]
//! # ... or tables keyed by column, in `rows = [{ nam = 2015, ... }]` or under headers:
//! #   [[table.rows]]
//! #   nam = 2015
//! #   dat = { count = 30, percent = 90.91 }
//! # `""` is an empty cell in any column. Text cells are { vi = "...", en = "..." }.
//! # Instead of `rows`, a table may have labelled row groups (rendered as a header row each):
//! #   [[table.row_groups]]
//! #   label = { vi = "Văn bản của Tỉnh ủy", en = "Documents of the Provincial Party Committee" }
//! #   [[table.row_groups.rows]]
//! #   stt = 1
//! #   ten = { vi = "...", en = "..." }
//!
//! [[table.columns]]
//! key = "nam"
//! label = { vi = "Năm", en = "Year" }
//! type = "year"                          # text | integer | decimal | percent | year | date | count-with-percent
//!
//! [[table.columns]]
//! key = "doan"
//! label = { vi = "Số đoàn kiểm tra", en = "Inspection teams" }
//! type = "integer"
//!
//! [[table.columns]]
//! key = "cuoc"
//! label = { vi = "Số cuộc kiểm tra", en = "Inspections" }
//! type = "integer"
//!
//! [[table.columns]]
//! key = "dat"
//! label = { vi = "Đạt yêu cầu", en = "Satisfactory" }
//! type = "count-with-percent"            # a count and, optionally, its stated percentage
//! percent_of = "cuoc"                    # the stated percentage is checked against count / cuoc
//!
//! # Header groups: a label spanning adjacent columns, one header row above the column labels.
//! # Groups may nest (a group inside another adds a level); spans are computed: a column
//! # outside any group, or under fewer levels, gets a rowspan down to the last header row.
//! [[table.header_groups]]
//! label = { vi = "Kết quả", en = "Results" }
//! columns = ["cuoc", "dat"]
//!
//! [table.total]                          # optional, rendered in <tfoot>
//! label = { vi = "Cộng", en = "Total" }  # optional: defaults to the UI string `table.total`
//! sum = true                             # the values are checked against the sums of the rows
//! values = { doan = 31, cuoc = 75, dat = 70 }
//!
//! [table.chart]                          # optional, drawn when a placement asks for it
//! type = "line"                          # bar | line
//! x = "nam"
//! y = ["doan", "cuoc"]
//! title = { vi = "...", en = "..." }     # optional: defaults to the caption
//! ```
//!
//! Numbers are stored once, as TOML numbers, and formatted for the reader (Vietnamese
//! `1.095`, `10,41`, `99,42%`; English `1,095`, `10.41`, `99.42%`; years never grouped).
//! Decimals keep the digits written in the file (`10.0` stays `10,0`).
//!
//! # Validation
//!
//! [`load`] reports, each at file:line:col with a hint: TOML syntax errors, unknown keys,
//! unknown or missing columns, a missing text in a site language, a value of the wrong type,
//! a row of the wrong length, a duplicate id, header groups that overlap, a declared sum that
//! does not add up (errors) and a stated percentage that differs from the one computed from its
//! counts (a warning: official figures are kept as stated). A table with an error is left out
//! of the [`DataSet`]; loading goes on with the others.
//!
//! # HTML and downloads
//!
//! [`DataSet::render`] produces `<div class="sn-table" id="tbl-ID">` holding: the chart
//! (`<div class="sn-chart"><svg role="img" …>`) when the placement asks for it; a visible
//! title (`<p class="sn-table-title" aria-hidden="true">`, the caption again, kept within the
//! page width); the scroll box (`<div class="sn-table-scroll" role="region" tabindex="0">`)
//! with `<table class="sn-data data-table">`, its `<caption>` (visually hidden by
//! `tables.css`), `<thead>` (`scope="col"` / `"colgroup"`; with header groups also
//! `<colgroup>`s and `id`/`headers` on every cell), one `<tbody>` per row group (a
//! `scope="rowgroup"` header row each) and the total row in `<tfoot>`; then notes
//! (`sn-table-note`), the source (`sn-table-source`) and the download links
//! (`sn-table-downloads`, to `{root}data/{lang}/{id}.csv|json` with a `download` attribute).
//! Cells carry `sn-num`, `sn-year`, `sn-date` or `sn-text` for alignment.
//! [`DataSet::outputs`] gives those files for every table and language.
//!
//! # UI strings
//!
//! From the `[table]` group of `theme/i18n/<lang>.toml` (built-in English when missing):
//! `total` (label of a total row without its own), `note`, `source`, `download`,
//! `download_csv`, `download_json`, `chart_line`, `chart_bar` and `chart_range`
//! (`"{x}: {from} to {to}."`, in the chart's description).
//!
//! # Placing a table
//!
//! A chapter places a table with a fenced block whose info string is `table`; its body is
//! TOML with `id` and, optionally, `chart = true` (see [`parse_placement`]):
//!
//! ````markdown
//! ```table
//! id = "pl2-3-kiem-tra"
//! chart = true
//! ```
//! ````

mod chart;
mod export;
mod fence;
mod format;
mod html;
mod model;
mod parse;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use xxhash_rust::xxh3::Xxh3;

pub use export::{ColumnJson, RowJson, TableJson};
pub use format::NumberFormat;
pub use model::{
    Chart, ChartKind, Column, ColumnType, Date, Decimal, HeaderGroup, Row, RowGroup, Table, Text,
    Total, Value,
};

use crate::diagnostics::{display_path, Diagnostic, Location};
use crate::i18n::UiStrings;

/// All tables of a site, by id.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    tables: BTreeMap<String, Table>,
    fingerprint: u64,
}

/// What a page tells [`DataSet::render`] about itself.
pub struct TableContext<'a> {
    /// The page's language (`vi`, `en`): labels and number formats.
    pub lang: &'a str,
    /// Relative prefix from the page to the site root (`""`, `"../"`, ...), for download links.
    pub root: &'a str,
    /// The UI strings of the page's language (`[table]` group).
    pub strings: &'a UiStrings,
}

/// A table placed in a chapter by a ```` ```table ```` fence.
#[derive(Debug, Clone)]
pub struct Placement {
    /// The table's id.
    pub id: String,
    /// Whether to draw the table's chart above it.
    pub chart: bool,
    /// Where the placement is (the `id` value when present, else the fence body), for errors.
    pub location: Location,
}

/// Reads every `*.toml` under `site_root/content/data/` (recursively, in path order) and
/// validates the tables against the site's `languages`. Missing folder: an empty set.
pub fn load(site_root: &Path, languages: &[String]) -> (DataSet, Vec<Diagnostic>) {
    let dir = site_root.join("content").join("data");
    let mut files = Vec::new();
    let mut diags = Vec::new();
    if dir.is_dir() {
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| match e {
                Ok(e) => Some(e),
                Err(err) => {
                    diags.push(
                        Diagnostic::error(format!("cannot read the data folder: {err}"))
                            .in_file(display_path(site_root, &dir)),
                    );
                    None
                }
            })
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let shown = display_path(site_root, &p);
            match std::fs::read_to_string(&p) {
                Ok(text) => files.push((shown, text)),
                Err(err) => diags.push(
                    Diagnostic::error(format!("cannot read data file: {err}"))
                        .in_file(shown)
                        .with_hint("data files must be UTF-8 text"),
                ),
            }
        }
    }
    let (set, more) = DataSet::from_files(files, languages);
    diags.extend(more);
    let diags = diags.into_iter().map(|d| d.or_code("data-table")).collect();
    (set, diags)
}

impl DataSet {
    /// Builds a set from `(display path, text)` pairs, in the given order: what [`load`] does
    /// after reading the files. Useful for tests and for callers holding files in memory.
    pub fn from_files(
        files: Vec<(PathBuf, String)>,
        languages: &[String],
    ) -> (DataSet, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let mut tables: BTreeMap<String, Table> = BTreeMap::new();
        let mut first_seen: BTreeMap<String, Location> = BTreeMap::new();
        let mut hasher = Xxh3::new();
        for l in languages {
            hasher.update(l.as_bytes());
            hasher.update(&[0]);
        }
        for (path, text) in files {
            hasher.update(path.to_string_lossy().as_bytes());
            hasher.update(&[0]);
            hasher.update(text.as_bytes());
            hasher.update(&[0]);
            let src: Arc<str> = Arc::from(text);
            let parsed = parse::parse_file(&path, &src, languages, &mut diags);
            // Every table with an id counts for duplicates, valid or not.
            for (id, id_span, table) in parsed {
                let here = Location::new(path.clone(), src.clone(), id_span);
                if let Some(first) = first_seen.get(&id) {
                    diags.push(
                        Diagnostic::error(format!("duplicate table id `{id}`"))
                            .at(here)
                            .with_hint(format!(
                                "the id is first defined at {first:?}; every table needs its own id"
                            )),
                    );
                    continue;
                }
                first_seen.insert(id.clone(), here);
                if let Some(table) = table {
                    tables.insert(id, table);
                }
            }
        }
        (
            DataSet {
                tables,
                fingerprint: hasher.digest(),
            },
            diags,
        )
    }

    /// How many valid tables there are.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    /// Whether there is no table.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// A hash of every data file's path and text (and the languages): changes when any
    /// table changes, so a caller can cache pages that place tables.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The table with `id`.
    pub fn get(&self, id: &str) -> Option<&Table> {
        self.tables.get(id)
    }

    /// All tables, in id order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.tables.values()
    }

    /// The HTML for placement `p` on a page in `ctx.lang`: scroll wrapper, `<table>`, notes,
    /// source, download links and, when `p.chart`, the chart as inline SVG above the table.
    /// An unknown id, or a chart asked of a table that declares none, is an error at
    /// `p.location`.
    // The error type is the pipeline's `Diagnostic`, as ARCHITECTURE.md specifies.
    #[allow(clippy::result_large_err)]
    pub fn render(&self, p: &Placement, ctx: &TableContext) -> Result<String, Diagnostic> {
        let Some(table) = self.tables.get(&p.id) else {
            let ids: Vec<&str> = self.tables.keys().map(String::as_str).collect();
            let hint = match crate::text::closest(&p.id, &ids) {
                Some(c) => format!("did you mean `{c}`?"),
                None if ids.is_empty() => {
                    "no data table was loaded; tables live in content/data/*.toml".to_string()
                }
                None => format!("the table ids are: {}", ids.join(", ")),
            };
            return Err(Diagnostic::error(format!("unknown table id `{}`", p.id))
                .at(p.location.clone())
                .with_hint(hint));
        };
        if p.chart && table.chart.is_none() {
            return Err(
                Diagnostic::error(format!("table `{}` declares no chart", p.id))
                    .at(p.location.clone())
                    .with_hint(format!(
                        "remove `chart = true`, or add a `[table.chart]` to the table in {}",
                        table.file.display()
                    )),
            );
        }
        Ok(html::render(table, p.chart, ctx))
    }

    /// The downloads of every table in every language: `data/<lang>/<id>.csv` and
    /// `data/<lang>/<id>.json`, in path order.
    pub fn outputs(&self, languages: &[String]) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for lang in languages {
            for t in self.tables.values() {
                out.push((format!("data/{lang}/{}.csv", t.id), export::csv(t, lang)));
                out.push((format!("data/{lang}/{}.json", t.id), export::json(t, lang)));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// Parses the body of a ```` ```table ```` fence: TOML with `id = "..."` and optionally
/// `chart = true`. `location` is the fence body's place in its file (its span starts at the
/// body's first byte); errors point inside it.
#[allow(clippy::result_large_err)]
pub fn parse_placement(body: &str, location: Location) -> Result<Placement, Diagnostic> {
    let base = location.span.start;
    let at = |span: Range<usize>| {
        Location::new(
            location.file.clone(),
            location.source.clone(),
            base + span.start..base + span.end,
        )
    };
    let whole = location.span.clone();
    let whole_loc = Location::new(location.file.clone(), location.source.clone(), whole);
    let usage = "a ```table block holds `id = \"table-id\"` and optionally `chart = true`";
    let doc = match DeTable::parse(body) {
        Ok(d) => d,
        Err(e) => {
            let loc = match e.span() {
                Some(s) => at(s),
                None => whole_loc,
            };
            return Err(Diagnostic::error(format!(
                "invalid table placement: {}",
                e.message().trim()
            ))
            .at(loc)
            .with_hint(usage));
        }
    };
    let doc = doc.get_ref();
    for (k, _) in doc.iter() {
        if k.get_ref() != "id" && k.get_ref() != "chart" {
            return Err(Diagnostic::error(format!(
                "unknown key `{}` in a table placement",
                k.get_ref()
            ))
            .at(at(k.span()))
            .with_hint(usage));
        }
    }
    let (id, id_loc) = match doc.get("id") {
        None => {
            return Err(Diagnostic::error("a table placement has no `id`")
                .at(whole_loc)
                .with_hint(usage))
        }
        Some(v) => match v.get_ref() {
            DeValue::String(s) if !s.is_empty() => (s.to_string(), at(v.span())),
            _ => {
                return Err(Diagnostic::error(
                    "the `id` of a table placement must be a non-empty string",
                )
                .at(at(v.span()))
                .with_hint(usage))
            }
        },
    };
    let chart = match doc.get("chart") {
        None => false,
        Some(v) => match v.get_ref() {
            DeValue::Boolean(b) => *b,
            _ => {
                return Err(
                    Diagnostic::error("`chart` of a table placement must be true or false")
                        .at(at(v.span()))
                        .with_hint(usage),
                )
            }
        },
    };
    Ok(Placement {
        id,
        chart,
        location: id_loc,
    })
}

/// A UI string of the `[table]` group, with a built-in English fallback.
pub(crate) fn ui<'a>(strings: &'a UiStrings, key: &str, fallback: &'a str) -> &'a str {
    strings.get(&format!("table.{key}")).unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The TOML example in this module's documentation, without the `//! ` prefixes.
    fn doc_example() -> String {
        let src = include_str!("mod.rs");
        let mut out = String::new();
        let mut inside = false;
        for line in src.lines() {
            let Some(doc) = line.strip_prefix("//!") else {
                continue;
            };
            let doc = doc.strip_prefix(' ').unwrap_or(doc);
            if doc == "```toml" {
                inside = true;
            } else if inside && doc == "```" {
                break;
            } else if inside {
                out.push_str(doc);
                out.push('\n');
            }
        }
        out
    }

    #[test]
    fn the_documented_example_loads_cleanly() {
        let text = doc_example();
        assert!(text.contains("[[table]]"), "{text}");
        let langs = vec!["vi".to_string(), "en".to_string()];
        let (set, diags) = DataSet::from_files(vec![(PathBuf::from("doc.toml"), text)], &langs);
        assert!(diags.is_empty(), "{diags:#?}");
        let t = set.get("pl2-3-kiem-tra").unwrap();
        assert_eq!(t.columns.len(), 4);
        assert_eq!(t.header_groups.len(), 1);
        assert_eq!(t.rows().count(), 2);
        assert!(t.total.as_ref().unwrap().sum);
        assert_eq!(t.chart.as_ref().unwrap().y, vec![1, 2]);
    }

    #[test]
    fn dates_render_per_locale_and_export_as_iso() {
        let text = r#"[[table]]
id = "d"
caption = { vi = "Ngày", en = "Dates" }
rows = [[2017-03-28, ""]]

[[table.columns]]
key = "ngay"
label = { vi = "Ngày", en = "Date" }
type = "date"

[[table.columns]]
key = "ghi_chu"
label = { vi = "Ghi chú", en = "Remark" }
type = "text"
"#;
        let langs = vec!["vi".to_string(), "en".to_string()];
        let (set, diags) =
            DataSet::from_files(vec![(PathBuf::from("d.toml"), text.to_string())], &langs);
        assert!(diags.is_empty(), "{diags:#?}");
        let strings = UiStrings::default();
        let src: Arc<str> = Arc::from("id = \"d\"\n");
        let p = parse_placement("id = \"d\"\n", Location::new("x.md", src, 0..9)).unwrap();
        for (lang, shown) in [("vi", "28/3/2017"), ("en", "28 March 2017")] {
            let ctx = TableContext {
                lang,
                root: "",
                strings: &strings,
            };
            let html = set.render(&p, &ctx).unwrap();
            assert!(
                html.contains(&format!("<td class=\"sn-date\">{shown}</td>")),
                "{html}"
            );
            // Built-in English fallbacks when the theme lacks the [table] strings.
            assert!(html.contains("Download the data:"));
        }
        let out = set.outputs(&langs);
        assert_eq!(out[0].0, "data/en/d.csv");
        assert_eq!(
            out[0].1,
            "\u{feff}Date,Remark\r\n2017-03-28,\r\n".as_bytes()
        );
        let json = String::from_utf8(out[1].1.clone()).unwrap();
        assert!(json.contains("\"ngay\": \"2017-03-28\""), "{json}");
        assert!(json.contains("\"ghi_chu\": null"), "{json}");
    }
}
