//! Footnotes: numbered in order of first reference, their definitions rendered apart and
//! listed at the end of the page with a link back to each reference; an undefined or unused
//! note is reported.
//!
//! Ids: note N is `fn-N`, its first reference `fnref-N`, its K-th `fnref-N-K` (all reserved
//! for footnotes: no heading gets one, see [`super::headings::is_reserved`]).

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event};

use super::MdContext;
use crate::diagnostics::Diagnostic;
use crate::text::escape;

/// A note referenced on the page.
struct Note {
    /// Its label (`[^label]`).
    label: String,
    /// Its number.
    n: usize,
    /// How many times it is referenced.
    refs: usize,
}

/// The footnotes of one page while it is rendered.
#[derive(Default)]
pub(super) struct Footnotes<'a> {
    /// The notes referenced, in order of first reference (note N is `numbers[N - 1]`).
    numbers: Vec<Note>,
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

    /// The reference mark for note `label`, numbered at its first reference; each
    /// reference has its own id (`fnref-1`, then `fnref-1-2`…).
    pub(super) fn reference(&mut self, label: &str) -> Event<'a> {
        let note = match self.numbers.iter().position(|note| note.label == label) {
            Some(i) => &mut self.numbers[i],
            None => {
                let n = self.numbers.len() + 1;
                self.numbers.push(Note {
                    label: label.to_string(),
                    n,
                    refs: 0,
                });
                &mut self.numbers[n - 1]
            }
        };
        note.refs += 1;
        let (n, id) = (note.n, reference_id(note.n, note.refs));
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"{id}\" role=\"doc-noteref\">{n}</a></sup>"
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
        for note in &self.numbers {
            match self.defs.iter().find(|(l, _)| *l == note.label) {
                Some((_, def)) => write_note(ctx, html, note, def),
                None => diags.push(undefined(ctx, &note.label)),
            }
        }
        html.push_str("</ol>\n</section>\n");
        for (label, _) in &self.defs {
            if !self.numbers.iter().any(|note| note.label == *label) {
                diags.push(unreferenced(ctx, label));
            }
        }
    }
}

/// The id of the `k`-th reference to note `n`: `fnref-N`, then `fnref-N-K`.
fn reference_id(n: usize, k: usize) -> String {
    if k == 1 {
        format!("fnref-{n}")
    } else {
        format!("fnref-{n}-{k}")
    }
}

/// Note `note` with its definition `def` and a link back to each of its references: `↩`
/// labelled "Back to text" for one, `↩`, `↩²`, `↩³`… labelled "Back to reference 1.2"
/// for several.
fn write_note(ctx: &MdContext, html: &mut String, note: &Note, def: &str) {
    let n = note.n;
    let mut backlinks = String::new();
    for k in 1..=note.refs {
        let label = if note.refs == 1 {
            ctx.strings.t("ui.footnote_back").to_string()
        } else {
            let (n, k) = (n.to_string(), k.to_string());
            (ctx.strings).format("ui.footnote_back_n", &[("note", &n), ("n", &k)])
        };
        let _ = write!(
            backlinks,
            " <a href=\"#{}\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"{}\">↩{}</a>",
            reference_id(n, k),
            escape(&label),
            if k == 1 { String::new() } else { superscript(k) },
        );
    }
    let def = def.trim_end();
    let def = match def.strip_suffix("</p>") {
        Some(d) => format!("{d}{backlinks}</p>"),
        None => format!("{def}{backlinks}"),
    };
    let _ = writeln!(html, "<li id=\"fn-{n}\">{def}</li>");
}

/// `k` in superscript digits (`12` -> `¹²`).
fn superscript(k: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    k.to_string()
        .bytes()
        .map(|d| DIGITS[usize::from(d - b'0')])
        .collect()
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
