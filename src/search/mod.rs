//! Search index built at build time, per language, sharded; see docs/ARCHITECTURE.md.
//!
//! Placeholder implementing the contract until the search module lands: it writes no index.

/// One page, as the index sees it.
pub struct SearchPage<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// Root-relative URL of the page (`vi/2-ket-qua/2-4.html`).
    pub url: &'a str,
    /// The page title.
    pub title: &'a str,
    /// Titles of the page's ancestors, outermost first (cover excluded).
    pub breadcrumb: Vec<&'a str>,
    /// The rendered article body.
    pub html: &'a str,
}

/// Builds the index files (paths under `search/`).
pub fn build_index(_pages: &[SearchPage], _languages: &[String]) -> Vec<(String, Vec<u8>)> {
    Vec::new()
}
