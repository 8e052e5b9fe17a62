//! Accessible HTML for a placed table.
//!
//! Simple tables use `scope` (`col`, `row`, `rowgroup`). Tables with header groups also give
//! every header cell an `id` and every cell a `headers` list naming its column label, the
//! groups above it, its row header and its row group, since `scope` alone cannot say which
//! of several stacked header cells a cell belongs to.

use std::fmt::Write;

use super::model::{ColumnType, Row, Table, Total, Value};
use super::{chart, format, ui, TableContext};
use crate::text::escape;

fn align_class(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::Text => "sn-text",
        ColumnType::Year => "sn-year",
        ColumnType::Date => "sn-date",
        _ => "sn-num",
    }
}

/// Escaped text with line breaks kept as `<br>`.
fn text_html(s: &str) -> String {
    escape(s).replace('\n', "<br>")
}

fn cell_html(lang: &str, v: &Value) -> String {
    text_html(&format::value(lang, v))
}

/// The HTML of `table` placed on a page of `ctx.lang`, with its chart above it when
/// `with_chart` (and the table declares one).
pub(crate) fn render(table: &Table, with_chart: bool, ctx: &TableContext) -> String {
    let r = Layout::new(table, ctx);
    let mut h = String::new();
    let _ = writeln!(h, "<div class=\"sn-table\" id=\"{}\">", r.prefix);
    if with_chart {
        if let Some(c) = &table.chart {
            h.push_str(&chart::svg(table, c, ctx));
        }
    }
    r.open_table(&mut h);
    if r.grouped {
        r.colgroups(&mut h);
    }
    r.thead(&mut h);
    r.tbodies(&mut h);
    if let Some(total) = &table.total {
        r.tfoot(total, &mut h);
    }
    h.push_str("</table>\n</div>\n");
    r.notes_and_source(&mut h);
    r.downloads(&mut h);
    h.push_str("</div>\n");
    h
}

/// What every part of a table's HTML needs: the table, the page, and the ids and classes
/// computed once per table.
struct Layout<'a> {
    table: &'a Table,
    ctx: &'a TableContext<'a>,
    lang: &'a str,
    /// The prefix of every id in the table's HTML: `tbl-ID`.
    prefix: String,
    /// Whether the table has header groups (then cells carry `id` and `headers`).
    grouped: bool,
    /// The class of the cells of each column.
    classes: Vec<String>,
    /// Per column: the id of its label, then those of the groups above it.
    col_headers: Vec<Vec<String>>,
}

impl<'a> Layout<'a> {
    fn new(table: &'a Table, ctx: &'a TableContext<'a>) -> Self {
        let prefix = format!("tbl-{}", table.id);
        let col_headers = column_headers(table, &prefix);
        Layout {
            table,
            ctx,
            lang: ctx.lang,
            grouped: !table.header_groups.is_empty(),
            classes: column_classes(table, ctx.lang),
            col_headers,
            prefix,
        }
    }

    /// The id of the label of column `c`.
    fn col_id(&self, c: usize) -> String {
        format!("{}-c{c}", self.prefix)
    }

    /// The visible title, the scroll box, and the `<table>` with its `<caption>`.
    fn open_table(&self, h: &mut String) {
        // The caption is also shown above the scroll box (hidden from assistive technology,
        // which reads the <caption>), so that a phone shows it whole, not scrolled with the
        // table.
        let caption = text_html(self.table.caption.get(self.lang));
        let prefix = &self.prefix;
        let _ = write!(
            h,
            "<p class=\"sn-table-title\" aria-hidden=\"true\">{caption}</p>\n\
             <div class=\"sn-table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{prefix}-caption\">\n\
             <table class=\"sn-data data-table\">\n<caption id=\"{prefix}-caption\">{caption}</caption>\n"
        );
    }

    /// Column groups, so that `scope="colgroup"` has groups to refer to: one per top-level
    /// header group, one per column outside them.
    fn colgroups(&self, h: &mut String) {
        let mut c = 0;
        while c < self.table.columns.len() {
            let top = self
                .table
                .header_groups
                .iter()
                .find(|g| g.depth == 0 && g.start == c);
            let span = top.map_or(1, |g| g.end - g.start);
            if span > 1 {
                let _ = writeln!(h, "<colgroup span=\"{span}\"></colgroup>");
            } else {
                h.push_str("<colgroup></colgroup>\n");
            }
            c += span;
        }
    }

    /// The `<thead>`: one row per header level, group labels above the column labels.
    fn thead(&self, h: &mut String) {
        let levels = self.table.header_levels();
        h.push_str("<thead>\n");
        for r in 0..levels {
            let mut cells = self.group_header_cells(r);
            cells.extend(self.column_header_cells(r, levels));
            cells.sort_by_key(|(c, _)| *c);
            h.push_str("<tr>");
            for (_, c) in cells {
                h.push_str(&c);
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</thead>\n");
    }

    /// The header cells of the groups at depth `r`, each with its first column.
    fn group_header_cells(&self, r: usize) -> Vec<(usize, String)> {
        let groups = &self.table.header_groups;
        let mut cells = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            if g.depth != r {
                continue;
            }
            let parents: Vec<String> = groups
                .iter()
                .enumerate()
                .filter(|(_, p)| p.depth < g.depth && p.start <= g.start && g.end <= p.end)
                .map(|(pi, _)| group_id(&self.prefix, pi))
                .collect();
            cells.push((
                g.start,
                format!(
                    "<th scope=\"colgroup\" colspan=\"{}\" id=\"{}\"{}>{}</th>",
                    g.end - g.start,
                    group_id(&self.prefix, gi),
                    headers_attr(&parents),
                    text_html(g.label.get(self.lang))
                ),
            ));
        }
        cells
    }

    /// The label cells of the columns whose label is on header row `r` (of `levels`), each
    /// with its column; a label spans the rows down to the last.
    fn column_header_cells(&self, r: usize, levels: usize) -> Vec<(usize, String)> {
        let mut cells = Vec::new();
        for (c, col) in self.table.columns.iter().enumerate() {
            if self.table.column_depth(c) != r {
                continue;
            }
            let rowspan = levels - r;
            let rs = if rowspan > 1 {
                format!(" rowspan=\"{rowspan}\"")
            } else {
                String::new()
            };
            let ids = if self.grouped {
                let above = headers_attr(&self.col_headers[c][1..]);
                format!(" id=\"{}\"{above}", self.col_id(c))
            } else {
                String::new()
            };
            // Short labels (`Stt`, `Năm`) need no minimum width.
            let short = if col.label.get(self.lang).chars().count() <= 8 {
                " sn-short"
            } else {
                ""
            };
            cells.push((
                c,
                format!(
                    "<th scope=\"col\"{rs}{ids} class=\"{}{short}\">{}</th>",
                    self.classes[c],
                    text_html(col.label.get(self.lang))
                ),
            ));
        }
        cells
    }

    /// One `<tbody>` per row group, rows numbered across groups.
    fn tbodies(&self, h: &mut String) {
        let mut row_no = 0;
        for (gi, group) in self.table.groups.iter().enumerate() {
            h.push_str("<tbody>\n");
            let rg_id = format!("{}-rg{gi}", self.prefix);
            if let Some(label) = &group.label {
                self.row_group_header(&rg_id, label.get(self.lang), h);
            }
            let rg_id = group.label.as_ref().map(|_| rg_id.as_str());
            for row in &group.rows {
                row_no += 1;
                self.body_row(row, row_no, rg_id, h);
            }
            h.push_str("</tbody>\n");
        }
    }

    /// The header row of a labelled row group (`rg_id` when cells name it).
    fn row_group_header(&self, rg_id: &str, label: &str, h: &mut String) {
        let id = if self.grouped {
            format!(" id=\"{rg_id}\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            h,
            "<tr class=\"sn-rowgroup\"><th scope=\"rowgroup\" colspan=\"{}\"{id}>{}</th></tr>",
            self.table.columns.len(),
            text_html(label)
        );
    }

    /// Body row number `row_no` (from 1, across groups), in the row group `rg_id` if labelled.
    fn body_row(&self, row: &Row, row_no: usize, rg_id: Option<&str>, h: &mut String) {
        let row_id = format!("{}-r{row_no}", self.prefix);
        h.push_str("<tr>");
        let row_header_id = self.table.row_header.map(|_| row_id.as_str());
        for (c, v) in row.cells.iter().enumerate() {
            let mut headers: Vec<String> = Vec::new();
            if self.grouped {
                headers.extend(self.col_headers[c].iter().cloned());
                headers.extend(rg_id.map(str::to_string));
            }
            let cell = Cell {
                is_row_header: self.table.row_header == Some(c),
                row_header_id,
                headers: self.grouped.then_some(headers),
                class: &self.classes[c],
                content: &cell_html(self.lang, v),
            };
            cell.push_to(h);
        }
        h.push_str("</tr>\n");
    }

    /// The `<tfoot>` with the total row; its label goes in the table's total label column.
    fn tfoot(&self, total: &Total, h: &mut String) {
        let label_col = self.table.total_label_column();
        let label = match &total.label {
            Some(t) => t.get(self.lang).to_string(),
            None => ui(self.ctx.strings, "total", "Total").to_string(),
        };
        let total_id = format!("{}-total", self.prefix);
        h.push_str("<tfoot>\n<tr class=\"sn-total\">");
        for (c, v) in total.cells.iter().enumerate() {
            let is_label = c == label_col;
            let cell = Cell {
                is_row_header: is_label,
                row_header_id: Some(&total_id),
                headers: self.grouped.then(|| self.col_headers[c].clone()),
                class: &self.classes[c],
                content: &if is_label {
                    text_html(&label)
                } else {
                    cell_html(self.lang, v)
                },
            };
            cell.push_to(h);
        }
        h.push_str("</tr>\n</tfoot>\n");
    }

    /// The notes and the source, under the table.
    fn notes_and_source(&self, h: &mut String) {
        let strings = self.ctx.strings;
        for note in &self.table.notes {
            let _ = writeln!(
                h,
                "<p class=\"sn-table-note\"><span class=\"sn-table-label\">{}</span> {}</p>",
                escape(ui(strings, "note", "Note:")),
                text_html(note.get(self.lang))
            );
        }
        if let Some(src) = &self.table.source {
            let _ = writeln!(
                h,
                "<p class=\"sn-table-source\"><span class=\"sn-table-label\">{}</span> {}</p>",
                escape(ui(strings, "source", "Source:")),
                text_html(src.get(self.lang))
            );
        }
    }

    /// The links to the table's CSV and JSON in the page's language.
    fn downloads(&self, h: &mut String) {
        let (strings, lang, id) = (self.ctx.strings, self.lang, &self.table.id);
        let base = format!("{}data/{}/{}", self.ctx.root, lang, id);
        let _ = writeln!(
            h,
            "<p class=\"sn-table-downloads\"><span class=\"sn-table-label\">{}</span> \
             <a href=\"{}.csv\" download=\"{}-{}.csv\" type=\"text/csv\">{}</a> \
             <a href=\"{}.json\" download=\"{}-{}.json\" type=\"application/json\">{}</a></p>",
            escape(ui(strings, "download", "Download the data:")),
            escape(&base),
            escape(id),
            escape(lang),
            escape(ui(strings, "download_csv", "CSV")),
            escape(&base),
            escape(id),
            escape(lang),
            escape(ui(strings, "download_json", "JSON")),
        );
    }
}

/// The class of each column's cells: its alignment and, for text columns holding long texts
/// (over 60 characters on average), also `sn-wide`, so that they take the room and the
/// short ones stay narrow.
fn column_classes(table: &Table, lang: &str) -> Vec<String> {
    table
        .columns
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let lengths: Vec<usize> = table
                .rows()
                .map(|r| format::value(lang, &r.cells[c]).chars().count())
                .collect();
            let average = lengths.iter().sum::<usize>() / lengths.len().max(1);
            if col.ty == ColumnType::Text && average > 60 {
                format!("{} sn-wide", align_class(col.ty))
            } else {
                align_class(col.ty).to_string()
            }
        })
        .collect()
}

/// Header ids per column: the column's own label, then the groups above it.
fn column_headers(table: &Table, prefix: &str) -> Vec<Vec<String>> {
    (0..table.columns.len())
        .map(|c| {
            let mut ids = vec![format!("{prefix}-c{c}")];
            for (gi, g) in table.header_groups.iter().enumerate() {
                if g.start <= c && c < g.end {
                    ids.push(group_id(prefix, gi));
                }
            }
            ids
        })
        .collect()
}

/// The id of header group `g`.
fn group_id(prefix: &str, g: usize) -> String {
    format!("{prefix}-g{g}")
}

/// ` headers="a b"` naming `ids`, or nothing when there are none.
fn headers_attr(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" headers=\"{}\"", ids.join(" "))
    }
}

/// One cell of a body or total row.
struct Cell<'a> {
    /// Whether this is the row's header cell (`<th scope="row">`).
    is_row_header: bool,
    /// The id of the row's header cell, when the row has one: the header cell carries it,
    /// the data cells name it in `headers`.
    row_header_id: Option<&'a str>,
    /// The column (and row group) header ids, when grouped headers need `headers` attributes.
    headers: Option<Vec<String>>,
    class: &'a str,
    /// The cell's HTML.
    content: &'a str,
}

impl Cell<'_> {
    fn push_to(self, h: &mut String) {
        let Cell {
            is_row_header,
            row_header_id,
            headers,
            class,
            content,
        } = self;
        if is_row_header {
            let attrs = match (headers, row_header_id) {
                (Some(hs), Some(id)) => format!(" id=\"{id}\" headers=\"{}\"", hs.join(" ")),
                (Some(hs), None) => format!(" headers=\"{}\"", hs.join(" ")),
                _ => String::new(),
            };
            let _ = write!(
                h,
                "<th scope=\"row\"{attrs} class=\"{class}\">{content}</th>"
            );
        } else {
            let attrs = match headers {
                Some(mut hs) => {
                    hs.extend(row_header_id.map(str::to_string));
                    format!(" headers=\"{}\"", hs.join(" "))
                }
                None => String::new(),
            };
            let _ = write!(h, "<td{attrs} class=\"{class}\">{content}</td>");
        }
    }
}
