//! Relative URLs of an HTML fragment moved from one file to another.
//!
//! HTML made for one place (a page's article) is sometimes shown at another (the whole
//! document on one page, the site's root, a page shown in another language's folder): its
//! relative URLs must then be written for the new place. [`rebase_html`] does that for every
//! attribute holding a URL; [`rewrite_attrs`] is the scan under it, for callers that rewrite
//! other attributes on the way, and [`resolve`] / [`write_relative`] the two halves of moving
//! one URL. Places are paths of files from the site root (`vi/a/b.html`), `/`-separated;
//! nothing here knows what the files are.
//!
//! The scan reads the attributes of start tags, with values in double quotes, single quotes
//! or none; text is not read (`href="x"` in a paragraph is text). What it leaves alone: URLs
//! with a scheme (`https:`, `mailto:`, `data:`), from the server's root (`/x`, `//host`),
//! fragments and queries alone (`#x`, `?x`), URLs that climb above the site root, and
//! `url(…)` in `<style>` elements (only `style` attributes are read). Its limit: tags
//! written inside comments and scripts are read as tags (see [`for_each_attr`]).

use std::borrow::Cow;
use std::ops::Range;

/// One attribute of a start tag, as [`rewrite_attrs`] finds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Attr<'a> {
    /// The tag's name, as written (`img`, `IMG`).
    pub tag: &'a str,
    /// The attribute's name, as written.
    pub name: &'a str,
    /// Its value, as written (entities not decoded), without the quotes.
    pub value: &'a str,
}

impl Attr<'_> {
    /// The attribute's name in lower case, in `buf` if it has capitals; empty if it has
    /// capitals and is longer than `buf`. For a `match` on the name.
    pub(crate) fn lower_name<'b>(&'b self, buf: &'b mut [u8; 16]) -> &'b [u8] {
        let name = self.name.as_bytes();
        if !name.iter().any(u8::is_ascii_uppercase) {
            return name;
        }
        let Some(dst) = buf.get_mut(..name.len()) else {
            return &[];
        };
        for (d, s) in dst.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        dst
    }

    /// What URLs the attribute holds: one (`href`, `src`, `poster`, `action`,
    /// `formaction`, `cite`, `xlink:href`, and `data` of `<object>`), a `srcset`'s, or those
    /// in `url(…)` of a `style`.
    fn urls(&self) -> Urls {
        let mut buf = [0u8; 16];
        match self.lower_name(&mut buf) {
            b"href" | b"src" | b"poster" | b"action" | b"formaction" | b"cite" | b"xlink:href" => {
                Urls::One
            }
            b"data" if self.tag.eq_ignore_ascii_case("object") => Urls::One,
            b"srcset" => Urls::Srcset,
            b"style" if memchr::memchr(b'(', self.value.as_bytes()).is_some() => Urls::Style,
            _ => Urls::None,
        }
    }
}

/// What URLs an attribute's value holds ([`Attr::urls`]).
enum Urls {
    /// None.
    None,
    /// The value is one URL.
    One,
    /// A `srcset`: URLs each followed by descriptors, separated by commas.
    Srcset,
    /// A `style`: CSS with `url(…)`.
    Style,
}

/// HTML moved from the file at `from` to the file at `to` (both from the site root:
/// `vi/a/b.html`).
#[derive(Clone, Copy)]
pub(crate) struct Move<'a> {
    /// Where the HTML was made for.
    pub from: &'a str,
    /// Where it is shown.
    pub to: &'a str,
    /// Whether a URL leading to this path (from the site root, as [`resolve`] makes it) is
    /// to be left as written.
    pub keep: &'a dyn Fn(&str) -> bool,
}

impl<'a> Move<'a> {
    /// The move from `from` to `to` of every relative URL.
    pub(crate) fn new(from: &'a str, to: &'a str) -> Self {
        Move {
            from,
            to,
            keep: &keep_none,
        }
    }
}

/// Keeps no URL as written ([`Move::new`]).
fn keep_none(_: &str) -> bool {
    false
}

/// `html` with every relative URL written for `m.to` instead of `m.from` (but those `m.keep`
/// keeps). The input itself when nothing changes, at once when `from == to`.
///
/// A URL written from the site root (`../../data/t.csv` in `vi/a/b.html`) is written from
/// the site root again (`../data/t.csv` in `vi/print.html`); any other is written the
/// shortest way (`hinh.png` in `vi/a/b.html` is `a/hinh.png` in `vi/print.html`).
pub(crate) fn rebase_html<'a>(html: &'a str, m: &Move) -> Cow<'a, str> {
    if m.from == m.to {
        return Cow::Borrowed(html);
    }
    let mut path = String::new();
    rewrite_attrs(html, |a, out| rebase_attr(a, m, &mut path, out))
}

/// Writes to `out` the value of attribute `a` with its URLs moved by `m`, for the
/// attributes holding URLs (see [`Attr::urls`]). Returns whether the value changed (`out`
/// is then the new value). `path` is scratch space.
pub(crate) fn rebase_attr(a: &Attr, m: &Move, path: &mut String, out: &mut String) -> bool {
    let changed = match a.urls() {
        Urls::None => return false,
        Urls::One => rebase_url(a.value, m, path, out),
        Urls::Srcset => rebase_srcset(a.value, m, path, out),
        Urls::Style => rebase_style(a.value, m, path, out),
    };
    changed && out != a.value
}

/// Writes to `out` the URL `url` moved by `m`; returns `false` (writing nothing) when the
/// URL is not to be moved. `path` is scratch space.
pub(crate) fn rebase_url(url: &str, m: &Move, path: &mut String, out: &mut String) -> bool {
    let trimmed = url.trim_matches(|c: char| c.is_ascii_whitespace());
    match resolve(trimmed, m.from, path) {
        Some(r) if !(m.keep)(path) => {
            write_relative(path, &r, m.to, out);
            true
        }
        _ => false,
    }
}

/// How a relative URL was written, besides the path it leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resolved<'a> {
    /// The query and the fragment, as written (`?v=2#top`, or empty).
    pub suffix: &'a str,
    /// Whether the URL climbs exactly to the site root first (`../../x` in `vi/a/b.html`).
    pub from_root: bool,
}

/// Resolves `url` against the file at `from`: sets `path` to the path from the site root
/// it leads to (`vi/a/hinh.png`; ending in `/` for a folder, empty for the root folder).
/// `None` when `url` is not a relative URL to move: empty, with a scheme, from the server's
/// root, a fragment or a query alone, or climbing above the site root.
pub(crate) fn resolve<'a>(url: &'a str, from: &str, path: &mut String) -> Option<Resolved<'a>> {
    if !is_relative(url) {
        return None;
    }
    let end = memchr::memchr2(b'?', b'#', url.as_bytes()).unwrap_or(url.len());
    let (written, suffix) = url.split_at(end);
    if written.is_empty() {
        return None;
    }
    let depth = from.bytes().filter(|&c| c == b'/').count();
    let mut climbs = 0;
    while written[climbs * 3..].starts_with("../") {
        climbs += 1;
    }
    path.clear();
    path.push_str(&from[..folder_len(from)]);
    // Segment by segment (short: a byte loop beats a searcher's setup).
    let w = written.as_bytes();
    let mut at = 0;
    loop {
        let end = w[at..]
            .iter()
            .position(|&c| c == b'/')
            .map_or(w.len(), |k| at + k);
        let last = end == w.len();
        match &written[at..end] {
            "" | "." => {}
            ".." => {
                let dir = path.strip_suffix('/')?;
                path.truncate(folder_len(dir));
            }
            seg => {
                path.push_str(seg);
                if !last {
                    path.push('/');
                }
            }
        }
        if last {
            break;
        }
        at = end + 1;
    }
    Some(Resolved {
        suffix,
        from_root: depth > 0 && climbs == depth,
    })
}

/// The length of the folder part of `path` (up to and with its last `/`; 0 if none).
#[inline]
fn folder_len(path: &str) -> usize {
    path.bytes().rposition(|c| c == b'/').map_or(0, |i| i + 1)
}

/// Whether `url` is relative to the file holding it: not empty, no scheme, not from the
/// server's root, not a fragment or a query alone.
fn is_relative(url: &str) -> bool {
    let Some(&first) = url.as_bytes().first() else {
        return false;
    };
    if matches!(first, b'/' | b'#' | b'?' | b'\\') {
        return false;
    }
    // A scheme: a letter, then letters, digits, `+`, `-`, `.`, up to a `:`.
    if !first.is_ascii_alphabetic() {
        return true;
    }
    let scheme = url.as_bytes()[1..]
        .iter()
        .find(|&&b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    scheme != Some(&b':')
}

/// Writes to `out` the path `path` (from the site root, as [`resolve`] makes it) relative
/// to the file at `to`, then the URL's query and fragment: from the site root when the URL
/// was written so (`r.from_root`), the shortest way otherwise. Never empty: the folder of
/// `to` itself is `./`.
pub(crate) fn write_relative(path: &str, r: &Resolved, to: &str, out: &mut String) {
    let start = out.len();
    let to_dir = &to[..folder_len(to)];
    let common = if r.from_root {
        0
    } else {
        common_folder(to_dir, path)
    };
    for _ in 0..to_dir[common..].bytes().filter(|&b| b == b'/').count() {
        out.push_str("../");
    }
    let rest = &path[common..];
    // A first segment with `:` would read as a scheme.
    if out.len() == start
        && (rest.is_empty() || rest.bytes().take_while(|&c| c != b'/').any(|c| c == b':'))
    {
        out.push_str("./");
    }
    out.push_str(rest);
    out.push_str(r.suffix);
}

/// The length of the longest run of whole folders (ending in `/`) that starts both `a` and
/// `b`.
fn common_folder(a: &str, b: &str) -> usize {
    let mut common = 0;
    for (i, (x, y)) in a.bytes().zip(b.bytes()).enumerate() {
        if x != y {
            break;
        }
        if x == b'/' {
            common = i + 1;
        }
    }
    common
}

/// [`rebase_url`] for each URL of a `srcset` (`a.png 1x, b.png 2x`), the rest copied.
fn rebase_srcset(value: &str, m: &Move, path: &mut String, out: &mut String) -> bool {
    let mut changed = false;
    let mut rest = value;
    while !rest.is_empty() {
        // Separators, then the URL (no whitespace; commas at its end belong to the list),
        // then the descriptors up to the next comma.
        let sep = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',')
                .len();
        out.push_str(&rest[..sep]);
        rest = &rest[sep..];
        let url_end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = rest[..url_end].trim_end_matches(',');
        if rebase_url(url, m, path, out) {
            changed = true;
        } else {
            out.push_str(url);
        }
        rest = &rest[url.len()..];
        let desc_end = rest.find(',').unwrap_or(rest.len());
        out.push_str(&rest[..desc_end]);
        rest = &rest[desc_end..];
    }
    changed
}

/// [`rebase_url`] for each `url(…)` of a `style` attribute, the rest copied.
fn rebase_style(value: &str, m: &Move, path: &mut String, out: &mut String) -> bool {
    let mut changed = false;
    let mut rest = value;
    while let Some(at) = rest.find("url(") {
        let (before, inner) = rest.split_at(at + 4);
        out.push_str(before);
        let Some(close) = inner.find(')') else {
            rest = inner;
            break;
        };
        let (arg, after) = inner.split_at(close);
        // The URL, inside its quotes if any (`'`, `"`, or `&quot;` in a double-quoted value).
        let body = arg.trim();
        let quote = ["&quot;", "\"", "'"]
            .into_iter()
            .find(|q| body.starts_with(q) && body.len() >= 2 * q.len() && body.ends_with(q))
            .unwrap_or("");
        let url = body[quote.len()..body.len() - quote.len()].trim();
        // Where the URL sits in `arg`: everything around it is copied.
        let start = url.as_ptr() as usize - arg.as_ptr() as usize;
        out.push_str(&arg[..start]);
        if rebase_url(url, m, path, out) {
            changed = true;
        } else {
            out.push_str(url);
        }
        out.push_str(&arg[start + url.len()..]);
        rest = after;
    }
    out.push_str(rest);
    changed
}

/// `html` with the values of attributes rewritten by `f`: for each attribute of each start
/// tag, `f` writes a new value to the `String` it is given and returns `true`, or returns
/// `false` to keep the value. The input itself when `f` changes nothing. The quotes (or
/// their absence) are kept: a new value must not hold the quote it is written in (nor, if
/// the value was unquoted, whitespace or `>`).
pub(crate) fn rewrite_attrs<'a>(
    html: &'a str,
    mut f: impl FnMut(&Attr<'a>, &mut String) -> bool,
) -> Cow<'a, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut value = String::new();
    for_each_attr(html, |a, at| {
        value.clear();
        if f(&a, &mut value) {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + html.len() / 8));
            o.push_str(&html[copied..at.start]);
            o.push_str(&value);
            copied = at.end;
        }
    });
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

/// [`CLASS`] bit: ASCII whitespace.
const SPACE: u8 = 1;
/// [`CLASS`] bit: ends a tag's name (whitespace, `/`, `>`).
const TAG_NAME_END: u8 = 2;
/// [`CLASS`] bit: ends an attribute's name (whitespace, `/`, `>`, `=`, and `"` `'` `<`,
/// which no name holds).
const ATTR_NAME_END: u8 = 4;
/// [`CLASS`] bit: ends an unquoted attribute value (whitespace, `>`).
const VALUE_END: u8 = 8;

/// What each byte ends in a tag, as bits: one table lookup a byte instead of a chain of
/// compares.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let spaces = [b' ', b'\t', b'\n', b'\r', 0x0c];
    let mut k = 0;
    while k < spaces.len() {
        t[spaces[k] as usize] = SPACE | TAG_NAME_END | ATTR_NAME_END | VALUE_END;
        k += 1;
    }
    t[b'/' as usize] = TAG_NAME_END | ATTR_NAME_END;
    t[b'>' as usize] = TAG_NAME_END | ATTR_NAME_END | VALUE_END;
    t[b'=' as usize] = ATTR_NAME_END;
    t[b'"' as usize] = ATTR_NAME_END;
    t[b'\'' as usize] = ATTR_NAME_END;
    t[b'<' as usize] = ATTR_NAME_END;
    t
};

/// Whether byte `c` has a bit of `bits` in [`CLASS`].
#[inline]
fn has(c: u8, bits: u8) -> bool {
    CLASS[c as usize] & bits != 0
}

/// The first byte at or after `i` that has a bit of `bits` in [`CLASS`] (`b.len()` if none).
#[inline]
fn skip_until(b: &[u8], mut i: usize, bits: u8) -> usize {
    while i < b.len() && !has(b[i], bits) {
        i += 1;
    }
    i
}

/// The first byte at or after `i` that is not whitespace (`b.len()` if none).
#[inline]
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && has(b[i], SPACE) {
        i += 1;
    }
    i
}

/// Bytes looked at one by one before a search is handed to `memchr` (whose setup costs
/// about as much): the space between two attributes is mostly short.
const NEAR: usize = 16;

/// The last `<` or `>` in `b[lo..hi]`.
#[inline]
fn last_angle(b: &[u8], lo: usize, hi: usize) -> Option<usize> {
    if hi - lo <= NEAR {
        return (lo..hi).rev().find(|&k| matches!(b[k], b'<' | b'>'));
    }
    memchr::memrchr2(b'<', b'>', &b[lo..hi]).map(|k| lo + k)
}

/// Calls `f` with each attribute that has a value, in order, and the byte range of its
/// value (inside the quotes) in `html`.
///
/// The scan jumps from `=` to `=` (with `memchr`: text and tags without attributes, most
/// of them, are skipped many bytes at a time). The last `<` or `>` before an `=` tells
/// whether it is in a start tag; if it is, that tag is read from its name to its `>`, every
/// attribute in turn. Comments and the content of `<script>` and `<style>` are read as
/// HTML too: a tag written in them (`<!-- <img src="x.png"> -->`) is found like any other.
fn for_each_attr<'a>(html: &'a str, mut f: impl FnMut(Attr<'a>, Range<usize>)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(eq) = memchr::memchr(b'=', &b[i..]).map(|k| i + k) {
        let start = last_angle(b, i, eq)
            .filter(|&k| b[k] == b'<' && b.get(k + 1).is_some_and(u8::is_ascii_alphabetic));
        let Some(lt) = start else {
            i = eq + 1;
            continue;
        };
        let name_end = skip_until(b, lt + 2, TAG_NAME_END);
        match tag_attrs(html, lt + 1..name_end, &mut f) {
            Some(end) => i = end,
            None => return,
        }
    }
}

/// Calls `f` with each attribute of the start tag whose name is `html[tag]`; returns the
/// byte after the tag's `>`, `None` when the tag (or a quoted value) does not end.
fn tag_attrs<'a>(
    html: &'a str,
    tag: Range<usize>,
    f: &mut impl FnMut(Attr<'a>, Range<usize>),
) -> Option<usize> {
    let b = html.as_bytes();
    let tag_name = &html[tag.clone()];
    let mut i = tag.end;
    loop {
        while i < b.len() && (has(b[i], SPACE) || b[i] == b'/') {
            i += 1;
        }
        if *b.get(i)? == b'>' {
            return Some(i + 1);
        }
        let name_start = i;
        i = skip_until(b, i + 1, ATTR_NAME_END);
        let name = &html[name_start..i];
        i = skip_space(b, i);
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_space(b, i + 1);
        let range = match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                let open = i + 1;
                let close = open + memchr::memchr(q, &b[open..])?;
                i = close + 1;
                open..close
            }
            _ => {
                let start = i;
                i = skip_until(b, i, VALUE_END);
                start..i
            }
        };
        let value = &html[range.clone()];
        f(
            Attr {
                tag: tag_name,
                name,
                value,
            },
            range,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`rebase_url`] of one URL, or `None` when it is left as written.
    fn url(u: &str, from: &str, to: &str) -> Option<String> {
        let (mut path, mut out) = (String::new(), String::new());
        rebase_url(u, &Move::new(from, to), &mut path, &mut out).then_some(out)
    }

    #[test]
    fn urls_beside_climbing_and_from_the_root_are_moved() {
        let print = |u| url(u, "vi/a/b.html", "vi/print.html");
        assert_eq!(print("hinh.png").as_deref(), Some("a/hinh.png"));
        assert_eq!(print("./hinh.png").as_deref(), Some("a/hinh.png"));
        assert_eq!(print("c/d.pdf").as_deref(), Some("a/c/d.pdf"));
        assert_eq!(print("../x.png").as_deref(), Some("x.png"));
        assert_eq!(print("../e/").as_deref(), Some("e/"));
        assert_eq!(print("..").as_deref(), Some("./"));
        assert_eq!(print("../..").as_deref(), Some("../"));
        // Written from the site root: written from the site root again.
        assert_eq!(
            print("../../data/vi/t.csv").as_deref(),
            Some("../data/vi/t.csv")
        );
        assert_eq!(
            print("../../vi/a/img.png").as_deref(),
            Some("../vi/a/img.png")
        );
        // Queries and fragments are kept.
        assert_eq!(
            print("t.csv?v=2#dong-3").as_deref(),
            Some("a/t.csv?v=2#dong-3")
        );
        assert_eq!(print("c.html#muc").as_deref(), Some("a/c.html#muc"));
        // Above the site root: nothing to move to.
        assert_eq!(print("../../../x.png"), None);
    }

    #[test]
    fn absolute_urls_fragments_and_schemes_are_left_alone() {
        for u in [
            "",
            "#muc",
            "?q=1",
            "/abs/x.png",
            "//cdn.example.org/x.js",
            "https://example.org/a.png",
            "mailto:a@example.org",
            "data:image/png;base64,AAAA",
            "tel:+84123",
            "javascript:void(0)",
        ] {
            assert_eq!(url(u, "vi/a/b.html", "vi/print.html"), None, "{u}");
        }
        // A colon after a slash is no scheme.
        assert_eq!(
            url("a/b:c.png", "vi/a/b.html", "vi/print.html").as_deref(),
            Some("a/a/b:c.png")
        );
        // A first segment with a colon gets `./`, so that it does not read as a scheme.
        assert_eq!(
            url("../b:c.png", "vi/a/b.html", "vi/print.html").as_deref(),
            Some("./b:c.png")
        );
    }

    #[test]
    fn other_places_the_root_and_other_languages() {
        // The source cover shown at the root.
        let root = |u| url(u, "vi/index.html", "index.html");
        assert_eq!(root("logo.png").as_deref(), Some("vi/logo.png"));
        assert_eq!(root("huong-dan/").as_deref(), Some("vi/huong-dan/"));
        assert_eq!(root("../vi/a/b.html#x").as_deref(), Some("vi/a/b.html#x"));
        assert_eq!(root("../data/vi/t.csv").as_deref(), Some("data/vi/t.csv"));
        assert_eq!(root("../").as_deref(), Some("./"));
        // A source page shown in another language's folder.
        let en = |u| url(u, "vi/a/b.html", "en/a/b.html");
        assert_eq!(en("hinh.png").as_deref(), Some("../../vi/a/hinh.png"));
        assert_eq!(en("../c/x.pdf").as_deref(), Some("../../vi/c/x.pdf"));
        assert_eq!(
            en("../../en/c/d.html#e").as_deref(),
            Some("../../en/c/d.html#e")
        );
        // From the root into a folder and back.
        assert_eq!(
            url("vi/x.png", "index.html", "vi/a/b.html").as_deref(),
            Some("../x.png")
        );
    }

    #[test]
    fn the_same_place_gives_the_input_itself() {
        let html = "<p><img src=\"hinh.png\"><a href=\"../c.html\">c</a></p>";
        assert!(matches!(
            rebase_html(html, &Move::new("vi/a/b.html", "vi/a/b.html")),
            Cow::Borrowed(_)
        ));
        // Nothing to move: borrowed too.
        let plain = "<p><a href=\"https://x.org/\">x</a> <a href=\"#m\">m</a> a = b</p>";
        assert!(matches!(
            rebase_html(plain, &Move::new("vi/a/b.html", "vi/print.html")),
            Cow::Borrowed(_)
        ));
        // From the site root and at the same depth: unchanged, borrowed.
        let rooted = "<a href=\"../../en/c/d.html\">d</a>";
        assert!(matches!(
            rebase_html(rooted, &Move::new("vi/a/b.html", "en/a/b.html")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn every_url_attribute_in_any_quotes_is_moved() {
        let html = concat!(
            "<p><img src=\"hinh.png\" alt=\"src=x.png\"> <a href='tai/t.csv' download>t</a> ",
            "<IMG SRC=anh.jpg width=3> <video poster=\"p.jpg\"><source src=\"v.mp4\"></video> ",
            "<img srcset=\"a.png 1x, ../b.png 2x,c.png\" src=\"https://x.org/a.png\"> ",
            "<span style=\"background: url('nen.png') no-repeat; mask: url(&quot;m.svg&quot;)\">s</span> ",
            "<i style='background:url( \"x.png\" )'></i>",
            "<a href=\"mailto:a@b.c\">m</a> <a title='../x.png' href=\"#m\">m</a></p>",
            "<object data=\"o.svg\"></object><p data=\"x.png\"></p>"
        );
        let out = rebase_html(html, &Move::new("vi/a/b.html", "vi/print.html"));
        assert_eq!(
            out,
            concat!(
                "<p><img src=\"a/hinh.png\" alt=\"src=x.png\"> <a href='a/tai/t.csv' download>t</a> ",
                "<IMG SRC=a/anh.jpg width=3> <video poster=\"a/p.jpg\"><source src=\"a/v.mp4\"></video> ",
                "<img srcset=\"a/a.png 1x, b.png 2x,a/c.png\" src=\"https://x.org/a.png\"> ",
                "<span style=\"background: url('a/nen.png') no-repeat; mask: url(&quot;a/m.svg&quot;)\">s</span> ",
                "<i style='background:url( \"a/x.png\" )'></i>",
                "<a href=\"mailto:a@b.c\">m</a> <a title='../x.png' href=\"#m\">m</a></p>",
                "<object data=\"a/o.svg\"></object><p data=\"x.png\"></p>"
            )
        );
    }

    #[test]
    fn text_is_not_read_as_tags() {
        let html = concat!(
            "<p>href=\"x.png\" and src='y.png' &lt;img src=\"z.png\"&gt; a < b src=w.png</p>",
            "<p title=\"a > b\" lang=vi>x = y, src=\"t.png\"</p>",
            "<script>if (a < b) { el.src = 's.png'; }</script>",
            "<style>p { background: url(s.png) }</style>",
            "<pre><code>&lt;a href=\"k.html\"&gt;</code></pre>",
            "<img alt=\"src=q.png\" src = \"real.png\" data-x=\"<img src=v.png>\">"
        );
        let out = rebase_html(html, &Move::new("vi/a/b.html", "vi/print.html"));
        assert_eq!(out, html.replace("\"real.png\"", "\"a/real.png\""));
    }

    #[test]
    fn tags_in_comments_and_scripts_are_read_as_tags() {
        // The documented limit: harmless in a comment, and right for HTML a script inserts.
        let html = "<!-- <img src=\"c.png\"> --><script>s = '<img src=\"s.png\">'</script>";
        let out = rebase_html(html, &Move::new("vi/a/b.html", "vi/print.html"));
        assert_eq!(
            out,
            html.replace("\"c.png", "\"a/c.png")
                .replace("\"s.png", "\"a/s.png")
        );
    }

    #[test]
    fn cut_html_ends_the_scan_without_harm() {
        for html in [
            "<img src=\"a.png",
            "<img src=",
            "<img",
            "<",
            "<a href='x.png'",
            "<!-- x",
        ] {
            let out = rebase_html(html, &Move::new("vi/a/b.html", "vi/print.html"));
            assert!(out.len() >= html.len(), "{html}");
        }
        assert_eq!(
            rebase_html("<img src=a.png", &Move::new("vi/a/b.html", "vi/print.html")),
            "<img src=a/a.png"
        );
    }

    #[test]
    fn other_attributes_can_be_rewritten_on_the_way() {
        let html = "<h2 id=\"muc\">M <a href=\"#muc\">#</a></h2><img src=\"h.png\">";
        let out = rewrite_attrs(html, |a, out| {
            if a.lower_name(&mut [0; 16]) == b"id" {
                out.push_str("p--");
                out.push_str(a.value);
                true
            } else {
                false
            }
        });
        assert_eq!(
            out,
            "<h2 id=\"p--muc\">M <a href=\"#muc\">#</a></h2><img src=\"h.png\">"
        );
    }

    #[test]
    fn random_html_never_breaks_the_scan() {
        use crate::text::bytescan::{random_text, xorshift};
        let pieces = [
            "<",
            ">",
            "=",
            "\"",
            "'",
            " ",
            "/",
            "<img src=",
            "<a href=\"",
            "ữ",
            "đ",
            "<!--",
            "-->",
            "srcset=",
            "style=\"url(",
            ")",
            "../",
            "#",
            "?",
            ",",
            "&quot;",
            "\n",
        ];
        let mut next = xorshift(0x5eed_cafe);
        for round in 0..2000 {
            let html = random_text(&mut next, &pieces, 3, "ab", round % 97 + 1);
            let same = rebase_html(&html, &Move::new("vi/a/b.html", "vi/a/b.html"));
            assert!(matches!(same, Cow::Borrowed(_)));
            // Moved there and back: the same text or, where a URL was written otherwise,
            // text of the same shape (no panic, valid UTF-8 by construction).
            let there = rebase_html(&html, &Move::new("vi/a/b.html", "vi/print.html"));
            let back = rebase_html(&there, &Move::new("vi/print.html", "vi/a/b.html"));
            assert_eq!(
                back.matches('<').count(),
                html.matches('<').count(),
                "{html}"
            );
        }
    }

    #[test]
    fn a_moved_url_leads_where_it_led() {
        let places = [
            "index.html",
            "vi/index.html",
            "vi/print.html",
            "vi/a/b.html",
            "en/a/b.html",
            "vi/a/c/d.html",
        ];
        let urls = [
            "x.png",
            "./x.png",
            "../x.png",
            "../../y/z.pdf?v=1#p",
            "c/",
            "../c/d.html#e",
            "..",
            "a:b/c.png",
        ];
        let (mut p1, mut p2, mut out) = (String::new(), String::new(), String::new());
        for from in places {
            for to in places {
                for u in urls {
                    let Some(r1) = resolve(u, from, &mut p1) else {
                        continue;
                    };
                    out.clear();
                    write_relative(&p1, &r1, to, &mut out);
                    let r2 = resolve(&out, to, &mut p2)
                        .unwrap_or_else(|| panic!("{u} {from} {to}: {out}"));
                    assert_eq!(
                        (&p1, r1.suffix),
                        (&p2, r2.suffix),
                        "{u} from {from} to {to}: {out}"
                    );
                }
            }
        }
    }

    #[test]
    fn kept_urls_stay_as_written() {
        let keep = |p: &str| p.ends_with(".html") || p.ends_with('/');
        let moved = Move {
            keep: &keep,
            ..Move::new("vi/a/b.html", "en/a/b.html")
        };
        let html = "<a href=\"c.html#x\">c</a><a href=\"../\">up</a><img src=\"h.png\">";
        assert_eq!(
            rebase_html(html, &moved),
            "<a href=\"c.html#x\">c</a><a href=\"../\">up</a><img src=\"../../vi/a/h.png\">"
        );
    }
}
