//! Accessible HTML for a placed table.
//!
//! Simple tables use `scope` (`col`, `row`, `rowgroup`). Tables with header groups also give
//! every header cell an `id` and every cell a `headers` list naming its column label, the
//! groups above it, its row header and its row group, since `scope` alone cannot say which
//! of several stacked header cells a cell belongs to.

use std::fmt::Write;

use super::model::{ColumnType, Table, Value};
use super::{chart, escape, format, ui, TableContext};

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

pub(crate) fn render(table: &Table, with_chart: bool, ctx: &TableContext) -> String {
    let lang = ctx.lang;
    let prefix = format!("tbl-{}", table.id);
    let grouped = !table.header_groups.is_empty();
    let ncols = table.columns.len();
    let mut h = String::new();
    // Alignment class per column; text columns holding long texts (over 60 characters on
    // average) also get `sn-wide`, so that they take the room and the short ones stay narrow.
    let classes: Vec<String> = table
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
        .collect();

    let _ = writeln!(h, "<div class=\"sn-table\" id=\"{prefix}\">");
    if with_chart {
        if let Some(c) = &table.chart {
            h.push_str(&chart::svg(table, c, ctx));
        }
    }
    // The caption is also shown above the scroll box (hidden from assistive technology,
    // which reads the <caption>), so that a phone shows it whole, not scrolled with the table.
    let caption = text_html(table.caption.get(lang));
    let _ = write!(
        h,
        "<p class=\"sn-table-title\" aria-hidden=\"true\">{caption}</p>\n\
         <div class=\"sn-table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{prefix}-caption\">\n\
         <table class=\"sn-data data-table\">\n<caption id=\"{prefix}-caption\">{caption}</caption>\n"
    );

    // Column groups, so that `scope="colgroup"` has groups to refer to.
    if grouped {
        let mut c = 0;
        while c < ncols {
            let top = table
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

    // Header ids per column: the column's own label, then the groups above it.
    let col_id = |c: usize| format!("{prefix}-c{c}");
    let group_id = |g: usize| format!("{prefix}-g{g}");
    let col_headers: Vec<Vec<String>> = (0..ncols)
        .map(|c| {
            let mut ids = vec![col_id(c)];
            for (gi, g) in table.header_groups.iter().enumerate() {
                if g.start <= c && c < g.end {
                    ids.push(group_id(gi));
                }
            }
            ids
        })
        .collect();

    // <thead>
    let levels = table.header_levels();
    h.push_str("<thead>\n");
    for r in 0..levels {
        let mut cells: Vec<(usize, String)> = Vec::new();
        for (gi, g) in table.header_groups.iter().enumerate() {
            if g.depth != r {
                continue;
            }
            let parents: Vec<String> = table
                .header_groups
                .iter()
                .enumerate()
                .filter(|(_, p)| p.depth < g.depth && p.start <= g.start && g.end <= p.end)
                .map(|(pi, _)| group_id(pi))
                .collect();
            let headers = if parents.is_empty() {
                String::new()
            } else {
                format!(" headers=\"{}\"", parents.join(" "))
            };
            cells.push((
                g.start,
                format!(
                    "<th scope=\"colgroup\" colspan=\"{}\" id=\"{}\"{headers}>{}</th>",
                    g.end - g.start,
                    group_id(gi),
                    text_html(g.label.get(lang))
                ),
            ));
        }
        for (c, col) in table.columns.iter().enumerate() {
            if table.column_depth(c) != r {
                continue;
            }
            let rowspan = levels - r;
            let rs = if rowspan > 1 {
                format!(" rowspan=\"{rowspan}\"")
            } else {
                String::new()
            };
            let ids = if grouped {
                let above = &col_headers[c][1..];
                let headers = if above.is_empty() {
                    String::new()
                } else {
                    format!(" headers=\"{}\"", above.join(" "))
                };
                format!(" id=\"{}\"{headers}", col_id(c))
            } else {
                String::new()
            };
            // Short labels (`Stt`, `Năm`) need no minimum width.
            let short = if col.label.get(lang).chars().count() <= 8 {
                " sn-short"
            } else {
                ""
            };
            cells.push((
                c,
                format!(
                    "<th scope=\"col\"{rs}{ids} class=\"{}{short}\">{}</th>",
                    classes[c],
                    text_html(col.label.get(lang))
                ),
            ));
        }
        cells.sort_by_key(|(c, _)| *c);
        h.push_str("<tr>");
        for (_, c) in cells {
            h.push_str(&c);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</thead>\n");

    // <tbody> per row group.
    let mut row_no = 0;
    for (gi, group) in table.groups.iter().enumerate() {
        h.push_str("<tbody>\n");
        let rg_id = format!("{prefix}-rg{gi}");
        if let Some(label) = &group.label {
            let id = if grouped {
                format!(" id=\"{rg_id}\"")
            } else {
                String::new()
            };
            let _ = writeln!(
                h,
                "<tr class=\"sn-rowgroup\"><th scope=\"rowgroup\" colspan=\"{ncols}\"{id}>{}</th></tr>",
                text_html(label.get(lang))
            );
        }
        for row in &group.rows {
            row_no += 1;
            let row_id = format!("{prefix}-r{row_no}");
            h.push_str("<tr>");
            let row_header_id = table.row_header.map(|_| row_id.as_str());
            for (c, v) in row.cells.iter().enumerate() {
                let mut headers: Vec<String> = Vec::new();
                if grouped {
                    headers.extend(col_headers[c].iter().cloned());
                    if group.label.is_some() {
                        headers.push(rg_id.clone());
                    }
                }
                let cell = Cell {
                    is_row_header: table.row_header == Some(c),
                    row_header_id,
                    headers: grouped.then_some(headers),
                    class: &classes[c],
                    content: &cell_html(lang, v),
                };
                cell.push_to(&mut h);
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n");
    }

    // <tfoot>: the total row.
    if let Some(total) = &table.total {
        let label_col = table.total_label_column();
        let label = match &total.label {
            Some(t) => t.get(lang).to_string(),
            None => ui(ctx.strings, "total", "Total").to_string(),
        };
        let total_id = format!("{prefix}-total");
        h.push_str("<tfoot>\n<tr class=\"sn-total\">");
        for (c, v) in total.cells.iter().enumerate() {
            let is_label = c == label_col;
            let cell = Cell {
                is_row_header: is_label,
                row_header_id: Some(&total_id),
                headers: grouped.then(|| col_headers[c].clone()),
                class: &classes[c],
                content: &if is_label {
                    text_html(&label)
                } else {
                    cell_html(lang, v)
                },
            };
            cell.push_to(&mut h);
        }
        h.push_str("</tr>\n</tfoot>\n");
    }
    h.push_str("</table>\n</div>\n");

    // Notes, source, downloads.
    for note in &table.notes {
        let _ = writeln!(
            h,
            "<p class=\"sn-table-note\"><span class=\"sn-table-label\">{}</span> {}</p>",
            escape(ui(ctx.strings, "note", "Note:")),
            text_html(note.get(lang))
        );
    }
    if let Some(src) = &table.source {
        let _ = writeln!(
            h,
            "<p class=\"sn-table-source\"><span class=\"sn-table-label\">{}</span> {}</p>",
            escape(ui(ctx.strings, "source", "Source:")),
            text_html(src.get(lang))
        );
    }
    let base = format!("{}data/{}/{}", ctx.root, lang, table.id);
    let _ = writeln!(
        h,
        "<p class=\"sn-table-downloads\"><span class=\"sn-table-label\">{}</span> \
         <a href=\"{}.csv\" download=\"{}-{}.csv\" type=\"text/csv\">{}</a> \
         <a href=\"{}.json\" download=\"{}-{}.json\" type=\"application/json\">{}</a></p>",
        escape(ui(ctx.strings, "download", "Download the data:")),
        escape(&base),
        escape(&table.id),
        escape(lang),
        escape(ui(ctx.strings, "download_csv", "CSV")),
        escape(&base),
        escape(&table.id),
        escape(lang),
        escape(ui(ctx.strings, "download_json", "JSON")),
    );
    h.push_str("</div>\n");
    h
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
