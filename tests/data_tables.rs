//! Data tables: loading, validation, rendering, downloads and charts.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use songngu::data::{self, DataSet, Placement, TableContext, TableJson};
use songngu::diagnostics::{Diagnostic, Location};
use songngu::i18n::UiStrings;

fn langs() -> Vec<String> {
    vec!["vi".to_string(), "en".to_string()]
}

fn strings(lang: &str) -> UiStrings {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("theme/i18n/{lang}.toml"));
    let own: toml::Table = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    UiStrings::new(own, vec![])
}

fn site() -> (DataSet, Vec<Diagnostic>) {
    data::load(Path::new(env!("CARGO_MANIFEST_DIR")), &langs())
}

#[test]
fn real_content_loads() {
    let (set, diags) = site();
    for d in &diags {
        println!("{d}");
    }
    assert!(diags.iter().all(|d| !d.is_error()));
    assert_eq!(set.len(), 12);
}
