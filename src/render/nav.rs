//! Navigation: the links around a page (the current section's window for the sidebar
//! without JavaScript) and the whole table of contents of a language for the cover.

use serde::Serialize;

use crate::model::LanguageSite;
use crate::text::escape;

/// How many pages before and after the current one the sidebar lists without JavaScript.
pub(crate) const SIDEBAR_WINDOW: usize = 5;

/// The part of a section's pages (`siblings`) the sidebar lists around page `i` without
/// JavaScript, and whether pages were cut before and after it. A short section is listed
/// whole; a long one only around the page, so that a page's size does not grow with its
/// section's.
pub(crate) fn sidebar_window(siblings: &[usize], i: usize) -> (&[usize], (bool, bool)) {
    if siblings.len() <= 2 * SIDEBAR_WINDOW + 1 {
        return (siblings, (false, false));
    }
    let pos = siblings.iter().position(|&c| c == i).unwrap_or(0);
    let from = pos.saturating_sub(SIDEBAR_WINDOW);
    let to = (pos + SIDEBAR_WINDOW + 1).min(siblings.len());
    (&siblings[from..to], (from > 0, to < siblings.len()))
}

/// A link in a template context.
#[derive(Debug, Clone, Serialize, Hash)]
pub(crate) struct Link {
    /// Relative href.
    pub href: String,
    /// Text.
    pub title: String,
    /// Whether it is the current page.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub current: bool,
    /// Description, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A link from a page whose root prefix is `from_root` to page `i`.
pub(crate) fn link_to(ls: &LanguageSite, from_root: &str, i: usize, current: bool) -> Link {
    let p = &ls.pages[i];
    Link {
        href: [from_root, &p.url].concat(),
        title: p.title.clone(),
        current,
        description: None,
    }
}

/// The HTML list of the whole table of contents of a language, for the cover.
pub(crate) fn toc_html(ls: &LanguageSite, root: &str) -> String {
    fn walk(ls: &LanguageSite, i: usize, root: &str, out: &mut String) {
        let kids = &ls.pages[i].children;
        if kids.is_empty() {
            return;
        }
        out.push_str("<ul>");
        for &c in kids {
            let p = &ls.pages[c];
            out.push_str("<li><a href=\"");
            out.push_str(&escape(&[root, &p.url].concat()));
            out.push_str("\">");
            out.push_str(&escape(&p.title));
            out.push_str("</a>");
            walk(ls, c, root, out);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    let mut out = String::new();
    if !ls.pages.is_empty() {
        walk(ls, 0, root, &mut out);
    }
    out
}
