//! Anchors: which `#anchor`s a page has, and anchors written with another tool's rule.
//!
//! A page's anchors are its headings' ids, the slug of its title (the id of its `<h1>`),
//! its footnotes' (`fn-…`, `fnref-…`), the article's (`content`) and the other ids of its
//! body (figures', shortcodes'). Sites that come from
//! GitHub, Hugo and the like write anchors with their rule: lowercase, spaces turned into
//! `-`, punctuation dropped but for `-` and `_`, letters kept with their marks (`People &
//! body` -> `people--body`). songngu keeps its own rule for ids; a link whose anchor is not
//! an id is compared with the headings under that other rule (only then: the cost is paid
//! by links that fail), and when it means exactly one heading it is rewritten to that
//! heading's id, with a warning.

use crate::diagnostics::{Diagnostic, Location};
use crate::markdown::Rendered;
use crate::text::closest;
use crate::text::slug::slugify;

/// Whether `a` (decoded) is an anchor of the page whose rendering is `r` and whose title is
/// `title`.
pub(super) fn has_anchor(r: &Rendered, title: &str, a: &str) -> bool {
    // A page has few headings: a scan of its list finds an id faster than a set.
    a == "content"
        || a.starts_with("fn-")
        || a.starts_with("fnref-")
        || r.headings.iter().any(|h| h.id == a)
        || r.anchors.iter().any(|id| id == a)
        || (!a.is_empty() && slugify(title) == a)
}

/// The anchor another tool (GitHub, Hugo) gives a heading with `text`: lowercase, each space
/// a `-`, letters (with their marks), digits, `-` and `_` kept, anything else dropped.
pub(super) fn other_tool_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_alphanumeric() || c == '-' || c == '_' || is_mark(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `c` is a combining mark (a letter's accent written apart from it).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}')
}

/// The ids of the page's title and headings whose other tool's anchor is `a`, in page order.
pub(super) fn other_tool_matches(r: &Rendered, title: &str, a: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let title_id = slugify(title);
    if !title_id.is_empty() && other_tool_slug(title) == a {
        ids.push(title_id);
    }
    for h in &r.headings {
        if other_tool_slug(&h.text) == a && !ids.contains(&h.id) {
            ids.push(h.id.clone());
        }
    }
    ids
}

/// The warning for the link at `at` whose anchor `#a` is another tool's form of `#id`.
pub(super) fn other_rule(at: &Location, a: &str, id: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "`#{a}` is written with another tool's rule; the heading's id is `#{id}`"
    ))
    .at(at.clone())
    .with_label("another tool's anchor")
    .with_hint(format!(
        "write the id, `#{id}` (the link now leads there): songngu's ids are slugs of the heading text"
    ))
}

/// The error for the link at `at` whose anchor `#a`, in another tool's form, could mean any
/// of the headings `ids` of `what`.
pub(super) fn ambiguous(at: &Location, what: &str, a: &str, ids: &[String]) -> Diagnostic {
    let list: Vec<String> = ids.iter().map(|i| format!("`#{i}`")).collect();
    Diagnostic::error(format!(
        "broken link: `{what}` has no heading `#{a}`, and in another tool's form it could mean {} headings",
        ids.len()
    ))
    .at(at.clone())
    .with_label("ambiguous anchor")
    .with_hint(format!(
        "did you mean {}? Write the id of the heading you mean",
        list.join(" or ")
    ))
}

/// The error for the link at `at` to `#a` of `what`, a page (rendering `r`, title `title`)
/// that has no such anchor.
pub(super) fn no_such_heading(
    at: &Location,
    what: &str,
    r: &Rendered,
    title: &str,
    a: &str,
) -> Diagnostic {
    let mut known: Vec<String> = r.headings.iter().map(|h| h.id.clone()).collect();
    let title_id = slugify(title);
    if !title_id.is_empty() {
        known.push(title_id);
    }
    known.sort_unstable();
    known.dedup();
    let mut refs: Vec<&str> = known.iter().map(String::as_str).collect();
    refs.push("content");
    let hint = match closest(a, &refs) {
        Some(k) => format!("did you mean `#{k}`? Heading ids are slugs of the heading text"),
        None if known.is_empty() => "that page has no headings".to_string(),
        None => format!(
            "the headings of that page have the ids: {}",
            known
                .iter()
                .map(|k| format!("#{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(format!("broken link: `{what}` has no heading `#{a}`"))
        .at(at.clone())
        .with_label("no such heading")
        .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_tools_keep_what_songngu_drops() {
        assert_eq!(other_tool_slug("People & body"), "people--body");
        assert_eq!(other_tool_slug("snake_case name"), "snake_case-name");
        assert_eq!(other_tool_slug("Đặc điểm tình hình"), "đặc-điểm-tình-hình");
        assert_eq!(other_tool_slug("What's new? (v2.0)"), "whats-new-v20");
    }
}
