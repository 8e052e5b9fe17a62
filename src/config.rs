//! The site configuration, `content/site.toml`.
//!
//! ```toml
//! languages = ["vi", "en"]        # in order; the first is the source language
//! base_path = "/"                 # where the site is served (used by 404.html and sitemap.xml)
//! base_url = "https://intranet.example/baocao/"   # optional: absolute URLs in sitemap.xml
//!
//! [lang.vi]
//! name = "Tiếng Việt"
//! title = "Báo cáo số 691-BC/TU"
//! description = "…"
//!
//! [lang.en]
//! name = "English"
//! title = "Report No. 691-BC/TU"
//!
//! [document]                      # metadata shown on the cover
//! issuer = { vi = "Tỉnh ủy Cao Bằng", en = "Cao Bang Provincial Party Committee" }
//! number = "691-BC/TU"
//! date = 2020-08-07
//! place = { vi = "Cao Bằng", en = "Cao Bang" }
//! subject = { vi = "…", en = "…" }
//! signer = { vi = "…", en = "…" }
//!
//! [[document.fields]]             # further fields, in order
//! label = { vi = "…", en = "…" }
//! value = { vi = "…", en = "…" }
//!
//! [search]                        # optional
//! enabled = true                  # false: no search index, no search box
//!
//! [links]                         # optional
//! broken = "error"                # "warn": broken links are listed as warnings, the build goes on
//!
//! [markdown]                      # optional
//! smart_punctuation = false       # true: "quotes" and -- dashes become typographic
//! math = true                     # false: `$` is always a plain dollar sign
//!
//! [extra]                         # optional: the site's own metadata, any table
//! repository = "https://…"        # templates read it as `site.extra.repository`
//! ```

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::frontmatter::Extra;

/// The parsed `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Language codes in order; the first is the source language.
    pub languages: Vec<toml::Spanned<String>>,
    /// The path the site is served under, such as `/` or `/baocao/`.
    #[serde(default = "default_base_path")]
    pub base_path: String,
    /// An absolute URL of the site, for `sitemap.xml`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Per-language settings, keyed by language code.
    #[serde(default)]
    pub lang: BTreeMap<String, LanguageConfig>,
    /// The document's metadata, shown on the cover.
    #[serde(default)]
    pub document: DocumentConfig,
    /// The search index and box.
    #[serde(default)]
    pub search: SearchConfig,
    /// How the build treats links.
    #[serde(default)]
    pub links: LinksConfig,
    /// Markdown extensions a site may turn on or off.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// The site's own metadata, any table: templates read it as `site.extra`.
    #[serde(default)]
    pub extra: Extra,
}

/// The `[markdown]` table of `site.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Straight quotes, `--`, `---` and `...` become typographic (default false: Vietnamese
    /// text is written with typographic quotes already).
    #[serde(default)]
    pub smart_punctuation: bool,
    /// `$…$` and `$$…$$` are formulas (default true); false for a site whose prose uses `$`
    /// as a currency sign in ways that would pair up (`US$5 and US$10`).
    #[serde(default = "default_true")]
    pub math: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            smart_punctuation: false,
            math: true,
        }
    }
}

/// The `[links]` table of `site.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinksConfig {
    /// What a link to nothing does to the build (default: it fails).
    #[serde(default)]
    pub broken: BrokenLinks,
}

/// What a broken link does to the build (`[links] broken`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrokenLinks {
    /// An error: the build fails (`"error"`, the default).
    #[default]
    Error,
    /// A warning: every broken link is listed and the build goes on (`"warn"`), for a site
    /// whose links are being fixed.
    Warn,
}

/// The `[search]` table of `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Whether the build writes a search index and the pages show a search box (default
    /// true). A site without it builds about twice as fast.
    #[serde(default = "default_true")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

fn default_true() -> bool {
    true
}

fn default_base_path() -> String {
    "/".to_string()
}

/// Settings of one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// The language's own name ("Tiếng Việt", "English"), shown by the language switcher.
    pub name: String,
    /// The site title in this language.
    pub title: String,
    /// One sentence about the site in this language.
    #[serde(default)]
    pub description: Option<String>,
}

/// A value given once for all languages or once per language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Localized {
    /// The same text in every language.
    Same(String),
    /// Text per language code.
    PerLanguage(BTreeMap<String, String>),
}

impl Localized {
    /// The text in `lang`, falling back to `fallback` (the source language).
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> Option<&'a str> {
        match self {
            Localized::Same(s) => Some(s),
            Localized::PerLanguage(m) => {
                m.get(lang).or_else(|| m.get(fallback)).map(String::as_str)
            }
        }
    }
}

/// The document's metadata shown on the cover.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentConfig {
    /// The body that issued the document.
    pub issuer: Option<Localized>,
    /// The document's number.
    pub number: Option<Localized>,
    /// The date of issue.
    pub date: Option<toml::value::Datetime>,
    /// Where it was issued.
    pub place: Option<Localized>,
    /// What it is about.
    pub subject: Option<Localized>,
    /// Who signed it.
    pub signer: Option<Localized>,
    /// Further fields, in order.
    #[serde(default)]
    pub fields: Vec<DocumentField>,
}

/// A further metadata field of the document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentField {
    /// The field's label.
    pub label: Localized,
    /// The field's value.
    pub value: Localized,
}

/// The configuration of a site, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// The parsed file.
    pub site: SiteConfig,
    /// Language codes in order; the first is the source language.
    pub languages: Vec<String>,
}

impl Config {
    /// The source language's code.
    pub fn source_language(&self) -> &str {
        &self.languages[0]
    }

    /// Settings of `lang` (every configured language has them once the config is checked).
    pub fn language(&self, lang: &str) -> &LanguageConfig {
        &self.site.lang[lang]
    }

    /// Whether the site has a search index and search box (`[search] enabled`).
    pub fn search_enabled(&self) -> bool {
        self.site.search.enabled
    }

    /// What a broken link does to the build (`[links] broken`).
    pub fn broken_links(&self) -> BrokenLinks {
        self.site.links.broken
    }

    /// The Markdown settings (`[markdown]`).
    pub fn markdown(&self) -> MarkdownConfig {
        self.site.markdown
    }

    /// The base path, with a leading and a trailing `/`.
    pub fn base_path(&self) -> String {
        let trimmed = self.site.base_path.trim_matches('/');
        if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        }
    }
}

/// Parses and checks `site.toml` (`file` is its display path, `source` its text).
pub fn parse(file: &Path, source: &Arc<str>) -> Result<Config, Vec<Diagnostic>> {
    let site: SiteConfig = match toml::from_str(source) {
        Ok(s) => s,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let hint = if message.starts_with("unknown field") {
                "the keys of site.toml are: languages, base_path, base_url, [lang.<code>] (name, title, description), [document] (issuer, number, date, place, subject, signer, [[document.fields]]), [search] (enabled), [links] (broken), [markdown] (smart_punctuation, math), [extra]; a key of the site's own goes under `[extra]` (last in the file), where templates read it as `site.extra.KEY`"
            } else if message.starts_with("unknown variant") {
                "`[links] broken` is \"error\" (a broken link fails the build) or \"warn\" (it is listed and the build goes on)"
            } else if message.contains("missing field `languages`") {
                "list the languages in order, the source language first: `languages = [\"vi\", \"en\"]`"
            } else {
                "site.toml is TOML: `key = value`, strings in double quotes"
            };
            return Err(vec![Diagnostic::error(format!(
                "invalid site.toml: {message}"
            ))
            .at_span(file, source, span)
            .with_hint(hint)]);
        }
    };
    let mut errors = Vec::new();
    let mut languages = Vec::new();
    if site.languages.is_empty() {
        errors.push(
            Diagnostic::error("site.toml lists no languages")
                .at_span(file, source, 0..0)
                .with_hint("list the languages in order, the source language first: `languages = [\"vi\", \"en\"]`"),
        );
    }
    for l in &site.languages {
        let code = l.get_ref();
        let valid = !code.is_empty()
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && code.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if !valid {
            errors.push(
                Diagnostic::error(format!("`{code}` is not a language code"))
                    .at_span(file, source, l.span())
                    .with_hint("use a BCP 47 code such as `vi`, `en` or `zh-Hans`"),
            );
        } else if languages.contains(code) {
            errors.push(
                Diagnostic::error(format!("language `{code}` is listed twice"))
                    .at_span(file, source, l.span())
                    .with_hint("list each language once"),
            );
        } else if !site.lang.contains_key(code) {
            errors.push(
                Diagnostic::error(format!("language `{code}` has no `[lang.{code}]` table"))
                    .at_span(file, source, l.span())
                    .with_hint(format!(
                        "add `[lang.{code}]` with `name = \"…\"` and `title = \"…\"`"
                    )),
            );
        } else {
            languages.push(code.clone());
        }
    }
    for code in site.lang.keys() {
        if !site.languages.iter().any(|l| l.get_ref() == code) {
            let at = source
                .find(&format!("[lang.{code}]"))
                .map_or(0..0, |i| i..i + code.len() + 7);
            errors.push(
                Diagnostic::error(format!("`[lang.{code}]` is not in `languages`"))
                    .at_span(file, source, at)
                    .with_hint(format!(
                        "add \"{code}\" to `languages`, or remove the table"
                    )),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Config { site, languages })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
languages = ["vi", "en"]
base_path = "baocao"
[lang.vi]
name = "Tiếng Việt"
title = "Báo cáo"
[lang.en]
name = "English"
title = "Report"
[document]
issuer = { vi = "Tỉnh ủy", en = "Committee" }
number = "691-BC/TU"
date = 2020-08-07
"#;

    #[test]
    fn parses_languages_and_document() {
        let c = parse(Path::new("content/site.toml"), &Arc::from(GOOD)).unwrap();
        assert_eq!(c.languages, vec!["vi", "en"]);
        assert_eq!(c.source_language(), "vi");
        assert_eq!(c.base_path(), "/baocao/");
        let issuer = c.site.document.issuer.as_ref().unwrap();
        assert_eq!(issuer.get("en", "vi"), Some("Committee"));
        assert_eq!(issuer.get("fr", "vi"), Some("Tỉnh ủy"));
    }

    #[test]
    fn reports_every_problem_with_a_position() {
        let src = "languages = [\"vi\", \"vi\", \"fr\"]\n[lang.vi]\nname = \"a\"\ntitle = \"b\"\n[lang.de]\nname = \"x\"\ntitle = \"y\"\n";
        let errs = parse(Path::new("site.toml"), &Arc::from(src)).unwrap_err();
        let all: Vec<String> = errs.iter().map(|d| d.to_plain()).collect();
        assert_eq!(errs.len(), 3, "{all:#?}");
        assert!(all[0].starts_with("site.toml:1:20: error: language `vi` is listed twice"));
        assert!(all[1].contains("`fr` has no `[lang.fr]` table"));
        assert!(all[2].starts_with("site.toml:5:1: error: `[lang.de]` is not in `languages`"));
    }

    #[test]
    fn broken_links_are_errors_unless_told_otherwise() {
        let c = parse(Path::new("site.toml"), &Arc::from(GOOD)).unwrap();
        assert_eq!(c.broken_links(), BrokenLinks::Error);
        let warn = format!("{GOOD}[links]\nbroken = \"warn\"\n");
        let c = parse(Path::new("site.toml"), &Arc::from(warn)).unwrap();
        assert_eq!(c.broken_links(), BrokenLinks::Warn);
        let bad = format!("{GOOD}[links]\nbroken = \"no\"\n");
        let errs = parse(Path::new("site.toml"), &Arc::from(bad)).unwrap_err();
        let plain = errs[0].to_plain();
        assert!(plain.starts_with("site.toml:15:10"), "{plain}");
        assert!(
            errs[0].hint.as_deref().unwrap().contains("\"warn\""),
            "{plain}"
        );
    }

    #[test]
    fn markdown_settings_default_to_math_without_smart_punctuation() {
        let c = parse(Path::new("site.toml"), &Arc::from(GOOD)).unwrap();
        assert_eq!(c.markdown(), MarkdownConfig::default());
        assert!(c.markdown().math && !c.markdown().smart_punctuation);
        let set = format!("{GOOD}[markdown]\nsmart_punctuation = true\nmath = false\n");
        let c = parse(Path::new("site.toml"), &Arc::from(set)).unwrap();
        assert!(!c.markdown().math && c.markdown().smart_punctuation);
        let bad = format!("{GOOD}[markdown]\nsmart_quotes = true\n");
        let errs = parse(Path::new("site.toml"), &Arc::from(bad)).unwrap_err();
        let plain = errs[0].to_plain();
        assert!(plain.starts_with("site.toml:15:1"), "{plain}");
        assert!(plain.contains("smart_punctuation"), "{plain}");
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errs = parse(Path::new("site.toml"), &Arc::from("languages = [\"vi\"\n")).unwrap_err();
        assert!(errs[0].to_plain().starts_with("site.toml:"), "{}", errs[0]);
        let errs = parse(
            Path::new("site.toml"),
            &Arc::from("languages = [\"vi\"]\ntitel = 1\n"),
        )
        .unwrap_err();
        assert!(errs[0].to_plain().contains("site.toml:2:1"), "{}", errs[0]);
    }
}
