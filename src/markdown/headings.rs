//! Headings: a Vietnamese-aware id for each (`## Đặc điểm` -> `dac-diem`), unique within
//! the page, or the id written with `{#id}`; a permalink anchor labelled in the page's
//! language; the page's list of headings for its table of contents.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use super::links::rewrite_links;
use super::{Heading, Renderer};
use crate::diagnostics::Diagnostic;
use crate::text::escape;

impl<'a> Renderer<'a> {
    /// Renders the heading that starts at `events[i]`; returns the index after its end.
    pub(super) fn heading(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
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

    /// The heading's id: the one written (`{#id}`), reported when the page already uses it,
    /// or a unique slug of its text.
    fn heading_id(&mut self, explicit: Option<&str>, text: &str, range: &Range<usize>) -> String {
        let Some(explicit) = explicit else {
            return self.slugs.slug_for(text);
        };
        if !self.slugs.claim(explicit) {
            let span = self.offset + range.start..self.offset + range.end;
            let file = self.ctx.file;
            self.out.diagnostics.push(
                Diagnostic::error(format!(
                    "the heading id `{explicit}` is used twice on this page"
                ))
                .at_span(&file.display, &file.source, span)
                .with_hint("heading ids must be unique within a page; change one `{#…}`"),
            );
        }
        explicit.to_string()
    }
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
