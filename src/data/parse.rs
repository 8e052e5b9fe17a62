//! Reading table files: TOML with spans into [`Table`]s, with every problem reported as a
//! [`Diagnostic`] at its file:line:col.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::model::{
    Chart, ChartKind, Column, ColumnType, Date, Decimal, HeaderGroup, Row, RowGroup, Table, Text,
    Total, Value,
};
use crate::diagnostics::Diagnostic;

type SV<'a> = Spanned<DeValue<'a>>;

/// The keys a table may have.
const TABLE_KEYS: &[&str] = &[
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

/// Parses one file. Returns, for each table that has a string `id`: the id, the span of its
/// value and the table when it is valid.
pub(crate) fn parse_file(
    file: &Path,
    text: &Arc<str>,
    languages: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(String, Range<usize>, Option<Table>)> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            diags.push(
                Diagnostic::error(format!("invalid TOML: {}", e.message().trim()))
                    .at_span(file, text, span)
                    .with_hint("fix the TOML syntax; the tables of this file were not read"),
            );
        }
        return Vec::new();
    }
    let mut cx = Cx {
        file,
        src: text,
        langs: languages,
        diags,
    };
    let doc = doc.get_ref();
    cx.check_keys(doc, &["table"], "a data file");
    let Some(tables) = doc.get("table") else {
        cx.error(
            0..0,
            "this data file defines no table",
            "start each table with a `[[table]]` header",
        );
        return Vec::new();
    };
    let DeValue::Array(items) = tables.get_ref() else {
        cx.error(
            tables.span(),
            "`table` must be an array of tables",
            "write each table under a `[[table]]` header",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        let DeValue::Table(t) = item.get_ref() else {
            cx.error(
                item.span(),
                "a table entry must be a TOML table",
                "write each table under a `[[table]]` header",
            );
            continue;
        };
        let parsed = cx.table(t, item.span());
        if let Some(id) = t.get("id") {
            if let DeValue::String(s) = id.get_ref() {
                out.push((s.to_string(), id.span(), parsed));
            }
        }
    }
    out
}

struct Cx<'a> {
    file: &'a Path,
    src: &'a Arc<str>,
    langs: &'a [String],
    diags: &'a mut Vec<Diagnostic>,
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Cx<'_> {
    fn error(&mut self, span: Range<usize>, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(
            Diagnostic::error(msg)
                .at_span(self.file, self.src, span)
                .with_hint(hint),
        );
    }

    fn warning(&mut self, span: Range<usize>, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(
            Diagnostic::warning(msg)
                .at_span(self.file, self.src, span)
                .with_hint(hint),
        );
    }

    fn check_keys(&mut self, t: &DeTable, allowed: &[&str], what: &str) {
        for (k, _) in t.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let key = k.get_ref().as_ref();
                if what != "a table" && TABLE_KEYS.contains(&key) {
                    self.error(
                        k.span(),
                        format!("unknown key `{key}` in {what}"),
                        format!(
                            "TOML puts every key after a `[[table.columns]]` (or similar) header into that entry; \
                             move `{key}` above the first such header of the table"
                        ),
                    );
                    continue;
                }
                let hint = match closest(k.get_ref(), allowed) {
                    Some(c) => format!("did you mean `{c}`? {what} takes: {}", allowed.join(", ")),
                    None => format!("{what} takes: {}", allowed.join(", ")),
                };
                self.error(
                    k.span(),
                    format!("unknown key `{}` in {what}", k.get_ref()),
                    hint,
                );
            }
        }
    }

    fn string<'v>(&mut self, v: &'v SV, what: &str) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s),
            other => {
                self.error(
                    v.span(),
                    format!("{what} must be a string, found {}", type_name(other)),
                    "put the value in double quotes",
                );
                None
            }
        }
    }

    /// A text per language: `{ vi = "...", en = "..." }`.
    fn text(&mut self, v: &SV, what: &str) -> Option<Text> {
        let example = self
            .langs
            .iter()
            .map(|l| format!("{l} = \"...\""))
            .collect::<Vec<_>>()
            .join(", ");
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                format!(
                    "{what} must give one text per language, found {}",
                    type_name(v.get_ref())
                ),
                format!("write it as {{ {example} }}"),
            );
            return None;
        };
        let mut out = BTreeMap::new();
        let mut ok = true;
        for (k, val) in t.iter() {
            let lang = k.get_ref().as_ref();
            if !self.langs.iter().any(|l| l == lang) {
                self.error(
                    k.span(),
                    format!("unknown language `{lang}` in {what}"),
                    format!("the site's languages are: {}", self.langs.join(", ")),
                );
                ok = false;
                continue;
            }
            match val.get_ref() {
                DeValue::String(s) => {
                    out.insert(lang.to_string(), s.to_string());
                }
                other => {
                    self.error(
                        val.span(),
                        format!(
                            "the `{lang}` text of {what} must be a string, found {}",
                            type_name(other)
                        ),
                        "put the text in double quotes",
                    );
                    ok = false;
                }
            }
        }
        for l in self.langs {
            if !t.contains_key(l.as_str()) {
                self.error(
                    v.span(),
                    format!("{what} has no `{l}` text"),
                    format!(
                        "add `{l} = \"...\"`: every text needs one string per language ({example})"
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(Text(out))
    }

    fn table(&mut self, t: &DeTable, span: Range<usize>) -> Option<Table> {
        self.check_keys(t, TABLE_KEYS, "a table");
        let errors_before = self.error_count();

        let id_v = match t.get("id") {
            Some(v) => v,
            None => {
                self.error(
                    span,
                    "a table has no `id`",
                    "add `id = \"...\"` (lowercase letters, digits and `-`), used to place it in a chapter",
                );
                return None;
            }
        };
        let id = self.string(id_v, "`id`")?.to_string();
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            self.error(
                id_v.span(),
                format!("table id `{id}` is not valid"),
                "use lowercase ASCII letters, digits and `-` only (it becomes a file name), e.g. `pl2-3-kiem-tra`",
            );
        }
        let caption = match t.get("caption") {
            Some(v) => self.text(v, "`caption`"),
            None => {
                self.error(
                    id_v.span(),
                    format!("table `{id}` has no `caption`"),
                    "add `caption = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        };
        let notes = match t.get("notes") {
            None => Vec::new(),
            Some(v) => match v.get_ref() {
                DeValue::Array(a) => a.iter().filter_map(|n| self.text(n, "a note")).collect(),
                _ => self.text(v, "`notes`").into_iter().collect(),
            },
        };
        let source = t.get("source").and_then(|v| self.text(v, "`source`"));

        // Columns.
        let errors_before_columns = self.error_count();
        let mut columns: Vec<Column> = Vec::new();
        let mut percent_refs: Vec<(usize, Spanned<String>)> = Vec::new();
        match t.get("columns") {
            None => self.error(
                id_v.span(),
                format!("table `{id}` has no `columns`"),
                "declare each column under a `[[table.columns]]` header with `key`, `label` and `type`",
            ),
            Some(v) => match v.get_ref() {
                DeValue::Array(a) => {
                    for c in a.iter() {
                        if let Some((col, pref)) = self.column(c, &columns) {
                            if let Some(p) = pref {
                                percent_refs.push((columns.len(), p));
                            }
                            columns.push(col);
                        }
                    }
                }
                other => self.error(
                    v.span(),
                    format!("`columns` must be an array of tables, found {}", type_name(other)),
                    "declare each column under a `[[table.columns]]` header",
                ),
            },
        }
        fn col_index(columns: &[Column], key: &str) -> Option<usize> {
            columns.iter().position(|c| c.key == key)
        }
        for (ci, r) in percent_refs {
            match col_index(&columns, r.get_ref()) {
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
                None => self.unknown_column(r.span(), r.get_ref(), &columns),
            }
        }

        if self.error_count() > errors_before_columns {
            // Rows cannot be checked against broken columns; the column errors say enough.
            return None;
        }

        // Header groups.
        let mut header_groups = Vec::new();
        if let Some(v) = t.get("header_groups") {
            match v.get_ref() {
                DeValue::Array(a) => {
                    for g in a.iter() {
                        if let Some(hg) = self.header_group(g, &columns) {
                            header_groups.push((hg, g.span()));
                        }
                    }
                }
                other => self.error(
                    v.span(),
                    format!(
                        "`header_groups` must be an array of tables, found {}",
                        type_name(other)
                    ),
                    "declare each group under a `[[table.header_groups]]` header",
                ),
            }
        }
        // Nesting: two groups either nest or are disjoint.
        for i in 0..header_groups.len() {
            for j in 0..i {
                let (a, _) = &header_groups[j];
                let (b, bspan) = &header_groups[i];
                let disjoint = a.end <= b.start || b.end <= a.start;
                let nested = (a.start <= b.start && b.end <= a.end)
                    || (b.start <= a.start && a.end <= b.end);
                let same = a.start == b.start && a.end == b.end;
                if same || (!disjoint && !nested) {
                    let span = bspan.clone();
                    self.error(
                        span,
                        "this header group overlaps another one without nesting in it",
                        "groups must either cover separate columns or one must lie entirely inside the other (and not cover exactly the same columns)",
                    );
                }
            }
        }
        let ranges: Vec<(usize, usize)> = header_groups
            .iter()
            .map(|(g, _)| (g.start, g.end))
            .collect();
        let mut header_groups: Vec<HeaderGroup> =
            header_groups.into_iter().map(|(g, _)| g).collect();
        for g in header_groups.iter_mut() {
            g.depth = ranges
                .iter()
                .filter(|&&(s, e)| s <= g.start && g.end <= e && (s, e) != (g.start, g.end))
                .count();
        }
        header_groups.sort_by_key(|g| (g.depth, g.start));

        let row_header = match t.get("row_header") {
            None => None,
            Some(v) => {
                let key = self.string(v, "`row_header`");
                match key.map(|k| (k, col_index(&columns, k))) {
                    Some((_, Some(i))) => Some(i),
                    Some((k, None)) => {
                        let k = k.to_string();
                        self.unknown_column(v.span(), &k, &columns);
                        None
                    }
                    None => None,
                }
            }
        };

        // Rows.
        let mut groups: Vec<RowGroup> = Vec::new();
        let mut row_cells: Vec<Vec<Range<usize>>> = Vec::new();
        match (t.get("rows"), t.get("row_groups")) {
            (Some(_), Some(g)) => {
                self.error(
                    g.span(),
                    "a table has either `rows` or `row_groups`, not both",
                    "move the ungrouped rows into a row group",
                );
            }
            (Some(r), None) => {
                let rows = self.rows(r, &columns, &mut row_cells);
                groups.push(RowGroup { label: None, rows });
            }
            (None, Some(g)) => match g.get_ref() {
                DeValue::Array(a) => {
                    for item in a.iter() {
                        let DeValue::Table(gt) = item.get_ref() else {
                            self.error(
                                item.span(),
                                "a row group must be a table",
                                "write each group under a `[[table.row_groups]]` header with `label` and `rows`",
                            );
                            continue;
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
                            Some(r) => self.rows(r, &columns, &mut row_cells),
                            None => {
                                self.error(
                                    item.span(),
                                    "a row group has no `rows`",
                                    "add rows under `[[table.row_groups.rows]]` headers",
                                );
                                Vec::new()
                            }
                        };
                        groups.push(RowGroup {
                            label: Some(label.unwrap_or_default()),
                            rows,
                        });
                    }
                }
                other => self.error(
                    g.span(),
                    format!(
                        "`row_groups` must be an array of tables, found {}",
                        type_name(other)
                    ),
                    "write each group under a `[[table.row_groups]]` header",
                ),
            },
            (None, None) => self.error(
                id_v.span(),
                format!("table `{id}` has no `rows`"),
                "add `rows = [...]`, `[[table.rows]]` entries or `[[table.row_groups]]`",
            ),
        }

        // Stated percentages.
        let all_rows: Vec<&Row> = groups.iter().flat_map(|g| g.rows.iter()).collect();
        for (ri, row) in all_rows.iter().enumerate() {
            for (ci, col) in columns.iter().enumerate() {
                let Some(d) = col.percent_of else { continue };
                let (
                    Some(Value::CountPercent {
                        count,
                        percent: Some(p),
                    }),
                    Some(den),
                ) = (row.cells.get(ci), row.cells.get(d).and_then(Value::number))
                else {
                    continue;
                };
                if den.scale != 0 || den.units <= 0 {
                    continue;
                }
                let computed = rounded_percent(*count as i128, den.units, p.scale);
                if computed != p.units {
                    let computed = Decimal {
                        units: computed,
                        scale: p.scale,
                    };
                    let span = row_cells
                        .get(ri)
                        .and_then(|c| c.get(ci))
                        .cloned()
                        .unwrap_or(0..0);
                    self.warning(
                        span,
                        format!(
                            "stated percentage {}% differs from the computed {}% ({} of {})",
                            p, computed, count, den
                        ),
                        format!(
                            "the figure is kept as stated (the computed one is {count} / {den}, column `{}`); check it against the source",
                            columns[d].key
                        ),
                    );
                }
            }
        }

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

    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    fn unknown_column(&mut self, span: Range<usize>, key: &str, columns: &[Column]) {
        let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
        let hint = match closest(key, &keys) {
            Some(c) => format!("did you mean `{c}`? the columns are: {}", keys.join(", ")),
            None => format!("the columns are: {}", keys.join(", ")),
        };
        self.error(span, format!("unknown column `{key}`"), hint);
    }

    fn column(&mut self, v: &SV, existing: &[Column]) -> Option<(Column, Option<Spanned<String>>)> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(
                v.span(),
                "a column must be a table",
                "declare each column under a `[[table.columns]]` header",
            );
            return None;
        };
        self.check_keys(t, &["key", "label", "type", "percent_of"], "a column");
        let key = match t.get("key") {
            Some(k) => {
                let s = self.string(k, "`key`")?.to_string();
                if existing.iter().any(|c| c.key == s) {
                    self.error(
                        k.span(),
                        format!("duplicate column key `{s}`"),
                        "give every column of a table its own key",
                    );
                    return None;
                }
                s
            }
            None => {
                self.error(v.span(), "a column has no `key`", "add `key = \"...\"`");
                return None;
            }
        };
        let label = match t.get("label") {
            Some(l) => self.text(l, &format!("the label of column `{key}`")),
            None => {
                self.error(
                    v.span(),
                    format!("column `{key}` has no `label`"),
                    "add `label = { vi = \"...\", en = \"...\" }`",
                );
                None
            }
        };
        let ty = match t.get("type") {
            Some(tv) => {
                let name = self.string(tv, "`type`")?;
                match ColumnType::from_name(name) {
                    Some(ty) => Some(ty),
                    None => {
                        let name = name.to_string();
                        self.error(
                            tv.span(),
                            format!("unknown column type `{name}`"),
                            format!("the types are: {}", ColumnType::NAMES),
                        );
                        None
                    }
                }
            }
            None => {
                self.error(
                    v.span(),
                    format!("column `{key}` has no `type`"),
                    format!("add `type = \"...\"`, one of: {}", ColumnType::NAMES),
                );
                None
            }
        };
        let percent_of = match t.get("percent_of") {
            None => None,
            Some(p) => {
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
        let Some(cv) = t.get("columns") else {
            self.error(
                v.span(),
                "a header group has no `columns`",
                "add `columns = [\"first_key\", \"second_key\"]` listing adjacent columns",
            );
            return None;
        };
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
            match columns.iter().position(|c| c.key == s) {
                Some(i) => idx.push(i),
                None => {
                    let s = s.to_string();
                    self.unknown_column(k.span(), &s, columns);
                    return None;
                }
            }
        }
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
        Some(HeaderGroup {
            label: label.unwrap_or_default(),
            start,
            end: start + idx.len(),
            depth: 0,
        })
    }

    fn rows(&mut self, v: &SV, columns: &[Column], spans: &mut Vec<Vec<Range<usize>>>) -> Vec<Row> {
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
    fn row_cells(
        &mut self,
        r: &SV,
        columns: &[Column],
        complete: bool,
    ) -> (Option<Vec<Value>>, Vec<Range<usize>>) {
        let mut cells = vec![Value::Empty; columns.len()];
        let mut spans = vec![r.span(); columns.len()];
        let mut ok = true;
        match r.get_ref() {
            DeValue::Array(items) => {
                if items.len() != columns.len() {
                    self.error(
                        r.span(),
                        format!(
                            "row has {} cells but the table has {} columns",
                            items.len(),
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
                    return (None, spans);
                }
                for (i, item) in items.iter().enumerate() {
                    spans[i] = value_span(item);
                    match self.cell(item, &columns[i]) {
                        Some(v) => cells[i] = v,
                        None => ok = false,
                    }
                }
            }
            DeValue::Table(t) => {
                let mut seen = vec![false; columns.len()];
                for (k, item) in t.iter() {
                    match columns.iter().position(|c| c.key == k.get_ref().as_ref()) {
                        Some(i) => {
                            seen[i] = true;
                            spans[i] = value_span(item);
                            match self.cell(item, &columns[i]) {
                                Some(v) => cells[i] = v,
                                None => ok = false,
                            }
                        }
                        None => {
                            let key = k.get_ref().to_string();
                            self.unknown_column(k.span(), &key, columns);
                            ok = false;
                        }
                    }
                }
                if complete {
                    let missing: Vec<&str> = columns
                        .iter()
                        .zip(&seen)
                        .filter(|(_, s)| !**s)
                        .map(|(c, _)| c.key.as_str())
                        .collect();
                    if !missing.is_empty() {
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
                        ok = false;
                    }
                }
            }
            other => {
                self.error(
                    r.span(),
                    format!(
                        "a row must be an array or a table, found {}",
                        type_name(other)
                    ),
                    "write a row as `[v1, v2, ...]` in column order or as `{ key = value, ... }`",
                );
                ok = false;
            }
        }
        (ok.then_some(cells), spans)
    }

    fn cell(&mut self, v: &SV, col: &Column) -> Option<Value> {
        let raw = v.get_ref();
        if let DeValue::String(s) = raw {
            if s.is_empty() {
                return Some(Value::Empty);
            }
        }
        let what = format!("column `{}` ({})", col.key, col.ty.name());
        let wrong = |cx: &mut Self, hint: &str| {
            cx.error(
                v.span(),
                format!("wrong value type for {what}: found {}", type_name(raw)),
                hint.to_string(),
            );
            None
        };
        match col.ty {
            ColumnType::Text => match raw {
                DeValue::Table(_) => self
                    .text(v, &format!("the cell of column `{}`", col.key))
                    .map(Value::Text),
                _ => wrong(self, "write a text cell as { vi = \"...\", en = \"...\" }"),
            },
            ColumnType::Integer => match raw {
                DeValue::Integer(i) => self.integer(v, i.as_str(), i.radix()).map(Value::Integer),
                _ => wrong(self, "write a whole number without quotes, e.g. 1095"),
            },
            ColumnType::Year => match raw {
                DeValue::Integer(i) => {
                    let n = self.integer(v, i.as_str(), i.radix())?;
                    if !(1000..=9999).contains(&n) {
                        self.error(
                            v.span(),
                            format!("{n} is not a year"),
                            "write a four-digit year, e.g. 2015",
                        );
                        return None;
                    }
                    Some(Value::Year(n))
                }
                _ => wrong(self, "write the year as a number without quotes, e.g. 2015"),
            },
            ColumnType::Decimal | ColumnType::Percent => {
                let d = match raw {
                    DeValue::Integer(i) if i.radix() == 10 => Decimal::parse(i.as_str()),
                    DeValue::Float(f) => Decimal::parse(f.as_str()),
                    _ => return wrong(self, "write the number without quotes, with a decimal point: 10.41"),
                };
                let Some(d) = d else {
                    self.error(
                        v.span(),
                        format!("{what} cannot hold this number"),
                        "write a plain decimal without exponent, e.g. 10.41",
                    );
                    return None;
                };
                Some(if col.ty == ColumnType::Percent {
                    Value::Percent(d)
                } else {
                    Value::Decimal(d)
                })
            }
            ColumnType::Date => match raw {
                DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => Some(Value::Date(Date {
                        year: d.year,
                        month: d.month,
                        day: d.day,
                    })),
                    _ => wrong(self, "write a date without time, e.g. 2017-03-28"),
                },
                _ => wrong(self, "write a TOML date without quotes, e.g. 2017-03-28"),
            },
            ColumnType::CountWithPercent => match raw {
                DeValue::Integer(i) => {
                    let count = self.integer(v, i.as_str(), i.radix())?;
                    Some(Value::CountPercent {
                        count,
                        percent: None,
                    })
                }
                DeValue::Table(t) => {
                    self.check_keys(t, &["count", "percent"], "a count-with-percent cell");
                    let count = match t.get("count") {
                        Some(c) => match c.get_ref() {
                            DeValue::Integer(i) => self.integer(c, i.as_str(), i.radix()),
                            other => {
                                self.error(
                                    c.span(),
                                    format!("`count` must be an integer, found {}", type_name(other)),
                                    "write the count without quotes, e.g. count = 1571",
                                );
                                None
                            }
                        },
                        None => {
                            self.error(
                                v.span(),
                                "a count-with-percent cell has no `count`",
                                "write it as { count = 1571, percent = 99.42 }",
                            );
                            None
                        }
                    };
                    let percent = match t.get("percent") {
                        None => None,
                        Some(p) => {
                            let d = match p.get_ref() {
                                DeValue::Float(f) => Decimal::parse(f.as_str()),
                                DeValue::Integer(i) if i.radix() == 10 => Decimal::parse(i.as_str()),
                                _ => None,
                            };
                            if d.is_none() {
                                self.error(
                                    p.span(),
                                    format!(
                                        "`percent` must be a plain number, found {}",
                                        type_name(p.get_ref())
                                    ),
                                    "write the stated percentage as a number: percent = 99.42",
                                );
                                return None;
                            }
                            d
                        }
                    };
                    Some(Value::CountPercent {
                        count: count?,
                        percent,
                    })
                }
                _ => wrong(
                    self,
                    "write a count as 1571, or with its stated percentage as { count = 1571, percent = 99.42 }",
                ),
            },
        }
    }

    fn integer(&mut self, v: &SV, digits: &str, radix: u32) -> Option<i64> {
        match i64::from_str_radix(digits, radix) {
            Ok(n) => Some(n),
            Err(_) => {
                self.error(v.span(), "integer out of range", "use a smaller number");
                None
            }
        }
    }

    fn total(
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
        let sum = match t.get("sum") {
            None => false,
            Some(s) => match s.get_ref() {
                DeValue::Boolean(b) => *b,
                other => {
                    self.error(
                        s.span(),
                        format!("`sum` must be true or false, found {}", type_name(other)),
                        "write `sum = true` when the total is the sum of the rows",
                    );
                    false
                }
            },
        };
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
            for (ci, col) in columns.iter().enumerate() {
                let Some(stated) = cells[ci].number() else {
                    continue;
                };
                if !col.ty.is_numeric() {
                    continue;
                }
                let mut scale = stated.scale;
                let mut acc: i128 = 0;
                let nums: Vec<Decimal> = rows.iter().filter_map(|r| r.cells[ci].number()).collect();
                for n in &nums {
                    scale = scale.max(n.scale);
                }
                for n in &nums {
                    acc += n.rescale(scale).units;
                }
                let stated_s = stated.rescale(scale);
                if acc != stated_s.units {
                    let computed = Decimal { units: acc, scale };
                    self.error(
                        spans[ci].clone(),
                        format!(
                            "total of column `{}` is {} but the rows add up to {}",
                            col.key, stated, computed
                        ),
                        "correct the figure, or set `sum = false` if this total is not the sum of the rows",
                    );
                }
            }
        }
        Some(Total { label, sum, cells })
    }

    fn chart(&mut self, v: &SV, columns: &[Column]) -> Option<Chart> {
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
            Some(k) => match self.string(k, "`type`") {
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
            },
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
            Some(x) => {
                let key = self.string(x, "`x`")?.to_string();
                match columns.iter().position(|c| c.key == key) {
                    Some(i) => Some(i),
                    None => {
                        self.unknown_column(x.span(), &key, columns);
                        None
                    }
                }
            }
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
            Some(yv) => match yv.get_ref() {
                DeValue::Array(a) if !a.is_empty() => {
                    let mut out = Vec::new();
                    let mut ok = true;
                    for item in a.iter() {
                        let Some(key) = self.string(item, "a `y` column") else {
                            ok = false;
                            continue;
                        };
                        match columns.iter().position(|c| c.key == key) {
                            Some(i) if columns[i].ty.is_numeric() => out.push(i),
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
                                ok = false;
                            }
                            None => {
                                let key = key.to_string();
                                self.unknown_column(item.span(), &key, columns);
                                ok = false;
                            }
                        }
                    }
                    ok.then_some(out)
                }
                _ => {
                    self.error(
                        yv.span(),
                        "`y` must be a non-empty array of column keys",
                        "write `y = [\"column_key\", ...]`",
                    );
                    None
                }
            },
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

/// `count / den` as a percentage with `scale` decimals, rounded half up, as units.
pub(crate) fn rounded_percent(count: i128, den: i128, scale: u32) -> i128 {
    let num = count * 100 * 10i128.pow(scale);
    (2 * num + den) / (2 * den)
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounding() {
        assert_eq!(rounded_percent(1571, 1580, 2), 9943);
        assert_eq!(rounded_percent(181, 185, 1), 978);
        assert_eq!(rounded_percent(4367, 6474, 1), 675);
        assert_eq!(rounded_percent(13, 14, 1), 929);
    }

    #[test]
    fn typo_suggestions() {
        assert_eq!(closest("captoin", &["caption", "columns"]), Some("caption"));
        assert_eq!(closest("zzzzzz", &["id", "rows"]), None);
    }
}
