//! Shortcodes in the page's renderer (the calls are found and placed by
//! [`crate::shortcodes`]): calls without a body are rendered before the page's events, in
//! order (figures are numbered and their ids claimed before the headings'); a body's
//! events go through the renderer like the rest of the page, and its HTML is handed to the
//! template when its `{% end %}` is reached.

use std::collections::BTreeMap;
use std::ops::Range;

use minijinja::Value as Tv;
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::{foreign_in, headings, options_for, MdContext, Renderer};
use crate::diagnostics::Diagnostic;
use crate::shortcodes::place::{place, Marker};
use crate::shortcodes::scan::{has_candidates, scan, Item, ItemKind, Scan};
use crate::shortcodes::{
    block_in_text, check_call, error_detail, figure_label, is_block, is_markdown, template_value,
    unknown_shortcode, Call, Form, PageShortcodes, Used, BUILTIN,
};

/// The calls of a page whose text is `body` and whose events are `events`: `None` when it
/// has none (or the page is rendered without shortcodes).
pub(super) fn find(ctx: &MdContext, body: &str, events: &[(Event, Range<usize>)]) -> Option<Scan> {
    let set = ctx.shortcodes?.set;
    if !has_candidates(body) {
        return None;
    }
    let code: Vec<Range<usize>> = code_ranges(events);
    scan(
        body,
        &code,
        |c| is_block(c) && (c.form != Form::Inline || set.is_known(&c.name)),
        |name| set.is_known(name),
    )
}

/// Where code is (blocks, spans, math): no call is expanded there.
fn code_ranges(events: &[(Event, Range<usize>)]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (ev, r) in events {
        let code = matches!(
            ev,
            Event::Start(Tag::CodeBlock(_))
                | Event::Code(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
        );
        if code && out.last().is_none_or(|l| l.end <= r.start) {
            out.push(r.clone());
        }
    }
    out
}

/// The state of a page's shortcodes while its events are rendered.
#[derive(Default)]
pub(super) struct Expansion<'s> {
    items: &'s [Item],
    /// Markers of bodies (openings and ends), in order, each with the item of its call
    /// (an end's is its opening's).
    bodies: Vec<(Marker, usize)>,
    next: usize,
    /// Open bodies: where their events start in the output.
    frames: Vec<usize>,
    /// Per item: its number among the page's calls of its name, its figure number and id.
    calls: Vec<CallInfo>,
}

/// What the page tells a call before it is rendered.
#[derive(Default, Clone)]
struct CallInfo {
    /// Whether it has a problem (reported): it writes nothing.
    bad: bool,
    /// 1 for the first call of its name on the page.
    nth: u32,
    /// For a figure: its number in the language's reading order.
    figure: u32,
    /// The id the page gives it (a figure's, or the one written as `id`).
    id: Option<String>,
}

impl<'a> Renderer<'a> {
    /// Places the calls of `scan` among `events` and renders the calls without a body;
    /// returns the state for the bodies.
    pub(super) fn expand_start<'s>(
        &mut self,
        scan: Option<&'s Scan>,
        events: &mut Vec<(Event<'a>, Range<usize>)>,
    ) -> Expansion<'s>
    where
        's: 'a,
    {
        let (Some(scan), Some(page)) = (scan, self.ctx.shortcodes) else {
            return Expansion::default();
        };
        for e in &scan.errors {
            self.problem(e.at.clone(), e.message.clone(), e.hint.clone());
        }
        for (name, span) in &scan.bare {
            if page.set.is_known(name) {
                self.problem(
                    span.clone(),
                    format!("`{name}` is a shortcode: a call needs parentheses"),
                    format!("write `{name}(…)` with its arguments, or `{name}()`"),
                );
            }
        }
        let placed = place(&scan.text, std::mem::take(events), &scan.items);
        *events = placed.events;
        for (at, message, hint) in placed.problems {
            self.problem(at, message, hint);
        }
        let mut x = Expansion {
            items: &scan.items,
            calls: vec![CallInfo::default(); scan.items.len()],
            ..Expansion::default()
        };
        self.check_calls(page, &mut x, &placed.markers);
        for m in &placed.markers {
            match m.form {
                Form::Inline => {
                    let html = self.call_html(&x, m.item, None);
                    events[m.index].0 = output_event(html, m.block);
                }
                Form::Open => x.bodies.push((m.clone(), m.item)),
                Form::End => {
                    let open = m.pair.map_or(m.item, |o| placed.markers[o].item);
                    x.bodies.push((m.clone(), open));
                }
            }
        }
        x
    }

    /// Checks every call of `x` (names, arguments, place), numbers the figures, claims ids
    /// and records what the page uses.
    fn check_calls(&mut self, page: PageShortcodes, x: &mut Expansion, markers: &[Marker]) {
        let mut names: Vec<String> = Vec::new();
        let mut nth: BTreeMap<&str, u32> = BTreeMap::new();
        let mut figures = 0;
        let mut marker_of: Vec<Option<&Marker>> = vec![None; x.items.len()];
        for m in markers {
            marker_of[m.item] = Some(m);
        }
        for (k, item) in x.items.iter().enumerate() {
            let ItemKind::Call(call) = &item.kind else {
                continue;
            };
            if call.form == Form::End {
                continue;
            }
            names.push(call.name.clone());
            let info = &mut x.calls[k];
            let n = nth.entry(&call.name).or_insert(0);
            *n += 1;
            info.nth = *n;
            if call.name == "figure" {
                figures += 1;
                info.figure = page.figure_base + figures;
            }
            let problems = if page.set.is_known(&call.name) {
                let mut p = check_call(page.set, call);
                p.extend(block_in_text(call, marker_of[k].is_some_and(|m| m.in_text)));
                p
            } else {
                vec![unknown_shortcode(page.set, call)]
            };
            info.bad =
                !problems.is_empty() || !page.set.compiled(&call.name) || marker_of[k].is_none();
            for (at, message, hint) in problems {
                self.problem(at, message, hint);
            }
            let figure = info.figure;
            x.calls[k].id = self.call_id(call, figure);
        }
        names.sort_unstable();
        names.dedup();
        self.out.shortcodes = Used {
            fp: page.set.fingerprint_of(&names),
            names,
            figures,
            figure_base: page.figure_base,
        };
    }

    /// The id of a built-in's `call`: the one written as `id` (claimed; an error when the
    /// page already uses it), or for figure number `figure` the slug of its label
    /// ("hinh-3"). A site's own shortcodes read `id` as they please.
    fn call_id(&mut self, call: &Call, figure: u32) -> Option<String> {
        if !BUILTIN.contains(&call.name.as_str()) {
            return None;
        }
        let written = call.args.iter().find(|a| a.name == "id");
        let id = match written.map(|a| &a.value) {
            Some(crate::shortcodes::Value::Str(id)) => {
                let id = id.clone();
                if headings::is_reserved(&id) || !self.slugs.claim(&id) {
                    let span = written.map_or(call.span.clone(), |a| a.span.clone());
                    self.problem(
                        span,
                        format!("the id `{id}` is used twice on this page, or reserved"),
                        "ids must be unique within a page (headings and figures have ids too); choose another".to_string(),
                    );
                }
                id
            }
            _ if figure > 0 => {
                let labels = self.ctx.shortcodes.map_or(self.ctx.strings, |p| p.labels);
                let label = figure_label(labels, figure);
                self.slugs.slug_for(&label)
            }
            _ => return None,
        };
        self.out.anchors.push(id.clone());
        Some(id)
    }

    /// Handles `events[i]` when it is a body's opening or end (the end renders the call);
    /// otherwise renders it as usual. Returns the index of the next event to handle.
    pub(super) fn advance(
        &mut self,
        x: &mut Expansion,
        events: &mut [(Event<'a>, Range<usize>)],
        i: usize,
    ) -> usize {
        // Markers that the event before took with it (a heading's text) are not expanded.
        while x.bodies.get(x.next).is_some_and(|(m, _)| m.index < i) {
            let (m, _) = x.bodies[x.next].clone();
            x.next += 1;
            if m.form == Form::Open {
                self.problem(
                    x.items[m.item].span.clone(),
                    "a shortcode with a body cannot be used here (in a heading)".to_string(),
                    "use a call without a body, `{{ name(…) }}`, or move it out of the heading"
                        .to_string(),
                );
            }
        }
        let Some((m, call_item)) = x.bodies.get(x.next).filter(|(m, _)| m.index == i).cloned()
        else {
            return self.step(events, i);
        };
        x.next += 1;
        let sink = self.notes.sink(&mut self.events_out);
        if m.form == Form::Open {
            x.frames.push(sink.len());
            return i + 1;
        }
        let start = x.frames.pop().unwrap_or(sink.len());
        let body_events = sink.split_off(start.min(sink.len()));
        let mut body = String::new();
        pulldown_cmark::html::push_html(
            &mut body,
            foreign_in(self.vietnamese, body_events).into_iter(),
        );
        let html = self.call_html(x, call_item, Some(body));
        self.emit(output_event(html, m.block));
        i + 1
    }

    /// The HTML of item `k`'s call (with `body` when it has one), or nothing when it has a
    /// problem; a template error is reported at the call.
    fn call_html(&mut self, x: &Expansion, k: usize, body: Option<String>) -> String {
        let ItemKind::Call(call) = &x.items[k].kind else {
            return String::new();
        };
        let Some(page) = self.ctx.shortcodes else {
            return String::new();
        };
        let info = &x.calls[k];
        if info.bad {
            return String::new();
        }
        let ctx = self.template_context(page, call, info, body);
        match page.set.render(&call.name, &ctx) {
            Ok(html) => html,
            Err(e) => {
                let file = page.set.display(&call.name);
                let line = e.line().map_or(String::new(), |l| format!(":{l}"));
                self.problem(
                    call.span.clone(),
                    format!(
                        "error in the shortcode template {}{line}: {}",
                        file.display(),
                        error_detail(&e)
                    ),
                    format!(
                        "fix the template {} (minijinja syntax), or the arguments of this call",
                        file.display()
                    ),
                );
                String::new()
            }
        }
    }

    /// What `call`'s template sees: its arguments (Markdown ones rendered), `args` (all of
    /// them), `body`, `page`, `i18n`, `nth`, and for a figure `number`, `label`, `id`,
    /// `src` and `img`; for `details`, a default `summary`.
    fn template_context(
        &mut self,
        page: PageShortcodes,
        call: &Call,
        info: &CallInfo,
        body: Option<String>,
    ) -> Tv {
        let mut vars: BTreeMap<String, Tv> = BTreeMap::new();
        for arg in &call.args {
            let v = match &arg.value {
                crate::shortcodes::Value::Str(s) if is_markdown(&call.name, &arg.name) => {
                    Tv::from_safe_string(self.inline_markdown(s, arg.span.clone()))
                }
                v => template_value(v),
            };
            vars.insert(arg.name.clone(), v);
        }
        let args: BTreeMap<String, Tv> = vars.clone();
        let ctx = self.ctx;
        let strings = ctx.strings;
        if call.name == "figure" {
            self.figure_vars(call, info, &mut vars);
            if let Some(b) = &body {
                vars.insert(
                    "caption".into(),
                    Tv::from_safe_string(unwrap_p(b).to_string()),
                );
            }
        }
        if call.name == "details" && !vars.contains_key("summary") {
            vars.insert("summary".into(), Tv::from(strings.t("shortcodes.details")));
        }
        if let Some(id) = &info.id {
            vars.insert("id".into(), Tv::from(id.as_str()));
        }
        vars.insert("args".into(), Tv::from(args));
        if let Some(b) = body {
            vars.insert("body".into(), Tv::from_safe_string(b));
        }
        vars.insert("nth".into(), Tv::from(info.nth));
        vars.insert("i18n".into(), page.set.i18n(ctx.lang, strings));
        let page_vars: BTreeMap<&str, Tv> = [
            ("lang", Tv::from(ctx.lang)),
            ("key", Tv::from(ctx.key)),
            ("root", Tv::from(ctx.root)),
            ("title", Tv::from(ctx.file.front.title.as_str())),
        ]
        .into_iter()
        .collect();
        vars.insert("page".into(), Tv::from(page_vars));
        Tv::from(vars)
    }

    /// A figure's `number`, `label`, `img` (through the page's own image handling, so that
    /// its source is checked like a Markdown image's) and `src` (as written in `img`).
    fn figure_vars(&mut self, call: &Call, info: &CallInfo, vars: &mut BTreeMap<String, Tv>) {
        let text = |name: &str| {
            call.args
                .iter()
                .find(|a| a.name == name)
                .and_then(|a| match &a.value {
                    crate::shortcodes::Value::Str(s) => Some((s.clone(), a.span.clone())),
                    _ => None,
                })
        };
        let (src, span) = text("src").unwrap_or((String::new(), call.span.clone()));
        let alt = text("alt").map(|a| a.0).unwrap_or_default();
        let title = text("title").map(|a| a.0).unwrap_or_default();
        let image = Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(src),
            title: CowStr::from(title),
            id: CowStr::Borrowed(""),
        };
        let mut evs = vec![(Event::Start(image), span.clone())];
        if !alt.is_empty() {
            evs.push((Event::Text(CowStr::from(alt)), span.clone()));
        }
        evs.push((Event::End(TagEnd::Image), span));
        let mut img = self.capture(evs);
        for dim in ["width", "height"] {
            if let Some(crate::shortcodes::Value::Int(n)) =
                call.args.iter().find(|a| a.name == dim).map(|a| &a.value)
            {
                img = set_attribute(&img, dim, &n.to_string());
            }
        }
        let src = attribute(&img, "src").unwrap_or_default().to_string();
        vars.insert("src".into(), Tv::from_safe_string(src));
        vars.insert("img".into(), Tv::from_safe_string(img));
        vars.insert("number".into(), Tv::from(info.figure));
        let labels = self.ctx.shortcodes.map_or(self.ctx.strings, |p| p.labels);
        vars.insert("label".into(), Tv::from(figure_label(labels, info.figure)));
    }

    /// `text` rendered as inline Markdown by the page's renderer (links checked, phrases
    /// marked), every event placed at `span` for messages.
    fn inline_markdown(&mut self, text: &str, span: Range<usize>) -> String {
        let evs: Vec<(Event<'a>, Range<usize>)> =
            Parser::new_ext(text, options_for(self.ctx.markdown))
                .map(|e| (e.into_static(), span.clone()))
                .collect();
        let html = self.capture(evs);
        unwrap_p(&html).to_string()
    }

    /// The HTML of `evs`, rendered like the page's own events.
    fn capture(&mut self, mut evs: Vec<(Event<'a>, Range<usize>)>) -> String {
        let start = self.notes.sink(&mut self.events_out).len();
        let mut i = 0;
        while i < evs.len() {
            i = self.step(&mut evs, i);
        }
        let sink = self.notes.sink(&mut self.events_out);
        let taken = sink.split_off(start.min(sink.len()));
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, foreign_in(self.vietnamese, taken).into_iter());
        html
    }

    /// Reports a problem at `at` (relative to the body).
    fn problem(&mut self, at: Range<usize>, message: String, hint: String) {
        let file = self.ctx.file;
        let span = self.offset + at.start..self.offset + at.end;
        self.out.diagnostics.push(
            Diagnostic::error(message)
                .at_span(&file.display, &file.source, span)
                .with_code("shortcode")
                .with_hint(hint),
        );
    }
}

/// The event that writes a call's `html`: a block (on its own lines) or within text.
fn output_event<'a>(mut html: String, block: bool) -> Event<'a> {
    if block {
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Event::Html(CowStr::from(html))
    } else {
        Event::InlineHtml(CowStr::from(html))
    }
}

/// `html` without the `<p>` around it when it is one paragraph.
fn unwrap_p(html: &str) -> &str {
    let t = html.trim_end();
    match t.strip_prefix("<p>").and_then(|r| r.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner,
        _ => t,
    }
}

/// The value of attribute `name` of the first tag of `html`.
fn attribute<'h>(html: &'h str, name: &str) -> Option<&'h str> {
    let tag = &html[..html.find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].find('"').map(|end| &tag[at..at + end])
}

/// `html` (one tag first) with attribute `name` set to `value` in its first tag.
fn set_attribute(html: &str, name: &str, value: &str) -> String {
    let Some(end) = html.find('>') else {
        return html.to_string();
    };
    let mut tag = html[..end].to_string();
    let key = format!(" {name}=\"");
    if let Some(at) = tag.find(&key) {
        if let Some(len) = tag[at + key.len()..].find('"') {
            tag.replace_range(at..at + key.len() + len + 1, "");
        }
    }
    let close = if tag.ends_with(" /") {
        tag.len() - 2
    } else {
        tag.len()
    };
    tag.insert_str(close, &format!(" {name}=\"{value}\""));
    tag + &html[end..]
}
