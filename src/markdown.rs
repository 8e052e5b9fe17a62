//! Markdown rendering of one chapter, with pulldown-cmark.
//!
//! On top of CommonMark with tables, footnotes and heading attributes, the renderer:
//! - gives every heading a Vietnamese-aware id (`## Đặc điểm` -> `dac-diem`), unique within
//!   the page, and a permalink anchor (`<a class="anchor">`);
//! - rewrites links to other chapters, written as relative paths to their `.md` source
//!   (`../2-ket-qua/2-4.md#heading`), to the output URL, and records them so the build
//!   can check that the page and the heading exist;
//! - numbers footnotes in order of reference and puts them at the end of the page;
//! - replaces ```` ```table ```` fences with the data table they name.

use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::data::{self, DataSet, TableContext};
use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::UiStrings;
use crate::load::SourceFile;
use crate::model::url_for;
use crate::slug::UniqueSlugs;

/// What the renderer needs to know about the page.
pub struct MdContext<'a> {
    /// The file being rendered (its own or, for a missing translation, the source's).
    pub file: &'a SourceFile,
    /// The language of the page (links resolve to pages of this language).
    pub lang: &'a str,
    /// The page's key (its source path relative to the language folder).
    pub key: &'a str,
    /// Relative prefix from the page to the site root (`"../../"`).
    pub root: &'a str,
    /// Data tables.
    pub data: &'a DataSet,
    /// UI strings of the page's language.
    pub strings: &'a UiStrings,
}

/// A heading of a rendered page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 2 for `##`, 3 for `###`…
    pub level: u8,
    /// The id.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

/// A link to another chapter (or a heading), to check once every page is rendered.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// The target page's key.
    pub key: String,
    /// The target heading's id, if any.
    pub anchor: Option<String>,
    /// Where the link is written.
    pub location: Location,
}

/// A rendered chapter.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML of the body.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Links to check.
    pub links: Vec<LinkRef>,
    /// Ids of the tables placed on the page.
    pub tables: Vec<String>,
    /// Problems found.
    pub diagnostics: Vec<Diagnostic>,
}

/// The pulldown-cmark options used for every chapter.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// The prefix of the ids of page `key` in `print.html`: a slug of the key and `--`.
pub fn print_prefix(key: &str) -> String {
    let k = key.trim_end_matches(".md");
    let mut prefix = crate::slug::slugify(k);
    prefix.push_str("--");
    prefix
}

/// Renders the body of `ctx.file`.
pub fn render(ctx: &MdContext) -> Rendered {
    let body = ctx.file.body();
    let offset = ctx.file.body_range.start;
    let mut out = Rendered::default();
    let mut slugs = UniqueSlugs::new();
    // Footnotes: label -> number, in order of first reference; definitions rendered apart.
    let mut notes: Vec<(String, usize)> = Vec::new();
    let mut note_defs: Vec<(String, String)> = Vec::new();

    // In a page that is not Vietnamese, Vietnamese phrases get `lang="vi"` (lang_parts).
    let vietnamese = ctx.file.lang.starts_with("vi");
    fn foreign_in(vietnamese: bool, evs: Vec<Event<'_>>) -> Vec<Event<'_>> {
        if vietnamese {
            evs
        } else {
            crate::lang_parts::mark_vietnamese(evs)
        }
    }
    let foreign = |evs| foreign_in(vietnamese, evs);
    // Sized from the text, not grown by doubling and copying: prose makes one event for every
    // 27 to 32 bytes on average (the report, the benchmark corpus); pages with more markup
    // (down to one for every 8 bytes) grow once.
    let mut events: Vec<(Event, Range<usize>)> = Vec::with_capacity(body.len() / 16 + 16);
    events.extend(Parser::new_ext(body, options()).into_offset_iter());
    // Output events; custom HTML goes in as `Event::Html`, and the whole stream is
    // written at once so that pulldown-cmark keeps its state (table heads and bodies).
    let mut evs_out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    // Events of a footnote definition are rendered into their own buffer.
    let mut note_buf: Option<(String, Vec<Event>)> = None;
    while i < events.len() {
        let (ev, range) = &events[i];
        let span = offset + range.start..offset + range.end;
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                // Collect the heading's inline events.
                let mut j = i + 1;
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
                let text = text.trim().to_string();
                let hid = match id {
                    Some(explicit) => {
                        if !slugs.claim(explicit) {
                            out.diagnostics.push(
                                Diagnostic::error(format!(
                                    "the heading id `{explicit}` is used twice on this page"
                                ))
                                .at_span(&ctx.file.display, &ctx.file.source, span.clone())
                                .with_hint(
                                    "heading ids must be unique within a page; change one `{#…}`",
                                ),
                            );
                        }
                        explicit.to_string()
                    }
                    None => slugs.slug_for(&text),
                };
                let lvl = heading_number(*level);
                let mut inner_html = String::new();
                let inner = foreign(rewrite_links(inner, ctx, &mut out, offset, range));
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(
                        " class=\"{}\"",
                        escape(
                            &classes
                                .iter()
                                .map(|c| c.as_ref())
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    )
                };
                let label = ctx.strings.format("ui.permalink", &[("title", &text)]);
                match &mut note_buf {
                    Some((_, evs)) => {
                        // Headings inside footnotes are rare; keep them plain.
                        evs.push(Event::Html(CowStr::from(format!(
                            "<p><strong>{}</strong></p>",
                            escape(&text)
                        ))));
                    }
                    None => evs_out.push(Event::Html(CowStr::from(format!(
                        "<h{lvl} id=\"{id}\"{class}>{inner_html} <a class=\"anchor\" href=\"#{id}\" aria-label=\"{label}\">#</a></h{lvl}>\n",
                        id = escape(&hid),
                        label = escape(&label),
                    )))),
                }
                out.headings.push(Heading {
                    level: lvl,
                    id: hid,
                    text,
                });
                i = j + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("table") =>
            {
                let mut j = i + 1;
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
                let at = text_range.map_or(span.clone(), |r| offset + r.start..offset + r.end);
                let loc = Location::new(&ctx.file.display, ctx.file.source.clone(), at);
                let tctx = TableContext {
                    lang: ctx.lang,
                    root: ctx.root,
                    strings: ctx.strings,
                };
                match data::parse_placement(&text, loc).and_then(|p| {
                    out.tables.push(p.id.clone());
                    ctx.data.render(&p, &tctx)
                }) {
                    Ok(mut table_html) => {
                        table_html.push('\n');
                        evs_out.push(Event::Html(CowStr::from(table_html)));
                    }
                    Err(d) => out.diagnostics.push(d),
                }
                i = j + 1;
                continue;
            }
            Event::FootnoteReference(label) => {
                let n = match notes.iter().find(|(l, _)| l == label.as_ref()) {
                    Some((_, n)) => *n,
                    None => {
                        let n = notes.len() + 1;
                        notes.push((label.to_string(), n));
                        n
                    }
                };
                let s = format!(
                    "<sup class=\"footnote-ref\"><a href=\"#fn-{n}\" id=\"fnref-{n}\" role=\"doc-noteref\">{n}</a></sup>"
                );
                match &mut note_buf {
                    Some((_, evs)) => evs.push(Event::InlineHtml(CowStr::from(s))),
                    None => evs_out.push(Event::InlineHtml(CowStr::from(s))),
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                note_buf = Some((label.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, evs)) = note_buf.take() {
                    let mut s = String::new();
                    pulldown_cmark::html::push_html(&mut s, foreign(evs).into_iter());
                    note_defs.push((label, s));
                }
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                // Taken, not cloned: each event is read once.
                let ev = std::mem::replace(&mut events[i].0, Event::SoftBreak);
                let ev = rewrite_link(ev, ctx, &mut out, span.clone());
                match &mut note_buf {
                    Some((_, evs)) => evs.push(ev),
                    None => evs_out.push(ev),
                }
            }
            _ => {
                let ev = std::mem::replace(&mut events[i].0, Event::SoftBreak);
                match &mut note_buf {
                    Some((_, evs)) => evs.push(ev),
                    None => evs_out.push(ev),
                }
            }
        }
        i += 1;
    }

    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, foreign(evs_out).into_iter());

    // Footnotes, in order of first reference; definitions never referenced are reported.
    if !notes.is_empty() || !note_defs.is_empty() {
        let _ = write!(
            html,
            "<section class=\"footnotes\" role=\"doc-endnotes\" aria-label=\"{}\">\n<ol>\n",
            escape(ctx.strings.t("ui.footnotes"))
        );
        for (label, n) in &notes {
            let back = escape(ctx.strings.t("ui.footnote_back"));
            match note_defs.iter().find(|(l, _)| l == label) {
                Some((_, def)) => {
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
                None => {
                    let at = body
                        .find(&format!("[^{label}]"))
                        .map_or(offset..offset, |p| offset + p..offset + p + label.len() + 3);
                    out.diagnostics.push(
                        Diagnostic::error(format!("the footnote `[^{label}]` is not defined"))
                            .at_span(&ctx.file.display, &ctx.file.source, at)
                            .with_hint(format!(
                                "add a line `[^{label}]: text of the note` to the page"
                            )),
                    );
                }
            }
        }
        html.push_str("</ol>\n</section>\n");
        for (label, _) in &note_defs {
            if !notes.iter().any(|(l, _)| l == label) {
                let at = body
                    .find(&format!("[^{label}]:"))
                    .map_or(offset..offset, |p| offset + p..offset + p + label.len() + 4);
                out.diagnostics.push(
                    Diagnostic::warning(format!("the footnote `[^{label}]` is never referenced"))
                        .at_span(&ctx.file.display, &ctx.file.source, at)
                        .with_hint(format!(
                            "refer to it in the text with `[^{label}]`, or remove it"
                        )),
                );
            }
        }
    }
    out.html = html;
    out
}

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

fn rewrite_links<'a>(
    evs: Vec<Event<'a>>,
    ctx: &MdContext,
    out: &mut Rendered,
    offset: usize,
    range: &Range<usize>,
) -> Vec<Event<'a>> {
    evs.into_iter()
        .map(|e| match e {
            Event::Start(Tag::Link { .. }) => {
                rewrite_link(e, ctx, out, offset + range.start..offset + range.end)
            }
            e => e,
        })
        .collect()
}

/// Rewrites the destination of a link or image event, recording links to check.
fn rewrite_link<'a>(
    ev: Event<'a>,
    ctx: &MdContext,
    out: &mut Rendered,
    span: Range<usize>,
) -> Event<'a> {
    let (is_image, dest) = match &ev {
        Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url.to_string()),
        Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url.to_string()),
        _ => return ev,
    };
    let location = || Location::new(&ctx.file.display, ctx.file.source.clone(), span.clone());
    let new_dest = match classify(&dest) {
        Dest::External | Dest::Other => return ev,
        Dest::RootAbsolute => {
            out.diagnostics.push(
                Diagnostic::error(format!("the link `{dest}` starts with `/`"))
                    .at(location())
                    .with_hint("links must be relative so the site works under any path and from disk: link to the chapter's .md file, e.g. `../2-ket-qua/2-4.md`"),
            );
            return ev;
        }
        Dest::SamePage(anchor) => {
            out.links.push(LinkRef {
                key: ctx.key.to_string(),
                anchor: Some(anchor.clone()),
                location: location(),
            });
            ["#", anchor.as_str()].concat()
        }
        Dest::Chapter(path, anchor) => {
            if is_image {
                return ev;
            }
            match resolve(ctx.key, &path) {
                Some(key) => {
                    out.links.push(LinkRef {
                        key: key.clone(),
                        anchor: anchor.clone(),
                        location: location(),
                    });
                    let mut u = [ctx.root, url_for(ctx.lang, &key).as_str()].concat();
                    if let Some(a) = &anchor {
                        u.push('#');
                        u.push_str(a);
                    }
                    u
                }
                None => {
                    out.diagnostics.push(
                        Diagnostic::error(format!("the link `{dest}` leaves the language folder"))
                            .at(location())
                            .with_hint("link to a chapter of the same language with a relative path such as `../phu-luc-1.md`"),
                    );
                    return ev;
                }
            }
        }
    };
    match ev {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(new_dest),
            title,
            id,
        }),
        other => other,
    }
}

enum Dest {
    External,
    RootAbsolute,
    SamePage(String),
    Chapter(String, Option<String>),
    Other,
}

fn classify(dest: &str) -> Dest {
    if dest.starts_with("//") {
        return Dest::External;
    }
    if let Some(colon) = dest.find(':') {
        let scheme = &dest[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Dest::External;
        }
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Dest::SamePage(anchor.to_string());
    }
    if dest.starts_with('/') {
        return Dest::RootAbsolute;
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.ends_with(".md") {
        Dest::Chapter(path.to_string(), anchor.filter(|a| !a.is_empty()))
    } else {
        Dest::Other
    }
}

/// Resolves `path` (relative, `/`-separated) against the folder of page `from_key`.
/// Returns `None` when it climbs out of the language folder.
pub fn resolve(from_key: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = from_key.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut key = String::with_capacity(from_key.len() + path.len());
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            key.push('/');
        }
        if p.contains('%') {
            key.push_str(&percent_decode(p));
        } else {
            key.push_str(p);
        }
    }
    Some(key)
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Escapes text for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text and attribute values. Runs of characters
/// that need no escaping are copied in one go.
pub fn escape_into(out: &mut String, s: &str) {
    crate::bytescan::replace_into(out, s, is_html_special, |out, b| {
        out.push_str(match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;", // the last of is_html_special's bytes, '\''
        })
    });
}

/// The bytes [`escape_into`] replaces.
#[inline]
fn is_html_special(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// Whether `bytes` holds a character that [`escape_into`] replaces.
pub fn needs_html_escape(bytes: &[u8]) -> bool {
    crate::bytescan::any(bytes, is_html_special)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::Arc;

    #[test]
    fn html_escaping_agrees_with_one_character_at_a_time() {
        let reference = |s: &str| {
            s.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".to_string(),
                    '>' => "&gt;".to_string(),
                    '"' => "&quot;".to_string(),
                    '\'' => "&#39;".to_string(),
                    c => c.to_string(),
                })
                .collect::<String>()
        };
        let pieces = ["&", "<", ">", "\"", "'", "dân vận", "a", "ỹ ", "&amp;"];
        let mut next = crate::bytescan::xorshift(0x1234_5678_9abc_def1);
        for len in 0..160 {
            let s = crate::bytescan::random_text(&mut next, &pieces, 5, "plain words ", len);
            assert_eq!(escape(&s), reference(&s), "{s:?}");
            assert_eq!(needs_html_escape(s.as_bytes()), escape(&s) != s, "{s:?}");
        }
    }

    fn file(body: &str) -> SourceFile {
        let src = format!("+++\ntitle = \"T\"\n+++\n{body}");
        let source: Arc<str> = Arc::from(src);
        let split = crate::frontmatter::parse(std::path::Path::new("x.md"), &source).unwrap();
        SourceFile {
            lang: "vi".into(),
            rel: "a/b.md".into(),
            display: PathBuf::from("content/vi/a/b.md"),
            source,
            front: split.front,
            toml_range: split.toml_range,
            body_range: split.body_range,
            hash: Default::default(),
        }
    }

    fn render_body(body: &str) -> Rendered {
        let f = file(body);
        let data = DataSet::default();
        let strings = UiStrings::default();
        render(&MdContext {
            file: &f,
            lang: "vi",
            key: "a/b.md",
            root: "../../",
            data: &data,
            strings: &strings,
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
        assert_eq!(r.links[0].key, "c/d.md");
        assert_eq!(r.links[0].anchor.as_deref(), Some("muc-1"));
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
    fn bad_links_and_notes_are_reported() {
        let r = render_body("[x](/abs.md) [y](../../../out.md) [^z]\n");
        let msgs: Vec<String> = r.diagnostics.iter().map(|d| d.to_plain()).collect();
        assert!(
            msgs.iter().any(|m| m.contains("starts with `/`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("leaves the language folder")),
            "{msgs:?}"
        );
    }

    #[test]
    fn resolve_relative_paths() {
        assert_eq!(resolve("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(resolve("a/b.md", "./x/y.md").as_deref(), Some("a/x/y.md"));
        assert_eq!(resolve("b.md", "../c.md"), None);
        assert_eq!(resolve("b.md", "%C4%91.md").as_deref(), Some("đ.md"));
    }
}
