//! Finding a page's calls in its text, outside code, and putting fillers in their place.

use std::ops::Range;

use super::parse::{parse_at, Call, Form, Found, SyntaxError};

/// Whether `text` may hold a call: a `{{` or a `{%`. The only cost a page without
/// shortcodes pays.
pub(crate) fn has_candidates(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'{', b).any(|i| matches!(b.get(i + 1), Some(b'{' | b'%')))
}

/// What a call or an escaped call found in the text is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ItemKind {
    /// A call.
    Call(Call),
    /// `{{/* … */}}`: the text to show.
    Literal(String),
}

/// A call (or an escaped one) found in the text, with the filler that replaced it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// What it is.
    pub kind: ItemKind,
    /// Where it is written.
    pub span: Range<usize>,
    /// Whether its filler is a thematic break (a block alone on its line).
    pub block_filler: bool,
}

/// The calls of a page's text.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The text, each item replaced by a filler of the same length in bytes.
    pub text: String,
    /// The items, in order.
    pub items: Vec<Item>,
    /// Malformed calls.
    pub errors: Vec<SyntaxError>,
    /// `{{ name }}` and `{% name %}` without parentheses: (name, where).
    pub bare: Vec<(String, Range<usize>)>,
}

/// The calls in `text` outside the ranges `code` (sorted, not overlapping), for a site
/// where `is_block` tells which calls make blocks and `is_known` which names are
/// shortcodes (`{{ name }}` is text unless `name` is one). `None` when there is nothing to
/// expand or report.
pub(crate) fn scan(
    text: &str,
    code: &[Range<usize>],
    is_block: impl Fn(&Call) -> bool,
    is_known: impl Fn(&str) -> bool,
) -> Option<Scan> {
    let mut scan = Scan::default();
    let b = text.as_bytes();
    let mut code = code.iter().peekable();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'{', &b[from..]).map(|i| from + i) {
        from = i + 1;
        if !matches!(b.get(i + 1), Some(b'{' | b'%')) {
            continue;
        }
        while code.next_if(|r| r.end <= i).is_some() {}
        if let Some(r) = code.peek().filter(|r| r.start <= i) {
            from = r.end;
            continue;
        }
        match parse_at(text, i) {
            Found::Call(call) => {
                let block_filler = is_block(&call) && alone_on_line(text, &call.span);
                from = call.span.end;
                scan.items.push(Item {
                    span: call.span.clone(),
                    kind: ItemKind::Call(call),
                    block_filler,
                });
            }
            Found::Literal { span, text } => {
                from = span.end;
                scan.items.push(Item {
                    kind: ItemKind::Literal(text),
                    span,
                    block_filler: false,
                });
            }
            Found::Bare { name, span } if is_known(&name) => scan.bare.push((name, span)),
            Found::Bare { .. } => {}
            Found::Error(e) => {
                from = e.resume.max(i + 2);
                scan.errors.push(e);
            }
            Found::Text => {}
        }
    }
    if scan.items.is_empty() && scan.errors.is_empty() && scan.bare.is_empty() {
        return None;
    }
    scan.text = filled(text, &scan.items);
    Some(scan)
}

/// How many figures `text` seems to have (calls to `figure`, code not told apart): the
/// guess a page's numbering starts from before its neighbours are rendered.
pub(crate) fn guess_figures(text: &str) -> u32 {
    if !has_candidates(text) {
        return 0;
    }
    let Some(scan) = scan(text, &[], |_| false, |_| false) else {
        return 0;
    };
    let figures = scan.items.iter().filter(
        |i| matches!(&i.kind, ItemKind::Call(c) if c.name == "figure" && c.form != Form::End),
    );
    figures.count() as u32
}

/// Whether `span` of `text` stands alone on its line: before it only spaces, tabs, `>` of
/// quotes and a list item's marker; after it only spaces and tabs.
fn alone_on_line(text: &str, span: &Range<usize>) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..span.start].trim_start_matches([' ', '\t', '>']);
    let before_ok = before.is_empty() || is_list_marker(before.trim_end_matches([' ', '\t']));
    let rest = &text[span.end..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    before_ok && rest[..line_end].trim_matches([' ', '\t', '\r']).is_empty()
}

/// Whether `s` (followed by a space in the text) is a list item's marker: `-`, `+`, `*`,
/// `1.` or `1)`.
fn is_list_marker(s: &str) -> bool {
    match s.as_bytes() {
        [b'-' | b'+' | b'*'] => true,
        [digits @ .., b'.' | b')'] => {
            !digits.is_empty() && digits.len() <= 9 && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `text` with each item replaced by its filler: `_` for a block alone on its line (a
/// thematic break), `x` otherwise (letters, which stay in the text around them).
fn filled(text: &str, items: &[Item]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for item in items {
        out.push_str(&text[at..item.span.start]);
        let c = if item.block_filler { '_' } else { 'x' };
        out.extend(std::iter::repeat_n(c, item.span.len()));
        at = item.span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_outside_code_are_filled_keeping_every_offset() {
        let text = "A {{ x(a=1) }} b `{{ y() }}`\n\n{% d() %}\n- {{ figure(src=\"é\") }}\n{% end %} {{/* z() */}}\n";
        let code = vec![17..28, 200..201];
        let scan = scan(
            text,
            &code,
            |c| c.form != Form::Inline || c.name == "figure",
            |_| true,
        )
        .unwrap();
        assert_eq!(scan.text.len(), text.len());
        assert_eq!(
            scan.text,
            "A xxxxxxxxxxxx b `{{ y() }}`\n\n_________\n- ______________________\nxxxxxxxxx xxxxxxxxxxxxx\n"
        );
        let kinds: Vec<bool> = scan.items.iter().map(|i| i.block_filler).collect();
        assert_eq!(kinds, [false, true, true, false, false]);
        assert_eq!(scan.items[4].kind, ItemKind::Literal("{{ z() }}".into()));
        assert!(has_candidates("a {% b"));
        assert!(!has_candidates("a { b } {"));
        assert!(super::scan("{{ jinja }} {% if %}", &[], |_| true, |_| false).is_none());
        assert!(super::scan("{{ figure }}", &[], |_| true, |n| n == "figure").is_some());
    }

    #[test]
    fn figures_are_counted_for_a_first_guess() {
        assert_eq!(
            guess_figures(
                "{{ figure(src=\"a\") }} {% figure(src=\"b\") %}c{% end %} {{/* figure() */}}"
            ),
            2
        );
        assert_eq!(guess_figures("no calls"), 0);
    }

    #[test]
    fn list_markers_and_quotes_leave_a_call_alone() {
        for (text, alone) in [
            ("> - {{ a() }}  \n", true),
            ("12. {{ a() }}", true),
            ("text {{ a() }}", false),
            ("{{ a() }} text", false),
            ("  > > {{ a() }}\r\n", true),
        ] {
            let start = text.find("{{").unwrap();
            let end = text.find("}}").unwrap() + 2;
            assert_eq!(alone_on_line(text, &(start..end)), alone, "{text:?}");
        }
    }
}
