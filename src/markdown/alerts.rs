//! GitHub-style alerts: a block quote that starts with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`,
//! `[!WARNING]` or `[!CAUTION]` (pulldown-cmark reads the marker with `ENABLE_GFM`).
//!
//! An alert is a `<div class="alert alert-note" role="note">` whose first paragraph is its
//! title in the page's language (`markdown.alert_note`… in `theme/i18n/<lang>.toml`). The
//! title is left out of the search index (`data-search-ignore`): every alert has one, and
//! it would make every page with a note match "note". The alert's own text stays events, so
//! the later passes (links, Vietnamese phrases) see it as they see any other text.

use pulldown_cmark::{BlockQuoteKind, CowStr, Event};

use super::Renderer;
use crate::text::escape_into;

/// The HTML that closes an alert.
pub(super) const CLOSE: &str = "</div>\n";

/// The class suffix and the key of the title of an alert of `kind`.
fn names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "markdown.alert_note"),
        BlockQuoteKind::Tip => ("tip", "markdown.alert_tip"),
        BlockQuoteKind::Important => ("important", "markdown.alert_important"),
        BlockQuoteKind::Warning => ("warning", "markdown.alert_warning"),
        BlockQuoteKind::Caution => ("caution", "markdown.alert_caution"),
    }
}

/// The HTML that opens an alert of `kind` titled `title`, after a new line when
/// `new_line` (pulldown-cmark starts a block on a line of its own); the title is marked as
/// in `lang` when the text around it is in another language (a page showing the source's
/// text in place of a missing translation).
fn open_html(kind: BlockQuoteKind, title: &str, lang: Option<&str>, new_line: bool) -> String {
    let (class, _) = names(kind);
    let mut html = String::with_capacity(96 + title.len());
    if new_line {
        html.push('\n');
    }
    html.push_str("<div class=\"alert alert-");
    html.push_str(class);
    html.push_str("\" role=\"note\">\n<p class=\"alert-title\" data-search-ignore");
    if let Some(lang) = lang {
        html.push_str(" lang=\"");
        escape_into(&mut html, lang);
        html.push('"');
    }
    html.push('>');
    escape_into(&mut html, title);
    html.push_str("</p>\n");
    html
}

impl<'a> Renderer<'a> {
    /// The language of the UI strings when the text around them is in another one (a page
    /// showing the source's text in place of a missing translation), to mark them with.
    pub(super) fn ui_lang(&self) -> Option<&'a str> {
        (self.ctx.lang != self.ctx.file.lang).then_some(self.ctx.lang)
    }

    /// Opens an alert of `kind`, titled in the page's language.
    pub(super) fn alert_start(&mut self, kind: BlockQuoteKind) {
        let (_, key) = names(kind);
        let new_line = !self.line_ended();
        let lang = self.ui_lang();
        let html = open_html(kind, self.ctx.strings.t(key), lang, new_line);
        self.emit(Event::Html(CowStr::from(html)));
    }

    /// Closes the alert opened last.
    pub(super) fn alert_end(&mut self) {
        self.emit(Event::Html(CowStr::Borrowed(CLOSE)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_class_and_an_escaped_title() {
        let html = open_html(BlockQuoteKind::Caution, "A & B", None, true);
        assert_eq!(
            html,
            "\n<div class=\"alert alert-caution\" role=\"note\">\n<p class=\"alert-title\" data-search-ignore>A &amp; B</p>\n"
        );
        let html = open_html(BlockQuoteKind::Tip, "Tip", Some("en"), false);
        assert!(html.starts_with("<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\" data-search-ignore lang=\"en\">Tip</p>"), "{html}");
        for kind in [
            BlockQuoteKind::Note,
            BlockQuoteKind::Tip,
            BlockQuoteKind::Important,
            BlockQuoteKind::Warning,
        ] {
            let (class, key) = names(kind);
            assert!(key.ends_with(class), "{key}");
        }
    }
}
