//! Formulas: `$…$` (inline) and `$$…$$` (display), read by pulldown-cmark (`ENABLE_MATH`)
//! and converted at build time to MathML Core with math-core, so that every current browser
//! shows them with no script, no web font and no request.
//!
//! A formula that does not parse is an error at its place in the file (the column of the
//! parser's complaint within the formula when the formula is written on one line), with the
//! parser's reason. The MathML is written as HTML events: the later passes (Vietnamese
//! phrases) never look inside it, and the search extractor leaves `<math>` out: a formula's
//! TeX source would only add noise to the words of a page (it stays in the page, in an
//! `<annotation>` that browsers do not show).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use math_core::{LatexError, LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::text::escape_into;

/// The converter, made once and shared by every thread (it holds no state between calls).
fn converter() -> &'static LatexToMathML {
    static CONVERTER: OnceLock<LatexToMathML> = OnceLock::new();
    CONVERTER.get_or_init(|| {
        let config = MathCoreConfig {
            annotation: true,
            ..MathCoreConfig::default()
        };
        // Only custom macros can make the configuration fail, and there are none.
        LatexToMathML::new(config).unwrap_or_default()
    })
}

/// The MathML of formula `tex`: `<math display="block">` when `display`.
pub(super) fn to_mathml(tex: &str, display: bool) -> Result<String, Box<LatexError>> {
    let mode = if display {
        MathDisplay::Block
    } else {
        MathDisplay::Inline
    };
    converter().convert_with_local_state(tex, mode).map(|r| {
        match super::mathml::for_checkers(&r.mathml) {
            Cow::Borrowed(_) => r.mathml,
            Cow::Owned(valid) => valid,
        }
    })
}

/// A display formula `mathml` in a box that scrolls sideways when the formula is wider than
/// the page (a phone) and that the keyboard reaches to scroll it, as code blocks do
/// (`role="group"`, named `label`; no `lang`, which would apply to the formula's text too).
fn scrolling(mathml: &str, label: &str) -> String {
    let mut html = String::with_capacity(mathml.len() + 96);
    html.push_str("<span class=\"math-display\" tabindex=\"0\" role=\"group\" aria-label=\"");
    escape_into(&mut html, label);
    html.push_str("\">");
    html.push_str(mathml);
    html.push_str("</span>");
    html
}

/// The hint for a formula that does not parse: most likely a dollar sign of prose when the
/// formula starts or ends like an amount ("US$5 and US$10" pairs its two `$`).
fn hint(tex: &str) -> &'static str {
    let amount = tex.starts_with(|c: char| c.is_ascii_digit())
        || tex.ends_with(|c: char| c.is_ascii_uppercase());
    if amount {
        "this looks like prices, not a formula: write `\\$` for a dollar sign, or turn formulas off with `[markdown] math = false` in site.toml"
    } else {
        "formulas are LaTeX math (the commands KaTeX knows); check the braces and command names, and write `\\$` for a dollar sign in prose"
    }
}

/// Where in the file's body the parser's complaint `err` points: inside the formula written
/// at `range` (delimiters included) when the source holds the formula as it was read,
/// otherwise at the whole formula (one that spans lines in a quote loses the `>` markers).
fn error_span(
    body: &str,
    range: &Range<usize>,
    delim: usize,
    tex: &str,
    err: &LatexError,
) -> Range<usize> {
    let start = (range.start + delim).min(range.end);
    let end = range.end.saturating_sub(delim).max(start);
    if body.get(start..end) != Some(tex) {
        return start..end;
    }
    let clamp = |at: usize| {
        let mut at = at.min(tex.len());
        while !tex.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let (s, e) = (clamp(err.0.start), clamp(err.0.end));
    start + s..start + e.max(s)
}

/// The indices of the formulas in the heading that starts at `events[i]`.
fn in_heading(events: &[(Event<'_>, Range<usize>)], i: usize) -> Vec<usize> {
    let mut at = Vec::new();
    for (j, (ev, _)) in events.iter().enumerate().skip(i + 1) {
        match ev {
            Event::End(TagEnd::Heading(_)) => break,
            Event::InlineMath(_) | Event::DisplayMath(_) => at.push(j),
            _ => {}
        }
    }
    at
}

impl<'a> Renderer<'a> {
    /// The MathML of the formula `events[i]`, or, when it does not parse, its source in a
    /// `<code>` and an error.
    fn formula_html(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> String {
        let (ev, range) = &events[i];
        let (tex, display) = match ev {
            Event::InlineMath(t) => (t.as_ref(), false),
            Event::DisplayMath(t) => (t.as_ref(), true),
            _ => return String::new(),
        };
        match to_mathml(tex, display) {
            Ok(html) if display => {
                let label = self.ctx.strings.t("markdown.formula");
                scrolling(&html, label)
            }
            Ok(html) => html,
            Err(err) => {
                let body = self.ctx.file.body();
                let delim = if display { 2 } else { 1 };
                let span = error_span(body, range, delim, tex, &err);
                let file = self.ctx.file;
                self.out.diagnostics.push(
                    Diagnostic::error(format!(
                        "this formula does not parse: {}",
                        err.error_message()
                    ))
                    .at_span(
                        &file.display,
                        &file.source,
                        self.offset + span.start..self.offset + span.end,
                    )
                    .with_label(err.label())
                    .with_hint(hint(tex)),
                );
                let mut html = String::with_capacity(tex.len() + 32);
                html.push_str("<code class=\"math-error\">");
                escape_into(&mut html, tex);
                html.push_str("</code>");
                html
            }
        }
    }

    /// Writes the formula `events[i]`; returns the index of the next event.
    pub(super) fn formula(&mut self, events: &[(Event<'a>, Range<usize>)], i: usize) -> usize {
        let html = self.formula_html(events, i);
        self.emit(Event::InlineHtml(CowStr::from(html)));
        i + 1
    }

    /// Replaces the formulas of the heading that starts at `events[i]` with their MathML,
    /// before the heading renders its content.
    pub(super) fn heading_formulas(&mut self, events: &mut [(Event<'a>, Range<usize>)], i: usize) {
        if !matches!(events[i].0, Event::Start(Tag::Heading { .. })) {
            return;
        }
        for j in in_heading(events, i) {
            let html = self.formula_html(events, j);
            events[j].0 = Event::InlineHtml(CowStr::from(html));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_mathml_inline_or_block() {
        let inline = to_mathml("x^2", false).unwrap();
        assert!(inline.starts_with("<math>"), "{inline}");
        assert!(inline.contains("<msup>"), "{inline}");
        let block = to_mathml("\\frac{a}{b}", true).unwrap();
        assert!(block.starts_with("<math display=\"block\">"), "{block}");
        assert!(
            block.contains("<annotation encoding=\"application/x-tex\">\\frac{a}{b}</annotation>"),
            "{block}"
        );
    }

    #[test]
    fn errors_point_into_the_formula() {
        let body = "Text $\\frac{a}{b} + \\nope$ end.";
        let tex = "\\frac{a}{b} + \\nope";
        let err = to_mathml(tex, false).unwrap_err();
        let span = error_span(body, &(5..26), 1, tex, &err);
        assert_eq!(&body[span.clone()], "\\nope", "{span:?}");
        // A formula whose source differs from its text (a quote's `>` markers) is pointed
        // at whole.
        let span = error_span("$a\n> \\nope$", &(0..11), 1, "a\n\\nope", &err);
        assert_eq!(span, 1..10);
    }

    #[test]
    fn prices_get_their_own_hint() {
        assert!(hint("5 and US").contains("`\\$`"));
        assert!(hint("5 and US").contains("math = false"));
        assert!(hint("\\nope").contains("LaTeX"));
    }
}
