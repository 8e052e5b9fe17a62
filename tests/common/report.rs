//! The repository's own content (the report), built in-process.
//! Included with `#[path = "common/report.rs"] mod report;`.

use songngu::build::{BuildOptions, Builder, Built};

/// Builds `content/` of this repository, panicking with the diagnostics if it fails.
pub fn build() -> Built {
    Builder::new(BuildOptions {
        root: env!("CARGO_MANIFEST_DIR").into(),
        drafts: false,
        preview: false,
    })
    .build()
    .unwrap_or_else(|e| panic!("{}", e.render(false)))
}
