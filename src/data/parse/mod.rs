//! Reading table files: TOML with spans into [`Table`]s, with every problem reported as a
//! [`Diagnostic`] at its file:line:col.
//!
//! One file per job, all working on the reading context [`Cx`] defined here:
//! - `values`: plain TOML values (strings, texts per language, integers) and unknown keys;
//! - `table`: one `[[table]]` entry, step by step (id, caption, notes, then the parts below);
//! - `columns`: the columns, their `percent_of` and the `row_header`;
//! - `header_groups`: the header groups and their nesting;
//! - `rows`: the body rows, plain or in row groups, and the cells of a row;
//! - `cells`: one cell's value, by column type;
//! - `total` and `chart`: the optional `[table.total]` and `[table.chart]`;
//! - `checks`: the figures checked against each other (declared sums, stated percentages);
//! - `suggest`: "did you mean" hints for misspelt keys and columns.
//!
//! The order of the reading steps is the order of the diagnostics: keep it when changing them.

mod cells;
mod chart;
mod checks;
mod columns;
mod header_groups;
mod rows;
mod suggest;
mod table;
mod total;
mod values;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::model::Table;
use crate::diagnostics::Diagnostic;

/// A TOML value with its span in the file.
type SV<'a> = Spanned<DeValue<'a>>;

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
        report_syntax_errors(file, text, errors, diags);
        return Vec::new();
    }
    let mut cx = Cx {
        file,
        src: text,
        langs: languages,
        diags,
    };
    let Some(items) = cx.table_entries(doc.get_ref()) else {
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

/// One error per TOML syntax error: the file's tables are then not read at all.
fn report_syntax_errors(
    file: &Path,
    text: &Arc<str>,
    errors: Vec<toml::de::Error>,
    diags: &mut Vec<Diagnostic>,
) {
    for e in errors {
        let span = e.span().unwrap_or(0..0);
        diags.push(
            Diagnostic::error(format!("invalid TOML: {}", e.message().trim()))
                .at_span(file, text, span)
                .with_hint("fix the TOML syntax; the tables of this file were not read"),
        );
    }
}

/// The reading context of one file: where diagnostics point and where they go.
struct Cx<'a> {
    /// The file's display path.
    file: &'a Path,
    /// The file's text, for the positions of diagnostics.
    src: &'a Arc<str>,
    /// The site's languages: every text needs one string in each.
    langs: &'a [String],
    /// Where the problems go, in the order they are found.
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    /// Reports an error at `span` of the file.
    fn error(&mut self, span: Range<usize>, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(
            Diagnostic::error(msg)
                .at_span(self.file, self.src, span)
                .with_hint(hint),
        );
    }

    /// Reports a warning at `span` of the file.
    fn warning(&mut self, span: Range<usize>, msg: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(
            Diagnostic::warning(msg)
                .at_span(self.file, self.src, span)
                .with_hint(hint),
        );
    }

    /// How many errors have been reported so far (warnings do not count).
    fn error_count(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }

    /// The `[[table]]` entries of a file's document, after checking its top-level keys.
    fn table_entries<'d, 'i>(&mut self, doc: &'d DeTable<'i>) -> Option<&'d DeArray<'i>> {
        self.check_keys(doc, &["table"], "a data file");
        let Some(tables) = doc.get("table") else {
            self.error(
                0..0,
                "this data file defines no table",
                "start each table with a `[[table]]` header",
            );
            return None;
        };
        let DeValue::Array(items) = tables.get_ref() else {
            self.error(
                tables.span(),
                "`table` must be an array of tables",
                "write each table under a `[[table]]` header",
            );
            return None;
        };
        Some(items)
    }
}
