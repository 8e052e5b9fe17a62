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
/// Every problem of the front matter is reported at once: all its unknown keys, in file
/// order, and the problems of the keys it knows.
pub(crate) fn parse(file: &Path, source: &Arc<str>) -> Result<Split, Vec<Diagnostic>> {
    let (toml_range, body_range) = match delimit(source) {
        Ok(r) => r,
        Err((d, span)) => return Err(vec![d.at_span(file, source, span)]),
    };
    let toml_text = &source[toml_range.clone()];
    let problems = match toml::from_str::<FrontMatter>(toml_text) {
        Ok(front) => match check_values(&front, toml_text) {
            None => {
                return Ok(Split {
                    front,
                    toml_range,
                    body_range,
                })
            }
            Some(p) => vec![p],
        },
        Err(e) => every_problem(e, toml_text),
    };
    let base = toml_range.start;
    Err(problems
        .into_iter()
        .map(|(d, r)| d.at_span(file, source, base + r.start..base + r.end))
        .collect())
}

/// A problem of the front matter and its byte range in the TOML text.
type Problem = (Diagnostic, Range<usize>);

/// Checks what serde does not: a blank title, a search weight out of range.
fn check_values(front: &FrontMatter, toml_text: &str) -> Option<Problem> {
    let key_at = |key: &str| toml_text.find(key).map_or(0..0, |i| i..i + key.len());
    if front.title.trim().is_empty() {
        return Some((
            Diagnostic::error("the page title is empty")
                .with_code("front-matter")
                .with_hint("give the page a title: `title = \"…\"`"),
            key_at("title"),
        ));
    }
    match front.search_weight {
        Some(w) if !(0.1..=10.0).contains(&w) => Some((
            Diagnostic::error(format!("`search_weight` is {w}, outside 0.1 to 10"))
                .with_code("front-matter")
                .with_hint("use a number such as 0.5 (ranked lower) or 2 (ranked higher); leave it out for 1"),
            key_at("search_weight"),
        )),
        _ => None,
    }
}

/// Every problem of front matter that did not parse (`e` is the first one serde met): each
/// unknown key, and then the problems of the other keys, found by parsing the text again
/// with the unknown keys blanked out. In file order.
fn every_problem(e: toml::de::Error, toml_text: &str) -> Vec<Problem> {
    let unknown = unknown_keys(toml_text);
    if unknown.is_empty() {
        return vec![toml_error(&e)];
    }
    let mut problems: Vec<Problem> = unknown
        .iter()
        .map(|(key, span, _)| (unknown_key(key), span.clone()))
        .collect();
    let rest = blank_out(toml_text, unknown.iter().map(|(_, _, entry)| entry.clone()));
    match toml::from_str::<FrontMatter>(&rest) {
        Ok(front) => problems.extend(check_values(&front, toml_text)),
        // Should blanking have missed an unknown key, it is reported already.
        Err(e) if unknown_field(&e).is_some() => {}
        Err(e) => problems.push(toml_error(&e)),
    }
    problems.sort_by_key(|(_, span)| span.start);
    problems
}

/// The top-level keys of `toml_text` that front matter does not have, in file order: each
/// key, the byte range of its name and that of the whole entry (name to end of value).
/// Empty when the text is not TOML.
fn unknown_keys(toml_text: &str) -> Vec<(String, Range<usize>, Range<usize>)> {
    let Ok(doc) = toml::de::DeTable::parse(toml_text) else {
        return Vec::new();
    };
    let mut unknown: Vec<_> = doc
        .get_ref()
        .iter()
        .filter(|(k, _)| !KEYS.contains(&k.get_ref().as_ref()))
        .map(|(k, v)| {
            let name = k.span();
            let mut entry = name.start..v.span().end.max(name.end);
            let before = &toml_text[..name.start];
            if before.trim_end().ends_with('[') {
                // A `[table]` or `[[table]]`: its header line, to the next header (or the end).
                let after = &toml_text[name.end..];
                entry.start = before.rfind('\n').map_or(0, |i| i + 1);
                entry.end = name.end + after.find("\n[").map_or(after.len(), |i| i + 1);
            }
            (k.get_ref().to_string(), name, entry)
        })
        .collect();
    unknown.sort_by_key(|(_, name, _)| name.start);
    unknown
}

/// `text` with the bytes in `ranges` turned into spaces, line breaks kept: the same
/// offsets, lines and columns, without those entries.
fn blank_out(text: &str, ranges: impl Iterator<Item = Range<usize>>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        for b in bytes.get_mut(r).into_iter().flatten() {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Whole characters were replaced by ASCII spaces, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The error for the unknown key `key`, with the closest known key as a hint.
fn unknown_key(key: &str) -> Diagnostic {
    let d = Diagnostic::error(format!("unknown front matter key `{key}`"))
        .with_label("unknown key")
        .with_code("unknown-key");
    match closest(key, KEYS) {
        Some(k) => d.with_hint(format!(
            "did you mean `{k}`? The keys are: {}",
            KEYS.join(", ")
        )),
        None => d.with_hint(format!("the keys are: {}", KEYS.join(", "))),
    }
}

/// The key named by serde's "unknown field" error, if `e` is one.
fn unknown_field(e: &toml::de::Error) -> Option<&str> {
    e.message()
        .trim()
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split('`').next())
}

/// A TOML error as a problem at its place in the TOML text, with a hint.
fn toml_error(e: &toml::de::Error) -> Problem {
    let span = e.span().unwrap_or(0..0);
    if let Some(unknown) = unknown_field(e) {
        return (unknown_key(unknown), span);
    }
    let message = e.message().trim();
    let d = if message.starts_with("missing field `title`") {
        Diagnostic::error("the front matter has no `title`")
            .with_hint("add a line `title = \"…\"` between the `+++` lines")
    } else {
        Diagnostic::error(format!("invalid front matter: {message}"))
            .with_hint("front matter is TOML: `key = value`, strings in double quotes")
    };
    (d.with_code("front-matter"), span)
}

/// The first line of `source` at or after byte `pos`: its text's range (without the line
/// break) and where the next line starts.
fn line_at(source: &str, pos: usize) -> (Range<usize>, usize) {
    match source[pos..].find('\n') {
        Some(i) => (pos..pos + i, pos + i + 1),
        None => (pos..source.len(), source.len()),
    }
}

/// Finds the TOML text and the body of a file whose first line with text is `+++`
/// (after a byte-order mark, blank lines, spaces or tabs); or the problem and its range.
fn delimit(source: &str) -> Result<(Range<usize>, Range<usize>), Problem> {
    let mut pos = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let (first, mut pos) = loop {
        let (line, next) = line_at(source, pos);
        if !source[line.clone()].trim().is_empty() || next == source.len() {
            break (line, next);
        }
        pos = next;
    };
    match source[first.clone()].trim() {
        "+++" => {}
        "---" => return Err((yaml_front_matter(source, pos), first)),
        _ => {
            return Err((
                Diagnostic::error("the file has no front matter")
                    .with_code("no-front-matter")
                    .with_hint("start the file with a `+++` line, then `title = \"…\"`, then another `+++` line"),
                first,
            ))
        }
    }
    let toml_start = pos;
    while pos < source.len() {
        let (line, next) = line_at(source, pos);
        if source[line].trim() == "+++" {
            return Ok((toml_start..pos, next..source.len()));
        }
        pos = next;
    }
    Err((
        Diagnostic::error("the front matter is not closed")
            .with_code("front-matter")
            .with_hint("end the front matter with a line holding only `+++`"),
        first,
    ))
}

/// The error for a file that starts with `---` (YAML front matter), whose YAML starts at
/// byte `yaml_start`: the hint shows the front matter written as TOML, when its lines are
/// simple `key: value` pairs, or an example.
fn yaml_front_matter(source: &str, yaml_start: usize) -> Diagnostic {
    let example =
        yaml_as_toml(source, yaml_start).unwrap_or_else(|| "title = \"…\"\nweight = 1".to_string());
    Diagnostic::error("YAML front matter is not supported yet")
        .with_code("yaml-front-matter")
        .with_hint(format!(
            "write the front matter as TOML between `+++` lines instead of `---` lines:\n+++\n{example}\n+++"
        ))
}

/// The YAML front matter starting at `yaml_start` (up to a `---` line) as TOML, when every
/// line is a `key: value` pair with a plain value (at most 12 of them); `None` otherwise.
fn yaml_as_toml(source: &str, yaml_start: usize) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pos = yaml_start;
    loop {
        if pos >= source.len() || out.len() > 12 {
            return None;
        }
        let (line, next) = line_at(source, pos);
        let line = source[line].trim();
        pos = next;
        if line == "---" {
            break;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key = key.trim();
        let ok_key = !key.is_empty()
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !ok_key {
            return None;
        }
        out.push(format!("{key} = {}", yaml_value_as_toml(value.trim())?));
    }
    (!out.is_empty()).then(|| out.join("\n"))
}

/// Whether `value` is a decimal number that TOML reads as YAML does (`-1.5`, not `.5`).
fn is_decimal(value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    unsigned
        .split_once('.')
        .is_some_and(|(whole, frac)| digits(whole) && digits(frac))
}

/// A plain YAML value as a TOML value: numbers, `true` and `false` as they are, quoted
/// strings kept, other text quoted; `None` for lists, maps and other YAML forms.
fn yaml_value_as_toml(value: &str) -> Option<String> {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if value.is_empty() || value.starts_with(['[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    if value == "true"
        || value == "false"
        || value.parse::<i64>().is_ok()
        || is_decimal(value)
        || quoted('"')
        || quoted('\'')
    {
        return Some(value.to_string());
    }
    Some(format!(
        "\"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    ))
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

    #[test]
    fn blank_lines_a_bom_and_spaces_may_come_first() {
        for text in [
            "\n\n+++\ntitle = \"x\"\n+++\nBody\n",
            "\u{feff}+++\ntitle = \"x\"\n+++\nBody\n",
            "\u{feff}  \t\n\r\n  +++\ntitle = \"x\"\n+++  \nBody\n",
        ] {
            let s = src(text);
            let split = parse(Path::new("a.md"), &s).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
            assert_eq!(split.front.title, "x");
            assert_eq!(&s[split.body_range], "Body\n");
        }
        // The error of a file with no front matter points at its first line with text.
        let s = src("\n\n# Title\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(
            plain.starts_with("a.md:3:1: error: the file has no front matter"),
            "{plain}"
        );
    }

    #[test]
    fn yaml_front_matter_is_named_and_shown_as_toml() {
        let s = src("---\ntitle: Đặc điểm \"A\"\nweight: 2\ndraft: false\n---\nBody\n");
        let errs = parse(Path::new("a.md"), &s).unwrap_err();
        assert_eq!(errs.len(), 1);
        let plain = errs[0].to_plain();
        assert!(
            plain.starts_with("a.md:1:1: error: YAML front matter is not supported yet"),
            "{plain}"
        );
        assert!(
            plain.contains("+++\ntitle = \"Đặc điểm \\\"A\\\"\"\nweight = 2\ndraft = false\n+++"),
            "{plain}"
        );
        assert_eq!(errs[0].code, Some("yaml-front-matter"));
        // A list is not rewritten: the hint shows an example instead.
        let s = src("---\ntags: [a, b]\n---\n");
        let plain = parse(Path::new("a.md"), &s).unwrap_err()[0].to_plain();
        assert!(
            plain.contains("+++\ntitle = \"…\"\nweight = 1\n+++"),
            "{plain}"
        );
    }

    #[test]
    fn every_unknown_key_is_reported_with_the_other_problems() {
        let s = src("+++\nslug = \"a\"\ntitle = \"x\"\nweigth = 2\ndraft = \"no\"\n[extra]\nk = 1\n[[more]]\nj = 2\n+++\n");
        let errs = parse(Path::new("a.md"), &s).unwrap_err();
        let plain: Vec<String> = errs.iter().map(|d| d.to_plain()).collect();
        assert_eq!(errs.len(), 5, "{plain:#?}");
        assert!(plain[0].starts_with("a.md:2:1: error: unknown front matter key `slug`"));
        assert!(plain[1].starts_with("a.md:4:1: error: unknown front matter key `weigth`"));
        assert!(plain[1].contains("did you mean `weight`?"));
        assert!(
            plain[2].starts_with("a.md:5:9: error: invalid front matter"),
            "{}",
            plain[2]
        );
        assert!(
            plain[3].starts_with("a.md:6:2: error: unknown front matter key `extra`"),
            "{}",
            plain[3]
        );
        assert!(
            plain[4].starts_with("a.md:8:3: error: unknown front matter key `more`"),
            "{}",
            plain[4]
        );
        // A blank title behind an unknown key is found too.
        let s = src("+++\ntitel = \"x\"\ntitle = \" \"\n+++\n");
        let plain: Vec<String> = parse(Path::new("a.md"), &s)
            .unwrap_err()
            .iter()
            .map(|d| d.to_plain())
            .collect();
        assert_eq!(plain.len(), 2, "{plain:#?}");
        assert!(plain[1].contains("the page title is empty"), "{plain:#?}");
    }
}
