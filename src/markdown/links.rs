//! Links, the renderer's half: every link that stays within the site is recorded, with the
//! destination it was written with and the `href` the renderer wrote for it, and the `href`
//! is written in its final form whenever the page alone tells what that is.
//!
//! A page's Markdown is rendered without knowing the rest of the site (so a rendering can be
//! reused while other pages come and go). What the page alone tells:
//!
//! - `../2-ket-qua/2-4.md#muc` names a chapter by its source: it becomes the page's URL,
//!   `{root}vi/2-ket-qua/2-4.html#muc` (relative, through the page's `root`);
//! - any other relative path (`a.html#x`, `../cli/`, `../intro`, `tai-lieu.pdf`) is resolved
//!   against the page's place in the output and written from the root the same way, a
//!   folder as its `index.html` and a path without an extension as a page (`intro.html`);
//! - a path from the site's root (`/guide/intro/`, `/vi/a.md`) is written as the page of
//!   the page's own language it most likely names (`{root}vi/guide/intro/index.html`);
//! - `#anchor` stays as it is.
//!
//! The link stage ([`crate::render::links`]) then resolves every recorded link against
//! everything the build publishes, reports the ones that lead nowhere, and rewrites the few
//! whose `href` was a guess that turned out wrong (`../intro` that is a folder, a path from
//! the root that names a file of the site's root, an anchor written with another tool's
//! rule) in the rendered HTML. Links to other hosts are left alone.
//!
//! Images (`![…](hinh.png)`) are recorded like links but written as they are (`hinh.png`
//! beside the page stays `hinh.png`): the link stage rewrites only those found elsewhere (a
//! translation showing its source page's picture, a path from the root). Links and images
//! in raw HTML (`<a href>`, `<img src>`, each URL of an `<img srcset>`) are recorded too,
//! at the place of their URL, with the value as written ([`LinkRef::verbatim`]); the
//! renderer leaves raw HTML as it is, and the link stage rewrites what needs it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use std::borrow::Cow;

use super::{MdContext, Rendered};
use crate::diagnostics::Location;
use crate::images::tags::{decode_entities, for_each_tag, srcset_urls};
use crate::model::url_for;

/// A link within the site, to check once every page is rendered.
#[derive(Debug, Clone)]
pub(crate) struct LinkRef {
    /// What the link names, as far as the page alone tells.
    pub target: Target,
    /// The destination as written.
    pub dest: String,
    /// The `href` written in the HTML (before pulldown-cmark's escaping).
    pub href: String,
    /// Whether it is an image's source rather than a link.
    pub image: bool,
    /// Where the link is written.
    pub location: Location,
    /// Whether `href` is the value as written in raw HTML (entities not decoded), rather
    /// than a URL the renderer wrote (and pulldown-cmark escaped).
    pub verbatim: bool,
}

/// What a recorded link names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// This page (`#anchor`).
    Here,
    /// A chapter's `.md` source: the page with `key` in language `lang`.
    Page {
        /// The language folder (the page's own, unless the path leads to another).
        lang: String,
        /// The key, relative to the language folder.
        key: String,
    },
    /// A path of the output, from its root (`vi/guide/intro`), `%` escapes decoded; a
    /// trailing `/` (or an empty path, the root) names a folder.
    Output(String),
    /// A path written from the site's root (`/guide/intro/`), without the leading `/`,
    /// normalised and decoded like [`Target::Output`].
    Root(String),
    /// A relative path that climbs above the output's root (or, for a `.md` file, above
    /// `content/`).
    Outside,
}

/// A destination in its parts: path, `?query` and `#anchor` (each without its mark).
pub(crate) struct DestParts<'a> {
    /// Everything before `?` or `#`.
    pub path: &'a str,
    /// After `?`, up to `#`.
    pub query: Option<&'a str>,
    /// After `#` (`None` when missing or empty).
    pub anchor: Option<&'a str>,
}

/// Splits a destination into its [`DestParts`].
pub(crate) fn split_dest(dest: &str) -> DestParts<'_> {
    let (rest, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a).filter(|a| !a.is_empty())),
        None => (dest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    DestParts {
        path,
        query,
        anchor,
    }
}

/// [`rewrite_link`] for each link among `evs` (the inline events of a heading), all at the
/// heading's place `range` of the body.
pub(super) fn rewrite_links<'a>(
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
pub(super) fn rewrite_link<'a>(
    ev: Event<'a>,
    ctx: &MdContext,
    out: &mut Rendered,
    span: Range<usize>,
) -> Event<'a> {
    let (image, dest) = match &ev {
        // An e-mail autolink's destination is the bare address.
        Event::Start(Tag::Link { link_type, .. }) if *link_type == LinkType::Email => return ev,
        Event::Start(Tag::Link { dest_url, .. }) => (false, dest_url),
        Event::Start(Tag::Image { dest_url, .. }) => (true, dest_url),
        _ => return ev,
    };
    let Some((target, href)) = record(ctx, dest, image) else {
        return ev;
    };
    let location = Location::new(&ctx.file.display, ctx.file.source.clone(), span);
    let same = href == dest.as_ref();
    out.links.push(LinkRef {
        target,
        dest: dest.to_string(),
        href: href.clone(),
        image,
        location,
        verbatim: false,
    });
    if same {
        return ev;
    }
    let dest_url = CowStr::from(href);
    match ev {
        Event::Start(Tag::Link {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            title,
            id,
            ..
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }),
        other => other,
    }
}

/// Records the links of the raw HTML at `span` of the file (an HTML block, or an inline
/// tag): `href` of `<a>`, `src` and each URL of `srcset` of `<img>`, each at the place of its
/// URL, with its value as written ([`LinkRef::verbatim`]; the HTML is left as it is).
pub(super) fn record_raw(ctx: &MdContext, out: &mut Rendered, span: Range<usize>) {
    let Some(html) = ctx.file.source.get(span.clone()) else {
        return;
    };
    if memchr::memchr(b'=', html.as_bytes()).is_none() {
        return;
    }
    for_each_tag(html, &["a", "img"], |t| {
        let img = t.name.eq_ignore_ascii_case("img");
        for a in &t.attrs {
            let at = span.start + a.range.start;
            if a.name
                .eq_ignore_ascii_case(if img { "src" } else { "href" })
            {
                record_verbatim(ctx, out, a.value, img, at);
            } else if img && a.name.eq_ignore_ascii_case("srcset") {
                for (offset, url) in srcset_urls(a.value) {
                    record_verbatim(ctx, out, url, true, at + offset);
                }
            }
        }
        true
    });
}

/// Records `value`, a URL written in raw HTML at byte `at` of the file.
fn record_verbatim(ctx: &MdContext, out: &mut Rendered, value: &str, image: bool, at: usize) {
    let dest: Cow<str> = decode_entities(value.trim_matches(|c: char| c.is_ascii_whitespace()));
    let Some((target, _)) = record(ctx, &dest, image) else {
        return;
    };
    out.links.push(LinkRef {
        target,
        dest: dest.into_owned(),
        href: value.to_string(),
        image,
        location: Location::new(
            &ctx.file.display,
            ctx.file.source.clone(),
            at..at + value.len(),
        ),
        verbatim: true,
    });
}

/// What the link `dest` names and the `href` to write for it; `None` for a link this stage
/// leaves alone (another host or scheme, a bare `?query` or `#`). A relative image keeps
/// its `dest` as its `href`.
fn record(ctx: &MdContext, dest: &str, image: bool) -> Option<(Target, String)> {
    if is_external(dest) {
        return None;
    }
    let parts = split_dest(dest);
    if parts.path.is_empty() {
        let anchor = parts.anchor.filter(|_| parts.query.is_none())?;
        return Some((Target::Here, ["#", anchor].concat()));
    }
    let root = ctx.root;
    if let Some(from_root) = parts.path.strip_prefix('/') {
        let path = normalize("", from_root)?;
        let href = href(
            root,
            &root_guess(ctx.lang, &path),
            parts.query,
            parts.anchor,
        );
        return Some((Target::Root(path), href));
    }
    if parts.path.ends_with(".md") {
        return Some(chapter(ctx, dest, &parts));
    }
    let dir = url_for(ctx.lang, ctx.key);
    let dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
    match normalize(dir, parts.path) {
        Some(path) if image => Some((Target::Output(path), dest.to_string())),
        Some(path) => {
            let href = href(root, &page_guess(&path), parts.query, parts.anchor);
            Some((Target::Output(path), href))
        }
        None => Some((Target::Outside, dest.to_string())),
    }
}

/// A link to a chapter's `.md` file: the page and its URL (the query is dropped, as a page's
/// file takes none).
fn chapter(ctx: &MdContext, dest: &str, parts: &DestParts) -> (Target, String) {
    let (lang, key) = match resolve(ctx.key, parts.path) {
        Some(key) => (ctx.lang.to_string(), key),
        // Out of the language folder: into another one, or out of `content/`.
        None => match resolve(&[ctx.lang, "/", ctx.key].concat(), parts.path).and_then(|p| {
            p.split_once('/')
                .map(|(l, k)| (l.to_string(), k.to_string()))
        }) {
            Some(lang_key) => lang_key,
            None => return (Target::Outside, dest.to_string()),
        },
    };
    let href = href(ctx.root, &url_for(&lang, &key), None, parts.anchor);
    (Target::Page { lang, key }, href)
}

/// Whether `dest` leads to another host, or has a scheme (`mailto:`, `https:`).
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// The path a link from the site's root most likely names: in the page's language `lang`
/// (unless it names it already), as a page ([`page_guess`]).
fn root_guess(lang: &str, path: &str) -> String {
    let in_lang = path
        .strip_prefix(lang)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    let path = if in_lang {
        path.to_string()
    } else {
        [lang, "/", path].concat()
    };
    if let Some(key) = path
        .strip_prefix(lang)
        .and_then(|k| k.strip_prefix('/'))
        .filter(|k| k.ends_with(".md"))
    {
        return url_for(lang, key);
    }
    page_guess(&path)
}

/// The file an output path most likely names: a folder's `index.html`, for a name without
/// an extension its page (`name.html`), otherwise the path itself.
pub(crate) fn page_guess(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        return [path, "index.html"].concat();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.contains('.') {
        path.to_string()
    } else {
        [path, ".html"].concat()
    }
}

/// The `href` of output path `path` from a page whose root is `root`, with the `query` and
/// `anchor` as written. The characters of file names that would end or change the path
/// (`%`, `?`, `#`) are escaped; pulldown-cmark escapes the others.
pub(crate) fn href(root: &str, path: &str, query: Option<&str>, anchor: Option<&str>) -> String {
    let mut out = String::with_capacity(root.len() + path.len() + 16);
    out.push_str(root);
    if !needs_escape(path) {
        out.push_str(path);
    } else {
        for c in path.chars() {
            match c {
                '%' => out.push_str("%25"),
                '?' => out.push_str("%3F"),
                '#' => out.push_str("%23"),
                c => out.push(c),
            }
        }
    }
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(a) = anchor {
        out.push('#');
        out.push_str(a);
    }
    out
}

/// Whether `path` has a character [`href`] escapes.
fn needs_escape(path: &str) -> bool {
    memchr::memchr3(b'%', b'?', b'#', path.as_bytes()).is_some()
}

/// Whether `written` is [`href`]`(root, path, query, anchor)`, found without making it (the
/// link stage asks this of every link).
pub(crate) fn is_href(
    written: &str,
    root: &str,
    path: &str,
    query: Option<&str>,
    anchor: Option<&str>,
) -> bool {
    if needs_escape(path) {
        return written == href(root, path, query, anchor);
    }
    let Some(mut rest) = written
        .strip_prefix(root)
        .and_then(|r| r.strip_prefix(path))
    else {
        return false;
    };
    if let Some(q) = query {
        match rest.strip_prefix('?').and_then(|r| r.strip_prefix(q)) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    match anchor {
        Some(a) => rest.strip_prefix('#') == Some(a),
        None => rest.is_empty(),
    }
}

/// Resolves the relative `path` (`/`-separated) against the folder `dir` (a path from the
/// output's root, without a trailing `/`), decoding `%` escapes. A trailing `/`, or a last
/// segment `.` or `..`, is kept as a trailing `/` (a folder); the root itself is `""`.
/// `None` when the path climbs above the root.
pub(crate) fn normalize(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let mut folder = true;
    for seg in path.split('/') {
        folder = matches!(seg, "" | "." | "..");
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = String::with_capacity(dir.len() + path.len() + 1);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_decoded(&mut out, p);
    }
    if folder && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// Resolves `path` (relative, `/`-separated) against the folder of page `from_key`.
/// Returns `None` when it climbs out of the language folder.
pub(crate) fn resolve(from_key: &str, path: &str) -> Option<String> {
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
        push_decoded(&mut key, p);
    }
    Some(key)
}

/// Appends `s` to `out` with its `%xx` escapes decoded (invalid UTF-8 replaced).
fn push_decoded(out: &mut String, s: &str) {
    if s.contains('%') {
        out.push_str(&percent_decode(s));
    } else {
        out.push_str(s);
    }
}

/// `%xx` escapes decoded (invalid UTF-8 replaced).
pub(crate) fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalise_against_a_folder() {
        assert_eq!(normalize("vi/a", "../b.html").as_deref(), Some("vi/b.html"));
        assert_eq!(normalize("vi/a", "../cli/").as_deref(), Some("vi/cli/"));
        assert_eq!(normalize("vi/a", "..").as_deref(), Some("vi/"));
        assert_eq!(normalize("vi", "../..").as_deref(), None);
        assert_eq!(normalize("vi", "..").as_deref(), Some(""));
        assert_eq!(
            normalize("vi", "t%C3%A0i.pdf").as_deref(),
            Some("vi/tài.pdf")
        );
        assert_eq!(
            normalize("", "guide/intro/").as_deref(),
            Some("guide/intro/")
        );
    }

    #[test]
    fn guesses_name_pages() {
        assert_eq!(page_guess("vi/cli/"), "vi/cli/index.html");
        assert_eq!(page_guess(""), "index.html");
        assert_eq!(page_guess("vi/intro"), "vi/intro.html");
        assert_eq!(page_guess("vi/a.pdf"), "vi/a.pdf");
        assert_eq!(root_guess("vi", "guide/"), "vi/guide/index.html");
        assert_eq!(root_guess("vi", "vi/a.md"), "vi/a.html");
        assert_eq!(root_guess("vi", "a.md"), "vi/a.html");
        assert_eq!(root_guess("vi", "video"), "vi/video.html");
    }

    #[test]
    fn destinations_split_and_schemes_are_external() {
        let p = split_dest("a.html?x=1#h");
        assert_eq!(
            (p.path, p.query, p.anchor),
            ("a.html", Some("x=1"), Some("h"))
        );
        assert_eq!(split_dest("a.md#").anchor, None);
        assert!(is_external("https://x.org/a.md"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.org/x.js"));
        assert!(!is_external("a/b:c.html"));
        assert!(!is_external("../a.md"));
        assert_eq!(
            href("../", "vi/100%.pdf", None, Some("x")),
            "../vi/100%25.pdf#x"
        );
    }
}
