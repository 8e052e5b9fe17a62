//! Start tags of an HTML text, and the passes over a page's `<img>` tags.
//!
//! [`for_each_tag`] reads start tags and their attributes (values in double quotes, single
//! quotes or none) and skips what holds no tags: comments, declarations, end tags, and the
//! content of `<script>` and `<style>`. Text is not read (`<` in text is `&lt;` in the HTML
//! the renderer writes; in raw HTML a `<` not followed by a letter is passed over).
//!
//! The `<img>` passes insert attributes at one place of a tag: after its last attribute,
//! before ` />` or `>` ([`StartTag::insert_at`]). [`mark_lazy`] writes ` loading="lazy"` there;
//! [`apply_sizes`] writes ` width="…" height="…"` just before it (so a tag reads
//! `<img src="a.png" alt="" width="40" height="30" loading="lazy" />`), and, given what it
//! wrote last time ([`ImgMark`]), takes exactly that out again when a size changes.

use std::borrow::Cow;
use std::ops::Range;

/// An attribute of a start tag.
#[derive(Debug, Clone)]
pub(crate) struct TagAttr<'a> {
    /// Its name, as written.
    pub name: &'a str,
    /// Its value as written (entities not decoded), without quotes; empty when it has none.
    pub value: &'a str,
    /// Where the value is in the text scanned.
    pub range: Range<usize>,
}

/// A start tag, as [`for_each_tag`] lends it.
#[derive(Debug, Clone)]
pub(crate) struct StartTag<'a> {
    /// The tag's name, as written (`img`, `IMG`, `svg:svg`).
    pub name: &'a str,
    /// Where the tag starts (its `<`) in the text scanned.
    pub start: usize,
    /// Where it ends (after its `>`).
    pub end: usize,
    /// Its attributes, in order.
    pub attrs: Vec<TagAttr<'a>>,
}

impl<'a> StartTag<'a> {
    /// The attribute named `name` (ASCII case ignored).
    pub(crate) fn attr(&self, name: &str) -> Option<&TagAttr<'a>> {
        self.attrs
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// Where new attributes go in `text` (the text scanned): after the last attribute and
    /// the space after it, before a closing ` />`, `/>` or `>`. Each new attribute is
    /// written with a space before it.
    pub(crate) fn insert_at(&self, text: &str) -> usize {
        let b = text.as_bytes();
        let mut at = self.end - 1;
        // `<img src="a"/>` or `<img src="a" />`, but not `<img src=a/>`, whose `/` is the
        // value's.
        if at > self.start && b[at - 1] == b'/' {
            let before = b[at - 2];
            if before.is_ascii_whitespace() || before == b'"' || before == b'\'' {
                at -= 1;
            }
        }
        while at > self.start && b[at - 1].is_ascii_whitespace() {
            at -= 1;
        }
        at
    }
}

/// Calls `f` with each start tag of `html` named one of `names` (ASCII case ignored; every
/// tag when `names` is empty), in order, until `f` returns `false`.
pub(crate) fn for_each_tag<'a>(
    html: &'a str,
    names: &[&str],
    mut f: impl FnMut(&StartTag<'a>) -> bool,
) {
    let b = html.as_bytes();
    let mut tag = StartTag {
        name: "",
        start: 0,
        end: 0,
        attrs: Vec::new(),
    };
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) {
        let next = match b.get(lt + 1) {
            Some(&c) => c,
            None => return,
        };
        let skip_to = |from: usize, what: &[u8]| {
            memchr::memmem::find(&b[from..], what).map(|k| from + k + what.len())
        };
        let after = match next {
            b'!' if b[lt..].starts_with(b"<!--") => skip_to(lt + 4, b"-->"),
            b'!' | b'?' | b'/' => skip_to(lt + 1, b">"),
            c if c.is_ascii_alphabetic() => {
                let name_end = skip_while(b, lt + 2, |c| !ends_name(c));
                let end = read_attrs(html, name_end, &mut tag.attrs);
                let Some(end) = end else { return };
                tag.name = &html[lt + 1..name_end];
                tag.start = lt;
                tag.end = end;
                let wanted =
                    names.is_empty() || names.iter().any(|n| n.eq_ignore_ascii_case(tag.name));
                if wanted && !f(&tag) {
                    return;
                }
                if ["script", "style"]
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(tag.name))
                {
                    closing(b, end, tag.name)
                } else {
                    Some(end)
                }
            }
            _ => Some(lt + 1),
        };
        match after {
            Some(a) => i = a,
            None => return,
        }
    }
}

/// Whether byte `c` ends a tag's name.
fn ends_name(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'/' || c == b'>'
}

/// Whether byte `c` ends an attribute's name.
fn ends_attr_name(c: u8) -> bool {
    ends_name(c) || matches!(c, b'=' | b'"' | b'\'' | b'<')
}

/// The first byte at or after `i` for which `keep` is false (`b.len()` if none).
fn skip_while(b: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < b.len() && keep(b[i]) {
        i += 1;
    }
    i
}

/// The end of the element `name`'s closing tag (`</script>`) at or after `from`.
fn closing(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    loop {
        let k = i + memchr::memmem::find(&b[i..], b"</")?;
        let after = k + 2 + name.len();
        if b.get(k + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(after + memchr::memchr(b'>', &b[after..])? + 1);
        }
        i = k + 2;
    }
}

/// Reads the attributes of a start tag from `from` (after its name) into `attrs`; returns
/// the byte after the tag's `>`, `None` when the tag (or a quoted value) does not end.
fn read_attrs<'a>(html: &'a str, from: usize, attrs: &mut Vec<TagAttr<'a>>) -> Option<usize> {
    let b = html.as_bytes();
    attrs.clear();
    let mut i = from;
    loop {
        i = skip_while(b, i, |c| c.is_ascii_whitespace() || c == b'/');
        if *b.get(i)? == b'>' {
            return Some(i + 1);
        }
        let name_start = i;
        i = skip_while(b, i + 1, |c| !ends_attr_name(c));
        let name = &html[name_start..i];
        let j = skip_while(b, i, |c| c.is_ascii_whitespace());
        if b.get(j) != Some(&b'=') {
            attrs.push(TagAttr {
                name,
                value: "",
                range: i..i,
            });
            continue;
        }
        i = skip_while(b, j + 1, |c| c.is_ascii_whitespace());
        let range = match *b.get(i)? {
            q @ (b'"' | b'\'') => {
                let open = i + 1;
                let close = open + memchr::memchr(q, &b[open..])?;
                i = close + 1;
                open..close
            }
            _ => {
                let start = i;
                i = skip_while(b, i, |c| !(c.is_ascii_whitespace() || c == b'>'));
                start..i
            }
        };
        attrs.push(TagAttr {
            name,
            value: &html[range.clone()],
            range,
        });
    }
}

/// Each URL of a `srcset` value (`a.png 1x, b.png 2x`), with its offset in the value.
pub(crate) fn srcset_urls(value: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < value.len() {
        // Separators, then the URL (no whitespace; commas at its end belong to the list),
        // then the descriptors up to the next comma.
        let rest = &value[at..];
        let sep = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',')
                .len();
        at += sep;
        let rest = &value[at..];
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(',');
        if !url.is_empty() {
            out.push((at, url));
        }
        at += url.len();
        at += value[at..].find(',').unwrap_or(value.len() - at);
    }
    out
}

/// `value` (an attribute's value as written) with its character references decoded: the
/// named ones a URL may hold (`&amp;`, `&quot;`, `&apos;`, `&lt;`, `&gt;`) and numeric ones.
pub(crate) fn decode_entities(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&e| e <= 10).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "lt" => '<',
                "gt" => '>',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, semi + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// What the image passes wrote into one `<img>` tag of a page, in the order of the tags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ImgMark {
    /// ` loading="lazy"` was written (not on the first image, nor where the author wrote a
    /// `loading`).
    pub lazy: bool,
    /// The author wrote `width` or `height`: the tag's size is left alone.
    pub author: bool,
    /// The ` width="…" height="…"` written, if any.
    pub size: Option<(u32, u32)>,
}

/// What [`mark_lazy`] writes.
const LAZY: &str = " loading=\"lazy\"";

/// Whether `html` may hold an `<img>` tag (a quick look before any scan).
pub(crate) fn has_img(html: &str) -> bool {
    let b = html.as_bytes();
    memchr::memmem::find(b, b"<img").is_some() || memchr::memmem::find(b, b"<IMG").is_some()
}

/// Writes ` loading="lazy"` into every `<img>` tag of `html` but the first (and but those
/// with a `loading` of their own); returns what it wrote, one mark a tag.
pub(crate) fn mark_lazy(html: &mut String) -> Vec<ImgMark> {
    if !has_img(html) {
        return Vec::new();
    }
    let mut marks: Vec<ImgMark> = Vec::new();
    let mut inserts: Vec<usize> = Vec::new();
    for_each_tag(html, &["img"], |t| {
        let lazy = !marks.is_empty() && t.attr("loading").is_none();
        if lazy {
            inserts.push(t.insert_at(html));
        }
        marks.push(ImgMark {
            lazy,
            author: t.attr("width").is_some() || t.attr("height").is_some(),
            size: None,
        });
        true
    });
    if !inserts.is_empty() {
        let mut out = String::with_capacity(html.len() + inserts.len() * LAZY.len());
        let mut copied = 0;
        for at in inserts {
            out.push_str(&html[copied..at]);
            out.push_str(LAZY);
            copied = at;
        }
        out.push_str(&html[copied..]);
        *html = out;
    }
    marks
}

/// The attributes [`apply_sizes`] writes for `size`.
fn size_text(size: Option<(u32, u32)>) -> String {
    match size {
        Some((w, h)) => format!(" width=\"{w}\" height=\"{h}\""),
        None => String::new(),
    }
}

/// `html` with the `width` and `height` of each `<img>` tag set to the size `size_of` gives
/// for its `src` (as written in the HTML), where `marks` (what the passes wrote, one a tag)
/// say the author did not write a size; with the new marks. `None` when nothing changes.
pub(crate) fn apply_sizes(
    html: &str,
    marks: &[ImgMark],
    mut size_of: impl FnMut(&str) -> Option<(u32, u32)>,
) -> Option<(String, Vec<ImgMark>)> {
    let mut new_marks = marks.to_vec();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut k = 0;
    for_each_tag(html, &["img"], |t| {
        let Some(m) = new_marks.get_mut(k) else {
            return false;
        };
        k += 1;
        if m.author {
            return true;
        }
        let size = t.attr("src").and_then(|a| size_of(a.value));
        if size == m.size {
            return true;
        }
        let mut at = t.insert_at(html);
        if m.lazy {
            match at.checked_sub(LAZY.len()) {
                Some(a) if html[a..at] == *LAZY => at = a,
                _ => return true,
            }
        }
        let old = size_text(m.size);
        match at.checked_sub(old.len()) {
            Some(from) if html.get(from..at) == Some(old.as_str()) => {
                edits.push((from..at, size_text(size)));
                m.size = size;
            }
            _ => {}
        }
        true
    });
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(html.len() + edits.len() * 28);
    let mut copied = 0;
    for (range, text) in edits {
        out.push_str(&html[copied..range.start]);
        out.push_str(&text);
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    Some((out, new_marks))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tags named `names` in `html`, as `name attr=value …`.
    fn tags(html: &str, names: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for_each_tag(html, names, |t| {
            let mut s = t.name.to_string();
            for a in &t.attrs {
                s.push_str(&format!(" {}={}", a.name, a.value));
                assert_eq!(&html[a.range.clone()], a.value);
            }
            assert!(html[t.start..t.end].starts_with('<') && html[..t.end].ends_with('>'));
            out.push(s);
            true
        });
        out
    }

    #[test]
    fn tags_and_attributes_in_any_quotes() {
        let html =
            "<p>a < b <IMG SRC=x.png alt='a > b' hidden data-x=\"1\"/><a href=\"y.pdf\">y</a></p>";
        assert_eq!(
            tags(html, &["img", "a"]),
            ["IMG SRC=x.png alt=a > b hidden= data-x=1", "a href=y.pdf"]
        );
        assert_eq!(tags(html, &[]).len(), 3);
    }

    #[test]
    fn comments_scripts_and_styles_hold_no_tags() {
        let html = concat!(
            "<!-- <img src=\"c.png\"> --><script>s = '<img src=\"s.png\">'</SCRIPT>",
            "<style>a::after { content: \"<img src=t.png>\" }</style><!doctype html>",
            "<?xml x?></div><img src=\"real.png\">"
        );
        assert_eq!(tags(html, &["img"]), ["img src=real.png"]);
    }

    #[test]
    fn cut_html_ends_the_scan() {
        for html in [
            "<img src=\"a",
            "<img",
            "<",
            "<!-- x",
            "<script>x",
            "<img src=a",
        ] {
            assert!(tags(html, &["img"]).is_empty(), "{html}");
        }
    }

    #[test]
    fn new_attributes_go_after_the_last_one() {
        let cases = [
            (
                "<img src=\"a\" alt=\"b\" />",
                "<img src=\"a\" alt=\"b\"|| />",
            ),
            ("<img src=\"a\"/>", "<img src=\"a\"||/>"),
            ("<img src=a/>", "<img src=a/||>"),
            ("<img src='a' >", "<img src='a'|| >"),
            ("<img>", "<img||>"),
        ];
        for (html, want) in cases {
            let mut at = 0;
            for_each_tag(html, &["img"], |t| {
                at = t.insert_at(html);
                false
            });
            assert_eq!(format!("{}||{}", &html[..at], &html[at..]), want);
        }
    }

    #[test]
    fn every_image_but_the_first_is_lazy() {
        let mut html = String::from(
            "<p><img src=\"a.png\" alt=\"\" /></p><img src=b.png width=3><img src='c.png' loading=eager><img src=\"d.png\">",
        );
        let marks = mark_lazy(&mut html);
        assert_eq!(
            html,
            "<p><img src=\"a.png\" alt=\"\" /></p><img src=b.png width=3 loading=\"lazy\"><img src='c.png' loading=eager><img src=\"d.png\" loading=\"lazy\">"
        );
        let lazy: Vec<(bool, bool)> = marks.iter().map(|m| (m.lazy, m.author)).collect();
        assert_eq!(
            lazy,
            [(false, false), (true, true), (false, false), (true, false)]
        );
        let mut none = String::from("<p>no image</p>");
        assert!(mark_lazy(&mut none).is_empty());
    }

    #[test]
    fn srcset_urls_and_entities() {
        let v = "a.png 1x, b,c.png 2x,d.png";
        let urls = srcset_urls(v);
        assert_eq!(urls, [(0, "a.png"), (10, "b,c.png"), (21, "d.png")]);
        for (at, u) in urls {
            assert_eq!(&v[at..at + u.len()], u);
        }
        assert!(srcset_urls(" , ").is_empty());
        assert_eq!(
            decode_entities("a&amp;b&#39;c&#x41;&bogus;&"),
            "a&b'cA&bogus;&"
        );
        assert!(matches!(decode_entities("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn sizes_are_written_changed_and_taken_out_again() {
        let mut html = String::from(
            "<img src=\"a.png\" alt=\"\" /><img src=\"b.png\" width=\"9\"><img src=\"a.png\"><img src=\"x.png\">",
        );
        let marks = mark_lazy(&mut html);
        let sizes = |big: bool| {
            move |src: &str| match src {
                "a.png" if big => Some((80, 60)),
                "a.png" => Some((4, 3)),
                "b.png" => Some((1, 1)),
                _ => None,
            }
        };
        let (once, m1) = apply_sizes(&html, &marks, sizes(false)).unwrap();
        assert_eq!(
            once,
            "<img src=\"a.png\" alt=\"\" width=\"4\" height=\"3\" /><img src=\"b.png\" width=\"9\" loading=\"lazy\"><img src=\"a.png\" width=\"4\" height=\"3\" loading=\"lazy\"><img src=\"x.png\" loading=\"lazy\">"
        );
        // The same sizes: nothing to do.
        assert!(apply_sizes(&once, &m1, sizes(false)).is_none());
        // A new size replaces exactly what was written, and gives what a first pass gives.
        let (twice, m2) = apply_sizes(&once, &m1, sizes(true)).unwrap();
        assert_eq!(
            Some((twice.clone(), m2.clone())),
            apply_sizes(&html, &marks, sizes(true))
        );
        // No size any more: the attributes go.
        let (gone, m3) = apply_sizes(&twice, &m2, |_| None).unwrap();
        assert_eq!(gone, html);
        assert_eq!(m3, marks);
    }
}
