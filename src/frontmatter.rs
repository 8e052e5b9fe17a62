//! Front matter: the TOML block between `+++` lines at the top of a chapter.
//!
//! ```text
//! +++
//! title = "1.1. Công tác quán triệt"
//! weight = 1
//! description = "…"
//! draft = false
//! translation_of = "3f9a2c1b7e4d"   # written by `songngu translations --mark`
//! search_weight = 0.5                # optional: rank this page lower (or higher) in search
//! +++
//! Body in Markdown…
//! ```
//!
//! Unknown keys are errors (a typo such as `weigth` would otherwise be ignored silently),
//! with the closest known key as a hint.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::text::closest;

/// The keys a chapter's front matter may have.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "weight",
    "description",
    "draft",
    "translation_of",
    "search_weight",
];

/// A chapter's front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title, shown as its heading and in navigation.
    pub title: String,
    /// Order among siblings (smaller first); ties are broken by file name.
    #[serde(default)]
    pub weight: i64,
    /// One sentence about the page, used in `<meta name="description">` and on section pages.
    #[serde(default)]
    pub description: Option<String>,
    /// A draft is left out of the build unless drafts are asked for.
    #[serde(default)]
    pub draft: bool,
    /// For a translation: the hash of the source page's version it translates.
    #[serde(default)]
    pub translation_of: Option<String>,
    /// How strongly the page's sections count in search, 1 by default: below 1 for
    /// reference pages (a glossary lists every term and would otherwise outrank the
    /// chapters about them), above 1 for key pages. From 0.1 to 10.
    #[serde(default)]
    pub search_weight: Option<f64>,
}

/// A file split into its front matter and body.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The parsed front matter.
    pub front: FrontMatter,
    /// Byte range of the TOML text between the `+++` lines.
    pub toml_range: Range<usize>,
    /// Byte range of the body after the closing `+++` line.
    pub body_range: Range<usize>,
}

/// Splits `source` (the whole text of `file`) into front matter and body and parses the former.
pub(crate) fn parse(file: &Path, source: &Arc<str>) -> Result<Split, Vec<Diagnostic>> {
    let (toml_range, body_range) = match delimit(source) {
        Ok(r) => r,
        Err(d) => return Err(vec![d.at_span(file, source, 0..first_line_len(source))]),
    };
    let toml_text = &source[toml_range.clone()];
    match toml::from_str::<FrontMatter>(toml_text) {
        Ok(front) => {
            if front.title.trim().is_empty() {
                let at = toml_text
                    .find("title")
                    .map_or(toml_range.start..toml_range.start, |i| {
                        toml_range.start + i..toml_range.start + i + 5
                    });
                return Err(vec![Diagnostic::error("the page title is empty")
                    .at_span(file, source, at)
                    .with_hint("give the page a title: `title = \"…\"`")]);
            }
            if let Some(w) = front.search_weight {
                if !(0.1..=10.0).contains(&w) {
                    let at = toml_text
                        .find("search_weight")
                        .map_or(toml_range.start..toml_range.start, |i| {
                            toml_range.start + i..toml_range.start + i + "search_weight".len()
                        });
                    return Err(vec![Diagnostic::error(format!(
                        "`search_weight` is {w}, outside 0.1 to 10"
                    ))
                    .at_span(file, source, at)
                    .with_hint("use a number such as 0.5 (ranked lower) or 2 (ranked higher); leave it out for 1")]);
                }
            }
            Ok(Split {
                front,
                toml_range,
                body_range,
            })
        }
        Err(e) => Err(vec![toml_error(e, file, source, toml_range.start)]),
    }
}

/// Turns a TOML error into a diagnostic at the right place in the file, with a hint.
fn toml_error(e: toml::de::Error, file: &Path, source: &Arc<str>, offset: usize) -> Diagnostic {
    let span = e
        .span()
        .map_or(offset..offset, |s| offset + s.start..offset + s.end);
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(format!("invalid front matter: {message}"));
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
    {
        d = Diagnostic::error(format!("unknown front matter key `{unknown}`"))
            .with_label("unknown key");
        d = match closest(unknown, KEYS) {
            Some(k) => d.with_hint(format!(
                "did you mean `{k}`? The keys are: {}",
                KEYS.join(", ")
            )),
            None => d.with_hint(format!("the keys are: {}", KEYS.join(", "))),
        };
    } else if message.starts_with("missing field `title`") {
        d = Diagnostic::error("the front matter has no `title`")
            .with_hint("add a line `title = \"…\"` between the `+++` lines");
    } else {
        d = d.with_hint("front matter is TOML: `key = value`, strings in double quotes");
    }
    d.at_span(file, source, span)
}

/// Finds the TOML text and the body of a file that starts with a `+++` line.
fn delimit(source: &str) -> Result<(Range<usize>, Range<usize>), Diagnostic> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &source[start..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "+++" {
        return Err(Diagnostic::error("the file has no front matter").with_hint(
            "start the file with a `+++` line, then `title = \"…\"`, then another `+++` line",
        ));
    }
    let toml_start = start + first_end;
    let mut pos = toml_start;
    while pos < source.len() {
        let line_end = source[pos..]
            .find('\n')
            .map_or(source.len(), |i| pos + i + 1);
        if source[pos..line_end].trim_end() == "+++" {
            return Ok((toml_start..pos, line_end..source.len()));
        }
        pos = line_end;
    }
    Err(Diagnostic::error("the front matter is not closed")
        .with_hint("end the front matter with a line holding only `+++`"))
}

fn first_line_len(s: &str) -> usize {
    s.find('\n').unwrap_or(s.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(s: &str) -> Arc<str> {
        Arc::from(s)
    }

    #[test]
    fn parses_keys_and_body() {
        let s = src("+++\ntitle = \"Đặc điểm\"\nweight = 2\n+++\nBody\n");
        let split = parse(Path::new("a.md"), &s).unwrap();
        assert_eq!(split.front.title, "Đặc điểm");
        assert_eq!(split.front.weight, 2);
        assert_eq!(&s[split.body_range], "Body\n");
    }

    #[test]
    fn search_weight_is_checked() {
        let ok = src("+++\ntitle = \"x\"\nsearch_weight = 0.5\n+++\n");
        let split = parse(Path::new("a.md"), &ok).unwrap();
        assert_eq!(split.front.search_weight, Some(0.5));
        let bad = src("+++\ntitle = \"x\"\nsearch_weight = 0\n+++\n");
        let plain = parse(Path::new("a.md"), &bad).unwrap_err()[0].to_plain();
        assert!(
            plain.starts_with("a.md:3:1: error: `search_weight` is 0, outside 0.1 to 10"),
            "{plain}"
        );
        let text = src("+++\ntitle = \"x\"\nsearch_weight = \"low\"\n+++\n");
        assert!(parse(Path::new("a.md"), &text).is_err());
    }

    #[test]
    fn unknown_key_points_at_it_with_a_hint() {
        let s = src("+++\ntitle = \"x\"\nweigth = 2\n+++\n");
        let errs = parse(Path::new("a.md"), &s).unwrap_err();
        let plain = errs[0].to_plain();
        assert!(
            plain.starts_with("a.md:3:1: error: unknown front matter key `weigth`"),
            "{plain}"
        );
        assert!(plain.contains("did you mean `weight`?"), "{plain}");
    }

    #[test]
    fn wrong_type_and_missing_delimiters() {
        let s = src("+++\ntitle = \"x\"\nweight = \"two\"\n+++\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(
            plain.starts_with("a.md:3:10: error: invalid front matter"),
            "{plain}"
        );
        let s = src("# no front matter\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(plain.contains("no front matter"), "{plain}");
        let s = src("+++\ntitle = \"x\"\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(plain.contains("not closed"), "{plain}");
        let s = src("+++\nweight = 1\n+++\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(plain.contains("no `title`"), "{plain}");
    }
}
