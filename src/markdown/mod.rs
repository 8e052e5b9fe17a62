//! Markdown rendering of one chapter, with pulldown-cmark.
//!
//! On top of CommonMark with tables, footnotes, strikethrough and heading attributes, the
//! renderer, one module a feature:
//! - [`headings`]: every heading gets a Vietnamese-aware id (`## Đặc điểm` -> `dac-diem`),
//!   unique within the page (the page's title and the theme's frame included), and a
//!   permalink anchor (`<a class="anchor">`);
//! - [`links`]: links within the site (a chapter's `.md` file, a page, a folder, a file, a
//!   path from the site's root) are written from the page's root, relative, and recorded so
//!   that the link stage can check them (and fix the few the page alone cannot settle);
//! - [`footnotes`]: numbered in order of reference and listed at the end of the page, with a
//!   link back to each reference;
//! - code blocks: every `<pre>` can be reached with the keyboard (`tabindex="0"`: a wide one
//!   scrolls sideways) and is labelled in the page's language (`role="group"`,
//!   `aria-label="Code: rust"`);
//! - [`fences`]: fenced blocks that other stages register (```` ```table ````) are replaced
//!   by what they render;
//! - [`lang_parts`]: Vietnamese phrases in a page in another language get `lang="vi"`;
//! - [`alerts`]: `> [!NOTE]`… become titled notes; [`tasks`]: task lists get labelled boxes;
//! - [`scripts`]: sub- and superscript inside words (`H~2~O`, `x^2^`);
//! - [`math`]: `$…$` and `$$…$$` become MathML at build time ([`mathml`]: in the form
//!   HTML checkers accept);
//! - [`shortcode`]: shortcode calls ([`crate::shortcodes`]) rendered in place, their bodies
//!   by this renderer.

mod alerts;
mod footnotes;
mod headings;
mod math;
mod mathml;
mod scripts;
mod tasks;

pub(crate) mod links;

pub(crate) mod fences;
pub(crate) mod lang_parts;
mod shortcode;

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::config::MarkdownConfig;
use crate::diagnostics::{Diagnostic, Location};
use crate::highlight;
use crate::i18n::UiStrings;
use crate::load::SourceFile;
use crate::text::escape_into;
use crate::text::slug::UniqueSlugs;
use fences::{Fence, FenceBlock, FenceContext, Fences};
use footnotes::Footnotes;

pub(crate) use headings::{builtin_heading, title_id, HeadingTemplate, HeadingView};
pub(crate) use links::{LinkRef, Target};

/// What the renderer needs to know about the page.
pub(crate) struct MdContext<'a> {
    /// The file being rendered (its own or, for a missing translation, the source's).
    pub file: &'a SourceFile,
    /// The language of the page (links resolve to pages of this language).
    pub lang: &'a str,
    /// The page's key (its source path relative to the language folder).
    pub key: &'a str,
    /// Relative prefix from the page to the site root (`"../../"`).
    pub root: &'a str,
    /// The fenced blocks the page may use (```` ```table ````).
    pub fences: Fences<'a>,
    /// The theme's heading template, when it overrides the built-in one.
    pub heading: Option<&'a dyn HeadingTemplate>,
    /// UI strings of the page's language.
    pub strings: &'a UiStrings,
    /// The site's Markdown settings (`[markdown]` in site.toml).
    pub markdown: MarkdownConfig,

    /// The shortcodes the page may call (none: `{{ … }}` is text).
    pub shortcodes: Option<crate::shortcodes::PageShortcodes<'a>>,
}

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    /// 2 for `##`, 3 for `###`…
    pub level: u8,
    /// The id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A rendered chapter.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rendered {
    /// The HTML of the body.
    pub html: String,
    /// The id of the page's title (`<h1>`), claimed before the body's headings: the slug of
    /// the title unless the theme reserves it ([`title_id`]).
    pub title_id: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links to check.
    pub links: Vec<LinkRef>,
    /// What the page's fenced blocks placed (the ids of data tables), in order.
    pub placed: Vec<String>,
    /// The fences the page uses, each once: its Markdown depends on their inputs.
    pub fences: Vec<&'static str>,
    /// What the image passes wrote into each `<img>` tag of `html`, in order
    /// ([`crate::images::tags`]: `loading="lazy"` here, sizes in the link stage).
    pub images: Vec<crate::images::tags::ImgMark>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
    /// Ids in the body that are not headings' (figures, shortcodes' `id`): links may name
    /// them.
    pub anchors: Vec<String>,
    /// The shortcodes the page calls, and what their rendering depended on.
    pub shortcodes: crate::shortcodes::Used,
}

/// The pulldown-cmark options used for every chapter: mdBook's set (tables, footnotes,
/// strikethrough, task lists, heading attributes, definition lists, GitHub's alerts) with
/// sub- and superscript (`~x~`, `^x^`; `~~x~~` stays struck through) and formulas.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_MATH
}

/// [`options`] with a site's settings: smart punctuation on, formulas off.
pub(crate) fn options_for(settings: MarkdownConfig) -> Options {
    let mut options = options();
    options.set(
        Options::ENABLE_SMART_PUNCTUATION,
        settings.smart_punctuation,
    );
    options.set(Options::ENABLE_MATH, settings.math);
    options
}

/// The prefix of the ids of page `key` in `print.html`: a slug of the key and `--`.
pub(crate) fn print_prefix(key: &str) -> String {
    let k = key.trim_end_matches(".md");
    let mut prefix = crate::text::slug::slugify(k);
    prefix.push_str("--");
    prefix
}

/// Renders the body of `ctx.file`.
pub(crate) fn render(ctx: &MdContext) -> Rendered {
    let body = ctx.file.body();
    // Sized from the text, not grown by doubling and copying: prose makes one event for
    // every 27 to 32 bytes on average; pages with more markup grow once.
    let mut events: Vec<(Event, Range<usize>)> = Vec::with_capacity(body.len() / 16 + 16);
    events.extend(Parser::new_ext(body, options_for(ctx.markdown)).into_offset_iter());
    // Shortcodes: the text with each call replaced by a filler of its length, parsed again.
    let calls = shortcode::find(ctx, body, &events);
    if let Some(c) = &calls {
        events.clear();
        events.extend(Parser::new_ext(&c.text, options_for(ctx.markdown)).into_offset_iter());
    }
    let mut slugs = headings::page_slugs();
    let title_id = slugs.slug_for(&ctx.file.front.title);
    let mut r = Renderer {
        ctx,
        offset: ctx.file.body_range.start,
        // In a page that is not Vietnamese, Vietnamese phrases get `lang="vi"`.
        vietnamese: ctx.file.lang.starts_with("vi"),
        out: Rendered {
            title_id,
            ..Rendered::default()
        },
        slugs,
        notes: Footnotes::default(),
        events_out: Vec::with_capacity(events.len()),
        code_strings: false,
    };
    let mut calls = r.expand_start(calls.as_ref(), &mut events);
    let mut i = 0;
    while i < events.len() {
        i = r.advance(&mut calls, &mut events, i);
    }
    r.finish(body.len())
}

/// The state of one page's rendering.
struct Renderer<'a> {
    ctx: &'a MdContext<'a>,
    /// Where the body starts in the file (event ranges are relative to the body).
    offset: usize,
    /// Whether the page's own language is Vietnamese.
    vietnamese: bool,
    out: Rendered,
    slugs: UniqueSlugs,
    notes: Footnotes<'a>,
    /// Output events; custom HTML goes in as `Event::Html`, and the whole stream is written
    /// at once so that pulldown-cmark keeps its state (table heads and bodies).
    events_out: Vec<Event<'a>>,
    /// Whether a code block has carried the copy button's strings.
    code_strings: bool,
}

impl<'a> Renderer<'a> {
    /// Handles `events[i]` (and the events after it that belong to it); returns the index
    /// of the next event to handle.
    fn step(&mut self, events: &mut [(Event<'a>, Range<usize>)], i: usize) -> usize {
        match &events[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                if self.ctx.markdown.math {
                    self.heading_formulas(events, i);
                }
                return self.heading(events, i);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                if let CodeBlockKind::Fenced(info) = kind {
                    if let Some(fence) = self.ctx.fences.get(info) {
                        return self.fence(fence, events, i);
                    }
                }
                return self.code_block(events, i);
            }
            Event::FootnoteReference(label) => {
                let ev = self.notes.reference(label);
                self.emit(ev);
                return i + 1;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let label = label.to_string();
                self.notes.open(&label);
                return i + 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                let vietnamese = self.vietnamese;
                self.notes.close(|evs| foreign_in(vietnamese, evs));
                return i + 1;
            }
            // Raw HTML: its links and images are recorded; it is written as it is.
            Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) => {
                let range = &events[i].1;
                let span = self.offset + range.start..self.offset + range.end;
                links::record_raw(self.ctx, &mut self.out, span);
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let kind = *kind;
                self.alert_start(kind);
                return i + 1;
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.alert_end();
                return i + 1;
            }
            Event::Start(Tag::Item) if tasks::is_task(events, i) => {
                self.task_item();
                return i + 1;
            }
            Event::TaskListMarker(done) => {
                let done = *done;
                self.task_box(done);
                return i + 1;
            }
            Event::InlineMath(_) | Event::DisplayMath(_) => return self.formula(events, i),
            Event::Text(t) if scripts::may_have(t) => return self.scripts(events, i),
            _ => {}
        }
        // Taken, not cloned: each event is read once.
        let (ev, range) = &mut events[i];
        let ev = std::mem::replace(ev, Event::SoftBreak);
        let ev = match ev {
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                let span = self.offset + range.start..self.offset + range.end;
                links::rewrite_link(ev, self.ctx, &mut self.out, span)
            }
            ev => ev,
        };
        self.emit(ev);
        i + 1
    }

    /// Renders the block of `fence` that starts at `events[i]`; returns the index after
    /// its end.
    fn fence(
        &mut self,
        fence: &dyn Fence,
        events: &[(Event<'a>, Range<usize>)],
        i: usize,
    ) -> usize {
        let range = &events[i].1;
        let (body, body_range, end) = block_text(events, i + 1);
        let at = body_range.unwrap_or(range.clone());
        let file = self.ctx.file;
        let block = FenceBlock {
            body: &body,
            location: Location::new(
                &file.display,
                file.source.clone(),
                self.offset + at.start..self.offset + at.end,
            ),
        };
        let fctx = FenceContext {
            lang: self.ctx.lang,
            root: self.ctx.root,
            strings: self.ctx.strings,
        };
        if !self.out.fences.contains(&fence.name()) {
            self.out.fences.push(fence.name());
        }
        match fence.render(&block, &fctx, &mut self.out.placed) {
            Ok(mut html) => {
                html.push('\n');
                self.emit(Event::Html(CowStr::from(html)));
            }
            Err(d) => self.out.diagnostics.push(d),
        }
        end + 1
    }

    /// Renders the code block that starts at `events[i]`: a `<pre>` that the keyboard reaches
    /// (it may scroll) and that is labelled ("Code: rust"; a `<pre>` may only be named with a
    /// role: `group`, which is not a landmark, so that blocks with the same label are
    /// allowed), around the `<code>` that [`highlight`] writes (tokens of a known language,
    /// numbered and marked lines; otherwise the text as pulldown-cmark writes it). The page's
    /// first block carries the copy button's strings for the page's script. Returns the index
    /// after its end. The whole block is one HTML event, so later passes (Vietnamese phrases)
    /// leave its text alone.
    fn code_block(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let info_text = match &events[i].0 {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => info.as_ref(),
            _ => "",
        };
        let info = match highlight::parse_info(info_text) {
            Ok(info) => info,
            Err(e) => {
                self.bad_fence_info(info_text, &events[i].1, e);
                highlight::FenceInfo::plain(info_text)
            }
        };
        let lang = info.lang;
        let (text, _, end) = block_text(events, i + 1);
        let label = if lang.is_empty() {
            self.ctx.strings.t("ui.code_block").to_string()
        } else {
            (self.ctx.strings).format("ui.code_block_language", &[("language", lang)])
        };
        let mut html = String::with_capacity(text.len() * 2 + 160);
        if !self.line_ended() {
            html.push('\n');
        }
        html.push_str("<pre tabindex=\"0\" role=\"group\" aria-label=\"");
        escape_into(&mut html, &label);
        html.push('"');
        if !self.code_strings {
            self.code_strings = true;
            for (attr, key) in [
                ("copy", "code.copy"),
                ("copied", "code.copied"),
                ("copy-failed", "code.copy_failed"),
            ] {
                html.push_str(" data-");
                html.push_str(attr);
                html.push_str("=\"");
                escape_into(&mut html, self.ctx.strings.t(key));
                html.push('"');
            }
        }
        html.push('>');
        highlight::write_code(&mut html, &info, &text);
        html.push_str("</pre>\n");
        self.emit(Event::Html(CowStr::from(html)));
        end + 1
    }

    /// Reports a bad attribute in the info string of the code block at `block` (in the
    /// body); the block is written without its options.
    fn bad_fence_info(&mut self, info: &str, block: &Range<usize>, e: highlight::InfoError) {
        let body = self.ctx.file.body();
        let first_line = body[block.start..].split('\n').next().unwrap_or("");
        let at = match first_line.find(info) {
            Some(p) if !info.is_empty() => {
                block.start + p + e.span.start..block.start + p + e.span.end
            }
            _ => block.start..block.start + first_line.len(),
        };
        let file = self.ctx.file;
        self.out.diagnostics.push(
            Diagnostic::error(e.message)
                .at_span(
                    &file.display,
                    &file.source,
                    self.offset + at.start..self.offset + at.end,
                )
                .with_hint(e.hint),
        );
    }

    /// Whether what was written last ends a line (pulldown-cmark starts a block on a new
    /// line, and writes one first when it does not).
    fn line_ended(&mut self) -> bool {
        let sink = self.notes.sink(&mut self.events_out);
        sink.iter().rev().find_map(ends_line).unwrap_or(true)
    }

    /// Sends `ev` to the output, or to the footnote being defined.
    fn emit(&mut self, ev: Event<'a>) {
        self.notes.sink(&mut self.events_out).push(ev);
    }

    /// `evs` with Vietnamese phrases marked when the page is in another language.
    fn foreign(&self, evs: Vec<Event<'a>>) -> Vec<Event<'a>> {
        foreign_in(self.vietnamese, evs)
    }

    /// Writes the HTML of the page (`body_len` bytes of Markdown) and its footnotes.
    fn finish(mut self, body_len: usize) -> Rendered {
        let mut html = String::with_capacity(body_len * 3 / 2);
        let events = std::mem::take(&mut self.events_out);
        pulldown_cmark::html::push_html(&mut html, self.foreign(events).into_iter());
        self.notes
            .finish(self.ctx, &mut html, &mut self.out.diagnostics);
        self.out.images = crate::images::tags::mark_lazy(&mut html);
        self.out.html = html;
        self.out
    }
}

/// `evs` with Vietnamese phrases marked, unless the page is Vietnamese.
fn foreign_in(vietnamese: bool, evs: Vec<Event<'_>>) -> Vec<Event<'_>> {
    if vietnamese {
        evs
    } else {
        lang_parts::mark_vietnamese(evs)
    }
}

/// Whether pulldown-cmark's HTML for `ev` ends with a new line; `None` when it writes
/// nothing (then the event before decides).
fn ends_line(ev: &Event) -> Option<bool> {
    Some(match ev {
        Event::Text(t) => t.ends_with('\n'),
        Event::Html(h) | Event::InlineHtml(h) if h.is_empty() => return None,
        Event::Html(h) | Event::InlineHtml(h) => h.ends_with('\n'),
        Event::SoftBreak | Event::HardBreak | Event::Rule | Event::TaskListMarker(_) => true,
        Event::Start(Tag::HtmlBlock | Tag::MetadataBlock(_))
        | Event::End(TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image) => return None,
        Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::DefinitionList) => true,
        Event::Start(_) => false,
        Event::End(
            TagEnd::TableCell
            | TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link,
        ) => false,
        Event::End(_) => true,
        Event::Code(_)
        | Event::InlineMath(_)
        | Event::DisplayMath(_)
        | Event::FootnoteReference(_) => false,
    })
}

/// The text of the code block whose first inner event is `events[from]`, the range it
/// spans (none when empty) and the index of the block's end.
fn block_text(
    events: &[(Event<'_>, Range<usize>)],
    from: usize,
) -> (String, Option<Range<usize>>, usize) {
    let mut j = from;
    let mut text = String::new();
    let mut text_range: Option<Range<usize>> = None;
    while j < events.len() {
        match &events[j].0 {
            Event::End(TagEnd::CodeBlock) => break,
            Event::Text(t) => {
                text.push_str(t);
                let r = &events[j].1;
                text_range = Some(match text_range {
                    Some(tr) => tr.start..r.end,
                    None => r.clone(),
                });
            }
            _ => {}
        }
        j += 1;
    }
    (text, text_range, j)
}

#[cfg(test)]
mod tests {
    use super::links::resolve;
    use super::*;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn file(body: &str) -> SourceFile {
        let src = format!("+++\ntitle = \"T\"\n+++\n{body}");
        let source: Arc<str> = Arc::from(src);
        let split = crate::frontmatter::parse(std::path::Path::new("x.md"), &source).unwrap();
        SourceFile::from_split(
            "vi",
            "a/b.md",
            PathBuf::from("content/vi/a/b.md"),
            source,
            split,
        )
    }

    fn render_body(body: &str) -> Rendered {
        let f = file(body);
        let vi: toml::Table = toml::from_str(include_str!("../../theme/i18n/vi.toml")).unwrap();
        let strings = UiStrings::new(vi, Vec::new());
        render(&MdContext {
            file: &f,
            lang: "vi",
            key: "a/b.md",
            root: "../../",
            fences: Fences::default(),
            heading: None,
            strings: &strings,
            markdown: MarkdownConfig::default(),
            shortcodes: None,
        })
    }

    #[test]
    fn headings_get_unique_vietnamese_slugs() {
        let r = render_body("## Đặc điểm tình hình\n\n## Đặc điểm tình hình\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["dac-diem-tinh-hinh", "dac-diem-tinh-hinh-1"]);
        assert!(r.html.contains("<h2 id=\"dac-diem-tinh-hinh\">Đặc điểm tình hình <a class=\"anchor\" href=\"#dac-diem-tinh-hinh\""));
    }

    #[test]
    fn chapter_links_are_rewritten_and_recorded() {
        let r = render_body(
            "See [x](../c/d.md#muc-1) and [y](e.md) and [z](https://example.org/a.md).\n",
        );
        assert!(
            r.html.contains("href=\"../../vi/c/d.html#muc-1\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("href=\"../../vi/a/e.html\""), "{}", r.html);
        assert!(r.html.contains("href=\"https://example.org/a.md\""));
        assert_eq!(r.links.len(), 2);
        let page = Target::Page {
            lang: "vi".into(),
            key: "c/d.md".into(),
        };
        assert_eq!(r.links[0].target, page);
        assert_eq!(r.links[0].dest, "../c/d.md#muc-1");
        let (line, col) = r.links[0].location.line_col();
        assert_eq!((line, col), (4, 5));
    }

    #[test]
    fn footnotes_are_numbered_and_collected() {
        let r = render_body("Text[^a] more[^b].\n\n[^b]: Second.\n[^a]: First.\n");
        assert!(
            r.html.contains("href=\"#fn-1\" id=\"fnref-1\""),
            "{}",
            r.html
        );
        let first = r
            .html
            .find("<li id=\"fn-1\"><p>First.")
            .expect("first note");
        let second = r
            .html
            .find("<li id=\"fn-2\"><p>Second.")
            .expect("second note");
        assert!(first < second);
        assert!(r.diagnostics.is_empty());
    }

    #[test]
    fn a_note_referenced_three_times_links_back_to_each_reference() {
        let r = render_body("A[^a] b[^b] c[^a] d[^a].\n\n[^a]: Note A.\n[^b]: Note B.\n");
        for id in ["fnref-1", "fnref-1-2", "fnref-1-3", "fnref-2"] {
            assert_eq!(
                r.html.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{id}: {}",
                r.html
            );
        }
        assert!(!r.html.contains("fnref-2-"), "{}", r.html);
        let note = &r.html[r.html.find("<li id=\"fn-1\">").expect("note 1")..];
        let note = &note[..note.find("</li>").unwrap()];
        assert!(note.contains("<a href=\"#fnref-1\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Trở lại chỗ dẫn 1.1\">↩</a>"), "{note}");
        assert!(note.contains("href=\"#fnref-1-2\""), "{note}");
        assert!(
            note.contains("aria-label=\"Trở lại chỗ dẫn 1.3\">↩³</a></p>"),
            "{note}"
        );
        // A note referenced once keeps its one link, labelled as before.
        assert!(r.html.contains("<a href=\"#fnref-2\" class=\"footnote-back\" role=\"doc-backlink\" aria-label=\"Trở lại văn bản\">↩</a></p></li>"), "{}", r.html);
    }

    #[test]
    fn the_title_claims_its_id_first_and_reserved_ids_are_numbered() {
        // The file's title is "T".
        let r = render_body("## T\n\n## Content\n\n## Fn 1\n\n## Toc\n\n## Toc\n");
        assert_eq!(r.title_id, "t");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["t-1", "content-1", "fn-1-1", "toc-1-1", "toc-1-2"]);
        assert_eq!(title_id("Content"), "content-1");
        assert_eq!(title_id("Đặc điểm"), "dac-diem");
    }

    #[test]
    fn explicit_ids_that_collide_with_the_frame_or_the_title_are_errors() {
        let r = render_body("## A {#content}\n\n## B {#t}\n\n## C {#fnref-2-3}\n\n## D {#free}\n");
        let msgs: Vec<String> = r.diagnostics.iter().map(|d| d.to_plain()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(
            msgs[0].contains("`content` is reserved") && msgs[0].contains("{#content-1}"),
            "{msgs:?}"
        );
        assert!(msgs[0].contains("content/vi/a/b.md:4:1"), "{msgs:?}");
        assert!(msgs[1].contains("`t` is used twice"), "{msgs:?}");
        assert!(msgs[2].contains("`fnref-2-3` is reserved"), "{msgs:?}");
    }

    #[test]
    fn code_blocks_are_focusable_labelled_and_otherwise_as_pulldown_writes_them() {
        let samples = [
            "Text.\n\n```rust\nfn main() { let s = \"<&>'\"; }\n```\n",
            "```\nplain\n```\n\n    indented <b>\n\nafter\n",
            "- item\n  ```sh\n  ls\n  ```\n- ```\n  first\n  ```\n",
            "1. loose\n\n   ```py\n   x\n   ```\n\n2. two\n",
            "> quoted\n>\n> ```\n> q\n> ```\n",
            "<div>\nraw\n</div>\n\n```c&x\ny\n```\n",
            "| a |\n|---|\n| b |\n\n```\nafter table\n```\n---\n```\nafter rule\n```\n",
            "```\n```\n",
            "- a\n\n  > ```\n  > in quote in list\n  > ```\n",
        ];
        for md in samples {
            let ours = render_body(md).html;
            let mut theirs = String::new();
            pulldown_cmark::html::push_html(&mut theirs, Parser::new_ext(md, options()));
            // Without the new attributes and the token spans, the bytes pulldown-cmark writes.
            let mut plain = ours.clone();
            while let Some(at) = plain.find("<pre tabindex") {
                let end = at + plain[at..].find('>').unwrap();
                plain.replace_range(at..end, "<pre");
            }
            while let Some(at) = plain.find("<span class=\"tk-") {
                let end = at + plain[at..].find('>').unwrap() + 1;
                plain.replace_range(at..end, "");
            }
            let plain = plain.replace("</span>", "");
            assert_eq!(plain, theirs, "{md:?}");
            assert_eq!(ours.matches("<pre ").count(), ours.matches("<pre").count());
        }
        let html = render_body(samples[0]).html;
        assert!(html.contains("<pre tabindex=\"0\" role=\"group\" aria-label=\"Đoạn mã: rust\" data-copy=\"Chép mã\" data-copied=\"Đã chép\" data-copy-failed=\"Không chép được; hãy chọn đoạn mã rồi nhấn Ctrl+C\"><code class=\"language-rust\"><span class=\"tk-kw\">fn</span>"), "{html}");
        let html = render_body(samples[1]).html;
        assert!(
            html.contains(
                "<pre tabindex=\"0\" role=\"group\" aria-label=\"Đoạn mã\" data-copy=\"Chép mã\""
            ),
            "{html}"
        );
        // The copy button's strings ride on the page's first block only.
        assert!(html.contains("\"><code>plain"), "{html}");
        assert!(
            html.contains(
                "<pre tabindex=\"0\" role=\"group\" aria-label=\"Đoạn mã\"><code>indented"
            ),
            "{html}"
        );
    }

    #[test]
    fn bad_links_are_recorded_for_the_link_stage() {
        let r = render_body("[x](/abs.md) [y](../../../out.md) [^z]\n");
        // Links are checked once every page is rendered: here they are only recorded.
        let targets: Vec<&Target> = r.links.iter().map(|l| &l.target).collect();
        assert_eq!(targets, [&Target::Root("abs.md".into()), &Target::Outside]);
        assert!(r.html.contains("href=\"../../vi/abs.html\""), "{}", r.html);
    }

    #[test]
    fn resolve_relative_paths() {
        assert_eq!(resolve("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(resolve("a/b.md", "./x/y.md").as_deref(), Some("a/x/y.md"));
        assert_eq!(resolve("b.md", "../c.md"), None);
        assert_eq!(resolve("b.md", "%C4%91.md").as_deref(), Some("đ.md"));
    }
}
