//! The leading `#` heading of a page's body: a level-1 heading that is the body's first
//! block. It is the title of a page whose front matter has none, and the page does not show
//! it a second time under its title.
//!
//! Only the body's first block is parsed, and only when it can be such a heading (its first
//! line starts with `# `, or it has a `===` underline): reading the title costs nothing on
//! other pages.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

/// The options a heading's text is read with: those of the page's Markdown renderer that
/// change what a heading says (its `{#id .class}` attributes are not text).
fn options() -> Options {
    Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// The body's leading `#` heading: its byte range in `body` and its plain text (inline
/// markup left out, as the renderer reads a heading's text); `None` when the body starts
/// with anything else or the heading has no text.
pub(super) fn leading(body: &str) -> Option<(Range<usize>, String)> {
    let end = first_block_end(body)?;
    let mut events = Parser::new_ext(&body[..end], options()).into_offset_iter();
    let (first, range) = events.next()?;
    if !matches!(
        first,
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        })
    ) {
        return None;
    }
    let mut text = String::new();
    for (ev, _) in events {
        match ev {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            _ => {}
        }
    }
    let text = text.trim();
    (!text.is_empty()).then(|| (range, text.to_string()))
}

/// Where the body's first block ends (the line after a `#` line, or after a `===`
/// underline), when it can be a level-1 heading; `None` otherwise.
fn first_block_end(body: &str) -> Option<usize> {
    let mut started = false;
    for (start, line) in lines(body) {
        let next = start + line.len();
        let text = line.trim_end_matches(['\n', '\r']);
        if text.trim().is_empty() {
            if started {
                return None;
            }
            continue;
        }
        if !started {
            started = true;
            if is_atx_h1(text) {
                return Some(next);
            }
        } else if is_setext_h1(text) {
            return Some(next);
        }
    }
    None
}

/// The lines of `text` with their line breaks, and where each starts.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |pos, line| {
        let start = *pos;
        *pos += line.len();
        Some((start, line))
    })
}

/// `line` without the up to three spaces a block may be indented by; `None` when it is
/// indented more (an indented code block).
fn unindented(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches(' ');
    (line.len() - rest.len() <= 3).then_some(rest)
}

/// Whether `line` opens an ATX level-1 heading: `#` then a space, a tab or nothing.
fn is_atx_h1(line: &str) -> bool {
    unindented(line)
        .and_then(|l| l.strip_prefix('#'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Whether `line` is the underline of a setext level-1 heading: `=` only.
fn is_setext_h1(line: &str) -> bool {
    unindented(line)
        .map(str::trim_end)
        .is_some_and(|l| !l.is_empty() && l.bytes().all(|b| b == b'='))
}

/// Whether a title and a heading's text say the same: equal once runs of white space are
/// one space and both are in the same Unicode form (NFC).
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let normal = |s: &str| -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect()
    };
    a == b || normal(a) == normal(b)
}

/// Where the first level-1 heading of `body` starts, anywhere in it (for the hint of a page
/// without a title: read only when there is an error to report).
pub(super) fn first_h1(body: &str) -> Option<usize> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .find_map(|(ev, range)| match ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => Some(range.start),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_leading_heading_and_its_plain_text() {
        let got = |body: &str| leading(body).map(|(r, t)| (body[r].to_string(), t));
        assert_eq!(
            got("# Đặc điểm *tình* `hình`\n\nVăn bản.\n"),
            Some((
                "# Đặc điểm *tình* `hình`\n".into(),
                "Đặc điểm tình hình".into()
            ))
        );
        assert_eq!(
            got("\n\n  # Tiêu đề {#tieu-de}\nVăn bản.\n").map(|g| g.1),
            Some("Tiêu đề".into())
        );
        assert_eq!(
            got("Tiêu đề\n===\n\nVăn bản.\n"),
            Some(("Tiêu đề\n===\n".into(), "Tiêu đề".into()))
        );
        assert_eq!(got("#\n"), None, "no text");
        for body in [
            "## Hai\n",
            "#Không\n",
            "    # mã\n",
            "Văn bản.\n\n# Sau\n",
            "```\n# mã\n```\n",
            "> # Trích\n",
            "Văn bản\n---\n",
            "",
        ] {
            assert_eq!(got(body), None, "{body:?}");
        }
    }

    #[test]
    fn same_text_ignores_spacing_and_the_unicode_form() {
        assert!(same_text("Đặc điểm", "Đặc  điểm"));
        assert!(same_text(
            "Đặc điểm",
            "Đa\u{323}\u{306}c đie\u{302}\u{309}m"
        ));
        assert!(!same_text("Đặc điểm", "Đặc điểm tình hình"));
    }

    #[test]
    fn the_first_heading_anywhere() {
        let body = "Văn bản.\n\n# Sau\n";
        assert_eq!(first_h1(body), body.find("# Sau"));
        assert_eq!(first_h1("## Hai\n"), None);
    }
}
