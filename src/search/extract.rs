//! Text of a rendered article, split into sections at its headings.
//!
//! The input is the article HTML the renderer produced (well-formed, headings with `id`).
//! Text of tables and footnotes is kept; these are left out: `<script>`, `<style>`,
//! `<svg>` (charts repeat their table), `<button>`, `<template>`, permalink anchors
//! (`class="anchor"`), footnote back links and reference numbers, anything `aria-hidden="true"`
//! and any element carrying the attribute `data-search-ignore`.

use std::borrow::Cow;

/// One section of a page: the text from one heading to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id`, if the section starts at a heading that has one.
    pub anchor: Option<String>,
    /// The headings above this one on the page, outermost first, then this heading's text.
    pub headings: Vec<String>,
    /// Text blocks (paragraphs, list items, table rows, …), whitespace collapsed, each
    /// followed by `\n` (a block never contains one).
    pub text: String,
}

impl Section {
    /// This section's own heading text (empty for the text before the first heading).
    pub fn heading(&self) -> &str {
        self.headings.last().map(String::as_str).unwrap_or("")
    }

    /// The text blocks.
    pub fn blocks(&self) -> impl Iterator<Item = &str> {
        self.text.split_terminator('\n')
    }

    /// The blocks joined with `\n`.
    pub fn joined(&self) -> &str {
        self.text.strip_suffix('\n').unwrap_or(&self.text)
    }
}

/// What the extractor does with an element, by tag name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading(usize),
    /// Ends a block of text (bigram and snippet boundaries); `true` when also void.
    Block(bool),
    /// Left out with its content; `true` for raw-text elements (script, style).
    Skip(bool),
    Cell,
    Img,
    Void,
    Other,
}

fn kind(name: &str) -> Kind {
    let mut buf = [0u8; 10];
    let b = name.as_bytes();
    if b.len() > buf.len() {
        return Kind::Other;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..b.len()] {
        [b'h', d @ b'1'..=b'6'] => Kind::Heading((d - b'0') as usize),
        b"br" | b"hr" => Kind::Block(true),
        b"p" | b"div" | b"li" | b"ul" | b"ol" | b"dl" | b"dt" | b"dd" | b"tr" | b"table"
        | b"thead" | b"tbody" | b"caption" | b"figure" | b"figcaption" | b"blockquote" | b"pre"
        | b"section" | b"article" | b"aside" | b"header" | b"footer" | b"details" | b"summary" => {
            Kind::Block(false)
        }
        b"script" | b"style" => Kind::Skip(true),
        b"svg" | b"button" | b"template" | b"noscript" | b"select" | b"math" => Kind::Skip(false),
        b"td" | b"th" => Kind::Cell,
        b"img" => Kind::Img,
        b"area" | b"base" | b"col" | b"embed" | b"input" | b"link" | b"meta" | b"source"
        | b"track" | b"wbr" | b"param" => Kind::Void,
        _ => Kind::Other,
    }
}

const SKIP_CLASSES: [&str; 4] = ["anchor", "footnote-back", "footnote-ref", "headerlink"];

struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: &'a str,
}

fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    // `s` starts with '<'.
    let end = find_tag_end(s)?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    if !inner
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
    {
        return None;
    }
    // The name ends at whitespace, `/` or `>`: found among the bytes while they are ASCII.
    let name_len = match inner.bytes().position(|c| {
        c.is_ascii_whitespace() || c == b'\x0b' || c == b'/' || c == b'>' || c >= 0x80
    }) {
        Some(p) if inner.as_bytes()[p] >= 0x80 => inner
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(inner.len()),
        Some(p) => p,
        None => inner.len(),
    };
    let name = &inner[..name_len];
    let attrs = &inner[name_len..];
    let self_closing = attrs.trim_end().ends_with('/');
    Some((
        Tag {
            name,
            closing,
            self_closing,
            attrs,
        },
        end + 1,
    ))
}

/// Index of the `>` closing the tag at the start of `s`, skipping quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 1;
    loop {
        // The next `>` or quote.
        i += memchr::memchr3(b'>', b'"', b'\'', &b[i..])?;
        if b[i] == b'>' {
            return Some(i);
        }
        let q = b[i];
        i += 1;
        i += memchr::memchr(q, &b[i..])? + 1;
    }
}

/// Calls `f(name, raw value)` for every attribute in an attribute string (values not yet
/// entity-decoded; `""` for an attribute without a value) until `f` returns `false`.
fn for_each_attr<'a>(attrs: &'a str, mut f: impl FnMut(&'a str, &'a str) -> bool) {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let s = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'=' {
            i += 1;
        }
        let key = &attrs[s..i];
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                i += 1;
                let vs = i;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
                }
                value = &attrs[vs..i];
                i += 1;
            } else {
                let vs = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &attrs[vs..i];
            }
        }
        if !f(key, value) {
            return;
        }
        if s == i {
            i += 1;
        }
    }
}

/// What one pass over a start tag's attributes found.
#[derive(Default)]
struct Attrs<'a> {
    skip: bool,
    id: Option<Cow<'a, str>>,
    alt: Option<Cow<'a, str>>,
}

fn scan_attrs(attrs: &str) -> Attrs<'_> {
    let mut out = Attrs::default();
    if attrs.bytes().all(|b| b.is_ascii_whitespace() || b == b'/') {
        return out;
    }
    // The first occurrence of an attribute counts, as a browser reads it.
    let (mut seen_aria, mut seen_class) = (false, false);
    for_each_attr(attrs, |k, v| {
        if k.eq_ignore_ascii_case("aria-hidden") {
            if !seen_aria {
                seen_aria = true;
                out.skip |= decode_entities(v) == "true";
            }
        } else if k.eq_ignore_ascii_case("data-search-ignore") {
            out.skip = true;
        } else if k.eq_ignore_ascii_case("class") {
            if !seen_class {
                seen_class = true;
                out.skip |= decode_entities(v)
                    .split_whitespace()
                    .any(|c| SKIP_CLASSES.contains(&c));
            }
        } else if k.eq_ignore_ascii_case("id") {
            if out.id.is_none() {
                out.id = Some(decode_entities(v));
            }
        } else if k.eq_ignore_ascii_case("alt") && out.alt.is_none() {
            out.alt = Some(decode_entities(v));
        }
        true
    });
    out
}

/// Decodes the character references a renderer emits (named basics and numeric ones).
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';');
        let decoded = semi.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(h) => u32::from_str_radix(h, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(v)
                }
            }?;
            Some((c, e + 1))
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

/// The length of the non-ASCII whitespace character (as [`char::is_whitespace`]) that `b`
/// starts with, or 0. Read from the bytes: Vietnamese letters (lead byte 0xE1) are common
/// and never whitespace, so they must not cost a decoding.
#[inline]
fn whitespace_len(b: &[u8]) -> usize {
    match b {
        // U+0085, U+00A0.
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680.
        [0xE1, 0x9A, 0x80, ..] => 3,
        // U+2000..=U+200A, U+2028, U+2029, U+202F.
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        // U+205F.
        [0xE2, 0x81, 0x9F, ..] => 3,
        // U+3000.
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Per byte, for [`push_collapsed`]: 1 for ASCII whitespace, 2 for the lead bytes of the
/// non-ASCII whitespace characters ([`whitespace_len`] decides), 0 for the rest.
static WS_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = 1;
    let mut b = 0x09;
    while b <= 0x0d {
        t[b] = 1;
        b += 1;
    }
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// True when `b` (whose first byte is `first`) starts with a whitespace character.
#[inline]
fn starts_whitespace(b: &[u8], first: u8) -> bool {
    match WS_CLASS[first as usize] {
        0 => false,
        1 => true,
        _ => whitespace_len(b) > 0,
    }
}

/// True when the only whitespace of `b` is single spaces (no two in a row): no whitespace
/// other than U+0020 can start at a byte that is neither 0x09..=0x0D nor 0xC2, 0xE2, 0xE3,
/// nor an 0xE1 followed by 0x9A. Checked many bytes at a time (see [`crate::text::bytescan`]).
#[inline]
fn is_plain(b: &[u8]) -> bool {
    let special = crate::text::bytescan::any(b, |c| {
        (c.wrapping_sub(0x09) < 5) | (c == 0xC2) | (c == 0xE2) | (c == 0xE3) | (c == 0x9A)
    });
    !special && memchr::memmem::find(b, b"  ").is_none()
}

/// Appends `t` to `buf` with every whitespace character (as [`char::is_whitespace`]) turned
/// into one space, none at the start of `buf` and never two in a row.
fn push_collapsed(buf: &mut String, t: &str) {
    let b = t.as_bytes();
    if is_plain(b) {
        // Only single spaces between words: the text as it is, but a leading space that
        // would start `buf` or follow a space there.
        let t = match t.strip_prefix(' ') {
            Some(rest) if buf.is_empty() || buf.ends_with(' ') => rest,
            _ => t,
        };
        buf.push_str(t);
        return;
    }
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let ws = match WS_CLASS[b[i] as usize] {
            0 => {
                i += 1;
                continue;
            }
            1 => 1,
            _ => match whitespace_len(&b[i..]) {
                0 => {
                    i += 1;
                    continue;
                }
                l => l,
            },
        };
        // A single space after a word and before another stays as it is, in the run.
        if b[i] == b' '
            && i > run
            && !b
                .get(i + 1)
                .is_some_and(|&n| starts_whitespace(&b[i + 1..], n))
        {
            i += 1;
            continue;
        }
        buf.push_str(&t[run..i]);
        if !buf.is_empty() && !buf.ends_with(' ') {
            buf.push(' ');
        }
        i += ws;
        run = i;
    }
    buf.push_str(&t[run..]);
}

struct Builder {
    sections: Vec<Section>,
    current: Section,
    block: String,
    heading_level: Option<usize>,
    heading_text: String,
    /// Heading texts by level (index 0 = h1).
    trail: [Option<String>; 6],
}

impl Builder {
    fn text(&mut self, t: &str) {
        let buf = if self.heading_level.is_some() {
            &mut self.heading_text
        } else {
            &mut self.block
        };
        push_collapsed(buf, t);
    }

    fn end_block(&mut self) {
        if self.heading_level.is_some() {
            if !self.heading_text.is_empty() && !self.heading_text.ends_with(' ') {
                self.heading_text.push(' ');
            }
            return;
        }
        let b = self.block.trim();
        if !b.is_empty() {
            self.current.text.push_str(b);
            self.current.text.push('\n');
        }
        self.block.clear();
    }

    fn start_heading(&mut self, level: usize, id: Option<Cow<str>>) {
        self.end_block();
        let done = std::mem::take(&mut self.current);
        if !done.text.is_empty() || !done.headings.is_empty() {
            self.sections.push(done);
        }
        self.current.anchor = id.filter(|s| !s.is_empty()).map(Cow::into_owned);
        self.heading_level = Some(level);
        self.heading_text.clear();
    }

    fn end_heading(&mut self) {
        let Some(level) = self.heading_level.take() else {
            return;
        };
        let text = self.heading_text.trim().to_string();
        let idx = level.clamp(1, 6) - 1;
        self.trail[idx] = Some(text);
        for t in self.trail.iter_mut().skip(idx + 1) {
            *t = None;
        }
        self.current.headings = self.trail[..=idx].iter().flatten().cloned().collect();
        self.heading_text.clear();
    }

    fn finish(mut self) -> Vec<Section> {
        self.end_heading();
        self.end_block();
        let done = std::mem::take(&mut self.current);
        if !done.text.is_empty() || !done.headings.is_empty() {
            self.sections.push(done);
        }
        self.sections
    }
}

/// Splits article HTML into sections at its headings.
pub fn sections(html: &str) -> Vec<Section> {
    let mut b = Builder {
        sections: Vec::new(),
        current: Section::default(),
        block: String::new(),
        heading_level: None,
        heading_text: String::new(),
        trail: Default::default(),
    };
    // While skipping: the tag name and its nesting depth.
    let mut skipping: Option<(&str, usize)> = None;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let Some(lt) = memchr::memchr(b'<', rest.as_bytes()) else {
            if skipping.is_none() {
                b.text(&decode_entities(rest));
            }
            break;
        };
        if lt > 0 {
            if skipping.is_none() {
                b.text(&decode_entities(&rest[..lt]));
            }
            i += lt;
            continue;
        }
        if rest.starts_with("<!--") {
            i += rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            continue;
        }
        let Some((tag, len)) = parse_tag(rest) else {
            // A lone '<' is text.
            if skipping.is_none() {
                b.text("<");
            }
            i += 1;
            continue;
        };
        i += len;
        let k = kind(tag.name);
        let void = matches!(k, Kind::Void | Kind::Img | Kind::Block(true)) || tag.self_closing;
        if let Some((name, depth)) = &mut skipping {
            if name.eq_ignore_ascii_case(tag.name) {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skipping = None;
                    }
                } else if !void {
                    *depth += 1;
                }
            }
            continue;
        }
        if tag.closing {
            match k {
                Kind::Heading(_) => b.end_heading(),
                Kind::Block(_) => b.end_block(),
                Kind::Cell => b.text(" "),
                _ => {}
            }
            continue;
        }
        let attrs = scan_attrs(tag.attrs);
        if attrs.skip || matches!(k, Kind::Skip(_)) {
            if !void {
                // Raw-text elements: jump straight to their end tag.
                if k == Kind::Skip(true) {
                    let lower = &html[i..];
                    let end = find_close_ci(lower, tag.name).unwrap_or(lower.len());
                    i += end;
                    i += html[i..].find('>').map(|e| e + 1).unwrap_or(html.len() - i);
                } else {
                    skipping = Some((tag.name, 1));
                }
            }
            continue;
        }
        match k {
            Kind::Heading(level) => b.start_heading(level, attrs.id),
            Kind::Block(_) => b.end_block(),
            Kind::Img => {
                if let Some(alt) = attrs.alt {
                    b.text(" ");
                    b.text(&alt);
                    b.text(" ");
                }
            }
            _ => {}
        }
    }
    b.finish()
}

/// Offset of the first `</name` (ASCII case-insensitive) in `hay`.
fn find_close_ci(hay: &str, name: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = name.as_bytes();
    let mut from = 0;
    while let Some(p) = h[from..].iter().position(|&c| c == b'<') {
        let at = from + p;
        let rest = &h[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > n.len()
            && rest[1..=n.len()].eq_ignore_ascii_case(n)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn whitespace_bytes_agree_with_unicode() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let mut buf = [0u8; 4];
            let s = c.encode_utf8(&mut buf);
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(super::whitespace_len(s.as_bytes()), expected, "{c:?}");
        }
    }

    use super::*;

    /// What [`push_collapsed`] must do, one character at a time.
    fn collapsed_reference(buf: &mut String, t: &str) {
        for c in t.chars() {
            if !c.is_whitespace() {
                buf.push(c);
            } else if !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
        }
    }

    #[test]
    fn collapsing_whitespace_agrees_with_one_character_at_a_time() {
        // Texts of pieces that exercise both the plain fast path and the general one: single
        // and double spaces, other ASCII and non-ASCII whitespace, Vietnamese letters whose
        // bytes look like the start of whitespace (0xE1, 0x9A), at either end too.
        let pieces = [
            "a",
            "dân",
            "Ớ",
            "ỹ",
            " ",
            "  ",
            "\n",
            "\t",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2003}",
            "\u{202f}",
            "\u{3000}",
            "\u{2010}",
            "×",
            "x\u{1e9a}",
            "đ",
            "\r\n",
        ];
        let mut next = crate::text::bytescan::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..next() % 8 {
                t.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            for start in ["", "x", "x "] {
                let (mut got, mut want) = (start.to_string(), start.to_string());
                push_collapsed(&mut got, &t);
                collapsed_reference(&mut want, &t);
                assert_eq!(got, want, "{start:?} + {t:?}");
            }
        }
    }

    #[test]
    fn splits_at_headings_and_keeps_tables_and_footnotes() {
        let html = r##"<p>Mở đầu &amp; giới thiệu<sup class="footnote-ref"><a href="#fn-1">1</a></sup>.</p>
<h2 id="dac-diem">Đặc điểm <a class="anchor" href="#dac-diem" aria-label="x">#</a></h2>
<p>Công tác <em>dân vận</em></p>
<table><thead><tr><th>Chỉ tiêu</th><th>Số</th></tr></thead><tbody><tr><td>Hồ sơ</td><td>2.272</td></tr></tbody></table>
<h3 id="khieu-nai">Khiếu nại</h3><ul><li>Một</li><li>Hai</li></ul>
<script>alert("x")</script><svg><text>chart</text></svg>
<section class="footnotes"><ol><li id="fn-1">Theo 114-KL/TW <a class="footnote-back" href="#r">↩</a></li></ol></section>"##;
        let s = sections(html);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].anchor, None);
        let blocks = |s: &Section| s.blocks().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(blocks(&s[0]), vec!["Mở đầu & giới thiệu."]);
        assert_eq!(s[1].anchor.as_deref(), Some("dac-diem"));
        assert_eq!(s[1].heading(), "Đặc điểm");
        assert_eq!(blocks(&s[1])[0], "Công tác dân vận");
        assert!(s[1]
            .blocks()
            .any(|b| b.contains("Hồ sơ") && b.contains("2.272")));
        assert_eq!(s[2].headings, vec!["Đặc điểm", "Khiếu nại"]);
        assert_eq!(blocks(&s[2]), vec!["Một", "Hai", "Theo 114-KL/TW"]);
        let all = format!("{s:?}");
        assert!(!all.contains("alert") && !all.contains("chart") && !all.contains('↩'));
    }

    #[test]
    fn escaped_markup_stays_text() {
        let s = sections(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
        );
        assert_eq!(
            s[0].joined(),
            "<script>alert(1)</script> <img src=x onerror=alert(1)>"
        );
    }

    /// A section as (anchor, heading trail joined by ` > `, blocks joined by `|`).
    type Summary<'a> = (Option<&'a str>, &'a str, &'a str);

    /// The sections of `html` as (anchor, heading trail joined by ` > `, blocks joined by `|`).
    fn summary(html: &str) -> Vec<(Option<String>, String, String)> {
        sections(html)
            .into_iter()
            .map(|s| {
                let blocks: Vec<&str> = s.blocks().collect();
                (s.anchor.clone(), s.headings.join(" > "), blocks.join("|"))
            })
            .collect()
    }

    /// Checks what every section's text must be, whatever the input: blocks not empty,
    /// trimmed, without two spaces in a row, and no tag of `tags` left in them.
    fn assert_clean_text(html: &str, tags: &[&str]) {
        for s in sections(html) {
            assert!(
                s.text.is_empty() || s.text.ends_with('\n'),
                "{html:?}: {s:?}"
            );
            for block in s.blocks().chain(s.headings.iter().map(String::as_str)) {
                assert_eq!(block, block.trim(), "{html:?}: {s:?}");
                assert!(!block.contains("  "), "{html:?}: {s:?}");
                for tag in tags {
                    assert!(!block.contains(tag), "{html:?} left {tag:?} in {s:?}");
                }
            }
            assert!(s.blocks().all(|b| !b.is_empty()), "{html:?}: {s:?}");
        }
    }

    #[test]
    fn bad_input_gives_predictable_sections() {
        let none: &[Summary] = &[];
        let cases: &[(&str, &[Summary])] = &[
            // A `<` that starts no tag, and a tag never closed, are text.
            ("<", &[(None, "", "<")]),
            ("<p", &[(None, "", "<p")]),
            ("a < b > c", &[(None, "", "a < b > c")]),
            // A heading never closed still starts a section.
            ("<h2 id='x'>", &[(Some("x"), "", "")]),
            ("</h2>", none),
            // An unfinished comment or script hides the rest.
            ("<!-- x", none),
            ("<p>a</p><!-- x <p>b</p>", &[(None, "", "a")]),
            ("<p>a</p><script>b<p>c</p>", &[(None, "", "a")]),
            // A reference to no character stays as written.
            ("&#xFFFFFFFF;", &[(None, "", "&#xFFFFFFFF;")]),
            ("x &amp y &lt;p&gt;", &[(None, "", "x &amp y <p>")]),
            // No such heading level: its text is body text.
            ("<h7>x</h7>", &[(None, "", "x")]),
            // A `>` inside a quoted value does not end the tag.
            ("<p x=\"a>b\">c", &[(None, "", "c")]),
            // Stray end tags end blocks and nothing else.
            ("<p>a</p></div></div><p>b", &[(None, "", "a|b")]),
            // Nested left-out elements end at their own end tag.
            (
                "<svg><svg></svg>hidden</svg><p>shown",
                &[(None, "", "shown")],
            ),
            // A heading closed by another level's end tag.
            (
                "<p>Một <b>hai</p><h2 id=\"b\">Hai</h3><p>ba</p>",
                &[(None, "", "Một hai"), (Some("b"), "Hai", "ba")],
            ),
        ];
        for (html, want) in cases {
            let want: Vec<(Option<String>, String, String)> = want
                .iter()
                .map(|(a, h, t)| (a.map(str::to_string), h.to_string(), t.to_string()))
                .collect();
            assert_eq!(summary(html), want, "{html:?}");
        }
    }

    #[test]
    fn random_markup_leaves_no_tags_in_the_text() {
        let tags = [
            "<p>",
            "</p>",
            "<h2 id=\"s\">",
            "</h2>",
            "<h3>",
            "</h3>",
            "<b>",
            "</b>",
            "<script>",
            "</script>",
            "<svg>",
            "</svg>",
            "<!--",
            "<br>",
            "<td>",
            "</td>",
            "<li>",
        ];
        let mut pieces: Vec<&str> = tags.to_vec();
        // A lone `-->`, `<` or `>` is text (as in a browser).
        pieces.extend([
            "-->", "<", ">", "\"", "'", "&amp;", " ", "\n", "đảng", "\u{a0}",
        ]);
        let mut next = crate::text::bytescan::xorshift(0x0ddb_a11c_0ffe);
        for len in 0..400 {
            let html = crate::text::bytescan::random_text(&mut next, &pieces, 3, "chữ ", len);
            assert_clean_text(&html, &tags);
        }
    }

    #[test]
    fn sections_come_out_in_order_with_their_text_and_nothing_left_out() {
        let mut next = crate::text::bytescan::xorshift(0x5ec7_1015);
        for round in 0..50 {
            let count = 1 + (next() % 8) as usize;
            let mut html = String::from("<p>mở đầu</p>");
            let mut want = vec![(None, String::new(), "mở đầu".to_string())];
            let mut trail: Vec<String> = Vec::new();
            for i in 0..count {
                let level = 2 + (next() % 3) as usize;
                let heading = format!("Mục {round}.{i}");
                trail.truncate(level - 2);
                trail.resize(level - 2, String::new());
                trail.push(heading.clone());
                let noise = [
                    "<script>ẩn</script>",
                    "<svg><text>ẩn</text></svg>",
                    "<a class=\"anchor\" href=\"#\">ẩn</a>",
                    "<span aria-hidden=\"true\">ẩn</span>",
                    "<!-- ẩn -->",
                    "<div data-search-ignore>ẩn</div>",
                ][(next() % 6) as usize];
                html.push_str(&format!(
                    "<h{level} id=\"m{i}\">{heading}{noise}</h{level}>\
                     <p>đoạn {i} <b>một</b>{noise}</p><ul><li>ý {i}</li></ul>"
                ));
                let trail: Vec<&str> = trail
                    .iter()
                    .map(String::as_str)
                    .filter(|h| !h.is_empty())
                    .collect();
                want.push((
                    Some(format!("m{i}")),
                    trail.join(" > "),
                    format!("đoạn {i} một|ý {i}"),
                ));
            }
            assert_eq!(summary(&html), want, "{html}");
            assert!(!sections(&html).iter().any(|s| s.text.contains("ẩn")));
        }
    }
}
