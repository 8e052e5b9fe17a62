//! Syntax highlighting of code blocks, at build time, with tree-sitter.
//!
//! The Markdown renderer hands over a fenced block's info string and text; this module writes
//! its `<code>` element: the text with `<span class="tk-…">` around the tokens of a language it
//! knows ([`languages`]), numbered lines (`linenos`, `linenostart=N`) and marked lines
//! (`hl_lines=3-5 8`) as one `<span class="line">` per line ([`info`], [`html`]). The
//! stylesheet colours the classes, in both schemes and in print; line numbers are CSS counters,
//! so they are neither selected nor copied with the code.
//!
//! A language is loaded (its grammar's query compiled, a few milliseconds) the first time a
//! block of it is met, once per process: a site without code pays nothing. An unknown
//! language, a plain fence and an indented block are written as pulldown-cmark writes them.
//!
//! Why tree-sitter rather than syntect (Sublime Text grammars, regular expressions): on
//! realistic 30-line blocks of eleven languages it highlights 3.5 to 10 times as many lines
//! per second (about 180,000 a second on one core against 47,000 with Oniguruma and 19,000
//! with fancy-regex), starts each language in under a millisecond of parsing, and its
//! grammars are the ones editors maintain; its cost is the binary's size (the grammars' parse
//! tables) and their C compilation.

pub(crate) mod html;
pub(crate) mod info;
pub(crate) mod languages;

use std::cell::RefCell;

use tree_sitter_highlight::{Error, HighlightConfiguration, HighlightEvent, Highlighter};

use html::Writer;
pub(crate) use info::{parse as parse_info, FenceInfo, InfoError};
use languages::Lang;

/// Writes the `<code>` element of a block: `class="language-…"` when the fence names a
/// language (and `linenos` when its lines are numbered), the text highlighted when the
/// language is known, line by line when lines are numbered or marked.
pub(crate) fn write_code(out: &mut String, info: &FenceInfo, code: &str) {
    out.push_str("<code");
    if !info.lang.is_empty() || info.linenos {
        out.push_str(" class=\"");
        if !info.lang.is_empty() {
            out.push_str("language-");
            crate::text::escape_into(out, info.lang);
            if info.linenos {
                out.push(' ');
            }
        }
        if info.linenos {
            out.push_str("linenos");
        }
        out.push('"');
    }
    if info.linenos && info.start != 1 {
        out.push_str(" style=\"counter-reset:ln ");
        out.push_str(itoa::Buffer::new().format(info.start - 1));
        out.push('"');
    }
    out.push('>');
    write_text(out, info, code);
    out.push_str("</code>");
}

/// Writes the text of a block: highlighted when its language is known, else escaped.
fn write_text(out: &mut String, info: &FenceInfo, code: &str) {
    if let Some(config) = Lang::from_name(info.lang).and_then(Lang::config) {
        let mark = out.len();
        if write_tokens(out, info, code, config).is_ok() {
            return;
        }
        // A highlighter's error (none is expected): the text, plain.
        out.truncate(mark);
    }
    let mut w = Writer::new(out, info);
    w.text(code);
    w.finish();
}

/// Writes `code` token by token with the highlighter of this thread.
fn write_tokens(
    out: &mut String,
    info: &FenceInfo,
    code: &str,
    config: &HighlightConfiguration,
) -> Result<(), Error> {
    thread_local! {
        /// A highlighter keeps its parser and query cursors between blocks.
        static HIGHLIGHTER: RefCell<Highlighter> = RefCell::new(Highlighter::new());
    }
    HIGHLIGHTER.with_borrow_mut(|hl| {
        let injected = |name: &str| Lang::from_name(name).and_then(Lang::config);
        let events = hl.highlight(config, code.as_bytes(), None, None, injected)?;
        let mut w = Writer::new(out, info);
        for event in events {
            match event? {
                HighlightEvent::Source { start, end } => {
                    w.text(code.get(start..end).ok_or(Error::Unknown)?)
                }
                HighlightEvent::HighlightStart(h) => w.start(h.0),
                HighlightEvent::HighlightEnd => w.end(),
            }
        }
        w.finish();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(info: &str, text: &str) -> String {
        let mut out = String::new();
        write_code(&mut out, &parse_info(info).unwrap(), text);
        out
    }

    #[test]
    fn known_languages_get_token_classes() {
        let html = code("rust", "fn main() { let s = \"<a>\"; } // done\n");
        assert!(
            html.starts_with("<code class=\"language-rust\"><span class=\"tk-kw\">fn</span> <span class=\"tk-fn\">main</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"tk-st\">&quot;&lt;a&gt;&quot;</span>")
                || html.contains("<span class=\"tk-st\">\"&lt;a&gt;\"</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"tk-cm\">// done</span>"),
            "{html}"
        );
        for (lang, text, class) in [
            ("python", "def f(x):\n    return 1\n", "tk-kw"),
            ("JS", "const a = 1;\n", "tk-kw"),
            ("ts", "let a: number = 1;\n", "tk-ty"),
            ("tsx", "const a = <div className=\"x\" />;\n", "tk-tg"),
            ("bash", "echo \"hi\" # x\n", "tk-cm"),
            ("toml", "[a]\nb = true\n", "tk-cn"),
            ("json", "{\"a\": 1}\n", "tk-pr"),
            ("yaml", "a: 1\n", "tk-pr"),
            ("c", "int main(void) { return 0; }\n", "tk-ty"),
            ("go", "package main\n", "tk-kw"),
            (
                "html",
                "<p class=\"x\">a</p><script>let a = 1;</script>\n",
                "tk-tg",
            ),
            ("css", "a { color: red; }\n", "tk-pr"),
        ] {
            let html = code(lang, text);
            assert!(html.contains(class), "{lang}: {html}");
        }
        // Script inside HTML is highlighted as JavaScript.
        assert!(code("html", "<script>let a = 1;</script>\n")
            .contains("<span class=\"tk-kw\">let</span>"));
    }

    #[test]
    fn unknown_languages_and_plain_fences_are_only_escaped() {
        assert_eq!(
            code("klingon", "a <b>\n"),
            "<code class=\"language-klingon\">a &lt;b&gt;\n</code>"
        );
        assert_eq!(code("", "a & b\n"), "<code>a &amp; b\n</code>");
        assert_eq!(
            code("c&x", "y\n"),
            "<code class=\"language-c&amp;x\">y\n</code>"
        );
    }

    #[test]
    fn numbered_and_marked_lines() {
        let html = code("py,linenos,linenostart=9,hl_lines=2", "a = 1\nb = 2\n");
        assert!(html.starts_with("<code class=\"language-py linenos\" style=\"counter-reset:ln 8\"><span class=\"line\">"), "{html}");
        assert_eq!(html.matches("<span class=\"line\">").count(), 1, "{html}");
        assert_eq!(
            html.matches("<span class=\"line hl\">").count(),
            1,
            "{html}"
        );
        let html = code("text,hl_lines=1", "x\n");
        assert_eq!(
            html,
            "<code class=\"language-text\"><span class=\"line hl\">x\n</span></code>"
        );
        let html = code(",linenos", "x\n");
        assert_eq!(
            html,
            "<code class=\"linenos\"><span class=\"line\">x\n</span></code>"
        );
    }

    #[test]
    fn any_text_is_written_whole() {
        // Broken code, odd characters, a lone surrogate-free mix of scripts: the text comes
        // back whole once the tags are removed.
        for (lang, text) in [
            ("rust", "fn (((\n\"unterminated\n/* open"),
            ("json", "{,,]\n"),
            ("html", "<script>\u{0}é漢字</scr"),
            ("yaml", ": : :\n\t- [\n"),
            ("c", "#define X(a) \\\n  a\n"),
        ] {
            let html = code(&format!("{lang},linenos"), text);
            let mut plain = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    c if !in_tag => plain.push(c),
                    _ => {}
                }
            }
            let plain = plain
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert_eq!(plain, text, "{lang}: {html}");
        }
    }
}
