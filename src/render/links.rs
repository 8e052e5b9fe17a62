//! Link checking: every link to another page and every `#anchor` must have a target, once
//! every page's Markdown is rendered.

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::markdown::{LinkRef, Rendered};
use crate::model::{LanguageSite, Site};
use crate::text::closest;

/// Checks that every link to another page and every `#anchor` has a target.
/// Pages shown in place of a missing translation are checked in their own language only.
pub(crate) fn check_links(site: &Site, rendered: &[Vec<Arc<Rendered>>]) -> Vec<Diagnostic> {
    // Languages side by side; their messages in language order.
    site.languages
        .par_iter()
        .zip(rendered)
        .flat_map_iter(|(ls, rendered)| check_language_links(ls, rendered))
        .collect()
}

/// [`check_links`] for the pages of one language.
fn check_language_links(ls: &LanguageSite, rendered: &[Arc<Rendered>]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (p, r) in ls.pages.iter().zip(rendered) {
        if p.content_lang != p.lang {
            continue;
        }
        for link in &r.links {
            // A link to a file that failed to load follows from that file's problem.
            if ls.failed.contains(&link.key) {
                continue;
            }
            match ls.by_key.get(&link.key).map(|&i| &rendered[i]) {
                None => diags.push(no_such_page(ls, &p.lang, link)),
                Some(target) => {
                    if let Some(a) = &link.anchor {
                        if !has_anchor(target, a) {
                            diags.push(no_such_heading(target, link, a));
                        }
                    }
                }
            }
        }
    }
    diags
}

/// Whether the page `target` has the anchor `a`: a heading's id, a footnote's, or the
/// article's (`content`).
fn has_anchor(target: &Rendered, a: &str) -> bool {
    // A page has few headings: a scan of its list finds an id faster than a set.
    a == "content"
        || a.starts_with("fn-")
        || a.starts_with("fnref-")
        || target.headings.iter().any(|h| h.id == a)
}

/// The error for `link`, which names no page of the language `lang`.
fn no_such_page(ls: &LanguageSite, lang: &str, link: &LinkRef) -> Diagnostic {
    let keys: Vec<&str> = ls.by_key.keys().map(String::as_str).collect();
    let hint = match closest(&link.key, &keys) {
        Some(k) => format!("did you mean `{k}`? Paths are relative to this file's folder"),
        None => {
            "link to an existing .md file, with a path relative to this file's folder".to_string()
        }
    };
    Diagnostic::error(format!(
        "broken link: there is no page `{}` in `content/{lang}/`",
        link.key
    ))
    .at(link.location.clone())
    .with_label("no such page")
    .with_hint(hint)
}

/// The error for `link`, whose page `target` has no heading `#a`.
fn no_such_heading(target: &Rendered, link: &LinkRef, a: &str) -> Diagnostic {
    let mut known: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
    known.push("content");
    known.sort_unstable();
    known.dedup();
    let hint = match closest(a, &known) {
        Some(k) => format!("did you mean `#{k}`? Heading ids are slugs of the heading text"),
        None => format!(
            "the headings of that page have the ids: {}",
            known
                .iter()
                .filter(|k| **k != "content")
                .map(|k| format!("#{k}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(format!("broken link: `{}` has no heading `#{a}`", link.key))
        .at(link.location.clone())
        .with_label("no such heading")
        .with_hint(hint)
}
