//! Headings: a Vietnamese-aware id for each (`## Đặc điểm` -> `dac-diem`), unique within
//! the page, or the id written with `{#id}`; a permalink anchor labelled in the page's
//! language; the page's list of headings for its table of contents.
//!
//! Ids are unique in the whole page, not only among headings: the ids the theme's frame
//! writes ([`THEME_IDS`]) and the numbered ids of footnotes and scripts
//! ([`NUMBERED_PREFIXES`]) are reserved ([`is_reserved`]), and the page's title claims its
//! id ([`title_id`]) before the body's headings.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::links::rewrite_links;
use super::{Heading, Renderer};
use crate::diagnostics::Diagnostic;
use crate::text::escape;
use crate::text::slug::UniqueSlugs;

/// The ids the built-in theme writes in the frame of a page (templates and their scripts):
/// no heading of a page may have one. A test reads `theme/templates/` and `theme/static/`
/// and checks that this list holds every literal id they write, and nothing else.
pub(crate) const THEME_IDS: &[&str] = &[
    // base.html, 404.html, print.html
    "content",
    "sidebar",
    // cover.html
    "toc",
    "toc-title",
    // page.html
    "otp-title",
    // partials/document-meta.html
    "meta-title",
    // partials/search.html
    "sn-search-input",
    "sn-search-hint",
    "sn-search-results",
    // the preview's script (src/serve/live.js)
    "songngu-error-overlay",
    "songngu-disconnected",
];

/// Prefixes of numbered ids (`fn-3`): footnotes (`fn-N`, `fnref-N`; `fnref-N-K` is the
/// K-th reference of note N) and the lists the theme's scripts build (`toc-N` in
/// songngu.js, `sn-search-result-N` in search.js).
pub(crate) const NUMBERED_PREFIXES: &[&str] = &["fn-", "fnref-", "toc-", "sn-search-result-"];

/// Whether no heading may have `id`: one of [`THEME_IDS`], a prefix of
/// [`NUMBERED_PREFIXES`] and a number, or `fnref-N-K`. Appending `-N` twice to any id gives
/// one that is not reserved (what [`UniqueSlugs`] needs).
pub(crate) fn is_reserved(id: &str) -> bool {
    if THEME_IDS.contains(&id) {
        return true;
    }
    let numbered = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    NUMBERED_PREFIXES
        .iter()
        .any(|p| id.strip_prefix(p).is_some_and(numbered))
        || id
            .strip_prefix("fnref-")
            .and_then(|rest| rest.split_once('-'))
            .is_some_and(|(n, k)| numbered(n) && numbered(k))
}

/// The slugs of one page: unique, none of them reserved.
pub(super) fn page_slugs() -> UniqueSlugs {
    UniqueSlugs::with_reserved(is_reserved)
}

/// The id of a page's title (`<h1>`): the slug of `title`, numbered when it is reserved
/// (`Content` -> `content-1`). The first id a page's Markdown hands out, so a heading with
/// the title's text gets the next number.
pub(crate) fn title_id(title: &str) -> String {
    page_slugs().slug_for(title)
}

impl<'a> Renderer<'a> {
    /// Renders the heading that starts at `events[i]`; returns the index after its end.
    pub(super) fn heading(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        if let Some(next) = self.title_heading(events, i) {
            return next;
        }
        let (ev, range) = &events[i];
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = ev
        else {
            return i + 1;
        };
        let (inner, text, end) = heading_inner(events, i + 1);
        let hid = self.heading_id(id.as_deref(), &text, range);
        let inner = rewrite_links(inner, self.ctx, &mut self.out, self.offset, range);
        let inner = self.foreign(inner);
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let lvl = heading_number(*level);
        let html = if self.notes.in_definition() {
            // Headings inside footnotes are rare; keep them plain.
            format!("<p><strong>{}</strong></p>", escape(&text))
        } else {
            let label = self.ctx.strings.format("ui.permalink", &[("title", &text)]);
            let classes = classes
                .iter()
                .map(|c| c.as_ref())
                .collect::<Vec<_>>()
                .join(" ");
            let view = HeadingView {
                level: lvl,
                id: &hid,
                classes: &classes,
                content: &inner_html,
                text: &text,
                label: &label,
            };
            match self.ctx.heading {
                Some(template) => template.render(&view),
                None => builtin_heading(&view),
            }
        };
        self.emit(Event::Html(CowStr::from(html)));
        self.out.headings.push(Heading {
            level: lvl,
            id: hid,
            text,
        });
        end + 1
    }

    /// Leaves out the page's leading `#` heading, which the page's title shows
    /// ([`crate::load::SourceFile::title_heading`]), warning when its text differs from the
    /// title written in the front matter; returns the index after its end, or `None` when
    /// `events[i]` starts another heading.
    fn title_heading(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> Option<usize> {
        let file = self.ctx.file;
        let dropped = file.title_heading.as_ref()?;
        let range = &events[i].1;
        if self.offset + range.start != dropped.range.start {
            return None;
        }
        let (_, text, end) = heading_inner(events, i + 1);
        if dropped.differs {
            let start = self.offset + range.start;
            let span = start..start + file.source[start..self.offset + range.end].trim_end().len();
            self.out.diagnostics.push(
                Diagnostic::warning(format!(
                    "the heading `{text}` differs from the page's title `{}`: the title is shown, the heading is not",
                    file.front.title
                ))
                .with_code("title-heading")
                .at_span(&file.display, &file.source, span)
                .with_label("not shown")
                .with_hint("the page shows its title as its heading: make the two the same, or remove one (without `title`, the heading is the title)"),
            );
        }
        Some(end + 1)
    }

    /// The heading's id: the one written (`{#id}`), reported when the page already uses it
    /// or the theme reserves it, or a unique slug of its text.
    fn heading_id(&mut self, explicit: Option<&str>, text: &str, range: &Range<usize>) -> String {
        let Some(explicit) = explicit else {
            return self.slugs.slug_for(text);
        };
        let problem = if is_reserved(explicit) {
            Some((
                format!("the heading id `{explicit}` is reserved: the page's frame or its footnotes use it"),
                format!(
                    "choose another id, e.g. `{{#{}}}`; reserved are {} and `fn-N`, `fnref-N`, `toc-N`, `sn-search-result-N`",
                    page_slugs().slug_for(explicit),
                    reserved_list()
                ),
            ))
        } else if !self.slugs.claim(explicit) {
            Some((
                format!("the heading id `{explicit}` is used twice on this page"),
                "heading ids must be unique within a page (the page's title has one too); change one `{#…}`".to_string(),
            ))
        } else {
            None
        };
        if let Some((message, hint)) = problem {
            let span = self.offset + range.start..self.offset + range.end;
            let file = self.ctx.file;
            self.out.diagnostics.push(
                Diagnostic::error(message)
                    .at_span(&file.display, &file.source, span)
                    .with_hint(hint),
            );
        }
        explicit.to_string()
    }
}

/// [`THEME_IDS`] quoted and joined for a hint: "`content`, `sidebar`, …".
fn reserved_list() -> String {
    THEME_IDS
        .iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The inline events of the heading whose first inner event is `events[from]`, its text
/// (trimmed) and the index of its end.
fn heading_inner<'a>(
    events: &[(Event<'a>, Range<usize>)],
    from: usize,
) -> (Vec<Event<'a>>, String, usize) {
    let mut j = from;
    let mut inner: Vec<Event> = Vec::new();
    let mut text = String::new();
    while j < events.len() {
        match &events[j].0 {
            Event::End(TagEnd::Heading(_)) => break,
            e => {
                if let Event::Text(t) | Event::Code(t) = e {
                    text.push_str(t);
                }
                inner.push(e.clone());
            }
        }
        j += 1;
    }
    (inner, text.trim().to_string(), j)
}

/// A heading as the theme's heading template (`templates/partials/heading.html`) sees it.
#[derive(Debug, serde::Serialize)]
pub(crate) struct HeadingView<'a> {
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The heading's id.
    pub id: &'a str,
    /// The classes written with `{.class}`, joined by spaces (empty when none).
    pub classes: &'a str,
    /// The heading's HTML.
    pub content: &'a str,
    /// Its plain text.
    pub text: &'a str,
    /// The label of its permalink ("Link to this section: …" in the page's language).
    pub label: &'a str,
}

/// Writes the HTML of a heading: a theme that overrides the heading template renders it.
pub(crate) trait HeadingTemplate: Sync {
    /// The HTML of heading `h`, with its permalink.
    fn render(&self, h: &HeadingView) -> String;
}

/// The HTML the built-in heading template gives for `h`, written directly: pages have many
/// headings, and a test checks that the template gives the same bytes.
pub(crate) fn builtin_heading(h: &HeadingView) -> String {
    let class = if h.classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", escape(h.classes))
    };
    format!(
        "<h{lvl} id=\"{id}\"{class}>{content} <a class=\"anchor\" href=\"#{id}\" aria-label=\"{label}\">#</a></h{lvl}>\n",
        lvl = h.level,
        id = escape(h.id),
        content = h.content,
        label = escape(h.label),
    )
}

/// 1 for `#`, 2 for `##`…
fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    /// The files of the built-in theme that write ids into a page: the templates, the
    /// theme's scripts and the preview's script.
    fn frame_files() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("src/serve/live.js")];
        let mut dirs = vec![root.join("theme/templates"), root.join("theme/static")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "html" || e == "js") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// The ids `text` writes: literal `id="…"` attributes (template expressions left out),
    /// and in scripts `x.id = "…"` (a prefix when a `+` follows: `"toc-" + i`). Returns
    /// the literal ids and the prefixes.
    fn ids_written(text: &str) -> (Vec<String>, Vec<String>) {
        let (mut ids, mut prefixes) = (Vec::new(), Vec::new());
        for pattern in [" id=\"", "\nid=\"", ".id = \"", "setAttribute(\"id\", \""] {
            for (at, _) in text.match_indices(pattern) {
                let value_at = at + pattern.len();
                let len = text[value_at..].find('"').unwrap();
                let value = &text[value_at..value_at + len];
                if value.contains("{{") || value.contains("{%") {
                    continue;
                }
                let after = text[value_at + len + 1..].trim_start();
                if !pattern.contains("id=") && after.starts_with('+') {
                    prefixes.push(value.to_string());
                } else {
                    ids.push(value.to_string());
                }
            }
        }
        (ids, prefixes)
    }

    #[test]
    fn the_reserved_ids_are_those_the_theme_writes() {
        let (mut ids, mut prefixes) = (Vec::new(), Vec::new());
        for file in frame_files() {
            let (i, p) = ids_written(&std::fs::read_to_string(&file).unwrap());
            for id in &i {
                assert!(
                    THEME_IDS.contains(&id.as_str()),
                    "{} writes id `{id}`: add it to THEME_IDS",
                    file.display()
                );
            }
            for prefix in &p {
                assert!(
                    NUMBERED_PREFIXES.contains(&prefix.as_str()),
                    "{} numbers ids `{prefix}N`: add it to NUMBERED_PREFIXES",
                    file.display()
                );
            }
            ids.extend(i);
            prefixes.extend(p);
        }
        for id in THEME_IDS {
            assert!(ids.iter().any(|i| i == id), "no theme file writes `{id}`");
        }
        // The footnotes' prefixes are written by this module.
        for prefix in NUMBERED_PREFIXES.iter().filter(|p| !p.starts_with("fn")) {
            assert!(
                prefixes.iter().any(|p| p == prefix),
                "no theme script writes `{prefix}N`"
            );
        }
        assert!(
            ids.len() >= THEME_IDS.len() && prefixes.len() >= 2,
            "{ids:?} {prefixes:?}"
        );
    }

    #[test]
    fn reserved_ids() {
        for id in [
            "content",
            "toc",
            "fn-1",
            "fnref-12",
            "fnref-1-2",
            "toc-3",
            "sn-search-result-0",
        ] {
            assert!(is_reserved(id), "{id}");
        }
        for id in [
            "contents",
            "fn",
            "fn-",
            "fn-1-1",
            "fnref-1-2-1",
            "toc-a",
            "toc-1-1",
            "xcontent",
        ] {
            assert!(!is_reserved(id), "{id}");
        }
    }

    #[test]
    fn numbering_a_reserved_id_always_ends() {
        let mut slugs = page_slugs();
        for text in [
            "toc",
            "toc",
            "fn",
            "fn",
            "fnref",
            "fnref 1",
            "fnref 1",
            "fnref 1 2",
            "content",
            "content",
        ] {
            assert!(!is_reserved(&slugs.slug_for(text)), "{text}");
        }
    }
}
