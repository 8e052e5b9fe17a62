//! The integration tests: one binary (so the crate is linked once), one module per area.
//! The fixture they share is in `tests/common`.

// Test, benchmark and example crates: their `pub` items are shared between their own modules.
#![allow(unreachable_pub)]

#[path = "../common/mod.rs"]
mod common;

mod build_errors;
mod build_output;
mod data_tables;
mod diagnostics;
mod edit_sequences;
mod example_site;
mod files;
mod front_matter;
mod highlight;
mod ids;
mod incremental;
mod links;
mod markdown_ext;
mod module_graph;
mod new_site;
mod ordering;
mod rebase;
mod report_lang;
mod report_search;
mod serve_core;
mod serve_live;
mod shortcodes;
mod theme_overrides;
mod translation_complete;
