//! Rendering: the site model through the theme's templates into an [`Output`](crate::output::Output).
//!
//! - [`markdown`]: every page's Markdown to HTML, in parallel, with a cache between builds;
//! - [`links`]: every link resolved against what the build publishes ([`link_index`]),
//!   anchors included ([`anchors`]), once all pages are rendered, and the sizes of the
//!   pages' images written ([`images`]);
//! - [`pages`]: chapters, sections and covers (one HTML file each) through the templates,
//!   with their inputs gathered in one place (`context`) and their navigation ([`nav`]);
//! - [`print`](mod@print): the whole document of a language on one page;
//! - [`extras`]: the files that are not pages: the table-of-contents scripts, `sitemap.xml`,
//!   `404.html`, the root `index.html`, the theme's static files.
//!
//! Every link in a page is relative (see [`root_of`]), so the output works at `/`, under a
//! sub-path and from `file://`.

mod anchors;
mod context;
pub(crate) mod extras;
mod images;
pub(crate) mod link_index;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod nav;
pub(crate) mod pages;
pub(crate) mod print;

use minijinja::Environment;

use crate::diagnostics::{Diagnostic, Location};
use crate::i18n::UiStrings;
use crate::markdown::{builtin_heading, HeadingTemplate, HeadingView};
use crate::theme::{Origin, Theme};

/// The relative prefix from the file at root-relative `url` to the site root:
/// `vi/index.html` -> `../`, `vi/a/b.html` -> `../../`, `index.html` -> `` (empty).
pub(crate) fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A minijinja environment holding the theme's templates.
pub(crate) struct Templates {
    /// The environment.
    pub env: Environment<'static>,
    /// Whether the site's theme overrides the heading template (and it renders): headings
    /// then go through it; otherwise through [`builtin_heading`], which gives the same
    /// bytes as the built-in template.
    custom_heading: bool,
    /// The shortcode templates (`theme/shortcodes/`), in their own environment.
    pub shortcodes: crate::shortcodes::Shortcodes,
}

/// The heading template's name.
const HEADING: &str = "partials/heading.html";

impl Templates {
    /// Loads every template of `theme`, reporting the ones that do not parse.
    pub(crate) fn new(theme: &Theme) -> (Templates, Vec<Diagnostic>) {
        let mut env = Environment::new();
        env.set_keep_trailing_newline(true);
        env.set_formatter(html_formatter);
        let mut diags = Vec::new();
        for (name, file) in theme.templates() {
            let text = String::from_utf8_lossy(&file.bytes).into_owned();
            if let Err(e) = env.add_template_owned(name.to_string(), text) {
                diags.push(template_error(theme, &e));
            }
        }
        let (shortcodes, shortcode_diags) = crate::shortcodes::Shortcodes::new(theme);
        diags.extend(shortcode_diags);
        let mut templates = Templates {
            env,
            custom_heading: false,
            shortcodes,
        };
        let overridden = theme
            .files
            .get(&format!("templates/{HEADING}"))
            .is_some_and(|f| f.origin == Origin::Site);
        if overridden {
            // Tried once on a sample, so that an error is reported once, not per heading.
            match templates.try_heading(&SAMPLE_HEADING) {
                Ok(_) => templates.custom_heading = true,
                Err(e) => diags.push(template_error(theme, &e)),
            }
        }
        (templates, diags)
    }

    /// The heading template to give the Markdown renderer: none when the built-in one is
    /// used.
    pub(crate) fn heading(&self) -> Option<&dyn HeadingTemplate> {
        self.custom_heading.then_some(self as &dyn HeadingTemplate)
    }

    /// Heading `h` through the heading template.
    fn try_heading(&self, h: &HeadingView) -> Result<String, minijinja::Error> {
        self.env.get_template(HEADING)?.render(h)
    }
}

/// A heading to try the heading template on.
const SAMPLE_HEADING: HeadingView<'static> = HeadingView {
    level: 2,
    id: "muc-1",
    classes: "a b",
    content: "Mục <em>1</em>",
    text: "Mục 1",
    label: "Mục 1",
};

impl HeadingTemplate for Templates {
    fn render(&self, h: &HeadingView) -> String {
        // It rendered the sample: a failure here is not expected, and the built-in form
        // keeps the page whole.
        self.try_heading(h).unwrap_or_else(|_| builtin_heading(h))
    }
}

/// Writes a value into a template's output, escaping it for HTML when the template is
/// auto-escaped. Unlike minijinja's default it leaves `/` alone, so URLs stay readable.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    let write = |out: &mut minijinja::Output, s: &str| {
        out.write_str(s)
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
    };
    if let Some(s) = value.as_str() {
        if value.is_safe()
            || !matches!(state.auto_escape(), minijinja::AutoEscape::Html)
            || !crate::text::needs_html_escape(s.as_bytes())
        {
            return write(out, s);
        }
        let mut buf = String::with_capacity(s.len() + 16);
        crate::text::escape_into(&mut buf, s);
        return write(out, &buf);
    }
    if matches!(state.auto_escape(), minijinja::AutoEscape::Html) && !value.is_safe() {
        write(out, &crate::text::escape(&value.to_string()))
    } else {
        minijinja::escape_formatter(out, state, value)
    }
}

/// A template error as a diagnostic pointing into the template.
pub(crate) fn template_error(theme: &Theme, e: &minijinja::Error) -> Diagnostic {
    let name = e.name().unwrap_or("?").to_string();
    let rel = format!("templates/{name}");
    let detail = e
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| e.kind().to_string());
    let mut d = Diagnostic::error(format!("template error: {detail}"))
        .with_code("template")
        .with_hint(
        "fix the template (minijinja syntax: {{ value }}, {% if %}…{% endif %}), or delete it from the site's theme/ folder to use the built-in one",
    );
    if let Some(text) = theme.text(&rel) {
        let source: std::sync::Arc<str> = std::sync::Arc::from(text);
        let span = match (e.range(), e.line()) {
            (Some(r), _) => r,
            (None, Some(line)) => {
                let start = crate::diagnostics::offset_of(text, line, 1);
                start..start
            }
            _ => 0..0,
        };
        d = d.at(Location::new(theme.display_path(&rel), source, span));
    } else {
        d = d.in_file(theme.display_path(&rel));
    }
    d
}

/// Formats a TOML date the way `lang` writes dates.
pub(crate) fn format_date(date: &toml::value::Datetime, strings: &UiStrings) -> String {
    let Some(d) = date.date else {
        return date.to_string();
    };
    let months: Vec<&str> = strings
        .get("ui.months")
        .map(|m| m.split_whitespace().collect())
        .unwrap_or_default();
    let month_name = months
        .get(usize::from(d.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    let day2 = format!("{:02}", d.day);
    strings.format(
        "ui.date_format",
        &[
            ("day", &d.day.to_string()),
            ("day2", &day2),
            ("month", &d.month.to_string()),
            ("month_name", month_name),
            ("year", &d.year.to_string()),
        ],
    )
}

/// One row of document metadata, as the cover shows it.
#[derive(Debug, Clone, serde::Serialize, Hash)]
pub(crate) struct MetaField {
    /// The label.
    pub label: String,
    /// The value.
    pub value: String,
}

/// The document's metadata in `lang`.
pub(crate) fn document_fields(
    config: &crate::config::Config,
    lang: &str,
    strings: &UiStrings,
) -> Vec<MetaField> {
    let doc = &config.site.document;
    let src = config.source_language();
    let mut out = Vec::new();
    let mut push = |label: &str, v: Option<String>| {
        if let Some(value) = v {
            out.push(MetaField {
                label: label.to_string(),
                value,
            });
        }
    };
    let get = |l: &Option<crate::config::Localized>| {
        l.as_ref()
            .and_then(|v| v.get(lang, src))
            .map(str::to_string)
    };
    push(strings.t("ui.issuer"), get(&doc.issuer));
    push(strings.t("ui.number"), get(&doc.number));
    push(
        strings.t("ui.date"),
        doc.date.as_ref().map(|d| format_date(d, strings)),
    );
    push(strings.t("ui.place"), get(&doc.place));
    push(strings.t("ui.subject"), get(&doc.subject));
    push(strings.t("ui.signer"), get(&doc.signer));
    for f in &doc.fields {
        if let (Some(l), Some(v)) = (f.label.get(lang, src), f.value.get(lang, src)) {
            out.push(MetaField {
                label: l.to_string(),
                value: v.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_heading_template_gives_what_builtin_heading_writes() {
        let (templates, diags) = Templates::new(&Theme::builtin());
        assert!(diags.is_empty());
        assert!(
            templates.heading().is_none(),
            "the built-in template is not run"
        );
        let cases = [
            (2, "dac-diem", "", "Đặc điểm", "Liên kết: Đặc điểm"),
            (
                3,
                "a-b",
                "note wide",
                "A <em>&amp;</em> B",
                "Link to \"A & B\"",
            ),
            (1, "x'y", "c<1>", "<code>x</code>", "it's <here>"),
            (6, "", "", "", ""),
        ];
        for (level, id, classes, content, label) in cases {
            let h = HeadingView {
                level,
                id,
                classes,
                content,
                text: "t",
                label,
            };
            assert_eq!(
                templates.try_heading(&h).unwrap(),
                builtin_heading(&h),
                "{h:?}"
            );
        }
    }

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("vi/index.html"), "../");
        assert_eq!(root_of("vi/a/b.html"), "../../");
    }

    #[test]
    fn dates_per_language() {
        let date: toml::value::Datetime = "2020-08-07".parse().unwrap();
        let vi: toml::Table =
            toml::from_str("[ui]\ndate_format = \"ngày {day2} tháng {month} năm {year}\"").unwrap();
        let en: toml::Table = toml::from_str(
            "[ui]\ndate_format = \"{day} {month_name} {year}\"\nmonths = \"January February March April May June July August September October November December\"",
        )
        .unwrap();
        assert_eq!(
            format_date(&date, &UiStrings::new(vi, vec![])),
            "ngày 07 tháng 8 năm 2020"
        );
        assert_eq!(
            format_date(&date, &UiStrings::new(en, vec![])),
            "7 August 2020"
        );
    }
}
