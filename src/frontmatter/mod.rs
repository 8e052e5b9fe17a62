//! Front matter: the keys at the top of a chapter, as TOML between `+++` lines or as YAML
//! between `---` lines, or none at all; and the page's title.
//!
//! ```text
//! +++                                  ---
//! title = "1.1. Công tác quán triệt"   title: 1.1. Công tác quán triệt
//! weight = 1                           weight: 1
//! description = "…"                    description: …
//! draft = false                        draft: false
//! translation_of = "3f9a2c1b7e4d"      translation_of: "3f9a2c1b7e4d"
//! search_weight = 0.5                  search_weight: 0.5
//! [extra]                              extra:
//! author = "…"                           author: …
//! +++                                  ---
//! Body in Markdown…                    Body in Markdown…
//! ```
//!
//! `translation_of` is written by `songngu translations --mark`; `search_weight` ranks a page
//! lower (or higher) in search; `extra` is the site's own metadata, any table, which
//! templates read as `page.extra`.
//!
//! Unknown keys are errors (a typo such as `weigth` would otherwise be ignored silently),
//! all of a file's at once, with the closest known key as a hint. The title may be left out:
//! the page then takes it from its leading `#` heading ([`heading`]), which is not rendered,
//! since the page's template shows the title as its `<h1>`.

mod extra;
mod heading;
mod in_toml;
mod in_yaml;
mod rewrite;

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::text::closest;

pub(crate) use extra::Extra;
pub(crate) use rewrite::with_translation_of;

/// The keys a chapter's front matter may have.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "weight",
    "description",
    "draft",
    "translation_of",
    "search_weight",
    "extra",
];

/// A chapter's front matter, with its title settled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// The page title, shown as its heading and in navigation: the `title` key, or the text
    /// of the page's leading `#` heading.
    pub title: String,
    /// Order among siblings (smaller first); ties are broken by file name.
    pub weight: i64,
    /// One sentence about the page, used in `<meta name="description">` and on section pages.
    pub description: Option<String>,
    /// A draft is left out of the build unless drafts are asked for.
    pub draft: bool,
    /// For a translation: the hash of the source page's version it translates.
    pub translation_of: Option<String>,
    /// How strongly the page's sections count in search, 1 by default: below 1 for
    /// reference pages (a glossary lists every term and would otherwise outrank the
    /// chapters about them), above 1 for key pages. From 0.1 to 10.
    pub search_weight: Option<f64>,
    /// The site's own metadata for the page (`[extra]`), for templates (`page.extra`).
    pub extra: Extra,
}

/// The keys as written, in either syntax: the title may be left out.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Keys {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    translation_of: Option<String>,
    #[serde(default)]
    search_weight: Option<f64>,
    #[serde(default)]
    extra: Extra,
}

/// How a chapter's front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontFormat {
    /// TOML between `+++` lines.
    Toml,
    /// YAML between `---` lines.
    Yaml,
    /// No front matter: the page's title is its leading `#` heading.
    Absent,
}

/// The leading `#` heading of a page's body, which the page's title shows: the Markdown
/// renderer leaves it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleHeading {
    /// Byte range of the heading in the file.
    pub range: Range<usize>,
    /// Whether the front matter's `title` differs from the heading's text: the renderer
    /// then warns that the title is shown and the heading is not.
    pub differs: bool,
}

/// A file split into its front matter and body.
#[derive(Debug, Clone)]
pub(crate) struct Split {
    /// The parsed front matter.
    pub front: FrontMatter,
    /// How the front matter is written.
    pub format: FrontFormat,
    /// Byte range of the front matter's text between its delimiter lines (empty, at the
    /// start of the body, when there is none).
    pub front_range: Range<usize>,
    /// Byte range of the body after the closing delimiter line.
    pub body_range: Range<usize>,
    /// The leading `#` heading that the title shows, if any.
    pub title_heading: Option<TitleHeading>,
}

/// A problem of the front matter and its byte range in the front matter's text.
type Problem = (Diagnostic, Range<usize>);

/// Splits `source` (the whole text of `file`) into front matter and body, parses the former
/// and settles the title. Every problem of the front matter is reported at once: all its
/// unknown keys, in file order, and the problems of the keys it knows.
pub(crate) fn parse(file: &Path, source: &Arc<str>) -> Result<Split, Vec<Diagnostic>> {
    let (format, front_range, body_range) = match delimit(source) {
        Ok(r) => r,
        Err((d, span)) => return Err(vec![d.at_span(file, source, span)]),
    };
    let text = &source[front_range.clone()];
    let keys = match format {
        FrontFormat::Toml => in_toml::keys(text),
        FrontFormat::Yaml => in_yaml::keys(text),
        FrontFormat::Absent => Ok(Keys::default()),
    };
    let keys = keys.map_err(|problems| {
        let base = front_range.start;
        problems
            .into_iter()
            .map(|(d, r)| d.at_span(file, source, base + r.start..base + r.end))
            .collect::<Vec<_>>()
    })?;
    let (front, title_heading) = settle_title(keys, &source[body_range.clone()])
        .ok_or_else(|| vec![no_title(format, source, &body_range).at_span(file, source, 0..0)])?;
    let title_heading = title_heading.map(|h| TitleHeading {
        range: body_range.start + h.range.start..body_range.start + h.range.end,
        ..h
    });
    Ok(Split {
        front,
        format,
        front_range,
        body_range,
        title_heading,
    })
}

/// The front matter of `keys`, its title taken from the leading `#` heading of `body` when
/// it has none, and that heading (its range in `body`); `None` for a page with no title at
/// all.
fn settle_title(keys: Keys, body: &str) -> Option<(FrontMatter, Option<TitleHeading>)> {
    let leading = heading::leading(body);
    let (title, dropped) = match (keys.title, leading) {
        (Some(title), Some((range, text))) => {
            let differs = !heading::same_text(&title, &text);
            (title, Some(TitleHeading { range, differs }))
        }
        (Some(title), None) => (title, None),
        (None, Some((range, text))) => (
            text,
            Some(TitleHeading {
                range,
                differs: false,
            }),
        ),
        (None, None) => return None,
    };
    let front = FrontMatter {
        title,
        weight: keys.weight,
        description: keys.description,
        draft: keys.draft,
        translation_of: keys.translation_of,
        search_weight: keys.search_weight,
        extra: keys.extra,
    };
    Some((front, dropped))
}

/// The error of a page with neither a `title` key nor a leading `#` heading: `source` is its
/// text, `body` the range of its body, its front matter written as `format`.
fn no_title(format: FrontFormat, source: &str, body: &Range<usize>) -> Diagnostic {
    let add = match format {
        FrontFormat::Toml => "add `title = \"…\"` to the front matter, or start the page with a `# Heading` line".to_string(),
        FrontFormat::Yaml => "add `title: …` to the front matter, or start the page with a `# Heading` line".to_string(),
        FrontFormat::Absent => "start the page with a `# Heading` line, or give it front matter: a `+++` line, `title = \"…\"`, another `+++` line".to_string(),
    };
    let hint = match heading::first_h1(&source[body.clone()]) {
        Some(at) => {
            let line = source[..body.start + at].matches('\n').count() + 1;
            format!("its first `#` heading, on line {line}, comes after other text: move it to the top; or {add}")
        }
        None => add,
    };
    Diagnostic::error("the page has no title")
        .with_code("no-title")
        .with_label("no `title` and no `#` heading at the top")
        .with_hint(hint)
}

/// Checks what the syntax does not: a blank title, a search weight out of range.
/// `key_at` gives the range of a key in the front matter's text.
fn check_values(keys: &Keys, key_at: &dyn Fn(&str) -> Range<usize>) -> Vec<Problem> {
    let mut problems = Vec::new();
    if keys.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        problems.push((
            Diagnostic::error("the page title is empty")
                .with_code("front-matter")
                .with_hint("give the page a title, or leave `title` out to take the page's leading `# Heading`"),
            key_at("title"),
        ));
    }
    if let Some(w) = keys.search_weight.filter(|w| !(0.1..=10.0).contains(w)) {
        problems.push((
            Diagnostic::error(format!("`search_weight` is {w}, outside 0.1 to 10"))
                .with_code("front-matter")
                .with_hint("use a number such as 0.5 (ranked lower) or 2 (ranked higher); leave it out for 1"),
            key_at("search_weight"),
        ));
    }
    problems
}

/// The error for the unknown key `key` of front matter written as `format`, with the
/// closest known key as a hint, or else the advice to move it under `extra`.
fn unknown_key(key: &str, format: FrontFormat) -> Diagnostic {
    let d = Diagnostic::error(format!("unknown front matter key `{key}`"))
        .with_label("unknown key")
        .with_code("unknown-key");
    let extra = match format {
        FrontFormat::Yaml => format!("a key of the site's own goes under `extra:` (indented: `extra:` then `  {key}: …`), where templates read it as `page.extra.{key}`"),
        _ => format!("a key of the site's own goes under `[extra]` (after the other keys: `[extra]` then `{key} = …`), where templates read it as `page.extra.{key}`"),
    };
    match closest(key, KEYS) {
        Some(k) => d.with_hint(format!(
            "did you mean `{k}`? The keys are: {}; {extra}",
            KEYS.join(", ")
        )),
        None => d.with_hint(format!("the keys are: {}; {extra}", KEYS.join(", "))),
    }
}

/// The first line of `source` at or after byte `pos`: its text's range (without the line
/// break) and where the next line starts.
fn line_at(source: &str, pos: usize) -> (Range<usize>, usize) {
    match source[pos..].find('\n') {
        Some(i) => (pos..pos + i, pos + i + 1),
        None => (pos..source.len(), source.len()),
    }
}

/// Finds how the front matter is written, its text and the body, in a file whose first
/// line with text (after a byte-order mark, blank lines, spaces or tabs) is `+++` (TOML)
/// or `---` (YAML); a file starting otherwise has no front matter, its body is all of it
/// (after the byte-order mark). Or the problem and its range.
fn delimit(source: &str) -> Result<(FrontFormat, Range<usize>, Range<usize>), Problem> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut pos = start;
    let (first, mut pos) = loop {
        let (line, next) = line_at(source, pos);
        if !source[line.clone()].trim().is_empty() || next == source.len() {
            break (line, next);
        }
        pos = next;
    };
    let (format, delimiter) = match source[first.clone()].trim() {
        "+++" => (FrontFormat::Toml, "+++"),
        "---" => (FrontFormat::Yaml, "---"),
        _ => return Ok((FrontFormat::Absent, start..start, start..source.len())),
    };
    let front_start = pos;
    while pos < source.len() {
        let (line, next) = line_at(source, pos);
        // A YAML block may hold an indented `---`; TOML has no such thing.
        let text = &source[line];
        let closing = match format {
            FrontFormat::Yaml => text.trim_end(),
            _ => text.trim(),
        };
        if closing == delimiter {
            return Ok((format, front_start..pos, next..source.len()));
        }
        pos = next;
    }
    Err((
        Diagnostic::error("the front matter is not closed")
            .with_code("front-matter")
            .with_hint(format!(
                "end the front matter with a line holding only `{delimiter}`"
            )),
        first,
    ))
}

#[cfg(test)]
mod tests;
