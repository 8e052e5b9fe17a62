//! Footnotes: numbered in order of first reference, their definitions rendered apart and
//! listed at the end of the page with a link back; an undefined or unused note is reported.

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event};

use super::MdContext;
use crate::diagnostics::Diagnostic;
use crate::text::escape;

/// The footnotes of one page while it is rendered.
#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// Label -> number, in order of first reference.
    numbers: Vec<(String, usize)>,
    /// Label -> rendered definition, in the order the definitions are written.
    defs: Vec<(String, String)>,
    /// The definition being read: its label and events.
    open: Option<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    /// Where the next event goes: the open definition, or else `main`.
    pub(super) fn sink<'s>(&'s mut self, main: &'s mut Vec<Event<'a>>) -> &'s mut Vec<Event<'a>> {
        match &mut self.open {
            Some((_, evs)) => evs,
            None => main,
        }
    }

    /// Whether a definition is being read.
    pub(super) fn in_definition(&self) -> bool {
        self.open.is_some()
    }

    /// The reference mark for note `label`, numbered at its first reference.
    pub(super) fn reference(&mut self, label: &str) -> Event<'a> {
        let n = match self.numbers.iter().find(|(l, _)| l == label) {
            Some((_, n)) => *n,
            None => {
                let n = self.numbers.len() + 1;
                self.numbers.push((label.to_string(), n));
                n
            }
        };
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\" role=\"doc-noteref\">{n}</a></sup>"
        )))
    }

    /// A definition of note `label` starts.
    pub(super) fn open(&mut self, label: &str) {
        self.open = Some((label.to_string(), Vec::new()));
    }

    /// The open definition ends: its events are rendered through `finish_events`.
    pub(super) fn close(&mut self, finish_events: impl FnOnce(Vec<Event<'a>>) -> Vec<Event<'a>>) {
        if let Some((label, evs)) = self.open.take() {
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, finish_events(evs).into_iter());
            self.defs.push((label, s));
        }
    }

    /// Appends the list of notes to `html` and reports notes referenced but not defined
    /// (errors) and defined but not referenced (warnings).
    pub(super) fn finish(self, ctx: &MdContext, html: &mut String, diags: &mut Vec<Diagnostic>) {
        if self.numbers.is_empty() && self.defs.is_empty() {
            return;
        }
        let _ = write!(
            html,
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{}\">\n<ol>\n",
            escape(ctx.strings.t("ui.footnotes"))
        );
        for (label, n) in &self.numbers {
            match self.defs.iter().find(|(l, _)| l == label) {
                Some((_, def)) => write_note(ctx, html, *n, def),
                None => diags.push(undefined(ctx, label)),
            }
        }
        html.push_str("</ol>\n</section>\n");
        for (label, _) in &self.defs {
            if !self.numbers.iter().any(|(l, _)| l == label) {
                diags.push(unreferenced(ctx, label));
            }
        }
    }
}

/// Note `n` with its definition `def` and the link back to its reference.
fn write_note(ctx: &MdContext, html: &mut String, n: usize, def: &str) {
    let back = escape(ctx.strings.t("ui.footnote_back"));
    let def = def.trim_end();
    let backlink = format!(
        " <a href=\"#fnref-{n}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{back}\">↩</a>"
    );
    let def = match def.strip_suffix("</p>") {
        Some(d) => format!("{d}{backlink}</p>"),
        None => format!("{def}{backlink}"),
    };
    let _ = writeln!(html, "<li id=\"fn-{n}\">{def}</li>");
}

/// The error for a note referenced as `[^label]` with no definition.
fn undefined(ctx: &MdContext, label: &str) -> Diagnostic {
    let body = ctx.file.body();
    let offset = ctx.file.body_range.start;
    let at = body
        .find(&format!("[^{label}]"))
        .map_or(offset..offset, |p| offset + p..offset + p + label.len() + 3);
    Diagnostic::error(format!("the footnote `[^{label}]` is not defined"))
        .at_span(&ctx.file.display, &ctx.file.source, at)
        .with_hint(format!(
            "add a line `[^{label}]: text of the note` to the page"
        ))
}

/// The warning for a note defined as `[^label]:` and never referenced.
fn unreferenced(ctx: &MdContext, label: &str) -> Diagnostic {
    let body = ctx.file.body();
    let offset = ctx.file.body_range.start;
    let at = body
        .find(&format!("[^{label}]:"))
        .map_or(offset..offset, |p| offset + p..offset + p + label.len() + 4);
    Diagnostic::warning(format!("the footnote `[^{label}]` is never referenced"))
        .at_span(&ctx.file.display, &ctx.file.source, at)
        .with_hint(format!(
            "refer to it in the text with `[^{label}]`, or remove it"
        ))
}
