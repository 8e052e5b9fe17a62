//! The repository's own content (the report), built in-process once per test binary.

use std::sync::OnceLock;

use songngu::build::{BuildOptions, Builder, Built};

/// The build of `content/` of this repository (made by the first caller, shared by the
/// others); panics with the diagnostics if it fails.
pub fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        Builder::new(BuildOptions {
            root: env!("CARGO_MANIFEST_DIR").into(),
            drafts: false,
            preview: false,
        })
        .build()
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
    })
}
