//! Text of a rendered article, split into sections at its headings.
//!
//! The input is the article HTML the renderer produced (well-formed, headings with `id`).
//! Text of tables and footnotes is kept; these are left out: `<script>`, `<style>`,
//! `<svg>` (charts repeat their table), `<button>`, `<template>`, permalink anchors
//! (`class="anchor"`), footnote back links and reference numbers, anything `aria-hidden="true"`
//! and any element carrying the attribute `data-search-ignore`.

/// One section of a page: the text from one heading to the next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id`, if the section starts at a heading that has one.
    pub anchor: Option<String>,
    /// The headings above this one on the page, outermost first, then this heading's text.
    pub headings: Vec<String>,
    /// Text blocks (paragraphs, list items, table rows, …), whitespace collapsed.
    pub blocks: Vec<String>,
}

impl Section {
    /// This section's own heading text (empty for the text before the first heading).
    pub fn heading(&self) -> &str {
        self.headings.last().map(String::as_str).unwrap_or("")
    }
}

const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param",
];

const SKIP: [&str; 8] = [
    "script", "style", "svg", "button", "template", "noscript", "select", "math",
];

const SKIP_CLASSES: [&str; 4] = ["anchor", "footnote-back", "footnote-ref", "headerlink"];

/// Tags that end a block of text (bigram and snippet boundaries).
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "caption"
            | "figure"
            | "figcaption"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "br"
            | "hr"
            | "details"
            | "summary"
    )
}

struct Tag<'a> {
    name: String,
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
    let name_len = inner
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(inner.len());
    let name = inner[..name_len].to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
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
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i),
            None => {}
        }
    }
    None
}

/// The value of attribute `name` in an attribute string, entity-decoded.
fn attr(attrs: &str, name: &str) -> Option<String> {
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
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let q = bytes[i];
                i += 1;
                let vs = i;
                while i < bytes.len() && bytes[i] != q {
                    i += 1;
                }
                value = decode_entities(&attrs[vs..i]);
                i += 1;
            } else {
                let vs = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = decode_entities(&attrs[vs..i]);
            }
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if s == i {
            i += 1;
        }
    }
    None
}

/// Decodes the character references a renderer emits (named basics and numeric ones).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[..rest.len().min(12)].find(';');
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
    out
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
        // Runs of whitespace become one space.
        for (i, part) in t.split(char::is_whitespace).enumerate() {
            if i > 0 && !buf.is_empty() && !buf.ends_with(' ') {
                buf.push(' ');
            }
            buf.push_str(part);
        }
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
            self.current.blocks.push(b.to_string());
        }
        self.block.clear();
    }

    fn start_heading(&mut self, level: usize, id: Option<String>) {
        self.end_block();
        let done = std::mem::take(&mut self.current);
        if !done.blocks.is_empty() || !done.headings.is_empty() {
            self.sections.push(done);
        }
        self.current.anchor = id.filter(|s| !s.is_empty());
        self.heading_level = Some(level);
        self.heading_text.clear();
    }

    fn end_heading(&mut self) {
        let Some(level) = self.heading_level.take() else {
            return;
        };
        let text = self.heading_text.trim().to_string();
        let idx = level.clamp(1, 6) - 1;
        self.trail[idx] = Some(text.clone());
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
        if !done.blocks.is_empty() || !done.headings.is_empty() {
            self.sections.push(done);
        }
        self.sections
    }
}

fn heading_level(name: &str) -> Option<usize> {
    let b = name.as_bytes();
    (b.len() == 2 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1])).then(|| (b[1] - b'0') as usize)
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
    let mut skipping: Option<(String, usize)> = None;
    let mut i = 0;
    while i < html.len() {
        let rest = &html[i..];
        let Some(lt) = rest.find('<') else {
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
        let void = VOID.contains(&tag.name.as_str()) || tag.self_closing;
        if let Some((name, depth)) = &mut skipping {
            if *name == tag.name {
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
            if heading_level(&tag.name).is_some() {
                b.end_heading();
            } else if is_block(&tag.name) {
                b.end_block();
            } else if tag.name == "td" || tag.name == "th" {
                b.text(" ");
            }
            continue;
        }
        let skip = SKIP.contains(&tag.name.as_str())
            || attr(tag.attrs, "aria-hidden").is_some_and(|v| v == "true")
            || attr(tag.attrs, "data-search-ignore").is_some()
            || attr(tag.attrs, "class")
                .is_some_and(|c| c.split_whitespace().any(|c| SKIP_CLASSES.contains(&c)));
        if skip {
            if !void {
                // Raw-text elements: jump straight to their end tag.
                if tag.name == "script" || tag.name == "style" {
                    let close = format!("</{}", tag.name);
                    let lower = &html[i..];
                    let end = find_ascii_ci(lower, &close).unwrap_or(lower.len());
                    i += end;
                    i += html[i..].find('>').map(|e| e + 1).unwrap_or(html.len() - i);
                } else {
                    skipping = Some((tag.name, 1));
                }
            }
            continue;
        }
        if let Some(level) = heading_level(&tag.name) {
            b.start_heading(level, attr(tag.attrs, "id"));
        } else if is_block(&tag.name) {
            b.end_block();
        } else if tag.name == "img" {
            if let Some(alt) = attr(tag.attrs, "alt") {
                b.text(" ");
                b.text(&alt);
                b.text(" ");
            }
        }
    }
    b.finish()
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(s[0].blocks, vec!["Mở đầu & giới thiệu."]);
        assert_eq!(s[1].anchor.as_deref(), Some("dac-diem"));
        assert_eq!(s[1].heading(), "Đặc điểm");
        assert_eq!(s[1].blocks[0], "Công tác dân vận");
        assert!(s[1]
            .blocks
            .iter()
            .any(|b| b.contains("Hồ sơ") && b.contains("2.272")));
        assert_eq!(s[2].headings, vec!["Đặc điểm", "Khiếu nại"]);
        assert_eq!(s[2].blocks, vec!["Một", "Hai", "Theo 114-KL/TW"]);
        let all = format!("{s:?}");
        assert!(!all.contains("alert") && !all.contains("chart") && !all.contains('↩'));
    }

    #[test]
    fn escaped_markup_stays_text() {
        let s = sections(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
        );
        assert_eq!(
            s[0].blocks,
            vec!["<script>alert(1)</script> <img src=x onerror=alert(1)>"]
        );
    }

    #[test]
    fn bad_input_does_not_panic() {
        for html in [
            "<",
            "<p",
            "<h2 id='x'>",
            "</h2>",
            "a < b > c",
            "<!-- x",
            "&#xFFFFFFFF;",
            "<h7>x</h7>",
        ] {
            let _ = sections(html);
        }
    }
}
