//! Writing a block's text as HTML: token spans from the highlighter's events, and, for
//! numbered or marked lines, one `<span class="line">` per line (token spans that cross a
//! line's end are closed before it and opened again after it, so that every line is whole).

use super::info::FenceInfo;
use super::languages::CLASSES;

/// Writes the text of a block, escaped, token by token and line by line.
pub(super) struct Writer<'o, 'i> {
    out: &'o mut String,
    /// The block's options, when it is written line by line.
    lines: Option<&'i FenceInfo<'i>>,
    /// The classes of the token spans open, outermost first.
    open: Vec<usize>,
    /// Whether a line's span is open.
    in_line: bool,
    /// The index of the next line to open, from 0.
    line: u32,
}

impl<'o, 'i> Writer<'o, 'i> {
    /// A writer to `out`; `info` when the block is written line by line.
    pub(super) fn new(out: &'o mut String, info: &'i FenceInfo<'i>) -> Self {
        Writer {
            out,
            lines: info.by_line().then_some(info),
            open: Vec::new(),
            in_line: false,
            line: 0,
        }
    }

    /// Writes `text`, escaped.
    pub(super) fn text(&mut self, text: &str) {
        if self.lines.is_none() {
            escape_text_into(self.out, text);
            return;
        }
        for piece in text.split_inclusive('\n') {
            if !self.in_line {
                self.open_line();
            }
            escape_text_into(self.out, piece);
            if piece.ends_with('\n') {
                self.close_line();
            }
        }
    }

    /// Opens a token span of capture `h`.
    pub(super) fn start(&mut self, h: usize) {
        if self.lines.is_some() && !self.in_line {
            self.open_line();
        }
        self.open.push(h);
        self.out
            .push_str(CLASSES.get(h).copied().unwrap_or("<span>"));
    }

    /// Closes the innermost token span.
    pub(super) fn end(&mut self) {
        if self.open.pop().is_some() && (self.lines.is_none() || self.in_line) {
            self.out.push_str("</span>");
        }
    }

    /// Closes what is open.
    pub(super) fn finish(mut self) {
        if self.in_line {
            self.close_line();
        } else if self.lines.is_none() {
            for _ in self.open.drain(..) {
                self.out.push_str("</span>");
            }
        }
    }

    /// Opens the next line, and the token spans that go on from the line before.
    fn open_line(&mut self) {
        let marked = self.lines.is_some_and(|i| i.is_marked(self.line));
        self.out.push_str(if marked {
            "<span class=\"line hl\">"
        } else {
            "<span class=\"line\">"
        });
        for &h in &self.open {
            self.out
                .push_str(CLASSES.get(h).copied().unwrap_or("<span>"));
        }
        self.in_line = true;
        self.line += 1;
    }

    /// Closes the open token spans and the line.
    fn close_line(&mut self) {
        for _ in 0..self.open.len() + 1 {
            self.out.push_str("</span>");
        }
        self.in_line = false;
    }
}

/// Appends text to `out`, escaped as pulldown-cmark escapes text (`&`, `<`, `>`; quotes are
/// kept).
pub(crate) fn escape_text_into(out: &mut String, text: &str) {
    crate::text::bytescan::replace_into(
        out,
        text,
        |b| (b == b'&') | (b == b'<') | (b == b'>'),
        |out, b| {
            out.push_str(match b {
                b'&' => "&amp;",
                b'<' => "&lt;",
                _ => "&gt;",
            })
        },
    );
}

#[cfg(test)]
mod tests {
    use super::super::info::parse;
    use super::*;

    fn write(info: &str, f: impl FnOnce(&mut Writer)) -> String {
        let info = parse(info).unwrap();
        let mut out = String::new();
        let mut w = Writer::new(&mut out, &info);
        f(&mut w);
        w.finish();
        out
    }

    #[test]
    fn tokens_without_lines_are_spans_around_the_escaped_text() {
        let html = write("rust", |w| {
            w.start(7);
            w.text("fn");
            w.end();
            w.text(" a<b>&\n");
        });
        assert_eq!(html, "<span class=\"tk-kw\">fn</span> a&lt;b&gt;&amp;\n");
    }

    #[test]
    fn a_token_across_lines_is_closed_and_opened_again() {
        let html = write("c,hl_lines=2", |w| {
            w.text("x\n");
            w.start(2);
            w.text("/* a\nb */");
            w.end();
            w.text("\n");
        });
        assert_eq!(
            html,
            "<span class=\"line\">x\n</span>\
             <span class=\"line hl\"><span class=\"tk-cm\">/* a\n</span></span>\
             <span class=\"line\"><span class=\"tk-cm\">b */</span>\n</span>"
        );
    }

    #[test]
    fn a_last_line_without_newline_is_closed() {
        let html = write("text,linenos", |w| w.text("a\nb"));
        assert_eq!(
            html,
            "<span class=\"line\">a\n</span><span class=\"line\">b</span>"
        );
        let html = write("text,linenos", |w| {
            w.start(2);
            w.text("a\n");
            w.end();
        });
        assert_eq!(
            html,
            "<span class=\"line\"><span class=\"tk-cm\">a\n</span></span>"
        );
    }
}
