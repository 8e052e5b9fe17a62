//! Data tables (TOML under `content/data/`): loading, validation, rendering, CSV/JSON, charts.
//!
//! Placeholder implementing the contract in docs/ARCHITECTURE.md until the data-tables
//! module lands: it knows no tables, so every placement is reported as unknown.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::UiStrings;

/// All tables of a site.
#[derive(Debug, Default, Clone)]
pub struct DataSet {}

/// Where a chapter places a table (the body of a ```` ```table ```` fence).
#[derive(Debug, Clone)]
pub struct Placement {
    /// The table's id.
    pub id: String,
    /// Whether to draw the table's chart.
    pub chart: bool,
    /// Where the placement is, for errors.
    pub location: Location,
}

/// What rendering a table needs to know about the page it is placed on.
pub struct TableContext<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// Relative prefix from the page to the site root.
    pub root: &'a str,
    /// UI strings of the page's language.
    pub strings: &'a UiStrings,
}

/// Loads every table under `site_root/content/data/`.
pub fn load(_site_root: &Path, _languages: &[String]) -> (DataSet, Vec<Diagnostic>) {
    (DataSet {}, Vec::new())
}

/// Parses the body of a ```` ```table ```` fence.
pub fn parse_placement(body: &str, location: Location) -> Result<Placement, Diagnostic> {
    let v: toml::Table = toml::from_str(body).map_err(|e| {
        Diagnostic::error(format!("invalid table placement: {}", e.message()))
            .at(location.clone())
            .with_hint("write `id = \"table-id\"` inside the ```table block")
    })?;
    let id = v
        .get("id")
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            Diagnostic::error("the table placement has no `id`")
                .at(location.clone())
                .with_hint("write `id = \"table-id\"` inside the ```table block")
        })?
        .to_string();
    let chart = v.get("chart").and_then(|v| v.as_bool()).unwrap_or(false);
    Ok(Placement {
        id,
        chart,
        location,
    })
}

impl DataSet {
    /// Number of tables.
    pub fn len(&self) -> usize {
        0
    }

    /// Whether there are no tables.
    pub fn is_empty(&self) -> bool {
        true
    }

    /// Changes whenever any table changes.
    pub fn fingerprint(&self) -> u64 {
        0
    }

    /// The HTML of a placed table.
    pub fn render(&self, p: &Placement, _ctx: &TableContext) -> Result<String, Diagnostic> {
        Err(Diagnostic::error(format!("unknown table `{}`", p.id))
            .at(p.location.clone())
            .with_hint("tables are defined in content/data/*.toml; check the id"))
    }

    /// The CSV and JSON files of every table in every language.
    pub fn outputs(&self, _languages: &[String]) -> Vec<(String, Vec<u8>)> {
        Vec::new()
    }
}
