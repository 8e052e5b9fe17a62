//! A page's sections as the documents of the index: what a search result links to and what
//! its document shard shows.

use super::MAX_TEXT_BYTES;
use crate::search::extract::{self, Section};
use crate::search::SearchPage;

/// One indexed section.
pub(super) struct Doc {
    /// Index of its page in the language's page list.
    pub(super) page: u32,
    /// The `id` of its heading, if it starts at a heading that has one.
    pub(super) anchor: Option<String>,
    /// The headings above it joined with ` › `, without a leading repeat of the page title.
    pub(super) trail: String,
    /// First section of its page (the page title counts as its text).
    pub(super) first: bool,
    /// Its own heading's text (empty once cut for the shard).
    pub(super) heading: String,
    /// Blocks, each followed by `\n`; once counted, what the document shard keeps of it
    /// (see [`Doc::cut_for_shard`]).
    pub(super) text: String,
}

impl Doc {
    /// Cuts the text to what the document shard stores (the blocks joined by `\n`, at most
    /// [`MAX_TEXT_BYTES`]) and drops the heading (counted, and in the trail already).
    pub(super) fn cut_for_shard(&mut self) {
        let text = self.text.strip_suffix('\n').unwrap_or(&self.text);
        let keep = truncate(text, MAX_TEXT_BYTES).len();
        self.text.truncate(keep);
        self.text.shrink_to_fit();
        self.heading = String::new();
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends at a character boundary.
fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Sections of one page as documents.
pub(super) fn page_docs(page: &SearchPage, html: &str, page_id: u32) -> Vec<Doc> {
    let sections = extract::sections(html);
    let sections = if sections.is_empty() {
        vec![Section::default()]
    } else {
        sections
    };
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.into_iter().enumerate() {
        // The heading trail without a leading repeat of the page title.
        let mut trail = String::new();
        for h in s
            .headings
            .iter()
            .filter(|h| !h.is_empty() && h.as_str() != page.title)
        {
            if !trail.is_empty() {
                trail.push_str(" › ");
            }
            trail.push_str(h);
        }
        let heading = s.heading().to_string();
        out.push(Doc {
            page: page_id,
            anchor: s.anchor,
            trail,
            first: i == 0,
            heading,
            text: s.text,
        });
    }
    out
}
