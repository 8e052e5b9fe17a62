//! YAML front matter, between `---` lines, read with saphyr (YAML 1.2, every node with its
//! place in the text) into the keys TOML front matter has, with the same checks.
//!
//! YAML 1.2 reads `yes`, `on` and `2024-01-02` as text, as TOML would want them quoted;
//! `extra` is read into TOML values, so that a page means the same in either syntax: an
//! unquoted date or time (`2024-01-02`, `1979-05-27T07:32:00Z`) is TOML's date, a key with
//! no value (`key:`) is left out, as TOML has no such value.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Marker, Scalar, ScanError, YamlData};

use super::{check_values, unknown_key, FrontFormat, Keys, Problem, KEYS};
use crate::diagnostics::Diagnostic;

/// The keys of the YAML front matter `text`, or every problem of it (ranges in `text`).
pub(super) fn keys(text: &str) -> Result<Keys, Vec<Problem>> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| vec![syntax_error(text, &e)])?;
    let Some(root) = docs.into_iter().next() else {
        return Ok(Keys::default()); // nothing but comments
    };
    let entries = match &root.data {
        YamlData::Mapping(map) => map,
        YamlData::Value(Scalar::Null) => return Ok(Keys::default()),
        _ => {
            return Err(vec![(
                Diagnostic::error("YAML front matter is not a list of `key: value` lines")
                    .with_code("front-matter")
                    .with_hint("write one key a line: `title: …`, `weight: 1`"),
                span(text, &root),
            )])
        }
    };
    let mut keys = Keys::default();
    let mut problems = Vec::new();
    let mut spans: Vec<(&str, Range<usize>)> = Vec::new();
    for (k, v) in entries {
        let at = span(text, k);
        let Some(name) = key_name(k) else {
            problems.push((not_a_key(), at));
            continue;
        };
        match KEYS.iter().find(|known| **known == name) {
            Some(&known) => {
                spans.push((known, at));
                if let Err(p) = set(&mut keys, known, v, text) {
                    problems.push(p);
                }
            }
            None => problems.push((unknown_key(&name, FrontFormat::Yaml), at)),
        }
    }
    let key_at = |key: &str| {
        spans
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(0..0, |(_, r)| r.clone())
    };
    problems.extend(check_values(&keys, &key_at));
    if problems.is_empty() {
        return Ok(keys);
    }
    problems.sort_by_key(|(_, r)| r.start);
    Err(problems)
}

/// Sets the known key `name` of `keys` to `v`, or the problem of its value.
fn set(keys: &mut Keys, name: &str, v: &MarkedYaml, text: &str) -> Result<(), Problem> {
    let scalar = match &v.data {
        YamlData::Value(s) => Some(s),
        _ => None,
    };
    let wrong = |expected: &str, example: &str| wrong_type(name, expected, example, v, text);
    if matches!(scalar, Some(Scalar::Null)) {
        return Ok(()); // `key:` with no value: as if it were left out
    }
    let string = || match scalar {
        Some(Scalar::String(s)) => Ok(Some(s.to_string())),
        _ => Err(wrong("text", "\"…\"")),
    };
    match name {
        "title" => keys.title = string()?,
        "description" => keys.description = string()?,
        "translation_of" => keys.translation_of = string()?,
        "weight" => match scalar {
            Some(Scalar::Integer(i)) => keys.weight = *i,
            _ => return Err(wrong("a whole number", "1")),
        },
        "draft" => match scalar {
            Some(Scalar::Boolean(b)) => keys.draft = *b,
            _ => return Err(wrong("`true` or `false`", "true")),
        },
        "search_weight" => match scalar {
            Some(Scalar::Integer(i)) => keys.search_weight = Some(*i as f64),
            Some(Scalar::FloatingPoint(f)) => keys.search_weight = Some(f.0),
            _ => return Err(wrong("a number", "0.5")),
        },
        _ => match to_toml(v, text)? {
            Some(toml::Value::Table(t)) => keys.extra = super::Extra(t),
            _ => return Err(wrong("a table of keys", "\n  key: value")),
        },
    }
    Ok(())
}

/// The error of key `name` whose value `v` is not `expected` (`example` shows one).
fn wrong_type(name: &str, expected: &str, example: &str, v: &MarkedYaml, text: &str) -> Problem {
    let at = span(text, v);
    let found = describe(v);
    (
        Diagnostic::error(format!(
            "invalid front matter: `{name}` must be {expected}, not {found}"
        ))
        .with_code("front-matter")
        .with_label(format!("expected {expected}"))
        .with_hint(format!(
            "write `{name}: {example}`; text that YAML would read otherwise (a number, `true`, a date) goes in double quotes"
        )),
        at,
    )
}

/// What kind of value `v` is, in words.
fn describe(v: &MarkedYaml) -> &'static str {
    match &v.data {
        YamlData::Value(Scalar::String(_)) => "text",
        YamlData::Value(Scalar::Integer(_)) => "a whole number",
        YamlData::Value(Scalar::FloatingPoint(_)) => "a number",
        YamlData::Value(Scalar::Boolean(_)) => "a boolean",
        YamlData::Value(Scalar::Null) => "nothing",
        YamlData::Sequence(_) => "a list",
        YamlData::Mapping(_) => "a table",
        _ => "a value of another kind",
    }
}

/// `v` as a TOML value: `None` for a YAML null (which TOML has not), or the problem of a
/// value TOML cannot hold (a null in a list, a key that is not text, a tag or an alias
/// saphyr left unresolved).
fn to_toml(v: &MarkedYaml, text: &str) -> Result<Option<toml::Value>, Problem> {
    Ok(Some(match &v.data {
        YamlData::Value(Scalar::Null) => return Ok(None),
        YamlData::Value(Scalar::Boolean(b)) => toml::Value::Boolean(*b),
        YamlData::Value(Scalar::Integer(i)) => toml::Value::Integer(*i),
        YamlData::Value(Scalar::FloatingPoint(f)) => toml::Value::Float(f.0),
        YamlData::Value(Scalar::String(s)) => {
            let at = span(text, v);
            let quoted = text[at.start..].starts_with(['"', '\'']);
            match s.parse::<toml::value::Datetime>() {
                Ok(d) if !quoted => toml::Value::Datetime(d),
                _ => toml::Value::String(s.to_string()),
            }
        }
        YamlData::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match to_toml(item, text)? {
                    Some(value) => out.push(value),
                    None => return Err(unsupported(text, item, "a list item with no value")),
                }
            }
            toml::Value::Array(out)
        }
        YamlData::Mapping(map) => {
            let mut table = toml::Table::new();
            for (k, value) in map {
                let Some(name) = key_name(k) else {
                    return Err((not_a_key(), span(text, k)));
                };
                if let Some(value) = to_toml(value, text)? {
                    table.insert(name, value);
                }
            }
            toml::Value::Table(table)
        }
        _ => return Err(unsupported(text, v, "a tagged or unresolved value")),
    }))
}

/// The error of a value `extra` cannot hold: `what` says which.
fn unsupported(text: &str, v: &MarkedYaml, what: &str) -> Problem {
    (
        Diagnostic::error(format!("invalid front matter: {what}"))
            .with_code("front-matter")
            .with_hint(
                "`extra` holds text, numbers, booleans, dates, lists and tables, as TOML does",
            ),
        span(text, v),
    )
}

/// The text of a mapping key: a string, or a number or boolean taken as its text (TOML's
/// keys are text); `None` for a list, a table or a null.
fn key_name(k: &MarkedYaml) -> Option<String> {
    match &k.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.0.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        _ => None,
    }
}

/// The error of a mapping key that is not text.
fn not_a_key() -> Diagnostic {
    Diagnostic::error("invalid front matter: a key must be text")
        .with_code("front-matter")
        .with_hint("write `name: value`, the name in letters, digits, `_` and `-`")
}

/// The error of YAML that does not parse, at its place, with a hint. An error met at the
/// end of the text (an unclosed `[` or quote) points after its last character rather than
/// at the closing `---` line.
fn syntax_error(text: &str, e: &ScanError) -> Problem {
    let at = offset(text, e.marker()).min(text.trim_end().len());
    let end = text[at..]
        .chars()
        .next()
        .filter(|c| !c.is_whitespace())
        .map_or(at, |c| at + c.len_utf8());
    let hint = if e.info().contains("duplicated key") {
        "give each key once"
    } else {
        "front matter between `---` lines is YAML: `key: value` lines, the values of `extra` indented under it; text with `: ` or `#` in it goes in double quotes"
    };
    (
        Diagnostic::error(format!("invalid front matter: {}", e.info()))
            .with_code("front-matter")
            .with_hint(hint),
        at..end,
    )
}

/// The byte range of node `v` in `text`.
fn span(text: &str, v: &MarkedYaml) -> Range<usize> {
    let start = offset(text, &v.span.start);
    let end = offset(text, &v.span.end).max(start);
    start..end
}

/// The byte offset in `text` of saphyr's `marker` (which counts characters).
fn offset(text: &str, marker: &Marker) -> usize {
    text.char_indices()
        .nth(marker.index())
        .map_or(text.len(), |(i, _)| i)
}
