//! Placing a page's calls among its Markdown events: each call gets one event of its own
//! (a marker) where its filler is, bodies are matched with their `{% end %}`, and a call
//! alone in its paragraph is taken out of it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::builtin::Problem;
use super::parse::Form;
use super::scan::{Item, ItemKind};

/// The event of a call among the page's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Its index among the events.
    pub index: usize,
    /// Its index among the scan's items.
    pub item: usize,
    /// The call's form.
    pub form: Form,
    /// Whether it is written as a block (alone on its line, alone in its paragraph, or in
    /// raw HTML) rather than within text.
    pub block: bool,
    /// Whether it stands within text (a paragraph, a heading, a table cell, a link…),
    /// where a block element would break the HTML.
    pub in_text: bool,
    /// For a body's opening, the index (among markers) of its `{% end %}`; for the end, of
    /// its opening.
    pub pair: Option<usize>,
}

/// The page's events with the calls placed.
pub(crate) struct Placed<'t> {
    /// The events; each marker is an empty `Html` (block) or `InlineHtml` event.
    pub events: Vec<(Event<'t>, Range<usize>)>,
    /// The calls' markers, in order (escaped calls are plain text and have none).
    pub markers: Vec<Marker>,
    /// Bodies that do not close, `{% end %}` that closes nothing, calls in places where
    /// nothing can be put (a link's destination…).
    pub problems: Vec<Problem>,
}

/// Places `items` (found in `text`, the page's text with fillers) among `events` (the
/// events of `text`, with their ranges).
pub(crate) fn place<'t>(
    text: &'t str,
    events: Vec<(Event<'t>, Range<usize>)>,
    items: &[Item],
) -> Placed<'t> {
    let mut p = Placer {
        text,
        items,
        out: Vec::with_capacity(events.len() + 2 * items.len()),
        markers: Vec::new(),
        problems: Vec::new(),
        consumed: vec![false; items.len()],
        stack: Vec::new(),
        in_code: 0,
        open: Vec::new(),
        skip_ends: 0,
        cursor: 0,
    };
    for (ev, range) in events {
        p.event(ev, range);
    }
    p.finish()
}

/// The state of [`place`].
struct Placer<'t, 'i> {
    text: &'t str,
    items: &'i [Item],
    out: Vec<(Event<'t>, Range<usize>)>,
    markers: Vec<Marker>,
    problems: Vec<Problem>,
    /// Which items have their marker.
    consumed: Vec<bool>,
    /// The open tags, each with whether it holds text.
    stack: Vec<bool>,
    /// How many code blocks are open (nothing is placed in code).
    in_code: usize,
    /// Open bodies: (marker index, depth of the tag stack at the opening).
    open: Vec<(usize, usize)>,
    /// How many `{% end %}` to leave unreported: bodies already reported as crossing the
    /// end of their block.
    skip_ends: usize,
    /// The first item that may still be met.
    cursor: usize,
}

impl<'t> Placer<'t, '_> {
    /// Handles one event of the page.
    fn event(&mut self, ev: Event<'t>, range: Range<usize>) {
        match &ev {
            Event::Start(tag) => {
                self.in_code += usize::from(matches!(tag, Tag::CodeBlock(_)));
                self.stack.push(holds_text(tag));
            }
            Event::End(end) => {
                self.in_code -= usize::from(matches!(end, TagEnd::CodeBlock));
                self.stack.pop();
                self.close_crossed();
            }
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_) if self.in_code == 0 => {
                return self.split(ev, range);
            }
            Event::Rule => {
                while self.cursor < self.items.len()
                    && self.items[self.cursor].span.end <= range.start
                {
                    self.cursor += 1;
                }
                let k = self.cursor;
                let ours = self.items.get(k).is_some_and(|it| {
                    it.block_filler && range.contains(&it.span.start) && !self.consumed[k]
                });
                if ours {
                    self.consumed[k] = true;
                    return self.mark(k, Event::Html(CowStr::Borrowed("")), range, true, false);
                }
            }
            _ => {}
        }
        self.out.push((ev, range));
    }

    /// A text, HTML or inline HTML event, split where items are.
    fn split(&mut self, ev: Event<'t>, range: Range<usize>) {
        while self.cursor < self.items.len() && self.items[self.cursor].span.end <= range.start {
            self.cursor += 1;
        }
        let content_len = match &ev {
            Event::Text(s) | Event::Html(s) | Event::InlineHtml(s) => s.len(),
            _ => 0,
        };
        let overlaps = self
            .items
            .get(self.cursor)
            .is_some_and(|it| it.span.start < range.end);
        // Only text that is the source's own bytes can be cut by offsets (always so where a
        // filler is: fillers hold no escapes or entities).
        if !overlaps || content_len != range.len() {
            self.out.push((ev, range));
            return;
        }
        let html = matches!(ev, Event::Html(_));
        let piece = |s: &'t str| match &ev {
            Event::Html(_) => Event::Html(CowStr::Borrowed(s)),
            Event::InlineHtml(_) => Event::InlineHtml(CowStr::Borrowed(s)),
            _ => Event::Text(CowStr::Borrowed(s)),
        };
        let mut pos = range.start;
        let mut k = self.cursor;
        while k < self.items.len() && self.items[k].span.start < range.end {
            let span = self.items[k].span.clone();
            let start = span.start.max(range.start);
            if start > pos {
                self.out.push((piece(&self.text[pos..start]), pos..start));
            }
            if !self.consumed[k] {
                self.consumed[k] = true;
                self.item_event(k, html);
            }
            pos = span.end.min(range.end);
            k += 1;
        }
        if pos < range.end {
            self.out
                .push((piece(&self.text[pos..range.end]), pos..range.end));
        }
    }

    /// The event of item `k`, met in raw HTML (`html`) or in text.
    fn item_event(&mut self, k: usize, html: bool) {
        let span = self.items[k].span.clone();
        match &self.items[k].kind {
            ItemKind::Literal(shown) => {
                let shown = CowStr::from(shown.clone());
                let ev = if html {
                    Event::Html(shown)
                } else {
                    Event::Text(shown)
                };
                self.out.push((ev, span));
            }
            ItemKind::Call(_) if html => {
                self.mark(k, Event::Html(CowStr::Borrowed("")), span, true, false)
            }
            ItemKind::Call(_) => {
                let in_text = self.stack.last().copied().unwrap_or(false);
                self.mark(
                    k,
                    Event::InlineHtml(CowStr::Borrowed("")),
                    span,
                    false,
                    in_text,
                )
            }
        }
    }

    /// Puts the marker of call item `k` in the output, and matches bodies.
    fn mark(&mut self, k: usize, ev: Event<'t>, range: Range<usize>, block: bool, in_text: bool) {
        let ItemKind::Call(call) = &self.items[k].kind else {
            return;
        };
        let m = self.markers.len();
        self.markers.push(Marker {
            index: self.out.len(),
            item: k,
            form: call.form,
            block,
            in_text,
            pair: None,
        });
        self.out.push((ev, range));
        match call.form {
            Form::Inline => {}
            Form::Open => self.open.push((m, self.stack.len())),
            Form::End => self.end(m),
        }
    }

    /// Matches the `{% end %}` of marker `m` with the innermost open body.
    fn end(&mut self, m: usize) {
        let span = self.items[self.markers[m].item].span.clone();
        match self.open.pop() {
            Some((o, depth)) if depth == self.stack.len() => {
                self.markers[o].pair = Some(m);
                self.markers[m].pair = Some(o);
            }
            Some((o, _)) => {
                let (name, open_span) = self.call_of(o);
                self.problems.push((
                    open_span,
                    format!("the body of `{name}` ends at another level of the page than it begins"),
                    format!("put its `{{% end %}}` (line {}) at the same level as the opening: the same indentation and the same `>` of a quote, within the same list item", line_of(self.text, span.start)),
                ));
            }
            None if self.skip_ends > 0 => self.skip_ends -= 1,
            None => self.problems.push((
                span,
                "this `{% end %}` closes no shortcode".to_string(),
                "a body opens with `{% name(…) %}` before its `{% end %}`; remove this one, or write it literally as `{%/* end */%}`".to_string(),
            )),
        }
    }

    /// Reports the open bodies whose enclosing block just ended.
    fn close_crossed(&mut self) {
        while let Some(&(o, depth)) = self.open.last() {
            if depth <= self.stack.len() {
                break;
            }
            self.open.pop();
            self.skip_ends += 1;
            let (name, span) = self.call_of(o);
            self.problems.push((
                span,
                format!("the body of `{name}` is not closed within the block where it begins"),
                "end it with `{% end %}` inside the same list item or quote, at the same indentation".to_string(),
            ));
        }
    }

    /// The name and span of the call of marker `m`.
    fn call_of(&self, m: usize) -> (String, Range<usize>) {
        let item = &self.items[self.markers[m].item];
        match &item.kind {
            ItemKind::Call(c) => (c.name.clone(), item.span.clone()),
            ItemKind::Literal(_) => (String::new(), item.span.clone()),
        }
    }

    /// Reports what stayed open or found no place, drops unmatched markers and takes calls
    /// alone in their paragraph out of it.
    fn finish(mut self) -> Placed<'t> {
        for (o, _) in std::mem::take(&mut self.open) {
            let (name, span) = self.call_of(o);
            self.problems.push((
                span,
                format!("`{name}` opens a body that is never closed"),
                "end the body with `{% end %}`".to_string(),
            ));
        }
        for (k, item) in self.items.iter().enumerate() {
            if !self.consumed[k] {
                self.problems.push((
                    item.span.clone(),
                    "a shortcode cannot be used here".to_string(),
                    "shortcodes go in text and between blocks, not in a link's destination, a heading's `{#id}` or code".to_string(),
                ));
            }
        }
        self.problems.sort_by_key(|p| p.0.start);
        let mut markers = std::mem::take(&mut self.markers);
        // A body that did not close has no markers: its opening and its end write nothing.
        for m in &mut markers {
            if m.form != Form::Inline && m.pair.is_none() {
                m.index = usize::MAX;
            }
        }
        let removed = unwrap_paragraphs(&self.out, &mut markers);
        let events = compact(self.out, &removed, &mut markers);
        Placed {
            events,
            markers,
            problems: self.problems,
        }
    }
}

/// Marks the paragraphs that hold nothing but one call (or one body, from its opening to
/// its end): their `<p>` goes and the call becomes a block. Returns the indexes of the
/// events to remove, sorted.
fn unwrap_paragraphs(out: &[(Event, Range<usize>)], markers: &mut [Marker]) -> Vec<usize> {
    let is = |i: usize, want: fn(&Event) -> bool| out.get(i).is_some_and(|(e, _)| want(e));
    let start_p = |e: &Event| matches!(e, Event::Start(Tag::Paragraph));
    let end_p = |e: &Event| matches!(e, Event::End(TagEnd::Paragraph));
    let mut removed = Vec::new();
    for m in 0..markers.len() {
        let k = markers[m].index;
        if k == usize::MAX || k == 0 || !is(k - 1, start_p) {
            continue;
        }
        let last = match (markers[m].form, markers[m].pair) {
            (Form::Inline, _) => Some((k, m)),
            (Form::Open, Some(e)) => Some((markers[e].index, e)),
            _ => None,
        };
        let Some((last, e)) = last.filter(|(last, _)| is(last + 1, end_p)) else {
            continue;
        };
        removed.extend([k - 1, last + 1]);
        for x in [m, e] {
            markers[x].block = true;
            markers[x].in_text = false;
        }
    }
    removed.sort_unstable();
    removed
}

/// `out` without the events at `removed` (sorted) and the unmatched markers' events, the
/// markers' indexes moved to match; the unmatched markers dropped.
fn compact<'t>(
    out: Vec<(Event<'t>, Range<usize>)>,
    removed: &[usize],
    markers: &mut Vec<Marker>,
) -> Vec<(Event<'t>, Range<usize>)> {
    let mut new_index = vec![usize::MAX; out.len()];
    let mut events = Vec::with_capacity(out.len());
    let mut r = removed.iter().peekable();
    for (i, e) in out.into_iter().enumerate() {
        if r.next_if(|&&x| x == i).is_some() {
            continue;
        }
        new_index[i] = events.len();
        events.push(e);
    }
    // Markers point at their pair by position: keep positions, map the dropped to nothing.
    let old: Vec<Option<usize>> = markers
        .iter()
        .map(|m| (m.index != usize::MAX).then_some(m.index))
        .collect();
    let mut renumber = vec![usize::MAX; markers.len()];
    let mut kept = Vec::with_capacity(markers.len());
    for (i, m) in markers.drain(..).enumerate() {
        if let Some(at) = old[i] {
            renumber[i] = kept.len();
            kept.push(Marker {
                index: new_index[at],
                ..m
            });
        }
    }
    for m in &mut kept {
        m.pair = m.pair.map(|p| renumber[p]);
    }
    *markers = kept;
    events
}

/// Whether `tag` holds text (where a block element does not belong).
fn holds_text(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
    )
}

/// The line number (from 1) of byte `at` of `text`.
fn line_of(text: &str, at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shortcodes::scan::scan;
    use pulldown_cmark::{Options, Parser};

    /// Places the calls of `md`; returns the HTML with markers shown as `[name]`/`[/]`, and
    /// the problems' messages.
    fn run(md: &str) -> (String, Vec<String>) {
        let s = scan(
            md,
            &[],
            |c| c.form != Form::Inline || c.name == "figure",
            |_| true,
        )
        .unwrap();
        let events: Vec<_> = Parser::new_ext(&s.text, Options::ENABLE_FOOTNOTES)
            .into_offset_iter()
            .collect();
        let placed = place(&s.text, events, &s.items);
        let mut evs: Vec<Event> = placed.events.into_iter().map(|(e, _)| e).collect();
        for m in &placed.markers {
            let ItemKind::Call(c) = &s.items[m.item].kind else {
                unreachable!()
            };
            let shown = match m.form {
                Form::End => "[/]".to_string(),
                _ => format!(
                    "[{}{}{}]",
                    c.name,
                    if m.block { " block" } else { "" },
                    if m.in_text { " in text" } else { "" }
                ),
            };
            evs[m.index] = Event::InlineHtml(shown.into());
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, evs.into_iter());
        (html, placed.problems.into_iter().map(|p| p.1).collect())
    }

    #[test]
    fn calls_are_placed_in_text_and_between_blocks() {
        let (html, problems) = run(
            "A {{ b() }} c.\n\n{{ d() }}\n\nText\n{{ figure(src=\"x\") }}\nmore {{/* f() */}}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(html, "<p>A [b in text] c.</p>\n[d block]\n<p>Text</p>\n[figure block]\n<p>more {{ f() }}</p>\n");
        let (html, problems) = run("{% d() %}\nbody *x*\n\n- {% e() %}\n  in item\n  {% end %}\n{% end %}\n\nP {% i() %}x{% end %}.\n\n{% w() %}x{% end %}\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(html, "[d block]\n<p>body <em>x</em></p>\n<ul>\n<li>[e block]in item[/]</li>\n</ul>\n[/]\n<p>P [i in text]x[/].</p>\n[w block]x[/]");
    }

    #[test]
    fn bodies_must_close_where_they_open() {
        let (_, problems) = run("{% a() %}\n\n{% end %}\n{% end %}\n\n- {% b() %}\n\n  item\n\n{% end %}\n\n[x]({{ c() }})\n\n{% d() %}\n");
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(problems[0].contains("closes no shortcode"), "{problems:#?}");
        assert!(
            problems[1].contains("body of `b` is not closed within"),
            "{problems:#?}"
        );
        assert!(problems[2].contains("cannot be used here"), "{problems:#?}");
        assert!(
            problems[3].contains("`d` opens a body that is never closed"),
            "{problems:#?}"
        );
    }
}
